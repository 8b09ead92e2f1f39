import { ElasticacheReplicationGroup } from '@cdktf/provider-aws/lib/elasticache-replication-group';
import { ElasticacheSubnetGroup } from '@cdktf/provider-aws/lib/elasticache-subnet-group';
import { Construct } from 'constructs';
import { intInRange, Rule, validateProps } from '../../core/validation';
import { LogGroup } from '../monitoring/log-group';
import { Connections, IConnectable } from '../network/connections';
import { Port, SecurityGroup } from '../network/security-group';
import { DatabaseSubnets } from './postgres-database';
import { dataTierDefault, Placed, resolveVpcPlacement, VpcPlacementProps } from '../network/vpc';
import { GeneratedSecret, SecretRef } from '../security/generated-secret';
import { requireProps } from '../../core/validation';

export interface RedisCacheProps extends VpcPlacementProps {
  /** Replication group id, e.g. `prod-stockwiz-redis` (1-40 lowercase letters, digits, hyphens; starts with a letter). */
  readonly replicationGroupId: string;
  /**
   * VPC of the cache; older form of `vpc`.
   * @default `vpc.vpcId`
   */
  readonly vpcId?: string;
  /**
   * Private subnets of the cache subnet group (two AZs or more for Multi-AZ); older form of `vpcSubnets`.
   * @default `vpc`'s isolated subnets, or its private subnets when it has no isolated ones
   */
  readonly subnets?: DatabaseSubnets;
  /**
   * Redis OSS engine version.
   * @default '7.1'
   */
  readonly engineVersion?: string;
  /**
   * Node type.
   * @default 'cache.t4g.small'
   */
  readonly nodeType?: string;
  /**
   * Nodes: one primary plus read replicas (1-6). With two or more, Multi-AZ and automatic failover are on.
   * @default 2
   */
  readonly nodes?: number;
  /**
   * TCP port.
   * @default 6379
   */
  readonly port?: number;
  /**
   * KMS key ARN for encryption at rest, the AUTH token secret and the log groups.
   * @default the AWS-managed `aws/elasticache` key (and `aws/secretsmanager` for the secret)
   */
  readonly kmsKeyArn?: string;
  /**
   * Name of the Secrets Manager secret holding the generated AUTH token.
   * @default `<replicationGroupId>/auth-token`
   */
  readonly authTokenSecretName?: string;
  /**
   * Days automatic snapshots are kept (0-35; 0 turns them off).
   * @default 7
   */
  readonly snapshotRetentionDays?: number;
  /**
   * Days the slow log and engine log are kept in CloudWatch Logs.
   * @default 365
   */
  readonly logRetentionDays?: number;
  /**
   * Security group of the cache. Allow clients with `allowConnectionsFrom`.
   * @default a new group with no rules
   */
  readonly securityGroup?: SecurityGroup;
  /**
   * Weekly maintenance window (UTC), e.g. `sun:05:00-sun:06:00`.
   * @default chosen by ElastiCache
   */
  readonly maintenanceWindow?: string;
}


const RULES: Rule<Placed<RedisCacheProps>>[] = [
  {
    rule: 'replicationGroupId must be 1-40 lowercase letters, digits and hyphens, start with a letter, and have no trailing or double hyphen',
    check: (p) => (/^[a-z](?!.*--)[a-z0-9-]{0,39}$/.test(p.replicationGroupId) && !p.replicationGroupId.endsWith('-') ? undefined : p.replicationGroupId),
  },
  { rule: 'nodes must be an integer between 1 and 6', check: (p) => (intInRange(p.nodes ?? 1, 1, 6) ? undefined : p.nodes) },
  { rule: 'a cache subnet group needs at least one subnet', check: (p) => (p.subnets.ids.length === 0 ? p.subnets.ids : undefined) },
  {
    rule: 'Multi-AZ (two or more nodes) needs subnets in at least two availability zones',
    check: (p) => ((p.nodes ?? 2) >= 2 && new Set(p.subnets.azs).size < 2 ? p.subnets.azs : undefined),
  },
  { rule: 'snapshotRetentionDays must be an integer between 0 and 35', check: (p) => (intInRange(p.snapshotRetentionDays ?? 0, 0, 35) ? undefined : p.snapshotRetentionDays) },
  { rule: 'port must be an integer between 1 and 65535', check: (p) => (intInRange(p.port ?? 1, 1, 65535) ? undefined : p.port) },
  {
    rule: 'engineVersion must be a Redis OSS version from 6.2 on, such as "7.1"',
    check: (p) => (p.engineVersion === undefined || (/^[67]\.\d+$/.test(p.engineVersion) && Number(p.engineVersion) >= 6.2) ? undefined : p.engineVersion),
  },
];

/**
 * ElastiCache for Redis OSS (a replication group) with secure defaults: in
 * private subnets behind its own security group, encrypted at rest with KMS
 * and in transit (TLS required), an AUTH token generated into Secrets Manager
 * (never in the configuration), Multi-AZ with automatic failover when there
 * are two nodes or more, daily snapshots, automatic minor upgrades, and slow /
 * engine logs to CloudWatch Logs.
 */
export class RedisCache extends Construct implements IConnectable {
  public readonly replicationGroup: ElasticacheReplicationGroup;
  public readonly securityGroup: SecurityGroup;
  /** Network rules of the instance: `db.connections.allowDefaultPortFrom(service)` opens its port to a client. */
  public readonly connections: Connections;
  public readonly authToken: GeneratedSecret;
  /** Host name of the primary (writes). */
  public readonly primaryEndpoint: string;
  /** Host name that spreads reads over the replicas. */
  public readonly readerEndpoint: string;
  public readonly port: number;
  public readonly arn: string;

  constructor(scope: Construct, id: string, given: RedisCacheProps) {
    super(scope, id);
    const props = resolveVpcPlacement(this, given, dataTierDefault);
    requireProps(this, props, ['replicationGroupId', 'vpcId', 'subnets']);
    validateProps(this, props, RULES);
    const name = props.replicationGroupId;
    const nodes = props.nodes ?? 2;
    this.port = props.port ?? 6379;
    this.securityGroup = props.securityGroup ?? new SecurityGroup(this, 'SecurityGroup', { vpcId: props.vpcId, name: `${name}-sg`, description: `${name} Redis` });
    this.connections = new Connections({ securityGroups: [this.securityGroup], defaultPort: Port.tcp(this.port) });
    const subnetGroup = new ElasticacheSubnetGroup(this, 'SubnetGroup', { name: `${name}-subnets`, description: `${name} private subnets`, subnetIds: props.subnets.ids });
    this.authToken = new GeneratedSecret(this, 'AuthToken', {
      name: props.authTokenSecretName ?? `${name}/auth-token`,
      description: `${name} Redis AUTH token`,
      kmsKeyArn: props.kmsKeyArn,
      length: 64,
    });
    const logs = (['slow-log', 'engine-log'] as const).map((t) => ({
      type: t,
      group: new LogGroup(this, `Logs-${t}`, { name: `/aws/elasticache/${name}/${t}`, retentionDays: props.logRetentionDays ?? 365, kmsKeyArn: props.kmsKeyArn }),
    }));

    this.replicationGroup = new ElasticacheReplicationGroup(this, 'Resource', {
      replicationGroupId: name,
      description: `${name} Redis`,
      engine: 'redis',
      engineVersion: props.engineVersion ?? '7.1',
      nodeType: props.nodeType ?? 'cache.t4g.small',
      numCacheClusters: nodes,
      port: this.port,
      subnetGroupName: subnetGroup.name,
      securityGroupIds: [this.securityGroup.securityGroupId],
      multiAzEnabled: nodes >= 2,
      automaticFailoverEnabled: nodes >= 2,
      atRestEncryptionEnabled: 'true',
      kmsKeyId: props.kmsKeyArn,
      transitEncryptionEnabled: true,
      transitEncryptionMode: 'required',
      authToken: this.authToken.value,
      snapshotRetentionLimit: props.snapshotRetentionDays ?? 7,
      autoMinorVersionUpgrade: 'true',
      maintenanceWindow: props.maintenanceWindow,
      logDeliveryConfiguration: logs.map((l) => ({ destination: l.group.name, destinationType: 'cloudwatch-logs', logFormat: 'json', logType: l.type })),
    });
    this.primaryEndpoint = this.replicationGroup.primaryEndpointAddress;
    this.readerEndpoint = this.replicationGroup.readerEndpointAddress;
    this.arn = this.replicationGroup.arn;
  }

  /** The AUTH token secret, for containers and IAM policies. */
  authSecret(): SecretRef {
    return this.authToken.ref();
  }

  /** Lets `client` connect: egress on the client's group, ingress on the cache's. */
  allowConnectionsFrom(client: IConnectable): void {
    this.connections.allowDefaultPortFrom(client);
  }
}
