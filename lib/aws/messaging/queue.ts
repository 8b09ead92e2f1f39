import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { SqsQueuePolicy } from '@cdktf/provider-aws/lib/sqs-queue-policy';
import { SqsQueueRedriveAllowPolicy } from '@cdktf/provider-aws/lib/sqs-queue-redrive-allow-policy';
import { Lazy } from 'cdktf';
import { Construct } from 'constructs';
import { intInRange, Rule, validateProps } from '../../core/validation';
import { requireProps } from '../../core/validation';
import { AlarmTopic, MetricAlarm } from '../monitoring/alarms';
import { grantKeyDecrypt, grantKeyEncryptDecrypt } from '../security/grants';
import { Grant } from '../security/grant';
import { IGrantable, PolicyDocument, PolicyStatement, StarPrincipal } from '../security/policy';

const DAY = 86_400;

interface QueueSettings {
  readonly name: string;
  readonly kmsKeyArn?: string;
  readonly retentionSeconds: number;
  readonly visibilityTimeoutSeconds: number;
  readonly receiveWaitSeconds: number;
  readonly redrivePolicy?: string;
}
const NAME = /^[A-Za-z0-9_-]{1,80}$/;

/** What every SQS queue of the library shares: encryption, a TLS-only policy, grants. */
abstract class EncryptedQueue extends Construct {
  public readonly queue: SqsQueue;
  public readonly queueArn: string;
  public readonly queueUrl: string;
  public readonly queueName: string;
  /** The customer-managed key, when the queue uses SSE-KMS. */
  public readonly kmsKeyArn?: string;
  /** The queue policy. */
  public readonly policyDocument = new PolicyDocument();

  /** `build` runs inside the new construct (validation, child resources) and returns the queue settings. */
  protected constructor(scope: Construct, id: string, build: (self: Construct) => QueueSettings) {
    super(scope, id);
    const config = build(this);
    this.kmsKeyArn = config.kmsKeyArn;
    this.queue = new SqsQueue(this, 'Resource', {
      name: config.name,
      messageRetentionSeconds: config.retentionSeconds,
      visibilityTimeoutSeconds: config.visibilityTimeoutSeconds,
      receiveWaitTimeSeconds: config.receiveWaitSeconds,
      ...(config.kmsKeyArn ? { kmsMasterKeyId: config.kmsKeyArn, kmsDataKeyReusePeriodSeconds: 300 } : { sqsManagedSseEnabled: true }),
      redrivePolicy: config.redrivePolicy,
    });
    this.queueArn = this.queue.arn;
    this.queueUrl = this.queue.url;
    this.queueName = this.queue.name;
    this.policyDocument.addStatements(
      new PolicyStatement({
        sid: 'DenyInsecureTransport',
        effect: 'Deny',
        principals: [new StarPrincipal()],
        actions: 'sqs:*',
        resources: this.queueArn,
        conditions: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
    );
    new SqsQueuePolicy(this, 'Policy', {
      queueUrl: this.queueUrl,
      policy: Lazy.stringValue({ produce: () => this.policyDocument.render() }),
    });
  }

  /** Appends a statement to the queue policy (e.g. let a service send to it). */
  addToResourcePolicy(statement: PolicyStatement): void {
    this.policyDocument.addStatements(statement);
  }

  /** Send messages (and encrypt them with the queue's key). */
  grantSendMessages(grantee: IGrantable): Grant {
    const send = Grant.addToPrincipal(grantee, { actions: ['sqs:SendMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'], resources: this.queueArn });
    return Grant.combine(send, this.kmsKeyArn ? grantKeyEncryptDecrypt(this.kmsKeyArn, grantee) : undefined);
  }

  /** Receive and delete messages: what a consumer or an event source mapping needs. */
  grantConsumeMessages(grantee: IGrantable): Grant {
    const consume = Grant.addToPrincipal(grantee, {
      actions: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'],
      resources: this.queueArn,
    });
    return Grant.combine(consume, this.kmsKeyArn ? grantKeyDecrypt(this.kmsKeyArn, grantee) : undefined);
  }
}

export interface DeadLetterQueueProps {
  /** Queue name, 1-80 characters of letters, digits, hyphens and underscores. */
  readonly name: string;
  /**
   * KMS key ARN for SSE-KMS.
   * @default SSE-SQS (SQS-owned keys)
   */
  readonly kmsKeyArn?: string;
  /**
   * Days a dead letter is kept (1-14).
   * @default 14, the maximum, so failures can be inspected and redriven
   */
  readonly retentionDays?: number;
}

const DLQ_RULES: Rule<DeadLetterQueueProps>[] = [
  { rule: 'name must be 1-80 characters of letters, digits, hyphens and underscores', check: (p) => (NAME.test(p.name) ? undefined : p.name) },
  {
    rule: 'retentionDays must be an integer between 1 and 14',
    check: (p) => (intInRange(p.retentionDays ?? 14, 1, 14) ? undefined : p.retentionDays),
  },
];

/**
 * A queue that only receives failures: from a {@link Queue}'s redrive policy
 * or a Lambda function's asynchronous invocations. Encrypted, TLS only,
 * messages kept 14 days.
 */
export class DeadLetterQueue extends EncryptedQueue {
  constructor(scope: Construct, id: string, props: DeadLetterQueueProps) {
    super(scope, id, (self) => {
      requireProps(self, props, ['name']);
      validateProps(self, props, DLQ_RULES);
      return { name: props.name, kmsKeyArn: props.kmsKeyArn, retentionSeconds: (props.retentionDays ?? 14) * DAY, visibilityTimeoutSeconds: 30, receiveWaitSeconds: 20 };
    });
  }

  /**
   * Alarms as soon as one message lands here.
   */
  alarmOnMessages(id: string, name: string, topics: AlarmTopic[]): MetricAlarm {
    return new MetricAlarm(this, id, {
      name,
      namespace: 'AWS/SQS',
      metricName: 'ApproximateNumberOfMessagesVisible',
      dimensions: { QueueName: this.queueName },
      statistic: 'Maximum',
      threshold: 0,
      periodSeconds: 300,
      evaluationPeriods: 1,
      description: `Messages in the dead-letter queue ${name}: processing failed and needs attention`,
      topics,
    });
  }
}

export interface QueueProps {
  /** Queue name, 1-76 characters (the dead-letter queue is `<name>-dlq`). */
  readonly name: string;
  /**
   * KMS key ARN for SSE-KMS of the queue and its dead-letter queue.
   * @default SSE-SQS (SQS-owned keys)
   */
  readonly kmsKeyArn?: string;
  /**
   * Seconds a received message stays invisible to other consumers (0-43200).
   * Must be at least the timeout of a Lambda function that consumes it.
   * @default 30
   */
  readonly visibilityTimeoutSeconds?: number;
  /**
   * Days a message is kept (1-14).
   * @default 4
   */
  readonly retentionDays?: number;
  /**
   * Receives before a message moves to the dead-letter queue (1-1000).
   * @default 3
   */
  readonly maxReceiveCount?: number;
  /**
   * Long-polling wait in seconds (0-20).
   * @default 20
   */
  readonly receiveWaitSeconds?: number;
  /**
   * Days the dead-letter queue keeps a message (1-14); keep it longer than `retentionDays`.
   * @default 14
   */
  readonly deadLetterRetentionDays?: number;
}

const RULES: Rule<QueueProps>[] = [
  {
    rule: 'name must be 1-76 characters of letters, digits, hyphens and underscores (the dead-letter queue adds "-dlq")',
    check: (p) => (/^[A-Za-z0-9_-]{1,76}$/.test(p.name) ? undefined : p.name),
  },
  { rule: 'visibilityTimeoutSeconds must be an integer between 0 and 43200', check: (p) => (intInRange(p.visibilityTimeoutSeconds ?? 0, 0, 43_200) ? undefined : p.visibilityTimeoutSeconds) },
  { rule: 'retentionDays must be an integer between 1 and 14', check: (p) => (intInRange(p.retentionDays ?? 1, 1, 14) ? undefined : p.retentionDays) },
  { rule: 'maxReceiveCount must be an integer between 1 and 1000', check: (p) => (intInRange(p.maxReceiveCount ?? 1, 1, 1000) ? undefined : p.maxReceiveCount) },
  { rule: 'receiveWaitSeconds must be an integer between 0 and 20', check: (p) => (intInRange(p.receiveWaitSeconds ?? 0, 0, 20) ? undefined : p.receiveWaitSeconds) },
  {
    rule: 'deadLetterRetentionDays must be at least retentionDays (a message must not expire in the dead-letter queue before it would have in the queue)',
    check: (p) => ((p.deadLetterRetentionDays ?? 14) < (p.retentionDays ?? 4) ? p.deadLetterRetentionDays : undefined),
  },
];

/**
 * A standard SQS queue that always comes with its dead-letter queue: after
 * `maxReceiveCount` failed receives a message moves to `<name>-dlq`, which
 * only this queue may redrive into. Both are encrypted (SSE-KMS with the given
 * key, SSE-SQS otherwise) and refuse requests that are not TLS.
 */
export class Queue extends EncryptedQueue {
  public readonly deadLetterQueue: DeadLetterQueue;
  public readonly visibilityTimeoutSeconds: number;
  public readonly maxReceiveCount: number;

  constructor(scope: Construct, id: string, props: QueueProps) {
    const maxReceiveCount = props?.maxReceiveCount ?? 3;
    let dlq!: DeadLetterQueue;
    super(scope, id, (self) => {
      requireProps(self, props, ['name']);
      validateProps(self, props, RULES);
      dlq = new DeadLetterQueue(self, 'DeadLetters', { name: `${props.name}-dlq`, kmsKeyArn: props.kmsKeyArn, retentionDays: props.deadLetterRetentionDays });
      return {
        name: props.name,
        kmsKeyArn: props.kmsKeyArn,
        retentionSeconds: (props.retentionDays ?? 4) * DAY,
        visibilityTimeoutSeconds: props.visibilityTimeoutSeconds ?? 30,
        receiveWaitSeconds: props.receiveWaitSeconds ?? 20,
        redrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.queueArn, maxReceiveCount }),
      };
    });
    this.deadLetterQueue = dlq;
    this.visibilityTimeoutSeconds = props.visibilityTimeoutSeconds ?? 30;
    this.maxReceiveCount = maxReceiveCount;
    new SqsQueueRedriveAllowPolicy(this, 'RedriveAllow', {
      queueUrl: dlq.queueUrl,
      redriveAllowPolicy: JSON.stringify({ redrivePermission: 'byQueue', sourceQueueArns: [this.queueArn] }),
    });
  }
}
