/**
 * Small structural checks of the service's answers, so a malformed body becomes a designed error state instead of a
 * crash mid-render. The allowed values come from the contract's own lists (contract/lookup-api.ts, the same lists
 * the service builds its zod schemas from), so zod stays out of the browser and no list is written twice.
 */
import {
  answerSources,
  caseStatuses,
  lookupStatuses,
  queryTypes,
  type CaseDto,
  type CasesPage,
  type ContactDto,
  type FieldDto,
  type LookupResponse,
} from '../../../contract/lookup-api.js';
import { arrayOf, isObj, isStr, oneOf, optStr } from './shape.js';

/**
 * Why a found contact has no cases. The code is only checked to be a string: a code this panel does not know yet (a
 * newer service) must not throw away the contact; the panel reads it as `internal_error`.
 */
const isCasesError = (v: unknown): boolean => isObj(v) && isStr(v.code) && isStr(v.message);

const isField = (v: unknown): v is FieldDto => isObj(v) && isStr(v.label) && isStr(v.value) && optStr(v.href);

const isCase = (v: unknown): v is CaseDto =>
  isObj(v) &&
  isStr(v.id) &&
  isStr(v.subject) &&
  oneOf(v.status, caseStatuses) &&
  isStr(v.statusLabel) &&
  (v.date === null || isStr(v.date)) &&
  optStr(v.link) &&
  arrayOf(v.fields, isField);

export const isContact = (v: unknown): v is ContactDto =>
  isObj(v) &&
  isStr(v.id) &&
  isStr(v.name) &&
  optStr(v.organisation) &&
  isObj(v.match) &&
  isStr(v.match.label) &&
  isStr(v.match.value) &&
  typeof v.match.exact === 'boolean' &&
  arrayOf(v.fields, isField) &&
  optStr(v.link) &&
  arrayOf(v.cases, isCase) &&
  typeof v.moreCases === 'boolean' &&
  isStr(v.casesRef) &&
  (v.casesError === undefined || isCasesError(v.casesError)) &&
  (v.casesPending === undefined || v.casesPending === true) &&
  optStr(v.match.remembered);

export const isLookupResponse = (v: unknown): v is LookupResponse =>
  isObj(v) &&
  oneOf(v.status, lookupStatuses) &&
  isObj(v.query) &&
  oneOf(v.query.type, queryTypes) &&
  isStr(v.query.input) &&
  isStr(v.query.normalized) &&
  arrayOf(v.contacts, isContact) &&
  oneOf(v.source, answerSources) &&
  typeof v.ageSeconds === 'number' &&
  v.ageSeconds >= 0 &&
  optStr(v.newContactLink);

export const isCasesPage = (v: unknown): v is CasesPage => isObj(v) && arrayOf(v.cases, isCase) && typeof v.moreCases === 'boolean';

export interface ErrorBody {
  code: string;
  message: string;
  reference?: string;
}

export const errorBodyOf = (v: unknown): ErrorBody | undefined =>
  isObj(v) && isObj(v.error) && isStr(v.error.code) && isStr(v.error.message) && optStr(v.error.reference)
    ? { code: v.error.code, message: v.error.message, ...(isStr(v.error.reference) ? { reference: v.error.reference } : {}) }
    : undefined;
