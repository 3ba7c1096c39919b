import type { Logger } from 'pino';

/** The part of `process` this needs, so a test can hand in its own. */
export interface FatalErrorSource {
  on(event: 'uncaughtException' | 'unhandledRejection', listener: (error: unknown) => void): unknown;
  exit(code: number): never | void;
}

/**
 * An error nothing caught leaves the process in an unknown state: log it as one JSON line (level fatal, with its
 * stack) so operators see why the service stopped, then exit 1 for the process manager to restart it.
 */
export function exitOnFatalErrors(logger: Logger, source: FatalErrorSource = process): void {
  const fatal = (kind: string) => (error: unknown) => {
    const err = error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : { message: String(error) };
    logger.fatal({ err }, kind);
    source.exit(1);
  };
  source.on('uncaughtException', fatal('uncaught exception'));
  source.on('unhandledRejection', fatal('unhandled promise rejection'));
}
