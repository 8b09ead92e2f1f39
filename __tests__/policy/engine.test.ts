import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketAcl } from '@cdktf/provider-aws/lib/s3-bucket-acl';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { App, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { synthApp } from '../../lib/core/app';
import { AWS_PACK, AZURE_PACK, checkApp, Policy, PolicyPack, PolicyRule } from '../../lib/policy';
import { policyHelpers } from '../../lib/policy';

/** The few AWS rules these tests exercise (the whole pack would also flag the bare bucket). */
const PACK: PolicyPack = { name: 'test', rules: AWS_PACK.rules.filter((r) => ['AWS-S3-006', 'AWS-S3-009', 'AWS-SQS-001', 'AWS-RDS-003', 'AWS-PROT-001'].includes(r.id)) };
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'policy-'));

/** A stack with a public-read bucket ACL (AWS-S3-006, an error) inside a `Storage` scope. */
class Fixture extends TerraformStack {
  public readonly storage: Construct;
  public readonly acl: S3BucketAcl;
  constructor(scope: Construct, id: string, public readonly environment = 'dev') {
    super(scope, id);
    new AwsProvider(this, 'aws', { region: 'us-east-1' });
    this.storage = new Construct(this, 'Storage');
    const b = new S3Bucket(this.storage, 'Bucket', { bucket: 'b' });
    this.acl = new S3BucketAcl(this.storage, 'Acl', { bucket: b.id, acl: 'public-read' });
    new SqsQueue(this, 'Queue', { name: 'q', sqsManagedSseEnabled: true });
  }
}

function appWith(outdir: string, packs: PolicyPack[] = [PACK], rules?: PolicyRule[]): App {
  const app = new App({ outdir });
  Policy.enable(app, { packs, rules, print: false });
  return app;
}

describe('Policy.enable + synthApp', () => {
  test('an error fails synth, nothing is written, every error is listed', () => {
    const out = path.join(tmp(), 'out');
    const app = appWith(out);
    new Fixture(app, 'one');
    new Fixture(app, 'two');
    expect(() => synthApp(app)).toThrow(/synth aborted, nothing was written: 2 errors in 2 stacks\none:\n {2}AWS-S3-006 one\/Storage\/Acl: S3 bucket ACL is not public \(got acl="public-read"\)[^\n]*\ntwo:\n {2}AWS-S3-006 two\/Storage\/Acl/);
    // (new App() creates the empty outdir and its stacks/ folder; synth writes nothing into them)
    expect(fs.readdirSync(path.join(out, 'stacks'))).toEqual([]);
    expect(fs.existsSync(path.join(out, 'policy'))).toBe(false);
  });

  test('a suppression on a parent excuses its children and shows in the report with its reason', () => {
    const out = tmp();
    const app = appWith(out);
    const s = new Fixture(app, 'stack');
    Policy.suppress(s.storage, 'AWS-S3-006', 'public website assets, read by anyone on purpose');
    synthApp(app);
    const report = JSON.parse(fs.readFileSync(path.join(out, 'policy', 'stack.json'), 'utf8'));
    const f = report.findings.find((x: { ruleId: string }) => x.ruleId === 'AWS-S3-006');
    expect(f).toMatchObject({ result: 'suppressed', path: 'stack/Storage/Acl', suppression: 'public website assets, read by anyone on purpose' });
    const md = fs.readFileSync(path.join(out, 'policy', 'stack.md'), 'utf8');
    expect(md).toContain('| AWS-S3-006 | `stack/Storage/Acl` | suppressed | public website assets, read by anyone on purpose |');
    expect(fs.existsSync(path.join(out, 'stacks', 'stack', 'cdk.tf.json'))).toBe(true);
  });

  test('a suppression needs a reason of at least 10 characters', () => {
    const app = appWith(tmp());
    const s = new Fixture(app, 'stack');
    expect(() => Policy.suppress(s.acl, 'AWS-S3-006', 'because')).toThrow('stack/Storage/Acl: suppression of AWS-S3-006 needs a reason of at least 10 characters (got "because")');
    expect(() => Policy.suppressCheckov(s.acl, 'AWS-S3-006', 'a checkov id is expected here')).toThrow(/needs a checkov id such as CKV_AZURE_33/);
  });

  test('an unused suppression is a warning; one of a production-only rule in dev is not', () => {
    const app = appWith(tmp());
    const s = new Fixture(app, 'stack');
    Policy.suppress(s.acl, 'AWS-S3-006', 'public website assets, read by anyone');
    Policy.suppress(s, 'AWS-SQS-001', 'queues here hold nothing sensitive at all');
    Policy.suppress(s, 'AWS-RDS-003', 'dev databases stay destroyable');
    const [r] = checkApp(app)!;
    expect(r.errors).toEqual([]);
    expect(r.warnings.filter((w) => w.includes('suppression'))).toEqual(['warning stack: suppression of AWS-SQS-001 is unused ("queues here hold nothing sensitive at all")']);
    expect(r.unusedSuppressions.map((u) => u.id)).toEqual(['AWS-SQS-001']);
  });

  test('a checkov suppression excuses the rules mapped to that checkov id, and only those', () => {
    const app = appWith(tmp());
    const s = new Fixture(app, 'stack');
    Policy.suppressCheckov(s.storage, 'CKV_AWS_20', 'public website assets, read by anyone');
    Policy.suppressCheckov(s.storage, 'CKV_AWS_18', 'the bucket is itself a log sink');
    const [r] = checkApp(app)!;
    expect(r.errors).toEqual([]);
    expect(r.findings.filter((f) => f.result === 'suppressed').map((f) => f.ruleId).sort()).toEqual(['AWS-S3-006', 'AWS-S3-009']);
    expect(r.checkovSuppressions.map((c) => c.id)).toEqual(['CKV_AWS_20', 'CKV_AWS_18']);
  });

  test('warnings print one line each and the summary follows synth', () => {
    const out = tmp();
    const app = new App({ outdir: out });
    Policy.enable(app, { packs: [PACK] });
    new Fixture(app, 'stack');
    Policy.suppress(app.node.findChild('stack').node.findChild('Storage'), 'AWS-S3-006', 'public website assets, read by anyone');
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      synthApp(app);
      const lines = log.mock.calls.map((c) => String(c[0]));
      expect(lines.some((l) => l.startsWith('policy: test'))).toBe(true);
      expect(lines.filter((l) => l.startsWith('warning AWS-S3-009 stack/Storage/Bucket')).length).toBe(1);
    } finally {
      log.mockRestore();
    }
  });

  test('a plain app.synth() runs the packs too (per stack, before it is written)', () => {
    const out = tmp();
    const app = new App({ outdir: out });
    new Fixture(app, 'stack');
    Policy.enable(app, { packs: [PACK], print: false });
    expect(() => app.synth()).toThrow(/AWS-S3-006 stack\/Storage\/Acl/);
    expect(fs.existsSync(path.join(out, 'stacks', 'stack', 'cdk.tf.json'))).toBe(false);
  });

  test('custom rules run with the packs', () => {
    const noQueues: PolicyRule = policyHelpers.rule({
      id: 'ACME-SQS-001',
      types: 'aws_sqs_queue',
      description: 'queues are named acme-*',
      fix: 'prefix the name with acme-',
      check: (r) => (String(r.attrs.name).startsWith('acme-') ? undefined : { attribute: 'name', value: r.attrs.name }),
    });
    const app = appWith(tmp(), [], [noQueues]);
    new Fixture(app, 'stack');
    const [r] = checkApp(app)!;
    expect(r.errors).toEqual(['ACME-SQS-001 stack/Queue: queues are named acme-* (got name="q"). Fix: prefix the name with acme-']);
  });

  test('the synthesized JSON is the same with the packs on and off', () => {
    const on = tmp();
    const off = tmp();
    const a = appWith(on);
    Policy.suppress(new Fixture(a, 'stack').storage, 'AWS-S3-006', 'public website assets, read by anyone');
    synthApp(a);
    const b = new App({ outdir: off });
    new Fixture(b, 'stack');
    synthApp(b);
    const read = (d: string) => fs.readFileSync(path.join(d, 'stacks', 'stack', 'cdk.tf.json'), 'utf8');
    expect(read(on)).toBe(read(off));
  });
});

describe('stage', () => {
  test('defaults from the environment name, a typed stage property, the context key, or is set explicitly', () => {
    const app = new App({ outdir: tmp(), context: {} });
    expect(Policy.of(new Fixture(app, 'a', 'prod')).stage).toBe('production');
    expect(Policy.of(new Fixture(app, 'b', 'staging')).stage).toBe('non-production');
    const typed = new Fixture(app, 'c', 'dev') as Fixture & { stage?: string };
    typed.stage = 'production';
    expect(Policy.of(typed).stage).toBe('production');
    const ctxApp = new App({ outdir: tmp(), context: { 'policy:stage': 'production' } });
    expect(Policy.of(new Fixture(ctxApp, 'd', 'live')).stage).toBe('production');
    const e = new Fixture(app, 'e', 'prod');
    Policy.of(e).stage = 'non-production';
    expect(Policy.of(e).stage).toBe('non-production');
  });

  test('production rules run only in production stacks', () => {
    const app = appWith(tmp(), [PACK, AZURE_PACK]);
    const dev = new Fixture(app, 'dev', 'dev');
    const prod = new Fixture(app, 'prod', 'prod');
    for (const s of [dev, prod]) Policy.suppress(s, 'AWS-S3-006', 'public website assets, read by anyone');
    const [d, p] = checkApp(app)!;
    expect(d.findings.some((f) => f.ruleId === 'AWS-PROT-001')).toBe(false);
    expect(p.errors).toContainEqual(expect.stringContaining('AWS-PROT-001 prod/Storage/Bucket: production stateful resource has lifecycle.prevent_destroy (got lifecycle.prevent_destroy=undefined)'));
  });
});
