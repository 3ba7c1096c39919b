/**
 * The admin API's answers as the page reads them: the shared contract (contract/admin-api.ts), plus what the page
 * makes of a missing report.
 */
export * from '../../../../contract/admin-api.js';
import type { QualityReport } from '../../../../contract/admin-api.js';

/** `GET data-quality` answers 404 until the index has finished its first build: the service says why. */
export type QualityAnswer = { kind: 'report'; report: QualityReport } | { kind: 'missing'; message: string };
