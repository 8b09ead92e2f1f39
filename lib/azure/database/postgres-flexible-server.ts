import { PostgresqlFlexibleServer } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server';
import { PostgresqlFlexibleServerActiveDirectoryAdministrator } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server-active-directory-administrator';
import { PostgresqlFlexibleServerConfiguration } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server-configuration';
import { PostgresqlFlexibleServerDatabase } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server-database';
import { PostgresqlFlexibleServerFirewallRule } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server-firewall-rule';
import { ITerraformDependable, Token } from 'cdktf';
import { Construct } from 'constructs';
import { ensure, Rule, validateProps, intInRange, firstDuplicate, requireProps } from '../../core/validation';
import {
  AppliedAvmInterfaces,
  applyAvmInterfaces,
  AvmCommonProps,
  DiagnosticSettingsProps,
  identityBlock,
  ManagedIdentitiesProps,
  PrivateEndpointsProps,
  specList,
} from '../core/interfaces';
import { AzureResourceProps, resolvePlacement } from '../core/placement';
import { KeyVault, VaultSecret } from '../security/key-vault';

export type PostgresHighAvailability = 'Disabled' | 'SameZone' | 'ZoneRedundant';

/** Major versions accepted (11 and 12 are out of community support). */
export const POSTGRES_VERSIONS = ['13', '14', '15', '16', '17'] as const;
export type PostgresVersion = (typeof POSTGRES_VERSIONS)[number];
/** Storage sizes (MB) a flexible server accepts. */
export const POSTGRES_STORAGE_MB = [32768, 65536, 131072, 262144, 524288, 1048576, 2097152, 4193280, 4194304, 8388608, 16777216, 33553408] as const;
/** `B_Standard_B1ms` (Burstable), `GP_Standard_D2ds_v5` (General Purpose), `MO_Standard_E4ds_v5` (Memory Optimized). */
export const POSTGRES_SKU = /^(B_Standard_B(1|2|4|8|12|16|20)m?s|GP_Standard_D\d{1,2}a?d?s_v[345]|MO_Standard_E\d{1,2}a?d?s_v[345])$/;
const RESERVED_LOGINS = ['azure_superuser', 'azure_pg_admin', 'admin', 'administrator', 'root', 'guest', 'public', 'postgres'];
const RESERVED_DATABASES = ['postgres', 'azure_maintenance', 'azure_sys', 'template0', 'template1'];
const DB_NAME_RULE = `database names must be lowercase identifiers (letters, digits, underscores, at most 63) and not ${RESERVED_DATABASES.join(', ')}`;
const validDbName = (n: string) => /^[a-z_][a-z0-9_]{0,62}$/.test(n) && !RESERVED_DATABASES.includes(n);

/** A database on the server. */
export interface PostgresDatabaseSpec {
  /** Lowercase identifier: letters, digits and underscores, starting with a letter or underscore. */
  readonly name: string;
  /**
   * Character set.
   * @default 'UTF8'
   */
  readonly charset?: string;
  /**
   * Collation.
   * @default 'en_US.utf8'
   */
  readonly collation?: string;
}

/** A public-endpoint firewall rule (only with `publicNetworkAccess: true`). */
export interface PostgresFirewallRule {
  readonly name: string;
  readonly startIpAddress: string;
  readonly endIpAddress: string;
}

/** The Entra ID administrator of the server. */
export interface PostgresEntraAdministrator {
  /** Object id of the user, group or service principal. */
  readonly objectId: string;
  /** Its display name (user principal name, group or app name). */
  readonly principalName: string;
  readonly principalType: 'User' | 'Group' | 'ServicePrincipal';
}

export interface PostgresFlexibleServerProps extends AzureResourceProps, AvmCommonProps, DiagnosticSettingsProps, PrivateEndpointsProps, ManagedIdentitiesProps {
  /**
   * Major version.
   * @default '16'
   */
  readonly version?: PostgresVersion;
  /**
   * Compute SKU (`<tier>_<name>`): Burstable `B_Standard_B1ms` … General Purpose `GP_Standard_D2ds_v5` … Memory Optimized `MO_…`.
   * @default 'B_Standard_B1ms'
   */
  readonly sku?: string;
  /**
   * Storage in MiB (the provider's `storage_mb`, 32768 = 32 GiB), one of {@link POSTGRES_STORAGE_MB}; it can only grow.
   * @default 32768 (32 GiB)
   */
  readonly storageMiB?: number;
  /**
   * @deprecated use `storageMiB` (same value; the unit is spelled as in `memoryMiB` elsewhere).
   * @default see `storageMiB`
   */
  readonly storageMb?: number;
  /**
   * Grow storage automatically before it fills up.
   * @default true
   */
  readonly autoGrow?: boolean;
  /**
   * Days of point-in-time backups, 7–35.
   * @default 7
   */
  readonly backupRetentionDays?: number;
  /**
   * Copy backups to the paired region (set at creation only).
   * @default false
   */
  readonly geoRedundantBackup?: boolean;
  /**
   * High availability: a standby in another zone (`ZoneRedundant`) or the same zone (`SameZone`).
   * Not available on Burstable SKUs.
   * @default 'Disabled'
   */
  readonly highAvailability?: PostgresHighAvailability;
  /**
   * Availability zone of the primary.
   * @default Azure picks
   */
  readonly zone?: string;
  /**
   * Availability zone of the standby (ZoneRedundant only); must differ from `zone`.
   * @default Azure picks
   */
  readonly standbyZone?: string;
  /**
   * Password authentication. The administrator password is generated with
   * `random_password` and stored in `keyVault`; it never appears in the configuration.
   * @default true
   */
  readonly passwordAuth?: boolean;
  /**
   * Microsoft Entra ID authentication (tenant of the stack).
   * @default true
   */
  readonly entraAuth?: boolean;
  /**
   * Entra ID administrator.
   * @default none
   */
  readonly entraAdministrator?: PostgresEntraAdministrator;
  /**
   * Administrator login (password authentication).
   * @default 'psqladmin'
   */
  readonly administratorLogin?: string;
  /**
   * Key Vault that receives the generated administrator password. Required with password authentication.
   * @default none
   */
  readonly keyVault?: KeyVault;
  /**
   * Name of the administrator password secret.
   * @default 'postgres-admin-password'
   */
  readonly passwordSecretName?: string;
  /**
   * Databases to create.
   * @default none
   */
  readonly databases?: (PostgresDatabaseSpec | string)[];
  /**
   * Subnet delegated to `Microsoft.DBforPostgreSQL/flexibleServers` (VNet injection, set at creation).
   * Needs `privateDnsZoneId`; excludes `privateEndpoints`.
   * @default none: the server is reached through private endpoints (or its public endpoint)
   */
  readonly delegatedSubnetId?: string;
  /**
   * Private DNS zone ending in `.postgres.database.azure.com` (e.g. `privatelink.postgres.database.azure.com`) for VNet injection.
   * @default none
   */
  readonly privateDnsZoneId?: string;
  /**
   * Expose the public endpoint (filtered by `firewallRules`).
   * @default false
   */
  readonly publicNetworkAccess?: boolean;
  /**
   * Public endpoint firewall rules.
   * @default none: nothing reaches the public endpoint
   */
  readonly firewallRules?: PostgresFirewallRule[];
  /**
   * Weekly maintenance window in UTC (day 0 = Sunday).
   * @default system-managed
   */
  readonly maintenanceWindow?: { readonly dayOfWeek: number; readonly startHour: number; readonly startMinute?: number };
  /**
   * Server parameters set on top of the secure ones (`require_secure_transport=on`,
   * `ssl_min_protocol_version=TLSv1.2`, `log_connections=on`, `log_disconnections=on`).
   * @default none
   */
  readonly serverParameters?: Record<string, string>;
}

const skuOf = (p: PostgresFlexibleServerProps) => p.sku ?? 'B_Standard_B1ms';
const haOf = (p: PostgresFlexibleServerProps) => p.highAvailability ?? 'Disabled';
const dbName = (d: PostgresDatabaseSpec | string) => (typeof d === 'string' ? d : d.name);
const between = (n: number | undefined, lo: number, hi: number) => n === undefined || intInRange(n, lo, hi);
const IPV4 = /^((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

/** Server parameters every server gets: TLS 1.2+ only, connection logging. */
export const SECURE_SERVER_PARAMETERS: Readonly<Record<string, string>> = {
  require_secure_transport: 'on',
  ssl_min_protocol_version: 'TLSv1.2',
  log_connections: 'on',
  log_disconnections: 'on',
};

const RULES: Rule<PostgresFlexibleServerProps>[] = [
  { rule: `version must be one of ${POSTGRES_VERSIONS.join(', ')}`, check: (p) => (p.version !== undefined && !POSTGRES_VERSIONS.includes(p.version) ? p.version : undefined) },
  {
    rule: 'sku must be a flexible server SKU such as B_Standard_B1ms, GP_Standard_D2ds_v5 or MO_Standard_E4ds_v5',
    check: (p) => (POSTGRES_SKU.test(skuOf(p)) ? undefined : skuOf(p)),
  },
  {
    rule: 'storageMiB and its deprecated alias storageMb disagree',
    check: (p) => (p.storageMiB !== undefined && p.storageMb !== undefined && p.storageMiB !== p.storageMb ? { storageMiB: p.storageMiB, storageMb: p.storageMb } : undefined),
  },
  {
    rule: `storageMiB must be one of ${POSTGRES_STORAGE_MB.join(', ')}`,
    check: (p) => {
      const mib = p.storageMiB ?? p.storageMb;
      return mib !== undefined && !(POSTGRES_STORAGE_MB as readonly number[]).includes(mib) ? mib : undefined;
    },
  },
  { rule: 'backupRetentionDays must be an integer between 7 and 35', check: (p) => (between(p.backupRetentionDays, 7, 35) ? undefined : p.backupRetentionDays) },
  {
    rule: 'highAvailability must be Disabled, SameZone or ZoneRedundant',
    check: (p) => (!['Disabled', 'SameZone', 'ZoneRedundant'].includes(haOf(p)) ? p.highAvailability : undefined),
  },
  {
    rule: (p) => `${haOf(p)} high availability needs a General Purpose or Memory Optimized SKU (Burstable has no standby)`,
    check: (p) => (haOf(p) !== 'Disabled' && skuOf(p).startsWith('B_') ? skuOf(p) : undefined),
  },
  { rule: 'standbyZone needs ZoneRedundant high availability', check: (p) => (p.standbyZone !== undefined && haOf(p) !== 'ZoneRedundant' ? p.standbyZone : undefined) },
  { rule: 'standbyZone must differ from zone', check: (p) => (p.standbyZone !== undefined && p.standbyZone === p.zone ? p.standbyZone : undefined) },
  {
    rule: 'delegatedSubnetId and privateDnsZoneId go together (VNet injection)',
    check: (p) => ((p.delegatedSubnetId === undefined) !== (p.privateDnsZoneId === undefined) ? { delegatedSubnetId: p.delegatedSubnetId, privateDnsZoneId: p.privateDnsZoneId } : undefined),
  },
  {
    rule: 'a VNet-injected server (delegatedSubnetId) cannot also use privateEndpoints or publicNetworkAccess',
    check: (p) => (p.delegatedSubnetId !== undefined && (specList(p.privateEndpoints).length > 0 || p.publicNetworkAccess) ? p.delegatedSubnetId : undefined),
  },
  {
    rule: 'privateDnsZoneId must end with .postgres.database.azure.com',
    check: (p) => (p.privateDnsZoneId !== undefined && !Token.isUnresolved(p.privateDnsZoneId) && !/\.postgres\.database\.azure\.com$/.test(p.privateDnsZoneId) ? p.privateDnsZoneId : undefined),
  },
  { rule: 'firewallRules need publicNetworkAccess: true', check: (p) => ((p.firewallRules ?? []).length > 0 && !p.publicNetworkAccess ? p.firewallRules!.map((r) => r.name) : undefined) },
  {
    rule: 'firewallRules need IPv4 start and end addresses, and must not open every address (0.0.0.0-255.255.255.255)',
    check: (p) =>
      (p.firewallRules ?? []).find((r) => !IPV4.test(r.startIpAddress) || !IPV4.test(r.endIpAddress) || (r.startIpAddress === '0.0.0.0' && r.endIpAddress === '255.255.255.255'))?.name,
  },
  { rule: 'at least one of passwordAuth and entraAuth must be on', check: (p) => (p.passwordAuth === false && p.entraAuth === false ? { passwordAuth: false, entraAuth: false } : undefined) },
  {
    rule: 'password authentication needs a keyVault to store the generated administrator password',
    check: (p) => ((p.passwordAuth ?? true) && p.keyVault === undefined ? 'keyVault' : undefined),
  },
  { rule: 'entraAdministrator needs entraAuth', check: (p) => (p.entraAdministrator !== undefined && p.entraAuth === false ? p.entraAdministrator.principalName : undefined) },
  {
    rule: `administratorLogin must be 1-63 letters, digits or underscores, start with a letter, not start with pg_ and not be ${RESERVED_LOGINS.join(', ')}`,
    check: (p) => {
      const l = p.administratorLogin;
      return l !== undefined && (!/^[A-Za-z][A-Za-z0-9_]{0,62}$/.test(l) || /^pg_/i.test(l) || RESERVED_LOGINS.includes(l.toLowerCase())) ? l : undefined;
    },
  },
  { rule: DB_NAME_RULE, check: (p) => (p.databases ?? []).map(dbName).find((n) => !validDbName(n)) },
  { rule: 'database names must be unique', check: (p) => firstDuplicate((p.databases ?? []).map(dbName)) },
  {
    rule: 'maintenanceWindow needs dayOfWeek 0-6, startHour 0-23 and startMinute 0-59',
    check: (p) => {
      const m = p.maintenanceWindow;
      return m && !(between(m.dayOfWeek, 0, 6) && between(m.startHour, 0, 23) && between(m.startMinute, 0, 59)) ? m : undefined;
    },
  },
  {
    rule: 'PostgreSQL flexible servers take user-assigned identities only',
    check: (p) => (p.managedIdentities?.systemAssigned ? p.managedIdentities : undefined),
  },
  {
    rule: 'serverParameters must not weaken require_secure_transport (on) or ssl_min_protocol_version (TLSv1.2 or TLSv1.3)',
    check: (p) => {
      const sp = p.serverParameters ?? {};
      if (sp.require_secure_transport !== undefined && sp.require_secure_transport.toLowerCase() !== 'on') return { require_secure_transport: sp.require_secure_transport };
      if (sp.ssl_min_protocol_version !== undefined && !['TLSv1.2', 'TLSv1.3'].includes(sp.ssl_min_protocol_version)) return { ssl_min_protocol_version: sp.ssl_min_protocol_version };
      return undefined;
    },
  },
];

/**
 * Azure Database for PostgreSQL flexible server. (Azure Database for
 * PostgreSQL *single server*, which seed 001 describes, was retired on
 * 28 March 2025; flexible server is its replacement.)
 *
 * Secure by default: TLS 1.2+ required through server parameters
 * (`require_secure_transport=on`, `ssl_min_protocol_version=TLSv1.2`),
 * connection logging, public endpoint off (private endpoints or VNet
 * injection), Entra ID authentication on, and the administrator password
 * generated with `random_password` straight into Key Vault. Backups are kept
 * 7 days (7–35 validated), geo-redundant backup is opt-in, and high
 * availability is refused on Burstable SKUs.
 */
export class PostgresFlexibleServer extends Construct {
  public readonly resource: PostgresqlFlexibleServer;
  public readonly id: string;
  public readonly name: string;
  /** `<name>.postgres.database.azure.com`. */
  public readonly fqdn: string;
  public readonly administratorLogin?: string;
  /**
   * The generated administrator password (a sensitive token; put it only into Key Vault secrets).
   * @default undefined without password authentication
   */
  public readonly administratorPassword?: string;
  /** The Key Vault secret holding the administrator password. */
  public readonly administratorPasswordSecret?: VaultSecret;
  public readonly databases: Record<string, PostgresqlFlexibleServerDatabase> = {};
  public readonly interfaces: AppliedAvmInterfaces;

  constructor(scope: Construct, id: string, props: PostgresFlexibleServerProps = {}) {
    super(scope, id);
    requireProps(this, props, []);
    validateProps(this, props, RULES, { eager: true }); // eager: construction reads keyVault and the auth settings
    const { stack, name, location, resourceGroupName } = resolvePlacement(this, 'postgresqlFlexibleServer', props, 'Microsoft.DBforPostgreSQL');
    const passwordAuth = props.passwordAuth ?? true;
    const entraAuth = props.entraAuth ?? true;
    const ha = haOf(props);

    if (passwordAuth) {
      this.administratorLogin = props.administratorLogin ?? 'psqladmin';
      // URL-safe specials: the password goes into DATABASE_URL unescaped.
      this.administratorPasswordSecret = props.keyVault!.addGeneratedSecret(props.passwordSecretName ?? 'postgres-admin-password', {
        length: 32,
        special: true,
        overrideSpecial: '-_',
      });
      this.administratorPassword = this.administratorPasswordSecret.password!.result;
    }

    this.resource = new PostgresqlFlexibleServer(this, 'Resource', {
      name,
      location,
      resourceGroupName,
      version: props.version ?? '16',
      skuName: skuOf(props),
      storageMb: props.storageMiB ?? props.storageMb ?? 32768,
      autoGrowEnabled: props.autoGrow ?? true,
      backupRetentionDays: props.backupRetentionDays ?? 7,
      geoRedundantBackupEnabled: props.geoRedundantBackup ?? false,
      administratorLogin: this.administratorLogin,
      administratorPassword: this.administratorPassword,
      authentication: {
        passwordAuthEnabled: passwordAuth,
        activeDirectoryAuthEnabled: entraAuth,
        tenantId: entraAuth ? stack.tenantId : undefined,
      },
      publicNetworkAccessEnabled: props.publicNetworkAccess ?? false,
      delegatedSubnetId: props.delegatedSubnetId,
      privateDnsZoneId: props.privateDnsZoneId,
      zone: props.zone,
      highAvailability: ha !== 'Disabled' ? { mode: ha, standbyAvailabilityZone: props.standbyZone } : undefined,
      maintenanceWindow: props.maintenanceWindow
        ? { dayOfWeek: props.maintenanceWindow.dayOfWeek, startHour: props.maintenanceWindow.startHour, startMinute: props.maintenanceWindow.startMinute ?? 0 }
        : undefined,
      identity: identityBlock(props.managedIdentities),
      // After a failover Azure swaps the zones; do not fail back on the next apply.
      lifecycle: ha !== 'Disabled' ? { ignoreChanges: ['zone', 'high_availability[0].standby_availability_zone'] } : undefined,
      tags: props.tags,
    });
    this.id = this.resource.id;
    this.name = this.resource.name;
    this.fqdn = this.resource.fqdn;

    // Azure applies one parameter change at a time: chain them so parallel updates do not collide.
    let previous: ITerraformDependable | undefined;
    for (const [param, value] of Object.entries({ ...SECURE_SERVER_PARAMETERS, ...(props.serverParameters ?? {}) })) {
      previous = new PostgresqlFlexibleServerConfiguration(this, `Param-${param}`, {
        name: param,
        serverId: this.id,
        value,
        dependsOn: previous ? [previous] : undefined,
      });
    }

    for (const d of props.databases ?? []) this.addDatabase(d);

    (props.firewallRules ?? []).forEach((r, i) => {
      new PostgresqlFlexibleServerFirewallRule(this, `Firewall${i}`, { name: r.name, serverId: this.id, startIpAddress: r.startIpAddress, endIpAddress: r.endIpAddress });
    });

    if (props.entraAdministrator) {
      new PostgresqlFlexibleServerActiveDirectoryAdministrator(this, 'EntraAdmin', {
        serverName: this.name,
        resourceGroupName,
        tenantId: stack.tenantId,
        objectId: props.entraAdministrator.objectId,
        principalName: props.entraAdministrator.principalName,
        principalType: props.entraAdministrator.principalType,
      });
    }

    this.interfaces = applyAvmInterfaces(this, { resourceId: this.id, resourceName: name, location, resourceGroupName, defaultPrivateEndpointSubresource: 'postgresqlServer' }, props);
  }

  /** Adds a database (UTF8, `en_US.utf8` unless told otherwise). */
  addDatabase(spec: PostgresDatabaseSpec | string): PostgresqlFlexibleServerDatabase {
    const d = typeof spec === 'string' ? { name: spec } : spec;
    ensure(this, validDbName(d.name), DB_NAME_RULE, d.name);
    ensure(this, this.databases[d.name] === undefined, 'database names must be unique', d.name);
    const db = new PostgresqlFlexibleServerDatabase(this, `Db-${d.name}`, { name: d.name, serverId: this.id, charset: d.charset ?? 'UTF8', collation: d.collation ?? 'en_US.utf8' });
    this.databases[d.name] = db;
    return db;
  }

  /**
   * `postgresql://<login>:<password>@<fqdn>:5432/<database>?sslmode=require`
   * with the generated administrator password (a token). Store it with
   * `KeyVault.addSecret` and hand it to the app as a Key Vault reference.
   */
  connectionUrl(database: string): string {
    ensure(this, this.administratorPassword !== undefined, 'connectionUrl needs password authentication', database);
    ensure(this, this.databases[database] !== undefined, `connectionUrl: no database named ${database} (databases: ${Object.keys(this.databases).join(', ')})`, database);
    return `postgresql://${this.administratorLogin}:${this.administratorPassword}@${this.fqdn}:5432/${database}?sslmode=require`;
  }
}
