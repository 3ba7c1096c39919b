import type { Request, Response } from 'express';

const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * Sends a JSON text as `res.type('json').send(json)` would, without its per-answer work: no mime lookup, no
 * Content-Type parse and re-format, and no Buffer copy of the body. A string body also lets Node send the headers and
 * the body in one write. Conditional requests (If-None-Match, If-Modified-Since) go through `res.send`, so
 * Express's freshness rules (a 304 for `If-None-Match: *`) still apply; HEAD gets the headers only.
 */
export function sendJson(req: Request, res: Response, json: string): void {
  const headers = req.headers;
  if (headers['if-none-match'] !== undefined || headers['if-modified-since'] !== undefined) {
    res.type('json').send(json);
    return;
  }
  res.setHeader('Content-Type', JSON_TYPE);
  res.setHeader('Content-Length', Buffer.byteLength(json));
  if (req.method === 'HEAD') res.end();
  else res.end(json, 'utf8');
}
