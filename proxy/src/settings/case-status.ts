import { caseStatuses, type CaseStatus } from '../contract.js';
import { AppError } from '../errors.js';
import { ok, problem, type Read } from './read-value.js';

/**
 * The CaseStatus setting maps the raw status values of the case connector (in `ProfitSubjectsAuthorized` the
 * `Stat` column, as AFAS shows it) to the three WebAgent case states.
 *
 * Format: `raw=State` pairs joined by `;`, where State is `New`, `Open` or `Closed` (any case). The raw value
 * is everything before the last `=`, trimmed, and is compared case-insensitively with the connector value.
 * Empty pairs (`;;`, a trailing `;`) are ignored. A raw value listed twice with different states is an error.
 * A published CaseStatus replaces the default as a whole; raw values it does not list count as `Open`.
 */
export const defaultCaseStatus = 'Nieuw=New;In behandeling=Open;Wacht op klant=Open;Afgehandeld=Closed;Gesloten=Closed;Vervallen=Closed';

const states = new Map<string, CaseStatus>(caseStatuses.map((state) => [state.toLowerCase(), state]));

/** Like {@link parseCaseStatus} but returning the problem instead of throwing. */
export function readCaseStatus(value: string): Read<Record<string, CaseStatus>> {
  // No prototype: a status called "constructor" must not find Object.prototype.constructor.
  const map: Record<string, CaseStatus> = Object.create(null) as Record<string, CaseStatus>;
  const pairs = value
    .split(';')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (pairs.length === 0) return problem('expected pairs like Afgehandeld=Closed joined by ";"');
  for (const pair of pairs) {
    const eq = pair.lastIndexOf('=');
    const raw = eq < 0 ? '' : pair.slice(0, eq).trim();
    const state =
      eq < 0
        ? undefined
        : states.get(
            pair
              .slice(eq + 1)
              .trim()
              .toLowerCase(),
          );
    if (raw === '' || state === undefined) {
      return problem(`"${pair}" is not a pair like Afgehandeld=Closed (the state must be New, Open or Closed)`);
    }
    const key = raw.toLowerCase();
    const earlier = map[key];
    if (earlier !== undefined && earlier !== state) return problem(`"${raw}" is mapped to both ${earlier} and ${state}`);
    map[key] = state;
  }
  return ok(map);
}

/**
 * Parses a CaseStatus setting (format above) into raw status (lower-cased) -> New/Open/Closed.
 * Throws AppError('invalid_request') naming the setting and the faulty pair.
 */
export function parseCaseStatus(s: string): Record<string, CaseStatus> {
  const read = readCaseStatus(s);
  if (!read.ok) throw new AppError('invalid_request', `CaseStatus: ${read.problem}`);
  return read.value;
}
