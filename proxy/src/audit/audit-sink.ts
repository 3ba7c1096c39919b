import { once } from 'node:events';
import { mkdir, open } from 'node:fs/promises';
import path from 'node:path';
import { pino, type Logger } from 'pino';

/** Where the audit lines go: buffered, written in the background, never synchronously per line. */
export interface AuditSink {
  /** Queues one line (with its newline). */
  write(line: string): void;
  /** Opens the file at its path again (after a rotation moved it away); nothing for stdout. */
  reopen(): void;
  /** Writes what is queued and closes. */
  close(): Promise<void>;
}

/** Lines queued beyond this while the disk does not keep up are dropped (and the drop logged), not kept in memory. */
const MAX_QUEUED_BYTES = 64 * 1024 * 1024;
/** At most one log line per minute about write errors or dropped lines, however many there are. */
const REPORT_EVERY_MS = 60_000;

/**
 * Opens the audit trail's destination: `stdout`, or a file (appended to, created 0600 with its directory). Uses
 * pino's destination (sonic-boom) asynchronously: lines are queued and written in batches by the thread pool, so the
 * lookup never waits for the disk; what is still queued when the process exits is written synchronously then.
 * Rejects when the file cannot be opened, so start-up fails with the reason.
 */
export async function openAuditSink(target: string, logger: Logger): Promise<AuditSink> {
  const file = target === 'stdout' ? undefined : path.resolve(target);
  // Opened once here first, so a path that cannot work stops start-up with its reason (sonic-boom would only emit it).
  if (file !== undefined) {
    try {
      await mkdir(path.dirname(file), { recursive: true });
      await (await open(file, 'a', 0o600)).close();
    } catch (error) {
      throw new Error(`CRM_AUDIT_LOG: cannot open ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, { cause: error });
    }
  }
  // The lines of one event-loop turn go to sonic-boom as one write: per line it measures and appends to its buffer,
  // which cost more than the rest of the audit line together.
  let pending = '';
  const handOver = (): void => {
    if (pending === '') return;
    const batch = pending;
    pending = '';
    stream.write(batch);
  };
  const stream = pino.destination(
    file === undefined
      ? { dest: 1, sync: false, maxLength: MAX_QUEUED_BYTES }
      : { dest: file, sync: false, append: true, mode: 0o600, maxLength: MAX_QUEUED_BYTES },
  );
  await once(stream, 'ready');
  // pino flushes its destination when the process exits; this adds the lines of the current turn, in order.
  const onExit = (): void => {
    handOver();
    try {
      stream.flushSync();
    } catch {
      // Closed or failed: nothing more can be done while exiting.
    }
  };
  process.on('exit', onExit);

  let reportedAt = -Infinity;
  let dropped = 0;
  const report = (line: () => void) => {
    const now = Date.now();
    if (now - reportedAt < REPORT_EVERY_MS) return;
    reportedAt = now;
    line();
  };
  stream.on('error', (error: NodeJS.ErrnoException) =>
    report(() => logger.error({ code: error.code, file }, 'could not write the audit trail; retrying with the next line')),
  );
  stream.on('drop', () => {
    dropped++;
    report(() => logger.error({ dropped, file }, 'audit trail lines dropped: the destination does not keep up'));
  });

  let closed: Promise<void> | undefined;
  return {
    write(line) {
      if (pending === '') setImmediate(handOver);
      pending += line;
    },
    reopen() {
      if (file === undefined || closed) return;
      stream.reopen();
      logger.info({ file }, 'audit trail file reopened');
    },
    close: () =>
      (closed ??= new Promise<void>((resolve) => {
        handOver();
        process.off('exit', onExit);
        // 'error' too: a final write that fails must not hold shutdown open.
        stream.once('close', resolve);
        stream.once('error', () => resolve());
        stream.end();
      })),
  };
}
