/**
 * Decoding AFAS dates. AFAS writes Amsterdam wall-clock time with a misleading `Z`; the service hands out ISO 8601
 * with the real offset.
 */
const offsetFormat = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Amsterdam', timeZoneName: 'longOffset' });

/** Offsets by wall-clock hour: formatToParts is slow and a case list repeats the same days. */
const offsetByHour = new Map<number, number>();

/** Minutes east of UTC in Amsterdam at the given instant. */
function amsterdamOffsetMinutes(instant: number): number {
  const hour = Math.floor(instant / 3_600_000);
  const known = offsetByHour.get(hour);
  if (known !== undefined) return known;
  const minutes = computeOffsetMinutes(instant);
  if (offsetByHour.size > 50_000) offsetByHour.clear();
  offsetByHour.set(hour, minutes);
  return minutes;
}

function computeOffsetMinutes(instant: number): number {
  const name = offsetFormat.formatToParts(instant).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  if (!m) return 0;
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  return m[1] === '-' ? -minutes : minutes;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * AFAS writes Amsterdam wall-clock time with a misleading `Z`. Returns ISO 8601 with the real Amsterdam offset
 * (`2026-11-20T09:12:00+01:00`), or undefined for text that is not such a date.
 */
export function afasDateToIso(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?Z?$/.exec(value.trim());
  if (!m) return undefined;
  const [y, mo, d, h = '0', mi = '0', s = '0'] = m.slice(1);
  const wallAsUtc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (Number.isNaN(wallAsUtc)) return undefined;
  // The offset depends on the instant, which depends on the offset: two rounds settle it, DST edges included.
  let offset = amsterdamOffsetMinutes(wallAsUtc - 60 * 60_000);
  offset = amsterdamOffsetMinutes(wallAsUtc - offset * 60_000);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${y}-${mo}-${d}T${pad(Number(h))}:${pad(Number(mi))}:${pad(Number(s))}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** An instant as AFAS expects a date in a filter: Amsterdam wall-clock time, `YYYY-MM-DDTHH:mm:ss`, without a zone. */
export function afasDateOf(instant: number): string {
  const wall = new Date(instant + amsterdamOffsetMinutes(instant) * 60_000);
  return wall.toISOString().slice(0, 19);
}

/** The next 03:00 in Amsterdam after `instant`: when the night is quiet for AFAS and for the contact center. */
export function nextAmsterdamNight(instant: number, hour = 3): number {
  const wall = new Date(instant + amsterdamOffsetMinutes(instant) * 60_000);
  let at = Date.UTC(wall.getUTCFullYear(), wall.getUTCMonth(), wall.getUTCDate(), hour) - amsterdamOffsetMinutes(instant) * 60_000;
  while (at <= instant) at += 24 * 3_600_000;
  return at;
}
