/** skip/take as AFAS reads them: defaults 0/100, -1/-1 for everything, anything else non-positive fails. */
import { fail } from '../reply.js';
import type { QueryParams } from './params.js';

export interface Paging {
  skip: number;
  take: number;
  all: boolean;
}

function integer(params: QueryParams, name: string, fallback: number): number {
  const text = params.get(name);
  if (text === undefined || text === '') return fallback;
  if (!/^\s*-?\d+\s*$/.test(text)) throw fail();
  return Number(text);
}

export function parsePaging(params: QueryParams): Paging {
  const skip = integer(params, 'skip', 0);
  const take = integer(params, 'take', 100);
  if (skip === -1 && take === -1) return { skip, take, all: true };
  if (skip < 0 || take <= 0) throw fail();
  return { skip, take, all: false };
}

export function page<T>(rows: readonly T[], p: Paging): T[] {
  return p.all ? rows.slice() : rows.slice(p.skip, p.skip + p.take);
}
