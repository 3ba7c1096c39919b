/**
 * AFAS dates are Amsterdam wall-clock times. The emulator stores them as wall-clock text
 * (`YYYY-MM-DDTHH:mm:ss.mmm`) and never converts time zones, so there is nothing to get wrong.
 */
import type { Random } from './random.js';

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** Calendar arithmetic only: a UTC Date is used as a plain calendar, its zone means nothing here. */
export function wallClock(date: Date, ms = 0): string {
  return (
    `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}` +
    `T${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}.${pad(ms, 3)}`
  );
}

const msPerDay = 86_400_000;
const dayStarts = new Map<string, number>();
const dayTexts = new Map<number, string>();

/** Epoch milliseconds of a `YYYY-MM-DD` day; memoised, as generating 250,000 contacts asks for a few thousand days. */
function dayStart(day: string): number {
  let t = dayStarts.get(day);
  if (t === undefined) {
    t = Date.parse(`${day}T00:00:00Z`);
    dayStarts.set(day, t);
  }
  return t;
}

function dayText(start: number): string {
  let text = dayTexts.get(start);
  if (text === undefined) {
    text = wallClock(new Date(start)).slice(0, 10);
    dayTexts.set(start, text);
  }
  return text;
}

/** A random office-hours moment between two days (inclusive), so no DST gap is ever produced. */
export function randomOfficeTime(rng: Random, fromDay: string, toDay: string): string {
  const from = dayStart(fromDay);
  const day = from + rng.int(0, Math.round((dayStart(toDay) - from) / msPerDay)) * msPerDay;
  const seconds = rng.int(8 * 3600, 18 * 3600 - 1);
  const ms = rng.int(0, 999);
  const time = `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}.${pad(ms, 3)}`;
  return `${dayText(day)}T${time}`;
}

/** A moment after `created`, no later than `untilDay`. */
export function randomLaterTime(rng: Random, created: string, untilDay: string): string {
  const candidate = randomOfficeTime(rng, created.slice(0, 10), untilDay);
  return candidate > created ? candidate : created;
}

/** The wire form: seconds precision and the misleading `Z` AFAS appends to local time. */
export function toAfasJson(stored: string): string {
  return `${stored.slice(0, 19)}Z`;
}

const filterDate = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?$/;

/**
 * Parses a filter value into the stored form, or null when AFAS would refuse it.
 * A trailing `Z` (the form AFAS itself returns) is refused, as third parties observed.
 */
export function parseFilterDate(text: string): string | null {
  const m = filterDate.exec(text.trim());
  if (!m) return null;
  const [y, mo, d, h = '00', mi = '00', s = '00', ms = '0'] = m.slice(1);
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)));
  if (date.getUTCMonth() !== Number(mo) - 1 || date.getUTCDate() !== Number(d) || Number(h) > 23) return null;
  return wallClock(date, Number(ms.padEnd(3, '0')));
}

const amsterdam = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Amsterdam',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** A real moment as AFAS stores it: Amsterdam wall-clock text with milliseconds. */
export function amsterdamWallClock(moment: Date): string {
  const part: Record<string, string> = {};
  for (const p of amsterdam.formatToParts(moment)) part[p.type] = p.value;
  return `${part.year}-${part.month}-${part.day}T${part.hour}:${part.minute}:${part.second}.${pad(moment.getUTCMilliseconds(), 3)}`;
}
