import type { ReactiveControllerHost } from 'lit';

/**
 * The modules a panel loads the first time it needs them (its language, the choice module, the error messages). Each
 * key loads once at a time; the host updates when one arrives. A load that fails (offline) is forgotten without an
 * update, so the next update that needs it tries again instead of a loop of failing requests.
 */
export class ModuleLoads {
  private readonly host: ReactiveControllerHost;
  private readonly running = new Map<string, Promise<void>>();

  constructor(host: ReactiveControllerHost) {
    this.host = host;
  }

  /** True while a module is on its way: what the panel shows is not complete yet. */
  get busy(): boolean {
    return this.running.size > 0;
  }

  /** Loads `key` with `load` unless it is already loading; `use` gets the module. */
  load<T>(key: string, load: () => Promise<T>, use: (module: T) => void): void {
    if (this.running.has(key)) return;
    const done = (loaded: boolean): void => {
      this.running.delete(key);
      if (loaded) this.host.requestUpdate();
    };
    this.running.set(
      key,
      load().then(
        (module) => {
          use(module);
          done(true);
        },
        () => done(false),
      ),
    );
  }

  /** Resolves when no module is loading any more. */
  async settled(): Promise<void> {
    while (this.running.size) await Promise.all(this.running.values());
  }
}
