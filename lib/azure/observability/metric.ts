import { Construct } from 'constructs';
import { ActionGroup, MetricAggregation, MetricAlert, MetricDimension, MetricOperator } from './alerts';

export interface MetricProps {
  /** Id of the resource the metric belongs to. */
  readonly resourceId: string;
  /** Metric namespace, e.g. `Microsoft.ServiceBus/namespaces`. */
  readonly namespace: string;
  /** Metric name, e.g. `DeadletteredMessages`. */
  readonly metricName: string;
  /**
   * Aggregation over each window.
   * @default 'Average'
   */
  readonly aggregation?: MetricAggregation;
  /**
   * Dimension filters.
   * @default none
   */
  readonly dimensions?: MetricDimension[];
}

/** What `createAlarm` needs beyond the metric (the same words as the AWS `Metric.createAlarm`). */
export interface CreateAlarmOptions {
  /** Qualifier of the alert's name (`dead-letters` → `ma-<workload>-dead-letters-...`). */
  readonly nameQualifier: string;
  /** Threshold the aggregation is compared with. */
  readonly threshold: number;
  /**
   * How the aggregation is compared with the threshold.
   * @default 'GreaterThan'
   */
  readonly operator?: MetricOperator;
  /**
   * Period the aggregation covers (ISO 8601).
   * @default 'PT5M' (MetricAlert's default)
   */
  readonly windowSize?: string;
  /**
   * How often the alert is evaluated.
   * @default 'PT1M' (MetricAlert's default)
   */
  readonly frequency?: string;
  /**
   * Severity, 0 (critical) to 4 (verbose).
   * @default 2 (MetricAlert's default)
   */
  readonly severity?: number;
  /**
   * Action groups notified.
   * @default none
   */
  readonly actionGroups?: (ActionGroup | string)[];
  /**
   * Description shown in notifications.
   * @default the metric, operator and threshold in words
   */
  readonly description?: string;
}

/**
 * An Azure Monitor metric of one resource, the Azure twin of the AWS `Metric`: constructs hand
 * them out (`bus.metricDeadLetteredMessages('orders')`, `gateway.metricResponseStatus('5xx')`)
 * with the right namespace, name, aggregation and dimensions, so stacks stop spelling
 * `Microsoft.ServiceBus/namespaces`; `createAlarm` turns one into a metric alert.
 */
export class Metric {
  public readonly resourceId: string;
  public readonly namespace: string;
  public readonly metricName: string;
  public readonly aggregation: MetricAggregation;
  public readonly dimensions?: MetricDimension[];

  constructor(props: MetricProps) {
    this.resourceId = props.resourceId;
    this.namespace = props.namespace;
    this.metricName = props.metricName;
    this.aggregation = props.aggregation ?? 'Average';
    this.dimensions = props.dimensions;
  }

  /** The same metric with another aggregation or dimensions (`metric.with({ aggregation: 'Maximum' })`). */
  with(changes: Partial<Pick<MetricProps, 'aggregation' | 'dimensions'>>): Metric {
    return new Metric({ resourceId: this.resourceId, namespace: this.namespace, metricName: this.metricName, aggregation: this.aggregation, dimensions: this.dimensions, ...changes });
  }

  /** A metric alert on this metric (Azure Monitor's word for an alarm). */
  createAlarm(scope: Construct, id: string, options: CreateAlarmOptions): MetricAlert {
    return new MetricAlert(scope, id, {
      ...options,
      operator: options.operator ?? 'GreaterThan',
      scopes: [this.resourceId],
      metricNamespace: this.namespace,
      metricName: this.metricName,
      aggregation: this.aggregation,
      dimensions: this.dimensions,
    });
  }
}

/** A dimension filter on one name: `dimension('EntityName', queue)`. */
export const dimension = (name: string, ...values: string[]): MetricDimension => ({ name, values });
