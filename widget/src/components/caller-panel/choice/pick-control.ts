import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ContactDto } from '../../../../../contract/lookup-api.js';
import { ApiError } from '../../../api/api-error.js';
import { forgetPick, rememberPick, type PickCaller } from '../../../api/choice-client.js';
import type { Connection } from '../../../api/client.js';
import type { CrmPickRememberedDetail } from '../../../events/pick-remembered.js';

/** What the agent did with the pick in this conversation. */
interface PickAction {
  contactId: string;
  status: 'saving' | 'saved' | 'forgotten' | 'failed';
  /** ISO time the pick was saved (status `saved`). */
  at?: string;
}

/**
 * The team's remembered pick for the conversation's number or address: what the lookup said (`match.remembered`)
 * until the agent remembers another contact or forgets it here. A new conversation (reset) starts from the answer
 * again and abandons requests still running.
 */
export class PickControl implements ReactiveController {
  private readonly host: ReactiveControllerHost;
  private readonly connection: () => Connection;
  private readonly onDone: (detail: CrmPickRememberedDetail) => void;
  private readonly onError: (error: ApiError) => void;
  private action: PickAction | undefined;
  private abort = new AbortController();

  constructor(
    host: ReactiveControllerHost,
    connection: () => Connection,
    onDone: (detail: CrmPickRememberedDetail) => void,
    onError: (error: ApiError) => void,
  ) {
    this.host = host;
    this.connection = connection;
    this.onDone = onDone;
    this.onError = onError;
    host.addController(this);
  }

  hostDisconnected(): void {
    this.reset();
  }

  reset(): void {
    this.abort.abort();
    this.abort = new AbortController();
    this.action = undefined;
  }

  /** When this contact was remembered for the conversation's number or address; undefined when it is not. */
  rememberedAt(contact: ContactDto): string | undefined {
    const a = this.action;
    if (!a || a.status === 'failed') return contact.match.remembered;
    return a.status === 'saved' && a.contactId === contact.id ? a.at : undefined;
  }

  saving(contact: ContactDto): boolean {
    return this.action?.status === 'saving' && this.action.contactId === contact.id;
  }

  failed(contact: ContactDto): boolean {
    return this.action?.status === 'failed' && this.action.contactId === contact.id;
  }

  remember(caller: PickCaller, contact: ContactDto): Promise<void> {
    return this.run(contact, 'saved', (signal) => rememberPick(this.connection(), caller, contact.id, signal), caller);
  }

  forget(caller: PickCaller, contact: ContactDto): Promise<void> {
    return this.run(contact, 'forgotten', (signal) => forgetPick(this.connection(), caller, signal), caller);
  }

  private async run(
    contact: ContactDto,
    done: 'saved' | 'forgotten',
    call: (signal: AbortSignal) => Promise<void>,
    caller: PickCaller,
  ): Promise<void> {
    if (this.action?.status === 'saving') return;
    const { signal } = this.abort;
    this.set({ contactId: contact.id, status: 'saving' });
    try {
      await call(signal);
      if (signal.aborted) return;
      this.set({ contactId: contact.id, status: done, ...(done === 'saved' ? { at: new Date().toISOString() } : {}) });
      this.onDone({ ...caller, contactId: contact.id, name: contact.name, remembered: done === 'saved' });
    } catch (e) {
      if (signal.aborted) return;
      this.set({ contactId: contact.id, status: 'failed' });
      this.onError(e instanceof ApiError ? e : new ApiError('network_error', String(e)));
    }
  }

  private set(action: PickAction): void {
    this.action = action;
    this.host.requestUpdate();
  }
}
