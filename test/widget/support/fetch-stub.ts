/** Replaces window.fetch for one test: no request ever leaves the browser. */
export interface Call {
  url: URL;
  init: RequestInit | undefined;
  /** `GET` unless the request said otherwise. */
  method: string;
  /** The request body as sent (a JSON string for the panel's PUT), undefined without one. */
  body: string | undefined;
}

export type Handler = (url: URL, init: RequestInit | undefined) => Response | Promise<Response>;

export interface FetchStub {
  calls: Call[];
  restore: () => void;
}

const realFetch = window.fetch.bind(window);
let active: FetchStub | undefined;

export function stubFetch(handler: Handler): FetchStub {
  active?.restore();
  const calls: Call[] = [];
  window.fetch = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    calls.push({ url, init, method, body: typeof init?.body === 'string' ? init.body : undefined });
    return Promise.resolve().then(() => handler(url, init));
  };
  const stub = {
    calls,
    restore: () => {
      window.fetch = realFetch;
      active = undefined;
    },
  };
  active = stub;
  return stub;
}

export const restoreFetch = (): void => active?.restore();

export const json = (body: unknown, status = 200, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });

/** The service's answer to a PUT or DELETE that worked. */
export const noContent = (): Response => new Response(null, { status: 204 });

/** A response the test releases by hand; rejects with an AbortError when the request's signal aborts, like fetch. */
export function held(init: RequestInit | undefined, honourAbort = true): { promise: Promise<Response>; release: (r: Response) => void } {
  let release: (r: Response) => void = () => undefined;
  const promise = new Promise<Response>((resolve, reject) => {
    release = resolve;
    if (honourAbort) init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
  });
  return { promise, release };
}

/**
 * Answers per method and path: keys are `'METHOD /path'`, matched against the end of the URL's path
 * (`'GET /api/v1/lookup'`, `'PUT /api/v1/picks'`, `'HEAD /widget/embed.js'`). A request no route answers gets a 500
 * and is listed in `unexpected` (as `METHOD url`), so a test can say it made no other request.
 */
export type Routes = Record<string, Handler>;

export interface RoutedStub extends FetchStub {
  unexpected: string[];
  /** The calls to one route (`'METHOD /path'`, as in the routes). */
  to: (route: string) => Call[];
}

const routeMatches = (route: string, method: string, url: URL): boolean => {
  const [m = '', path = ''] = route.split(' ');
  return m.toUpperCase() === method && url.pathname.endsWith(path);
};

export function stubRoutes(routes: Routes): RoutedStub {
  const unexpected: string[] = [];
  const stub = stubFetch((url, init) => {
    const method = (init?.method ?? 'GET').toUpperCase();
    const route = Object.keys(routes).find((r) => routeMatches(r, method, url));
    const handler = route === undefined ? undefined : routes[route];
    if (handler) return handler(url, init);
    unexpected.push(`${method} ${url.href}`);
    return new Response(`no route for ${method} ${url.href}`, { status: 500 });
  });
  return { ...stub, unexpected, to: (route) => stub.calls.filter((c) => routeMatches(route, c.method, c.url)) };
}
