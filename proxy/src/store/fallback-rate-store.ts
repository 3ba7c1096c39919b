import type { ClientRateLimitInfo, Options, Store } from 'express-rate-limit';
import type { Logger } from 'pino';

/**
 * A shared rate-limit store that falls back to this instance's own counters while the shared one fails: a Redis
 * outage must not stop lookups, and while it lasts each instance still limits what it sees.
 */
export class FallbackRateStore implements Store {
  private failing = false;

  constructor(
    private readonly shared: Store,
    private readonly local: Store,
    private readonly logger: Logger,
  ) {}

  async init(options: Options): Promise<void> {
    await this.shared.init?.(options);
    await this.local.init?.(options);
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    try {
      const info = await this.shared.increment(key);
      if (this.failing) this.logger.info('shared rate-limit counters reachable again');
      this.failing = false;
      return info;
    } catch {
      if (!this.failing) this.logger.warn('shared rate-limit counters unreachable: counting on this instance until they are back');
      this.failing = true;
      return this.local.increment(key);
    }
  }

  async decrement(key: string): Promise<void> {
    await (this.failing ? this.local : this.shared).decrement(key);
  }

  async resetKey(key: string): Promise<void> {
    await Promise.allSettled([this.shared.resetKey(key), this.local.resetKey(key)]);
  }
}
