/**
 * The emulated AFAS/SQL Server time of a GetConnector query, added as a delay (never by burning CPU) so that a
 * client can be benchmarked against a large AFAS on a small machine. README.md ("Cost model") explains the numbers.
 */
import { z } from 'zod';
import type { QueryStats } from './query/run.js';
import type { CostModel } from './types.js';

/** Scan rates are given per this many rows: the size of a large AFAS contact table. */
export const rowsPerRate = 250_000;

export const defaultCostModel: Readonly<CostModel> = {
  idEqualityMs: 30,
  keyRangeMs: 30,
  keyRangePerRowMs: 0.02,
  likeScanMsPer250kRows: 1000,
  scanMsPer250kRows: 200,
};

const ms = z.number().finite().min(0).max(600_000);
export const costModelSchema = z
  .object({
    idEqualityMs: ms,
    keyRangeMs: ms,
    keyRangePerRowMs: ms,
    likeScanMsPer250kRows: ms,
    scanMsPer250kRows: ms,
  })
  .partial()
  .strict();

/** The model in force: null when off (the default), the defaults for `true`, the defaults overridden by an object. */
export function costModelOf(option: Partial<CostModel> | boolean | undefined): CostModel | null {
  if (option === undefined || option === false) return null;
  if (option === true) return { ...defaultCostModel };
  return { ...defaultCostModel, ...costModelSchema.parse(option) };
}

/**
 * An index seek costs a constant; a key range a constant plus a little per row it returns; every row read and then
 * thrown away by a filter (all rows of a scan) costs the scan rate, which is higher when the filter has a LIKE.
 */
export function emulatedCostMs(stats: QueryStats, model: CostModel): number {
  const scanRate = (stats.like ? model.likeScanMsPer250kRows : model.scanMsPer250kRows) / rowsPerRate;
  switch (stats.access) {
    case 'seek':
      return model.idEqualityMs;
    case 'range':
      return (
        model.keyRangeMs + model.keyRangePerRowMs * stats.rowsReturned + scanRate * Math.max(0, stats.rowsScanned - stats.rowsReturned)
      );
    case 'scan':
      return scanRate * stats.rowsScanned;
  }
}
