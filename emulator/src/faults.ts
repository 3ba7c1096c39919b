/** The current injected fault, consumed one request at a time when it has a count. */
import { z } from 'zod';
import type { Fault } from './types.js';

export const faultSchema = z.object({
  mode: z.enum([
    'none',
    'slow',
    'hang',
    'error500',
    'unavailable503',
    'reset',
    'badJson',
    'unauthorized401',
    'forbidden403',
    'notAuthorized500',
    'oversized',
  ]),
  delayMs: z.number().int().min(0).max(600_000).optional(),
  retryAfterSeconds: z.number().int().min(0).max(86_400).optional(),
  count: z.number().int().min(1).optional(),
  connector: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,100}$/)
    .optional(),
  message: z.string().max(2000).optional(),
  sizeBytes: z
    .number()
    .int()
    .min(1)
    .max(64 * 1024 * 1024)
    .optional(),
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

  /** The fault for this request (to `connector`, when it is a GetConnector call), counting it against `count`. */
  take(connector?: string): Fault | null {
    const f = this.current;
    if (!f) return null;
    if (f.connector !== undefined && f.connector.toLowerCase() !== connector?.toLowerCase()) return null;
    this.remaining -= 1;
    if (this.remaining <= 0) this.current = null;
    return f;
  }
}
