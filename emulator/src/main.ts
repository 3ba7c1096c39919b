// `npm run emulator`: the AFAS emulator on its own. Env: PORT (default 0 = any free port), HOST, LATENCY_MS, SEED,
// CONTACTS, CONNECTORS (`<contacts id>,<cases id>`) and FIELD_RENAME (JSON, e.g. {"TelWork":"Telefoon_werk"}) to play an
// environment whose connectors and field ids are not the standard ones.
import { demoScenarios, startEmulator } from './index.js';

function envInt(name: string): number | undefined {
  const v = process.env[name];
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${v}"`);
  return n;
}

const emulator = await startEmulator({
  port: envInt('PORT'),
  host: process.env.HOST || undefined,
  latencyMs: envInt('LATENCY_MS'),
  seed: envInt('SEED'),
  contacts: envInt('CONTACTS'),
  connectors: connectorIds(process.env.CONNECTORS),
  fieldRename: process.env.FIELD_RENAME ? (JSON.parse(process.env.FIELD_RENAME) as Record<string, string>) : undefined,
});

function connectorIds(v: string | undefined): { contacts?: string; cases?: string } | undefined {
  if (!v) return undefined;
  const [contacts, cases] = v.split(',').map((s) => s.trim());
  return { contacts: contacts || undefined, cases: cases || undefined };
}

const header = `AfasToken ${Buffer.from(emulator.token).toString('base64')}`;
console.log(`
  AFAS Profit emulator (fictional data)
    Connectors:  ${emulator.connectorBaseUrl}
    InSite:      ${emulator.insiteUrl}
    Token:       ${emulator.token}
    Header:      Authorization: ${header}
    Try:         curl -H 'Authorization: ${header.replace(/'/g, "'\\''")}' '${emulator.connectorBaseUrl}/Profit_Contacts?take=2&orderbyfieldids=ContactId'
    Demo callers: ${demoScenarios.map((s) => `${s.id}=${s.phone ?? s.email ?? ''}`).join(', ')}
  Press Ctrl+C to stop.
`);

const stop = (): void => {
  void emulator.close().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
