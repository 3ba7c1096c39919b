// `npm run emulator`: the AFAS emulator on its own. Env: PORT (default 0 = any free port), HOST, LATENCY_MS, SEED,
// CONTACTS (e.g. 250000 for a large AFAS), COST_MODEL (1 = the default cost model, or JSON overriding some of its
// numbers, e.g. {"likeScanMsPer250kRows":2000}), CONNECTORS (`<contacts id>,<cases id>`) and FIELD_RENAME (JSON, e.g.
// {"TelWork":"Telefoon_werk"}) to play an environment whose connectors and field ids are not the standard ones.
import { demoScenarios, startEmulator, type CostModel } from './index.js';

function envInt(name: string): number | undefined {
  const v = process.env[name];
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${v}"`);
  return n;
}

function costOption(v: string | undefined): Partial<CostModel> | boolean {
  if (v === undefined || v === '' || v === '0' || v === 'false') return false;
  if (v === '1' || v === 'true') return true;
  return JSON.parse(v) as Partial<CostModel>; // checked by startEmulator
}

const started = performance.now();
const emulator = await startEmulator({
  port: envInt('PORT'),
  host: process.env.HOST || undefined,
  latencyMs: envInt('LATENCY_MS'),
  seed: envInt('SEED'),
  contacts: envInt('CONTACTS'),
  cost: costOption(process.env.COST_MODEL),
  connectors: connectorIds(process.env.CONNECTORS),
  fieldRename: process.env.FIELD_RENAME ? (JSON.parse(process.env.FIELD_RENAME) as Record<string, string>) : undefined,
});

function connectorIds(v: string | undefined): { contacts?: string; cases?: string } | undefined {
  if (!v) return undefined;
  const [contacts, cases] = v.split(',').map((s) => s.trim());
  return { contacts: contacts || undefined, cases: cases || undefined };
}

const startSeconds = ((performance.now() - started) / 1000).toFixed(1);
const rssMb = Math.round(process.memoryUsage().rss / 1e6);
const cost = emulator.costModel ? JSON.stringify(emulator.costModel) : 'off (COST_MODEL=1 turns it on)';
const header = `AfasToken ${Buffer.from(emulator.token).toString('base64')}`;
console.log(`
  AFAS Profit emulator (fictional data)
    Connectors:  ${emulator.connectorBaseUrl}
    InSite:      ${emulator.insiteUrl}
    Token:       ${emulator.token}
    Header:      Authorization: ${header}
    Try:         curl -H 'Authorization: ${header.replace(/'/g, "'\\''")}' '${emulator.connectorBaseUrl}/Profit_Contacts?take=2&orderbyfieldids=ContactId'
    Demo callers: ${demoScenarios.map((s) => `${s.id}=${s.phone ?? s.email ?? ''}`).join(', ')}
    Data:        ${Math.max(17, envInt('CONTACTS') ?? 2400).toLocaleString('en')} contacts, ready in ${startSeconds} s (RSS ${rssMb} MB)
    Cost model:  ${cost}
  Press Ctrl+C to stop.
`);

const stop = (): void => {
  void emulator.close().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
