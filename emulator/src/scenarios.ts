/**
 * The demo's sample callers. Each points at a fixed demo record (data/demo.ts), so the expectations hold
 * for every seed and contact count; test/emulator/scenarios.test.ts checks them against the served data.
 */
import { demoEmails, demoNames, demoPhones } from './data/demo.js';
import type { Fault } from './types.js';

/** The languages of the demo desk (and of the caller panel and admin page). */
export type DemoLang = 'nl' | 'en' | 'fr';

export interface DemoScenario {
  id:
    | 'known'
    | 'manyCases'
    | 'sharedNumber'
    | 'organisationOnly'
    | 'unknown'
    | 'withheld'
    | 'slow'
    | 'down'
    | 'email'
    | 'sharedRemembered'
    | 'foundBySearch';
  /** Short label per language. */
  labels: Record<DemoLang, string>;
  /** `Dutch / English` label (the labels before there were three languages; kept for what still reads it). */
  label: string;
  phone?: string;
  email?: string;
  fault?: Fault;
  /**
   * What the caller says, for a caller the number does not identify: the desk shows `hint` once the agent is rung, and
   * a search for `text` (a word in a name or organisation) finds `name`.
   */
  search?: { text: string; name: string; hint: Record<DemoLang, string> };
  /**
   * `status` and `name`: what AFAS's data gives for the number or address alone (checked against the emulator).
   * `remembered`: the contact the demo's service puts first for it (`match.remembered`), because scripts/demo.ts
   * remembers that pick at start through the service's picks API; the emulator alone knows nothing of picks.
   */
  expect: { status: 'matched' | 'ambiguous' | 'none' | 'anonymous' | 'error'; name?: string; remembered?: string };
}

type ScenarioInput = Omit<DemoScenario, 'label'>;

const scenario = (s: ScenarioInput): DemoScenario => ({ ...s, label: `${s.labels.nl} / ${s.labels.en}` });

const scenarios: ScenarioInput[] = [
  {
    id: 'known',
    labels: { nl: 'Bekende beller', en: 'Known caller', fr: 'Appelant connu' },
    phone: demoPhones.known.e164,
    expect: { status: 'matched', name: demoNames.known },
  },
  {
    id: 'manyCases',
    labels: { nl: 'Veel dossiers', en: 'Many cases', fr: 'Nombreux dossiers' },
    phone: demoPhones.manyCases.e164,
    expect: { status: 'matched', name: demoNames.manyCases },
  },
  {
    id: 'sharedNumber',
    labels: { nl: 'Gedeeld nummer', en: 'Shared number', fr: 'Numéro partagé' },
    phone: demoPhones.sharedOrg.e164,
    expect: { status: 'ambiguous' },
  },
  {
    id: 'organisationOnly',
    labels: { nl: 'Alleen organisatie', en: 'Organisation only', fr: 'Organisation uniquement' },
    phone: demoPhones.organisationOnly.e164,
    expect: { status: 'matched', name: demoNames.organisationOnly },
  },
  {
    id: 'unknown',
    labels: { nl: 'Onbekend nummer', en: 'Unknown number', fr: 'Numéro inconnu' },
    phone: demoPhones.unknown.e164,
    expect: { status: 'none' },
  },
  {
    id: 'withheld',
    labels: { nl: 'Nummer afgeschermd', en: 'Withheld number', fr: 'Numéro masqué' },
    phone: 'anonymous',
    expect: { status: 'anonymous' },
  },
  {
    id: 'slow',
    labels: { nl: 'AFAS traag met dossiers', en: 'Slow AFAS (cases)', fr: 'AFAS lent (dossiers)' },
    phone: demoPhones.slow.e164,
    // Only the cases are slow: the panel shows the contact as soon as AFAS has answered for it, the cases follow.
    fault: { mode: 'slow', delayMs: 2500, connector: 'ProfitSubjectsAuthorized' },
    expect: { status: 'matched', name: demoNames.slow },
  },
  {
    id: 'down',
    labels: { nl: 'AFAS onbereikbaar', en: 'AFAS down', fr: 'AFAS indisponible' },
    // A number no other scenario uses, so no earlier answer can be served from a cache.
    phone: demoPhones.emailOrg.e164,
    // A short maintenance window: the service honours retry_after for the whole AFAS environment, so a long one
    // would keep the demo's other callers waiting too.
    fault: { mode: 'unavailable503', retryAfterSeconds: 5 },
    expect: { status: 'error' },
  },
  {
    id: 'email',
    labels: { nl: 'Beller via e-mail', en: 'E-mail caller', fr: 'Contact par e-mail' },
    email: demoEmails.caller,
    expect: { status: 'matched', name: demoNames.email },
  },
  {
    // Not the sharedNumber scenario, which must keep showing the choice: a number nobody has picked for.
    id: 'sharedRemembered',
    labels: { nl: 'Gedeeld nummer, keuze onthouden', en: 'Shared number, pick remembered', fr: 'Numéro partagé, choix mémorisé' },
    phone: demoPhones.sharedRememberedOrg.e164,
    expect: { status: 'ambiguous', remembered: demoNames.sharedRemembered },
  },
  {
    id: 'foundBySearch',
    labels: { nl: 'Onbekend nummer, zoeken op naam', en: 'Unknown number, found by search', fr: 'Numéro inconnu, trouvé par recherche' },
    phone: demoPhones.foundBySearchCaller.e164,
    search: {
      text: 'Zonnestraal',
      name: demoNames.foundBySearch,
      hint: {
        nl: `De beller zegt: „Met ${demoNames.foundBySearch} van ${demoNames.foundBySearchOrg}. Ik bel vanaf onze nieuwe locatie.”`,
        en: `The caller says: “This is ${demoNames.foundBySearch} from ${demoNames.foundBySearchOrg}, calling from our new location.”`,
        fr: `L’appelante dit : « Bonjour, c’est ${demoNames.foundBySearch}, de ${demoNames.foundBySearchOrg}. J’appelle depuis notre nouveau site. »`,
      },
    },
    expect: { status: 'none' },
  },
];

export const demoScenarios: DemoScenario[] = scenarios.map(scenario);
