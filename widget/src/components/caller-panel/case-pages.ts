import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CaseDto, CasesPage, ContactDto } from '../../../../contract/lookup-api.js';
import { ApiError } from '../../api/api-error.js';
import { fetchCases, panelCode, type Connection } from '../../api/client.js';

export interface CaseListState {
  cases: CaseDto[];
  more: boolean;
  loading: boolean;
  /** The last failure: of the first page while `loaded` is false, else of a further page. */
  error: ApiError | undefined;
  /** False while the contact's first page is missing: the lookup could not load its cases (`casesError`). */
  loaded: boolean;
  /** The agent retried the first page: a failure then is announced (as an alert), not only shown. */
  retried: boolean;
}

export const casePageSize = 10;

/**
 * The cases shown per contact: the first page came with the lookup (or, when the lookup could not load it, comes
 * from Retry), further pages come from `/cases?ref=<casesRef>`. A new lookup (reset) aborts every page still loading.
 */
export class CasePages implements ReactiveController {
  private readonly host: ReactiveControllerHost;
  private readonly connection: () => Connection;
  private readonly onError: (error: ApiError) => void;
  private states = new Map<string, CaseListState>();
  private aborts = new Set<AbortController>();

  constructor(host: ReactiveControllerHost, connection: () => Connection, onError: (error: ApiError) => void) {
    this.host = host;
    this.connection = connection;
    this.onError = onError;
    host.addController(this);
  }

  hostDisconnected(): void {
    this.reset();
  }

  reset(): void {
    for (const a of this.aborts) a.abort();
    this.aborts.clear();
    this.states = new Map();
  }

  stateFor(contact: ContactDto): CaseListState {
    const known = this.states.get(contact.id);
    if (known) return known;
    const failed = contact.casesError;
    if (contact.casesPending) return { cases: [], more: false, loading: false, error: undefined, loaded: false, retried: false };
    return failed
      ? {
          cases: [],
          more: false,
          loading: false,
          error: new ApiError(panelCode(failed.code), failed.message),
          loaded: false,
          retried: false,
        }
      : { cases: contact.cases, more: contact.moreCases, loading: false, error: undefined, loaded: true, retried: false };
  }

  /** Loads the next page; resolves true when it loaded (false when superseded, already loading or failed). */
  loadMore(contact: ContactDto): Promise<boolean> {
    const before = this.stateFor(contact);
    if (before.loading || !before.loaded || !before.more) return Promise.resolve(false);
    return this.load(contact, before, before.cases.length, (page) => {
      const known = new Set(before.cases.map((c) => c.id));
      return [...before.cases, ...page.cases.filter((c) => !known.has(c.id))];
    });
  }

  /**
   * Loads the first page of a contact whose cases the lookup could not load (the agent's Retry), or whose cases follow
   * it (`casesPending`: the service answers when its read in flight is done); resolves true when it loaded.
   */
  loadFirst(contact: ContactDto, retried = true): Promise<boolean> {
    const before = this.stateFor(contact);
    if (before.loading || before.loaded || (!retried && this.states.has(contact.id))) return Promise.resolve(false);
    return this.load(contact, { ...before, retried }, 0, (page) => page.cases);
  }

  private async load(contact: ContactDto, before: CaseListState, skip: number, merge: (page: CasesPage) => CaseDto[]): Promise<boolean> {
    const states = this.states;
    this.update(states, contact.id, { ...before, loading: true, error: undefined });
    const abort = new AbortController();
    this.aborts.add(abort);
    try {
      const page = await fetchCases(this.connection(), contact.casesRef, skip, casePageSize, abort.signal);
      const cases = merge(page);
      this.update(states, contact.id, {
        ...before,
        cases,
        more: page.moreCases && page.cases.length > 0,
        loading: false,
        error: undefined,
        loaded: true,
      });
      return true;
    } catch (e) {
      if (abort.signal.aborted) return false;
      const error = e instanceof ApiError ? e : new ApiError('network_error', String(e));
      this.update(states, contact.id, { ...before, loading: false, error });
      this.onError(error);
      return false;
    } finally {
      this.aborts.delete(abort);
    }
  }

  /** Writes only into the map of the lookup that started the request, so a reset in between wins. */
  private update(states: Map<string, CaseListState>, id: string, state: CaseListState): void {
    if (states !== this.states) return;
    states.set(id, state);
    this.host.requestUpdate();
  }
}
