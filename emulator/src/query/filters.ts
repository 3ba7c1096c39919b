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
import { compareCells, likeText, toOperand } from './values.js';

export interface Condition {
  field: ConnectorField;
  operator: number;
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
  return { field, operator, test: predicate(field, operator, raw.value) };
}

function predicate(field: ConnectorField, operator: number, value: string): (cell: Cell) => boolean {
  if (operator === 8) return (cell) => cell === null || cell === '';
  if (operator === 9) return (cell) => cell !== null && cell !== '';
  if (positiveLike.has(operator) || negativeLike.has(operator)) {
    const re = likeToRegExp(wrapForOperator(operator, value));
    const wanted = positiveLike.has(operator);
    return (cell) => cell !== null && re.test(likeText(cell)) === wanted;
  }
  const operand = toOperand(field.dataType, value);
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

/** Both forms may be sent; a row must then satisfy each. */
export function parseFilters(params: QueryParams, connector: Connector): Disjunction[] {
  return [compactFilter(params, connector), jsonFilterOf(params, connector)].filter((d): d is Disjunction => d !== null);
}

export function rowMatches(row: Row, filters: readonly Disjunction[]): boolean {
  return filters.every((groups) => groups.some((group) => group.every((c) => c.test(row[c.field.canonical]))));
}
