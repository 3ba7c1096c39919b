import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CaseDto, ContactDto } from '../../../../proxy/src/contract.js';
import { ApiError } from '../../api/api-error.js';
import { fetchCases, type Connection } from '../../api/client.js';

export interface CaseListState {
  cases: CaseDto[];
  more: boolean;
  loading: boolean;
  error: ApiError | undefined;
}

export const casePageSize = 10;

/**
 * The cases shown per contact: the first page came with the lookup, further pages come from
 * `/contacts/{id}/cases`. A new lookup (reset) aborts every page still loading.
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
    return this.states.get(contact.id) ?? { cases: contact.cases, more: contact.moreCases, loading: false, error: undefined };
  }

  /** Loads the next page; resolves true when it loaded (false when superseded, already loading or failed). */
  async loadMore(contact: ContactDto): Promise<boolean> {
    const before = this.stateFor(contact);
    if (before.loading || !before.more) return false;
    const states = this.states;
    this.update(states, contact.id, { ...before, loading: true, error: undefined });
    const abort = new AbortController();
    this.aborts.add(abort);
    try {
      const page = await fetchCases(this.connection(), contact.id, before.cases.length, casePageSize, abort.signal);
      const known = new Set(before.cases.map((c) => c.id));
      const cases = [...before.cases, ...page.cases.filter((c) => !known.has(c.id))];
      this.update(states, contact.id, { cases, more: page.moreCases && page.cases.length > 0, loading: false, error: undefined });
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
