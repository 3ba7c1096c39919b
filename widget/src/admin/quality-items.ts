/**
 * The data-quality records as the page lists them: filtered by problem and cut into pages, so a report of 10,000
 * records renders one page of rows at a time.
 */
import { qualityProblems, type QualityItem, type QualityProblem } from './api/admin-types.js';

export const PAGE_SIZE = 50;

export type ProblemFilter = QualityProblem | 'all';

export const isProblemFilter = (v: string): v is ProblemFilter => v === 'all' || (qualityProblems as readonly string[]).includes(v);

export function countByProblem(items: readonly QualityItem[]): Record<QualityProblem, number> {
  const counts: Record<QualityProblem, number> = { unparseable: 0, shared: 0, 'no-phone-or-email': 0 };
  for (const item of items) counts[item.problem] += 1;
  return counts;
}

export const filterItems = (items: readonly QualityItem[], filter: ProblemFilter): readonly QualityItem[] =>
  filter === 'all' ? items : items.filter((i) => i.problem === filter);

export interface ItemPage {
  rows: readonly QualityItem[];
  /** Zero-based, clamped to the pages there are. */
  page: number;
  pages: number;
  /** One-based positions of the first and last row shown (0 and 0 when there are none). */
  from: number;
  to: number;
  total: number;
}

export function pageOf(items: readonly QualityItem[], page: number, size = PAGE_SIZE): ItemPage {
  const pages = Math.max(1, Math.ceil(items.length / size));
  const current = Math.min(Math.max(0, Math.floor(page)), pages - 1);
  const start = current * size;
  const rows = items.slice(start, start + size);
  return { rows, page: current, pages, from: rows.length ? start + 1 : 0, to: start + rows.length, total: items.length };
}
