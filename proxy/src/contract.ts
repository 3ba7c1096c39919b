/**
 * The lookup API contract between the service and every agent UI (the caller panel included).
 * The widget imports only the types (`import type`), so zod never reaches the browser bundle.
 */
import { z } from 'zod';

export const lookupStatuses = ['matched', 'ambiguous', 'none', 'anonymous'] as const;
export const caseStatuses = ['New', 'Open', 'Closed'] as const;

export const errorCodes = [
  'invalid_request',
  'unauthorized',
  'forbidden',
  'not_found',
  'rate_limited',
  'upstream_auth',
  'upstream_error',
  'not_configured',
  'upstream_unavailable',
  'upstream_timeout',
  'internal_error',
] as const;

export const fieldDto = z.object({
  label: z.string(),
  value: z.string(),
  href: z.string().optional(),
});

export const matchDto = z.object({
  field: z.string(),
  label: z.string(),
  value: z.string(),
  exact: z.boolean(),
});

export const caseDto = z.object({
  id: z.string(),
  subject: z.string(),
  status: z.enum(caseStatuses),
  statusLabel: z.string(),
  date: z.string().nullable(),
  link: z.string().optional(),
  fields: z.array(fieldDto),
});

/** Why a matched contact's cases are missing (the contact itself was found). */
export const casesErrorDto = z.object({
  code: z.enum(errorCodes),
  message: z.string(),
});

export const contactDto = z.object({
  id: z.string(),
  name: z.string(),
  organisation: z.string().optional(),
  match: matchDto,
  fields: z.array(fieldDto),
  link: z.string().optional(),
  cases: z.array(caseDto),
  moreCases: z.boolean(),
  /** Opaque, signed reference for `GET {base}/api/v1/cases?ref=`: pages this contact's cases. */
  casesRef: z.string(),
  /** Set when the cases could not be loaded: `cases` is then empty; page them again with `casesRef`. */
  casesError: casesErrorDto.optional(),
});

export const lookupResponse = z.object({
  status: z.enum(lookupStatuses),
  query: z.object({
    type: z.enum(['phone', 'email']),
    input: z.string(),
    normalized: z.string(),
  }),
  contacts: z.array(contactDto),
  source: z.enum(['afas', 'cache']),
  ageSeconds: z.number().int().nonnegative(),
});

export const casesPage = z.object({
  cases: z.array(caseDto),
  moreCases: z.boolean(),
});

export const errorResponse = z.object({
  error: z.object({
    code: z.enum(errorCodes),
    message: z.string(),
    reference: z.string().optional(),
  }),
});

export type LookupStatus = (typeof lookupStatuses)[number];
export type CaseStatus = (typeof caseStatuses)[number];
export type ErrorCode = (typeof errorCodes)[number];
export type FieldDto = z.infer<typeof fieldDto>;
export type MatchDto = z.infer<typeof matchDto>;
export type CasesErrorDto = z.infer<typeof casesErrorDto>;
export type CaseDto = z.infer<typeof caseDto>;
export type ContactDto = z.infer<typeof contactDto>;
export type LookupResponse = z.infer<typeof lookupResponse>;
export type CasesPage = z.infer<typeof casesPage>;
export type ErrorResponse = z.infer<typeof errorResponse>;
