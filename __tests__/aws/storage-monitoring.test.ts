import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { Testing } from 'cdktf';
import { AwsStack } from '../../lib/aws/aws-stack';
import { AlarmTopic, LogGroup, MetricAlarm, MetricAlarmProps } from '../../lib/aws/monitoring';
import { EncryptionKey } from '../../lib/aws/security';
import { SecureBucket, SecureBucketProps } from '../../lib/aws/storage';
import { expectValidationError } from '../helpers';

const newStack = () => new AwsStack(Testing.app(), 'test', { architecture: 't', environment: 'dev', region: 'us-east-1', backend: { type: 'local' } });

describe('SecureBucket', () => {
  const synth = (props: Partial<SecureBucketProps> = {}) => {
    const stack = newStack();
    const logs = new SecureBucket(stack, 'Logs', { bucketName: 'logs-bucket' });
    new SecureBucket(stack, 'Data', { bucketName: 'data-bucket', accessLogsBucket: logs, ...props });
    return { out: Testing.synth(stack), json: JSON.parse(Testing.synth(stack)) };
  };

  test('blocks public access, encrypts, versions and denies plain HTTP', () => {
    const { out, json } = synth({ lifecycleRules: [{ id: 'archive', glacierAfterDays: 365 }], cors: [{ allowedOrigins: ['https://app.example.com'] }] });
    expect(out).toHaveResourceWithProperties(S3BucketPublicAccessBlock, { block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true });
    expect(out).toHaveResourceWithProperties(S3BucketServerSideEncryptionConfigurationA, { rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } }] });
    const versioning = Object.values(json.resource.aws_s3_bucket_versioning) as { versioning_configuration: { status: string } }[];
    expect(versioning.map((v) => v.versioning_configuration.status)).toEqual(['Enabled', 'Enabled']);
    const policies = Object.values(json.resource.aws_s3_bucket_policy) as { policy: string }[];
    for (const p of policies) expect(p.policy).toContain('"aws:SecureTransport":"false"');
    // the log bucket lets S3 logging write the data bucket's access logs
    expect(policies.some((p) => p.policy.includes('logging.s3.amazonaws.com'))).toBe(true);
    const lifecycle = Object.values(json.resource.aws_s3_bucket_lifecycle_configuration) as { rule: { id: string; transition?: unknown }[] }[];
    expect(lifecycle.flatMap((l) => l.rule).find((r) => r.id === 'archive')?.transition).toEqual([{ days: 365, storage_class: 'GLACIER' }]);
    expect(Object.values(json.resource.aws_s3_bucket_cors_configuration)).toHaveLength(1);
    expect(Object.values(json.resource.aws_s3_bucket_logging)).toEqual([expect.objectContaining({ target_prefix: 'data-bucket/' })]);
  });

  test('SSE-KMS with bucket keys when a key is given; prevent_destroy when asked', () => {
    const { out, json } = synth({ kmsKeyArn: 'arn:aws:kms:us-east-1:111122223333:key/abc', preventDestroy: true });
    expect(out).toHaveResourceWithProperties(S3BucketServerSideEncryptionConfigurationA, {
      rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: 'arn:aws:kms:us-east-1:111122223333:key/abc' }, bucket_key_enabled: true }],
    });
    const buckets = Object.values(json.resource.aws_s3_bucket) as { bucket: string; lifecycle?: { prevent_destroy: boolean } }[];
    expect(buckets.find((b) => b.bucket === 'data-bucket')?.lifecycle).toEqual({ prevent_destroy: true });
  });

  test.each([
    [{ bucketName: 'ab' }, 'test/Data: bucketName must be 3-63 characters long (got "ab")'],
    [{ bucketName: 'Canalco_Facturas' }, 'bucketName may contain only lowercase letters, digits, dots and hyphens, and must start and end with a letter or digit (got "Canalco_Facturas")'],
    [{ bucketName: 'my..bucket' }, 'test/Data: bucketName must not contain two adjacent dots (got "my..bucket")'],
    [{ bucketName: '192.168.1.10' }, 'test/Data: bucketName must not look like an IP address (got "192.168.1.10")'],
    [{ bucketName: 'xn--bucket' }, 'bucketName must not start with "xn--", "sthree-" or "amzn-s3-demo-", nor end with "-s3alias" or "--ol-s3" (got "xn--bucket")'],
    [{ lifecycleRules: [{ id: 'x', glacierAfterDays: 0 }] }, 'test/Data: lifecycle days must be positive integers (got 0)'],
    [{ lifecycleRules: [{ id: 'x', glacierAfterDays: 365, expireAfterDays: 30 }] }, 'test/Data: a lifecycle rule must expire objects after their Glacier transition (got "x")'],
  ])('rejects %j', (props, message) => {
    expectValidationError(() => synth(props as Partial<SecureBucketProps>), message);
  });
});

describe('EncryptionKey', () => {
  test('rotates and lets CloudWatch Logs use it for this account only', () => {
    const stack = newStack();
    new EncryptionKey(stack, 'Key', { alias: 'stockwiz-dev' });
    const out = Testing.synth(stack);
    expect(out).toHaveResourceWithProperties(KmsKey, { enable_key_rotation: true, deletion_window_in_days: 30 });
    const key = Object.values(JSON.parse(out).resource.aws_kms_key)[0] as { policy: string };
    expect(key.policy).toContain('logs.us-east-1.amazonaws.com');
    expect(key.policy).toContain('kms:EncryptionContext:aws:logs:arn');
  });
  test.each([
    [{ alias: 'x', deletionWindowDays: 3 }, 'test/Key: deletionWindowDays must be an integer between 7 and 30 (got 3)'],
    [{ alias: 'aws/mine' }, 'test/Key: alias must be 1-250 characters of [A-Za-z0-9/_-] and not start with "aws/" (got "aws/mine")'],
  ])('rejects %j', (props, message) => {
    expectValidationError(() => new EncryptionKey(newStack(), 'Key', props), message);
  });
});

describe('LogGroup', () => {
  test('keeps a year by default', () => {
    const stack = newStack();
    new LogGroup(stack, 'Logs', { name: '/ecs/dev' });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(CloudwatchLogGroup, { name: '/ecs/dev', retention_in_days: 365 });
  });
  test.each([
    [{ name: '/ecs/dev', retentionDays: 8 }, 'test/Logs: retentionDays must be one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653 (got 8)'],
    [{ name: 'bad name!' }, 'test/Logs: name must be 1-512 characters of [A-Za-z0-9_/.#-] (got "bad name!")'],
  ])('rejects %j', (props, message) => {
    expectValidationError(() => new LogGroup(newStack(), 'Logs', props), message);
  });
});

describe('AlarmTopic and MetricAlarm', () => {
  const alarm: MetricAlarmProps = { name: 'dev-high-cpu', namespace: 'AWS/ECS', metricName: 'CPUUtilization', dimensions: { ClusterName: 'dev-cluster' }, threshold: 80 };

  test('alarm notifies the topic, which is encrypted and mails its subscribers', () => {
    const stack = newStack();
    const topic = new AlarmTopic(stack, 'Topic', { name: 'dev-alerts', emails: ['alerts@example.com'] });
    new MetricAlarm(stack, 'Cpu', { ...alarm, topics: [topic] });
    const out = Testing.synth(stack);
    expect(out).toHaveResourceWithProperties(SnsTopic, { name: 'dev-alerts', kms_master_key_id: 'alias/aws/sns' });
    expect(out).toHaveResourceWithProperties(SnsTopicSubscription, { protocol: 'email', endpoint: 'alerts@example.com' });
    expect(out).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
      alarm_name: 'dev-high-cpu',
      threshold: 80,
      comparison_operator: 'GreaterThanThreshold',
      period: 300,
      evaluation_periods: 2,
      alarm_actions: [expect.stringMatching(/^\$\{aws_sns_topic\.Topic_[0-9A-F]+\.arn\}$/)],
    });
  });

  test.each([
    [{ name: 'bad topic!' }, 'test/Topic: name must be 1-256 characters of letters, digits, hyphens and underscores (got "bad topic!")'],
    [{ name: 'ok', emails: ['not-an-email'] }, 'test/Topic: each e-mail subscription must be an e-mail address (got "not-an-email")'],
  ])('topic rejects %j', (props, message) => {
    expectValidationError(() => new AlarmTopic(newStack(), 'Topic', props), message);
  });

  test.each([
    [{ threshold: Number.NaN }, 'test/Alarm: threshold must be a finite number (got null)'],
    [{ periodSeconds: 90 }, 'test/Alarm: periodSeconds must be 10, 30 or a multiple of 60 (got 90)'],
    [{ evaluationPeriods: 0 }, 'test/Alarm: evaluationPeriods must be a positive integer (got 0)'],
  ])('alarm rejects %j', (props, message) => {
    expectValidationError(() => new MetricAlarm(newStack(), 'Alarm', { ...alarm, ...props }), message);
  });
});
