import { MssqlDatabase } from '@cdktf/provider-azurerm/lib/mssql-database';
import { MssqlServer } from '@cdktf/provider-azurerm/lib/mssql-server';
import { MssqlServerExtendedAuditingPolicy } from '@cdktf/provider-azurerm/lib/mssql-server-extended-auditing-policy';
import { MssqlVirtualNetworkRule } from '@cdktf/provider-azurerm/lib/mssql-virtual-network-rule';
import { Construct } from 'constructs';
import { Rule, validateProps, requireProps, firstDuplicate } from '../../core/validation';
import { AppliedAvmInterfaces, applyAvmInterfaces, AvmCommonProps, DiagnosticSettingsProps, PrivateEndpointsProps } from '../core/interfaces';
import { AzureResourceProps, resolvePlacement } from '../core/placement';
import { specList } from '../core/interfaces';
import { Metric } from '../observability/metric';

/** The Entra ID administrator of the server (a group, ideally). */
export interface SqlEntraAdmin {
  /** Display name of the user or group. */
  readonly login: string;
  /** Its object id. */
  readonly objectId: string;
}

export interface SqlDatabaseSpec {
  /** Database name. */
  readonly name: string;
  /**
   * SKU: `Basic`, `S0`-`S12`, `GP_Gen5_2`, `GP_S_Gen5_1` (serverless), ...
   * @default 'Basic'
   */
  readonly sku?: string;
  /**
   * Point-in-time restore window in days (1-35; Basic at most 7).
   * @default 7
   */
  readonly pitrDays?: number;
  /**
   * Maximum size in GB.
   * @default the SKU's default
   */
  readonly maxSizeGb?: number;
}

export interface SqlServerProps extends AzureResourceProps, AvmCommonProps, DiagnosticSettingsProps, PrivateEndpointsProps {
  /**
   * Entra ID administrator; SQL authentication is off.
   * @default the principal running Terraform
   */
  readonly entraAdmin?: SqlEntraAdmin;
  /** Databases on the server. */
  readonly databases: SqlDatabaseSpec[];
  /**
   * Subnets (with the `Microsoft.Sql` service endpoint) allowed through the public endpoint when there is no private endpoint.
   * @default none
   */
  readonly virtualNetworkSubnetIds?: string[];
  /**
   * Geo-redundant backup storage.
   * @default true when the stack's stage is `production` (`isProduction`), false otherwise
   */
  readonly geoRedundantBackup?: boolean;
}

const DTU_MAX_PITR: Record<string, number> = { Basic: 7 };

const RULES: Rule<SqlServerProps>[] = [
  { rule: 'at least one database is needed', check: (p) => (p.databases.length === 0 ? p.databases : undefined) },
  { rule: 'pitrDays must be an integer between 1 and 35', check: (p) => p.databases.map((d) => d.pitrDays).find((n) => n !== undefined && !(Number.isInteger(n) && n >= 1 && n <= 35)) },
  { rule: 'a Basic database keeps point-in-time backups at most 7 days', check: (p) => p.databases.find((d) => (d.sku ?? 'Basic') in DTU_MAX_PITR && (d.pitrDays ?? 7) > DTU_MAX_PITR[d.sku ?? 'Basic'])?.pitrDays },
  {
    rule: 'virtualNetworkSubnetIds apply to the public endpoint, which is off with private endpoints',
    check: (p) => (specList(p.privateEndpoints).length > 0 && (p.virtualNetworkSubnetIds ?? []).length > 0 ? p.virtualNetworkSubnetIds!.length : undefined),
  },
  { rule: 'database names must be unique', check: (p) => firstDuplicate(p.databases.map((d) => d.name)) },
];

/**
 * An Azure SQL logical server with Entra ID-only authentication (no SQL
 * password anywhere), TLS 1.2, the public endpoint off when private endpoints
 * are given (VNet rules otherwise), a system identity, and its databases with
 * point-in-time restore (short-term retention) and TDE.
 */
export class SqlServer extends Construct {
  public readonly resource: MssqlServer;
  public readonly id: string;
  public readonly name: string;
  /** `<name>.database.windows.net`. */
  public readonly fullyQualifiedDomainName: string;
  public readonly databases: Record<string, MssqlDatabase> = {};
  public readonly interfaces: AppliedAvmInterfaces;

  constructor(scope: Construct, id: string, props: SqlServerProps) {
    super(scope, id);
    requireProps(this, props, ['databases']);
    validateProps(this, props, RULES);
    const { stack, name, location, resourceGroupName } = resolvePlacement(this, 'sqlServer', props, 'Microsoft.Sql');
    const privateOnly = specList(props.privateEndpoints).length > 0;
    const admin = props.entraAdmin ?? { login: 'terraform-deployer', objectId: stack.deployerObjectId };
    this.resource = new MssqlServer(this, 'Resource', {
      name,
      location,
      resourceGroupName,
      version: '12.0',
      minimumTlsVersion: '1.2',
      publicNetworkAccessEnabled: !privateOnly,
      outboundNetworkRestrictionEnabled: false,
      expressVulnerabilityAssessmentEnabled: true,
      azureadAdministrator: { loginUsername: admin.login, objectId: admin.objectId, tenantId: stack.tenantId, azureadAuthenticationOnly: true },
      identity: { type: 'SystemAssigned' },
      tags: props.tags,
    });
    this.id = this.resource.id;
    this.name = this.resource.name;
    this.fullyQualifiedDomainName = this.resource.fullyQualifiedDomainName;
    // Server auditing to Azure Monitor: with a diagnostic setting, audit events land in Log Analytics.
    new MssqlServerExtendedAuditingPolicy(this, 'Auditing', { serverId: this.id, logMonitoringEnabled: true, enabled: true });
    if (!privateOnly) {
      (props.virtualNetworkSubnetIds ?? []).forEach((subnetId, i) => new MssqlVirtualNetworkRule(this, `VnetRule${i}`, { name: `vnet-rule-${i + 1}`, serverId: this.id, subnetId }));
    }
    const geo = props.geoRedundantBackup ?? stack.isProduction;
    for (const d of props.databases) {
      this.databases[d.name] = new MssqlDatabase(this, `Database-${d.name}`, {
        name: d.name,
        serverId: this.id,
        skuName: d.sku ?? 'Basic',
        maxSizeGb: d.maxSizeGb,
        collation: 'SQL_Latin1_General_CP1_CI_AS',
        storageAccountType: geo ? 'Geo' : 'Local',
        transparentDataEncryptionEnabled: true,
        ledgerEnabled: false,
        shortTermRetentionPolicy: { retentionDays: d.pitrDays ?? 7 },
        tags: props.tags,
      });
    }
    this.interfaces = applyAvmInterfaces(this, { resourceId: this.id, resourceName: name, location, resourceGroupName, defaultPrivateEndpointSubresource: 'sqlServer' }, { ...props, diagnosticSettings: undefined });
    // Server audit events are emitted by the master database.
    if (specList(props.diagnosticSettings).length > 0) {
      applyAvmInterfaces(new Construct(this, 'AuditDiagnostics'), { resourceId: `${this.id}/databases/master`, resourceName: `${name}-audit`, diagnosticDefaults: { logCategoryGroups: [], metricCategories: [] } }, {
        diagnosticSettings: specList(props.diagnosticSettings).map((d) => ({ workspaceResourceId: d.workspaceResourceId, logCategories: ['SQLSecurityAuditEvents'], metricCategories: [] })),
      });
    }
    // Diagnostic settings live on the databases (the server has no log categories); the server's lock and prevent_destroy cover them too.
    Object.values(this.databases).forEach((db, i) =>
      applyAvmInterfaces(new Construct(this, `DatabaseDiagnostics${i}`), { resourceId: db.id, resourceName: `${name}-${Object.keys(this.databases)[i]}`, resource: db, diagnosticDefaults: { logCategoryGroups: ['allLogs'], metricCategories: ['Basic'] } }, { diagnosticSettings: props.diagnosticSettings, lock: props.lock, preventDestroy: props.preventDestroy }),
    );
  }

  /** DTU consumption percent of one database of this server (`dtu_consumption_percent`, average). */
  metricDtuConsumption(database: string): Metric {
    const db = this.databases[database];
    if (!db) throw new Error(`${this.node.path}: metricDtuConsumption needs a database of this server (${Object.keys(this.databases).join(', ') || 'none'}) (got ${JSON.stringify(database)})`);
    return new Metric({ resourceId: db.id, namespace: 'Microsoft.Sql/servers/databases', metricName: 'dtu_consumption_percent' });
  }
}
