import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { SqsQueueRedriveAllowPolicy } from '@cdktf/provider-aws/lib/sqs-queue-redrive-allow-policy';
import { Testing } from 'cdktf';
import { DeadLetterQueue, DeadLetterQueueProps, Queue, QueueProps, Topic } from '../../lib/aws/messaging';
import { AlarmTopic } from '../../lib/aws/monitoring';
import { ServiceRole } from '../../lib/aws/security';
import { AwsStack } from '../../lib/aws/aws-stack';
import { expectValidationError } from '../helpers';

const KEY = 'arn:aws:kms:us-east-1:111122223333:key/abc';
const newStack = () => new AwsStack(Testing.app(), 'test', { architecture: 't', environment: 'dev', region: 'us-east-1', backend: { type: 'local' } });
const role = (stack: AwsStack) => new ServiceRole(stack, 'Role', { name: 'consumer', assumedBy: ['lambda.amazonaws.com'] });

describe('Queue', () => {
  test('always comes with a dead-letter queue, a redrive policy and a redrive-allow policy', () => {
    const stack = newStack();
    const q = new Queue(stack, 'Jobs', { name: 'jobs', maxReceiveCount: 5, visibilityTimeoutSeconds: 120 });
    const out = Testing.synth(stack);
    const json = JSON.parse(out);
    const queues = Object.values(json.resource.aws_sqs_queue) as Record<string, unknown>[];
    expect(queues.map((x) => x.name).sort()).toEqual(['jobs', 'jobs-dlq']);
    const main = queues.find((x) => x.name === 'jobs')!;
    expect(JSON.parse(main.redrive_policy as string)).toEqual({ deadLetterTargetArn: expect.stringMatching(/aws_sqs_queue\.Jobs_DeadLetters_[0-9A-F]+\.arn/), maxReceiveCount: 5 });
    expect(main).toMatchObject({ visibility_timeout_seconds: 120, message_retention_seconds: 4 * 86400, receive_wait_time_seconds: 20, sqs_managed_sse_enabled: true });
    expect(queues.find((x) => x.name === 'jobs-dlq')).toMatchObject({ message_retention_seconds: 14 * 86400, sqs_managed_sse_enabled: true });
    expect(out).toHaveResourceWithProperties(SqsQueueRedriveAllowPolicy, { queue_url: expect.stringMatching(/Jobs_DeadLetters_[0-9A-F]+\.url/) });
    const allow = Object.values(json.resource.aws_sqs_queue_redrive_allow_policy)[0] as { redrive_allow_policy: string };
    expect(JSON.parse(allow.redrive_allow_policy)).toEqual({ redrivePermission: 'byQueue', sourceQueueArns: [expect.stringMatching(/aws_sqs_queue\.Jobs_[0-9A-F]+\.arn/)] });
    // both queues refuse plain HTTP
    const policies = Object.values(json.resource.aws_sqs_queue_policy) as { policy: string }[];
    expect(policies).toHaveLength(2);
    for (const p of policies) expect(p.policy).toContain('"aws:SecureTransport":"false"');
    expect(q.deadLetterQueue.queue.nameInput).toBe('jobs-dlq');
  });

  test('SSE-KMS with the given key on the queue and its DLQ; grants cover the key', () => {
    const stack = newStack();
    const q = new Queue(stack, 'Jobs', { name: 'jobs', kmsKeyArn: KEY });
    const r = role(stack);
    q.grantSendMessages(r);
    q.grantConsumeMessages(r);
    const out = Testing.synth(stack);
    expect(out).toHaveResourceWithProperties(SqsQueue, { name: 'jobs', kms_master_key_id: KEY, kms_data_key_reuse_period_seconds: 300 });
    expect(out).toHaveResourceWithProperties(SqsQueue, { name: 'jobs-dlq', kms_master_key_id: KEY });
    expect(r.policyStatements).toEqual([
      { Effect: 'Allow', Action: ['sqs:SendMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'], Resource: q.queueArn },
      { Effect: 'Allow', Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Resource: KEY },
      { Effect: 'Allow', Action: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'], Resource: q.queueArn },
      { Effect: 'Allow', Action: 'kms:Decrypt', Resource: KEY },
    ]);
  });

  test('dead-letter alarm fires on the first message', () => {
    const stack = newStack();
    const q = new Queue(stack, 'Jobs', { name: 'jobs' });
    q.deadLetterQueue.alarmOnMessages('Alarm', 'jobs-dlq-not-empty', [new AlarmTopic(stack, 'Alerts', { name: 'alerts' })]);
    expect(Testing.synth(stack)).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
      alarm_name: 'jobs-dlq-not-empty',
      namespace: 'AWS/SQS',
      metric_name: 'ApproximateNumberOfMessagesVisible',
      statistic: 'Maximum',
      comparison_operator: 'GreaterThanThreshold',
      threshold: 0,
      evaluation_periods: 1,
    });
  });

  test.each([
    [{ name: 'x'.repeat(77) }, `test/Q: name must be 1-76 characters of letters, digits, hyphens and underscores (the dead-letter queue adds "-dlq") (got "${'x'.repeat(77)}")`],
    [{ visibilityTimeoutSeconds: 43_201 }, 'test/Q: visibilityTimeoutSeconds must be an integer between 0 and 43200 (got 43201)'],
    [{ retentionDays: 15 }, 'test/Q: retentionDays must be an integer between 1 and 14 (got 15)'],
    [{ maxReceiveCount: 0 }, 'test/Q: maxReceiveCount must be an integer between 1 and 1000 (got 0)'],
    [{ receiveWaitSeconds: 21 }, 'test/Q: receiveWaitSeconds must be an integer between 0 and 20 (got 21)'],
    [
      { retentionDays: 10, deadLetterRetentionDays: 7 },
      'test/Q: deadLetterRetentionDays must be at least retentionDays (a message must not expire in the dead-letter queue before it would have in the queue) (got 7)',
    ],
  ] as [Partial<QueueProps>, string][])('rejects %j', (props, message) => {
    expectValidationError(() => new Queue(newStack(), 'Q', { name: 'q', ...props }), message);
  });
});

describe('DeadLetterQueue', () => {
  test.each([
    [{ name: 'bad.name' }, 'test/D: name must be 1-80 characters of letters, digits, hyphens and underscores (got "bad.name")'],
    [{ name: 'd', retentionDays: 0 }, 'test/D: retentionDays must be an integer between 1 and 14 (got 0)'],
  ] as [DeadLetterQueueProps, string][])('rejects %j', (props, message) => {
    expectValidationError(() => new DeadLetterQueue(newStack(), 'D', props), message);
  });
});

describe('Topic', () => {
  test('encrypted, TLS-only publishing, and grantPublish covers the key', () => {
    const stack = newStack();
    const topic = new Topic(stack, 'Events', { name: 'events', kmsKeyArn: KEY });
    const r = role(stack);
    topic.grantPublish(r);
    const out = Testing.synth(stack);
    expect(out).toHaveResourceWithProperties(SnsTopic, { name: 'events', kms_master_key_id: KEY });
    const policy = JSON.parse((Object.values(JSON.parse(out).resource.aws_sns_topic_policy)[0] as { policy: string }).policy);
    expect(policy.Statement[0]).toMatchObject({ Effect: 'Deny', Action: 'sns:Publish', Condition: { Bool: { 'aws:SecureTransport': 'false' } } });
    expect(r.policyStatements).toEqual([
      { Effect: 'Allow', Action: 'sns:Publish', Resource: topic.topicArn },
      { Effect: 'Allow', Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Resource: KEY },
    ]);
  });

  test('defaults to the AWS-managed SNS key', () => {
    const stack = newStack();
    new Topic(stack, 'Events', { name: 'events' });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(SnsTopic, { kms_master_key_id: 'alias/aws/sns' });
  });

  test('rejects a bad name', () => {
    expectValidationError(() => new Topic(newStack(), 'T', { name: 'a topic' }), 'test/T: name must be 1-256 characters of letters, digits, hyphens and underscores (got "a topic")');
  });
});
