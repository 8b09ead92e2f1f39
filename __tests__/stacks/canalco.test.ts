import { AutoscalingGroup } from '@cdktf/provider-aws/lib/autoscaling-group';
import { BackupPlan } from '@cdktf/provider-aws/lib/backup-plan';
import { CloudfrontDistribution } from '@cdktf/provider-aws/lib/cloudfront-distribution';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import { DbParameterGroup } from '@cdktf/provider-aws/lib/db-parameter-group';
import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import { LbListener } from '@cdktf/provider-aws/lib/lb-listener';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';
import { Sesv2EmailIdentity } from '@cdktf/provider-aws/lib/sesv2-email-identity';
import { Wafv2WebAclAssociation } from '@cdktf/provider-aws/lib/wafv2-web-acl-association';
import { Testing } from 'cdktf';
import { CANALCO_ENVIRONMENTS, canalcoConfig, CanalcoConfig, canalcoSchema } from '../../config/canalco';
import { loadConfig, merge } from '../../lib/core/config';
import { addCanalcoStacks, CanalcoStack } from '../../stacks/canalco';
import { expectValidationError } from '../helpers';

type Res = Record<string, unknown>;
type Json = { resource: Record<string, Record<string, Res>>; terraform: { backend: Record<string, Res> }; data: Record<string, Record<string, Res>> };

const ENVS = ['dev', 'staging', 'prod'] as const;
const outputs = new Map<string, string>();
const synth = (env: string): string => {
  if (!outputs.has(env)) outputs.set(env, Testing.synth(new CanalcoStack(Testing.app(), `canalco-${env}`, env, canalcoConfig(env))));
  return outputs.get(env)!;
};
const json = (env: string) => JSON.parse(synth(env)) as Json;
const all = (j: Json, type: string) => Object.values(j.resource[type] ?? {});

describe('canalco stacks', () => {
  test('one stack per environment, each with its own key in the S3 state bucket', () => {
    const stacks = addCanalcoStacks(Testing.app());
    expect(stacks.map((s) => s.node.id)).toEqual(['canalco-dev', 'canalco-staging', 'canalco-prod']);
    for (const env of ENVS) {
      expect(json(env).terraform.backend).toEqual({ s3: { bucket: 'canalco-terraform-state', key: `${env}/terraform.tfstate`, region: 'us-east-1', encrypt: true, use_lockfile: true } });
    }
  });

  describe.each(ENVS)('%s', (env) => {
    const config = canalcoConfig(env);
    const multiAz = env !== 'dev';

    test('VPC 10.0.0.0/16 with the seed\'s public, private and database subnets in us-east-1a and b; the database tier has no route out', () => {
      const j = json(env);
      expect(all(j, 'aws_vpc')[0].cidr_block).toBe('10.0.0.0/16');
      const subnets = all(j, 'aws_subnet').map((s) => [(s.tags as Res).tier, s.cidr_block, s.availability_zone]);
      expect(subnets.sort()).toEqual(
        [
          ['isolated', '10.0.20.0/24', 'us-east-1a'],
          ['isolated', '10.0.21.0/24', 'us-east-1b'],
          ['private', '10.0.10.0/24', 'us-east-1a'],
          ['private', '10.0.11.0/24', 'us-east-1b'],
          ['public', '10.0.1.0/24', 'us-east-1a'],
          ['public', '10.0.2.0/24', 'us-east-1b'],
        ].sort(),
      );
      // dev: one NAT gateway (single-AZ workloads); staging and prod: one per AZ
      expect(all(j, 'aws_nat_gateway')).toHaveLength(multiAz ? 2 : 1);
      // 1 public default route + one per private subnet; the isolated route table has none
      const routes = all(j, 'aws_route');
      expect(routes).toHaveLength(3);
      expect(routes.filter((r) => r.gateway_id)).toHaveLength(1);
      expect(routes.filter((r) => r.nat_gateway_id)).toHaveLength(2);
    });

    test('security groups exactly as the seed\'s table', () => {
      const j = json(env);
      const sgName = new Map(Object.entries(j.resource.aws_security_group).map(([id, sg]) => [id, sg.name as string]));
      const ref = (v: unknown) => (typeof v === 'string' ? sgName.get(/aws_security_group\.([^.]+)\.id/.exec(v)?.[1] ?? '') ?? v : v);
      const rules = (type: string, dir: string) =>
        all(j, type).map((r) => `${ref(r.security_group_id)} ${dir} ${r.ip_protocol}/${r.from_port} ${r.cidr_ipv4 ?? ref(r.referenced_security_group_id)}`);
      const table = [...rules('aws_vpc_security_group_ingress_rule', 'in'), ...rules('aws_vpc_security_group_egress_rule', 'out')].sort();
      expect(table).toEqual(
        [
          `canalco-alb-sg-${env} in tcp/443 0.0.0.0/0`,
          `canalco-alb-sg-${env} out tcp/8000 canalco-backend-sg-${env}`,
          `canalco-backend-sg-${env} in tcp/8000 canalco-alb-sg-${env}`,
          `canalco-backend-sg-${env} out tcp/5432 canalco-rds-sg-${env}`,
          `canalco-backend-sg-${env} out tcp/443 0.0.0.0/0`,
          `canalco-rds-sg-${env} in tcp/5432 canalco-backend-sg-${env}`,
          // not in the seed's table: the Lambda functions' group, HTTPS out only
          `canalco-lambda-sg-${env} out tcp/443 0.0.0.0/0`,
          // the cleanup function's own group: HTTPS out and PostgreSQL to the database, which admits it
          `canalco-cleanup-sg-${env} out tcp/443 0.0.0.0/0`,
          `canalco-cleanup-sg-${env} out tcp/5432 canalco-rds-sg-${env}`,
          `canalco-rds-sg-${env} in tcp/5432 canalco-cleanup-sg-${env}`,
        ].sort(),
      );
      // the database group is the one RDS uses, and nothing else sits in it
      const db = all(j, 'aws_db_instance')[0];
      expect((db.vpc_security_group_ids as string[]).map(ref)).toEqual([`canalco-rds-sg-${env}`]);
    });

    test('backend: launch template (IMDSv2, encrypted EBS, no public IP), Auto Scaling group with ELB health checks on port 8000 every 30 s', () => {
      const out = synth(env);
      expect(out).toHaveResourceWithProperties(LaunchTemplate, {
        instance_type: env === 'dev' ? 't3.small' : 't3.medium',
        metadata_options: expect.objectContaining({ http_tokens: 'required' }),
        block_device_mappings: [expect.objectContaining({ ebs: expect.objectContaining({ encrypted: 'true', kms_key_id: expect.stringContaining('aws_kms_key.') }) })],
        network_interfaces: [expect.objectContaining({ associate_public_ip_address: 'false' })],
      });
      const sizes = { dev: [1, 2, 1], staging: [2, 4, 2], prod: [2, 10, 2] }[env];
      expect(out).toHaveResourceWithProperties(AutoscalingGroup, { min_size: sizes[0], max_size: sizes[1], desired_capacity: sizes[2], health_check_type: 'ELB' });
      const asg = all(json(env), 'aws_autoscaling_group')[0];
      // single-AZ dev: the group only uses the first AZ's private subnet
      expect(asg.vpc_zone_identifier).toHaveLength(multiAz ? 2 : 1);
      expect(out).toHaveResourceWithProperties(LbTargetGroup, {
        port: 8000,
        target_type: 'instance',
        health_check: expect.objectContaining({ interval: 30, path: '/health', port: 'traffic-port' }),
      });
      expect(out).toHaveResourceWithProperties(LbListener, { port: 443, protocol: 'HTTPS', certificate_arn: expect.stringContaining('aws_acm_certificate_validation.') });
      expect(out).toHaveResourceWithProperties(LbListener, { port: 80, default_action: [expect.objectContaining({ type: 'redirect', redirect: expect.objectContaining({ protocol: 'HTTPS', status_code: 'HTTP_301' }) })] });
      expect(all(json(env), 'aws_ecr_repository')).toHaveLength(1);
      expect(out).toHaveResourceWithProperties(BackupPlan, { rule: [expect.objectContaining({ schedule: 'cron(0 5 ? * SUN *)' })] });
    });

    test('RDS PostgreSQL 15, private in the database subnets, SSL forced, Performance Insights, password managed by RDS', () => {
      const out = synth(env);
      expect(out).toHaveResourceWithProperties(DbInstance, {
        engine: 'postgres',
        engine_version: '15',
        instance_class: env === 'dev' ? 'db.t3.small' : 'db.t3.medium',
        multi_az: multiAz,
        // the seed's 30 days, staging "similar to production"; dev the cheap end of 7-30
        backup_retention_period: { dev: 7, staging: 30, prod: 30 }[env],
        deletion_protection: env !== 'dev',
        storage_encrypted: true,
        publicly_accessible: false,
        performance_insights_enabled: true,
        manage_master_user_password: true,
      });
      const params = (all(json(env), 'aws_db_parameter_group')[0].parameter as Res[]).map((p) => [p.name, p.value]);
      expect(params).toEqual(expect.arrayContaining([['rds.force_ssl', '1'], ['max_connections', String(config.database.maxConnections)]]));
      expect(out).toHaveResourceWithProperties(DbParameterGroup, { family: 'postgres15' });
      expect(all(json(env), 'aws_db_instance')[0].availability_zone).toBe(multiAz ? undefined : 'us-east-1a');
      const subnetGroup = all(json(env), 'aws_db_subnet_group')[0];
      expect(subnetGroup.subnet_ids).toEqual([expect.stringMatching(/aws_subnet\.Vpc_IsolatedSubnet1_/), expect.stringMatching(/aws_subnet\.Vpc_IsolatedSubnet2_/)]);
    });

    test('the seed\'s four buckets: versioned, Glacier after 365 days, access logs, CORS for the frontend on the three it reads', () => {
      const j = json(env);
      const buckets = all(j, 'aws_s3_bucket').map((b) => b.bucket);
      expect(buckets.sort()).toEqual([
        `canalco-adjuntos-${env}`,
        `canalco-backups-${env}`,
        `canalco-cotizaciones-${env}`,
        `canalco-facturas-${env}`,
        `canalco-frontend-${env}`,
        `canalco-lambda-code-${env}`,
        `canalco-logs-${env}`,
      ]);
      const glacier = all(j, 'aws_s3_bucket_lifecycle_configuration').flatMap((l) => l.rule as Res[]).filter((r) => r.id === 'archive-to-glacier');
      expect(glacier).toHaveLength(4);
      for (const r of glacier) expect(r.transition).toEqual([{ days: 365, storage_class: 'GLACIER' }]);
      expect(all(j, 'aws_s3_bucket_logging')).toHaveLength(6);
      const cors = all(j, 'aws_s3_bucket_cors_configuration').map((c) => (c.cors_rule as Res[])[0].allowed_origins);
      expect(cors).toEqual([[`https://app.${config.dns.domain}`], [`https://app.${config.dns.domain}`], [`https://app.${config.dns.domain}`]]);
    });

    test('four Python ≥ 3.11 Lambda functions with their triggers, and every queue has a dead-letter queue', () => {
      const j = json(env);
      const fns = all(j, 'aws_lambda_function');
      expect(fns.map((f) => f.function_name).sort()).toEqual([`canalco-audit-${env}`, `canalco-cleanup-${env}`, `canalco-notifications-${env}`, `canalco-reports-${env}`]);
      for (const f of fns) {
        expect(Number(/^python3\.(\d+)$/.exec(f.runtime as string)![1])).toBeGreaterThanOrEqual(11);
        expect(f.tracing_config).toEqual({ mode: 'Active' });
        expect(f.dead_letter_config).toBeDefined();
      }
      const fnId = (name: string) => Object.entries(j.resource.aws_lambda_function).find(([, f]) => f.function_name === name)![0];
      // every trigger invokes the function's `live` alias, which follows the newest published version
      const aliasOf = (name: string) => {
        const [id, alias] = Object.entries(j.resource.aws_lambda_alias).find(([, a]) => a.function_name === `\${aws_lambda_function.${fnId(name)}.function_name}`)!;
        expect(alias).toMatchObject({ name: 'live', function_version: `\${aws_lambda_function.${fnId(name)}.version}` });
        return `\${aws_lambda_alias.${id}.arn}`;
      };
      expect(all(j, 'aws_lambda_alias')).toHaveLength(4);
      const rules = all(j, 'aws_cloudwatch_event_target').map((t) => t.arn);
      expect(rules.sort()).toEqual([aliasOf(`canalco-cleanup-${env}`), aliasOf(`canalco-notifications-${env}`)].sort());
      expect(all(j, 'aws_sns_topic_subscription').filter((s) => s.protocol === 'lambda').map((s) => s.endpoint)).toEqual([aliasOf(`canalco-notifications-${env}`)]);
      for (const p of all(j, 'aws_lambda_permission')) expect(p.qualifier).toMatch(/^\$\{aws_lambda_alias\.[A-Za-z_0-9]+\.name\}$/);
      const queueId = (name: string) => Object.entries(j.resource.aws_sqs_queue).find(([, q]) => q.name === name)![0];
      const mappings = all(j, 'aws_lambda_event_source_mapping').map((m) => [m.event_source_arn, m.function_name]);
      expect(mappings).toEqual([
        [`\${aws_sqs_queue.${queueId(`canalco-auditoria-${env}`)}.arn}`, aliasOf(`canalco-audit-${env}`)],
        [`\${aws_sqs_queue.${queueId(`canalco-reportes-${env}`)}.arn}`, aliasOf(`canalco-reports-${env}`)],
      ]);
      const queues = all(j, 'aws_sqs_queue');
      const work = queues.filter((q) => !(q.name as string).endsWith('-dlq'));
      expect(work.map((q) => q.name)).toEqual([`canalco-auditoria-${env}`, `canalco-reportes-${env}`]);
      for (const q of work) expect(JSON.parse(q.redrive_policy as string).deadLetterTargetArn).toBe(`\${aws_sqs_queue.${queueId(`${q.name}-dlq`)}.arn}`);
      for (const q of queues) expect(q.kms_master_key_id).toMatch(/aws_kms_key\./);
    });

    test('SQS-triggered functions: the poller is capped inside the reservation (no batch throttled into the DLQ)', () => {
      const j = json(env);
      const fnByName = (name: string) => all(j, 'aws_lambda_function').find((f) => f.function_name === name)!;
      const expected = { dev: { audit: [2, 2], reports: [3, 2] }, staging: { audit: [5, 5], reports: [3, 2] }, prod: { audit: [5, 5], reports: [3, 2] } }[env];
      const mappings = all(j, 'aws_lambda_event_source_mapping');
      for (const [i, name] of (['audit', 'reports'] as const).entries()) {
        const [reserved, max] = expected[name];
        expect(fnByName(`canalco-${name}-${env}`).reserved_concurrent_executions).toBe(reserved);
        expect(mappings[i].scaling_config).toEqual({ maximum_concurrency: max });
        expect(max).toBeLessThanOrEqual(reserved);
      }
    });

    test('Lambda code versioned in S3: each function runs a pinned version of its zip in the KMS-encrypted code bucket, publishes versions', () => {
      const j = json(env);
      const bucketId = Object.entries(j.resource.aws_s3_bucket).find(([, b]) => b.bucket === `canalco-lambda-code-${env}`)![0];
      const versioning = all(j, 'aws_s3_bucket_versioning').find((v) => v.bucket === `\${aws_s3_bucket.${bucketId}.id}`)!;
      expect(versioning.versioning_configuration).toEqual({ status: 'Enabled' });
      const sse = all(j, 'aws_s3_bucket_server_side_encryption_configuration').find((v) => v.bucket === `\${aws_s3_bucket.${bucketId}.id}`)!;
      expect((sse.rule as Res[])[0]).toMatchObject({ apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms' } });
      expect(j.resource.aws_s3_bucket[bucketId].lifecycle).toEqual(env === 'prod' ? { prevent_destroy: true } : undefined);
      const objects = j.resource.aws_s3_object;
      expect(Object.values(objects).map((o) => o.key).sort()).toEqual(['audit', 'cleanup', 'notifications', 'reports'].map((f) => `canalco-${f}-${env}/function.zip`));
      for (const f of all(j, 'aws_lambda_function')) {
        const [objectId, object] = Object.entries(objects).find(([, o]) => o.key === `${f.function_name}/function.zip`)!;
        expect(object).toMatchObject({ bucket: `\${aws_s3_bucket.${bucketId}.bucket}`, server_side_encryption: 'aws:kms', kms_key_id: expect.stringContaining('aws_kms_key.') });
        expect(f).toMatchObject({ s3_bucket: `\${aws_s3_object.${objectId}.bucket}`, s3_key: `\${aws_s3_object.${objectId}.key}`, s3_object_version: `\${aws_s3_object.${objectId}.version_id}`, publish: true });
        expect(f.filename).toBeUndefined();
      }
    });

    test('the cleanup function reaches the database: its own group in the private subnets, the DB endpoint and the master secret', () => {
      const j = json(env);
      const sgId = (name: string) => Object.entries(j.resource.aws_security_group).find(([, g]) => g.name === name)![0];
      const cleanup = all(j, 'aws_lambda_function').find((f) => f.function_name === `canalco-cleanup-${env}`)!;
      expect(cleanup.vpc_config).toEqual({
        subnet_ids: expect.arrayContaining([expect.stringMatching(/aws_subnet\.Vpc_PrivateSubnet1_/)]),
        security_group_ids: [`\${aws_security_group.${sgId(`canalco-cleanup-sg-${env}`)}.id}`],
      });
      expect((cleanup.vpc_config as { subnet_ids: string[] }).subnet_ids).toHaveLength(multiAz ? 2 : 1);
      expect((cleanup.environment as { variables: Res }).variables).toMatchObject({
        DB_HOST: expect.stringContaining('aws_db_instance.'),
        DB_PORT: '5432',
        DB_NAME: 'canalco',
        DB_SECRET_ARN: expect.stringContaining('master_user_secret'),
      });
      const roleId = Object.entries(j.resource.aws_iam_role).find(([, r]) => r.name === `canalco-cleanup-${env}-role`)![0];
      const policy = JSON.parse(all(j, 'aws_iam_role_policy').find((p) => p.role === `\${aws_iam_role.${roleId}.id}` || p.role === `\${aws_iam_role.${roleId}.name}`)!.policy as string);
      expect(policy.Statement).toEqual(expect.arrayContaining([expect.objectContaining({ Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], Resource: expect.stringContaining('master_user_secret') })]));
      // the other functions stay without a path to the database
      for (const name of ['audit', 'notifications', 'reports']) {
        const f = all(j, 'aws_lambda_function').find((x) => x.function_name === `canalco-${name}-${env}`)!;
        expect((f.vpc_config as { security_group_ids: string[] }).security_group_ids).toEqual([`\${aws_security_group.${sgId(`canalco-lambda-sg-${env}`)}.id}`]);
      }
    });

    test('SES domain identity with DKIM and a configuration set; the seed\'s five kinds of e-mail as templates', () => {
      const j = json(env);
      expect(synth(env)).toHaveResourceWithProperties(Sesv2EmailIdentity, { email_identity: config.dns.domain, dkim_signing_attributes: { next_signing_key_length: 'RSA_2048_BIT' } });
      expect(all(j, 'aws_sesv2_configuration_set').map((c) => c.configuration_set_name)).toEqual([`canalco-${env}`]);
      expect(all(j, 'aws_ses_template').map((t) => t.name).sort()).toEqual(['requisicion', 'aprobacion', 'orden-confirmada', 'reporte', 'alerta-sistema'].map((k) => `canalco-${k}-${env}`).sort());
    });

    test('frontend on CloudFront with the certificate in us-east-1 and the API behind /api/*; WAF on CloudFront and the ALB', () => {
      const out = synth(env);
      expect(out).toHaveResourceWithProperties(CloudfrontDistribution, {
        aliases: [`app.${config.dns.domain}`],
        default_root_object: 'index.html',
        viewer_certificate: expect.objectContaining({ minimum_protocol_version: 'TLSv1.2_2021' }),
        ordered_cache_behavior: [expect.objectContaining({ path_pattern: '/api/*', target_origin_id: 'api' })],
        web_acl_id: expect.stringContaining('aws_wafv2_web_acl.'),
      });
      const certs = all(json(env), 'aws_acm_certificate').map((c) => [c.domain_name, c.region]);
      expect(certs).toEqual(expect.arrayContaining([[`api.${config.dns.domain}`, undefined], [`app.${config.dns.domain}`, 'us-east-1']]));
      expect(out).toHaveResourceWithProperties(Wafv2WebAclAssociation, { resource_arn: expect.stringContaining('aws_lb.') });
      // the ALB only sees CloudFront edges: its rate limit counts the forwarded client address; CloudFront's the source IP
      const acls = Object.fromEntries(all(json(env), 'aws_wafv2_web_acl').map((a) => [a.scope, (a.rule as Res[]).find((r) => r.name === 'rate-limit-per-ip')!.statement]));
      expect(acls.REGIONAL).toEqual({
        rate_based_statement: { limit: 2000, evaluation_window_sec: 300, aggregate_key_type: 'FORWARDED_IP', forwarded_ip_config: { header_name: 'X-Forwarded-For', fallback_behavior: 'MATCH' } },
      });
      expect(acls.CLOUDFRONT).toEqual({ rate_based_statement: { limit: 2000, evaluation_window_sec: 300, aggregate_key_type: 'IP' } });
    });

    test('its own Route 53 zone: both certificates DNS-validated there (the CloudFront one in us-east-1), HTTPS and CloudFront use the issued ARNs, app./api. aliases, SES records, name servers output', () => {
      const j = json(env);
      const [zoneKey, zone] = Object.entries(j.resource.aws_route53_zone)[0];
      expect(Object.keys(j.resource.aws_route53_zone)).toHaveLength(1);
      expect(zone).toMatchObject({ name: config.dns.domain, force_destroy: env !== 'prod' });
      expect(zone.lifecycle).toEqual(env === 'prod' ? { prevent_destroy: true } : undefined);
      const zoneId = `\${aws_route53_zone.${zoneKey}.zone_id}`;
      const records = all(j, 'aws_route53_record');
      expect(records.every((r) => r.zone_id === zoneId)).toBe(true);
      expect(records.filter((r) => String(r.for_each).includes('domain_validation_options'))).toHaveLength(2);
      const validations = Object.entries(j.resource.aws_acm_certificate_validation);
      expect(validations.map(([, v]) => v.region).sort()).toEqual(['us-east-1', undefined].sort());
      const issued = (region: string | undefined) => `\${aws_acm_certificate_validation.${validations.find(([, v]) => v.region === region)![0]}.certificate_arn}`;
      expect(all(j, 'aws_lb_listener').find((l) => l.port === 443)).toMatchObject({ certificate_arn: issued(undefined) });
      expect((all(j, 'aws_cloudfront_distribution')[0].viewer_certificate as Res).acm_certificate_arn).toBe(issued('us-east-1'));
      const d = config.dns.domain;
      const named = records.filter((r) => !r.for_each).map((r) => `${r.type} ${String(r.name).replace(/^\$\{element\([^}]+\)\}/, '<token>')}`);
      expect(named.sort()).toEqual(
        [`A api.${d}`, `A app.${d}`, `AAAA app.${d}`, ...[1, 2, 3].map(() => `CNAME <token>._domainkey.${d}`), `MX mail.${d}`, `TXT mail.${d}`, `TXT _dmarc.${d}`].sort(),
      );
      expect(records.find((r) => r.type === 'TXT' && r.name === `mail.${d}`)).toMatchObject({ records: ['v=spf1 include:amazonses.com ~all'] });
      expect(records.find((r) => r.name === `_dmarc.${d}`)).toMatchObject({ records: [`v=DMARC1; p=${config.email.dmarcPolicy}; adkim=s; aspf=r`] });
      const out = (JSON.parse(synth(env)) as { output: Record<string, { value: unknown }> }).output;
      expect(out.name_servers.value).toBe(`\${aws_route53_zone.${zoneKey}.name_servers}`);
      expect(out.certificate_validation_records).toBeUndefined();
    });

    test('the provider only acts on the configured (placeholder) account', () => {
      expect((JSON.parse(synth(env)) as { provider: { aws: { allowed_account_ids?: string[] }[] } }).provider.aws[0].allowed_account_ids).toEqual(config.allowedAccountIds);
      expect(config.allowedAccountIds).toEqual([{ dev: '333333333333', staging: '222222222222', prod: '111111111111' }[env]]);
    });

    test('the seed\'s alarms and a dashboard with its views', () => {
      const j = json(env);
      const alarms = all(j, 'aws_cloudwatch_metric_alarm');
      const find = (metric: string) => alarms.filter((a) => a.metric_name === metric);
      expect(find('CPUUtilization').find((a) => a.comparison_operator === 'GreaterThanThreshold')).toMatchObject({ threshold: 80, alarm_actions: expect.arrayContaining([expect.stringContaining('aws_autoscaling_policy.')]) });
      expect(find('HTTPCode_Target_5XX_Count')[0]).toMatchObject({ threshold: 10, alarm_actions: [expect.stringContaining('aws_sns_topic.')] });
      expect(find('disk_used_percent')[0]).toMatchObject({ namespace: 'CWAgent', threshold: 85 });
      expect(find('FreeStorageSpace')[0]).toMatchObject({ comparison_operator: 'LessThanThreshold' });
      expect(find('DatabaseConnections')[0]).toMatchObject({ threshold: Math.floor(config.database.maxConnections * 0.8) });
      expect(find('Errors')).toHaveLength(4);
      expect(find('ApproximateNumberOfMessagesVisible')).toHaveLength(6);
      expect(synth(env)).toHaveResourceWithProperties(CloudwatchMetricAlarm, { metric_name: 'Reputation.BounceRate' });
      const body = JSON.parse(all(j, 'aws_cloudwatch_dashboard')[0].dashboard_body as string) as { widgets: { type: string; properties: { markdown?: string } }[] };
      const headers = body.widgets.filter((w) => w.type === 'text').map((w) => w.properties.markdown!.split('\n')[0]);
      expect(headers).toEqual(['## Vista general del sistema', '## Base de datos', '## Estado de servicios', '## Métricas de negocio', '## Costos y uso']);
    });

    test('no secret literal anywhere', () => {
      const out = synth(env);
      expect(out).not.toMatch(/"(master_)?password"\s*:/);
      expect(out).not.toMatch(/"secret_string"\s*:\s*"(?!\$\{)/);
      expect(out).not.toMatch(/"(user_data)"\s*:\s*"[^"]*(PASSWORD|SECRET_KEY)=/);
    });

    test('snapshot', () => {
      expect(synth(env)).toMatchSnapshot();
    });
  });

  test('an optional read replica by configuration', () => {
    const config = merge(canalcoConfig('prod'), { database: { readReplicas: 1 } });
    const out = JSON.parse(Testing.synth(new CanalcoStack(Testing.app(), 'canalco-prod', 'prod', config)));
    const replicas = Object.values(out.resource.aws_db_instance as Record<string, Res>).filter((d) => d.replicate_source_db);
    expect(replicas).toHaveLength(1);
    expect(replicas[0]).toMatchObject({ identifier: 'canalco-db-prod-replica-1' });
  });

  test('an existing zone is looked up by name (or id) and every record goes there', () => {
    const config: CanalcoConfig = merge(canalcoConfig('dev'), { dns: { zone: { mode: 'lookup', name: 'canalco.example.com', hostedZoneId: 'Z0123456789ABC' } } });
    const out = JSON.parse(Testing.synth(new CanalcoStack(Testing.app(), 'canalco-dev', 'dev', config)));
    expect(out.resource.aws_route53_zone).toBeUndefined();
    const [key, data] = Object.entries(out.data.aws_route53_zone as Record<string, Res>)[0];
    expect(data).toMatchObject({ zone_id: 'Z0123456789ABC', private_zone: false });
    const records = Object.values(out.resource.aws_route53_record as Record<string, Res>);
    expect(records.length).toBe(11);
    expect(records.every((r) => r.zone_id === `\${data.aws_route53_zone.${key}.zone_id}`)).toBe(true);
    expect(Object.keys(out.resource.aws_acm_certificate_validation)).toHaveLength(2);
    expect(out.output.name_servers).toBeUndefined();
  });

  test("unmanaged DNS: certificates with manual validation, no records, and the ACM and SES records as outputs", () => {
    const config: CanalcoConfig = merge(canalcoConfig('dev'), { dns: { zone: { mode: 'unmanaged' } } });
    const out = JSON.parse(Testing.synth(new CanalcoStack(Testing.app(), 'canalco-dev', 'dev', config), true));
    expect(out.resource.aws_route53_record).toBeUndefined();
    expect(out.resource.aws_acm_certificate_validation).toBeUndefined();
    expect(Object.keys(out.output.certificate_validation_records.value)).toEqual(['api', 'app']);
    expect((out.output.ses_dns_records.value as Res[]).map((r) => `${r.type} ${r.name}`).slice(3)).toEqual(['MX mail.dev.canalco.example.com', 'TXT mail.dev.canalco.example.com', 'TXT _dmarc.dev.canalco.example.com']);
  });

  test('a zone that does not hold the domain fails synth', () => {
    const config: CanalcoConfig = merge(canalcoConfig('dev'), { dns: { zone: { mode: 'lookup', name: 'other.example.com' } } });
    expectValidationError(() => new CanalcoStack(Testing.app(), 'canalco-dev', 'dev', config), 'canalco-dev/ApiCertificate: every name must lie in the hosted zone other.example.com (got "api.dev.canalco.example.com")');
  });

  test('bad configuration fails with its field path', () => {
    const prod = CANALCO_ENVIRONMENTS.prod as CanalcoConfig;
    const load = (override: object) => loadConfig('canalco', canalcoSchema, { prod: merge(prod, override as never) }, 'prod');
    expect(() => load({ database: { backupRetentionDays: 45 } })).toThrow('canalco.prod.database.backupRetentionDays: Too big: expected number to be <=30');
    expect(() => load({ database: { engineVersion: '16' } })).toThrow('canalco.prod.database.engineVersion: must be PostgreSQL 15 (the seed)');
    expect(() => load({ lambda: { runtime: 'python3.9' } })).toThrow('canalco.prod.lambda.runtime: must be python3.11 or newer');
    expect(() => load({ lambda: { reports: { reservedConcurrency: 2, maxConcurrency: 3 } } })).toThrow(
      'canalco.prod.lambda.reports: maxConcurrency must not exceed reservedConcurrency (the excess batches are throttled into the dead-letter queue)',
    );
    expect(() => load({ lambda: { audit: { maxConcurrency: 1 } } })).toThrow('canalco.prod.lambda.audit.maxConcurrency: Too small: expected number to be >=2');
    expect(() => load({ compute: { minSize: 5, maxSize: 3 } })).toThrow('canalco.prod.compute: minSize ≤ desiredCapacity ≤ maxSize must hold');
    expect(() => load({ network: { publicSubnets: ['10.0.1.0/24', '10.0.2.1/24'] } })).toThrow('canalco.prod.network.publicSubnets.1: must be an IPv4 CIDR block');
    expect(() => load({ region: 'eu-west-1' })).toThrow('canalco.prod.region: security.waf needs region us-east-1 (the CloudFront web ACL lives there)');
    expect(() => canalcoConfig('qa')).toThrow('canalco: unknown environment "qa" (expected one of dev, staging, prod)');
  });

  test('construct rules still apply to configured values (ASG min > max, S3 bucket names)', () => {
    const bad = { ...canalcoConfig('dev'), compute: { ...canalcoConfig('dev').compute, minSize: 3, maxSize: 2, desiredCapacity: 2 } };
    expectValidationError(() => new CanalcoStack(Testing.app(), 'canalco-dev', 'dev', bad), 'canalco-dev/BackendAsg: minSize must not exceed maxSize (got {"minSize":3,"maxSize":2})');
    expectValidationError(() => new CanalcoStack(Testing.app(), 'canalco-dev', 'Dev_Env', canalcoConfig('dev')), 
      'canalco-dev/Logs: bucketName may contain only lowercase letters, digits, dots and hyphens, and must start and end with a letter or digit (got "canalco-logs-dev_env")',
    );
  });
});
