import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { App, Testing } from 'cdktf';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Construct } from 'constructs';
import { synthApp } from '../../lib/core/app';
import { AwsStack } from '../../lib/aws/aws-stack';
import { Naming } from '../../lib/core/naming';
import { ValidationError } from '../../lib/core/validation';

const s3 = { type: 's3' as const, bucket: 'state-bucket', region: 'us-east-1', keyPrefix: '' };

describe('AwsStack', () => {
  test('tags every taggable resource and keeps resource tags', () => {
    const app = Testing.app();
    const stack = new AwsStack(app, 'demo-dev', { architecture: 'demo', environment: 'dev', region: 'us-east-1', backend: s3 });
    new S3Bucket(stack, 'b', { bucket: 'x', tags: { Name: 'x', environment: 'override' } });
    const json = JSON.parse(Testing.synth(stack));
    expect(json.resource.aws_s3_bucket.b.tags).toEqual({ Name: 'x', architecture: 'demo', environment: 'override', 'managed-by': 'cdktf' });
  });

  test('S3 backend is encrypted, locked and keyed per stack by default', () => {
    const app = Testing.app();
    const stack = new AwsStack(app, 'demo-prod', { architecture: 'demo', environment: 'prod', region: 'us-east-1', backend: s3 });
    const json = JSON.parse(Testing.synth(stack));
    expect(json.terraform.backend.s3).toEqual({ bucket: 'state-bucket', region: 'us-east-1', key: 'demo-prod/terraform.tfstate', encrypt: true, use_lockfile: true });
  });

  test('CDKTF_BACKEND=local switches to a local backend', () => {
    process.env.CDKTF_BACKEND = 'local';
    try {
      const stack = new AwsStack(Testing.app(), 'demo-dev', { architecture: 'demo', environment: 'dev', region: 'us-east-1', backend: s3 });
      expect(JSON.parse(Testing.synth(stack)).terraform.backend).toEqual({ local: { path: 'terraform.demo-dev.tfstate' } });
    } finally {
      delete process.env.CDKTF_BACKEND;
    }
  });

  test('AwsStack.of finds the stack or says what is wrong', () => {
    const app = Testing.app();
    const stack = new AwsStack(app, 's', { architecture: 'demo', environment: 'dev', region: 'us-east-1', backend: s3 });
    expect(AwsStack.of(new Construct(stack, 'c'))).toBe(stack);
    expect(() => AwsStack.of(new Construct(app, 'loose'))).toThrow('loose: this construct must be created inside an AwsStack');
  });
});

describe('synthApp', () => {
  test('writes nothing when any stack fails validation', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'synth-'));
    const app = new App({ outdir });
    new AwsStack(app, 'good', { architecture: 'demo', environment: 'dev', region: 'us-east-1', backend: s3 });
    const bad = new AwsStack(app, 'bad', { architecture: 'demo', environment: 'dev', region: 'us-east-1', backend: s3 });
    bad.node.addValidation({ validate: () => ['broken on purpose'] });
    expect(() => synthApp(app)).toThrow(/synth aborted, nothing was written:[\s\S]*broken on purpose/);
    const written = fs.readdirSync(outdir, { recursive: true }).map(String);
    expect(written.filter((f) => f.endsWith('.json'))).toEqual([]);
  });
});

describe('naming', () => {
  test('environment and architecture styles', () => {
    const n = new Naming('canalco', 'dev');
    expect(n.env('alb')).toBe('dev-alb');
    expect(n.arch('facturas')).toBe('canalco-facturas-dev');
  });
  test('ValidationError message names path, rule and value', () => {
    expect(new ValidationError('a/b', 'must be short', 'xxxx').message).toBe('a/b: must be short (got "xxxx")');
  });
});
