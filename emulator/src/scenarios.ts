/**
 * The demo's sample callers. Each points at a fixed demo record (data/demo.ts), so the expectations hold
 * for every seed and contact count; test/emulator/scenarios.test.ts checks them against the served data.
 */
import { demoEmails, demoNames, demoPhones } from './data/demo.js';
import type { Fault } from './types.js';

export interface DemoScenario {
  id: 'known' | 'manyCases' | 'sharedNumber' | 'organisationOnly' | 'unknown' | 'withheld' | 'slow' | 'down' | 'email';
  /** Dutch-English short label. */
  label: string;
  phone?: string;
  email?: string;
  fault?: Fault;
  expect: { status: 'matched' | 'ambiguous' | 'none' | 'anonymous' | 'error'; name?: string };
}

export const demoScenarios: DemoScenario[] = [
  {
    id: 'known',
    label: 'Bekende beller / Known caller',
    phone: demoPhones.known.e164,
    expect: { status: 'matched', name: demoNames.known },
  },
  {
    id: 'manyCases',
    label: 'Veel dossiers / Many cases',
    phone: demoPhones.manyCases.e164,
    expect: { status: 'matched', name: demoNames.manyCases },
  },
  {
    id: 'sharedNumber',
    label: 'Gedeeld nummer / Shared number',
    phone: demoPhones.sharedOrg.e164,
    expect: { status: 'ambiguous' },
  },
  {
    id: 'organisationOnly',
    label: 'Alleen organisatie / Organisation only',
    phone: demoPhones.organisationOnly.e164,
    expect: { status: 'matched', name: demoNames.organisationOnly },
  },
  {
    id: 'unknown',
    label: 'Onbekend nummer / Unknown number',
    phone: demoPhones.unknown.e164,
    expect: { status: 'none' },
  },
  {
    id: 'withheld',
    label: 'Nummer afgeschermd / Withheld number',
    phone: 'anonymous',
    expect: { status: 'anonymous' },
  },
  {
    id: 'slow',
    label: 'AFAS traag / Slow AFAS',
    phone: demoPhones.slow.e164,
    fault: { mode: 'slow', delayMs: 2500 },
    expect: { status: 'matched', name: demoNames.slow },
  },
  {
    id: 'down',
    label: 'AFAS onbereikbaar / AFAS down',
    // A number no other scenario uses, so no earlier answer can be served from a cache.
    phone: demoPhones.emailOrg.e164,
    // A short maintenance window: the service honours retry_after for the whole AFAS environment, so a long one
    // would keep the demo's other callers waiting too.
    fault: { mode: 'unavailable503', retryAfterSeconds: 5 },
    expect: { status: 'error' },
  },
  {
    id: 'email',
    label: 'Beller via e-mail / E-mail caller',
    email: demoEmails.caller,
    expect: { status: 'matched', name: demoNames.email },
  },
];
