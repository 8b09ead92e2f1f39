import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { Construct } from 'constructs';
import { Rule, validateProps } from '../../core/validation';
import { requireProps } from '../../core/validation';

export interface AlarmTopicProps {
  /** Topic name, e.g. `dev-alerts`. */
  readonly name: string;
  /**
   * E-mail addresses subscribed to the topic (each must confirm the subscription).
   * @default no subscriptions
   */
  readonly emails?: string[];
  /**
   * KMS key ARN that encrypts messages at rest; its policy must let `cloudwatch.amazonaws.com` use it.
   * @default the AWS-managed `alias/aws/sns` key
   */
  readonly kmsKeyArn?: string;
}

const TOPIC_RULES: Rule<AlarmTopicProps>[] = [
  { rule: 'name must be 1-256 characters of letters, digits, hyphens and underscores', check: (p) => (/^[A-Za-z0-9_-]{1,256}$/.test(p.name) ? undefined : p.name) },
  { rule: 'each e-mail subscription must be an e-mail address', check: (p) => (p.emails ?? []).find((e) => !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(e)) },
];

/** An encrypted SNS topic that alarms notify, with e-mail subscriptions. */
export class AlarmTopic extends Construct {
  public readonly topic: SnsTopic;
  public readonly topicArn: string;

  constructor(scope: Construct, id: string, props: AlarmTopicProps) {
    super(scope, id);
    requireProps(this, props, ['name']);
    validateProps(this, props, TOPIC_RULES);
    this.topic = new SnsTopic(this, 'Resource', { name: props.name, kmsMasterKeyId: props.kmsKeyArn ?? 'alias/aws/sns' });
    this.topicArn = this.topic.arn;
    (props.emails ?? []).forEach((email, i) => {
      new SnsTopicSubscription(this, `Email${i + 1}`, { topicArn: this.topicArn, protocol: 'email', endpoint: email });
    });
  }
}

/** Comparison operators CloudWatch accepts. */
export type Comparison = 'GreaterThanThreshold' | 'GreaterThanOrEqualToThreshold' | 'LessThanThreshold' | 'LessThanOrEqualToThreshold';

export interface MetricAlarmProps {
  /** Alarm name, e.g. `dev-high-cpu`. */
  readonly name: string;
  /** Metric namespace, e.g. `AWS/ECS`. */
  readonly namespace: string;
  /** Metric name, e.g. `CPUUtilization`. */
  readonly metricName: string;
  /** Metric dimensions. */
  readonly dimensions: Record<string, string>;
  /** Threshold the statistic is compared with. */
  readonly threshold: number;
  /**
   * How the statistic is compared with the threshold.
   * @default 'GreaterThanThreshold'
   */
  readonly comparison?: Comparison;
  /**
   * Statistic over each period.
   * @default 'Average'
   */
  readonly statistic?: 'Average' | 'Sum' | 'Minimum' | 'Maximum' | 'SampleCount';
  /**
   * Period in seconds: 10, 30 or a multiple of 60.
   * @default 300
   */
  readonly periodSeconds?: number;
  /**
   * Consecutive periods that must breach before the alarm fires.
   * @default 2
   */
  readonly evaluationPeriods?: number;
  /**
   * What the alarm says.
   * @default the metric, comparison and threshold
   */
  readonly description?: string;
  /**
   * Topics notified on ALARM and OK.
   * @default no notification
   */
  readonly topics?: AlarmTopic[];
  /**
   * Extra actions on ALARM (e.g. a scaling policy ARN).
   * @default none
   */
  readonly alarmActions?: string[];
  /**
   * How missing data counts.
   * @default 'notBreaching'
   */
  readonly treatMissingData?: 'breaching' | 'notBreaching' | 'ignore' | 'missing';
}

const ALARM_RULES: Rule<MetricAlarmProps>[] = [
  { rule: 'threshold must be a finite number', check: (p) => (Number.isFinite(p.threshold) ? undefined : p.threshold) },
  {
    rule: 'periodSeconds must be 10, 30 or a multiple of 60',
    check: (p) => (p.periodSeconds === undefined || [10, 30].includes(p.periodSeconds) || (p.periodSeconds > 0 && p.periodSeconds % 60 === 0) ? undefined : p.periodSeconds),
  },
  {
    rule: 'evaluationPeriods must be a positive integer',
    check: (p) => (p.evaluationPeriods === undefined || (Number.isInteger(p.evaluationPeriods) && p.evaluationPeriods >= 1) ? undefined : p.evaluationPeriods),
  },
];

/** A CloudWatch metric alarm that notifies alarm topics on ALARM and OK. */
export class MetricAlarm extends Construct {
  public readonly alarm: CloudwatchMetricAlarm;
  public readonly alarmArn: string;

  constructor(scope: Construct, id: string, props: MetricAlarmProps) {
    super(scope, id);
    requireProps(this, props, ['name', 'namespace', 'metricName', 'dimensions', 'threshold']);
    validateProps(this, props, ALARM_RULES);
    const comparison = props.comparison ?? 'GreaterThanThreshold';
    const topicArns = (props.topics ?? []).map((t) => t.topicArn);
    this.alarm = new CloudwatchMetricAlarm(this, 'Resource', {
      alarmName: props.name,
      alarmDescription: props.description ?? `${props.namespace} ${props.metricName} ${comparison} ${props.threshold}`,
      namespace: props.namespace,
      metricName: props.metricName,
      dimensions: props.dimensions,
      statistic: props.statistic ?? 'Average',
      period: props.periodSeconds ?? 300,
      evaluationPeriods: props.evaluationPeriods ?? 2,
      threshold: props.threshold,
      comparisonOperator: comparison,
      treatMissingData: props.treatMissingData ?? 'notBreaching',
      alarmActions: [...topicArns, ...(props.alarmActions ?? [])],
      okActions: topicArns,
    });
    this.alarmArn = this.alarm.arn;
  }
}
