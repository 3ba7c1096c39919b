import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';
import { AppError } from '../errors.js';

const escapeAttr = (s: string): string => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * Serves the built caller panel. The bundle and embed script are public (they hold no secret) and may be loaded
 * by a host page on any origin; the embeddable page may only be framed by the allowed origins, and the browser
 * reports a refusal to `reportUri` (an absolute path: the page answers at `widget/` and `widget`).
 */
export function widgetRoutes(distDir: string, allowedOrigins: readonly string[], reportUri: string): Router {
  const router = Router();
  const indexFile = path.join(distDir, 'index.html');
  let page: string | undefined;

  const embedPage: express.RequestHandler = (_req, res) => {
    if (page === undefined) {
      if (!existsSync(indexFile)) throw new AppError('not_found', 'The widget is not built: run npm run build');
      page = readFileSync(indexFile, 'utf8').replaceAll('__CRM_ALLOWED_ORIGINS__', escapeAttr(allowedOrigins.join(' ')));
    }
    const ancestors = ["'self'", ...allowedOrigins].join(' ');
    res.removeHeader('X-Frame-Options');
    res.set({
      // helmet's same-origin would cut `window.opener`, so an agent desktop that opens this page in a window could
      // never drive it. The page itself only accepts messages from the allowed origins (see widget/src/embed).
      'Cross-Origin-Opener-Policy': 'unsafe-none',
      'Content-Security-Policy': `default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors ${ancestors}; report-uri ${reportUri}`,
      'Cache-Control': 'no-cache',
      'Content-Type': 'text/html; charset=utf-8',
    });
    res.send(page);
  };
  router.get(['/', '/index.html'], embedPage);

  router.use(
    express.static(distDir, {
      index: false,
      fallthrough: true,
      setHeaders: (res) => {
        res.setHeader('Access-Control-Allow-Origin', '*');
        res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
        res.setHeader('Cache-Control', 'public, max-age=300, stale-while-revalidate=86400');
      },
    }),
  );
  return router;
}
