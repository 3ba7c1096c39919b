import express, { type RequestHandler } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import { AppError } from '../errors.js';
import { originOf, type RefusedOriginsLog } from '../metrics/refused-origins.js';
import { BoundedMemoryStore, retryAfterSeconds } from '../store/memory-rate-store.js';

/** Reports per minute per client address: a browser sends one per refused page load; more is noise or abuse. */
const REPORTS_PER_MINUTE = 30;
const BODY_LIMIT = '8kb';
const REPORT_TYPES = ['application/csp-report', 'application/reports+json', 'application/json'];

const text = z.string().optional();
/** `report-uri`'s body (`application/csp-report`), with the kebab-case fields every browser sends. */
const legacyReport = z.object({
  'csp-report': z.object({ 'effective-directive': text, 'violated-directive': text, 'blocked-uri': text, referrer: text }),
});
/** The Reporting API's body (`application/reports+json`): a list of reports of any type. */
const reportList = z.array(
  z.object({ type: z.string(), body: z.object({ effectiveDirective: text, blockedURL: text, referrer: text }).optional() }),
);

interface Violation {
  directive: string;
  /** Who framed the page, for a frame-ancestors violation. */
  origin?: string;
}

/**
 * For frame-ancestors, Chromium reports the ancestor it refused as the blocked URL (its origin), and the parent page
 * as the referrer (as its referrer policy allows). The document URL is the embeddable page itself: never read, as
 * its query holds the caller's number.
 */
const violation = (directive: string | undefined, blocked: string | undefined, referrer: string | undefined): Violation => ({
  directive: (directive ?? '').trim().split(/\s+/)[0]?.toLowerCase() ?? '',
  origin: originOf(blocked) ?? originOf(referrer),
});

/** The violations a report body holds; undefined when it is not a CSP report. */
function violationsOf(body: unknown): Violation[] | undefined {
  const legacy = legacyReport.safeParse(body);
  if (legacy.success) {
    const r = legacy.data['csp-report'];
    return [violation(r['effective-directive'] ?? r['violated-directive'], r['blocked-uri'], r.referrer)];
  }
  const list = reportList.safeParse(body);
  if (!list.success) return undefined;
  return list.data.flatMap((r) =>
    r.type === 'csp-violation' && r.body ? [violation(r.body.effectiveDirective, r.body.blockedURL, r.body.referrer)] : [],
  );
}

/**
 * `POST {base}/api/v1/csp-report`: where browsers report what the embeddable page's CSP refused (its `report-uri`).
 * Browsers send no credentials, so it takes no key; it is limited per client address instead, reads at most 8 KB and
 * answers nothing but its status. A frame-ancestors refusal is noted with the origin that framed the page.
 */
export function cspReportHandlers(allowedOrigins: readonly string[], refusals: RefusedOriginsLog, logger: Logger): RequestHandler[] {
  const perClient = new BoundedMemoryStore();
  const limit: RequestHandler = (req, _res, next) => {
    const { totalHits, resetTime } = perClient.increment(`ip:${req.ip ?? 'unknown'}`);
    if (totalHits > REPORTS_PER_MINUTE) {
      throw new AppError('rate_limited', 'Too many reports from this client; wait a moment', {
        retryAfterSeconds: retryAfterSeconds(resetTime),
      });
    }
    next();
  };
  const record: RequestHandler = (req, res) => {
    const violations = violationsOf(req.body);
    if (!violations)
      throw new AppError('invalid_request', 'Expected a CSP violation report (application/csp-report or application/reports+json)');
    for (const v of violations) {
      if (v.directive !== 'frame-ancestors') logger.debug({ directive: v.directive }, 'CSP report for the embeddable page');
      // An origin allowed by now was refused under an older allow-list.
      else if (v.origin === undefined || !allowedOrigins.includes(v.origin)) refusals.refused('framing', v.origin);
    }
    res.status(204).end();
  };
  return [limit, express.json({ type: REPORT_TYPES, limit: BODY_LIMIT }), record];
}
