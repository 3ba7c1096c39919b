import { afterEach } from 'node:test';
import { startEmulator, type RunningEmulator } from '../../../emulator/src/index.js';

/**
 * Gives every test its own AFAS emulator (a fresh port, so per-environment slots, pause, breaker and auth state
 * never leak between tests), closed after each test. Call at the top level of a test file.
 */
export function freshAfasPerTest(): { startAfas: () => Promise<RunningEmulator>; closeAfterTest: (r: { close(): Promise<void> }) => void } {
  const running: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((r) => r.close()));
  });
  return {
    startAfas: async () => {
      const emulator = await startEmulator({ port: 0, quiet: true, contacts: 50 });
      running.push(emulator);
      return emulator;
    },
    closeAfterTest: (r) => running.push(r),
  };
}
