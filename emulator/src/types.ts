/** Public types of the emulator; re-exported by index.ts, which is what other code imports. */

export interface EmulatorOptions {
  /** Default 0: a random free port. */
  port?: number;
  /** Default '127.0.0.1'. */
  host?: string;
  /** The 64-hex `data` value of the one accepted token; default DEMO_TOKEN_DATA. */
  token?: string;
  /** Added to every answer under /ProfitRestServices; default 0. */
  latencyMs?: number;
  /** Rows in Profit_Contacts, the fixed demo rows included; default 2400. */
  contacts?: number;
  /** Seed for the generated (non-demo) data; same seed, same data. */
  seed?: number;
  /** Connector ids; default Profit_Contacts / ProfitSubjectsAuthorized. */
  connectors?: { contacts?: string; cases?: string };
  /** Renames field ids in rows, filters, ordering and metainfo, e.g. { TelWork: 'Telefoon_werk' }. */
  fieldRename?: Record<string, string>;
  /** No per-request log lines. */
  quiet?: boolean;
}

export type FaultMode =
  | 'none'
  | 'slow'
  | 'hang'
  | 'error500'
  | 'unavailable503'
  | 'reset'
  | 'badJson'
  | 'unauthorized401'
  | 'forbidden403'
  | 'notAuthorized500'
  | 'oversized';

export interface Fault {
  mode: FaultMode;
  /** For 'slow': extra delay, default 2500 ms. */
  delayMs?: number;
  /** For 'unavailable503': the body's retry_after, default 30 s. */
  retryAfterSeconds?: number;
  /** Apply to the next N requests only, then back to none; omitted = until cleared. */
  count?: number;
  /** Only requests to this GetConnector (case-insensitive) get the fault; others pass untouched and do not count. */
  connector?: string;
  /** For 'error500': the externalMessage (AFAS can echo a searched value in it). */
  message?: string;
  /** For 'oversized': the size of the 200 body in bytes, default 12 MiB. */
  sizeBytes?: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  /** Raw query string without '?'. */
  query: string;
  authorization: string | undefined;
  at: number;
}

export interface RunningEmulator {
  /** Root, e.g. http://127.0.0.1:43123 */
  url: string;
  /** `${url}/ProfitRestServices/connectors` */
  connectorBaseUrl: string;
  /** `${url}/insite/` */
  insiteUrl: string;
  /** Full XML token `<token><version>1</version><data>HEX</data></token>`. */
  token: string;
  setFault(f: Fault): void;
  clearFault(): void;
  /** Every request to /ProfitRestServices, oldest first. */
  requests: RecordedRequest[];
  /** Empties `requests` (same array) and restarts `inFlightMax` from the current in-flight count. */
  resetRequests(): void;
  /** Highest number of concurrent /ProfitRestServices requests seen. */
  inFlightMax: number;
  close(): Promise<void>;
}
