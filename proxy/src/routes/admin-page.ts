import { readFile } from 'node:fs/promises';
import path from 'node:path';
import express, { Router, type RequestHandler } from 'express';
import { AppError } from '../errors.js';

/**
 * The admin page loads only its own script and stylesheet and talks only to this service; nobody may frame it, and
 * its form may not submit anywhere (the key goes out as a bearer header from the script, never in a form post or URL).
 */
const adminPageCsp =
  "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

const notBuilt = (): AppError => new AppError('not_found', 'The admin page is not built: run npm run build');

/**
 * Serves the built admin page (`dist/widget/admin/`) at `{base}/admin/`: the page with a strict CSP and never
 * cached, its script and stylesheet beside it. The page holds no secret; the admin API it calls checks the key.
 */
export function adminPageRoutes(distDir: string): Router {
  const router = Router();
  const indexFile = path.join(distDir, 'index.html');

  const page: RequestHandler = async (req, res) => {
    // `{base}/admin` would resolve the page's `./crm-admin-page.js` one folder too high. The relative Location
    // (`admin/`) can only ever point below where the request came in.
    if (req.path === '/' && !req.originalUrl.split('?')[0]?.endsWith('/')) return res.redirect(308, `${path.posix.basename(req.baseUrl)}/`);
    const html = await readFile(indexFile, 'utf8').catch((e: unknown) => {
      throw (e as NodeJS.ErrnoException).code === 'ENOENT' ? notBuilt() : e;
    });
    res.set({
      'Content-Security-Policy': adminPageCsp,
      'Cache-Control': 'no-store',
      'Referrer-Policy': 'no-referrer',
      'Content-Type': 'text/html; charset=utf-8',
    });
    res.send(html);
  };
  router.get(['/', '/index.html'], page);

  router.use(
    express.static(distDir, {
      index: false,
      redirect: false,
      fallthrough: true,
      setHeaders: (res) => {
        // Unhashed names: the browser asks again each time, so the page and its script never come from two builds.
        res.setHeader('Cache-Control', 'no-cache');
        res.setHeader('Referrer-Policy', 'no-referrer');
      },
    }),
  );
  return router;
}
