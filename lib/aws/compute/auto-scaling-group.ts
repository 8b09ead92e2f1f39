import { AutoscalingGroup } from '@cdktf/provider-aws/lib/autoscaling-group';
import { AutoscalingPolicy } from '@cdktf/provider-aws/lib/autoscaling-policy';
import { Annotations, Token } from 'cdktf';
import { Construct } from 'constructs';
import { AwsStack } from '../aws-stack';
import { Rule, validateProps, intInRange } from '../../core/validation';
import { TargetGroup } from '../loadbalancing/application-load-balancer';
import { AlarmTopic, MetricAlarm } from '../monitoring/alarms';
import { AlarmStatistic, Metric } from '../monitoring/metric';
import { Connections, IConnectable } from '../network/connections';
import { IKey } from '../security/encryption-key';
import { IVpc, SubnetSelection } from '../network/vpc';
import { LaunchTemplate } from './launch-template';
import { requireProps } from '../../core/validation';
import { PolicyStatement } from '../security/policy';

export interface InstanceRefreshOptions {
  /**
   * Percentage of capacity that stays in service during a refresh (0-100); the group may grow
   * to this plus 100% (at most 200%) meanwhile, so at 100 new instances launch before old ones stop.
   * @default 100 (launch before terminate: no capacity lost, even with one or two instances)
   */
  readonly minHealthyPercentage?: number;
  /**
   * Seconds a new instance warms up before it counts as healthy capacity.
   * @default the health check grace period
   */
  readonly instanceWarmupSeconds?: number;
}

export interface AutoScalingGroupProps {
  /** Group name. */
  readonly name: string;
  /** The launch template; the group follows its latest version. */
  readonly launchTemplate: LaunchTemplate;
  /**
   * The VPC the instances run in.
   * @default none: `subnetIds` is required instead
   */
  readonly vpc?: IVpc;
  /**
   * Which subnets of `vpc` (one per AZ the group spans).
   * @default the private subnets
   */
  readonly vpcSubnets?: SubnetSelection;
  /**
   * Subnets the instances run in (one per AZ the group spans); older form of `vpc` + `vpcSubnets`.
   * @default the `vpcSubnets` of `vpc`
   */
  readonly subnetIds?: string[];
  /** Fewest instances. */
  readonly minSize: number;
  /** Most instances. */
  readonly maxSize: number;
  /**
   * Instances at creation; scaling policies own it afterwards (Terraform ignores later changes).
   * @default minSize
   */
  readonly desiredCapacity?: number;
  /**
   * Load balancer target groups the instances register with.
   * @default none
   */
  readonly targetGroupArns?: string[];
  /**
   * Target groups the instances register with; each opens its port from the load balancer
   * to the instances' security groups (`registerConnectable`).
   * @default none
   */
  readonly targetGroups?: TargetGroup[];
  /**
   * `ELB` replaces instances the load balancer sees as unhealthy; `EC2` only those failing EC2 status checks.
   * @default 'ELB' when there are target groups, otherwise 'EC2'
   */
  readonly healthCheckType?: 'ELB' | 'EC2';
  /**
   * Seconds after launch before health checks count.
   * @default 300
   */
  readonly healthCheckGraceSeconds?: number;
  /**
   * Rolling replacement of instances when the launch template changes.
   * @default on, launching replacements before terminating (100% healthy, up to 200%)
   */
  readonly instanceRefresh?: InstanceRefreshOptions | false;
}

const isInt = (v: number) => intInRange(v, 0, Number.MAX_SAFE_INTEGER);

const RULES: Rule<AutoScalingGroupProps & { subnetIds: string[] }>[] = [
  { rule: 'name must be 1-255 characters without colons', check: (p) => (/^[^:]{1,255}$/.test(p.name) ? undefined : p.name) },
  { rule: 'minSize, maxSize and desiredCapacity must be non-negative integers', check: (p) => [p.minSize, p.maxSize, p.desiredCapacity].find((v) => v !== undefined && !isInt(v)) },
  { rule: 'maxSize must be at least 1', check: (p) => (p.maxSize < 1 ? p.maxSize : undefined) },
  { rule: 'minSize must not exceed maxSize', check: (p) => (p.minSize > p.maxSize ? { minSize: p.minSize, maxSize: p.maxSize } : undefined) },
  {
    rule: 'desiredCapacity must lie between minSize and maxSize',
    check: (p) => (p.desiredCapacity !== undefined && (p.desiredCapacity < p.minSize || p.desiredCapacity > p.maxSize) ? p.desiredCapacity : undefined),
  },
  { rule: 'at least one subnet is required', check: (p) => (p.subnetIds.length === 0 ? p.subnetIds : undefined) },
  { rule: 'ELB health checks need at least one target group', check: (p) => (p.healthCheckType === 'ELB' && (p.targetGroupArns ?? []).length + (p.targetGroups ?? []).length === 0 ? p.healthCheckType : undefined) },
  {
    rule: 'healthCheckGraceSeconds must be a non-negative integer',
    check: (p) => (p.healthCheckGraceSeconds === undefined || isInt(p.healthCheckGraceSeconds) ? undefined : p.healthCheckGraceSeconds),
  },
  {
    rule: 'instanceRefresh.minHealthyPercentage must be an integer between 0 and 100',
    check: (p) => {
      const v = p.instanceRefresh ? p.instanceRefresh.minHealthyPercentage : undefined;
      return v === undefined || (isInt(v) && v <= 100) ? undefined : v;
    },
  },
];

export interface CpuScalingProps {
  /** Scale out by `step` instances when average CPU stays above this percentage (1-99). */
  readonly scaleOutAbovePercent: number;
  /**
   * Scale in by `step` when average CPU stays below this percentage; must be below `scaleOutAbovePercent`.
   * @default 30
   */
  readonly scaleInBelowPercent?: number;
  /**
   * Instances added or removed per step.
   * @default 1
   */
  readonly step?: number;
  /**
   * Topics told when the scale-out alarm fires.
   * @default none
   */
  readonly topics?: AlarmTopic[];
}

const SCALING_RULES: Rule<CpuScalingProps>[] = [
  {
    rule: 'scaleOutAbovePercent must be between 1 and 99',
    check: (p) => (p.scaleOutAbovePercent >= 1 && p.scaleOutAbovePercent <= 99 ? undefined : p.scaleOutAbovePercent),
  },
  {
    rule: 'scaleInBelowPercent must be between 0 and scaleOutAbovePercent',
    check: (p) => {
      const v = p.scaleInBelowPercent ?? 30;
      return v >= 0 && v < p.scaleOutAbovePercent ? undefined : v;
    },
  },
  { rule: 'step must be a positive integer', check: (p) => (p.step === undefined || (Number.isInteger(p.step) && p.step >= 1) ? undefined : p.step) },
];

const keysWithAutoScaling = new WeakSet<IKey>();

/**
 * An EC2 Auto Scaling group built from a {@link LaunchTemplate}: sizes
 * validated (min ≤ desired ≤ max), ELB health checks when it serves target
 * groups, rolling instance refresh on every template change, group metrics
 * on, capacity rebalancing. `scaleOnCpu` adds the alarm-driven step scaling
 * the seeds describe ("CPU > 80% → scale out").
 *
 * When the template encrypts volumes with a customer-managed key, the key's
 * policy gets a statement for the Auto Scaling service-linked role (IAM
 * policies cannot reach it), scoped to this account through EC2; without it
 * instances fail to launch.
 */
export class AutoScalingGroup extends Construct implements IConnectable {
  public readonly resource: AutoscalingGroup;
  public readonly groupName: string;
  public readonly groupArn: string;
  /** The instances' network rules (the launch template's security groups). */
  public readonly connections: Connections;
  private readonly name: string;

  constructor(scope: Construct, id: string, given: AutoScalingGroupProps) {
    super(scope, id);
    const props = { ...given, subnetIds: given?.vpc ? given.vpc.selectSubnets(given.vpcSubnets ?? { tier: 'private' }).subnetIds : given?.subnetIds } as AutoScalingGroupProps & { subnetIds: string[] };
    requireProps(this, props, ['name', 'launchTemplate', 'subnetIds', 'minSize', 'maxSize']);
    validateProps(this, props, RULES);
    this.name = props.name;
    const targetGroups = [...(props.targetGroupArns ?? []), ...(props.targetGroups ?? []).map((t) => t.arn)];
    this.connections = new Connections({ securityGroups: props.launchTemplate.securityGroups });
    (props.targetGroups ?? []).forEach((t) => t.registerConnectable(this));
    const grace = props.healthCheckGraceSeconds ?? 300;
    const refresh = props.instanceRefresh === false ? undefined : (props.instanceRefresh ?? {});
    const stack = AwsStack.of(this);

    this.resource = new AutoscalingGroup(this, 'Resource', {
      name: props.name,
      minSize: props.minSize,
      maxSize: props.maxSize,
      desiredCapacity: props.desiredCapacity ?? props.minSize,
      vpcZoneIdentifier: props.subnetIds,
      launchTemplate: { id: props.launchTemplate.launchTemplateId, version: Token.asString(props.launchTemplate.latestVersion) },
      targetGroupArns: targetGroups.length > 0 ? targetGroups : undefined,
      healthCheckType: props.healthCheckType ?? (targetGroups.length > 0 ? 'ELB' : 'EC2'),
      healthCheckGracePeriod: grace,
      defaultInstanceWarmup: grace,
      capacityRebalance: true,
      metricsGranularity: '1Minute',
      enabledMetrics: ['GroupMinSize', 'GroupMaxSize', 'GroupDesiredCapacity', 'GroupInServiceInstances', 'GroupPendingInstances', 'GroupTerminatingInstances', 'GroupTotalInstances'],
      instanceRefresh: refresh
        ? {
            strategy: 'Rolling',
            preferences: {
              minHealthyPercentage: refresh.minHealthyPercentage ?? 100,
              maxHealthyPercentage: Math.min(200, (refresh.minHealthyPercentage ?? 100) + 100),
              instanceWarmup: String(refresh.instanceWarmupSeconds ?? grace),
              autoRollback: true,
            },
          }
        : undefined,
      tag: Object.entries({ ...stack.tags, Name: props.name }).map(([key, value]) => ({ key, value, propagateAtLaunch: false })),
      // Scaling policies move the desired capacity; a later apply must not reset it.
      lifecycle: { ignoreChanges: ['desired_capacity'] },
    });
    this.groupName = this.resource.name;
    this.groupArn = this.resource.arn;

    const key = props.launchTemplate.encryptionKey;
    if (key && !keysWithAutoScaling.has(key)) {
      keysWithAutoScaling.add(key);
      allowAutoScalingToUseKey(key, stack);
    }
  }

  /** A metric of the group's instances (`AWS/EC2`, dimension `AutoScalingGroupName`). */
  metric(metricName: string, props: { statistic?: AlarmStatistic; periodSeconds?: number } = {}): Metric {
    return new Metric({ namespace: 'AWS/EC2', metricName, dimensions: this.dimensions, ...props });
  }

  /** Average CPU of the instances. */
  metricCpuUtilization(): Metric {
    return this.metric('CPUUtilization');
  }

  /** Instances in service (`AWS/AutoScaling`). */
  metricInServiceInstances(): Metric {
    return new Metric({ namespace: 'AWS/AutoScaling', metricName: 'GroupInServiceInstances', dimensions: this.dimensions });
  }

  /** Dimensions of this group's metrics. */
  get dimensions(): Record<string, string> {
    return { AutoScalingGroupName: this.groupName };
  }

  /**
   * Step scaling on average CPU: one alarm and policy to scale out when CPU stays
   * above `scaleOutAbovePercent` for 3 minutes, one to scale in below `scaleInBelowPercent` for 15.
   */
  scaleOnCpu(props: CpuScalingProps): { scaleOut: MetricAlarm; scaleIn: MetricAlarm } {
    validateProps(this, props, SCALING_RULES);
    const step = props.step ?? 1;
    const below = props.scaleInBelowPercent ?? 30;
    const out = new AutoscalingPolicy(this, 'ScaleOutPolicy', {
      name: `${this.name}-cpu-scale-out`,
      autoscalingGroupName: this.groupName,
      policyType: 'StepScaling',
      adjustmentType: 'ChangeInCapacity',
      estimatedInstanceWarmup: 300,
      stepAdjustment: [{ scalingAdjustment: step, metricIntervalLowerBound: '0' }],
    });
    const inPolicy = new AutoscalingPolicy(this, 'ScaleInPolicy', {
      name: `${this.name}-cpu-scale-in`,
      autoscalingGroupName: this.groupName,
      policyType: 'StepScaling',
      adjustmentType: 'ChangeInCapacity',
      stepAdjustment: [{ scalingAdjustment: -step, metricIntervalUpperBound: '0' }],
    });
    const common = { namespace: 'AWS/EC2', metricName: 'CPUUtilization', dimensions: this.dimensions, statistic: 'Average' as const, periodSeconds: 60 };
    const scaleOut = new MetricAlarm(this, 'CpuHighAlarm', {
      ...common,
      name: `${this.name}-cpu-above-${props.scaleOutAbovePercent}`,
      threshold: props.scaleOutAbovePercent,
      evaluationPeriods: 3,
      description: `CPU above ${props.scaleOutAbovePercent}%: scale out by ${step}`,
      topics: props.topics,
      alarmActions: [out.arn],
    });
    const scaleIn = new MetricAlarm(this, 'CpuLowAlarm', {
      ...common,
      name: `${this.name}-cpu-below-${below}`,
      comparison: 'LessThanThreshold',
      threshold: below,
      evaluationPeriods: 15,
      description: `CPU below ${below}%: scale in by ${step}`,
      alarmActions: [inPolicy.arn],
    });
    return { scaleOut, scaleIn };
  }
}

/**
 * Lets the Auto Scaling service-linked role use `key` for the EBS volumes of
 * the instances it launches. The statement names the role by condition
 * (not as a principal), so it also works before the role exists.
 */
export function allowAutoScalingToUseKey(key: IKey, stack: AwsStack): void {
  const account = stack.accountId;
  const condition = {
    StringEquals: { 'kms:CallerAccount': account, 'kms:ViaService': `ec2.${stack.region}.amazonaws.com` },
    ArnEquals: { 'aws:PrincipalArn': `arn:aws:iam::${account}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling` },
  };
  const added = key.addToResourcePolicy(PolicyStatement.fromJson({
    Sid: 'AutoScalingEncryptedVolumes',
    Effect: 'Allow',
    Principal: { AWS: '*' },
    Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
    Resource: '*',
    Condition: condition,
  }));
  key.addToResourcePolicy(PolicyStatement.fromJson({
    Sid: 'AutoScalingEncryptedVolumeGrants',
    Effect: 'Allow',
    Principal: { AWS: '*' },
    Action: 'kms:CreateGrant',
    Resource: '*',
    Condition: { ...condition, Bool: { 'kms:GrantIsForAWSResource': 'true' } },
  }));
  if (!added) {
    Annotations.of(stack).addWarning(`the KMS key ${key.keyArn} is imported: add the AutoScalingEncryptedVolumes statements to its key policy yourself, or Auto Scaling cannot launch instances with encrypted volumes`);
  }
}
