import type { Store } from 'express-rate-limit';
import type { IndexStore } from '../index/index-store.js';
import type { SettingsPersistence } from '../settings/persistence.js';

export type StoreKind = 'embedded' | 'redis';

/** What operators see of the store (`GET {base}/api/v1/status`): never credentials. */
export interface StoreStatus {
  kind: StoreKind;
  /** `ready`, or `unavailable` while Redis cannot be reached (lookups go on; settings changes are refused). */
  state: 'ready' | 'unavailable';
  /** The folder, or the Redis URL without user and password. */
  location: string;
  /** ISO time of the last change of `state`. */
  since: string;
  lastError?: string;
}

/**
 * Values kept under a key for a while, in one namespace: for later features (remembered picks, the caller index).
 * Keys and values are the caller's; personal data goes in as keyed hashes only.
 */
export interface KeyedRecords {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
  delete(key: string): Promise<void>;
}

/** An answer as the fleet shares it (JSON), with when AFAS gave it and until when it is fresh. */
export interface SharedAnswer<T = unknown> {
  value: T;
  fetchedAt: number;
  freshUntil: number;
  /** May stand in for AFAS while AFAS is down (see services/answer-cache.ts). */
  standIn: boolean;
}

/** Answers fetched by one instance for the others. Never rejects and never throws: a store failure is a miss. */
export interface SharedAnswers {
  read<T>(key: string): Promise<SharedAnswer<T> | undefined>;
  /** Kept for `keepMs` (fresh, then as a stand-in); written in the background. */
  write(key: string, answer: SharedAnswer, keepMs: number): void;
}

/** What one instance tells the others about an AFAS environment. */
export type FleetEvent =
  { kind: 'pause'; retryAfterSeconds: number } | { kind: 'resume' } | { kind: 'breaker-open' } | { kind: 'breaker-closed' };

/** A fleet-wide AFAS slot; released when the request ends (or by itself after its lease time, if the instance dies). */
export interface Lease {
  release(): void;
}

/** The fleet's view of one AFAS environment: its slots and its pause/breaker announcements. */
export interface FleetEnvironment {
  /**
   * One of `limit` fleet-wide slots for one request. `'full'` when none frees before `until` (epoch ms);
   * undefined when the store cannot be reached (the instance's own limit still applies). Rejects when `signal` aborts.
   */
  acquire(limit: number, leaseMs: number, until: number, signal: AbortSignal): Promise<Lease | 'full' | undefined>;
  /** Tells every other instance. Never throws (a store failure only costs the announcement). */
  announce(event: FleetEvent): void;
  /** Events from the other instances (and, on subscribing, a pause in force). */
  onEvent(listener: (event: FleetEvent) => void): void;
}

export interface FleetAfas {
  /** The fleet state of the environment at this REST root. */
  environment(restRoot: string): FleetEnvironment;
}

/**
 * Everything the service keeps beyond one request, behind one interface: the embedded default (files in
 * CRM_DATA_DIR and memory, one instance) or Redis (CRM_REDIS_URL, a fleet).
 */
export interface SharedStore {
  readonly kind: StoreKind;
  status(): StoreStatus;
  settings: SettingsPersistence;
  /** The secret that signs what the service hands out (casesRefs); the same on every instance. */
  signingKey: Buffer;
  /** express-rate-limit counters. */
  rateLimit: Store;
  /** Fleet-wide answers; undefined when one instance's own cache is all there is. */
  answers?: SharedAnswers;
  /** Fleet-wide AFAS slots, pause and breaker; undefined for one instance. */
  afas?: FleetAfas;
  records(namespace: string): KeyedRecords;
  /** The caller index of a set of settings (by its signature), built by one instance for the fleet; undefined: in memory. */
  callerIndex?(signature: string): IndexStore;
  close(): Promise<void>;
}
