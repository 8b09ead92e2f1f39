/**
 * Mutation testing (StrykerJS 9, Node 20): `npm run test:mutation`, or one file:
 * `npm run test:mutation -- --mutate lib/core/cidr.ts`. Not part of .ci/run (the nine files take hours on two cores).
 * Reports go to reports/mutation/ (gitignored), the incremental baseline to reports/mutation/incremental.json:
 * a rerun tests only the mutants whose code or covering tests changed since the last run on this machine.
 */
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
module.exports = {
  packageManager: 'npm',
  testRunner: 'jest',
  jest: { configFile: 'jest.stryker.config.js', enableFindRelatedTests: true },
  coverageAnalysis: 'perTest',
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  mutate: [
    'lib/core/cidr.ts',
    'lib/core/validation.ts',
    'lib/azure/core/naming.ts',
    'lib/aws/network/security-group.ts',
    'lib/core/config.ts',
    'lib/azure/network/virtual-network.ts',
    'lib/aws/network/vpc.ts',
    'lib/azure/security/key-vault.ts',
    'lib/aws/containers/fargate-service.ts',
  ],
  // The sandbox needs what the tests read (stacks, config, docs, prices, snapshots), not build output.
  ignorePatterns: ['cdktf.out', 'reports', 'coverage', 'bench/results', '.venv', '.scratch'],
  reporters: ['html', 'clear-text', 'json', 'progress'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  incremental: true,
  incrementalFile: 'reports/mutation/incremental.json',
  concurrency: 1,
  timeoutMS: 60000,
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
};
