/**
 * Typed comparison of stored cells with filter values, following SQL Server: text compares without regard
 * to case or trailing spaces, NULL never compares (only "is empty" finds it), and a value that does not
 * convert to the column's type fails the whole request.
 */
import { parseFilterDate } from '../dates.js';
import { fail } from '../reply.js';
import type { Cell, DataType } from '../schema.js';

const collator = new Intl.Collator('nl', { sensitivity: 'accent' });

export type Operand = string | number | boolean;

/** Converts a filter value for comparison with a column; throws AFAS's 500 when SQL would. */
export function toOperand(type: DataType, text: string): Operand {
  switch (type) {
    case 'string':
      return text;
    case 'int':
      if (/^\s*[-+]?\d+\s*$/.test(text)) return Number(text);
      break;
    case 'boolean': {
      const t = text.trim().toLowerCase();
      if (t === 'true' || t === '1') return true;
      if (t === 'false' || t === '0') return false;
      break;
    }
    case 'date': {
      const d = parseFilterDate(text);
      if (d !== null) return d;
      break;
    }
  }
  throw fail(`Conversion failed for value '${text}' (${type})`);
}

/** Orders two non-null cells of one column. */
export function compareCells(type: DataType, a: Operand, b: Operand): number {
  if (type === 'string') return collator.compare(String(a).trimEnd(), String(b).trimEnd());
  if (type === 'date') return a < b ? -1 : a > b ? 1 : 0;
  return Number(a) - Number(b);
}

/** Printable ASCII only: there, the collation's equality is plain case-insensitive equality. */
const printableAscii = /^[\x20-\x7e]*$/;

/**
 * Text equality as compareCells decides it, with a fast path: a scan of 250,000 rows compares this often, and the
 * collator is the slow part. Only text outside printable ASCII (ß = ss, ligatures, …) goes to the collator.
 */
export function textEquals(operand: string): (cell: string) => boolean {
  const trimmed = operand.trimEnd();
  const folded = trimmed.toLowerCase();
  const fast = printableAscii.test(trimmed);
  return (cell) => {
    if (fast && printableAscii.test(cell)) {
      const c = cell.trimEnd();
      return c.length === folded.length && c.toLowerCase() === folded;
    }
    return collator.compare(cell.trimEnd(), trimmed) === 0;
  };
}

/** Sort order with NULL lowest, as SQL Server sorts. */
export function compareForSort(type: DataType, a: Cell, b: Cell): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
  return compareCells(type, a, b);
}

/** The text a LIKE sees for a non-text column (bit as 1/0, dates in ISO form). */
export function likeText(cell: Operand): string {
  if (typeof cell === 'boolean') return cell ? '1' : '0';
  return String(cell);
}
