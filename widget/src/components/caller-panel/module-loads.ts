import type { ReactiveControllerHost } from 'lit';

/**
 * The modules a panel loads the first time it needs them (its language, the choice module, the error messages). Each
 * key loads once at a time; the host updates when one arrives or fails. A module that failed (the service went away)
 * is not asked for again until `retryFailed()` (a new lookup), so updates never loop on failing requests, and the
 * panel can say what it cannot show meanwhile (`failed()`).
 */
export class ModuleLoads {
  private readonly host: ReactiveControllerHost;
  private readonly running = new Map<string, Promise<void>>();
  private readonly failures = new Set<string>();

  constructor(host: ReactiveControllerHost) {
    this.host = host;
  }

  /** True while a module is on its way: what the panel shows is not complete yet. */
  get busy(): boolean {
    return this.running.size > 0;
  }

  /** Loads `key` with `load` unless it is loading or failed; `use` gets the module. */
  load<T>(key: string, load: () => Promise<T>, use: (module: T) => void): void {
    if (this.running.has(key) || this.failures.has(key)) return;
    const settle = (): void => {
      this.running.delete(key);
      this.host.requestUpdate();
    };
    this.running.set(
      key,
      load().then(
        (module) => {
          use(module);
          settle();
        },
        () => {
          this.failures.add(key);
          settle();
        },
      ),
    );
  }

  /** The module of `key` could not be loaded. */
  failed(key: string): boolean {
    return this.failures.has(key);
  }

  /** Lets the modules that failed be loaded again. */
  retryFailed(): void {
    this.failures.clear();
  }

  /** Resolves when no module is loading any more. */
  async settled(): Promise<void> {
    while (this.running.size) await Promise.all(this.running.values());
  }
}
