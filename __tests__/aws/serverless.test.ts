import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { LambdaEventSourceMapping } from '@cdktf/provider-aws/lib/lambda-event-source-mapping';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { Testing } from 'cdktf';
import { join } from 'path';
import { Queue, Topic } from '../../lib/aws/messaging';
import { isScheduleExpression, PythonFunction, PythonFunctionProps, QueueTrigger, QueueTriggerProps, ScheduleTrigger, TopicTrigger } from '../../lib/aws/serverless';
import { AwsStack } from '../../lib/aws/aws-stack';
import { expectValidationError } from '../helpers';

const CODE = join(__dirname, '../../lambda/audit');
const KEY = 'arn:aws:kms:us-east-1:111122223333:key/abc';
const newStack = () => new AwsStack(Testing.app(), 'test', { architecture: 't', environment: 'dev', region: 'us-east-1', backend: { type: 'local' } });
const base: PythonFunctionProps = { functionName: 'audit', codePath: CODE };

type Json = Record<string, Record<string, Record<string, Record<string, unknown>>>>;
const values = (json: Json, type: string) => Object.values(json.resource[type] ?? {});

describe('PythonFunction', () => {
  test('packages the directory, runs Python 3.12 with tracing, JSON logs in its own log group and a dead-letter queue', () => {
    const stack = newStack();
    new PythonFunction(stack, 'Fn', { ...base, kmsKeyArn: KEY, logRetentionDays: 30, reservedConcurrency: 3, environment: { BUCKET: 'b' } });
    const out = Testing.synth(stack);
    expect(out).toHaveResourceWithProperties(LambdaFunction, {
      function_name: 'audit',
      runtime: 'python3.12',
      handler: 'handler.handler',
      architectures: ['arm64'],
      memory_size: 256,
      timeout: 30,
      reserved_concurrent_executions: 3,
      kms_key_arn: KEY,
      tracing_config: { mode: 'Active' },
      environment: { variables: { BUCKET: 'b' } },
      logging_config: expect.objectContaining({ log_format: 'JSON', log_group: expect.stringMatching(/aws_cloudwatch_log_group\.Fn_Logs_[0-9A-F]+\.name/) }),
      dead_letter_config: { target_arn: expect.stringMatching(/aws_sqs_queue\.Fn_DeadLetters_[0-9A-F]+\.arn/) },
    });
    expect(out).toHaveResourceWithProperties(CloudwatchLogGroup, { name: '/aws/lambda/audit', retention_in_days: 30, kms_key_id: KEY });
    expect(out).toHaveResourceWithProperties(IamRolePolicyAttachment, { policy_arn: 'arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess' });
    const json = JSON.parse(out);
    const fn = values(json, 'aws_lambda_function')[0];
    // TerraformAsset of an in-process zip: under assets/<id>/<content hash>/, its hash computed by Terraform from the file.
    expect(fn.filename).toMatch(/^assets\/Fn_Code_[0-9A-F]+\/[0-9a-f]{32}\/archive\.zip$/);
    expect(fn.source_code_hash).toBe(`\${filebase64sha256("${fn.filename}")}`);
    const policy = JSON.parse(values(json, 'aws_iam_role_policy')[0].policy as string);
    expect(policy.Statement).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Action: ['logs:CreateLogStream', 'logs:PutLogEvents'] }),
        expect.objectContaining({ Action: 'kms:Decrypt', Resource: KEY }),
        expect.objectContaining({ Action: ['sqs:SendMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'] }),
      ]),
    );
    const queue = values(json, 'aws_sqs_queue')[0];
    expect(queue).toMatchObject({ name: 'audit-dlq', message_retention_seconds: 14 * 86400, kms_master_key_id: KEY });
  });

  test('in a VPC: ENI policy attached before the function is created; X-Ray off on request', () => {
    const stack = newStack();
    new PythonFunction(stack, 'Fn', { ...base, tracing: false, architecture: 'x86_64', vpc: { subnetIds: ['subnet-1'], securityGroupIds: ['sg-1'] } });
    const json = JSON.parse(Testing.synth(stack));
    const fn = values(json, 'aws_lambda_function')[0];
    expect(fn).toMatchObject({ vpc_config: { subnet_ids: ['subnet-1'], security_group_ids: ['sg-1'] }, tracing_config: { mode: 'PassThrough' }, architectures: ['x86_64'] });
    const attachments = values(json, 'aws_iam_role_policy_attachment').map((a) => a.policy_arn);
    expect(attachments).toEqual(['arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole']);
    expect(fn.depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/^aws_iam_role_policy_attachment\.Fn_Role_ManagedAWSLambdaVPCAccessExecutionRole_/), expect.stringMatching(/^aws_iam_role_policy\./)]));
    expect(fn.environment).toBeUndefined();
  });

  test('addEnvironment adds variables after construction and applies the secret-name rule', () => {
    const stack = newStack();
    const fn = new PythonFunction(stack, 'Fn', base);
    fn.addEnvironment('TOPIC_ARN', 'arn:aws:sns:us-east-1:111122223333:t');
    expect(Testing.synth(stack)).toHaveResourceWithProperties(LambdaFunction, { environment: { variables: { TOPIC_ARN: 'arn:aws:sns:us-east-1:111122223333:t' } } });
    expectValidationError(() => fn.addEnvironment('DB_PASSWORD', 'hunter2'), 
      'test/Fn: environment must not carry secrets: pass the secret ARN or name (…_ARN, …_NAME, …_ID) and read it at runtime (got "DB_PASSWORD")',
    );
  });

  test.each([
    [{ memoryMiB: 1024 }, 1024],
    [{ memoryMb: 768 }, 768], // the deprecated alias still works for one release
    [{}, 256],
  ])('memory %j gives memory_size %d', (props, size) => {
    const stack = newStack();
    new PythonFunction(stack, 'Fn', { ...base, ...props });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(LambdaFunction, { memory_size: size });
  });

  test.each([
    [{ functionName: 'bad name' }, 'test/Fn: functionName must be 1-59 characters of letters, digits, hyphens and underscores (got "bad name")'],
    [{ runtime: 'python3.10' }, 'test/Fn: runtime must be python3.11 or newer (got "python3.10")'],
    [{ runtime: 'nodejs20.x' }, 'test/Fn: runtime must be python3.11 or newer (got "nodejs20.x")'],
    [{ codePath: '/nonexistent/dir' }, 'test/Fn: codePath must be an existing directory (got "/nonexistent/dir")'],
    [{ handler: 'handler' }, 'test/Fn: handler must be "module.function" (got "handler")'],
    [{ memoryMiB: 64 }, 'test/Fn: memoryMiB must be an integer between 128 and 10240 (got 64)'],
    [{ memoryMb: 64 }, 'test/Fn: memoryMiB must be an integer between 128 and 10240 (got 64)'],
    [{ memoryMiB: 512, memoryMb: 512 }, 'test/Fn: give memoryMiB only (memoryMb is its deprecated alias) (got {"memoryMiB":512,"memoryMb":512})'],
    [{ timeoutSeconds: 901 }, 'test/Fn: timeoutSeconds must be an integer between 1 and 900 (got 901)'],
    [{ reservedConcurrency: -1 }, 'test/Fn: reservedConcurrency must be a non-negative integer (got -1)'],
    [{ logRetentionDays: 10 }, 'test/Fn: logRetentionDays must be one of 1, 3, 5, 7, 14, 30'],
    [{ environment: { AWS_REGION: 'x' } }, 'test/Fn: environment variable names must start with a letter, use letters, digits and underscores, and not start with AWS_ (got "AWS_REGION")'],
    [{ environment: { API_KEY: 'x' } }, 'test/Fn: environment must not carry secrets: pass the secret ARN or name (…_ARN, …_NAME, …_ID) and read it at runtime (got "API_KEY")'],
    [{ vpc: { subnetIds: [], securityGroupIds: ['sg-1'] } }, 'test/Fn: vpc needs at least one subnet and one security group (got {"subnetIds":[],"securityGroupIds":["sg-1"]})'],
  ])('rejects %j', (props, message) => {
    expectValidationError(() => new PythonFunction(newStack(), 'Fn', { ...base, ...(props as Partial<PythonFunctionProps>) }), message);
  });

  test('accepts secret references by ARN or name', () => {
    expect(() => new PythonFunction(newStack(), 'Fn', { ...base, runtime: 'python3.13', environment: { DB_SECRET_ARN: 'arn', API_KEY_NAME: 'n' } })).not.toThrow();
  });
});

describe('triggers', () => {
  const setup = (fnProps: Partial<PythonFunctionProps> = {}) => {
    const stack = newStack();
    const fn = new PythonFunction(stack, 'Fn', { ...base, ...fnProps });
    return { stack, fn };
  };

  test('ScheduleTrigger: an EventBridge rule targeting the function, with the invoke permission scoped to the rule', () => {
    const { stack, fn } = setup();
    new ScheduleTrigger(stack, 'Nightly', { function: fn, name: 'nightly', schedule: 'cron(0 6 * * ? *)', input: { job: 'cleanup' } });
    const out = Testing.synth(stack);
    expect(out).toHaveResourceWithProperties(CloudwatchEventRule, { name: 'nightly', schedule_expression: 'cron(0 6 * * ? *)', state: 'ENABLED' });
    expect(out).toHaveResourceWithProperties(CloudwatchEventTarget, { input: '{"job":"cleanup"}', retry_policy: { maximum_retry_attempts: 2, maximum_event_age_in_seconds: 3600 } });
    expect(out).toHaveResourceWithProperties(LambdaPermission, {
      principal: 'events.amazonaws.com',
      action: 'lambda:InvokeFunction',
      source_arn: expect.stringMatching(/aws_cloudwatch_event_rule\.Nightly_Rule_[0-9A-F]+\.arn/),
    });
  });

  test('TopicTrigger: a lambda subscription after the permission for that topic', () => {
    const { stack, fn } = setup();
    const topic = new Topic(stack, 'Topic', { name: 'events' });
    new TopicTrigger(stack, 'OnEvents', { function: fn, topic, filterPolicy: { kind: ['email'] } });
    const out = Testing.synth(stack);
    expect(out).toHaveResourceWithProperties(SnsTopicSubscription, { protocol: 'lambda', filter_policy: '{"kind":["email"]}', depends_on: [expect.stringMatching(/^aws_lambda_permission\./)] });
    expect(out).toHaveResourceWithProperties(LambdaPermission, { principal: 'sns.amazonaws.com', source_arn: expect.stringMatching(/aws_sns_topic\.Topic_[0-9A-F]+\.arn/) });
  });

  test('QueueTrigger: partial batch failures, consume permissions on the queue and its key before the mapping', () => {
    const { stack, fn } = setup({ timeoutSeconds: 60 });
    const queue = new Queue(stack, 'Queue', { name: 'jobs', visibilityTimeoutSeconds: 360, kmsKeyArn: KEY });
    new QueueTrigger(stack, 'OnJobs', { function: fn, queue, batchSize: 5, maxConcurrency: 2 });
    const out = Testing.synth(stack);
    expect(out).toHaveResourceWithProperties(LambdaEventSourceMapping, {
      batch_size: 5,
      function_response_types: ['ReportBatchItemFailures'],
      scaling_config: { maximum_concurrency: 2 },
      event_source_arn: expect.stringMatching(/aws_sqs_queue\.Queue_[0-9A-F]+\.arn/),
      depends_on: expect.arrayContaining([expect.stringMatching(/^aws_iam_role_policy\.Fn_Role_Policy_/)]),
    });
    const policy = JSON.parse(Object.values(JSON.parse(out).resource.aws_iam_role_policy as Record<string, { policy: string }>)[0].policy);
    expect(policy.Statement).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Action: expect.arrayContaining(['sqs:ReceiveMessage', 'sqs:DeleteMessage']), Resource: expect.stringMatching(/aws_sqs_queue\.Queue_[0-9A-F]+\.arn/) }),
        expect.objectContaining({ Action: 'kms:Decrypt', Resource: KEY }),
      ]),
    );
  });

  test.each([
    [{ name: 'bad name' }, 'test/S: name must be 1-64 characters of letters, digits, ".", "-" and "_" (got "bad name")'],
    [{ schedule: 'rate(1 days)' }, 'test/S: schedule must be rate(<n> minute(s)|hour(s)|day(s)) with singular units only for 1, or a six-field cron(...) (got "rate(1 days)")'],
  ])('ScheduleTrigger rejects %j', (props, message) => {
    const { stack, fn } = setup();
    expectValidationError(() => new ScheduleTrigger(stack, 'S', { function: fn, name: 'ok', schedule: 'rate(5 minutes)', ...props }), message);
  });

  test.each([
    [{ batchSize: 0 }, 'test/T: batchSize must be an integer between 1 and 10000 (got 0)'],
    [{ maxBatchingWindowSeconds: 301 }, 'test/T: maxBatchingWindowSeconds must be an integer between 0 and 300 (got 301)'],
    [{ batchSize: 100 }, 'test/T: batchSize above 10 needs maxBatchingWindowSeconds of at least 1 (got 100)'],
    [{ maxConcurrency: 1 }, 'test/T: maxConcurrency must be an integer between 2 and 1000 (got 1)'],
  ] as [Partial<QueueTriggerProps>, string][])('QueueTrigger rejects %j', (props, message) => {
    const { stack, fn } = setup();
    const queue = new Queue(stack, 'Queue', { name: 'jobs' });
    expectValidationError(() => new QueueTrigger(stack, 'T', { function: fn, queue, ...props }), message);
  });

  test("QueueTrigger rejects a queue whose visibility timeout is shorter than the function's timeout", () => {
    const { stack, fn } = setup({ timeoutSeconds: 120 });
    const queue = new Queue(stack, 'Queue', { name: 'jobs', visibilityTimeoutSeconds: 30 });
    expectValidationError(() => new QueueTrigger(stack, 'T', { function: fn, queue }), "test/T: the queue's visibility timeout must be at least the function's timeout of 120 s (got 30)");
  });

  test.each([
    ['rate(1 minute)', true],
    ['rate(5 minutes)', true],
    ['rate(1 hours)', false],
    ['rate(0 minutes)', false],
    ['cron(0 12 ? * MON-FRI *)', true],
    ['cron(0 12 * * *)', false],
    ['every day', false],
  ])('isScheduleExpression(%s) is %s', (expression, ok) => {
    expect(isScheduleExpression(expression)).toBe(ok);
  });
});
