/**
 * Structural checks of the admin API's answers: a body of another shape becomes the page's `bad_response` error
 * state instead of a crash mid-render.
 */
import {
  indexStates,
  outcomeKinds,
  qualityProblems,
  refusalKinds,
  type FieldQuality,
  type IndexStatus,
  type LookupOutcomes,
  type QualityItem,
  type QualityReport,
  type RefusedOrigin,
  type RefusedOrigins,
} from './admin-types.js';
import { arrayOf, isObj, isStr, oneOf, optStr } from '../../api/shape.js';

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const isTime = (v: unknown): boolean => isStr(v) && !Number.isNaN(Date.parse(v));
const optTime = (v: unknown): boolean => v === null || isTime(v);

const isProgress = (v: unknown): boolean => v === undefined || (isObj(v) && isCount(v.contactsRead) && isCount(v.pages));
const isLastError = (v: unknown): boolean => v === undefined || (isObj(v) && isStr(v.code) && isStr(v.message) && isTime(v.at));

export const isIndexStatus = (v: unknown): v is IndexStatus =>
  isObj(v) &&
  oneOf(v.state, indexStates) &&
  isCount(v.contacts) &&
  isCount(v.values) &&
  optTime(v.builtAt) &&
  optTime(v.refreshedAt) &&
  (v.refresh === 'incremental' || v.refresh === 'full-rebuilds') &&
  isCount(v.refreshSeconds) &&
  isProgress(v.progress) &&
  isLastError(v.lastError);

const isUccOutcome = (v: unknown): v is LookupOutcomes['uccs'][number] =>
  isObj(v) && isStr(v.ucc) && outcomeKinds.every((k) => isCount(v[k]));

export const isLookupOutcomes = (v: unknown): v is LookupOutcomes =>
  isObj(v) && isTime(v.since) && isCount(v.hours) && arrayOf(v.uccs, isUccOutcome);

const isFieldQuality = (v: unknown): v is FieldQuality =>
  isObj(v) &&
  isStr(v.field) &&
  isStr(v.label) &&
  (v.kind === 'phone' || v.kind === 'email') &&
  isCount(v.values) &&
  isCount(v.parsed) &&
  isCount(v.unparseable);

const isQualityItem = (v: unknown): v is QualityItem =>
  isObj(v) && isStr(v.contactId) && isStr(v.field) && oneOf(v.problem, qualityProblems) && optStr(v.link);

export const isQualityReport = (v: unknown): v is QualityReport =>
  isObj(v) &&
  isTime(v.builtAt) &&
  isCount(v.contacts) &&
  isCount(v.phoneValues) &&
  isCount(v.parsed) &&
  isCount(v.unparseable) &&
  isCount(v.shared) &&
  isCount(v.contactsWithoutPhoneOrEmail) &&
  arrayOf(v.fields, isFieldQuality) &&
  arrayOf(v.items, isQualityItem) &&
  typeof v.truncated === 'boolean';

const isRefusedOrigin = (v: unknown): v is RefusedOrigin => isObj(v) && isStr(v.origin) && isCount(v.count) && isTime(v.lastAt);

/** A list per kind. The origins come from unauthenticated reports: checked only as strings, and shown only as text. */
const isRefusedOrigins = (v: unknown): v is RefusedOrigins => isObj(v) && refusalKinds.every((kind) => arrayOf(v[kind], isRefusedOrigin));

/** `GET status` with its `refusedOrigins` (the rest of the status is not checked: the page does not read it). */
export const hasRefusedOrigins = (v: unknown): v is { refusedOrigins: RefusedOrigins } => isObj(v) && isRefusedOrigins(v.refusedOrigins);
