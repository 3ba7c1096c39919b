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
  /**
   * Emulated AFAS/SQL time per GetConnector query, added as a delay on top of `latencyMs`. Default false (off);
   * true = defaultCostModel; an object overrides some of its numbers.
   */
  cost?: Partial<CostModel> | boolean;
}

/** Milliseconds a query costs, by how it reads the table; see README.md ("Cost model"). */
export interface CostModel {
  /** Equality (operator 1) on an indexed int field (ContactId; SbId, BcId): an index seek. Default 30. */
  idEqualityMs: number;
  /** A range on the connector's int key (keyset paging, e.g. `ContactId > N`): fixed part. Default 30. */
  keyRangeMs: number;
  /** …plus this per row it returns. Default 0.02. */
  keyRangePerRowMs: number;
  /** Per 250,000 rows read by a query whose filter has a LIKE (operators 6, 10–14) and no index to use. Default 1000. */
  likeScanMsPer250kRows: number;
  /** Per 250,000 rows read by any other query that cannot use an index (e.g. equality on text). Default 200. */
  scanMsPer250kRows: number;
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
  /** The filter asks for a SQL LIKE (operators 6, 10–14); known on arrival, even if the request then fails. */
  like: boolean;
  /** Rows the emulated database looked at; 0 until the query has run (and for anything that is not a query). */
  rowsScanned: number;
  /** Emulated query time added as a delay (0 with the cost model off). */
  costMs: number;
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
  /** Requests in `requests` whose filter asks for a LIKE; restarts at 0 on resetRequests(). */
  readonly likeQueries: number;
  /** The cost model in force, or null when off. */
  readonly costModel: Readonly<CostModel> | null;
  /**
   * Changes a contact as a user in Profit would: `fields` by field id (as clients see it, renames applied), then
   * ModifiedDate set to now. Throws ContactChangeError: status 404 for an unknown or deleted contact, 400 for an
   * unknown or read-only field (the key, ModifiedDate) or a value of the wrong type.
   */
  updateContact(contactId: number, fields: Record<string, string | number | boolean | null>): void;
  /** Blocked = true and ModifiedDate = now. Throws ContactChangeError (404) for an unknown contact. */
  blockContact(contactId: number): void;
  /** Removes the contact for good. Throws ContactChangeError (404) for an unknown contact. */
  deleteContact(contactId: number): void;
  close(): Promise<void>;
}
