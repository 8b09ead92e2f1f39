import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import { DbParameterGroup } from '@cdktf/provider-aws/lib/db-parameter-group';
import { DbSubnetGroup } from '@cdktf/provider-aws/lib/db-subnet-group';
import { ElasticacheReplicationGroup } from '@cdktf/provider-aws/lib/elasticache-replication-group';
import { ElasticacheSubnetGroup } from '@cdktf/provider-aws/lib/elasticache-subnet-group';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Password } from '@cdktf/provider-random/lib/password';
import { TerraformOutput, Testing } from 'cdktf';
import { PostgresDatabase, PostgresDatabaseProps, RedisCache, RedisCacheProps } from '../../lib/aws/database';
import { GeneratedSecret, GeneratedSecretProps, secretValueFrom } from '../../lib/aws/security/generated-secret';
import { SecurityGroup } from '../../lib/aws/network';
import { AwsStack } from '../../lib/aws/aws-stack';
import { expectValidationError } from '../helpers';

const newStack = () => new AwsStack(Testing.app(), 'test', { architecture: 't', environment: 'prod', region: 'us-east-1', backend: { type: 'local' } });
const KEY = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const subnets = { ids: ['subnet-a', 'subnet-b'], azs: ['us-east-1a', 'us-east-1b'] };
type Json = { resource: Record<string, Record<string, Record<string, unknown>>> };
const resources = (json: Json, type: string) => Object.values(json.resource[type] ?? {});

describe('PostgresDatabase', () => {
  const base: PostgresDatabaseProps = { identifier: 'prod-stockwiz-db', vpcId: 'vpc-1', subnets };
  const build = (props: Partial<PostgresDatabaseProps> = {}) => {
    const stack = newStack();
    const db = new PostgresDatabase(stack, 'Db', { ...base, ...props });
    return { stack, db, out: Testing.synth(stack) };
  };

  test('private, encrypted, TLS only, managed password, IAM auth, logs, Performance Insights, monitoring', () => {
    const { out, db, stack } = build({ kmsKeyArn: KEY, databaseName: 'microservices_db', multiAz: true });
    expect(out).toHaveResourceWithProperties(DbInstance, {
      identifier: 'prod-stockwiz-db',
      engine: 'postgres',
      engine_version: '17',
      instance_class: 'db.t4g.medium',
      db_name: 'microservices_db',
      username: 'dbadmin',
      manage_master_user_password: true,
      master_user_secret_kms_key_id: KEY,
      publicly_accessible: false,
      storage_encrypted: true,
      kms_key_id: KEY,
      storage_type: 'gp3',
      allocated_storage: 20,
      max_allocated_storage: 100,
      multi_az: true,
      backup_retention_period: 7,
      deletion_protection: true,
      skip_final_snapshot: false,
      final_snapshot_identifier: 'prod-stockwiz-db-final',
      iam_database_authentication_enabled: true,
      auto_minor_version_upgrade: true,
      copy_tags_to_snapshot: true,
      ca_cert_identifier: 'rds-ca-rsa2048-g1',
      performance_insights_enabled: true,
      performance_insights_kms_key_id: KEY,
      performance_insights_retention_period: 7,
      monitoring_interval: 60,
      monitoring_role_arn: expect.stringMatching(/aws_iam_role\.Db_MonitoringRole_/),
      enabled_cloudwatch_logs_exports: ['postgresql', 'upgrade'],
      db_subnet_group_name: expect.stringMatching(/aws_db_subnet_group\.Db_SubnetGroup_/),
      parameter_group_name: expect.stringMatching(/aws_db_parameter_group\.Db_ParameterGroup_/),
    });
    expect(out).not.toHaveResourceWithProperties(DbInstance, { password: expect.anything() });
    expect(out).toHaveResourceWithProperties(DbSubnetGroup, { name: 'prod-stockwiz-db-subnets', subnet_ids: ['subnet-a', 'subnet-b'] });
    expect(out).toHaveResourceWithProperties(DbParameterGroup, {
      family: 'postgres17',
      parameter: [
        { name: 'log_connections', value: '1', apply_method: 'immediate' },
        { name: 'log_disconnections', value: '1', apply_method: 'immediate' },
        { name: 'log_min_duration_statement', value: '1000', apply_method: 'immediate' },
        { name: 'log_statement', value: 'ddl', apply_method: 'immediate' },
        { name: 'rds.force_ssl', value: '1', apply_method: 'immediate' },
      ],
    });
    expect(out).toHaveResourceWithProperties(CloudwatchLogGroup, { name: '/aws/rds/instance/prod-stockwiz-db/postgresql', retention_in_days: 365, kms_key_id: KEY });
    expect(out).toHaveResourceWithProperties(IamRolePolicyAttachment, { policy_arn: 'arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole' });
    new TerraformOutput(stack, 'secret', { value: db.masterSecretArn });
    expect(JSON.parse(Testing.synth(stack)).output.secret.value).toMatch(/^\$\{aws_db_instance\.Db_[0-9A-F]+\.master_user_secret\[0\]\.secret_arn\}$/);
    expect(db.masterSecret('password')).toEqual({ secretArn: db.masterSecretArn, jsonKey: 'password', kmsKeyArn: KEY });
    expect(secretValueFrom(db.masterSecret('password'))).toBe(`${db.masterSecretArn}:password::`);
  });

  test('Canalco: PostgreSQL 15, db.t3.medium, 30-day backups, a read replica', () => {
    const { out, stack } = build({ engineVersion: '15', instanceClass: 'db.t3.medium', backupRetentionDays: 30, readReplicas: 1 });
    expect(out).toHaveResourceWithProperties(DbInstance, { identifier: 'prod-stockwiz-db', engine_version: '15', instance_class: 'db.t3.medium', backup_retention_period: 30 });
    expect(out).toHaveResourceWithProperties(DbParameterGroup, { family: 'postgres15' });
    expect(out).toHaveResourceWithProperties(DbInstance, {
      identifier: 'prod-stockwiz-db-replica-1',
      replicate_source_db: expect.stringMatching(/aws_db_instance\.Db_[0-9A-F]+\.identifier/),
      backup_retention_period: 0,
      publicly_accessible: false,
      storage_encrypted: true,
      iam_database_authentication_enabled: true,
    });
    expect(resources(JSON.parse(Testing.synth(stack)), 'aws_db_instance')).toHaveLength(2);
  });

  test('allowConnectionsFrom opens the port from the client group only', () => {
    const stack = newStack();
    const app = new SecurityGroup(stack, 'App', { vpcId: 'vpc-1', name: 'app' });
    new PostgresDatabase(stack, 'Db', base).allowConnectionsFrom(app);
    expect(Testing.synth(stack)).toHaveResourceWithProperties(VpcSecurityGroupIngressRule, {
      from_port: 5432,
      to_port: 5432,
      referenced_security_group_id: expect.stringMatching(/aws_security_group\.App_/),
    });
  });

  test('monitoring and Performance Insights can be turned off; no final snapshot when asked', () => {
    const { out } = build({ monitoringIntervalSeconds: 0, performanceInsightsRetentionDays: 0, finalSnapshot: false, deletionProtection: false });
    expect(out).toHaveResourceWithProperties(DbInstance, { monitoring_interval: 0, performance_insights_enabled: false, skip_final_snapshot: true, deletion_protection: false });
    expect(out).not.toHaveResource(IamRolePolicyAttachment);
  });

  test.each([
    [{ identifier: 'Prod_DB' }, 'test/Db: identifier must be 1-63 lowercase letters, digits and hyphens, start with a letter, and have no trailing or double hyphen (got "Prod_DB")'],
    [{ subnets: { ids: ['subnet-a'], azs: ['us-east-1a'] } }, 'test/Db: a DB subnet group needs at least two subnets (got ["subnet-a"])'],
    [{ subnets: { ids: ['subnet-a', 'subnet-b'], azs: ['us-east-1a', 'us-east-1a'] } }, 'test/Db: a DB subnet group needs subnets in at least two availability zones (got ["us-east-1a","us-east-1a"])'],
    [{ engineVersion: '9.6' }, 'test/Db: engineVersion must be a PostgreSQL major or major.minor version from 13 on, such as "16" or "16.4" (got "9.6")'],
    [{ backupRetentionDays: 36 }, 'test/Db: backupRetentionDays must be an integer between 0 and 35 (got 36)'],
    [{ backupRetentionDays: -1 }, 'test/Db: backupRetentionDays must be an integer between 0 and 35 (got -1)'],
    [{ readReplicas: 1, backupRetentionDays: 0 }, 'test/Db: read replicas need automated backups (backupRetentionDays of at least 1) (got 0)'],
    [{ readReplicas: 16 }, 'test/Db: readReplicas must be an integer between 0 and 15 (got 16)'],
    [{ allocatedStorageGiB: 10 }, 'test/Db: allocatedStorageGiB must be an integer between 20 and 65536 (got 10)'],
    [{ allocatedStorageGiB: 100, maxAllocatedStorageGiB: 50 }, 'test/Db: maxAllocatedStorageGiB must be an integer not below allocatedStorageGiB and at most 65536 (got 50)'],
    [{ port: 80 }, 'test/Db: port must be an integer between 1150 and 65535 (got 80)'],
    [{ masterUsername: 'admin' }, 'test/Db: masterUsername must be 1-16 letters, digits and underscores, start with a letter, and not be a reserved name (admin, rdsadmin, rdsrepladmin, rds_superuser, postgres_fdw, public) (got "admin")'],
    [{ databaseName: '1db' }, 'test/Db: databaseName must be 1-63 letters, digits and underscores and start with a letter (got "1db")'],
    [{ monitoringIntervalSeconds: 20 }, 'test/Db: monitoringIntervalSeconds must be one of 0, 1, 5, 10, 15, 30, 60 (got 20)'],
    [{ performanceInsightsRetentionDays: 30 }, 'test/Db: performanceInsightsRetentionDays must be 0, 7, or a multiple of 31 up to 731 (got 30)'],
    [{ parameters: { 'rds.force_ssl': '0' } }, 'test/Db: parameters must not turn off rds.force_ssl (got "0")'],
  ])('rejects %j', (props, message) => {
    expectValidationError(() => build(props as Partial<PostgresDatabaseProps>), message);
  });

  describe('port boundaries (1150-65535, PostgreSQL on RDS)', () => {
    test.each([1150, 5432, 65535])('accepts %d and opens it as the default port', (port) => {
      const { out, db } = build({ port });
      expect(out).toHaveResourceWithProperties(DbInstance, { port });
      expect(db.connections.defaultPort?.from).toBe(port);
    });
    test.each([1149, 0, -1, 5432.5, 65536])('rejects %d', (port) => {
      expectValidationError(() => build({ port }), `test/Db: port must be an integer between 1150 and 65535 (got ${port})`);
    });
  });
});

describe('RedisCache', () => {
  const base: RedisCacheProps = { replicationGroupId: 'prod-stockwiz-redis', vpcId: 'vpc-1', subnets };
  const build = (props: Partial<RedisCacheProps> = {}) => {
    const stack = newStack();
    const cache = new RedisCache(stack, 'Cache', { ...base, ...props });
    return { stack, cache, out: Testing.synth(stack) };
  };

  test('encrypted at rest with KMS and in transit, AUTH token from Secrets Manager, Multi-AZ failover with two nodes', () => {
    const { out, cache } = build({ kmsKeyArn: KEY });
    expect(out).toHaveResourceWithProperties(ElasticacheReplicationGroup, {
      replication_group_id: 'prod-stockwiz-redis',
      engine: 'redis',
      engine_version: '7.1',
      node_type: 'cache.t4g.small',
      num_cache_clusters: 2,
      port: 6379,
      multi_az_enabled: true,
      automatic_failover_enabled: true,
      at_rest_encryption_enabled: 'true',
      kms_key_id: KEY,
      transit_encryption_enabled: true,
      transit_encryption_mode: 'required',
      auth_token: expect.stringMatching(/^\$\{random_password\.Cache_AuthToken_Value_[0-9A-F]+\.result\}$/),
      snapshot_retention_limit: 7,
      subnet_group_name: expect.stringMatching(/aws_elasticache_subnet_group\.Cache_SubnetGroup_/),
    });
    expect(out).toHaveResourceWithProperties(ElasticacheSubnetGroup, { name: 'prod-stockwiz-redis-subnets', subnet_ids: ['subnet-a', 'subnet-b'] });
    expect(out).toHaveResourceWithProperties(SecretsmanagerSecret, { name: 'prod-stockwiz-redis/auth-token', kms_key_id: KEY });
    expect(out).toHaveResourceWithProperties(CloudwatchLogGroup, { name: '/aws/elasticache/prod-stockwiz-redis/slow-log' });
    expect(cache.authSecret()).toEqual({ secretArn: cache.authToken.secretArn, kmsKeyArn: KEY });
  });

  test('a single node has no Multi-AZ or failover', () => {
    const { out } = build({ nodes: 1, subnets: { ids: ['subnet-a'], azs: ['us-east-1a'] } });
    expect(out).toHaveResourceWithProperties(ElasticacheReplicationGroup, { num_cache_clusters: 1, multi_az_enabled: false, automatic_failover_enabled: false });
  });

  test.each([
    [{ replicationGroupId: 'prod-stockwiz-redis-cache-with-a-very-long-id' }, 'test/Cache: replicationGroupId must be 1-40 lowercase letters, digits and hyphens, start with a letter, and have no trailing or double hyphen (got "prod-stockwiz-redis-cache-with-a-very-long-id")'],
    [{ nodes: 7 }, 'test/Cache: nodes must be an integer between 1 and 6 (got 7)'],
    [{ nodes: 1, subnets: { ids: [], azs: [] } }, 'test/Cache: a cache subnet group needs at least one subnet (got [])'],
    [{ subnets: { ids: ['subnet-a'], azs: ['us-east-1a'] } }, 'test/Cache: Multi-AZ (two or more nodes) needs subnets in at least two availability zones (got ["us-east-1a"])'],
    [{ snapshotRetentionDays: 40 }, 'test/Cache: snapshotRetentionDays must be an integer between 0 and 35 (got 40)'],
    [{ port: 0 }, 'test/Cache: port must be an integer between 1 and 65535 (got 0)'],
    [{ engineVersion: '5.0' }, 'test/Cache: engineVersion must be a Redis OSS version from 6.2 on, such as "7.1" (got "5.0")'],
  ])('rejects %j', (props, message) => {
    expectValidationError(() => build(props as Partial<RedisCacheProps>), message);
  });

  describe('port boundaries (1-65535)', () => {
    test.each([1, 6379, 65535])('accepts %d', (port) => {
      const { out, cache } = build({ port });
      expect(out).toHaveResourceWithProperties(ElasticacheReplicationGroup, { port });
      expect(cache.connections.defaultPort?.from).toBe(port);
    });
    test.each([0, -1, 6379.5, 65536])('rejects %d', (port) => {
      expectValidationError(() => build({ port }), `test/Cache: port must be an integer between 1 and 65535 (got ${port})`);
    });
  });
});

describe('GeneratedSecret', () => {
  test('generates the value with random_password; the secret holds a reference, never a literal', () => {
    const stack = newStack();
    const s = new GeneratedSecret(stack, 'Secret', { name: 'dev/stockwiz/postgres-password', kmsKeyArn: KEY });
    const out = Testing.synth(stack);
    expect(out).toHaveResourceWithProperties(Password, { length: 32, special: false });
    expect(out).toHaveResourceWithProperties(SecretsmanagerSecret, { name: 'dev/stockwiz/postgres-password', kms_key_id: KEY, recovery_window_in_days: 30 });
    const version = Object.values(JSON.parse(out).resource.aws_secretsmanager_secret_version)[0] as { secret_string: string };
    expect(version.secret_string).toMatch(/^\$\{random_password\.Secret_Value_[0-9A-F]+\.result\}$/);
    expect(s.ref()).toEqual({ secretArn: s.secretArn, kmsKeyArn: KEY });
    expect(secretValueFrom(s.ref())).toBe(s.secretArn);
  });

  test.each([
    [{ name: 'bad name!' }, 'test/Secret: name must be 1-512 characters of letters, digits and /_+=.@- (got "bad name!")'],
    [{ length: 8 }, 'test/Secret: length must be an integer between 16 and 128 (got 8)'],
    [{ recoveryWindowDays: 3 }, 'test/Secret: recoveryWindowDays must be 0 or an integer between 7 and 30 (got 3)'],
  ])('rejects %j', (props, message) => {
    expectValidationError(() => new GeneratedSecret(newStack(), 'Secret', { name: 'x', ...(props as Partial<GeneratedSecretProps>) }), message);
  });
});
