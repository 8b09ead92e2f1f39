import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { LambdaEventSourceMapping } from '@cdktf/provider-aws/lib/lambda-event-source-mapping';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { Rule, validateProps } from '../../core/validation';
import { Queue } from '../messaging/queue';
import { ITopic } from '../messaging/topic';
import { PythonFunction } from './python-function';
import { requireProps } from '../../core/validation';

const RATE = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/;
const CRON = /^cron\(\S+ \S+ \S+ \S+ \S+ \S+\)$/;

/** True when `expression` is an EventBridge `rate(...)` or six-field `cron(...)` expression. */
export function isScheduleExpression(expression: string): boolean {
  const rate = RATE.exec(expression);
  if (rate) return Number(rate[1]) >= 1 && (Number(rate[1]) === 1) === !rate[2].endsWith('s');
  return CRON.test(expression);
}

export interface ScheduleTriggerProps {
  /** The function invoked. */
  readonly function: PythonFunction;
  /** Rule name, 1-64 characters of letters, digits, `.`, `-` and `_`. */
  readonly name: string;
  /** `rate(5 minutes)`, `rate(1 day)` or a six-field `cron(0 3 * * ? *)` (UTC). */
  readonly schedule: string;
  /**
   * JSON sent to the function as its event.
   * @default the scheduled event EventBridge builds
   */
  readonly input?: Record<string, unknown>;
  /**
   * What the schedule is for.
   * @default the schedule expression
   */
  readonly description?: string;
  /**
   * Whether the rule fires.
   * @default true
   */
  readonly enabled?: boolean;
}

const SCHEDULE_RULES: Rule<ScheduleTriggerProps>[] = [
  { rule: 'name must be 1-64 characters of letters, digits, ".", "-" and "_"', check: (p) => (/^[.\-_A-Za-z0-9]{1,64}$/.test(p.name) ? undefined : p.name) },
  {
    rule: 'schedule must be rate(<n> minute(s)|hour(s)|day(s)) with singular units only for 1, or a six-field cron(...)',
    check: (p) => (isScheduleExpression(p.schedule) ? undefined : p.schedule),
  },
];

/** An EventBridge schedule rule that invokes a function (with the permission that lets it). */
export class ScheduleTrigger extends Construct {
  public readonly rule: CloudwatchEventRule;

  constructor(scope: Construct, id: string, props: ScheduleTriggerProps) {
    super(scope, id);
    requireProps(this, props, ['function', 'name', 'schedule']);
    validateProps(this, props, SCHEDULE_RULES);
    this.rule = new CloudwatchEventRule(this, 'Rule', {
      name: props.name,
      description: props.description ?? props.schedule,
      scheduleExpression: props.schedule,
      state: (props.enabled ?? true) ? 'ENABLED' : 'DISABLED',
    });
    new CloudwatchEventTarget(this, 'Target', {
      rule: this.rule.name,
      arn: props.function.targetArn,
      input: props.input ? JSON.stringify(props.input) : undefined,
      retryPolicy: { maximumRetryAttempts: 2, maximumEventAgeInSeconds: 3600 },
    });
    new LambdaPermission(this, 'Permission', {
      statementId: `AllowEventBridge-${props.name}`.slice(0, 100),
      action: 'lambda:InvokeFunction',
      functionName: props.function.functionName,
      qualifier: props.function.qualifier,
      principal: 'events.amazonaws.com',
      sourceArn: this.rule.arn,
    });
  }
}

export interface TopicTriggerProps {
  /** The function invoked for every message. */
  readonly function: PythonFunction;
  /** The topic it subscribes to. */
  readonly topic: ITopic;
  /**
   * SNS filter policy on message attributes.
   * @default every message
   */
  readonly filterPolicy?: Record<string, unknown>;
}

/** Subscribes a function to an SNS topic (with the permission that lets SNS invoke it). */
export class TopicTrigger extends Construct {
  public readonly subscription: SnsTopicSubscription;

  constructor(scope: Construct, id: string, props: TopicTriggerProps) {
    super(scope, id);
    requireProps(this, props, ['function', 'topic']);
    const permission = new LambdaPermission(this, 'Permission', {
      statementId: 'AllowSns',
      action: 'lambda:InvokeFunction',
      functionName: props.function.functionName,
      qualifier: props.function.qualifier,
      principal: 'sns.amazonaws.com',
      sourceArn: props.topic.topicArn,
    });
    this.subscription = new SnsTopicSubscription(this, 'Subscription', {
      topicArn: props.topic.topicArn,
      protocol: 'lambda',
      endpoint: props.function.targetArn,
      filterPolicy: props.filterPolicy ? JSON.stringify(props.filterPolicy) : undefined,
      dependsOn: [permission],
    });
  }
}

export interface QueueTriggerProps {
  /** The function that consumes the queue. */
  readonly function: PythonFunction;
  /** The queue; its visibility timeout must be at least the function's timeout. */
  readonly queue: Queue;
  /**
   * Messages per invocation (1-10000; above 10 needs a batching window).
   * @default 10
   */
  readonly batchSize?: number;
  /**
   * Seconds Lambda waits to fill a batch (0-300).
   * @default 0
   */
  readonly maxBatchingWindowSeconds?: number;
  /**
   * Most concurrent invocations this source starts (2-1000), at most the function's reserved concurrency.
   * Required when the function reserves fewer than 5 executions: the SQS poller starts with five concurrent
   * batches, and batches throttled by the reservation return to the queue until they land in its dead-letter queue.
   * @default no limit besides the function's reserved concurrency
   */
  readonly maxConcurrency?: number;
}

const intIn = (v: number | undefined, min: number, max: number) => (v === undefined || (Number.isInteger(v) && v >= min && v <= max) ? undefined : v);
const known = (v: number | undefined): v is number => v !== undefined && !Token.isUnresolved(v);

/** Concurrent batches the SQS event source poller starts with (AWS Lambda's SQS scaling behaviour). */
export const SQS_INITIAL_CONCURRENCY = 5;

const QUEUE_RULES: Rule<QueueTriggerProps>[] = [
  { rule: 'batchSize must be an integer between 1 and 10000', check: (p) => intIn(p.batchSize, 1, 10_000) },
  { rule: 'maxBatchingWindowSeconds must be an integer between 0 and 300', check: (p) => intIn(p.maxBatchingWindowSeconds, 0, 300) },
  { rule: 'batchSize above 10 needs maxBatchingWindowSeconds of at least 1', check: (p) => ((p.batchSize ?? 10) > 10 && (p.maxBatchingWindowSeconds ?? 0) < 1 ? p.batchSize : undefined) },
  { rule: 'maxConcurrency must be an integer between 2 and 1000', check: (p) => intIn(p.maxConcurrency, 2, 1000) },
  {
    rule: (p) => `maxConcurrency must not exceed the function's reservedConcurrency of ${p.function.reservedConcurrency} (the excess batches are throttled into the dead-letter queue)`,
    check: (p) => (known(p.maxConcurrency) && known(p.function.reservedConcurrency) && p.maxConcurrency > p.function.reservedConcurrency ? p.maxConcurrency : undefined),
  },
  {
    rule: `a function reserving fewer than ${SQS_INITIAL_CONCURRENCY} concurrent executions needs maxConcurrency (2 to its reservedConcurrency), or a reservedConcurrency of at least ${SQS_INITIAL_CONCURRENCY}: the SQS poller starts ${SQS_INITIAL_CONCURRENCY} concurrent batches`,
    check: (p) => (p.maxConcurrency === undefined && known(p.function.reservedConcurrency) && p.function.reservedConcurrency < SQS_INITIAL_CONCURRENCY ? p.function.reservedConcurrency : undefined),
  },
  {
    rule: (p) => `the queue's visibility timeout must be at least the function's timeout of ${p.function.timeoutSeconds} s`,
    check: (p) => (p.queue.visibilityTimeoutSeconds < p.function.timeoutSeconds ? p.queue.visibilityTimeoutSeconds : undefined),
  },
];

/**
 * An SQS event source mapping: the function receives batches from the queue,
 * reports partial batch failures (failed messages return to the queue and,
 * after `maxReceiveCount` receives, go to its dead-letter queue). Grants the
 * function's role what the mapping needs on the queue and its key.
 */
export class QueueTrigger extends Construct {
  public readonly mapping: LambdaEventSourceMapping;

  constructor(scope: Construct, id: string, props: QueueTriggerProps) {
    super(scope, id);
    requireProps(this, props, ['function', 'queue']);
    validateProps(this, props, QUEUE_RULES);
    props.queue.grantConsumeMessages(props.function.role);
    this.mapping = new LambdaEventSourceMapping(this, 'Resource', {
      eventSourceArn: props.queue.queueArn,
      functionName: props.function.targetArn,
      batchSize: props.batchSize ?? 10,
      maximumBatchingWindowInSeconds: props.maxBatchingWindowSeconds,
      functionResponseTypes: ['ReportBatchItemFailures'],
      scalingConfig: props.maxConcurrency ? { maximumConcurrency: props.maxConcurrency } : undefined,
      // AWS checks the role's SQS permissions when the mapping is created.
      dependsOn: props.function.role.dependables,
    });
  }
}
