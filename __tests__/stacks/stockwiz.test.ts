import { Testing } from 'cdktf';
import { STOCKWIZ_ENVIRONMENTS as RAW_ENVIRONMENTS, stockwizConfig, stockwizSchema } from '../../config/stockwiz';
import { loadConfig } from '../../lib/core/config';
import { addStockwizStacks, StockwizStack } from '../../stacks/stockwiz';
import { addTfstateAwsStack } from '../../stacks/tfstate-aws';
import { expectValidationError } from '../helpers';

type Resource = Record<string, unknown>;
type Json = { resource: Record<string, Record<string, Resource>>; terraform: { backend: unknown }; data: Record<string, unknown> };

const stacks = addStockwizStacks(Testing.app());
const byEnv = Object.fromEntries(stacks.map((s) => [s.environment, s])) as Record<'dev' | 'prod', StockwizStack>;
const synthCache = new Map<StockwizStack, string>();
const synth = (env: 'dev' | 'prod') => {
  const s = byEnv[env];
  if (!synthCache.has(s)) synthCache.set(s, Testing.synth(s));
  return synthCache.get(s)!;
};
const parsed = new Map<string, Json>();
const json = (env: 'dev' | 'prod') => {
  if (!parsed.has(env)) parsed.set(env, JSON.parse(synth(env)) as Json);
  return parsed.get(env)!;
};
const all = (env: 'dev' | 'prod', type: string) => Object.values(json(env).resource[type] ?? {});
const one = (env: 'dev' | 'prod', type: string, match: Resource) => {
  const found = all(env, type).filter((r) => Object.entries(match).every(([k, v]) => JSON.stringify(r[k]) === JSON.stringify(v)));
  expect(found).toHaveLength(1);
  return found[0];
};
const containers = (env: 'dev' | 'prod') => JSON.parse((all(env, 'aws_ecs_task_definition')[0] as { container_definitions: string }).container_definitions) as Array<Record<string, unknown> & { name: string }>;

describe('stockwiz stacks', () => {
  test('one stack per environment, named stockwiz-<env>, state in S3 under <env>/terraform.tfstate', () => {
    expect(stacks.map((s) => s.node.id)).toEqual(['stockwiz-dev', 'stockwiz-prod']);
    for (const env of ['dev', 'prod'] as const) {
      expect(json(env).terraform.backend).toEqual({
        s3: { bucket: 'stockwiz-terraform-state-493930199663', key: `${env}/terraform.tfstate`, region: 'us-east-1', encrypt: true, use_lockfile: true },
      });
      expect((JSON.parse(synth(env)) as { provider: { aws: { region: string }[] } }).provider.aws[0].region).toBe('us-east-1');
    }
  });

  describe.each(['dev', 'prod'] as const)('%s: the seed\'s shape', (env) => {
    test('VPC 10.0.0.0/16, public 10.0.1.0/24 + 10.0.2.0/24, private 10.0.11.0/24 + 10.0.12.0/24 in us-east-1a/b', () => {
      expect(all(env, 'aws_vpc')).toEqual([expect.objectContaining({ cidr_block: '10.0.0.0/16' })]);
      const subnets = all(env, 'aws_subnet').map((s) => [s.cidr_block, s.availability_zone, (s.tags as Record<string, string>).tier]);
      expect(subnets).toEqual(
        expect.arrayContaining([
          ['10.0.1.0/24', 'us-east-1a', 'public'],
          ['10.0.2.0/24', 'us-east-1b', 'public'],
          ['10.0.11.0/24', 'us-east-1a', 'private'],
          ['10.0.12.0/24', 'us-east-1b', 'private'],
        ]),
      );
      expect(all(env, 'aws_internet_gateway')).toHaveLength(1);
      expect(all(env, 'aws_flow_log')).toHaveLength(1);
    });

    test('security groups as the seed\'s table: ALB 80/443 from anywhere, tasks 8000-8002 from the ALB only', () => {
      const albSg = one(env, 'aws_security_group', { name: `${env}-alb-sg` });
      const ecsSg = one(env, 'aws_security_group', { name: `${env}-ecs-tasks-sg` });
      const id = (sg: Resource) => `\${aws_security_group.${Object.entries(json(env).resource.aws_security_group).find(([, v]) => v === sg)![0]}.id}`;
      const ingress = all(env, 'aws_vpc_security_group_ingress_rule');
      const egress = all(env, 'aws_vpc_security_group_egress_rule');
      const list = (rules: Resource[], sg: Resource) =>
        rules
          .filter((r) => r.security_group_id === id(sg))
          .map((r) => [r.from_port, r.to_port, r.cidr_ipv4 ?? r.referenced_security_group_id])
          .sort((a, b) => (a[0] as number) - (b[0] as number));
      const rulesOf = (sg: Resource) => list(ingress, sg);
      // Outbound is narrowed from the seed's "all traffic" to what each tier needs.
      // One rule per target group registration (registerConnectable), together the seed's 8000-8002.
      expect(list(egress, albSg)).toEqual([
        [8000, 8000, id(ecsSg)],
        [8001, 8001, id(ecsSg)],
        [8002, 8002, id(ecsSg)],
      ]);
      expect(list(ingress, ecsSg).filter((r) => r[2] === id(albSg))).toEqual([
        [8000, 8000, id(albSg)],
        [8001, 8001, id(albSg)],
        [8002, 8002, id(albSg)],
      ]);
      expect(list(egress, ecsSg)).toEqual(
        env === 'dev'
          ? [[443, 443, '0.0.0.0/0']]
          : [
              [443, 443, '0.0.0.0/0'],
              [5432, 5432, expect.stringMatching(/Database_SecurityGroup_/)],
              [6379, 6379, expect.stringMatching(/Cache_SecurityGroup_/)],
            ],
      );
      expect(rulesOf(albSg)).toEqual([
        [80, 80, '0.0.0.0/0'],
        [443, 443, '0.0.0.0/0'],
      ]);
      const ecs = rulesOf(ecsSg);
      expect(ecs.filter((r) => r[2] === id(albSg)).map((r) => r[0])).toEqual([8000, 8001, 8002]);
      expect(ecs.filter((r) => r[2] === '0.0.0.0/0')).toEqual([]);
      if (env === 'dev') {
        // 5432 and 6379 "internal": only from the tasks' own group
        expect(ecs).toEqual(expect.arrayContaining([[5432, 5432, id(ecsSg)], [6379, 6379, id(ecsSg)]]));
      } else {
        const dbSg = one(env, 'aws_security_group', { name: 'prod-stockwiz-db-sg' });
        const redisSg = one(env, 'aws_security_group', { name: 'prod-stockwiz-redis-sg' });
        expect(rulesOf(dbSg)).toEqual([[5432, 5432, id(ecsSg)]]);
        expect(rulesOf(redisSg)).toEqual([[6379, 6379, id(ecsSg)]]);
      }
    });

    test('ALB <env>-alb with the three target groups and the path rules', () => {
      one(env, 'aws_lb', { name: `${env}-alb`, internal: false, drop_invalid_header_fields: true, enable_deletion_protection: env === 'prod' });
      const tgs = Object.fromEntries(all(env, 'aws_lb_target_group').map((t) => [t.name, t]));
      expect(Object.keys(tgs).sort()).toEqual([`${env}-api-gw-tg`, `${env}-inventory-svc-tg`, `${env}-product-svc-tg`]);
      expect(tgs[`${env}-api-gw-tg`]).toMatchObject({ port: 8000, target_type: 'ip', health_check: { path: '/health' } });
      expect(tgs[`${env}-product-svc-tg`]).toMatchObject({ port: 8001 });
      expect(tgs[`${env}-inventory-svc-tg`]).toMatchObject({ port: 8002 });
      const tgRef = (name: string) => expect.stringContaining(`aws_lb_target_group.${Object.entries(json(env).resource.aws_lb_target_group).find(([, v]) => v.name === name)![0]}.arn`);
      expect(all(env, 'aws_lb_listener')).toEqual([expect.objectContaining({ port: 80, protocol: 'HTTP', default_action: [{ type: 'forward', target_group_arn: tgRef(`${env}-api-gw-tg`) }] })]);
      const rules = all(env, 'aws_lb_listener_rule').map((r) => ({ paths: (r.condition as { path_pattern: { values: string[] } }[])[0].path_pattern.values, to: (r.action as { target_group_arn: string }[])[0].target_group_arn }));
      expect(rules).toEqual([
        { paths: ['/products/*'], to: tgRef(`${env}-product-svc-tg`) },
        { paths: ['/inventory/*'], to: tgRef(`${env}-inventory-svc-tg`) },
      ]);
    });

    test('cluster <env>-cluster with Container Insights, service <env>-stockwiz, one 2048 CPU / 4096 MB task in private subnets', () => {
      one(env, 'aws_ecs_cluster', { name: `${env}-cluster`, setting: [{ name: 'containerInsights', value: 'enabled' }] });
      const service = one(env, 'aws_ecs_service', { name: `${env}-stockwiz` });
      expect(service).toMatchObject({
        desired_count: env === 'dev' ? 1 : 2,
        launch_type: 'FARGATE',
        deployment_circuit_breaker: { enable: true, rollback: true },
        network_configuration: { assign_public_ip: false },
      });
      expect((service.load_balancer as { container_name: string; container_port: number }[]).map((l) => [l.container_name, l.container_port])).toEqual([
        ['api-gateway', 8000],
        ['product-service', 8001],
        ['inventory-service', 8002],
      ]);
      expect((service.network_configuration as { subnets: string[] }).subnets).toEqual([expect.stringMatching(/aws_subnet\.Vpc_PrivateSubnet1_/), expect.stringMatching(/aws_subnet\.Vpc_PrivateSubnet2_/)]);
      one(env, 'aws_ecs_task_definition', { family: `${env}-stockwiz`, cpu: '2048', memory: '4096', network_mode: 'awsvpc' });
    });

    test('log group /ecs/<env> with one stream prefix per container', () => {
      one(env, 'aws_cloudwatch_log_group', { name: `/ecs/${env}`, retention_in_days: env === 'dev' ? 7 : 365 });
      for (const c of containers(env)) expect((c.logConfiguration as { options: Record<string, string> }).options['awslogs-stream-prefix']).toBe(c.name);
    });

    test('the seed\'s alarms, an unhealthy-host alarm per target group and the load balancer\'s own 5xx, to SNS <env>-alerts (alerts@example.com)', () => {
      const topic = one(env, 'aws_sns_topic', { name: `${env}-alerts` });
      expect(topic.kms_master_key_id).toMatch(/aws_kms_key\.Key_/);
      one(env, 'aws_sns_topic_subscription', { protocol: 'email', endpoint: 'alerts@example.com' });
      const alarms = all(env, 'aws_cloudwatch_metric_alarm').map((a) => [a.alarm_name, a.namespace, a.metric_name, a.comparison_operator, a.threshold]);
      expect(alarms).toHaveLength(7);
      expect(alarms).toEqual(
        expect.arrayContaining([
          [`${env}-stockwiz-unhealthy-targets-product-service`, 'AWS/ApplicationELB', 'UnHealthyHostCount', 'GreaterThanThreshold', 0],
          [`${env}-stockwiz-unhealthy-targets-inventory-service`, 'AWS/ApplicationELB', 'UnHealthyHostCount', 'GreaterThanThreshold', 0],
          [`${env}-stockwiz-elb-5xx`, 'AWS/ApplicationELB', 'HTTPCode_ELB_5XX_Count', 'GreaterThanThreshold', 10],
          [`${env}-stockwiz-high-cpu`, 'AWS/ECS', 'CPUUtilization', 'GreaterThanThreshold', 80],
          [`${env}-stockwiz-high-memory`, 'AWS/ECS', 'MemoryUtilization', 'GreaterThanThreshold', 80],
          [`${env}-stockwiz-unhealthy-targets`, 'AWS/ApplicationELB', 'UnHealthyHostCount', 'GreaterThanThreshold', 0],
          [`${env}-stockwiz-http-5xx`, 'AWS/ApplicationELB', 'HTTPCode_Target_5XX_Count', 'GreaterThanThreshold', 10],
        ]),
      );
      for (const a of all(env, 'aws_cloudwatch_metric_alarm')) expect(a.alarm_actions).toEqual([expect.stringMatching(/aws_sns_topic\.Alerts_/)]);
      // Every target group is watched: /products/* and /inventory/* bypass the gateway.
      const tgs = Object.entries(json(env).resource.aws_lb_target_group).map(([k]) => `\${aws_lb_target_group.${k}.arn_suffix}`);
      const watched = all(env, 'aws_cloudwatch_metric_alarm').filter((a) => a.metric_name === 'UnHealthyHostCount').map((a) => (a.dimensions as Record<string, string>).TargetGroup);
      expect(watched.sort()).toEqual(tgs.sort());
      // The alarm topic is TLS-only and lets CloudWatch publish.
      const policy = JSON.parse(one(env, 'aws_sns_topic_policy', {}).policy as string);
      expect(policy.Statement.map((st: { Sid: string }) => st.Sid)).toEqual(['DenyInsecureTransport', 'CloudWatchAlarms']);
    });
  });

  describe('dev', () => {
    test('a single NAT gateway', () => {
      expect(all('dev', 'aws_nat_gateway')).toHaveLength(1);
    });

    test('five containers in the task with the seed\'s ports', () => {
      const c = containers('dev');
      expect(c.map((x) => [x.name, (x.portMappings as { containerPort: number }[])[0].containerPort])).toEqual([
        ['postgres', 5432],
        ['redis', 6379],
        ['api-gateway', 8000],
        ['product-service', 8001],
        ['inventory-service', 8002],
      ]);
      const postgres = c[0] as unknown as { image: string; environment: { name: string; value: string }[]; secrets: { name: string; valueFrom: string }[] };
      expect(postgres.image).toMatch(/aws_ecr_repository\.Ecr-postgres_[0-9A-F]+\.repository_url\}:latest$/);
      expect(postgres.environment).toContainEqual({ name: 'POSTGRES_DB', value: 'microservices_db' });
      expect(postgres.secrets).toEqual([{ name: 'POSTGRES_PASSWORD', valueFrom: expect.stringMatching(/^\$\{aws_secretsmanager_secret\.PostgresPassword_[0-9A-F]+\.arn\}$/) }]);
      expect(c[1].image).toBe('redis:7-alpine');
      for (const x of c) expect(x.readonlyRootFilesystem).toBe(true);
    });

    test('the postgres password is generated into Secrets Manager', () => {
      one('dev', 'aws_secretsmanager_secret', { name: 'dev/stockwiz/postgres-password' });
      expect(all('dev', 'random_password')).toHaveLength(2);
    });

    test('four ECR repositories', () => {
      expect(all('dev', 'aws_ecr_repository').map((r) => r.name).sort()).toEqual(['dev-stockwiz-api-gateway', 'dev-stockwiz-inventory-service', 'dev-stockwiz-postgres', 'dev-stockwiz-product-service']);
      for (const r of all('dev', 'aws_ecr_repository')) expect(r).toMatchObject({ image_scanning_configuration: { scan_on_push: true }, image_tag_mutability: 'IMMUTABLE_WITH_EXCLUSION' });
    });

    test('no RDS, ElastiCache, WAF or autoscaling', () => {
      for (const type of ['aws_db_instance', 'aws_elasticache_replication_group', 'aws_wafv2_web_acl', 'aws_appautoscaling_target']) expect(all('dev', type)).toEqual([]);
    });
  });

  describe('prod', () => {
    test('one NAT gateway per AZ and isolated data subnets', () => {
      expect(all('prod', 'aws_nat_gateway')).toHaveLength(2);
      const isolated = all('prod', 'aws_subnet').filter((s) => (s.tags as Record<string, string>).tier === 'isolated');
      expect(isolated.map((s) => s.cidr_block)).toEqual(['10.0.21.0/24', '10.0.22.0/24']);
    });

    test('three containers: RDS and ElastiCache replace postgres and redis; credentials from Secrets Manager', () => {
      const c = containers('prod');
      expect(c.map((x) => x.name)).toEqual(['api-gateway', 'product-service', 'inventory-service']);
      const product = c[1] as unknown as { environment: { name: string; value: string }[]; secrets: { name: string; valueFrom: string }[] };
      expect(product.environment).toEqual(
        expect.arrayContaining([
          { name: 'DB_HOST', value: expect.stringMatching(/aws_db_instance\.Database_[0-9A-F]+\.address/) },
          { name: 'DB_SSLMODE', value: 'require' },
          { name: 'REDIS_HOST', value: expect.stringMatching(/aws_elasticache_replication_group\.Cache_[0-9A-F]+\.primary_endpoint_address/) },
          { name: 'REDIS_TLS', value: 'true' },
        ]),
      );
      expect(product.secrets).toEqual([
        { name: 'DB_PASSWORD', valueFrom: expect.stringMatching(/master_user_secret\[0\]\.secret_arn\}:password::$/) },
        { name: 'DB_USER', valueFrom: expect.stringMatching(/master_user_secret\[0\]\.secret_arn\}:username::$/) },
        { name: 'REDIS_PASSWORD', valueFrom: expect.stringMatching(/aws_secretsmanager_secret\.Cache_AuthToken_/) },
      ]);
    });

    test('RDS PostgreSQL: Multi-AZ, encrypted, deletion protection, managed password, in the isolated subnets', () => {
      one('prod', 'aws_db_instance', {
        identifier: 'prod-stockwiz-db',
        engine: 'postgres',
        db_name: 'microservices_db',
        multi_az: true,
        storage_encrypted: true,
        deletion_protection: true,
        manage_master_user_password: true,
        publicly_accessible: false,
      });
      const group = all('prod', 'aws_db_subnet_group')[0] as { subnet_ids: string[] };
      expect(group.subnet_ids).toEqual([expect.stringMatching(/Vpc_IsolatedSubnet1_/), expect.stringMatching(/Vpc_IsolatedSubnet2_/)]);
    });

    test('ElastiCache Redis encrypted in transit and at rest, Multi-AZ', () => {
      one('prod', 'aws_elasticache_replication_group', {
        replication_group_id: 'prod-stockwiz-redis',
        transit_encryption_enabled: true,
        at_rest_encryption_enabled: 'true',
        multi_az_enabled: true,
        automatic_failover_enabled: true,
      });
    });

    test('WAF on the ALB, ECS autoscaling, immutable ECR tags, no postgres repository', () => {
      expect(all('prod', 'aws_wafv2_web_acl')).toHaveLength(1);
      expect(all('prod', 'aws_wafv2_web_acl_association')).toEqual([expect.objectContaining({ resource_arn: expect.stringMatching(/aws_lb\.Alb_[0-9A-F]+\.arn/) })]);
      one('prod', 'aws_appautoscaling_target', { min_capacity: 2, max_capacity: 6 });
      expect(all('prod', 'aws_appautoscaling_policy')).toHaveLength(2);
      expect(all('prod', 'aws_ecr_repository').map((r) => [r.name, r.image_tag_mutability]).sort()).toEqual([
        ['prod-stockwiz-api-gateway', 'IMMUTABLE'],
        ['prod-stockwiz-inventory-service', 'IMMUTABLE'],
        ['prod-stockwiz-product-service', 'IMMUTABLE'],
      ]);
    });
  });

  test('no synthesized stack contains a password literal', () => {
    const outputs = [synth('dev'), synth('prod'), Testing.synth(addTfstateAwsStack(Testing.app()))];
    const walk = (node: unknown, path: string[], visit: (path: string[], value: string) => void): void => {
      if (typeof node === 'string') visit(path, node);
      else if (Array.isArray(node)) node.forEach((v, i) => walk(v, [...path, String(i)], visit));
      else if (node && typeof node === 'object') Object.entries(node).forEach(([k, v]) => walk(v, [...path, k], visit));
    };
    let checked = 0;
    for (const out of outputs) {
      walk(JSON.parse(out), [], (path, value) => {
        const key = path[path.length - 1];
        if (/password|secret_string|auth_token/i.test(key) && !/manage_master_user_password|master_user_secret/.test(key)) {
          checked++;
          expect({ path: path.join('.'), value }).toEqual({ path: path.join('.'), value: expect.stringMatching(/^\$\{[^}]+\}$/) });
        }
        if (key === 'container_definitions') {
          for (const c of JSON.parse(value) as { environment?: { name: string }[] }[]) {
            expect((c.environment ?? []).filter((e) => /PASSWORD|TOKEN|SECRET/i.test(e.name))).toEqual([]);
          }
        }
      });
    }
    expect(checked).toBeGreaterThanOrEqual(4); // secret versions (dev: 2, prod: 1) and the Redis AUTH token
  });

  test('bad configuration fails with its field path', () => {
    const dev = stockwizConfig('dev');
    expect(() => loadConfig('stockwiz', stockwizSchema, { dev: { ...dev, network: { ...dev.network, vpcCidr: '10.0.0.0/33' } } }, 'dev')).toThrow('stockwiz.dev.network.vpcCidr: must be an IPv4 CIDR block');
    expect(() => loadConfig('stockwiz', stockwizSchema, { dev: { ...dev, alertEmail: 'alerts' } }, 'dev')).toThrow('stockwiz.dev.alertEmail');
    expect(() => loadConfig('stockwiz', stockwizSchema, { dev: { ...dev, logRetentionDays: 10 } }, 'dev')).toThrow('stockwiz.dev.logRetentionDays: must be one of 1, 3, 5, 7');
    expect(() => stockwizConfig('staging')).toThrow('stockwiz: unknown environment "staging" (expected one of dev, prod)');
    // The environments the error lists are the ones that synthesize: one stack each, its resources tagged with it.
    expect(stacks.map((s) => s.environment)).toEqual(Object.keys(RAW_ENVIRONMENTS));
    for (const env of Object.keys(RAW_ENVIRONMENTS) as Array<'dev' | 'prod'>) {
      expect(all(env, 'aws_vpc').map((v) => (v.tags as Record<string, string>).environment)).toEqual([env]);
    }
  });

  test('a construct rule broken by configuration names the construct path', () => {
    const bad = { ...stockwizConfig('dev'), service: { ...stockwizConfig('dev').service, memoryMiB: 3000 } };
    expectValidationError(() => new StockwizStack(Testing.app(), 'stockwiz-dev', 'dev', bad), 
      'stockwiz-dev/Service: memoryMiB must be a Fargate size for 2048 CPU units (4096, 5120, 6144, 7168, 8192, 9216, 10240, 11264, 12288, 13312, 14336, 15360, 16384) (got 3000)',
    );
  });

  test.each(['dev', 'prod'] as const)('snapshot of stockwiz-%s', (env) => {
    expect(synth(env)).toMatchSnapshot();
  });
});
