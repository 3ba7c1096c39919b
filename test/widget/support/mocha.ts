/**
 * Mocha's globals (web-test-runner installs them on window), typed and imported explicitly, so their declarations
 * stay out of the rest of the project (the node tests use node:test).
 */
type Body = () => unknown;

interface MochaGlobals {
  describe(name: string, fn: () => void): void;
  it(name: string, fn: Body): void;
  beforeEach(fn: Body): void;
  afterEach(fn: Body): void;
}

const mocha = (): MochaGlobals => globalThis as unknown as MochaGlobals;

export const describe = (name: string, fn: () => void): void => mocha().describe(name, fn);
export const it = (name: string, fn: Body): void => mocha().it(name, fn);
export const beforeEach = (fn: Body): void => mocha().beforeEach(fn);
export const afterEach = (fn: Body): void => mocha().afterEach(fn);
