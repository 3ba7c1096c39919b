/** The AFAS REST endpoints under /ProfitRestServices, as a pure function from request to answer. */
import { findConnector, type Connector, type ConnectorField } from '../connectors.js';
import { parseQuery } from '../query/params.js';
import { runConnector, type QueryStats } from '../query/run.js';
import { AfasFailure, emptyReply, htmlReply, jsonReply, type Reply } from '../reply.js';
import { isAuthorized } from '../token.js';

export interface ProfitRequest {
  method: string;
  /** Path without the query, as received. */
  path: string;
  /** Raw query text after '?'. */
  query: string;
  authorization: string | undefined;
}

export interface ProfitContext {
  connectors: readonly Connector[];
  tokenData: string;
}

/** AFAS answers 404 when the query string, counted from (and including) the '?', is longer than this. */
export const maxQueryLength = 2049;

export const profitVersion = '22.22.5';

type Route = { kind: 'connector'; id: string } | { kind: 'metainfo' } | { kind: 'metainfoGet'; id: string } | { kind: 'version' };

function segment(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Paths match without regard to case; a trailing slash is tolerated. */
export function matchRoute(path: string): Route | null {
  const parts = path.split('/').slice(1);
  if (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  const lower = parts.map((p) => p.toLowerCase());
  if (lower[0] !== 'profitrestservices') return null;
  const rest = lower.slice(1).join('/');
  if (rest === 'metainfo') return { kind: 'metainfo' };
  if (rest === 'profitversion') return { kind: 'version' };
  if (lower.length === 3 && lower[1] === 'connectors' && parts[2] !== '') return { kind: 'connector', id: segment(parts[2]) };
  if (lower.length === 4 && lower[1] === 'metainfo' && lower[2] === 'get' && parts[3] !== '') {
    return { kind: 'metainfoGet', id: segment(parts[3]) };
  }
  return null;
}

const controlType = { string: 1, int: 5, boolean: 3, date: 4 } as const;

function metaField(f: ConnectorField): Record<string, string | number> {
  return {
    id: f.id,
    fieldId: f.fieldId,
    dataType: f.dataType,
    label: f.label,
    length: f.length,
    controlType: controlType[f.dataType],
    decimals: 0,
    decimalsFieldId: '',
  };
}

function metainfo(connectors: readonly Connector[]): Reply {
  return jsonReply(200, {
    updateConnectors: [],
    getConnectors: connectors.map((c) => ({ id: c.id, description: c.description })),
    customConnectors: [],
    info: {
      envid: 'O12345AA',
      appName: 'Caller lookup (emulator)',
      group: 'AuthorizationGroup 101 (12345.CALLERLOOKUP)',
      tokenExpiry: '0',
    },
  });
}

export interface ProfitAnswer {
  reply: Reply;
  /** Present when a GetConnector query ran. */
  stats?: QueryStats;
}

export function profitReply(req: ProfitRequest, ctx: ProfitContext): ProfitAnswer {
  if (req.query.length + 1 > maxQueryLength) {
    return { reply: htmlReply(404, '<!DOCTYPE html><title>404 - Not Found</title><h1>404 - File or directory not found.</h1>') };
  }
  const route = matchRoute(req.path);
  if (!route || req.method !== 'GET') return { reply: emptyReply(404) };
  if (!isAuthorized(req.authorization, ctx.tokenData)) return { reply: emptyReply(401) };
  if (route.kind === 'connector') return connectorReply(ctx, route.id, req.query);
  return { reply: infoReply(ctx, route) };
}

function connectorReply(ctx: ProfitContext, id: string, query: string): ProfitAnswer {
  const c = findConnector(ctx.connectors, id);
  if (!c) return { reply: emptyReply(404) };
  try {
    const { result, stats } = runConnector(c, parseQuery(query));
    return { reply: jsonReply(200, result), stats };
  } catch (e) {
    if (e instanceof AfasFailure) return { reply: e.reply };
    throw e;
  }
}

function infoReply(ctx: ProfitContext, route: Exclude<Route, { kind: 'connector' }>): Reply {
  switch (route.kind) {
    case 'version':
      return jsonReply(200, { version: profitVersion });
    case 'metainfo':
      return metainfo(ctx.connectors);
    case 'metainfoGet': {
      const c = findConnector(ctx.connectors, route.id);
      if (!c) return emptyReply(404);
      return jsonReply(200, { name: c.id, description: c.description, fields: c.fields.map(metaField) });
    }
  }
}
