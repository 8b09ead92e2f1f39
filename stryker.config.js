/**
 * Mutation testing (StrykerJS 9, Node 20): `npm run test:mutation`, or one file:
 * `npm run test:mutation -- --mutate lib/core/cidr.ts`. Not part of .ci/run (the nine files take hours on two cores).
 * Reports go to reports/mutation/ (gitignored), the incremental baseline to reports/mutation/incremental.json
 * (per file under reports/mutation/<file>/ when one file is given with --mutate):
 * a rerun tests only the mutants whose code or covering tests changed since the last run on this machine.
 */
// `--mutate <file>` (one file) gets its own report and incremental baseline, so runs of single files
// do not overwrite each other: reports/mutation/<file with / as ->/.
const i = process.argv.findIndex((a) => a === '--mutate' || a === '-m');
const only = i >= 0 ? process.argv[i + 1] : undefined;
const dir = only && !only.includes(',') ? `reports/mutation/${only.replace(/\.ts$/, '').replace(/[/\\:*]/g, '-')}` : 'reports/mutation';

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
  ignorePatterns: ['/cdktf.out', '/coverage', '/bench/results', '/.venv', '/.scratch'], // anchored: lambda/reports/ is a test fixture
  reporters: ['html', 'clear-text', 'json', 'progress'],
  htmlReporter: { fileName: `${dir}/mutation.html` },
  jsonReporter: { fileName: `${dir}/mutation.json` },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  incremental: true,
  incrementalFile: `${dir}/incremental.json`,
  concurrency: 1,
  timeoutMS: 60000,
  // The initial run executes every related test suite (the stack suites synthesize whole architectures).
  dryRunTimeoutMinutes: 30,
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
};
