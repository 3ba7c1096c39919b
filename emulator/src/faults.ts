/** The current injected fault, consumed one request at a time when it has a count. */
import { z } from 'zod';
import type { Fault } from './types.js';

export const faultSchema = z.object({
  mode: z.enum(['none', 'slow', 'hang', 'error500', 'unavailable503', 'reset', 'badJson', 'unauthorized401', 'forbidden403']),
  delayMs: z.number().int().min(0).max(600_000).optional(),
  retryAfterSeconds: z.number().int().min(0).max(86_400).optional(),
  count: z.number().int().min(1).optional(),
});

export class FaultSwitch {
  private current: Fault | null = null;
  private remaining = Infinity;

  set(fault: Fault): void {
    const f = faultSchema.parse(fault);
    this.current = f.mode === 'none' ? null : f;
    this.remaining = f.count ?? Infinity;
  }

  clear(): void {
    this.current = null;
  }

  /** What is set now (for the control API); `count` shows what is left. */
  peek(): Fault {
    if (!this.current) return { mode: 'none' };
    return Number.isFinite(this.remaining) ? { ...this.current, count: this.remaining } : { ...this.current };
  }

  /** The fault for this request, counting it against `count`. */
  take(): Fault | null {
    const f = this.current;
    if (!f) return null;
    this.remaining -= 1;
    if (this.remaining <= 0) this.current = null;
    return f;
  }
}
