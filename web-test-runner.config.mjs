// Browser tests of the caller panel (test/widget/**/*.test.ts) in Debian's headless Chromium.
// Ends with one plain line `widget: N passed, N failed`; exits non-zero on any failure (the runner's default).
import { writeSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { chromiumArgs, chromiumPath } from './scripts/chromium.mjs';

/** Counts test results over all sessions; a session that failed outside any test (load error) counts as one failure. */
function countReporter(label = 'widget') {
  const count = (suite, acc) => {
    if (!suite) return acc;
    for (const t of suite.tests) {
      if (t.skipped) continue;
      if (t.passed) acc.passed += 1;
      else acc.failed += 1;
    }
    for (const s of suite.suites) count(s, acc);
    return acc;
  };
  return {
    stop({ sessions }) {
      let passed = 0;
      let failed = 0;
      for (const session of sessions) {
        const c = count(session.testResults, { passed: 0, failed: 0 });
        passed += c.passed;
        failed += c.failed;
        if (session.passed === false && c.failed === 0) failed += 1;
      }
      if (sessions.length === 0) failed += 1;
      // Written at exit, so it comes after the default reporter's own closing lines.
      process.once('exit', () => writeSync(1, `${label}: ${passed} passed, ${failed} failed\n`));
    },
  };
}

export default {
  files: ['test/widget/**/*.test.ts'],
  nodeResolve: true,
  concurrency: 2,
  browserStartTimeout: 60_000,
  testsFinishTimeout: 90_000,
  plugins: [esbuildPlugin({ ts: true, tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)) })],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: chromiumPath,
        args: chromiumArgs,
      },
    }),
  ],
  testFramework: { config: { timeout: 5000 } },
  // Lit's one-time dev notice and our own intended console.warn (double registration test) stay out of the output.
  filterBrowserLogs: ({ args }) =>
    !args.some((a) => typeof a === 'string' && (a.includes('Lit is in dev mode') || a.includes('already defined'))),
  reporters: [defaultReporter(), countReporter('widget')],
};
