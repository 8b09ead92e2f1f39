import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import { DbParameterGroup } from '@cdktf/provider-aws/lib/db-parameter-group';
import { DbSubnetGroup } from '@cdktf/provider-aws/lib/db-subnet-group';
import { Construct } from 'constructs';
import { intInRange, Rule, validateProps } from '../../core/validation';
import { LogGroup } from '../monitoring/log-group';
import { AlarmStatistic, Metric } from '../monitoring/metric';
import { Connections, IConnectable } from '../network/connections';
import { Port, SecurityGroup } from '../network/security-group';
import { SecretRef } from '../security/generated-secret';
import { requireProps } from '../../core/validation';
import { ServiceRole } from '../security/role';
import { dataTierDefault, Placed, resolveVpcPlacement, VpcPlacementProps } from '../network/vpc';

/** Subnets of one tier with their availability zones (a `Vpc` tier fits: `vpc.private`). */
export interface DatabaseSubnets {
  readonly ids: string[];
  readonly azs: string[];
}

/** A DB parameter value; static parameters need `pending-reboot`. */
export interface DbParameter {
  readonly value: string;
  /**
   * When RDS applies the value.
   * @default 'immediate'
   */
  readonly applyMethod?: 'immediate' | 'pending-reboot';
}

export interface PostgresDatabaseProps extends VpcPlacementProps {
  /** DB instance identifier, e.g. `prod-stockwiz-db` (1-63 lowercase letters, digits, hyphens; starts with a letter). */
  readonly identifier: string;
  /**
   * VPC of the database; older form of `vpc`.
   * @default `vpc.vpcId`
   */
  readonly vpcId?: string;
  /**
   * Private subnets of the DB subnet group: at least two, in at least two AZs; older form of `vpcSubnets`.
   * @default `vpc`'s isolated subnets, or its private subnets when it has no isolated ones
   */
  readonly subnets?: DatabaseSubnets;
  /**
   * PostgreSQL version: a major (`16`, RDS picks the newest minor) or `major.minor`.
   * @default '17'
   */
  readonly engineVersion?: string;
  /**
   * Instance class.
   * @default 'db.t4g.medium'
   */
  readonly instanceClass?: string;
  /**
   * Initial storage in GiB (gp3).
   * @default 20
   */
  readonly allocatedStorageGiB?: number;
  /**
   * Storage autoscaling ceiling in GiB; equal to `allocatedStorageGiB` turns autoscaling off.
   * @default 5 × allocatedStorageGiB
   */
  readonly maxAllocatedStorageGiB?: number;
  /**
   * Database created at launch.
   * @default no database besides `postgres`
   */
  readonly databaseName?: string;
  /**
   * Master user name; its password is generated and rotated by RDS in Secrets Manager.
   * @default 'dbadmin'
   */
  readonly masterUsername?: string;
  /**
   * TCP port.
   * @default 5432
   */
  readonly port?: number;
  /**
   * Synchronous standby in another AZ with automatic failover.
   * @default false
   */
  readonly multiAz?: boolean;
  /**
   * Availability zone of a single-AZ instance, e.g. to keep it next to single-AZ compute (ignored with `multiAz`).
   * @default chosen by RDS
   */
  readonly availabilityZone?: string;
  /**
   * Days of automated backups (0 turns them off; read replicas need at least 1).
   * @default 7
   */
  readonly backupRetentionDays?: number;
  /**
   * Refuse deletion through the API.
   * @default true
   */
  readonly deletionProtection?: boolean;
  /**
   * Refuse `terraform destroy` of the instance and its replicas (`lifecycle.prevent_destroy`), for production data.
   * @default false
   */
  readonly preventDestroy?: boolean;
  /**
   * Take a final snapshot (`<identifier>-final`) when the instance is destroyed.
   * @default true
   */
  readonly finalSnapshot?: boolean;
  /**
   * KMS key ARN for storage, Performance Insights, the master secret and the log groups.
   * @default the AWS-managed `aws/rds` key (and `aws/secretsmanager` for the secret)
   */
  readonly kmsKeyArn?: string;
  /**
   * Performance Insights retention in days (7, or a multiple of 31 up to 731); `0` turns it off.
   * @default 7 (the free tier)
   */
  readonly performanceInsightsRetentionDays?: number;
  /**
   * Enhanced Monitoring interval in seconds (0, 1, 5, 10, 15, 30 or 60); `0` turns it off.
   * @default 60 (with a monitoring role this construct creates)
   */
  readonly monitoringIntervalSeconds?: number;
  /**
   * Logs exported to CloudWatch Logs (`/aws/rds/instance/<identifier>/<log>`).
   * @default ['postgresql', 'upgrade']
   */
  readonly cloudwatchLogsExports?: Array<'postgresql' | 'upgrade' | 'iam-db-auth-error'>;
  /**
   * Days the exported logs are kept.
   * @default 365
   */
  readonly logRetentionDays?: number;
  /**
   * Parameters on top of the secure defaults (`rds.force_ssl=1`, connection, DDL and slow-query logging).
   * @default none
   */
  readonly parameters?: Record<string, string | DbParameter>;
  /**
   * Read replicas in the same Region (reports, read scaling).
   * @default 0
   */
  readonly readReplicas?: number;
  /**
   * Instance class of the read replicas.
   * @default instanceClass
   */
  readonly readReplicaInstanceClass?: string;
  /**
   * Security group of the instance. Allow clients with `allowConnectionsFrom`.
   * @default a new group with no rules
   */
  readonly securityGroup?: SecurityGroup;
  /**
   * Weekly maintenance window (UTC), e.g. `sun:05:00-sun:06:00`.
   * @default chosen by RDS
   */
  readonly maintenanceWindow?: string;
  /**
   * Daily backup window (UTC), e.g. `03:00-04:00`.
   * @default chosen by RDS
   */
  readonly backupWindow?: string;
  /**
   * Apply changes at once instead of in the next maintenance window.
   * @default false
   */
  readonly applyImmediately?: boolean;
}

const RESERVED_USERS = ['admin', 'rdsadmin', 'rdsrepladmin', 'rds_superuser', 'postgres_fdw', 'public'];
const majorOf = (v: string) => Number(v.split('.')[0]);

const RULES: Rule<Placed<PostgresDatabaseProps>>[] = [
  {
    rule: 'identifier must be 1-63 lowercase letters, digits and hyphens, start with a letter, and have no trailing or double hyphen',
    check: (p) => (/^[a-z](?!.*--)[a-z0-9-]{0,62}$/.test(p.identifier) && !p.identifier.endsWith('-') ? undefined : p.identifier),
  },
  { rule: 'a DB subnet group needs at least two subnets', check: (p) => (p.subnets.ids.length < 2 ? p.subnets.ids : undefined) },
  { rule: 'a DB subnet group needs subnets in at least two availability zones', check: (p) => (new Set(p.subnets.azs).size < 2 ? p.subnets.azs : undefined) },
  {
    rule: 'engineVersion must be a PostgreSQL major or major.minor version from 13 on, such as "16" or "16.4"',
    check: (p) => (p.engineVersion === undefined || (/^\d{2}(\.\d+)?$/.test(p.engineVersion) && majorOf(p.engineVersion) >= 13) ? undefined : p.engineVersion),
  },
  { rule: 'backupRetentionDays must be an integer between 0 and 35', check: (p) => (intInRange(p.backupRetentionDays ?? 0, 0, 35) ? undefined : p.backupRetentionDays) },
  {
    rule: 'read replicas need automated backups (backupRetentionDays of at least 1)',
    check: (p) => ((p.readReplicas ?? 0) > 0 && p.backupRetentionDays === 0 ? p.backupRetentionDays : undefined),
  },
  { rule: 'readReplicas must be an integer between 0 and 15', check: (p) => (intInRange(p.readReplicas ?? 0, 0, 15) ? undefined : p.readReplicas) },
  { rule: 'allocatedStorageGiB must be an integer between 20 and 65536', check: (p) => (intInRange(p.allocatedStorageGiB ?? 20, 20, 65536) ? undefined : p.allocatedStorageGiB) },
  {
    rule: 'maxAllocatedStorageGiB must be an integer not below allocatedStorageGiB and at most 65536',
    check: (p) => (intInRange(p.maxAllocatedStorageGiB ?? 65536, p.allocatedStorageGiB ?? 20, 65536) ? undefined : p.maxAllocatedStorageGiB),
  },
  { rule: 'port must be an integer between 1150 and 65535', check: (p) => (intInRange(p.port ?? 1150, 1150, 65535) ? undefined : p.port) },
  {
    rule: `masterUsername must be 1-16 letters, digits and underscores, start with a letter, and not be a reserved name (${RESERVED_USERS.join(', ')})`,
    check: (p) =>
      p.masterUsername !== undefined && (!/^[A-Za-z][A-Za-z0-9_]{0,15}$/.test(p.masterUsername) || RESERVED_USERS.includes(p.masterUsername.toLowerCase())) ? p.masterUsername : undefined,
  },
  {
    rule: 'databaseName must be 1-63 letters, digits and underscores and start with a letter',
    check: (p) => (p.databaseName !== undefined && !/^[A-Za-z][A-Za-z0-9_]{0,62}$/.test(p.databaseName) ? p.databaseName : undefined),
  },
  {
    rule: 'monitoringIntervalSeconds must be one of 0, 1, 5, 10, 15, 30, 60',
    check: (p) => (p.monitoringIntervalSeconds !== undefined && ![0, 1, 5, 10, 15, 30, 60].includes(p.monitoringIntervalSeconds) ? p.monitoringIntervalSeconds : undefined),
  },
  {
    rule: 'performanceInsightsRetentionDays must be 0, 7, or a multiple of 31 up to 731',
    check: (p) => {
      const d = p.performanceInsightsRetentionDays;
      return d === undefined || d === 0 || d === 7 || d === 731 || (Number.isInteger(d) && d % 31 === 0 && d > 0 && d <= 731) ? undefined : d;
    },
  },
  {
    rule: 'parameters must not turn off rds.force_ssl',
    check: (p) => {
      const v = p.parameters?.['rds.force_ssl'];
      const value = typeof v === 'string' ? v : v?.value;
      return value !== undefined && value !== '1' ? value : undefined;
    },
  },
];

/**
 * RDS for PostgreSQL with secure defaults: private (no public access) in its
 * own subnet group and security group, storage encrypted with KMS, TLS
 * enforced by a parameter group (`rds.force_ssl = 1`) that also logs
 * connections, DDL and slow queries, a master password generated, stored and
 * rotated by RDS in Secrets Manager (never in the configuration), IAM
 * authentication, CloudWatch log exports into log groups with a retention,
 * Performance Insights, Enhanced Monitoring, automatic minor upgrades, tags
 * copied to snapshots, deletion protection and a final snapshot.
 */
export class PostgresDatabase extends Construct implements IConnectable {
  public readonly instance: DbInstance;
  public readonly replicas: DbInstance[] = [];
  public readonly securityGroup: SecurityGroup;
  /** Network rules of the instance: `db.connections.allowDefaultPortFrom(service)` opens its port to a client. */
  public readonly connections: Connections;
  public readonly parameterGroup: DbParameterGroup;
  public readonly subnetGroup: DbSubnetGroup;
  public readonly identifier: string;
  public readonly arn: string;
  /** Host name of the primary. */
  public readonly address: string;
  /** `host:port` of the primary. */
  public readonly endpoint: string;
  public readonly port: number;
  /** Host names of the read replicas. */
  public readonly replicaAddresses: string[] = [];
  /** ARN of the RDS-managed secret holding `{"username": ..., "password": ...}`. */
  public readonly masterSecretArn: string;
  public readonly masterUsername: string;
  public readonly databaseName?: string;
  private readonly kmsKeyArn?: string;

  constructor(scope: Construct, id: string, given: PostgresDatabaseProps) {
    super(scope, id);
    const props = resolveVpcPlacement(this, given, dataTierDefault);
    requireProps(this, props, ['identifier', 'vpcId', 'subnets']);
    validateProps(this, props, RULES);
    const engineVersion = props.engineVersion ?? '17';
    this.identifier = props.identifier;
    this.port = props.port ?? 5432;
    this.masterUsername = props.masterUsername ?? 'dbadmin';
    this.databaseName = props.databaseName;
    this.kmsKeyArn = props.kmsKeyArn;

    this.securityGroup =
      props.securityGroup ?? new SecurityGroup(this, 'SecurityGroup', { vpcId: props.vpcId, name: `${props.identifier}-sg`, description: `${props.identifier} PostgreSQL` });
    this.connections = new Connections({ securityGroups: [this.securityGroup], defaultPort: Port.tcp(this.port) });
    this.subnetGroup = new DbSubnetGroup(this, 'SubnetGroup', {
      name: `${props.identifier}-subnets`,
      description: `${props.identifier} private subnets`,
      subnetIds: props.subnets.ids,
    });

    const parameters: Record<string, string | DbParameter> = {
      'rds.force_ssl': '1',
      log_connections: '1',
      log_disconnections: '1',
      log_statement: 'ddl',
      log_min_duration_statement: '1000',
      ...(props.parameters ?? {}),
    };
    this.parameterGroup = new DbParameterGroup(this, 'ParameterGroup', {
      name: `${props.identifier}-pg${majorOf(engineVersion)}`,
      family: `postgres${majorOf(engineVersion)}`,
      description: `${props.identifier}: TLS only, connection, DDL and slow-query logging`,
      parameter: Object.entries(parameters)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([name, v]) => (typeof v === 'string' ? { name, value: v, applyMethod: 'immediate' } : { name, value: v.value, applyMethod: v.applyMethod ?? 'immediate' })),
      lifecycle: { createBeforeDestroy: true },
    });

    const logTypes = props.cloudwatchLogsExports ?? ['postgresql', 'upgrade'];
    // RDS would create these groups itself, with no retention and no key: create them first.
    const logGroups = logTypes.map(
      (t) => new LogGroup(this, `Logs-${t}`, { name: `/aws/rds/instance/${props.identifier}/${t}`, retentionDays: props.logRetentionDays ?? 365, kmsKeyArn: props.kmsKeyArn }),
    );

    const monitoringInterval = props.monitoringIntervalSeconds ?? 60;
    const monitoringRole = monitoringInterval > 0 ? this.monitoringRole(props.identifier) : undefined;
    const piDays = props.performanceInsightsRetentionDays ?? 7;
    const common = {
      instanceClass: props.instanceClass ?? 'db.t4g.medium',
      port: this.port,
      vpcSecurityGroupIds: [this.securityGroup.securityGroupId],
      parameterGroupName: this.parameterGroup.name,
      publiclyAccessible: false,
      storageEncrypted: true,
      kmsKeyId: props.kmsKeyArn,
      iamDatabaseAuthenticationEnabled: true,
      autoMinorVersionUpgrade: true,
      copyTagsToSnapshot: true,
      caCertIdentifier: 'rds-ca-rsa2048-g1',
      performanceInsightsEnabled: piDays > 0,
      performanceInsightsKmsKeyId: piDays > 0 ? props.kmsKeyArn : undefined,
      performanceInsightsRetentionPeriod: piDays > 0 ? piDays : undefined,
      monitoringInterval,
      monitoringRoleArn: monitoringRole?.roleArn,
      enabledCloudwatchLogsExports: logTypes,
      deletionProtection: props.deletionProtection ?? true,
      applyImmediately: props.applyImmediately ?? false,
      maintenanceWindow: props.maintenanceWindow,
    };

    const allocated = props.allocatedStorageGiB ?? 20;
    this.instance = new DbInstance(this, 'Resource', {
      ...common,
      identifier: props.identifier,
      engine: 'postgres',
      engineVersion,
      dbName: props.databaseName,
      username: this.masterUsername,
      manageMasterUserPassword: true,
      masterUserSecretKmsKeyId: props.kmsKeyArn,
      dbSubnetGroupName: this.subnetGroup.name,
      multiAz: props.multiAz ?? false,
      availabilityZone: props.multiAz ? undefined : props.availabilityZone,
      allocatedStorage: allocated,
      maxAllocatedStorage: props.maxAllocatedStorageGiB ?? allocated * 5,
      storageType: 'gp3',
      backupRetentionPeriod: props.backupRetentionDays ?? 7,
      backupWindow: props.backupWindow,
      deleteAutomatedBackups: false,
      skipFinalSnapshot: !(props.finalSnapshot ?? true),
      finalSnapshotIdentifier: (props.finalSnapshot ?? true) ? `${props.identifier}-final` : undefined,
      dependsOn: logGroups.map((g) => g.resource),
      lifecycle: props.preventDestroy ? { preventDestroy: true } : undefined,
    });
    this.arn = this.instance.arn;
    this.address = this.instance.address;
    this.endpoint = this.instance.endpoint;
    this.masterSecretArn = this.instance.masterUserSecret.get(0).secretArn;

    for (let i = 1; i <= (props.readReplicas ?? 0); i++) {
      const replicaId = `${props.identifier}-replica-${i}`;
      const replicaLogs = logTypes.map(
        (t) => new LogGroup(this, `Replica${i}Logs-${t}`, { name: `/aws/rds/instance/${replicaId}/${t}`, retentionDays: props.logRetentionDays ?? 365, kmsKeyArn: props.kmsKeyArn }),
      );
      const replica = new DbInstance(this, `Replica${i}`, {
        ...common,
        identifier: replicaId,
        instanceClass: props.readReplicaInstanceClass ?? common.instanceClass,
        replicateSourceDb: this.instance.identifier,
        // A replica takes its engine, storage, subnet group and credentials from the source.
        backupRetentionPeriod: 0,
        skipFinalSnapshot: true,
        dependsOn: replicaLogs.map((g) => g.resource),
        lifecycle: props.preventDestroy ? { preventDestroy: true } : undefined,
      });
      this.replicas.push(replica);
      this.replicaAddresses.push(replica.address);
    }
  }

  /** The managed master secret (or one key of it: `username`, `password`) for containers and IAM policies. */
  masterSecret(jsonKey?: 'username' | 'password'): SecretRef {
    return { secretArn: this.masterSecretArn, jsonKey, kmsKeyArn: this.kmsKeyArn };
  }

  /** A metric of the primary instance (`AWS/RDS`, dimension `DBInstanceIdentifier`). */
  metric(metricName: string, props: { statistic?: AlarmStatistic; periodSeconds?: number } = {}): Metric {
    return new Metric({ namespace: 'AWS/RDS', metricName, dimensions: { DBInstanceIdentifier: this.identifier }, ...props });
  }

  /** Open connections (maximum per 5 minutes). */
  metricDatabaseConnections(): Metric {
    return this.metric('DatabaseConnections', { statistic: 'Maximum' });
  }

  /** Free storage in bytes (minimum per 5 minutes). */
  metricFreeStorageSpace(): Metric {
    return this.metric('FreeStorageSpace', { statistic: 'Minimum' });
  }

  /** Average CPU. */
  metricCpuUtilization(): Metric {
    return this.metric('CPUUtilization');
  }

  /** Lets `client` connect: egress on the client's group, ingress on the database's. */
  allowConnectionsFrom(client: IConnectable): void {
    this.connections.allowDefaultPortFrom(client);
  }

  private monitoringRole(identifier: string): ServiceRole {
    const policyArn = 'arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole';
    const role = new ServiceRole(this, 'MonitoringRole', { namePrefix: `${identifier}-monitoring-`.slice(0, 38), assumedBy: ['monitoring.rds.amazonaws.com'], managedPolicyArns: [policyArn] });
    role.movedFromLegacy('MonitoringRole', { [policyArn]: 'MonitoringPolicy' }); // was a raw IamRole + attachment with a hand-written trust policy
    return role;
  }
}
