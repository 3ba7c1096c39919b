/** Replaces window.fetch for one test: no request ever leaves the browser. */
export interface Call {
  url: URL;
  init: RequestInit | undefined;
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
    calls.push({ url, init });
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

/** A response the test releases by hand; rejects with an AbortError when the request's signal aborts, like fetch. */
export function held(init: RequestInit | undefined, honourAbort = true): { promise: Promise<Response>; release: (r: Response) => void } {
  let release: (r: Response) => void = () => undefined;
  const promise = new Promise<Response>((resolve, reject) => {
    release = resolve;
    if (honourAbort) init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
  });
  return { promise, release };
}
