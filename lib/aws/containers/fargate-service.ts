import { AppautoscalingTarget } from '@cdktf/provider-aws/lib/appautoscaling-target';
import { EcsService } from '@cdktf/provider-aws/lib/ecs-service';
import { EcsTaskDefinition } from '@cdktf/provider-aws/lib/ecs-task-definition';
import { Construct } from 'constructs';
import { AwsStack } from '../aws-stack';
import { firstDuplicate, intInRange, isPort, requireProps, Rule, validateProps } from '../../core/validation';
import { TargetGroup } from '../loadbalancing/application-load-balancer';
import { LogGroup } from '../monitoring/log-group';
import { AlarmStatistic, Metric } from '../monitoring/metric';
import { Connections, IConnectable } from '../network/connections';
import { IGrantable, IPrincipal, PolicyStatement, ServiceRole } from '../security/role';
import { Port, SecurityGroup } from '../network/security-group';
import { ContainerProps, renderContainerDefinitions } from './container-definition';
import { ICluster } from './ecs-cluster';
import { IVpc, SubnetSelection } from '../network/vpc';
import { addServiceAutoScaling, ServiceAutoScaling } from './service-autoscaling';
import { TaskRoles } from './task-iam';

// The parts of a Fargate service live in their own files; their public types are exported from here too.
export * from './container-definition';
export * from './container-image';
export * from './service-autoscaling';
export * from './task-iam';

/** Registration of one container port in a load balancer target group. */
export interface TargetGroupRegistration {
  readonly targetGroup: TargetGroup;
  readonly containerName: string;
  readonly containerPort: number;
}

export interface FargateServiceProps {
  /** Service name, e.g. `dev-stockwiz`; also the task definition family. */
  readonly name: string;
  /** Cluster the service runs in (`EcsCluster`, or `EcsCluster.fromAttributes`). */
  readonly cluster: ICluster;
  /** Task CPU units (256, 512, 1024, 2048, 4096, 8192 or 16384). */
  readonly cpu: number;
  /** Task memory in MiB; must be a valid Fargate combination with `cpu`. */
  readonly memoryMiB: number;
  /** The task's containers (at least one; names and ports unique). */
  readonly containers: ContainerProps[];
  /**
   * The VPC of the tasks.
   * @default none: `subnets` is required instead
   */
  readonly vpc?: IVpc;
  /**
   * Which subnets of `vpc`.
   * @default the private subnets
   */
  readonly vpcSubnets?: SubnetSelection;
  /**
   * Private subnets of the tasks (awsvpc, no public IP); older form of `vpc` + `vpcSubnets`.
   * @default the `vpcSubnets` of `vpc`
   */
  readonly subnets?: { readonly ids: string[] };
  /** Security groups of the tasks. */
  readonly securityGroups: SecurityGroup[];
  /**
   * Tasks to keep running (the initial count when autoscaling is on).
   * @default 1
   */
  readonly desiredCount?: number;
  /**
   * Container ports registered in load balancer target groups.
   * @default none
   */
  readonly targetGroups?: TargetGroupRegistration[];
  /**
   * Seconds load balancer health checks are ignored after a task starts.
   * @default 60 when registered in a target group
   */
  readonly healthCheckGracePeriodSeconds?: number;
  /**
   * Autoscaling on CPU and memory.
   * @default a fixed `desiredCount`
   */
  readonly autoScaling?: ServiceAutoScaling;
  /**
   * Log group of every container (one stream prefix per container).
   * @default a new group `/ecs/<name>`
   */
  readonly logGroupName?: string;
  /**
   * Days the container logs are kept.
   * @default 365
   */
  readonly logRetentionDays?: number;
  /**
   * KMS key ARN of the log group.
   * @default CloudWatch Logs' service-owned encryption
   */
  readonly logKmsKeyArn?: string;
  /**
   * CPU architecture of the task.
   * @default 'X86_64'
   */
  readonly cpuArchitecture?: 'X86_64' | 'ARM64';
  /**
   * Allow `aws ecs execute-command` into the containers (adds the SSM permissions to the task role).
   * @default false
   */
  readonly enableExecuteCommand?: boolean;
}

const range = (from: number, to: number, step: number) => Array.from({ length: (to - from) / step + 1 }, (_, i) => from + i * step);

/** Task memory (MiB) Fargate accepts for each CPU value. */
export const FARGATE_MEMORY: Readonly<Record<number, readonly number[]>> = {
  256: [512, 1024, 2048],
  512: range(1024, 4096, 1024),
  1024: range(2048, 8192, 1024),
  2048: range(4096, 16384, 1024),
  4096: range(8192, 30720, 1024),
  8192: range(16384, 61440, 4096),
  16384: range(32768, 122880, 8192),
};


const RULES: Rule<FargateServiceProps & { readonly subnets: { readonly ids: string[] } }>[] = [
  { rule: 'name must be 1-255 letters, digits, hyphens and underscores', check: (p) => (/^[A-Za-z0-9_-]{1,255}$/.test(p.name) ? undefined : p.name) },
  { rule: 'a task needs at least one container', check: (p) => (p.containers.length === 0 ? p.containers : undefined) },
  { rule: `cpu must be one of ${Object.keys(FARGATE_MEMORY).join(', ')}`, check: (p) => (FARGATE_MEMORY[p.cpu] ? undefined : p.cpu) },
  {
    rule: (p) => `memoryMiB must be a Fargate size for ${p.cpu} CPU units (${(FARGATE_MEMORY[p.cpu] ?? []).join(', ')})`,
    check: (p) => (FARGATE_MEMORY[p.cpu] && !FARGATE_MEMORY[p.cpu].includes(p.memoryMiB) ? p.memoryMiB : undefined),
  },
  { rule: 'container names must be 1-255 letters, digits, hyphens and underscores', check: (p) => p.containers.map((c) => c.name).find((n) => !/^[A-Za-z0-9_-]{1,255}$/.test(n)) },
  { rule: 'container names must be unique', check: (p) => firstDuplicate(p.containers.map((c) => c.name)) },
  { rule: 'container ports must be integers between 1 and 65535', check: (p) => p.containers.map((c) => c.port).find((x) => x !== undefined && !isPort(x)) },
  { rule: 'container ports must be unique (awsvpc containers share one network namespace)', check: (p) => firstDuplicate(p.containers.flatMap((c) => (c.port === undefined ? [] : [c.port]))) },
  { rule: 'at least one container must be essential', check: (p) => (p.containers.length > 0 && !p.containers.some((c) => c.essential ?? true) ? p.containers.map((c) => c.name) : undefined) },
  {
    rule: 'the containers\' cpu must not exceed the task cpu',
    check: (p) => {
      const sum = p.containers.reduce((s, c) => s + (c.cpu ?? 0), 0);
      return sum > p.cpu ? sum : undefined;
    },
  },
  {
    rule: 'the containers\' memoryMiB must not exceed the task memory',
    check: (p) => {
      const sum = p.containers.reduce((s, c) => s + (c.memoryMiB ?? 0), 0);
      return sum > p.memoryMiB ? sum : undefined;
    },
  },
  {
    rule: 'a container may not set the same variable in environment and secrets',
    check: (p) => p.containers.flatMap((c) => Object.keys(c.environment ?? {}).filter((k) => k in (c.secrets ?? {}))).find(() => true),
  },
  {
    rule: 'dependsOn must name another container of the task',
    check: (p) => p.containers.flatMap((c) => (c.dependsOn ?? []).map((d) => d.containerName).filter((n) => n === c.name || !p.containers.some((o) => o.name === n))).find(() => true),
  },
  { rule: 'writablePaths must be absolute paths', check: (p) => p.containers.flatMap((c) => c.writablePaths ?? []).find((w) => !w.startsWith('/')) },
  {
    rule: 'target group registrations must name a container and one of its ports',
    check: (p) => {
      const bad = (p.targetGroups ?? []).find((t) => !p.containers.some((c) => c.name === t.containerName && c.port === t.containerPort));
      return bad ? `${bad.containerName}:${bad.containerPort}` : undefined;
    },
  },
  { rule: 'a service needs at least one subnet', check: (p) => (p.subnets.ids.length === 0 ? p.subnets.ids : undefined) },
  { rule: 'desiredCount must be an integer between 0 and 5000', check: (p) => (intInRange(p.desiredCount ?? 1, 0, 5000) ? undefined : p.desiredCount) },
  {
    rule: 'autoScaling needs 0 <= minCapacity <= maxCapacity, maxCapacity >= 1',
    check: (p) => {
      const a = p.autoScaling;
      return a && !(intInRange(a.maxCapacity, 1, Number.MAX_SAFE_INTEGER) && intInRange(a.minCapacity, 0, a.maxCapacity))
        ? { minCapacity: a.minCapacity, maxCapacity: a.maxCapacity }
        : undefined;
    },
  },
  {
    rule: 'autoScaling target percentages must be between 10 and 95',
    check: (p) => [p.autoScaling?.cpuTargetPercent, p.autoScaling?.memoryTargetPercent].find((t) => t !== undefined && !(t >= 10 && t <= 95)),
  },
  {
    rule: 'container health check intervalSeconds 5-300, timeoutSeconds 2-60, retries 1-10, startPeriodSeconds 0-300',
    check: (p) => {
      const bad = p.containers.find((c) => {
        const h = c.healthCheck;
        return (
          h &&
          (!intInRange(h.intervalSeconds ?? 30, 5, 300) ||
            !intInRange(h.timeoutSeconds ?? 5, 2, 60) ||
            !intInRange(h.retries ?? 3, 1, 10) ||
            !intInRange(h.startPeriodSeconds ?? 0, 0, 300) ||
            h.command.length === 0)
        );
      });
      return bad?.name;
    },
  },
];

/**
 * A Fargate service: task definition (several containers, one log group with
 * a stream prefix per container, read-only root file systems), an execution
 * role limited to pulling the task's ECR images, writing its log group and
 * reading the named secrets, an empty task role, awsvpc networking in private
 * subnets with no public IP, registration in load balancer target groups,
 * the deployment circuit breaker with rollback, and optional target-tracking
 * autoscaling on CPU and memory.
 *
 * The service is grantable: `queue.grantConsumeMessages(service)`,
 * `grantBucketRead(bucket, service)` ... give its task role (the containers'
 * code) the permissions.
 */
export class FargateService extends Construct implements IConnectable, IGrantable {
  public readonly service: EcsService;
  public readonly taskDefinition: EcsTaskDefinition;
  public readonly logGroup: LogGroup;
  /** The ECS agent's role: pull the images, write the logs, read the secrets. */
  public readonly executionRole: ServiceRole;
  /** The containers' role: what grants to the service give permissions to. */
  public readonly taskRole: ServiceRole;
  public readonly name: string;
  public readonly clusterName: string;
  public readonly scalingTarget?: AppautoscalingTarget;
  /** The tasks' network rules (their security groups). */
  public readonly connections: Connections;
  private readonly roles: TaskRoles;

  constructor(scope: Construct, id: string, given: FargateServiceProps) {
    super(scope, id);
    const props = { ...given, subnets: given?.vpc ? { ids: given.vpc.selectSubnets(given.vpcSubnets ?? { tier: 'private' }).subnetIds } : given?.subnets } as FargateServiceProps & { readonly subnets: { readonly ids: string[] } };
    requireProps(this, props, ['name', 'cluster', 'cpu', 'memoryMiB', 'containers', 'subnets', 'securityGroups']);
    validateProps(this, props, RULES);
    const stack = AwsStack.of(this);
    this.name = props.name;
    this.clusterName = props.cluster.clusterName;
    this.connections = new Connections({ securityGroups: props.securityGroups, owner: this });

    this.logGroup = new LogGroup(this, 'Logs', { name: props.logGroupName ?? `/ecs/${props.name}`, retentionDays: props.logRetentionDays, kmsKeyArn: props.logKmsKeyArn });
    this.roles = new TaskRoles(this, { name: props.name, containers: props.containers, logGroupArn: this.logGroup.arn, enableExecuteCommand: props.enableExecuteCommand });
    this.executionRole = this.roles.executionRole;
    this.taskRole = this.roles.taskRole;
    const { definitions, volumes } = renderContainerDefinitions(props.containers, { logGroupName: this.logGroup.name, region: stack.region });

    this.taskDefinition = new EcsTaskDefinition(this, 'TaskDefinition', {
      family: props.name,
      requiresCompatibilities: ['FARGATE'],
      networkMode: 'awsvpc',
      cpu: String(props.cpu),
      memory: String(props.memoryMiB),
      executionRoleArn: this.executionRole.roleArn,
      taskRoleArn: this.taskRole.roleArn,
      runtimePlatform: { operatingSystemFamily: 'LINUX', cpuArchitecture: props.cpuArchitecture ?? 'X86_64' },
      containerDefinitions: JSON.stringify(definitions),
      volume: volumes.length > 0 ? volumes : undefined,
    });

    const registrations = props.targetGroups ?? [];
    this.service = new EcsService(this, 'Resource', {
      name: props.name,
      cluster: props.cluster.clusterArn,
      taskDefinition: this.taskDefinition.arn,
      desiredCount: props.desiredCount ?? props.autoScaling?.minCapacity ?? 1,
      launchType: 'FARGATE',
      platformVersion: 'LATEST',
      networkConfiguration: { subnets: props.subnets.ids, securityGroups: props.securityGroups.map((s) => s.securityGroupId), assignPublicIp: false },
      loadBalancer: registrations.map((r) => ({ targetGroupArn: r.targetGroup.arn, containerName: r.containerName, containerPort: r.containerPort })),
      healthCheckGracePeriodSeconds: registrations.length > 0 ? (props.healthCheckGracePeriodSeconds ?? 60) : undefined,
      deploymentCircuitBreaker: { enable: true, rollback: true },
      deploymentMinimumHealthyPercent: 100,
      deploymentMaximumPercent: 200,
      enableEcsManagedTags: true,
      propagateTags: 'SERVICE',
      enableExecuteCommand: props.enableExecuteCommand ?? false,
      // ECS rejects a target group that no listener routes to yet; first tasks need the execution permissions.
      dependsOn: [this.roles.executionPolicy, ...registrations.flatMap((r) => r.targetGroup.routedBy)],
      // Autoscaling owns the task count once it is on.
      lifecycle: props.autoScaling ? { ignoreChanges: ['desired_count'] } : undefined,
    });

    // Registering in a target group opens the container port from the load balancer.
    registrations.forEach((r) => r.targetGroup.registerConnectable(this, Port.tcp(r.containerPort)));

    if (props.autoScaling) this.scalingTarget = addServiceAutoScaling(this, { name: props.name, clusterName: this.clusterName, serviceName: this.service.name }, props.autoScaling);
  }

  /** A metric of the service (`AWS/ECS`, dimensions `ClusterName` and `ServiceName`). */
  metric(metricName: string, props: { statistic?: AlarmStatistic; periodSeconds?: number } = {}): Metric {
    return new Metric({ namespace: 'AWS/ECS', metricName, dimensions: { ClusterName: this.clusterName, ServiceName: this.name }, ...props });
  }

  /** Average CPU of the service's tasks, percent of the task CPU. */
  metricCpuUtilization(): Metric {
    return this.metric('CPUUtilization');
  }

  /** Average memory of the service's tasks, percent of the task memory. */
  metricMemoryUtilization(): Metric {
    return this.metric('MemoryUtilization');
  }

  /**
   * Adds a statement to the task role policy (the permissions the containers' code gets);
   * IAM JSON (`{ Effect, Action, Resource }`) is accepted as well as a {@link PolicyStatement}.
   */
  addToTaskRolePolicy(statement: PolicyStatement | Parameters<typeof PolicyStatement.fromJson>[0]): void {
    this.taskRole.addToPolicy(statement instanceof PolicyStatement ? statement : PolicyStatement.fromJson(statement));
  }

  /** Grants to the service go to its task role (`queue.grantConsumeMessages(service)`). */
  get grantPrincipal(): IPrincipal {
    return this.taskRole;
  }
}
