import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { Construct } from 'constructs';
import { AwsStack } from '../aws-stack';
import { Rule, validateProps } from '../../core/validation';
import { requireProps } from '../../core/validation';
import { Topic, TopicProps } from '../messaging/topic';
import { PolicyStatement } from '../security/policy';

export interface AlarmTopicProps extends TopicProps {
  /**
   * E-mail addresses subscribed to the topic (each must confirm the subscription).
   * @default no subscriptions
   */
  readonly emails?: string[];
}

const TOPIC_RULES: Rule<AlarmTopicProps>[] = [
  { rule: 'each e-mail subscription must be an e-mail address', check: (p) => (p.emails ?? []).find((e) => !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(e)) },
];

/**
 * The topic alarms notify: a {@link Topic} (encrypted, TLS-only policy) that
 * CloudWatch in this account may publish to, with e-mail subscriptions.
 * Its KMS key's policy must let `cloudwatch.amazonaws.com` use the key.
 */
export class AlarmTopic extends Topic {
  constructor(scope: Construct, id: string, props: AlarmTopicProps) {
    super(scope, id, props);
    validateProps(this, props, TOPIC_RULES);
    this.addToResourcePolicy(PolicyStatement.fromJson({
      Sid: 'CloudWatchAlarms',
      Effect: 'Allow',
      Principal: { Service: 'cloudwatch.amazonaws.com' },
      Action: 'sns:Publish',
      Resource: this.topicArn,
      Condition: { StringEquals: { 'aws:SourceAccount': AwsStack.of(this).accountId } },
    }));
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
