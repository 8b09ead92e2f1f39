/**
 * lib/aws/containers/fargate-service.ts at its documented limits (ports, counts, capacities, target
 * percentages, health-check bounds, Fargate sizes, IAM's 38-character name_prefix) and in the details
 * of what it renders, found unpinned by `npm run test:mutation`.
 */
import { Testing } from 'cdktf';
import { AwsStack } from '../../lib/aws/aws-stack';
import { ContainerImage, ContainerProps, EcrRepository, EcsCluster, FARGATE_MEMORY, FargateService, FargateServiceProps } from '../../lib/aws/containers';
import { SecurityGroup } from '../../lib/aws/network';
import { ApplicationLoadBalancer } from '../../lib/aws/loadbalancing';
import { GeneratedSecret } from '../../lib/aws/security/generated-secret';
import { collectErrors } from '../../lib/core/validation';

const newStack = () => new AwsStack(Testing.app(), 'test', { architecture: 't', environment: 'dev', region: 'us-east-1', backend: { type: 'local' } });
type R = Record<string, unknown>;
type Json = { resource: Record<string, Record<string, R>> };
const values = (json: Json, type: string) => Object.values(json.resource[type] ?? {});
const web = (extra: Partial<ContainerProps> = {}): ContainerProps => ({ name: 'web', image: ContainerImage.fromRegistry('nginx:1.27'), port: 8080, ...extra });

const setup = () => {
  const stack = newStack();
  const cluster = new EcsCluster(stack, 'Cluster', { name: 'dev-cluster' });
  const sg = new SecurityGroup(stack, 'Sg', { vpcId: 'vpc-1', name: 'dev-sg' });
  const props: FargateServiceProps = { name: 'dev-web', cluster, cpu: 256, memoryMiB: 512, containers: [web()], subnets: { ids: ['subnet-1'] }, securityGroups: [sg] };
  return { stack, props };
};
const errorsOf = (override: Partial<FargateServiceProps>) => {
  const { stack, props } = setup();
  return collectErrors(() => new FargateService(stack, 'Service', { ...props, ...override }));
};
const build = (override: Partial<FargateServiceProps> = {}, after?: (s: FargateService, stack: AwsStack) => void) => {
  const { stack, props } = setup();
  const service = new FargateService(stack, 'Service', { ...props, ...override });
  after?.(service, stack);
  const json = JSON.parse(Testing.synth(stack)) as Json;
  const defs = JSON.parse(values(json, 'aws_ecs_task_definition')[0].container_definitions as string) as R[];
  return { service, json, defs, svc: values(json, 'aws_ecs_service')[0] };
};

describe('limits', () => {
  test.each([1, 80, 65535])('container port %d is accepted', (port) => {
    expect(errorsOf({ containers: [web({ port })] })).toEqual([]);
  });
  test.each([0, -1, 65536, 80.5])('container port %d is rejected', (port) => {
    expect(errorsOf({ containers: [web({ port })] })).toEqual([`test/Service: container ports must be integers between 1 and 65535 (got ${port})`]);
  });

  test.each([0, 5000])('desiredCount %d is accepted', (desiredCount) => {
    expect(errorsOf({ desiredCount })).toEqual([]);
  });
  test.each([5001, 1.5])('desiredCount %d is rejected', (desiredCount) => {
    expect(errorsOf({ desiredCount })).toEqual([`test/Service: desiredCount must be an integer between 0 and 5000 (got ${desiredCount})`]);
  });

  const capacity = 'test/Service: autoScaling needs 0 <= minCapacity <= maxCapacity, maxCapacity >= 1';
  test.each([
    [0, 1],
    [3, 3],
    [1, 10],
  ])('capacity %d-%d is accepted', (minCapacity, maxCapacity) => {
    expect(errorsOf({ autoScaling: { minCapacity, maxCapacity } })).toEqual([]);
  });
  test.each([
    [0, 0],
    [-1, 2],
    [1.5, 2],
    [1, 2.5],
    [3, 2],
  ])('capacity %d-%d is rejected', (minCapacity, maxCapacity) => {
    expect(errorsOf({ autoScaling: { minCapacity, maxCapacity } })).toEqual([`${capacity} (got ${JSON.stringify({ minCapacity, maxCapacity })})`]);
  });

  test.each([10, 95])('target %d%% is accepted for CPU and memory', (t) => {
    expect(errorsOf({ autoScaling: { minCapacity: 1, maxCapacity: 2, cpuTargetPercent: t, memoryTargetPercent: t } })).toEqual([]);
  });
  test.each([9, 96])('target %d%% is rejected for CPU and for memory', (t) => {
    const message = `test/Service: autoScaling target percentages must be between 10 and 95 (got ${t})`;
    expect(errorsOf({ autoScaling: { minCapacity: 1, maxCapacity: 2, cpuTargetPercent: t } })).toEqual([message]);
    expect(errorsOf({ autoScaling: { minCapacity: 1, maxCapacity: 2, memoryTargetPercent: t } })).toEqual([message]);
  });

  const hcRule = 'test/Service: container health check intervalSeconds 5-300, timeoutSeconds 2-60, retries 1-10, startPeriodSeconds 0-300 (got "web")';
  test('health check bounds are inclusive', () => {
    for (const hc of [
      { intervalSeconds: 5, timeoutSeconds: 2, retries: 1, startPeriodSeconds: 0 },
      { intervalSeconds: 300, timeoutSeconds: 60, retries: 10, startPeriodSeconds: 300 },
    ]) {
      expect(errorsOf({ containers: [web({ healthCheck: { command: ['CMD', 'true'], ...hc } })] })).toEqual([]);
    }
  });
  test.each([
    { intervalSeconds: 4 },
    { intervalSeconds: 301 },
    { timeoutSeconds: 1 },
    { timeoutSeconds: 61 },
    { retries: 0 },
    { retries: 11 },
    { startPeriodSeconds: -1 },
    { startPeriodSeconds: 301 },
    { intervalSeconds: 30.5 },
  ])('health check %j is rejected', (hc) => {
    expect(errorsOf({ containers: [web({ healthCheck: { command: ['CMD', 'true'], ...hc } })] })).toEqual([hcRule]);
  });
  test('a health check needs a command', () => {
    expect(errorsOf({ containers: [web({ healthCheck: { command: [] } })] })).toEqual([hcRule]);
  });

  test('names: 255 characters accepted, 256 rejected, for the service and each container', () => {
    expect(errorsOf({ name: 'a'.repeat(255), containers: [web({ name: 'b'.repeat(255) })] })).toEqual([]);
    expect(errorsOf({ name: 'a'.repeat(256) })).toEqual([`test/Service: name must be 1-255 letters, digits, hyphens and underscores (got "${'a'.repeat(256)}")`]);
    expect(errorsOf({ containers: [web({ name: 'b'.repeat(256) })] })).toEqual([`test/Service: container names must be 1-255 letters, digits, hyphens and underscores (got "${'b'.repeat(256)}")`]);
    expect(errorsOf({ name: 'dev_web-1' })).toEqual([]);
  });

  test('container cpu and memory may add up to exactly the task\'s', () => {
    expect(errorsOf({ containers: [web({ cpu: 128, memoryMiB: 256 }), web({ name: 'side', port: 9000, cpu: 128, memoryMiB: 256 })] })).toEqual([]);
    expect(errorsOf({ containers: [web({ cpu: 257 })] })).toEqual(["test/Service: the containers' cpu must not exceed the task cpu (got 257)"]);
    expect(errorsOf({ containers: [web({ memoryMiB: 513 })] })).toEqual(["test/Service: the containers' memoryMiB must not exceed the task memory (got 513)"]);
  });

  test('a container may not depend on itself', () => {
    expect(errorsOf({ containers: [web({ dependsOn: [{ containerName: 'web', condition: 'START' }] })] })).toEqual(['test/Service: dependsOn must name another container of the task (got "web")']);
  });

  test('containers without ports do not clash; only one essential container is needed', () => {
    expect(errorsOf({ containers: [web({ port: undefined }), web({ name: 'b', port: undefined, essential: false })] })).toEqual([]);
  });

  test('every Fargate CPU size has exactly its documented memory sizes', () => {
    const steps = (from: number, to: number, step: number) => Array.from({ length: (to - from) / step + 1 }, (_, i) => from + i * step);
    expect(FARGATE_MEMORY).toEqual({
      256: [512, 1024, 2048],
      512: [1024, 2048, 3072, 4096],
      1024: steps(2048, 8192, 1024),
      2048: steps(4096, 16384, 1024),
      4096: steps(8192, 30720, 1024),
      8192: steps(16384, 61440, 4096),
      16384: steps(32768, 122880, 8192),
    });
    expect(errorsOf({ cpu: 16384, memoryMiB: 122880 })).toEqual([]);
    expect(errorsOf({ cpu: 16384, memoryMiB: 131072 })).toEqual(['test/Service: memoryMiB must be a Fargate size for 16384 CPU units (' + FARGATE_MEMORY[16384].join(', ') + ') (got 131072)']);
  });

  test('an unknown cpu is reported once (the memory rule needs a known cpu)', () => {
    expect(errorsOf({ cpu: 300, memoryMiB: 1 })).toEqual(['test/Service: cpu must be one of 256, 512, 1024, 2048, 4096, 8192, 16384 (got 300)']);
  });
});

describe('IAM roles', () => {
  test('a long service name is cut to 30 characters so name_prefix stays within IAM\'s 38', () => {
    const name = `svc-${'x'.repeat(60)}`;
    const { json } = build({ name });
    const prefixes = values(json, 'aws_iam_role').map((r) => r.name_prefix as string).sort();
    expect(prefixes).toEqual([`${name.slice(0, 30)}-exec-`, `${name.slice(0, 30)}-task-`]);
    for (const p of prefixes) expect(p.length).toBeLessThanOrEqual(38);
    expect(values(json, 'aws_iam_role').map((r) => r.description).sort()).toEqual([`${name}: pull images, write logs, read secrets`, `${name}: the containers' AWS permissions`]);
  });

  test('both roles trust only ECS tasks of this account', () => {
    const { json } = build();
    for (const r of values(json, 'aws_iam_role')) {
      expect(JSON.parse(r.assume_role_policy as string)).toEqual({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': expect.stringMatching(/aws_caller_identity/) } } }],
      });
    }
  });

  test('ECR pulls and secrets: each repository, secret and key once; no decrypt statement without a customer key', () => {
    const { stack, props } = setup();
    const repo = new EcrRepository(stack, 'Repo', { name: 'dev-web' });
    const s1 = { secretArn: 'arn:aws:secretsmanager:us-east-1:1:secret:a' };
    const s2 = { secretArn: 'arn:aws:secretsmanager:us-east-1:1:secret:b', jsonKey: 'password' };
    new FargateService(stack, 'Service', {
      ...props,
      cpu: 512,
      memoryMiB: 1024,
      containers: [
        web({ image: ContainerImage.fromEcr(repo), secrets: { A: s1, B: s2 } }),
        web({ name: 'side', port: 9000, image: ContainerImage.fromEcr(repo, 'v2'), secrets: { A: s1 } }),
      ],
    });
    const json = JSON.parse(Testing.synth(stack)) as Json;
    const statements = JSON.parse(values(json, 'aws_iam_role_policy')[0].policy as string).Statement as R[];
    expect(statements.map((s) => s.Sid)).toEqual(['WriteLogs', 'EcrAuth', 'EcrPull', 'ReadSecrets']);
    expect(statements[1]).toEqual({ Sid: 'EcrAuth', Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' });
    expect(statements[2]).toEqual({ Sid: 'EcrPull', Effect: 'Allow', Action: ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'], Resource: [expect.stringMatching(/aws_ecr_repository\.Repo_.*\.arn/)] });
    expect(statements[3]).toEqual({ Sid: 'ReadSecrets', Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: [s1.secretArn, s2.secretArn] });
    const defs = JSON.parse(values(json, 'aws_ecs_task_definition')[0].container_definitions as string) as R[];
    expect(defs[0].image).toMatch(/repository_url\}:latest$/);
    expect(defs[1].image).toMatch(/repository_url\}:v2$/);
    expect(defs[0].secrets).toEqual([{ name: 'A', valueFrom: s1.secretArn }, { name: 'B', valueFrom: `${s2.secretArn}:password::` }]);
  });

  test('a customer key is decryptable only through Secrets Manager in the stack region', () => {
    const key = 'arn:aws:kms:us-east-1:1:key/k';
    const { json } = build({ containers: [web({ secrets: { A: { secretArn: 'arn:s:a', kmsKeyArn: key }, B: { secretArn: 'arn:s:b', kmsKeyArn: key } } })] });
    const statements = JSON.parse(values(json, 'aws_iam_role_policy')[0].policy as string).Statement as R[];
    expect(statements[statements.length - 1]).toEqual({ Sid: 'DecryptSecrets', Effect: 'Allow', Action: 'kms:Decrypt', Resource: [key], Condition: { StringEquals: { 'kms:ViaService': 'secretsmanager.us-east-1.amazonaws.com' } } });
  });

  test('task-role statements accumulate in one policy', () => {
    const { json } = build({}, (s) => {
      s.addToTaskRolePolicy({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' });
      s.addToTaskRolePolicy({ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:us-east-1:1:q' });
    });
    const policies = values(json, 'aws_iam_role_policy');
    expect(policies).toHaveLength(2);
    const task = policies.find((p) => String(p.role).includes('TaskRole'))!;
    expect(JSON.parse(task.policy as string)).toEqual({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' },
        { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:us-east-1:1:q' },
      ],
    });
  });

  test('without ECS Exec there is no task policy and the service says so', () => {
    const { json, svc } = build();
    expect(values(json, 'aws_iam_role_policy')).toHaveLength(1);
    expect(svc.enable_execute_command).toBe(false);
  });
});

describe('rendering', () => {
  test('container definition details: sorted variables, named port mapping, sanitized volume names, no health check unless given', () => {
    const { defs, json } = build({
      containers: [web({ environment: { ZED: '1', ALPHA: '2' }, writablePaths: ['/var/lib/data/', '/tmp'], command: ['nginx', '-g', 'daemon off;'], readonlyRootFilesystem: false, cpu: 128, memoryMiB: 256 })],
    });
    expect(defs[0]).toEqual({
      name: 'web',
      image: 'nginx:1.27',
      essential: true,
      cpu: 128,
      memory: 256,
      command: ['nginx', '-g', 'daemon off;'],
      portMappings: [{ name: 'web-8080', containerPort: 8080, hostPort: 8080, protocol: 'tcp' }],
      environment: [{ name: 'ALPHA', value: '2' }, { name: 'ZED', value: '1' }],
      secrets: [],
      readonlyRootFilesystem: false,
      privileged: false,
      mountPoints: [
        { sourceVolume: 'web-var-lib-data', containerPath: '/var/lib/data/', readOnly: false },
        { sourceVolume: 'web-tmp', containerPath: '/tmp', readOnly: false },
      ],
      volumesFrom: [],
      logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': expect.stringMatching(/aws_cloudwatch_log_group\.Service_Logs_.*\.name/), 'awslogs-region': 'us-east-1', 'awslogs-stream-prefix': 'web' } },
    });
    expect(values(json, 'aws_ecs_task_definition')[0].volume).toEqual([{ name: 'web-var-lib-data' }, { name: 'web-tmp' }]);
  });

  test('a container without a port has no port mappings; a task without writable paths has no volumes', () => {
    const { defs, json } = build({ containers: [web({ port: undefined })] });
    expect(defs[0].portMappings).toEqual([]);
    expect(defs[0].mountPoints).toEqual([]);
    expect(values(json, 'aws_ecs_task_definition')[0].volume).toBeUndefined();
  });

  test('a health check with every value given is rendered as given', () => {
    const { defs } = build({ containers: [web({ healthCheck: { command: ['CMD', 'true'], intervalSeconds: 10, timeoutSeconds: 3, retries: 2, startPeriodSeconds: 15 } })] });
    expect(defs[0].healthCheck).toEqual({ command: ['CMD', 'true'], interval: 10, timeout: 3, retries: 2, startPeriod: 15 });
  });

  test('log group: /ecs/<name>, a year, the stack default logs key unless given one; ARM64 when asked', () => {
    const { json } = build({ cpuArchitecture: 'ARM64' });
    const [group] = values(json, 'aws_cloudwatch_log_group');
    expect(group).toMatchObject({ name: '/ecs/dev-web', retention_in_days: 365 });
    expect(group.kms_key_id).toMatch(/^\$\{aws_kms_key.DefaultLogsKey_[0-9A-F]+.arn\}$/);
    expect(values(json, 'aws_ecs_task_definition')[0].runtime_platform).toEqual({ operating_system_family: 'LINUX', cpu_architecture: 'ARM64' });
    const keyed = build({ logKmsKeyArn: 'arn:aws:kms:us-east-1:1:key/k' });
    expect(values(keyed.json, 'aws_cloudwatch_log_group')[0].kms_key_id).toBe('arn:aws:kms:us-east-1:1:key/k');
  });

  test('service: rolling deployment bounds, managed and propagated tags, fixed count without autoscaling', () => {
    const { svc, service } = build({ desiredCount: 3 });
    expect(svc).toMatchObject({
      desired_count: 3,
      deployment_minimum_healthy_percent: 100,
      deployment_maximum_percent: 200,
      enable_ecs_managed_tags: true,
      propagate_tags: 'SERVICE',
      cluster: expect.stringMatching(/aws_ecs_cluster\.Cluster_.*\.arn/),
      task_definition: expect.stringMatching(/aws_ecs_task_definition\.Service_TaskDefinition_.*\.arn/),
    });
    expect(svc.lifecycle).toBeUndefined();
    // the execution role's policy only (its construct id differs between branches: ExecutionPolicy / ExecutionRole/Policy)
    expect(svc.depends_on).toEqual([expect.stringMatching(/^aws_iam_role_policy\.Service_Execution/)]);
    expect(service.scalingTarget).toBeUndefined();
    expect([service.name, service.clusterName]).toEqual(['dev-web', expect.any(String)]);
  });

  test('autoscaling: named policies on the service\'s resource id, given targets and cooldowns; desiredCount wins over minCapacity', () => {
    const { json, svc, service } = build({ desiredCount: 4, autoScaling: { minCapacity: 2, maxCapacity: 8, cpuTargetPercent: 50, memoryTargetPercent: 60, scaleInCooldownSeconds: 120, scaleOutCooldownSeconds: 30 } });
    expect(svc.desired_count).toBe(4);
    expect(service.scalingTarget).toBeDefined();
    const [target] = values(json, 'aws_appautoscaling_target');
    expect(target).toMatchObject({ resource_id: expect.stringMatching(/^service\/\$\{aws_ecs_cluster\.Cluster_.*\.name\}\/\$\{aws_ecs_service\.Service_.*\.name\}$/), min_capacity: 2, max_capacity: 8 });
    const policies = values(json, 'aws_appautoscaling_policy');
    expect(policies.map((p) => [p.name, (p.target_tracking_scaling_policy_configuration as R).target_value])).toEqual([
      ['dev-web-cpu-tracking', 50],
      ['dev-web-memory-tracking', 60],
    ]);
    for (const p of policies) {
      expect(p).toMatchObject({ policy_type: 'TargetTrackingScaling', target_tracking_scaling_policy_configuration: { scale_in_cooldown: 120, scale_out_cooldown: 30 } });
      expect([p.service_namespace, p.scalable_dimension, p.resource_id]).toEqual(['service_namespace', 'scalable_dimension', 'resource_id'].map((a) => expect.stringMatching(new RegExp(`aws_appautoscaling_target\\.Service_ScalingTarget_.*\\.${a}`))));
    }
  });

  test('autoscaling defaults: 70 % CPU, 75 % memory, 300 s in, 60 s out', () => {
    const { json } = build({ autoScaling: { minCapacity: 1, maxCapacity: 2 } });
    expect(values(json, 'aws_appautoscaling_policy').map((p) => p.target_tracking_scaling_policy_configuration)).toEqual([
      { target_value: 70, predefined_metric_specification: { predefined_metric_type: 'ECSServiceAverageCPUUtilization' }, scale_in_cooldown: 300, scale_out_cooldown: 60 },
      { target_value: 75, predefined_metric_specification: { predefined_metric_type: 'ECSServiceAverageMemoryUtilization' }, scale_in_cooldown: 300, scale_out_cooldown: 60 },
    ]);
  });

  test('metrics carry the ECS namespace and the cluster and service dimensions', () => {
    const { service } = build();
    for (const [m, name] of [[service.metricCpuUtilization(), 'CPUUtilization'], [service.metricMemoryUtilization(), 'MemoryUtilization']] as const) {
      expect(m).toMatchObject({ namespace: 'AWS/ECS', metricName: name, dimensions: { ClusterName: service.clusterName, ServiceName: 'dev-web' } });
    }
    expect(service.metric('RunningTaskCount', { statistic: 'Maximum', periodSeconds: 60 })).toMatchObject({ metricName: 'RunningTaskCount', statistic: 'Maximum', periodSeconds: 60 });
  });
});

// Survivors of the scoped run of 2026-12-02 (93.0 %): the rules that compare containers with each other.
describe('FargateService: the last survivors', () => {
  const sidecar = (extra: Partial<ContainerProps> = {}): ContainerProps => ({ name: 'proxy', image: ContainerImage.fromRegistry('envoyproxy/envoy:v1.31'), port: 9901, ...extra });

  test('no containers is one error, not also "at least one container must be essential"', () => {
    expect(errorsOf({ containers: [] })).toEqual(['test/Service: a task needs at least one container (got [])']);
  });

  test('environment and secrets with different names pass; the same name is reported', () => {
    const stack = newStack();
    const secret = new GeneratedSecret(stack, 'Pw', { name: 'dev/pw', kmsKeyArn: 'arn:aws:kms:us-east-1:111111111111:key/k' });
    const cluster = new EcsCluster(stack, 'Cluster', { name: 'dev-cluster' });
    const sg = new SecurityGroup(stack, 'Sg', { vpcId: 'vpc-1', name: 'dev-sg' });
    const make = (id: string, env: Record<string, string>) =>
      collectErrors(() => new FargateService(stack, id, { name: `dev-${id.toLowerCase()}`, cluster, cpu: 256, memoryMiB: 512, containers: [web({ environment: env, secrets: { DB_PASSWORD: secret.ref() } })], subnets: { ids: ['subnet-1'] }, securityGroups: [sg] }));
    expect(make('Ok', { DB_HOST: 'db' })).toEqual([]);
    expect(make('Clash', { DB_PASSWORD: 'x' })).toEqual(['test/Clash: a container may not set the same variable in environment and secrets (got "DB_PASSWORD")']);
  });

  test('dependsOn: another container passes; itself or an unknown one is reported', () => {
    expect(errorsOf({ containers: [web({ dependsOn: [{ containerName: 'proxy', condition: 'START' }] }), sidecar()] })).toEqual([]);
    expect(errorsOf({ containers: [web({ dependsOn: [{ containerName: 'web', condition: 'START' }] }), sidecar()] })).toEqual(['test/Service: dependsOn must name another container of the task (got "web")']);
    expect(errorsOf({ containers: [web({ dependsOn: [{ containerName: 'db', condition: 'HEALTHY' }] }), sidecar()] })).toEqual(['test/Service: dependsOn must name another container of the task (got "db")']);
  });

  test('writablePaths: absolute paths pass, relative ones are reported', () => {
    expect(errorsOf({ containers: [web({ writablePaths: ['/tmp', '/var/cache/nginx'] })] })).toEqual([]);
    expect(errorsOf({ containers: [web({ writablePaths: ['tmp/'] })] })).toEqual(['test/Service: writablePaths must be absolute paths (got "tmp/")']);
  });

  test('a target group registration must name a container of the task and its port', () => {
    const { stack, props } = setup();
    const alb = new ApplicationLoadBalancer(stack, 'Alb', { name: 'dev-alb', vpcId: 'vpc-1', subnets: { ids: ['subnet-a', 'subnet-b'], azs: ['us-east-1a', 'us-east-1b'] } });
    const tg = alb.addTargetGroup('Web', { name: 'dev-web-tg', port: 8080 });
    alb.setDefaultTargetGroup(tg);
    const containers = [web(), sidecar()];
    expect(collectErrors(() => new FargateService(stack, 'Ok', { ...props, name: 'dev-ok', containers, targetGroups: [{ targetGroup: tg, containerName: 'web', containerPort: 8080 }] }))).toEqual([]);
    expect(collectErrors(() => new FargateService(stack, 'Bad', { ...props, name: 'dev-bad', containers, targetGroups: [{ targetGroup: tg, containerName: 'web', containerPort: 9901 }] }))).toEqual([
      'test/Bad: target group registrations must name a container and one of its ports (got "web:9901")',
    ]);
  });

  test('a JavaScript caller without the required props gets validation errors naming them, not a TypeError', () => {
    const errors = collectErrors(() => new FargateService(newStack(), 'Service', {} as unknown as FargateServiceProps)).join('\n');
    for (const prop of ['name', 'cluster', 'cpu', 'memoryMiB', 'containers', 'subnets', 'securityGroups']) expect(errors).toContain(prop);
    expect(errors).not.toMatch(/TypeError|Cannot read/);
  });
});
