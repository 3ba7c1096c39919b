/**
 * Filters: the compact form (`filterfieldids` / `filtervalues` / `operatortypes`, `;` = OR, `,` = AND) and
 * `filterjson` (Fields in a Filter ANDed, Filters ORed). Values are decoded before splitting, so an
 * encoded comma still splits, exactly the limitation AFAS has.
 */
import { z } from 'zod';
import type { Connector, ConnectorField } from '../connectors.js';
import { fail } from '../reply.js';
import type { Cell, Row } from '../schema.js';
import { likeToRegExp, wrapForOperator } from './like.js';
import type { QueryParams } from './params.js';
import { compareCells, likeText, textEquals, toOperand, type Operand } from './values.js';

export interface Condition {
  field: ConnectorField;
  operator: number;
  /** The value converted to the column type, for the comparison operators (1–5, 7); null for the others. */
  operand: Operand | null;
  test: (cell: Cell) => boolean;
}

/** OR over groups, AND inside a group. */
export type Disjunction = Condition[][];

interface RawCondition {
  fieldId: string;
  operator: string;
  value: string;
}

const positiveLike = new Set([6, 10, 13]);
const negativeLike = new Set([11, 12, 14]);

/** Operators AFAS runs as SQL `LIKE`: contains, starts with, ends with and their negations. */
export const isLikeOperator = (operator: number): boolean => positiveLike.has(operator) || negativeLike.has(operator);
const comparisons = new Set([1, 2, 3, 4, 5, 7]);

export function fieldOf(connector: Connector, id: string): ConnectorField {
  const field = connector.byId.get(id);
  if (!field) throw fail(`Connector field '${id}' not found`);
  return field;
}

function compile(connector: Connector, raw: RawCondition): Condition {
  const field = fieldOf(connector, raw.fieldId);
  if (!/^\s*\d+\s*$/.test(raw.operator)) throw fail();
  const operator = Number(raw.operator);
  // 15 is AFAS's quick filter ("snelfilter"), an expression language this emulator does not speak.
  if (operator < 1 || operator > 14) throw fail();
  const operand = comparisons.has(operator) ? toOperand(field.dataType, raw.value) : null;
  return { field, operator, operand, test: predicate(field, operator, raw.value, operand) };
}

function predicate(field: ConnectorField, operator: number, value: string, operand: Operand | null): (cell: Cell) => boolean {
  if (operator === 8) return (cell) => cell === null || cell === '';
  if (operator === 9) return (cell) => cell !== null && cell !== '';
  if (isLikeOperator(operator)) {
    const re = likeToRegExp(wrapForOperator(operator, value));
    const wanted = positiveLike.has(operator);
    return (cell) => (typeof cell === 'string' ? re.test(cell) === wanted : cell !== null && re.test(likeText(cell)) === wanted);
  }
  if (operand === null) throw new Error(`operator ${operator} without operand`);
  if (field.dataType === 'string' && (operator === 1 || operator === 7)) {
    const equal = textEquals(String(operand));
    return operator === 1 ? (cell) => cell !== null && equal(String(cell)) : (cell) => cell !== null && !equal(String(cell));
  }
  const accept: (c: number) => boolean =
    operator === 1
      ? (c) => c === 0
      : operator === 2
        ? (c) => c >= 0
        : operator === 3
          ? (c) => c <= 0
          : operator === 4
            ? (c) => c > 0
            : operator === 5
              ? (c) => c < 0
              : (c) => c !== 0;
  return (cell) => cell !== null && accept(compareCells(field.dataType, cell, operand));
}

const split = (text: string): string[][] => text.split(';').map((group) => group.split(','));

function compactFilter(params: QueryParams, connector: Connector): Disjunction | null {
  const ids = params.get('filterfieldids') ?? '';
  const values = params.get('filtervalues');
  const operators = params.get('operatortypes');
  if (ids === '') {
    if ((values ?? '') !== '' || (operators ?? '') !== '') throw fail();
    return null;
  }
  if (operators === undefined) throw fail();
  const idGroups = split(ids);
  const valueGroups = split(values ?? '');
  const operatorGroups = split(operators);
  const sameShape =
    idGroups.length === valueGroups.length &&
    idGroups.length === operatorGroups.length &&
    idGroups.every((g, i) => g.length === valueGroups[i].length && g.length === operatorGroups[i].length);
  if (!sameShape) throw fail();
  return idGroups.map((group, i) =>
    group.map((fieldId, j) => compile(connector, { fieldId, value: valueGroups[i][j], operator: operatorGroups[i][j] })),
  );
}

const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const jsonField = z.object({ '@FieldId': z.string(), '@OperatorType': z.union([z.string(), z.number()]), '#text': scalar.optional() });
const jsonGroup = z.object({ '@FilterId': z.string().optional(), Field: z.union([jsonField, z.array(jsonField).min(1)]) });
const jsonFilter = z.object({ Filters: z.object({ Filter: z.union([jsonGroup, z.array(jsonGroup).min(1)]) }) });

const asArray = <T>(v: T | T[]): T[] => (Array.isArray(v) ? v : [v]);

function jsonFilterOf(params: QueryParams, connector: Connector): Disjunction | null {
  const text = params.get('filterjson');
  if (text === undefined || text === '') return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw fail('invalid json filter');
  }
  const parsed = jsonFilter.safeParse(value);
  if (!parsed.success) throw fail('invalid json filter');
  return asArray(parsed.data.Filters.Filter).map((group) =>
    asArray(group.Field).map((f) =>
      compile(connector, {
        fieldId: f['@FieldId'],
        operator: String(f['@OperatorType']),
        value: f['#text'] === undefined || f['#text'] === null ? '' : String(f['#text']),
      }),
    ),
  );
}

/**
 * Whether the request asks for a LIKE anywhere, read from the operators alone: known even when the request is
 * refused or a fault stops it before the filter runs.
 */
export function requestsLike(params: QueryParams): boolean {
  const compactOperators = split(params.get('operatortypes') ?? '').flat();
  if (compactOperators.some((op) => isLikeOperator(Number(op)))) return true;
  const text = params.get('filterjson');
  if (text === undefined || text === '') return false;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return false;
  }
  const parsed = jsonFilter.safeParse(value);
  if (!parsed.success) return false;
  return asArray(parsed.data.Filters.Filter).some((g) => asArray(g.Field).some((f) => isLikeOperator(Number(f['@OperatorType']))));
}

/** Whether any condition is a LIKE. */
export function usesLike(filters: readonly Disjunction[]): boolean {
  return filters.some((d) => d.some((group) => group.some((c) => isLikeOperator(c.operator))));
}

/** Both forms may be sent; a row must then satisfy each. */
export function parseFilters(params: QueryParams, connector: Connector): Disjunction[] {
  return [compactFilter(params, connector), jsonFilterOf(params, connector)].filter((d): d is Disjunction => d !== null);
}

/**
 * One test for the whole filter: every disjunction holds (OR over groups, AND inside a group). It runs per row of a
 * scan, so it reads each column it needs once per row (16 conditions on 4 phone fields read 4 cells, not 16) and
 * uses plain loops.
 */
export function rowMatcher(filters: readonly Disjunction[]): (row: Row) => boolean {
  const columns = [...new Set(filters.flat(2).map((c) => c.field.canonical))];
  const slot = new Map(columns.map((column, i) => [column, i]));
  const compiled = filters.map((d) => d.map((group) => group.map((c) => ({ slot: slot.get(c.field.canonical) ?? 0, test: c.test }))));
  const cells: Cell[] = new Array<Cell>(columns.length).fill(null);
  return (row) => {
    for (let i = 0; i < columns.length; i++) cells[i] = row[columns[i]];
    for (const groups of compiled) {
      let any = false;
      for (const group of groups) {
        let all = true;
        for (const c of group) {
          if (!c.test(cells[c.slot])) {
            all = false;
            break;
          }
        }
        if (all) {
          any = true;
          break;
        }
      }
      if (!any) return false;
    }
    return true;
  };
}
