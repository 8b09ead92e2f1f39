import { Construct } from 'constructs';
import { Rule, validateProps } from '../../core/validation';
import { AlarmTopic, MetricAlarm } from './alarms';
import { MetricRef } from './dashboard';

/**
 * Alarms the architectures share, with the namespaces, dimensions and
 * statistics CloudWatch actually publishes (easy to get subtly wrong by hand).
 */

interface Common {
  /** Alarm name. */
  readonly name: string;
  /** Topics told on ALARM and OK. */
  readonly topics: AlarmTopic[];
}

/** Metrics of an Application Load Balancer (`arnSuffix` = `app/<name>/<id>`). */
export function albMetric(alb: { arnSuffix: string }, metricName: string, statistic?: string): MetricRef {
  return { namespace: 'AWS/ApplicationELB', metricName, dimensions: { LoadBalancer: alb.arnSuffix }, statistic };
}

/** Metrics of an RDS instance. */
export function rdsMetric(identifier: string, metricName: string, statistic?: string): MetricRef {
  return { namespace: 'AWS/RDS', metricName, dimensions: { DBInstanceIdentifier: identifier }, statistic };
}

/** Metrics of an SQS queue. */
export function sqsMetric(queueName: string, metricName: string, statistic?: string): MetricRef {
  return { namespace: 'AWS/SQS', metricName, dimensions: { QueueName: queueName }, statistic };
}

/** CloudWatch agent metrics aggregated per Auto Scaling group (`mem_used_percent`, `disk_used_percent`). */
export function agentMetric(autoScalingGroupName: string, metricName: string, statistic?: string): MetricRef {
  return { namespace: 'CWAgent', metricName, dimensions: { AutoScalingGroupName: autoScalingGroupName }, statistic };
}

export interface ServerErrorsAlarmProps extends Common {
  readonly loadBalancer: { arnSuffix: string };
  /** 5xx responses (from the load balancer and the targets) per 5 minutes above which the alarm fires. */
  readonly threshold: number;
}

/** 5xx responses of a load balancer: its own (`HTTPCode_ELB_5XX_Count`) plus its targets' (`HTTPCode_Target_5XX_Count`). */
export function serverErrorsAlarms(scope: Construct, id: string, props: ServerErrorsAlarmProps): MetricAlarm[] {
  return (['ELB', 'Target'] as const).map(
    (source) =>
      new MetricAlarm(scope, `${id}${source}`, {
        ...albMetric(props.loadBalancer, `HTTPCode_${source}_5XX_Count`),
        name: `${props.name}-${source.toLowerCase()}`,
        statistic: 'Sum',
        threshold: props.threshold,
        periodSeconds: 300,
        evaluationPeriods: 1,
        description: `More than ${props.threshold} HTTP 5xx from the ${source === 'ELB' ? 'load balancer' : 'targets'} in 5 minutes`,
        topics: props.topics,
      }),
  );
}

export interface ConnectionsAlarmProps extends Common {
  /** DB instance identifier. */
  readonly identifier: string;
  /** The instance's `max_connections`. */
  readonly maxConnections: number;
  /**
   * Percentage of `maxConnections` that raises the warning (1-100).
   * @default 80
   */
  readonly percent?: number;
}

const CONNECTION_RULES: Rule<ConnectionsAlarmProps>[] = [
  { rule: 'maxConnections must be a positive integer', check: (p) => (Number.isInteger(p.maxConnections) && p.maxConnections > 0 ? undefined : p.maxConnections) },
  { rule: 'percent must be between 1 and 100', check: (p) => (p.percent === undefined || (p.percent >= 1 && p.percent <= 100) ? undefined : p.percent) },
];

/** Database connections above `percent` of `max_connections`. */
export function databaseConnectionsAlarm(scope: Construct, id: string, props: ConnectionsAlarmProps): MetricAlarm {
  const alarm = new Construct(scope, id);
  validateProps(alarm, props, CONNECTION_RULES);
  const percent = props.percent ?? 80;
  const threshold = Math.floor((props.maxConnections * percent) / 100);
  return new MetricAlarm(alarm, 'Alarm', {
    ...rdsMetric(props.identifier, 'DatabaseConnections'),
    name: props.name,
    statistic: 'Maximum',
    threshold,
    periodSeconds: 300,
    evaluationPeriods: 2,
    description: `Database connections above ${percent}% of max_connections (${threshold} of ${props.maxConnections})`,
    topics: props.topics,
  });
}

export interface StorageAlarmProps extends Common {
  /** DB instance identifier. */
  readonly identifier: string;
  /** Free storage (GiB) below which the alarm fires. */
  readonly minFreeGiB: number;
}

/** Free storage of a database below a floor. */
export function databaseFreeStorageAlarm(scope: Construct, id: string, props: StorageAlarmProps): MetricAlarm {
  return new MetricAlarm(scope, id, {
    ...rdsMetric(props.identifier, 'FreeStorageSpace'),
    name: props.name,
    comparison: 'LessThanThreshold',
    statistic: 'Minimum',
    threshold: props.minFreeGiB * 1024 ** 3,
    periodSeconds: 300,
    evaluationPeriods: 1,
    description: `Less than ${props.minFreeGiB} GiB of database storage left`,
    topics: props.topics,
  });
}

export interface DiskAlarmProps extends Common {
  /** Auto Scaling group whose instances run the CloudWatch agent (see `containerUserData`). */
  readonly autoScalingGroupName: string;
  /**
   * Root-disk usage percentage above which the alarm fires.
   * @default 85
   */
  readonly usedPercent?: number;
}

/** Root disk of the fullest instance of an Auto Scaling group above `usedPercent`. */
export function diskUsageAlarm(scope: Construct, id: string, props: DiskAlarmProps): MetricAlarm {
  const used = props.usedPercent ?? 85;
  return new MetricAlarm(scope, id, {
    ...agentMetric(props.autoScalingGroupName, 'disk_used_percent'),
    name: props.name,
    statistic: 'Maximum',
    threshold: used,
    periodSeconds: 300,
    evaluationPeriods: 2,
    description: `Root disk above ${used}% on an instance: free space or grow the volume`,
    topics: props.topics,
  });
}
