import { AppautoscalingPolicy } from '@cdktf/provider-aws/lib/appautoscaling-policy';
import { AppautoscalingTarget } from '@cdktf/provider-aws/lib/appautoscaling-target';
import { EcsService } from '@cdktf/provider-aws/lib/ecs-service';
import { EcsTaskDefinition } from '@cdktf/provider-aws/lib/ecs-task-definition';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Lazy } from 'cdktf';
import { Construct } from 'constructs';
import { AwsStack } from '../aws-stack';
import { Rule, validateProps } from '../../core/validation';
import { SecretRef, secretValueFrom } from '../security/generated-secret';
import { TargetGroup } from '../loadbalancing/application-load-balancer';
import { LogGroup } from '../monitoring/log-group';
import { AlarmStatistic, Metric } from '../monitoring/metric';
import { Connections, IConnectable } from '../network/connections';
import { Port, SecurityGroup } from '../network/security-group';
import { EcsCluster } from './ecs-cluster';
import { EcrRepository } from './ecr-repository';
import { requireProps } from '../../core/validation';

/** Where a container image comes from. */
export class ContainerImage {
  /** An image in one of this stack's ECR repositories; the execution role may pull from it (and only it). */
  static fromEcr(repository: EcrRepository, tag = 'latest'): ContainerImage {
    return new ContainerImage(`${repository.repositoryUrl}:${tag}`, repository.arn);
  }
  /** A public image, e.g. `redis:7-alpine` (pulled through the NAT gateway). */
  static fromRegistry(name: string): ContainerImage {
    return new ContainerImage(name);
  }
  private constructor(
    public readonly imageName: string,
    public readonly repositoryArn?: string,
  ) {}
}

/** A container health check (Docker `HEALTHCHECK`). */
export interface ContainerHealthCheck {
  /** Command, e.g. `['CMD-SHELL', 'pg_isready -U admin']`. */
  readonly command: string[];
  /**
   * Seconds between checks (5-300).
   * @default 30
   */
  readonly intervalSeconds?: number;
  /**
   * Seconds a check may take (2-60).
   * @default 5
   */
  readonly timeoutSeconds?: number;
  /**
   * Failures before the container is unhealthy (1-10).
   * @default 3
   */
  readonly retries?: number;
  /**
   * Grace period in seconds before failures count (0-300).
   * @default 0
   */
  readonly startPeriodSeconds?: number;
}

/** One container of the task. */
export interface ContainerProps {
  /** Container name, also its log stream prefix (e.g. `api-gateway`). */
  readonly name: string;
  /** The image. */
  readonly image: ContainerImage;
  /**
   * TCP port the container listens on.
   * @default no port mapping
   */
  readonly port?: number;
  /**
   * The task stops when this container stops.
   * @default true
   */
  readonly essential?: boolean;
  /**
   * Plain environment variables (never secrets: use `secrets`).
   * @default none
   */
  readonly environment?: Record<string, string>;
  /**
   * Environment variables read from Secrets Manager at start; the execution role may read exactly these.
   * @default none
   */
  readonly secrets?: Record<string, SecretRef>;
  /**
   * Container health check.
   * @default none (the load balancer's health check still applies)
   */
  readonly healthCheck?: ContainerHealthCheck;
  /**
   * Containers that must reach a state before this one starts.
   * @default none
   */
  readonly dependsOn?: Array<{ containerName: string; condition: 'START' | 'COMPLETE' | 'SUCCESS' | 'HEALTHY' }>;
  /**
   * Read-only root file system; write only to `writablePaths`.
   * @default true
   */
  readonly readonlyRootFilesystem?: boolean;
  /**
   * Paths that get a writable task-local volume (e.g. `/var/lib/postgresql/data`, `/tmp`).
   * @default none
   */
  readonly writablePaths?: string[];
  /**
   * CPU units reserved for the container.
   * @default none: containers share the task's CPU
   */
  readonly cpu?: number;
  /**
   * Hard memory limit in MiB.
   * @default none: limited by the task's memory
   */
  readonly memoryMiB?: number;
  /**
   * Command overriding the image's `CMD`.
   * @default the image's
   */
  readonly command?: string[];
}

/** Registration of one container port in a load balancer target group. */
export interface TargetGroupRegistration {
  readonly targetGroup: TargetGroup;
  readonly containerName: string;
  readonly containerPort: number;
}

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

export interface FargateServiceProps {
  /** Service name, e.g. `dev-stockwiz`; also the task definition family. */
  readonly name: string;
  /** Cluster the service runs in. */
  readonly cluster: EcsCluster;
  /** Task CPU units (256, 512, 1024, 2048, 4096, 8192 or 16384). */
  readonly cpu: number;
  /** Task memory in MiB; must be a valid Fargate combination with `cpu`. */
  readonly memoryMiB: number;
  /** The task's containers (at least one; names and ports unique). */
  readonly containers: ContainerProps[];
  /** Private subnets of the tasks (awsvpc, no public IP). */
  readonly subnets: { readonly ids: string[] };
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

const validPort = (p: number) => Number.isInteger(p) && p >= 1 && p <= 65535;
const duplicate = <T>(xs: T[]) => xs.find((x, i) => xs.indexOf(x) !== i);
const outOfRange = (v: number | undefined, min: number, max: number) => v !== undefined && !(Number.isInteger(v) && v >= min && v <= max);

const RULES: Rule<FargateServiceProps>[] = [
  { rule: 'name must be 1-255 letters, digits, hyphens and underscores', check: (p) => (/^[A-Za-z0-9_-]{1,255}$/.test(p.name) ? undefined : p.name) },
  { rule: 'a task needs at least one container', check: (p) => (p.containers.length === 0 ? p.containers : undefined) },
  { rule: `cpu must be one of ${Object.keys(FARGATE_MEMORY).join(', ')}`, check: (p) => (FARGATE_MEMORY[p.cpu] ? undefined : p.cpu) },
  {
    rule: (p) => `memoryMiB must be a Fargate size for ${p.cpu} CPU units (${(FARGATE_MEMORY[p.cpu] ?? []).join(', ')})`,
    check: (p) => (FARGATE_MEMORY[p.cpu] && !FARGATE_MEMORY[p.cpu].includes(p.memoryMiB) ? p.memoryMiB : undefined),
  },
  { rule: 'container names must be 1-255 letters, digits, hyphens and underscores', check: (p) => p.containers.map((c) => c.name).find((n) => !/^[A-Za-z0-9_-]{1,255}$/.test(n)) },
  { rule: 'container names must be unique', check: (p) => duplicate(p.containers.map((c) => c.name)) },
  { rule: 'container ports must be integers between 1 and 65535', check: (p) => p.containers.map((c) => c.port).find((x) => x !== undefined && !validPort(x)) },
  { rule: 'container ports must be unique (awsvpc containers share one network namespace)', check: (p) => duplicate(p.containers.flatMap((c) => (c.port === undefined ? [] : [c.port]))) },
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
  { rule: 'desiredCount must be an integer between 0 and 5000', check: (p) => (outOfRange(p.desiredCount, 0, 5000) ? p.desiredCount : undefined) },
  {
    rule: 'autoScaling needs 0 <= minCapacity <= maxCapacity, maxCapacity >= 1',
    check: (p) => {
      const a = p.autoScaling;
      return a && !(Number.isInteger(a.minCapacity) && Number.isInteger(a.maxCapacity) && a.minCapacity >= 0 && a.maxCapacity >= 1 && a.minCapacity <= a.maxCapacity)
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
        return h && (outOfRange(h.intervalSeconds, 5, 300) || outOfRange(h.timeoutSeconds, 2, 60) || outOfRange(h.retries, 1, 10) || outOfRange(h.startPeriodSeconds, 0, 300) || h.command.length === 0);
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
 */
export class FargateService extends Construct implements IConnectable {
  public readonly service: EcsService;
  public readonly taskDefinition: EcsTaskDefinition;
  public readonly logGroup: LogGroup;
  public readonly executionRole: IamRole;
  public readonly taskRole: IamRole;
  public readonly name: string;
  public readonly clusterName: string;
  public readonly scalingTarget?: AppautoscalingTarget;
  /** The tasks' network rules (their security groups). */
  public readonly connections: Connections;
  private readonly taskRoleStatements: Record<string, unknown>[] = [];

  constructor(scope: Construct, id: string, props: FargateServiceProps) {
    super(scope, id);
    requireProps(this, props, ['name', 'cluster', 'cpu', 'memoryMiB', 'containers', 'subnets', 'securityGroups']);
    validateProps(this, props, RULES);
    const stack = AwsStack.of(this);
    this.name = props.name;
    this.clusterName = props.cluster.name;
    this.connections = new Connections({ securityGroups: props.securityGroups });

    this.logGroup = new LogGroup(this, 'Logs', { name: props.logGroupName ?? `/ecs/${props.name}`, retentionDays: props.logRetentionDays, kmsKeyArn: props.logKmsKeyArn });

    const assumeRolePolicy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Service: 'ecs-tasks.amazonaws.com' },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'aws:SourceAccount': stack.accountId } },
        },
      ],
    });
    const prefix = props.name.slice(0, 30);
    this.executionRole = new IamRole(this, 'ExecutionRole', { namePrefix: `${prefix}-exec-`, assumeRolePolicy, description: `${props.name}: pull images, write logs, read secrets` });
    this.taskRole = new IamRole(this, 'TaskRole', { namePrefix: `${prefix}-task-`, assumeRolePolicy, description: `${props.name}: the containers' AWS permissions` });
    const executionPolicy = new IamRolePolicy(this, 'ExecutionPolicy', { role: this.executionRole.id, policy: JSON.stringify(this.executionPolicy(props)) });
    if (props.enableExecuteCommand) {
      this.addToTaskRolePolicy({
        Effect: 'Allow',
        Action: ['ssmmessages:CreateControlChannel', 'ssmmessages:CreateDataChannel', 'ssmmessages:OpenControlChannel', 'ssmmessages:OpenDataChannel'],
        Resource: '*',
      });
    }

    const volumes: { name: string }[] = [];
    const definitions = props.containers.map((c) => {
      const mounts = (c.writablePaths ?? []).map((path) => {
        const name = `${c.name}-${path.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '')}`.slice(0, 255);
        volumes.push({ name });
        return { sourceVolume: name, containerPath: path, readOnly: false };
      });
      const hc = c.healthCheck;
      return {
        name: c.name,
        image: c.image.imageName,
        essential: c.essential ?? true,
        cpu: c.cpu,
        memory: c.memoryMiB,
        command: c.command,
        portMappings: c.port === undefined ? [] : [{ name: `${c.name}-${c.port}`, containerPort: c.port, hostPort: c.port, protocol: 'tcp' }],
        environment: Object.entries(c.environment ?? {})
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([name, value]) => ({ name, value })),
        secrets: Object.entries(c.secrets ?? {})
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([name, ref]) => ({ name, valueFrom: secretValueFrom(ref) })),
        readonlyRootFilesystem: c.readonlyRootFilesystem ?? true,
        privileged: false,
        mountPoints: mounts,
        volumesFrom: [],
        dependsOn: c.dependsOn,
        healthCheck: hc
          ? { command: hc.command, interval: hc.intervalSeconds ?? 30, timeout: hc.timeoutSeconds ?? 5, retries: hc.retries ?? 3, startPeriod: hc.startPeriodSeconds ?? 0 }
          : undefined,
        logConfiguration: {
          logDriver: 'awslogs',
          options: { 'awslogs-group': this.logGroup.name, 'awslogs-region': stack.region, 'awslogs-stream-prefix': c.name },
        },
      };
    });

    this.taskDefinition = new EcsTaskDefinition(this, 'TaskDefinition', {
      family: props.name,
      requiresCompatibilities: ['FARGATE'],
      networkMode: 'awsvpc',
      cpu: String(props.cpu),
      memory: String(props.memoryMiB),
      executionRoleArn: this.executionRole.arn,
      taskRoleArn: this.taskRole.arn,
      runtimePlatform: { operatingSystemFamily: 'LINUX', cpuArchitecture: props.cpuArchitecture ?? 'X86_64' },
      containerDefinitions: JSON.stringify(definitions),
      volume: volumes.length > 0 ? volumes : undefined,
    });

    const registrations = props.targetGroups ?? [];
    this.service = new EcsService(this, 'Resource', {
      name: props.name,
      cluster: props.cluster.arn,
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
      dependsOn: [executionPolicy, ...registrations.flatMap((r) => r.targetGroup.routedBy)],
      // Autoscaling owns the task count once it is on.
      lifecycle: props.autoScaling ? { ignoreChanges: ['desired_count'] } : undefined,
    });

    // Registering in a target group opens the container port from the load balancer.
    registrations.forEach((r) => r.targetGroup.registerConnectable(this, Port.tcp(r.containerPort)));

    if (props.autoScaling) this.scalingTarget = this.addAutoScaling(props.name, props.autoScaling);
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

  /** Adds a statement to the task role (the permissions the containers' code gets). */
  addToTaskRolePolicy(statement: Record<string, unknown>): void {
    if (this.taskRoleStatements.length === 0) {
      new IamRolePolicy(this, 'TaskPolicy', {
        role: this.taskRole.id,
        policy: Lazy.stringValue({ produce: () => JSON.stringify({ Version: '2012-10-17', Statement: this.taskRoleStatements }) }),
      });
    }
    this.taskRoleStatements.push(statement);
  }

  private executionPolicy(props: FargateServiceProps): Record<string, unknown> {
    const stack = AwsStack.of(this);
    const repos = unique(props.containers.map((c) => c.image.repositoryArn));
    const secrets = props.containers.flatMap((c) => Object.values(c.secrets ?? {}));
    const secretArns = unique(secrets.map((s) => s.secretArn));
    const keys = unique(secrets.map((s) => s.kmsKeyArn));
    const statements: Record<string, unknown>[] = [
      { Sid: 'WriteLogs', Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: `${this.logGroup.arn}:log-stream:*` },
    ];
    if (repos.length > 0) {
      // GetAuthorizationToken has no resource-level permissions; pulls are limited to the task's repositories.
      statements.push({ Sid: 'EcrAuth', Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' });
      statements.push({ Sid: 'EcrPull', Effect: 'Allow', Action: ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'], Resource: repos });
    }
    if (secretArns.length > 0) statements.push({ Sid: 'ReadSecrets', Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: secretArns });
    if (keys.length > 0) {
      statements.push({
        Sid: 'DecryptSecrets',
        Effect: 'Allow',
        Action: 'kms:Decrypt',
        Resource: keys,
        Condition: { StringEquals: { 'kms:ViaService': `secretsmanager.${stack.region}.amazonaws.com` } },
      });
    }
    return { Version: '2012-10-17', Statement: statements };
  }

  private addAutoScaling(name: string, a: ServiceAutoScaling): AppautoscalingTarget {
    const target = new AppautoscalingTarget(this, 'ScalingTarget', {
      serviceNamespace: 'ecs',
      scalableDimension: 'ecs:service:DesiredCount',
      resourceId: `service/${this.clusterName}/${this.service.name}`,
      minCapacity: a.minCapacity,
      maxCapacity: a.maxCapacity,
    });
    const policies = [
      { id: 'Cpu', metric: 'ECSServiceAverageCPUUtilization', target: a.cpuTargetPercent ?? 70 },
      { id: 'Memory', metric: 'ECSServiceAverageMemoryUtilization', target: a.memoryTargetPercent ?? 75 },
    ];
    for (const p of policies) {
      new AppautoscalingPolicy(this, `Scale${p.id}`, {
        name: `${name}-${p.id.toLowerCase()}-tracking`,
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
}

function unique(xs: Array<string | undefined>): string[] {
  return [...new Set(xs.filter((x): x is string => x !== undefined))];
}
