// node:test reporter that ends the run with one plain line: `<label>: N passed, N failed`.
export default async function* countReporter(source) {
  let passed = 0;
  let failed = 0;
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    if (event.data.details?.type === 'suite') continue;
    if (event.type === 'test:pass') {
      if (!event.data.skip && !event.data.todo) passed += 1;
    } else failed += 1;
  }
  yield `${process.env.COUNT_LABEL ?? 'node'}: ${passed} passed, ${failed} failed\n`;
}
