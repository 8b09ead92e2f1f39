import { AppautoscalingPolicy } from '@cdktf/provider-aws/lib/appautoscaling-policy';
import { AppautoscalingTarget } from '@cdktf/provider-aws/lib/appautoscaling-target';
import { EcrRepository as EcrRepositoryResource } from '@cdktf/provider-aws/lib/ecr-repository';
import { EcsCluster as EcsClusterResource } from '@cdktf/provider-aws/lib/ecs-cluster';
import { EcsService } from '@cdktf/provider-aws/lib/ecs-service';
import { EcsTaskDefinition } from '@cdktf/provider-aws/lib/ecs-task-definition';
import { Testing } from 'cdktf';
import {
  ContainerImage,
  ContainerProps,
  EcrRepository,
  EcrRepositoryProps,
  EcsCluster,
  FARGATE_MEMORY,
  FargateService,
  FargateServiceProps,
} from '../../lib/aws/containers';
import { GeneratedSecret } from '../../lib/aws/security/generated-secret';
import { ApplicationLoadBalancer } from '../../lib/aws/loadbalancing';
import { SecurityGroup } from '../../lib/aws/network';
import { AwsStack } from '../../lib/aws/aws-stack';
import { Queue } from '../../lib/aws/messaging/queue';
import { ServiceRole } from '../../lib/aws/security/role';
import { expectValidationError } from '../helpers';

const newStack = () => new AwsStack(Testing.app(), 'test', { architecture: 't', environment: 'dev', region: 'us-east-1', backend: { type: 'local' } });
const KEY = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
type Json = { resource: Record<string, Record<string, Record<string, unknown>>> };
const resources = (json: Json, type: string) => Object.values(json.resource[type] ?? {});

describe('EcrRepository', () => {
  const build = (props: Partial<EcrRepositoryProps> = {}) => {
    const stack = newStack();
    new EcrRepository(stack, 'Repo', { name: 'dev-stockwiz-api-gateway', ...props });
    return Testing.synth(stack);
  };

  test('scan on push, KMS, immutable tags and a lifecycle policy by default', () => {
    const out = build({ kmsKeyArn: KEY });
    expect(out).toHaveResourceWithProperties(EcrRepositoryResource, {
      name: 'dev-stockwiz-api-gateway',
      image_tag_mutability: 'IMMUTABLE',
      image_scanning_configuration: { scan_on_push: true },
      encryption_configuration: [{ encryption_type: 'KMS', kms_key: KEY }],
      force_delete: false,
    });
    const policy = JSON.parse((resources(JSON.parse(out), 'aws_ecr_lifecycle_policy')[0] as { policy: string }).policy);
    expect(policy.rules).toEqual([
      expect.objectContaining({ rulePriority: 1, selection: { tagStatus: 'untagged', countType: 'sinceImagePushed', countUnit: 'days', countNumber: 7 }, action: { type: 'expire' } }),
      expect.objectContaining({ rulePriority: 2, selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 30 }, action: { type: 'expire' } }),
    ]);
  });

  test('mutable tags when asked; exceptions make every other tag immutable', () => {
    expect(build({ immutableTags: false })).toHaveResourceWithProperties(EcrRepositoryResource, { image_tag_mutability: 'MUTABLE', encryption_configuration: [{ encryption_type: 'AES256' }] });
    expect(build({ mutableTagExceptions: ['latest'], keepLastImages: 10 })).toHaveResourceWithProperties(EcrRepositoryResource, {
      image_tag_mutability: 'IMMUTABLE_WITH_EXCLUSION',
      image_tag_mutability_exclusion_filter: [{ filter: 'latest', filter_type: 'WILDCARD' }],
    });
  });

  test.each([
    [{ name: 'Dev_Repo' }, 'test/Repo: name must be 2-256 lowercase letters, digits and separators (. _ - /), starting with a letter or digit (got "Dev_Repo")'],
    [{ keepLastImages: 0 }, 'test/Repo: keepLastImages must be an integer between 1 and 10000 (got 0)'],
    [{ untaggedExpireDays: 0 }, 'test/Repo: untaggedExpireDays must be an integer between 1 and 3650 (got 0)'],
    [{ immutableTags: false, mutableTagExceptions: ['latest'] }, 'test/Repo: mutableTagExceptions need immutableTags and at most 5 filters (got ["latest"])'],
  ])('rejects %j', (props, message) => {
    expectValidationError(() => build(props as Partial<EcrRepositoryProps>), message);
  });
});

describe('EcsCluster', () => {
  test('Container Insights on', () => {
    const stack = newStack();
    new EcsCluster(stack, 'Cluster', { name: 'dev-cluster' });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(EcsClusterResource, { name: 'dev-cluster', setting: [{ name: 'containerInsights', value: 'enabled' }] });
  });
  test('rejects a bad name', () => {
    expectValidationError(() => new EcsCluster(newStack(), 'Cluster', { name: 'dev cluster' }), 'test/Cluster: name must be 1-255 letters, digits, hyphens and underscores (got "dev cluster")');
  });
});

describe('FargateService', () => {
  const setup = () => {
    const stack = newStack();
    const cluster = new EcsCluster(stack, 'Cluster', { name: 'dev-cluster' });
    const repo = new EcrRepository(stack, 'Repo', { name: 'dev-stockwiz-api-gateway' });
    const sg = new SecurityGroup(stack, 'Sg', { vpcId: 'vpc-1', name: 'dev-ecs-sg' });
    const alb = new ApplicationLoadBalancer(stack, 'Alb', { name: 'dev-alb', vpcId: 'vpc-1', subnets: { ids: ['subnet-a', 'subnet-b'], azs: ['us-east-1a', 'us-east-1b'] } });
    const tg = alb.addTargetGroup('Api', { name: 'dev-api-gw-tg', port: 8000 });
    alb.setDefaultTargetGroup(tg);
    const secret = new GeneratedSecret(stack, 'DbPassword', { name: 'dev/db', kmsKeyArn: KEY });
    const containers: ContainerProps[] = [
      {
        name: 'redis',
        image: ContainerImage.fromRegistry('redis:7-alpine'),
        port: 6379,
        writablePaths: ['/data'],
        healthCheck: { command: ['CMD-SHELL', 'redis-cli ping'] },
      },
      {
        name: 'api-gateway',
        image: ContainerImage.fromEcr(repo, 'abc123'),
        port: 8000,
        environment: { REDIS_HOST: 'localhost' },
        secrets: { DB_PASSWORD: secret.ref() },
        dependsOn: [{ containerName: 'redis', condition: 'HEALTHY' }],
      },
    ];
    const props: FargateServiceProps = {
      name: 'dev-stockwiz',
      cluster,
      cpu: 2048,
      memoryMiB: 4096,
      containers,
      subnets: { ids: ['subnet-1', 'subnet-2'] },
      securityGroups: [sg],
      targetGroups: [{ targetGroup: tg, containerName: 'api-gateway', containerPort: 8000 }],
      logGroupName: '/ecs/dev',
      logRetentionDays: 7,
    };
    return { stack, props, repo, secret };
  };
  const build = (override: Partial<FargateServiceProps> = {}) => {
    const { stack, props } = setup();
    const service = new FargateService(stack, 'Service', { ...props, ...override });
    return { stack, service, out: Testing.synth(stack) };
  };
  const containerDefs = (out: string) => JSON.parse((resources(JSON.parse(out), 'aws_ecs_task_definition')[0] as { container_definitions: string }).container_definitions);

  test('task definition: Fargate, awsvpc, sizes, roles, one log group with a stream prefix per container', () => {
    const { out } = build();
    expect(out).toHaveResourceWithProperties(EcsTaskDefinition, {
      family: 'dev-stockwiz',
      requires_compatibilities: ['FARGATE'],
      network_mode: 'awsvpc',
      cpu: '2048',
      memory: '4096',
      execution_role_arn: expect.stringMatching(/aws_iam_role\.Service_ExecutionRole_/),
      task_role_arn: expect.stringMatching(/aws_iam_role\.Service_TaskRole_/),
      runtime_platform: { operating_system_family: 'LINUX', cpu_architecture: 'X86_64' },
      volume: [{ name: 'redis-data' }],
    });
    const defs = containerDefs(out);
    expect(defs.map((d: { name: string }) => d.name)).toEqual(['redis', 'api-gateway']);
    expect(defs[0]).toMatchObject({
      image: 'redis:7-alpine',
      essential: true,
      readonlyRootFilesystem: true,
      privileged: false,
      portMappings: [{ containerPort: 6379, hostPort: 6379, protocol: 'tcp' }],
      mountPoints: [{ sourceVolume: 'redis-data', containerPath: '/data', readOnly: false }],
      healthCheck: { command: ['CMD-SHELL', 'redis-cli ping'], interval: 30, timeout: 5, retries: 3, startPeriod: 0 },
      logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-region': 'us-east-1', 'awslogs-stream-prefix': 'redis' } },
    });
    expect(defs[1]).toMatchObject({
      image: expect.stringMatching(/aws_ecr_repository\.Repo_[0-9A-F]+\.repository_url\}:abc123$/),
      environment: [{ name: 'REDIS_HOST', value: 'localhost' }],
      secrets: [{ name: 'DB_PASSWORD', valueFrom: expect.stringMatching(/aws_secretsmanager_secret\.DbPassword_/) }],
      dependsOn: [{ containerName: 'redis', condition: 'HEALTHY' }],
      logConfiguration: { options: { 'awslogs-stream-prefix': 'api-gateway' } },
    });
    expect(defs[0].logConfiguration.options['awslogs-group']).toBe(defs[1].logConfiguration.options['awslogs-group']);
    expect(Object.values(JSON.parse(out).resource.aws_cloudwatch_log_group)).toEqual([expect.objectContaining({ name: '/ecs/dev', retention_in_days: 7 })]);
  });

  test('execution role: only the task\'s repositories, its log group and the named secrets', () => {
    const { out } = build();
    const json = JSON.parse(out);
    const roles = resources(json, 'aws_iam_role') as { assume_role_policy: string; name_prefix: string }[];
    expect(roles.map((r) => r.name_prefix).sort()).toEqual(['dev-stockwiz-exec-', 'dev-stockwiz-task-']);
    for (const r of roles) expect(JSON.parse(r.assume_role_policy).Statement[0]).toMatchObject({ Principal: { Service: 'ecs-tasks.amazonaws.com' }, Condition: { StringEquals: { 'aws:SourceAccount': expect.any(String) } } });
    const policies = resources(json, 'aws_iam_role_policy') as { policy: string }[];
    expect(policies).toHaveLength(1); // the task role has no permissions until some are added
    const statements = JSON.parse(policies[0].policy).Statement as { Sid: string; Action: unknown; Resource: unknown }[];
    const bySid = Object.fromEntries(statements.map((s) => [s.Sid, s]));
    expect(Object.keys(bySid)).toEqual(['WriteLogs', 'EcrAuth', 'EcrPull', 'ReadSecrets', 'DecryptSecrets']);
    expect(bySid.WriteLogs.Resource).toMatch(/aws_cloudwatch_log_group\.Service_Logs_[0-9A-F]+\.arn\}:log-stream:\*$/);
    expect(bySid.EcrPull.Resource).toEqual([expect.stringMatching(/aws_ecr_repository\.Repo_[0-9A-F]+\.arn/)]);
    expect(bySid.ReadSecrets).toMatchObject({ Action: 'secretsmanager:GetSecretValue', Resource: [expect.stringMatching(/aws_secretsmanager_secret\.DbPassword_/)] });
    expect(bySid.DecryptSecrets).toMatchObject({ Action: 'kms:Decrypt', Resource: [KEY] });
  });

  test('the roles are ServiceRoles whose Terraform addresses moved from the former plain IamRoles (no replacement)', () => {
    const { stack, service, out } = build();
    expect(service.executionRole).toBeInstanceOf(ServiceRole);
    expect(service.taskRole).toBeInstanceOf(ServiceRole);
    expect(service.grantPrincipal).toBe(service.taskRole);
    const json = JSON.parse(out);
    const roleIds = Object.keys(json.resource.aws_iam_role);
    // The old addresses were the logical ids of `Service/ExecutionRole` and `Service/TaskRole` themselves.
    expect(json.moved).toEqual([
      { from: `aws_iam_role.${stack.getLogicalId(service.executionRole.node)}`, to: `aws_iam_role.${roleIds.find((id) => id.startsWith('Service_ExecutionRole_'))}` },
      { from: `aws_iam_role.${stack.getLogicalId(service.taskRole.node)}`, to: `aws_iam_role.${roleIds.find((id) => id.startsWith('Service_TaskRole_'))}` },
    ]);
    for (const m of json.moved) expect(m.from).not.toBe(m.to);
  });

  test.each([
    ['a 255-character name', 'a'.repeat(255)],
    ['a 38-character name', 'b'.repeat(38)],
  ])('%s gives role name prefixes within IAM\'s 38 characters', (_label, name) => {
    const { out } = build({ name });
    const prefixes = (resources(JSON.parse(out), 'aws_iam_role') as { name_prefix: string }[]).map((r) => r.name_prefix);
    expect(prefixes.sort()).toEqual([`${name.slice(0, 30)}-exec-`, `${name.slice(0, 30)}-task-`]);
    for (const p of prefixes) expect(p.length).toBeLessThanOrEqual(38);
  });

  test('addToTaskRolePolicy creates the task role policy', () => {
    const { stack, props } = setup();
    const service = new FargateService(stack, 'Service', props);
    service.addToTaskRolePolicy({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/*' });
    const policies = resources(JSON.parse(Testing.synth(stack)), 'aws_iam_role_policy') as { role: string; policy: string }[];
    expect(policies).toHaveLength(2);
    expect(policies.find((p) => p.role.includes('TaskRole'))?.policy).toContain('s3:GetObject');
  });

  test('service: private subnets, no public IP, target groups, circuit breaker with rollback', () => {
    const { out } = build();
    expect(out).toHaveResourceWithProperties(EcsService, {
      name: 'dev-stockwiz',
      launch_type: 'FARGATE',
      platform_version: 'LATEST',
      desired_count: 1,
      network_configuration: { subnets: ['subnet-1', 'subnet-2'], assign_public_ip: false, security_groups: [expect.stringMatching(/aws_security_group\.Sg_/)] },
      load_balancer: [{ target_group_arn: expect.stringMatching(/aws_lb_target_group\.Alb_Api_/), container_name: 'api-gateway', container_port: 8000 }],
      health_check_grace_period_seconds: 60,
      deployment_circuit_breaker: { enable: true, rollback: true },
      depends_on: [expect.stringMatching(/^aws_iam_role_policy\.Service_ExecutionRole_Policy_/), expect.stringMatching(/^aws_lb_listener\.Alb_HttpListener_/)],
    });
    expect(out).not.toHaveResource(AppautoscalingTarget);
  });

  test('autoscaling: target tracking on CPU and memory; Terraform leaves the task count to it', () => {
    const { out } = build({ autoScaling: { minCapacity: 2, maxCapacity: 6 } });
    expect(out).toHaveResourceWithProperties(AppautoscalingTarget, { min_capacity: 2, max_capacity: 6, scalable_dimension: 'ecs:service:DesiredCount', service_namespace: 'ecs' });
    expect(out).toHaveResourceWithProperties(AppautoscalingPolicy, {
      policy_type: 'TargetTrackingScaling',
      target_tracking_scaling_policy_configuration: expect.objectContaining({ target_value: 70, predefined_metric_specification: { predefined_metric_type: 'ECSServiceAverageCPUUtilization' } }),
    });
    expect(out).toHaveResourceWithProperties(AppautoscalingPolicy, {
      target_tracking_scaling_policy_configuration: expect.objectContaining({ target_value: 75, predefined_metric_specification: { predefined_metric_type: 'ECSServiceAverageMemoryUtilization' } }),
    });
    expect(out).toHaveResourceWithProperties(EcsService, { desired_count: 2, lifecycle: { ignore_changes: ['desired_count'] } });
  });

  test('FARGATE_MEMORY has the documented sizes', () => {
    expect(FARGATE_MEMORY[256]).toEqual([512, 1024, 2048]);
    expect(FARGATE_MEMORY[2048]).toContain(4096);
    expect(FARGATE_MEMORY[2048][FARGATE_MEMORY[2048].length - 1]).toBe(16384);
    expect(FARGATE_MEMORY[8192]).toEqual([16384, 20480, 24576, 28672, 32768, 36864, 40960, 45056, 49152, 53248, 57344, 61440]);
  });

  const redis = (extra: Partial<ContainerProps> = {}): ContainerProps => ({ name: 'redis', image: ContainerImage.fromRegistry('redis:7-alpine'), port: 6379, ...extra });
  const api = (extra: Partial<ContainerProps> = {}): ContainerProps => ({ name: 'api-gateway', image: ContainerImage.fromRegistry('nginx'), port: 8000, ...extra });
  test.each<[string, (p: FargateServiceProps) => Partial<FargateServiceProps>, string]>([
    ['bad name', () => ({ name: 'dev stockwiz' }), 'test/Service: name must be 1-255 letters, digits, hyphens and underscores (got "dev stockwiz")'],
    ['no containers', () => ({ containers: [], targetGroups: [] }), 'test/Service: a task needs at least one container (got [])'],
    ['bad cpu', () => ({ cpu: 3000 }), 'test/Service: cpu must be one of 256, 512, 1024, 2048, 4096, 8192, 16384 (got 3000)'],
    ['bad memory', () => ({ cpu: 256, memoryMiB: 4096 }), 'test/Service: memoryMiB must be a Fargate size for 256 CPU units (512, 1024, 2048) (got 4096)'],
    ['bad container name', () => ({ containers: [redis({ name: 'my redis' })], targetGroups: [] }), 'test/Service: container names must be 1-255 letters, digits, hyphens and underscores (got "my redis")'],
    ['duplicate names', () => ({ containers: [redis(), redis({ port: 6380 })], targetGroups: [] }), 'test/Service: container names must be unique (got "redis")'],
    ['port out of range', () => ({ containers: [redis({ port: 70000 })], targetGroups: [] }), 'test/Service: container ports must be integers between 1 and 65535 (got 70000)'],
    ['duplicate ports', () => ({ containers: [redis(), api({ port: 6379 })], targetGroups: [] }), 'test/Service: container ports must be unique (awsvpc containers share one network namespace) (got 6379)'],
    ['no essential', () => ({ containers: [redis({ essential: false })], targetGroups: [] }), 'test/Service: at least one container must be essential (got ["redis"])'],
    ['cpu sum', () => ({ containers: [redis({ cpu: 2048 }), api({ cpu: 1024 })] }), 'test/Service: the containers\' cpu must not exceed the task cpu (got 3072)'],
    ['memory sum', () => ({ containers: [redis({ memoryMiB: 4096 }), api({ memoryMiB: 512 })] }), 'test/Service: the containers\' memoryMiB must not exceed the task memory (got 4608)'],
    [
      'env and secret',
      (p) => ({ containers: [redis(), api({ environment: { DB_PASSWORD: 'x' }, secrets: { DB_PASSWORD: p.containers[1].secrets!.DB_PASSWORD } })] }),
      'test/Service: a container may not set the same variable in environment and secrets (got "DB_PASSWORD")',
    ],
    ['dependsOn unknown', () => ({ containers: [redis(), api({ dependsOn: [{ containerName: 'postgres', condition: 'HEALTHY' }] })] }), 'test/Service: dependsOn must name another container of the task (got "postgres")'],
    ['relative writable path', () => ({ containers: [redis({ writablePaths: ['data'] }), api()] }), 'test/Service: writablePaths must be absolute paths (got "data")'],
    [
      'target group port',
      (p) => ({ targetGroups: [{ ...p.targetGroups![0], containerPort: 9000 }] }),
      'test/Service: target group registrations must name a container and one of its ports (got "api-gateway:9000")',
    ],
    ['no subnets', () => ({ subnets: { ids: [] } }), 'test/Service: a service needs at least one subnet (got [])'],
    ['desired count', () => ({ desiredCount: -1 }), 'test/Service: desiredCount must be an integer between 0 and 5000 (got -1)'],
    ['autoscaling bounds', () => ({ autoScaling: { minCapacity: 4, maxCapacity: 2 } }), 'test/Service: autoScaling needs 0 <= minCapacity <= maxCapacity, maxCapacity >= 1 (got {"minCapacity":4,"maxCapacity":2})'],
    ['autoscaling target', () => ({ autoScaling: { minCapacity: 1, maxCapacity: 2, cpuTargetPercent: 99 } }), 'test/Service: autoScaling target percentages must be between 10 and 95 (got 99)'],
    [
      'health check',
      () => ({ containers: [redis({ healthCheck: { command: ['CMD', 'true'], intervalSeconds: 1 } }), api()] }),
      'test/Service: container health check intervalSeconds 5-300, timeoutSeconds 2-60, retries 1-10, startPeriodSeconds 0-300 (got "redis")',
    ],
  ])('rejects %s', (_label, override, message) => {
    const { stack, props } = setup();
    expectValidationError(() => new FargateService(stack, 'Service', { ...props, ...override(props) }), message);
  });

  describe('modes never synthesized by the stacks', () => {
    const json = (out: string) => JSON.parse(out);
    test('a service without a load balancer has no health-check grace period and no load_balancer block', () => {
      const { out } = build({ targetGroups: [] });
      const svc = resources(json(out), 'aws_ecs_service')[0] as Record<string, unknown>;
      expect(svc.health_check_grace_period_seconds).toBeUndefined();
      expect(svc.load_balancer ?? []).toEqual([]);
    });

    test('a public image with no secrets: the execution role may only write logs (no ECR, secrets or KMS statements, no Resource: [])', () => {
      const { out } = build({ containers: [{ name: 'web', image: ContainerImage.fromRegistry('nginx:1.27'), port: 8000 }], targetGroups: [] });
      const policies = resources(json(out), 'aws_iam_role_policy') as { policy: string }[];
      const statements = policies.flatMap((p) => JSON.parse(p.policy).Statement as { Sid: string; Resource: unknown }[]);
      expect(statements.map((s) => s.Sid)).toEqual(['WriteLogs']);
      for (const s of statements) expect(s.Resource).not.toEqual([]);
    });

    test('ECS Exec: the service enables it and the task role gets the four ssmmessages actions', () => {
      const { out } = build({ enableExecuteCommand: true });
      expect((resources(json(out), 'aws_ecs_service')[0] as Record<string, unknown>).enable_execute_command).toBe(true);
      const task = (resources(json(out), 'aws_iam_role_policy') as { policy: string }[]).map((p) => JSON.parse(p.policy)).find((d) => JSON.stringify(d).includes('ssmmessages'));
      expect(task.Statement[0].Action).toEqual(['ssmmessages:CreateControlChannel', 'ssmmessages:CreateDataChannel', 'ssmmessages:OpenControlChannel', 'ssmmessages:OpenDataChannel']);
    });

    test('a sidecar that is not essential is rendered essential: false', () => {
      const { props } = setup();
      const { out } = build({ containers: [{ ...props.containers[0], essential: false }, props.containers[1]] });
      expect(containerDefs(out).map((c: { name: string; essential: boolean }) => [c.name, c.essential])).toEqual([
        ['redis', false],
        ['api-gateway', true],
      ]);
    });

    test('a target group naming the wrong container is rejected', () => {
      const { stack, props } = setup();
      expectValidationError(
        () => new FargateService(stack, 'Service', { ...props, targetGroups: [{ ...props.targetGroups![0], containerName: 'redis' }] }),
        'test/Service: target group registrations must name a container and one of its ports (got "redis:8000")',
      );
    });

    test('a service has no default port: allowDefaultPortFrom names the service and the fix', () => {
      const { service } = build();
      expectValidationError(
        () => service.connections.allowDefaultPortFrom(service),
        'test/Service: allowDefaultPortFrom needs a default port and this construct has none: name the port with allowFrom(other, Port.tcp(<port>)) (got undefined)',
      );
    });

    test.each([1, 65535])('container port %d is accepted', (port) => {
      const { out } = build({ containers: [redis({ port })], targetGroups: [] });
      expect(containerDefs(out)[0].portMappings).toEqual([{ name: `redis-${port}`, containerPort: port, hostPort: port, protocol: 'tcp' }]);
    });

    test.each([0, -1, 6379.5, 65536])('container port %d is rejected', (port) => {
      const { stack, props } = setup();
      expectValidationError(
        () => new FargateService(stack, 'Service', { ...props, containers: [redis({ port })], targetGroups: [] }),
        `test/Service: container ports must be integers between 1 and 65535 (got ${port})`,
      );
    });

    test('minCapacity == maxCapacity is accepted', () => {
      const { out } = build({ autoScaling: { minCapacity: 2, maxCapacity: 2 } });
      expect(out).toHaveResourceWithProperties(AppautoscalingTarget, { min_capacity: 2, max_capacity: 2 });
    });

    test('registering in a target group opens the container port from the load balancer (both sides)', () => {
      const { out } = build();
      const j = json(out);
      const ingress = Object.values(j.resource.aws_vpc_security_group_ingress_rule ?? {}) as Record<string, unknown>[];
      expect(ingress).toContainEqual(expect.objectContaining({ from_port: 8000, to_port: 8000, security_group_id: expect.stringMatching(/\.Sg_/), referenced_security_group_id: expect.stringMatching(/Alb_SecurityGroup_/) }));
      const egress = Object.values(j.resource.aws_vpc_security_group_egress_rule ?? {}) as Record<string, unknown>[];
      expect(egress).toContainEqual(expect.objectContaining({ from_port: 8000, security_group_id: expect.stringMatching(/Alb_SecurityGroup_/) }));
    });
  });
});

describe('FargateService as a grantee (the task role)', () => {
  const setup = () => {
    const stack = newStack();
    const cluster = new EcsCluster(stack, 'Cluster', { name: 'dev-cluster' });
    const sg = new SecurityGroup(stack, 'Sg', { vpcId: 'vpc-1', name: 'dev-ecs-sg' });
    const service = new FargateService(stack, 'Service', {
      name: 'dev-worker',
      cluster,
      cpu: 256,
      memoryMiB: 512,
      containers: [{ name: 'worker', image: ContainerImage.fromRegistry('busybox:1.36') }],
      subnets: { ids: ['subnet-1'] },
      securityGroups: [sg],
    });
    return { stack, service };
  };
  type Statement = { Effect: string; Action: string | string[]; Resource: string | string[] };
  const taskStatements = (stack: AwsStack): Statement[] => {
    const policies = resources(JSON.parse(Testing.synth(stack)), 'aws_iam_role_policy') as { role: string; policy: string }[];
    const task = policies.filter((p) => /aws_iam_role\.Service_TaskRole_[0-9A-F]+\.id/.test(p.role));
    expect(task).toHaveLength(1);
    return JSON.parse(task[0].policy).Statement;
  };

  test('queue.grantConsumeMessages(service) puts the SQS and kms:Decrypt statements on the task role, not the execution role', () => {
    const { stack, service } = setup();
    const queue = new Queue(stack, 'Jobs', { name: 'dev-jobs', kmsKeyArn: KEY });
    const grant = queue.grantConsumeMessages(service);
    expect(grant.grantee).toBe(service);
    const statements = taskStatements(stack);
    expect(statements).toEqual([
      {
        Effect: 'Allow',
        Action: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'],
        Resource: expect.stringMatching(/^\$\{aws_sqs_queue\.Jobs_[0-9A-F]+\.arn\}$/),
      },
      { Effect: 'Allow', Action: 'kms:Decrypt', Resource: KEY },
    ]);
    // The execution role keeps only its own statements.
    const policies = resources(JSON.parse(Testing.synth(stack)), 'aws_iam_role_policy') as { role: string; policy: string }[];
    const exec = policies.find((p) => p.role.includes('ExecutionRole'))!;
    expect(exec.policy).not.toContain('sqs:');
  });

  test('grantSendMessages(service) adds send and GenerateDataKey; a queue with SQS-managed keys needs no KMS statement', () => {
    const { stack, service } = setup();
    new Queue(stack, 'Encrypted', { name: 'dev-out', kmsKeyArn: KEY }).grantSendMessages(service);
    new Queue(stack, 'Plain', { name: 'dev-plain' }).grantSendMessages(service);
    const statements = taskStatements(stack);
    expect(statements).toEqual([
      { Effect: 'Allow', Action: ['sqs:SendMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'], Resource: expect.stringMatching(/aws_sqs_queue\.Encrypted_[0-9A-F]+\.arn/) },
      { Effect: 'Allow', Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Resource: KEY },
      { Effect: 'Allow', Action: ['sqs:SendMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'], Resource: expect.stringMatching(/aws_sqs_queue\.Plain_[0-9A-F]+\.arn/) },
    ]);
  });

  test('the same grant twice is one statement, and the grant is carried by the task role and its policy', () => {
    const { stack, service } = setup();
    const queue = new Queue(stack, 'Jobs', { name: 'dev-jobs' });
    queue.grantConsumeMessages(service);
    const grant = queue.grantConsumeMessages(service);
    expect(taskStatements(stack)).toHaveLength(1);
    expect(grant.dependables.map((d) => (d as unknown as { node: { path: string } }).node.path)).toEqual(['test/Service/TaskRole/Resource', 'test/Service/TaskRole/Policy']);
  });
});
