import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLoggingA } from '@cdktf/provider-aws/lib/s3-bucket-logging';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { Testing } from 'cdktf';
import { CANALCO_STATE_BUCKET, canalcoConfig } from '../../config/canalco';
import { stockwizConfig } from '../../config/stockwiz';
import { AWS_STATE, awsBackend, tfstateAwsConfig, tfstateAwsSchema } from '../../config/tfstate-aws';
import { loadConfig } from '../../lib/core/config';
import { addTfstateAwsStack } from '../../stacks/tfstate-aws';

const out = Testing.synth(addTfstateAwsStack(Testing.app()));
const json = JSON.parse(out) as { terraform: { backend: unknown }; resource: Record<string, Record<string, Record<string, unknown>>> };
const all = (type: string) => Object.values(json.resource[type] ?? {});
const bucketKey = (name: string) => Object.entries(json.resource.aws_s3_bucket).find(([, b]) => b.bucket === name)![0];

describe('tfstate-aws', () => {
  test('keeps its own state locally', () => {
    expect(json.terraform.backend).toEqual({ local: { path: 'terraform.tfstate-aws.tfstate' } });
  });

  test('its provider only acts on the account of the seed\'s bucket name', () => {
    expect((JSON.parse(out) as { provider: { aws: { allowed_account_ids?: string[] }[] } }).provider.aws[0].allowed_account_ids).toEqual(['493930199663']);
    expect(AWS_STATE.bucket.endsWith(`-${AWS_STATE.account}`)).toBe(true);
  });

  test('creates exactly the bucket the AWS stacks\' S3 backend points at', () => {
    expect(AWS_STATE.bucket).toBe('stockwiz-terraform-state-493930199663');
    expect(awsBackend).toEqual({ type: 's3', bucket: AWS_STATE.bucket, region: 'us-east-1', keyPrefix: '', key: '{environment}/terraform.tfstate' });
    expect(stockwizConfig('dev').backend).toEqual(awsBackend);
    expect(out).toHaveResourceWithProperties(S3Bucket, { bucket: 'stockwiz-terraform-state-493930199663', force_destroy: false, lifecycle: { prevent_destroy: true } });
  });

  test('state bucket: versioned, SSE-KMS with a rotating key, public access blocked, TLS-only policy, access logs', () => {
    const state = bucketKey(AWS_STATE.bucket);
    const logs = bucketKey(`${AWS_STATE.bucket}-logs`);
    const of = (type: string) => all(type).find((r) => String(r.bucket).includes(`aws_s3_bucket.${state}.`))!;
    expect(of('aws_s3_bucket_versioning')).toMatchObject({ versioning_configuration: { status: 'Enabled' } });
    expect(of('aws_s3_bucket_server_side_encryption_configuration')).toMatchObject({
      rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: expect.stringMatching(/aws_kms_key\.Key_/) }, bucket_key_enabled: true }],
    });
    expect(of('aws_s3_bucket_public_access_block')).toMatchObject({ block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true });
    const policy = JSON.parse(of('aws_s3_bucket_policy').policy as string);
    expect(policy.Statement).toContainEqual(expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
    expect(out).toHaveResourceWithProperties(S3BucketLoggingA, { target_bucket: `\${aws_s3_bucket.${logs}.id}`, target_prefix: `${AWS_STATE.bucket}/` });
    expect(out).toHaveResourceWithProperties(KmsKey, { enable_key_rotation: true, deletion_window_in_days: 30 });
    // every bucket blocks public access and is encrypted (the log bucket with SSE-S3, which S3 log delivery needs)
    expect(all('aws_s3_bucket_public_access_block')).toHaveLength(3);
    expect(out).toHaveResourceWithProperties(S3BucketPublicAccessBlock, { restrict_public_buckets: true });
    expect(out).toHaveResourceWithProperties(S3BucketServerSideEncryptionConfigurationA, { rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } }] });
  });

  test('also creates Canalco\'s state bucket, with the same protections', () => {
    expect(canalcoConfig('prod').state).toMatchObject({ type: 's3', bucket: CANALCO_STATE_BUCKET });
    expect(out).toHaveResourceWithProperties(S3Bucket, { bucket: 'canalco-terraform-state', force_destroy: false, lifecycle: { prevent_destroy: true } });
    expect(out).toHaveResourceWithProperties(S3BucketLoggingA, { target_prefix: 'canalco-terraform-state/' });
    const key = bucketKey(CANALCO_STATE_BUCKET);
    const sse = all('aws_s3_bucket_server_side_encryption_configuration').find((r) => String(r.bucket).includes(`aws_s3_bucket.${key}.`));
    expect(sse).toMatchObject({ rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms' } }] });
  });

  test('bad configuration fails with its field path', () => {
    const good = tfstateAwsConfig();
    expect(() => loadConfig('tfstate-aws', tfstateAwsSchema, { shared: { ...good, keyDeletionWindowDays: 3 } }, 'shared')).toThrow('tfstate-aws.shared.keyDeletionWindowDays');
    expect(() => tfstateAwsConfig('prod')).toThrow('tfstate-aws: unknown environment "prod" (expected one of shared)');
  });

  test('snapshot', () => {
    expect(out).toMatchSnapshot();
  });
});
