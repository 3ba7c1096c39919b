/**
 * Times on the admin page: relative ("3 minutes ago") and absolute in Dutch time (the contact center's), whatever
 * the admin's machine is set to, in the page's language.
 */
const absoluteFormats = new Map<string, Intl.DateTimeFormat>();
const clockFormats = new Map<string, Intl.DateTimeFormat>();
const relativeFormats = new Map<string, Intl.RelativeTimeFormat>();

/** The formatter of `locale` in `map`, made once. */
export const cached = <T>(map: Map<string, T>, locale: string, make: () => T): T => {
  let f = map.get(locale);
  if (!f) {
    f = make();
    map.set(locale, f);
  }
  return f;
};

/** `24 Mar 2026, 14:03:05 CET` (en-GB), `24 mrt 2026, 14:03:05 CET` (nl-NL) or `24 mars 2026, 14:03:05 UTC+1` (fr-BE). */
export function absoluteTime(date: Date, locale: string): string {
  return cached(
    absoluteFormats,
    locale,
    () =>
      new Intl.DateTimeFormat(locale, {
        timeZone: 'Europe/Amsterdam',
        day: 'numeric',
        month: 'short',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        timeZoneName: 'short',
      }),
  ).format(date);
}

/** `14:03:05`, Dutch time. */
export function clockTime(date: Date, locale: string): string {
  return cached(
    clockFormats,
    locale,
    () => new Intl.DateTimeFormat(locale, { timeZone: 'Europe/Amsterdam', hour: '2-digit', minute: '2-digit', second: '2-digit' }),
  ).format(date);
}

const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
];

/** `5 minutes ago`, `in 2 hours`, `now`: the largest whole unit. */
export function relativeTime(date: Date, now: number, locale: string): string {
  const rtf = cached(relativeFormats, locale, () => new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }));
  const seconds = Math.round((date.getTime() - now) / 1000);
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return rtf.format(Math.trunc(seconds / size), unit);
  }
  return rtf.format(seconds, 'second');
}

/** A parsed ISO time, or undefined for null or garbage. */
export function parseTime(iso: string | null | undefined): Date | undefined {
  if (!iso) return undefined;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
