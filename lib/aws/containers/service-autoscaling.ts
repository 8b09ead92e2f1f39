import { AppautoscalingPolicy } from '@cdktf/provider-aws/lib/appautoscaling-policy';
import { AppautoscalingTarget } from '@cdktf/provider-aws/lib/appautoscaling-target';
import { Construct } from 'constructs';

/** Target-tracking autoscaling of the service's task count. */
export interface ServiceAutoScaling {
  /** Fewest tasks. */
  readonly minCapacity: number;
  /** Most tasks. */
  readonly maxCapacity: number;
  /**
   * Average CPU utilization (%) to track.
   * @default 70
   */
  readonly cpuTargetPercent?: number;
  /**
   * Average memory utilization (%) to track.
   * @default 75
   */
  readonly memoryTargetPercent?: number;
  /**
   * Seconds between scale-in activities.
   * @default 300
   */
  readonly scaleInCooldownSeconds?: number;
  /**
   * Seconds between scale-out activities.
   * @default 60
   */
  readonly scaleOutCooldownSeconds?: number;
}

/** What {@link addServiceAutoScaling} scales: an ECS service of a cluster. */
export interface ScalableService {
  /** Service name (`<name>-cpu-tracking`, `<name>-memory-tracking` policies). */
  readonly name: string;
  /** The cluster's name. */
  readonly clusterName: string;
  /** The service's name as Terraform knows it (the resource id is `service/<cluster>/<service>`). */
  readonly serviceName: string;
}

/**
 * Target-tracking autoscaling of a service's task count on CPU and memory:
 * one scalable target and one policy per metric, children of `scope`
 * (`ScalingTarget`, `ScaleCpu`, `ScaleMemory`).
 */
export function addServiceAutoScaling(scope: Construct, service: ScalableService, a: ServiceAutoScaling): AppautoscalingTarget {
  const target = new AppautoscalingTarget(scope, 'ScalingTarget', {
    serviceNamespace: 'ecs',
    scalableDimension: 'ecs:service:DesiredCount',
    resourceId: `service/${service.clusterName}/${service.serviceName}`,
    minCapacity: a.minCapacity,
    maxCapacity: a.maxCapacity,
  });
  const policies = [
    { id: 'Cpu', metric: 'ECSServiceAverageCPUUtilization', target: a.cpuTargetPercent ?? 70 },
    { id: 'Memory', metric: 'ECSServiceAverageMemoryUtilization', target: a.memoryTargetPercent ?? 75 },
  ];
  for (const p of policies) {
    new AppautoscalingPolicy(scope, `Scale${p.id}`, {
      name: `${service.name}-${p.id.toLowerCase()}-tracking`,
      policyType: 'TargetTrackingScaling',
      serviceNamespace: target.serviceNamespace,
      scalableDimension: target.scalableDimension,
      resourceId: target.resourceId,
      targetTrackingScalingPolicyConfiguration: {
        targetValue: p.target,
        predefinedMetricSpecification: { predefinedMetricType: p.metric },
        scaleInCooldown: a.scaleInCooldownSeconds ?? 300,
        scaleOutCooldown: a.scaleOutCooldownSeconds ?? 60,
      },
    });
  }
  return target;
}
