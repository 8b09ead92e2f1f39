import { MysqlFlexibleDatabase } from '@cdktf/provider-azurerm/lib/mysql-flexible-database';
import { MysqlFlexibleServer as MysqlFlexibleServerResource } from '@cdktf/provider-azurerm/lib/mysql-flexible-server';
import { MysqlFlexibleServerActiveDirectoryAdministrator } from '@cdktf/provider-azurerm/lib/mysql-flexible-server-active-directory-administrator';
import { MysqlFlexibleServerConfiguration } from '@cdktf/provider-azurerm/lib/mysql-flexible-server-configuration';
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { ensure, Rule, validateProps, requireProps, intInRange } from '../../core/validation';
import { AppliedAvmInterfaces, applyAvmInterfaces, AvmCommonProps, DiagnosticSettingsProps, PrivateEndpointSpec, PrivateEndpointsProps } from '../core/interfaces';
import { AzureResourceProps, resolvePlacement } from '../core/placement';
import { KeyVault, VaultSecret } from '../security/key-vault';
import { IManagedIdentity, ManagedIdentity } from '../security/managed-identity';

export type MysqlHighAvailability = 'Disabled' | 'SameZone' | 'ZoneRedundant';
export const MYSQL_VERSIONS = ['8.0.21', '8.4'] as const;
export type MysqlVersion = (typeof MYSQL_VERSIONS)[number];
/** `B_Standard_B1ms` (Burstable), `GP_Standard_D2ds_v4` (General Purpose), `MO_Standard_E2ds_v4` (Business Critical, formerly Memory Optimized). */
export const MYSQL_SKU = /^(B_Standard_B(1s|1ms|2s|2ms|4ms|8ms|12ms|16ms|20ms)|GP_Standard_D\d{1,2}a?ds_v[45]|MO_Standard_E\d{1,2}a?ds_v[45])$/;
const RESERVED_LOGINS = ['azure_superuser', 'admin', 'administrator', 'root', 'guest', 'public', 'mysql', 'sa'];
const RESERVED_DATABASES = ['mysql', 'sys', 'information_schema', 'performance_schema'];

/** The Entra ID administrator of the server. */
export interface MysqlEntraAdministrator {
  /** Object id of the user, group or service principal. */
  readonly objectId: string;
  /** Its login name (user principal name, group or app name). */
  readonly login: string;
}

/** A read replica. */
export interface MysqlReplicaSpec {
  /** Name qualifier of the replica (`data` → `mysql-<workload>-data-...`). */
  readonly nameQualifier: string;
  /**
   * Private endpoints of the replica.
   * @default none
   */
  readonly privateEndpoints?: PrivateEndpointSpec[];
}

export interface MysqlFlexibleServerProps extends AzureResourceProps, AvmCommonProps, DiagnosticSettingsProps, PrivateEndpointsProps {
  /**
   * MySQL version.
   * @default '8.0.21'
   */
  readonly version?: MysqlVersion;
  /**
   * Compute SKU: Burstable `B_Standard_B1ms`, General Purpose `GP_Standard_D2ds_v4`, Business Critical `MO_Standard_E2ds_v4`.
   * @default 'B_Standard_B1ms'
   */
  readonly sku?: string;
  /**
   * Storage in GB, 20-16384.
   * @default 20
   */
  readonly storageGb?: number;
  /**
   * Days of automated backups, 1-35.
   * @default 7
   */
  readonly backupRetentionDays?: number;
  /**
   * Copy backups to the paired region (set at creation).
   * @default false
   */
  readonly geoRedundantBackup?: boolean;
  /**
   * High availability; needs General Purpose or Business Critical (Burstable has no standby).
   * @default 'Disabled'
   */
  readonly highAvailability?: MysqlHighAvailability;
  /**
   * Availability zone of the primary.
   * @default Azure picks
   */
  readonly zone?: string;
  /**
   * Availability zone of the standby (ZoneRedundant).
   * @default Azure picks
   */
  readonly standbyZone?: string;
  /** Key Vault receiving the generated administrator password. */
  readonly keyVault: KeyVault;
  /**
   * Administrator login.
   * @default 'mysqladmin'
   */
  readonly administratorLogin?: string;
  /**
   * Name of the administrator password secret.
   * @default 'mysql-admin-password'
   */
  readonly passwordSecretName?: string;
  /**
   * Entra ID administrator (the server gets a user-assigned identity to look principals up; grant it Directory
   * Readers, or User.Read.All + GroupMember.Read.All + Application.Read.All in Microsoft Graph).
   * @default none: password authentication only
   */
  readonly entraAdministrator?: MysqlEntraAdministrator;
  /**
   * Databases to create (utf8mb4).
   * @default none
   */
  readonly databases?: string[];
  /**
   * Read replicas (same SKU and region).
   * @default none
   */
  readonly replicas?: MysqlReplicaSpec[];
  /**
   * Server parameters on top of the secure ones (`require_secure_transport=ON`, `tls_version=TLSv1.2,TLSv1.3`,
   * `audit_log_enabled=ON`).
   * @default none
   */
  readonly serverParameters?: Record<string, string>;
}

const skuOf = (p: MysqlFlexibleServerProps) => p.sku ?? 'B_Standard_B1ms';
const haOf = (p: MysqlFlexibleServerProps) => p.highAvailability ?? 'Disabled';
const between = (n: number | undefined, lo: number, hi: number) => n === undefined || intInRange(n, lo, hi);

/** Parameters every server gets: TLS 1.2+ only, audit log on (connections and DDL). */
export const MYSQL_SECURE_PARAMETERS: Readonly<Record<string, string>> = {
  require_secure_transport: 'ON',
  tls_version: 'TLSv1.2,TLSv1.3',
  audit_log_enabled: 'ON',
  audit_log_events: 'CONNECTION,DDL',
};

const RULES: Rule<MysqlFlexibleServerProps>[] = [
  { rule: `version must be one of ${MYSQL_VERSIONS.join(', ')}`, check: (p) => (p.version !== undefined && !MYSQL_VERSIONS.includes(p.version) ? p.version : undefined) },
  { rule: 'sku must be a flexible server SKU such as B_Standard_B1ms, GP_Standard_D2ds_v4 or MO_Standard_E2ds_v4', check: (p) => (MYSQL_SKU.test(skuOf(p)) ? undefined : skuOf(p)) },
  { rule: 'storageGb must be an integer between 20 and 16384', check: (p) => (between(p.storageGb, 20, 16384) ? undefined : p.storageGb) },
  { rule: 'backupRetentionDays must be an integer between 1 and 35', check: (p) => (between(p.backupRetentionDays, 1, 35) ? undefined : p.backupRetentionDays) },
  { rule: 'highAvailability must be Disabled, SameZone or ZoneRedundant', check: (p) => (!['Disabled', 'SameZone', 'ZoneRedundant'].includes(haOf(p)) ? p.highAvailability : undefined) },
  {
    rule: (p) => `${haOf(p)} high availability needs a General Purpose (GP_) or Business Critical (MO_) SKU: Burstable cannot run a standby`,
    check: (p) => (haOf(p) !== 'Disabled' && skuOf(p).startsWith('B_') ? skuOf(p) : undefined),
  },
  { rule: 'read replicas need a General Purpose (GP_) or Business Critical (MO_) SKU', check: (p) => ((p.replicas ?? []).length > 0 && skuOf(p).startsWith('B_') ? skuOf(p) : undefined) },
  { rule: 'replica name qualifiers must be unique', check: (p) => (p.replicas ?? []).map((r) => r.nameQualifier).find((n, i, all) => all.indexOf(n) !== i) },
  { rule: 'zones must be 1, 2 or 3', check: (p) => [p.zone, p.standbyZone].find((z) => z !== undefined && !['1', '2', '3'].includes(z)) },
  { rule: 'standbyZone needs ZoneRedundant high availability', check: (p) => (p.standbyZone !== undefined && haOf(p) !== 'ZoneRedundant' ? p.standbyZone : undefined) },
  { rule: 'standbyZone must differ from zone', check: (p) => (p.standbyZone !== undefined && p.standbyZone === p.zone ? p.standbyZone : undefined) },
  {
    rule: `administratorLogin must be 1-32 letters, digits or underscores, start with a letter, and not be ${RESERVED_LOGINS.join(', ')}`,
    check: (p) => {
      const l = p.administratorLogin;
      return l !== undefined && (!/^[A-Za-z][A-Za-z0-9_]{0,31}$/.test(l) || RESERVED_LOGINS.includes(l.toLowerCase())) ? l : undefined;
    },
  },
  {
    rule: `database names must be letters, digits and underscores (at most 64) and not ${RESERVED_DATABASES.join(', ')}`,
    check: (p) => (p.databases ?? []).find((n) => !/^[A-Za-z0-9_]{1,64}$/.test(n) || RESERVED_DATABASES.includes(n.toLowerCase())),
  },
  { rule: 'database names must be unique', check: (p) => (p.databases ?? []).find((n, i, all) => all.indexOf(n) !== i) },
  {
    rule: 'serverParameters must not weaken require_secure_transport (ON) or tls_version (TLSv1.2 and/or TLSv1.3)',
    check: (p) => {
      const sp = p.serverParameters ?? {};
      if (sp.require_secure_transport !== undefined && sp.require_secure_transport.toUpperCase() !== 'ON') return { require_secure_transport: sp.require_secure_transport };
      if (sp.tls_version !== undefined && !sp.tls_version.split(',').every((v) => ['TLSv1.2', 'TLSv1.3'].includes(v.trim()))) return { tls_version: sp.tls_version };
      return undefined;
    },
  },
];

/**
 * Azure Database for MySQL flexible server: public access off (reach it through
 * private endpoints), TLS 1.2+ enforced (`require_secure_transport=ON`,
 * `tls_version=TLSv1.2,TLSv1.3`), audit logging, the administrator password
 * generated straight into Key Vault, an optional Entra ID administrator,
 * backups 1-35 days, high availability (refused on Burstable), and read
 * replicas (`replicas`), which inherit the source's settings.
 */
export class MysqlFlexibleServer extends Construct {
  public readonly resource: MysqlFlexibleServerResource;
  public readonly id: string;
  public readonly name: string;
  /** `<name>.mysql.database.azure.com`. */
  public readonly fqdn: string;
  public readonly administratorLogin: string;
  public readonly administratorPasswordSecret: VaultSecret;
  /**
   * The server's identity (Entra ID lookups).
   * @default undefined without an Entra ID administrator
   */
  public readonly identity?: IManagedIdentity;
  public readonly replicas: MysqlFlexibleServerResource[] = [];
  /** FQDNs of the read replicas, in order. */
  public readonly replicaFqdns: string[] = [];
  public readonly databases: Record<string, MysqlFlexibleDatabase> = {};
  public readonly interfaces: AppliedAvmInterfaces;

  constructor(scope: Construct, id: string, props: MysqlFlexibleServerProps) {
    super(scope, id);
    requireProps(this, props, ['keyVault']);
    validateProps(this, props, RULES);
    const { stack, name, location, resourceGroupName } = resolvePlacement(this, 'mysqlFlexibleServer', props, 'Microsoft.DBforMySQL');
    const ha = haOf(props);
    this.administratorLogin = props.administratorLogin ?? 'mysqladmin';
    this.administratorPasswordSecret = props.keyVault.addGeneratedSecret(props.passwordSecretName ?? 'mysql-admin-password', { length: 32, overrideSpecial: '-_.~' });
    if (props.entraAdministrator) {
      this.identity = new ManagedIdentity(this, 'Identity', { name: stack.azureNaming.name('userAssignedIdentity', ...(props.nameQualifier ? [props.nameQualifier] : []), 'mysql'), location, resourceGroupName, tags: props.tags });
    }
    const identity = this.identity ? { type: 'UserAssigned', identityIds: [this.identity.id] } : undefined;

    this.resource = new MysqlFlexibleServerResource(this, 'Resource', {
      name,
      location,
      resourceGroupName,
      version: props.version ?? '8.0.21',
      skuName: skuOf(props),
      administratorLogin: this.administratorLogin,
      administratorPassword: this.administratorPasswordSecret.password!.result,
      backupRetentionDays: props.backupRetentionDays ?? 7,
      geoRedundantBackupEnabled: props.geoRedundantBackup ?? false,
      publicNetworkAccess: 'Disabled',
      zone: props.zone,
      highAvailability: ha !== 'Disabled' ? { mode: ha, standbyAvailabilityZone: props.standbyZone } : undefined,
      storage: { sizeGb: props.storageGb ?? 20, autoGrowEnabled: true, ioScalingEnabled: true },
      identity,
      // After a failover Azure swaps the zones; do not fail back on the next apply.
      lifecycle: ha !== 'Disabled' ? { ignoreChanges: ['zone', 'high_availability[0].standby_availability_zone'] } : undefined,
      tags: props.tags,
    });
    this.id = this.resource.id;
    this.name = this.resource.name;
    this.fqdn = this.resource.fqdn;

    // Azure applies one parameter change at a time: chain them (each waits for the one before, the first for `after`).
    const chainParameters = (idPrefix: string, serverName: string, params: Record<string, string>, after?: ITerraformDependable) => {
      let prev = after;
      for (const [param, value] of Object.entries(params)) {
        prev = new MysqlFlexibleServerConfiguration(this, `${idPrefix}${param}`, { name: param, resourceGroupName, serverName, value, dependsOn: prev ? [prev] : undefined });
      }
      return prev;
    };
    const previous = chainParameters('Param-', this.name, { ...MYSQL_SECURE_PARAMETERS, ...(props.serverParameters ?? {}) });
    for (const d of props.databases ?? []) {
      this.databases[d] = new MysqlFlexibleDatabase(this, `Db-${d}`, { name: d, resourceGroupName, serverName: this.name, charset: 'utf8mb4', collation: 'utf8mb4_0900_ai_ci' });
    }
    if (props.entraAdministrator) {
      new MysqlFlexibleServerActiveDirectoryAdministrator(this, 'EntraAdmin', {
        serverId: this.id,
        identityId: this.identity!.id,
        login: props.entraAdministrator.login,
        objectId: props.entraAdministrator.objectId,
        tenantId: stack.tenantId,
      });
    }

    (props.replicas ?? []).forEach((r, i) => {
      const replicaName = stack.azureNaming.name('mysqlFlexibleServer', ...(props.nameQualifier ? [props.nameQualifier] : []), r.nameQualifier);
      const replica = new MysqlFlexibleServerResource(this, `Replica${i}`, {
        name: replicaName,
        location,
        resourceGroupName,
        createMode: 'Replica',
        sourceServerId: this.id,
        skuName: skuOf(props),
        version: props.version ?? '8.0.21',
        publicNetworkAccess: 'Disabled',
        storage: { sizeGb: props.storageGb ?? 20, autoGrowEnabled: true, ioScalingEnabled: true },
        identity,
        tags: props.tags,
        dependsOn: previous ? [previous] : undefined,
      });
      this.replicas.push(replica);
      this.replicaFqdns.push(replica.fqdn);
      // A replica copies the source's parameters once, at creation; keep the security ones pinned so they cannot drift.
      chainParameters(`Replica${i}Param-`, replica.name, MYSQL_SECURE_PARAMETERS, replica);
      applyAvmInterfaces(new Construct(this, `Replica${i}Interfaces`), { resourceId: replica.id, resourceName: replicaName, location, resourceGroupName, defaultPrivateEndpointSubresource: 'mysqlServer', resource: replica }, {
        privateEndpoints: r.privateEndpoints,
        diagnosticSettings: props.diagnosticSettings,
        lock: props.lock,
        preventDestroy: props.preventDestroy,
      });
    });

    this.interfaces = applyAvmInterfaces(this, { resourceId: this.id, resourceName: name, location, resourceGroupName, defaultPrivateEndpointSubresource: 'mysqlServer' }, props);
  }

  /** The database named `name`; throws when there is none. */
  database(name: string): MysqlFlexibleDatabase {
    ensure(this, this.databases[name] !== undefined, `no database named ${name} (databases: ${Object.keys(this.databases).join(', ')})`, name);
    return this.databases[name];
  }
}
