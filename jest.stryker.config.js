/**
 * Jest config for mutation testing (`npm run test:mutation`, stryker.config.js) only.
 * Same as jest.config.js but `roots` is the whole sandbox: with `enableFindRelatedTests`, jest resolves
 * the tests related to a mutated lib/ file through its haste map, and `roots: ['<rootDir>/__tests__']`
 * keeps lib/ and stacks/ out of that map, so the stack tests (which reach lib/ through stacks/) would
 * never run against a mutant.
 */
const base = require('./jest.config.js');

// STRYKER_TESTS=a.test.ts,b.test.ts runs only those suites (paths under __tests__/): a bounded-time
// measurement on a shared machine. Its score is a lower bound of the full suite's (more tests only kill more).
const scope = process.env.STRYKER_TESTS ? process.env.STRYKER_TESTS.split(',').map((t) => `<rootDir>/__tests__/${t.trim()}`) : undefined;

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  roots: ['<rootDir>'],
  ...(scope ? { testMatch: scope } : {}),
  testPathIgnorePatterns: [
    // Anchored at <rootDir>: Stryker's sandbox itself lives under .stryker-tmp/.
    '/node_modules/',
    '<rootDir>/cdktf.out/',
    '<rootDir>/.stryker-tmp/',
    '<rootDir>/reports/',
    // spawns `node scripts/synth.js` in child processes: the mutant is not active there and its coverage is not reported.
    '<rootDir>/__tests__/perf/',
  ],
  modulePathIgnorePatterns: ['<rootDir>/cdktf.out/', '<rootDir>/.stryker-tmp/', '<rootDir>/reports/'],
};
