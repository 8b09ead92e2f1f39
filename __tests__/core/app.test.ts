import { App } from 'cdktf';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { BackupPlan } from '../../lib/aws/backup';
import { Vpc } from '../../lib/aws/network';
import { AppServicePlan } from '../../lib/azure/compute';
import { PostgresDatabase } from '../../lib/aws/database';
import { LogGroup } from '../../lib/aws/monitoring/log-group';
import { adviseStacks } from '../../lib/core/advice';
import { appErrors, appWarnings, buildStacks, formatReport, synthApp, SynthError } from '../../lib/core/app';
import { AwsStack } from '../../lib/aws/aws-stack';
import { AzureStack } from '../../lib/azure/azure-stack';

const local = { type: 'local' as const };
const newApp = () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'synth-'));
  return { app: new App({ outdir }), written: () => fs.readdirSync(outdir, { recursive: true }).map(String).filter((f) => f.endsWith('.json')) };
};

function addAwsStacks(app: App): void {
  const stack = new AwsStack(app, 'a-dev', { architecture: 'a', environment: 'dev', region: 'us-east-1', backend: local });
  new BackupPlan(stack, 'Backup', { name: 'ebs weekly', selectionTag: { key: 'backup-plan', value: 'x' } });
  new BackupPlan(stack, 'Backup2', { name: 'ebs-daily', retentionDays: 0, selectionTag: { key: 'backup-plan', value: 'x' } });
}
function addAzureStacks(app: App): void {
  const stack = new AzureStack(app, 'b-dev', { architecture: 'b', environment: 'dev', location: 'eastus', backend: local });
  new AppServicePlan(stack, 'Plan', { sku: 'B1', workerCount: 4 });
}

describe('synthApp reports every error of every stack at once', () => {
  test('3 mistakes in 2 stacks: each reported once, one line each, grouped by stack, nothing written', () => {
    const { app, written } = newApp();
    buildStacks(app, [addAwsStacks, addAzureStacks]);
    let error: unknown;
    try {
      synthApp(app);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SynthError);
    expect((error as SynthError).message).toBe(
      [
        'synth aborted, nothing was written: 3 errors in 2 stacks',
        'a-dev:',
        '  a-dev/Backup: name must be 1-40 characters of letters, digits, hyphens and underscores (got "ebs weekly")',
        '  a-dev/Backup2: retentionDays must be an integer between 1 and 36500 (got 0)',
        'b-dev:',
        '  b-dev/Plan: workerCount must be an integer between 1 and 3 for the B1 SKU (got 4)',
      ].join('\n'),
    );
    expect(written()).toEqual([]);
  });

  test('an error thrown while one architecture builds its stacks does not hide the others', () => {
    const { app, written } = newApp();
    const addBroken = (a: App) => {
      const stack = new AwsStack(a, 'c-dev', { architecture: 'c', environment: 'dev', region: 'us-east-1', backend: local });
      new Vpc(stack, 'Vpc', { name: 'c', cidr: '10.0.0.0/61', publicSubnets: [{ cidr: '10.0.1.0/24', az: 'us-east-1a' }] });
    };
    const addCrashing = function addCrashing() {
      throw new TypeError('boom');
    };
    buildStacks(app, [addBroken, addCrashing, addAzureStacks]);
    const errors = appErrors(app);
    expect(errors.map((e) => e.message)).toEqual([
      'c-dev/Vpc: cidr must be an IPv4 CIDR block with no host bits set (got "10.0.0.0/61")',
      'b-dev/Plan: workerCount must be an integer between 1 and 3 for the B1 SKU (got 4)',
      'addCrashing: construction stopped: TypeError: boom',
    ]);
    expect(errors.map((e) => e.source)).toEqual(['c-dev', 'b-dev', 'addCrashing']);
    expect(() => synthApp(app)).toThrow(SynthError);
    expect(written()).toEqual([]);
  });

  test('the report has no stack trace and counts singular forms', () => {
    expect(formatReport([{ source: 's', message: 's/x: bad (got 1)' }])).toBe('synth aborted, nothing was written: 1 error in 1 stack\ns:\n  s/x: bad (got 1)');
  });

  test('a clean app synthesizes', () => {
    const { app, written } = newApp();
    buildStacks(app, [(a) => new AwsStack(a, 'ok-dev', { architecture: 'ok', environment: 'dev', region: 'us-east-1', backend: local })]);
    synthApp(app);
    expect(written()).toContain(path.join('stacks', 'ok-dev', 'cdk.tf.json'));
  });
});

describe('warnings for what is allowed but unwise', () => {
  const build = (stage: 'production' | 'non-production') => {
    const { app } = newApp();
    const stack = new AwsStack(app, 'w-prod', { architecture: 'w', environment: 'prod', stage, region: 'us-east-1', backend: local });
    new LogGroup(stack, 'Logs', { name: '/w/prod/app', retentionDays: 7 });
    new PostgresDatabase(stack, 'Db', { identifier: 'w-prod-db', vpcId: 'vpc-1', subnets: { ids: ['a', 'b'], azs: ['us-east-1a', 'us-east-1b'] }, multiAz: false });
    return app;
  };

  test('a short log retention and a single-AZ database in a production stage: one line each, printed by synthApp', () => {
    const app = build('production');
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    let printed = '';
    try {
      synthApp(app);
      printed = stderr.mock.calls.map((c) => String(c[0])).join('');
    } finally {
      stderr.mockRestore();
    }
    expect(printed.trimEnd().split('\n')).toEqual([
      'warning: w-prod/Logs/Resource: log retention of 7 days in a production stage; keep at least 30 days for incident investigation',
      'warning: w-prod/Db/Resource: single-AZ database in a production stage; set multiAz so a zone outage does not take it down',
    ]);
    expect(appWarnings(app)).toHaveLength(2);
  });

  test('no warning outside production', () => {
    const app = build('non-production');
    adviseStacks(app);
    expect(appWarnings(app)).toEqual([]);
  });
});
