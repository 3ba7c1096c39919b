/** Shared helpers for the emulator tests: everything goes over real HTTP. */
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../emulator/src/index.js';

export type WireRow = Record<string, string | number | boolean | null>;

export interface Answer {
  status: number;
  text: string;
  headers: Headers;
}

export function authHeader(tokenXml: string): string {
  return `AfasToken ${Buffer.from(tokenXml, 'utf8').toString('base64')}`;
}

export class Client {
  constructor(readonly emu: RunningEmulator) {}

  static async start(opts: EmulatorOptions = {}): Promise<Client> {
    return new Client(await startEmulator({ quiet: true, ...opts }));
  }

  /** GET a path under the emulator root, with the good token unless `authorization` is given (null = none). */
  async get(path: string, authorization: string | null = authHeader(this.emu.token), signal?: AbortSignal): Promise<Answer> {
    const headers: Record<string, string> = {};
    if (authorization !== null) headers.Authorization = authorization;
    const res = await fetch(`${this.emu.url}${path}`, { headers, signal });
    return { status: res.status, text: await res.text(), headers: res.headers };
  }

  /** GET a connector with a raw query string; expects 200 and returns the parsed body. */
  async rows(connector: string, query: string): Promise<{ skip: number; take: number; rows: WireRow[] }> {
    const a = await this.get(`/ProfitRestServices/connectors/${connector}?${query}`);
    if (a.status !== 200) throw new Error(`expected 200, got ${a.status}: ${a.text}`);
    return JSON.parse(a.text) as { skip: number; take: number; rows: WireRow[] };
  }

  /** Contacts matching a compact filter, all rows, ordered by ContactId. */
  async contacts(filter: string): Promise<WireRow[]> {
    return (await this.rows('Profit_Contacts', `${filter}&skip=-1&take=-1&orderbyfieldids=ContactId`)).rows;
  }

  close(): Promise<void> {
    return this.emu.close();
  }
}

/** `filterfieldids=..&filtervalues=..&operatortypes=..`, each part encoded with encodeURIComponent. */
export function compact(fields: string, values: string, operators: string): string {
  const e = encodeURIComponent;
  return `filterfieldids=${e(fields)}&filtervalues=${e(values)}&operatortypes=${e(operators)}`;
}

/** Parses a 500 body and checks AFAS's error shape. */
export function profitError(text: string): { externalMessage: string; errorNumber: number; profitLogReference: string } {
  const body = JSON.parse(text) as { externalMessage: string; errorNumber: number; profitLogReference: string };
  if (
    typeof body.externalMessage !== 'string' ||
    typeof body.errorNumber !== 'number' ||
    !/^[0-9A-F]{32}$/i.test(body.profitLogReference)
  ) {
    throw new Error(`not an AFAS error body: ${text}`);
  }
  return body;
}

/** Reduces any notation to `31:612345678` (written independently of the emulator's own helper). */
export function numberKey(text: string): string {
  const plus = text.trim().startsWith('+');
  let d = text.replace('(0)', '').replace(/\D/g, '');
  if (!plus) d = d.startsWith('00') ? d.slice(2) : d.startsWith('0') ? `31${d.slice(1)}` : d;
  return `${d.slice(0, 2)}:${d.slice(2)}`;
}
