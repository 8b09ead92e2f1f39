import { Construct } from 'constructs';
import { AlarmTopic, Comparison, MetricAlarm } from './alarms';
import { MetricRef } from './dashboard';

/** Statistics CloudWatch alarms accept. */
export type AlarmStatistic = 'Average' | 'Sum' | 'Minimum' | 'Maximum' | 'SampleCount';

export interface MetricProps {
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Record<string, string>;
  /**
   * Statistic over each period.
   * @default 'Average'
   */
  readonly statistic?: AlarmStatistic;
  /**
   * Period in seconds.
   * @default 300
   */
  readonly periodSeconds?: number;
  /**
   * Legend label on dashboards.
   * @default the metric name
   */
  readonly label?: string;
}

/** What `createAlarm` needs beyond the metric. */
export interface CreateAlarmOptions {
  /** Alarm name. */
  readonly name: string;
  /** Threshold the statistic is compared with. */
  readonly threshold: number;
  /**
   * How the statistic is compared with the threshold.
   * @default 'GreaterThanThreshold'
   */
  readonly comparison?: Comparison;
  /**
   * Consecutive periods that must breach.
   * @default 2
   */
  readonly evaluationPeriods?: number;
  /**
   * What the alarm says.
   * @default the metric, comparison and threshold
   */
  readonly description?: string;
  /**
   * Topics told on ALARM and OK.
   * @default no notification
   */
  readonly topics?: AlarmTopic[];
  /**
   * Extra actions on ALARM (a scaling policy ARN).
   * @default none
   */
  readonly alarmActions?: string[];
  /**
   * How missing data counts.
   * @default 'notBreaching'
   */
  readonly treatMissingData?: 'breaching' | 'notBreaching' | 'ignore' | 'missing';
}

/**
 * A CloudWatch metric, as aws-cdk-lib's `cloudwatch.Metric`: constructs hand them out
 * (`service.metricCpuUtilization()`, `alb.metricHttpCodeElb5xx()`) with the right
 * namespace, dimensions and statistic; `createAlarm` turns one into an alarm, and a
 * dashboard draws it.
 */
export class Metric implements MetricRef {
  public readonly namespace: string;
  public readonly metricName: string;
  public readonly dimensions: Record<string, string>;
  public readonly statistic?: AlarmStatistic;
  public readonly periodSeconds?: number;
  public readonly label?: string;

  constructor(props: MetricProps) {
    this.namespace = props.namespace;
    this.metricName = props.metricName;
    this.dimensions = props.dimensions;
    this.statistic = props.statistic;
    this.periodSeconds = props.periodSeconds;
    this.label = props.label;
  }

  /** The same metric with other settings (`metric.with({ statistic: 'Maximum', periodSeconds: 60 })`). */
  with(changes: Partial<Omit<MetricProps, 'namespace' | 'metricName' | 'dimensions'>>): Metric {
    return new Metric({ ...this.props(), ...changes });
  }

  /** An alarm on this metric. */
  createAlarm(scope: Construct, id: string, options: CreateAlarmOptions): MetricAlarm {
    return new MetricAlarm(scope, id, { ...options, namespace: this.namespace, metricName: this.metricName, dimensions: this.dimensions, statistic: this.statistic, periodSeconds: this.periodSeconds });
  }

  private props(): MetricProps {
    return { namespace: this.namespace, metricName: this.metricName, dimensions: this.dimensions, statistic: this.statistic, periodSeconds: this.periodSeconds, label: this.label };
  }
}
