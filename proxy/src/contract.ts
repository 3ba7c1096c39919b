/**
 * The zod schemas of the lookup API, built from the shared contract (contract/lookup-api.ts), which holds the
 * lists, types and codes both tiers use. Each schema is checked against the shared type, so the two cannot drift.
 */
import { z } from 'zod';
import {
  answerSources,
  caseStatuses,
  errorCodes,
  labelLanguages,
  lookupStatuses,
  queryTypes,
  searchKinds,
  type CaseDto,
  type CasesErrorDto,
  type CasesPage,
  type ContactDto,
  type ErrorResponse,
  type FieldDto,
  type LabelsDto,
  type LookupResponse,
  type MatchDto,
  type SearchResponse,
} from '../../contract/lookup-api.js';

export * from '../../contract/lookup-api.js';

const errorCode = z.enum(errorCodes as [ErrorResponse['error']['code'], ...ErrorResponse['error']['code'][]]);

export const labelsDto = z.partialRecord(z.enum(labelLanguages), z.string()) satisfies z.ZodType<LabelsDto>;

export const fieldDto = z.object({
  label: z.string(),
  labels: labelsDto.optional(),
  value: z.string(),
  href: z.string().optional(),
}) satisfies z.ZodType<FieldDto>;

export const matchDto = z.object({
  field: z.string(),
  label: z.string(),
  labels: labelsDto.optional(),
  value: z.string(),
  exact: z.boolean(),
  remembered: z.string().optional(),
}) satisfies z.ZodType<MatchDto>;

export const caseDto = z.object({
  id: z.string(),
  subject: z.string(),
  status: z.enum(caseStatuses),
  statusLabel: z.string(),
  date: z.string().nullable(),
  link: z.string().optional(),
  fields: z.array(fieldDto),
}) satisfies z.ZodType<CaseDto>;

export const casesErrorDto = z.object({ code: errorCode, message: z.string() }) satisfies z.ZodType<CasesErrorDto>;

export const contactDto = z.object({
  id: z.string(),
  name: z.string(),
  organisation: z.string().optional(),
  match: matchDto,
  fields: z.array(fieldDto),
  link: z.string().optional(),
  cases: z.array(caseDto),
  moreCases: z.boolean(),
  casesRef: z.string(),
  casesError: casesErrorDto.optional(),
  casesPending: z.literal(true).optional(),
}) satisfies z.ZodType<ContactDto>;

export const lookupResponse = z.object({
  status: z.enum(lookupStatuses),
  query: z.object({ type: z.enum(queryTypes), input: z.string(), normalized: z.string() }),
  contacts: z.array(contactDto),
  source: z.enum(answerSources),
  ageSeconds: z.number().int().nonnegative(),
  newContactLink: z.string().optional(),
}) satisfies z.ZodType<LookupResponse>;

export const searchResponse = z.object({
  query: z.object({ input: z.string(), kind: z.enum(searchKinds) }),
  contacts: z.array(contactDto),
}) satisfies z.ZodType<SearchResponse>;

export const casesPage = z.object({ cases: z.array(caseDto), moreCases: z.boolean() }) satisfies z.ZodType<CasesPage>;

export const errorResponse = z.object({
  error: z.object({ code: errorCode, message: z.string(), reference: z.string().optional() }),
}) satisfies z.ZodType<ErrorResponse>;
