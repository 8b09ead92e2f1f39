import {
  azurePortRange,
  forbidTrue,
  get,
  isExpression,
  isFalse,
  isSet,
  isTrue,
  isWorld,
  list,
  preventDestroy,
  rangeBeyondWeb,
  requireAtLeast,
  requireSet,
  requireTls12,
  requireTrue,
  requireValues,
  rule,
  tlsVersion,
} from './helpers';
import { PolicyPack, PolicyRule, ResourceView, RuleContext, Violation } from './types';

const WEB_APPS = ['azurerm_linux_web_app', 'azurerm_windows_web_app', 'azurerm_linux_function_app', 'azurerm_windows_function_app'] as const;

/** Data services: public network access off, diagnostic settings, private endpoints, locks. */
const DATA_SERVICES = [
  'azurerm_storage_account',
  'azurerm_key_vault',
  'azurerm_postgresql_flexible_server',
  'azurerm_mysql_flexible_server',
  'azurerm_mssql_server',
  'azurerm_cosmosdb_account',
  'azurerm_container_registry',
  'azurerm_redis_cache',
  'azurerm_servicebus_namespace',
  'azurerm_cognitive_account',
] as const;

/** Stateful resources production protects (locks, prevent_destroy). */
const STATEFUL = [
  'azurerm_storage_account',
  'azurerm_key_vault',
  'azurerm_postgresql_flexible_server',
  'azurerm_mysql_flexible_server',
  'azurerm_mssql_server',
  'azurerm_mssql_database',
  'azurerm_cosmosdb_account',
  'azurerm_container_registry',
] as const;

/** Resources whose logs matter: each has an azurerm_monitor_diagnostic_setting. */
const DIAGNOSED = [
  ...DATA_SERVICES,
  'azurerm_linux_web_app',
  'azurerm_windows_web_app',
  'azurerm_linux_function_app',
  'azurerm_application_gateway',
  'azurerm_firewall',
  'azurerm_api_management',
  'azurerm_data_factory',
  'azurerm_cdn_frontdoor_profile',
] as const;

/** A public network access flag is off (`public_network_access_enabled` false, or `public_network_access` "Disabled"). */
function publicAccessOff(attribute: string): (r: ResourceView) => Violation | undefined {
  return (r) => {
    const v = r.attrs[attribute];
    if (isExpression(v)) return undefined;
    return isFalse(v) || v === 'Disabled' ? undefined : { attribute, value: v };
  };
}

/** A configuration resource (`name`, `value`) of a server, by parameter name. */
function serverConfig(r: ResourceView, ctx: RuleContext, type: string, name: string): unknown {
  // PostgreSQL configurations point at the server by `server_id`; MySQL ones by `server_name` (azurerm 4).
  const attr = type === 'azurerm_mysql_flexible_server_configuration' ? 'server_name' : 'server_id';
  const c = ctx.referencing(r, type, attr).find((x) => x.attrs.name === name);
  return c ? c.attrs.value : undefined;
}

/** Inbound Allow from the internet on a port that is not 80/443. */
function nsgRuleOpen(rr: Record<string, unknown>): string | undefined {
  if (String(rr.direction ?? '').toLowerCase() !== 'inbound' || String(rr.access ?? '').toLowerCase() !== 'allow') return undefined;
  const sources = [...list(rr.source_address_prefix), ...list(rr.source_address_prefixes)];
  if (!isWorld(sources)) return undefined;
  const ranges = [...list(rr.destination_port_range), ...list(rr.destination_port_ranges)];
  for (const s of ranges) {
    const p = azurePortRange(s);
    if (!p || rangeBeyondWeb(p[0], p[1])) return `${rr.protocol} ${s} from ${sources.join(',')}`;
  }
  return undefined;
}

const blocks = (v: unknown): Record<string, unknown>[] => (Array.isArray(v) ? v : v ? [v] : []) as Record<string, unknown>[];

export const AZURE_RULES: readonly PolicyRule[] = [
  // ------------------------------------------------------------------ storage
  rule({
    id: 'AZ-ST-001',
    types: 'azurerm_storage_account',
    description: 'storage account requires TLS 1.2 or newer',
    fix: 'set min_tls_version TLS1_2',
    checkov: 'CKV_AZURE_44',
    check: requireTls12('min_tls_version'),
  }),
  rule({
    id: 'AZ-ST-002',
    types: 'azurerm_storage_account',
    description: 'storage account accepts HTTPS only',
    fix: 'leave https_traffic_only_enabled true',
    checkov: 'CKV_AZURE_3',
    check: (r) => (isFalse(r.attrs.https_traffic_only_enabled) ? { attribute: 'https_traffic_only_enabled', value: false } : undefined),
  }),
  rule({
    id: 'AZ-ST-003',
    types: 'azurerm_storage_account',
    description: 'storage account disables shared keys (Entra ID only)',
    fix: 'set shared_access_key_enabled false and grant data roles to identities',
    checkov: 'CKV2_AZURE_40',
    check: (r) => (isFalse(r.attrs.shared_access_key_enabled) ? undefined : { attribute: 'shared_access_key_enabled', value: r.attrs.shared_access_key_enabled }),
  }),
  rule({
    id: 'AZ-ST-004',
    types: 'azurerm_storage_account',
    description: 'storage account disallows anonymous (public) blob access',
    fix: 'set allow_nested_items_to_be_public false',
    checkov: ['CKV_AZURE_190', 'CKV2_AZURE_47'],
    check: (r) => (isFalse(r.attrs.allow_nested_items_to_be_public) ? undefined : { attribute: 'allow_nested_items_to_be_public', value: r.attrs.allow_nested_items_to_be_public }),
  }),
  rule({
    id: 'AZ-ST-005',
    types: 'azurerm_storage_account',
    description: 'storage account has public network access off',
    fix: 'set public_network_access_enabled false and reach it through a private endpoint',
    checkov: 'CKV_AZURE_59',
    check: publicAccessOff('public_network_access_enabled'),
  }),
  rule({
    id: 'AZ-ST-006',
    types: 'azurerm_storage_account',
    description: 'storage account network rules deny by default',
    fix: 'set network_rules { default_action = "Deny" }',
    checkov: 'CKV_AZURE_35',
    check: (r, ctx) => {
      const inline = get(r.attrs, 'network_rules.default_action');
      const separate = ctx.referencing(r, 'azurerm_storage_account_network_rules', 'storage_account_id').map((x) => x.attrs.default_action);
      return [inline, ...separate].includes('Deny') ? undefined : { attribute: 'network_rules.default_action', value: inline };
    },
  }),
  rule({
    id: 'AZ-ST-007',
    types: 'azurerm_storage_container',
    description: 'blob container is private',
    fix: 'set container_access_type private',
    checkov: 'CKV_AZURE_34',
    check: requireValues('container_access_type', ['private'], true),
  }),
  rule({
    id: 'AZ-ST-008',
    severity: 'warning',
    types: 'azurerm_storage_account',
    description: 'storage account keeps deleted blobs (soft delete)',
    fix: 'set blob_properties { delete_retention_policy { days = 7 } }',
    checkov: 'CKV2_AZURE_38',
    check: requireSet('blob_properties.delete_retention_policy'),
  }),
  rule({
    id: 'AZ-ST-009',
    severity: 'warning',
    stage: 'production',
    types: 'azurerm_storage_account',
    description: 'production storage account is geo-redundant',
    fix: 'set account_replication_type GRS, RAGRS, GZRS or RAGZRS',
    checkov: 'CKV_AZURE_206',
    check: requireValues('account_replication_type', ['GRS', 'RAGRS', 'GZRS', 'RAGZRS']),
  }),
  // ------------------------------------------------------------------ Key Vault
  rule({
    id: 'AZ-KV-001',
    types: 'azurerm_key_vault',
    description: 'Key Vault has purge protection',
    fix: 'set purge_protection_enabled true',
    checkov: ['CKV_AZURE_110', 'CKV_AZURE_42'],
    check: requireTrue('purge_protection_enabled'),
  }),
  rule({
    id: 'AZ-KV-002',
    types: 'azurerm_key_vault',
    description: 'Key Vault keeps deleted vaults and objects at least 7 days (soft delete)',
    fix: 'set soft_delete_retention_days between 7 and 90 (90 by default)',
    checkov: 'CKV_AZURE_42',
    check: requireAtLeast('soft_delete_retention_days', 7, 90),
  }),
  rule({
    id: 'AZ-KV-003',
    types: 'azurerm_key_vault',
    description: 'Key Vault is not reachable from every network',
    fix: 'set public_network_access_enabled false, or network_acls { default_action = "Deny" }',
    checkov: ['CKV_AZURE_109', 'CKV_AZURE_189'],
    check: (r) => (isFalse(r.attrs.public_network_access_enabled) || get(r.attrs, 'network_acls.default_action') === 'Deny' ? undefined : { attribute: 'network_acls.default_action', value: get(r.attrs, 'network_acls.default_action') }),
  }),
  rule({
    id: 'AZ-KV-004',
    severity: 'warning',
    types: 'azurerm_key_vault',
    description: 'Key Vault uses Azure RBAC instead of access policies',
    fix: 'set rbac_authorization_enabled true',
    check: (r) => (isTrue(r.attrs.rbac_authorization_enabled) || isTrue(r.attrs.enable_rbac_authorization) ? undefined : { attribute: 'rbac_authorization_enabled', value: r.attrs.rbac_authorization_enabled }),
  }),
  rule({
    id: 'AZ-KV-005',
    severity: 'warning',
    types: ['azurerm_key_vault_key', 'azurerm_key_vault_secret'],
    description: 'Key Vault keys and secrets have an expiration date',
    fix: 'set expiration_date (and rotate)',
    checkov: ['CKV_AZURE_40', 'CKV_AZURE_41'],
    check: requireSet('expiration_date'),
  }),
  // ------------------------------------------------------------------ diagnostics, private endpoints, identities
  rule({
    id: 'AZ-DIAG-001',
    types: DIAGNOSED,
    description: 'resource sends its logs to diagnostic settings',
    fix: 'add diagnosticSettings (azurerm_monitor_diagnostic_setting targeting the resource)',
    check: (r, ctx) => (ctx.referencing(r, 'azurerm_monitor_diagnostic_setting', 'target_resource_id').length > 0 ? undefined : { attribute: 'azurerm_monitor_diagnostic_setting', value: undefined }),
  }),
  rule({
    id: 'AZ-NET-001',
    types: DATA_SERVICES,
    description: 'data service has a private endpoint when the stack asks for private endpoints',
    fix: 'add privateEndpoints to the construct, or Policy.of(stack).settings.privateEndpoints = false',
    checkov: ['CKV2_AZURE_32', 'CKV2_AZURE_33', 'CKV2_AZURE_45', 'CKV2_AZURE_56', 'CKV2_AZURE_57'],
    check: (r, ctx) => {
      if (ctx.settings.privateEndpoints !== true) return undefined;
      return ctx.referencing(r, 'azurerm_private_endpoint').length > 0 ? undefined : { attribute: 'azurerm_private_endpoint', value: undefined };
    },
  }),
  rule({
    id: 'AZ-ID-001',
    types: [...WEB_APPS, 'azurerm_container_app', 'azurerm_data_factory', 'azurerm_api_management', 'azurerm_cognitive_account', 'azurerm_servicebus_namespace'],
    description: 'compute and services use a managed identity (no stored credentials)',
    fix: 'add identity { type = "SystemAssigned" } (managedIdentities) and grant it roles',
    checkov: ['CKV_AZURE_16', 'CKV_AZURE_71', 'CKV_AZURE_202'],
    check: requireSet('identity'),
  }),
  rule({
    id: 'AZ-ID-002',
    types: 'azurerm_container_registry',
    description: 'container registry admin user (shared credential) is off',
    fix: 'set admin_enabled false; pull with AcrPull on a managed identity',
    checkov: 'CKV_AZURE_137',
    check: forbidTrue('admin_enabled'),
  }),
  rule({
    id: 'AZ-ID-003',
    types: 'azurerm_cosmosdb_account',
    description: 'Cosmos DB disables key (local) authentication',
    fix: 'set local_authentication_disabled true and use Entra ID data roles',
    checkov: 'CKV_AZURE_140',
    check: requireTrue('local_authentication_disabled'),
  }),
  rule({
    id: 'AZ-ID-004',
    types: ['azurerm_servicebus_namespace', 'azurerm_cognitive_account'],
    description: 'Service Bus / Azure OpenAI disable local (key/SAS) authentication',
    fix: 'set local_auth_enabled false and use Entra ID roles',
    checkov: 'CKV_AZURE_236',
    check: (r) => (isFalse(r.attrs.local_auth_enabled) ? undefined : { attribute: 'local_auth_enabled', value: r.attrs.local_auth_enabled }),
  }),
  rule({
    id: 'AZ-ID-005',
    types: WEB_APPS,
    description: 'app does not keep a storage account key (uses its managed identity)',
    fix: 'set storage_uses_managed_identity true instead of storage_account_access_key',
    check: (r) => (isSet(r.attrs.storage_account_access_key) ? { attribute: 'storage_account_access_key', value: '(set)' } : undefined),
  }),
  // ------------------------------------------------------------------ NSG
  rule({
    id: 'AZ-NSG-001',
    types: 'azurerm_network_security_rule',
    description: 'no inbound Allow from */Internet/0.0.0.0/0 on ports other than 80/443',
    fix: 'restrict source_address_prefix to a subnet, service tag or known range',
    checkov: ['CKV_AZURE_9', 'CKV_AZURE_10', 'CKV_AZURE_77'],
    check: (r) => {
      const v = nsgRuleOpen(r.attrs);
      return v ? { attribute: 'source_address_prefix', value: v } : undefined;
    },
  }),
  rule({
    id: 'AZ-NSG-002',
    types: 'azurerm_network_security_group',
    description: 'no inline inbound Allow from */Internet on ports other than 80/443',
    fix: 'restrict the source of the security_rule',
    checkov: ['CKV_AZURE_9', 'CKV_AZURE_10', 'CKV_AZURE_77'],
    check: (r) =>
      blocks(r.attrs.security_rule).flatMap((b, i) => {
        const v = nsgRuleOpen(b);
        return v ? [{ attribute: `security_rule.${i}`, value: v }] : [];
      }),
  }),
  // ------------------------------------------------------------------ production protection
  rule({
    id: 'AZ-LOCK-001',
    stage: 'production',
    types: STATEFUL,
    description: 'production stateful resource has a CanNotDelete/ReadOnly lock (on it or its resource group)',
    fix: "set lock: { kind: 'CanNotDelete' } on the construct",
    check: (r, ctx) => {
      if (ctx.referencing(r, 'azurerm_management_lock', 'scope').length > 0) return undefined;
      const rg = String(r.attrs.resource_group_name ?? '');
      const rgLocked = ctx.byType('azurerm_management_lock').some((l) => ctx.resources.some((g) => g.type === 'azurerm_resource_group' && rg.includes(`${g.address}.`) && String(l.attrs.scope ?? '').includes(`${g.address}.`)));
      return rgLocked ? undefined : { attribute: 'azurerm_management_lock', value: undefined };
    },
  }),
  rule({
    id: 'AZ-PROT-001',
    stage: 'production',
    types: [...STATEFUL, 'azurerm_servicebus_namespace'],
    description: 'production stateful resource has lifecycle.prevent_destroy',
    fix: 'set preventDestroy on the construct (lifecycle { prevent_destroy = true })',
    check: preventDestroy(),
  }),
  // ------------------------------------------------------------------ databases
  rule({
    id: 'AZ-SQL-001',
    types: 'azurerm_mssql_server',
    description: 'Azure SQL server requires TLS 1.2 or newer',
    fix: 'set minimum_tls_version "1.2"',
    checkov: 'CKV_AZURE_52',
    check: requireTls12('minimum_tls_version'),
  }),
  rule({
    id: 'AZ-SQL-002',
    types: 'azurerm_mssql_server',
    description: 'Azure SQL server has public network access off',
    fix: 'set public_network_access_enabled false and add a private endpoint',
    checkov: 'CKV_AZURE_113',
    check: publicAccessOff('public_network_access_enabled'),
  }),
  rule({
    id: 'AZ-SQL-003',
    types: 'azurerm_mssql_server',
    description: 'Azure SQL server has auditing',
    fix: 'add azurerm_mssql_server_extended_auditing_policy (to Log Analytics via diagnostic settings) keeping 90+ days (0 = forever)',
    checkov: ['CKV_AZURE_23', 'CKV_AZURE_24'],
    check: (r, ctx) => {
      const p = ctx.referencing(r, 'azurerm_mssql_server_extended_auditing_policy', 'server_id');
      if (p.length === 0) return { attribute: 'azurerm_mssql_server_extended_auditing_policy', value: undefined };
      const days = p[0].attrs.retention_in_days;
      return days === undefined || days === 0 || (typeof days === 'number' && days >= 90) || isExpression(days) ? undefined : { attribute: 'retention_in_days', value: days };
    },
  }),
  rule({
    id: 'AZ-SQL-004',
    severity: 'warning',
    types: 'azurerm_mssql_server',
    description: 'Azure SQL server uses Entra ID authentication only',
    fix: 'set azuread_administrator { azuread_authentication_only = true }',
    check: (r) => (isTrue(get(r.attrs, 'azuread_administrator.azuread_authentication_only')) ? undefined : { attribute: 'azuread_administrator.azuread_authentication_only', value: get(r.attrs, 'azuread_administrator.azuread_authentication_only') }),
  }),
  rule({
    id: 'AZ-MYSQL-001',
    types: 'azurerm_mysql_flexible_server',
    description: 'MySQL flexible server requires TLS (require_secure_transport ON, tls_version TLSv1.2+)',
    fix: 'leave require_secure_transport ON and set tls_version TLSv1.2,TLSv1.3',
    check: (r, ctx) => {
      const secure = serverConfig(r, ctx, 'azurerm_mysql_flexible_server_configuration', 'require_secure_transport');
      if (typeof secure === 'string' && secure.toUpperCase() === 'OFF') return { attribute: 'require_secure_transport', value: secure };
      const tls = serverConfig(r, ctx, 'azurerm_mysql_flexible_server_configuration', 'tls_version');
      if (typeof tls === 'string' && tls.split(',').some((t) => (tlsVersion(t) ?? 0) < 1.2)) return { attribute: 'tls_version', value: tls };
      return undefined;
    },
  }),
  rule({
    id: 'AZ-MYSQL-002',
    types: 'azurerm_mysql_flexible_server',
    description: 'MySQL flexible server has the audit log on',
    fix: 'add azurerm_mysql_flexible_server_configuration audit_log_enabled = ON (and send MySqlAuditLogs to diagnostic settings)',
    check: (r, ctx) => {
      const v = serverConfig(r, ctx, 'azurerm_mysql_flexible_server_configuration', 'audit_log_enabled');
      return typeof v === 'string' && v.toUpperCase() === 'ON' ? undefined : { attribute: 'audit_log_enabled', value: v };
    },
  }),
  rule({
    id: 'AZ-MYSQL-003',
    types: 'azurerm_mysql_flexible_server',
    description: 'MySQL flexible server has public network access off',
    fix: 'use delegated_subnet_id (VNet integration) or public_network_access "Disabled" with a private endpoint',
    checkov: 'CKV_AZURE_53',
    check: (r) => (isSet(r.attrs.delegated_subnet_id) || isFalse(r.attrs.public_network_access_enabled) || r.attrs.public_network_access === 'Disabled' ? undefined : { attribute: 'public_network_access', value: r.attrs.public_network_access ?? r.attrs.public_network_access_enabled }),
  }),
  rule({
    id: 'AZ-PG-001',
    types: 'azurerm_postgresql_flexible_server',
    description: 'PostgreSQL flexible server has public network access off',
    fix: 'set public_network_access_enabled false (private endpoint or delegated subnet)',
    checkov: 'CKV_AZURE_68',
    check: (r) => (isSet(r.attrs.delegated_subnet_id) ? undefined : publicAccessOff('public_network_access_enabled')(r)),
  }),
  rule({
    id: 'AZ-PG-002',
    types: 'azurerm_postgresql_flexible_server',
    description: 'PostgreSQL flexible server requires TLS 1.2+ (require_secure_transport on)',
    fix: 'leave require_secure_transport on and set ssl_min_protocol_version TLSv1.2',
    checkov: 'CKV_AZURE_147',
    check: (r, ctx) => {
      const secure = serverConfig(r, ctx, 'azurerm_postgresql_flexible_server_configuration', 'require_secure_transport');
      if (typeof secure === 'string' && secure.toLowerCase() === 'off') return { attribute: 'require_secure_transport', value: secure };
      const min = serverConfig(r, ctx, 'azurerm_postgresql_flexible_server_configuration', 'ssl_min_protocol_version');
      if (typeof min === 'string' && (tlsVersion(min) ?? 0) < 1.2) return { attribute: 'ssl_min_protocol_version', value: min };
      return undefined;
    },
  }),
  rule({
    id: 'AZ-PG-003',
    types: 'azurerm_postgresql_flexible_server',
    description: 'PostgreSQL flexible server logs connections (auditing)',
    fix: 'set the server parameters log_connections and log_disconnections on (or pgaudit)',
    checkov: 'CKV_AZURE_146',
    check: (r, ctx) => {
      const v = serverConfig(r, ctx, 'azurerm_postgresql_flexible_server_configuration', 'log_connections');
      const audit = serverConfig(r, ctx, 'azurerm_postgresql_flexible_server_configuration', 'pgaudit.log');
      return (typeof v === 'string' && v.toLowerCase() === 'on') || isSet(audit) ? undefined : { attribute: 'log_connections', value: v };
    },
  }),
  rule({
    id: 'AZ-DB-001',
    severity: 'warning',
    stage: 'production',
    types: ['azurerm_postgresql_flexible_server', 'azurerm_mysql_flexible_server'],
    description: 'production database has geo-redundant backups',
    fix: 'set geo_redundant_backup_enabled true',
    checkov: ['CKV_AZURE_136', 'CKV_AZURE_94'],
    check: requireTrue('geo_redundant_backup_enabled'),
  }),
  rule({
    id: 'AZ-COSMOS-001',
    types: 'azurerm_cosmosdb_account',
    description: 'Cosmos DB has public network access off',
    fix: 'set public_network_access_enabled false and add a private endpoint',
    checkov: ['CKV_AZURE_101', 'CKV_AZURE_99'],
    check: publicAccessOff('public_network_access_enabled'),
  }),
  rule({
    id: 'AZ-COSMOS-002',
    types: 'azurerm_cosmosdb_account',
    description: 'Cosmos DB requires TLS 1.2',
    fix: 'set minimal_tls_version Tls12',
    check: (r) => (r.attrs.minimal_tls_version === undefined || r.attrs.minimal_tls_version === 'Tls12' ? undefined : { attribute: 'minimal_tls_version', value: r.attrs.minimal_tls_version }),
  }),
  // ------------------------------------------------------------------ caches, messaging, registries
  rule({
    id: 'AZ-REDIS-001',
    types: 'azurerm_redis_cache',
    description: 'Redis accepts TLS only (non-SSL port off, TLS 1.2)',
    fix: 'set non_ssl_port_enabled false and minimum_tls_version "1.2"',
    checkov: ['CKV_AZURE_91', 'CKV_AZURE_148'],
    check: (r) => (isTrue(r.attrs.non_ssl_port_enabled) && !isExpression(r.attrs.non_ssl_port_enabled) ? { attribute: 'non_ssl_port_enabled', value: true } : requireTls12('minimum_tls_version')(r, undefined as never)),
  }),
  rule({
    id: 'AZ-REDIS-002',
    types: 'azurerm_redis_cache',
    description: 'Redis has public network access off',
    fix: 'set public_network_access_enabled false and add a private endpoint',
    checkov: 'CKV_AZURE_89',
    check: publicAccessOff('public_network_access_enabled'),
  }),
  rule({
    id: 'AZ-SB-001',
    types: 'azurerm_servicebus_namespace',
    description: 'Service Bus requires TLS 1.2',
    fix: 'set minimum_tls_version "1.2"',
    checkov: 'CKV_AZURE_205',
    check: requireTls12('minimum_tls_version'),
  }),
  rule({
    id: 'AZ-SB-002',
    types: 'azurerm_servicebus_namespace',
    description: 'Service Bus (Premium) has public network access off',
    fix: 'set public_network_access_enabled false with a private endpoint (Premium); Standard cannot: suppress with the reason',
    checkov: 'CKV_AZURE_204',
    check: publicAccessOff('public_network_access_enabled'),
  }),
  rule({
    id: 'AZ-ACR-001',
    types: 'azurerm_container_registry',
    description: 'container registry has public network access off',
    fix: 'set public_network_access_enabled false (Premium) and add a private endpoint',
    checkov: 'CKV_AZURE_139',
    check: publicAccessOff('public_network_access_enabled'),
  }),
  rule({
    id: 'AZ-ACR-002',
    types: 'azurerm_container_registry',
    description: 'container registry does not allow anonymous pulls',
    fix: 'set anonymous_pull_enabled false',
    checkov: 'CKV_AZURE_138',
    check: forbidTrue('anonymous_pull_enabled'),
  }),
  // ------------------------------------------------------------------ App Service, Functions, Container Apps, Static Web Apps
  rule({
    id: 'AZ-APP-001',
    types: WEB_APPS,
    description: 'app accepts HTTPS only',
    fix: 'set https_only true',
    checkov: 'CKV_AZURE_14',
    check: requireTrue('https_only'),
  }),
  rule({
    id: 'AZ-APP-002',
    types: WEB_APPS,
    description: 'app requires TLS 1.2 or newer',
    fix: 'set site_config { minimum_tls_version = "1.2" }',
    checkov: 'CKV_AZURE_15',
    check: requireTls12('site_config.minimum_tls_version'),
  }),
  rule({
    id: 'AZ-APP-003',
    types: WEB_APPS,
    description: 'app disables plain FTP',
    fix: 'set site_config { ftps_state = "Disabled" } (or FtpsOnly)',
    checkov: 'CKV_AZURE_78',
    check: requireValues('site_config.ftps_state', ['Disabled', 'FtpsOnly']),
  }),
  rule({
    id: 'AZ-APP-004',
    types: WEB_APPS,
    description: 'app has remote debugging off',
    fix: 'set site_config { remote_debugging_enabled = false }',
    checkov: 'CKV_AZURE_72',
    check: forbidTrue('site_config.remote_debugging_enabled'),
  }),
  rule({
    id: 'AZ-APP-005',
    severity: 'warning',
    types: WEB_APPS,
    description: 'app has public network access off (reached through a gateway or private endpoint)',
    fix: 'set public_network_access_enabled false behind Front Door Premium / App Gateway / APIM',
    checkov: ['CKV_AZURE_222', 'CKV_AZURE_221'],
    check: publicAccessOff('public_network_access_enabled'),
  }),
  rule({
    id: 'AZ-APP-006',
    severity: 'warning',
    types: WEB_APPS,
    description: 'app uses HTTP/2',
    fix: 'set site_config { http2_enabled = true }',
    checkov: 'CKV_AZURE_18',
    check: requireTrue('site_config.http2_enabled'),
  }),
  rule({
    id: 'AZ-APP-007',
    types: WEB_APPS,
    description: 'app disables basic-auth publishing credentials (FTP and Web Deploy)',
    fix: 'set ftp_publish_basic_authentication_enabled and webdeploy_publish_basic_authentication_enabled false',
    check: (r) =>
      ['ftp_publish_basic_authentication_enabled', 'webdeploy_publish_basic_authentication_enabled']
        .filter((a) => !isFalse(r.attrs[a]))
        .map((a) => ({ attribute: a, value: r.attrs[a] })),
  }),
  rule({
    id: 'AZ-CA-001',
    types: 'azurerm_container_app',
    description: 'Container App ingress does not allow insecure (HTTP) connections',
    fix: 'set ingress { allow_insecure_connections = false }',
    check: forbidTrue('ingress.allow_insecure_connections'),
  }),
  rule({
    id: 'AZ-CA-002',
    severity: 'warning',
    types: 'azurerm_container_app',
    description: 'Container App ingress is internal unless it is the entry point',
    fix: 'set ingress { external_enabled = false } for internal services (suppress on the public one)',
    check: forbidTrue('ingress.external_enabled'),
  }),
  rule({
    id: 'AZ-CA-003',
    types: 'azurerm_container_app_environment',
    description: 'Container Apps environment runs in a VNet subnet',
    fix: 'set infrastructure_subnet_id',
    check: requireSet('infrastructure_subnet_id'),
  }),
  rule({
    id: 'AZ-SWA-001',
    severity: 'warning',
    stage: 'production',
    types: 'azurerm_static_web_app',
    description: 'production Static Web App publishes no preview environments',
    fix: 'set preview_environments_enabled false',
    check: (r) => (isFalse(r.attrs.preview_environments_enabled) ? undefined : { attribute: 'preview_environments_enabled', value: r.attrs.preview_environments_enabled }),
  }),
  // ------------------------------------------------------------------ entry points: App Gateway, Front Door, APIM, Firewall
  rule({
    id: 'AZ-AGW-001',
    types: 'azurerm_application_gateway',
    description: 'Application Gateway has a WAF (WAF_v2 with a firewall policy or waf_configuration)',
    fix: 'use sku WAF_v2 with firewall_policy_id (Prevention mode)',
    checkov: ['CKV_AZURE_120', 'CKV_AZURE_122'],
    check: (r) => {
      const tier = get(r.attrs, 'sku.tier');
      if (tier !== 'WAF_v2' && tier !== 'WAF' && !isExpression(tier)) return { attribute: 'sku.tier', value: tier };
      return isSet(r.attrs.firewall_policy_id) || isTrue(get(r.attrs, 'waf_configuration.enabled')) ? undefined : { attribute: 'firewall_policy_id', value: undefined };
    },
  }),
  rule({
    id: 'AZ-AGW-002',
    types: 'azurerm_application_gateway',
    description: 'Application Gateway uses a TLS 1.2+ SSL policy',
    fix: 'set ssl_policy { policy_type = "Predefined", policy_name = "AppGwSslPolicy20220101" }',
    checkov: 'CKV_AZURE_218',
    check: (r) => {
      const p = get(r.attrs, 'ssl_policy');
      if (!p) return { attribute: 'ssl_policy', value: undefined };
      const name = get(p, 'policy_name');
      const min = get(p, 'min_protocol_version');
      if (typeof name === 'string') return /2022|20170401S/.test(name) ? undefined : { attribute: 'ssl_policy.policy_name', value: name };
      return (tlsVersion(min) ?? 0) >= 1.2 ? undefined : { attribute: 'ssl_policy.min_protocol_version', value: min };
    },
  }),
  rule({
    id: 'AZ-AGW-003',
    severity: 'warning',
    types: 'azurerm_application_gateway',
    description: 'Application Gateway HTTP listeners only redirect to HTTPS',
    fix: 'add a redirect_configuration to the HTTPS listener for every Http listener',
    check: (r) => {
      const redirects = new Set(blocks(r.attrs.request_routing_rule).filter((x) => isSet(x.redirect_configuration_name)).map((x) => x.http_listener_name));
      return blocks(r.attrs.http_listener)
        .filter((l) => l.protocol === 'Http' && !redirects.has(l.name))
        .map((l) => ({ attribute: `http_listener.${l.name}.protocol`, value: 'Http' }));
    },
  }),
  rule({
    id: 'AZ-FD-001',
    stage: 'production',
    types: 'azurerm_cdn_frontdoor_profile',
    description: 'production Front Door has a WAF security policy',
    fix: 'add a firewall policy and azurerm_cdn_frontdoor_security_policy',
    check: (r, ctx) => (ctx.referencing(r, 'azurerm_cdn_frontdoor_security_policy').length > 0 ? undefined : { attribute: 'azurerm_cdn_frontdoor_security_policy', value: undefined }),
  }),
  rule({
    id: 'AZ-FD-002',
    types: 'azurerm_cdn_frontdoor_route',
    description: 'Front Door route redirects HTTP to HTTPS and forwards over HTTPS',
    fix: 'set https_redirect_enabled true and forwarding_protocol HttpsOnly',
    check: (r) => {
      const out: Violation[] = [];
      if (list(r.attrs.supported_protocols).includes('Http') && isFalse(r.attrs.https_redirect_enabled)) out.push({ attribute: 'https_redirect_enabled', value: false });
      if (r.attrs.forwarding_protocol === 'HttpOnly') out.push({ attribute: 'forwarding_protocol', value: 'HttpOnly' });
      return out;
    },
  }),
  rule({
    id: 'AZ-APIM-001',
    types: 'azurerm_api_management',
    description: 'API Management disables SSL 3.0, TLS 1.0 and TLS 1.1',
    fix: 'leave the security { *_ssl30_enabled, *_tls10_enabled, *_tls11_enabled } flags false',
    checkov: 'CKV_AZURE_173',
    check: (r) => {
      const sec = get(r.attrs, 'security') as Record<string, unknown> | undefined;
      return Object.entries(sec ?? {})
        .filter(([k, v]) => /(ssl30|tls10|tls11)_enabled$/.test(k) && isTrue(v) && !isExpression(v))
        .map(([k, v]) => ({ attribute: `security.${k}`, value: v }));
    },
  }),
  rule({
    id: 'AZ-APIM-002',
    stage: 'production',
    types: 'azurerm_api_management',
    description: 'production API Management sits behind a WAF or in a VNet',
    fix: "set virtual_network_type 'Internal' behind an Application Gateway WAF, or 'External' with a WAF in front",
    check: (r) => (r.attrs.virtual_network_type === 'Internal' || r.attrs.virtual_network_type === 'External' ? undefined : { attribute: 'virtual_network_type', value: r.attrs.virtual_network_type }),
  }),
  rule({
    id: 'AZ-FW-001',
    types: 'azurerm_firewall',
    description: 'Azure Firewall is managed by a firewall policy',
    fix: 'set firewall_policy_id',
    checkov: 'CKV_AZURE_219',
    check: requireSet('firewall_policy_id'),
  }),
  rule({
    id: 'AZ-FW-002',
    types: 'azurerm_firewall_policy',
    description: 'firewall policy denies known-malicious traffic (threat intelligence Deny)',
    fix: 'set threat_intelligence_mode Deny',
    checkov: 'CKV_AZURE_220',
    check: requireValues('threat_intelligence_mode', ['Deny']),
  }),
  // ------------------------------------------------------------------ Data Factory, Azure OpenAI, VMs, Log Analytics
  rule({
    id: 'AZ-ADF-001',
    types: 'azurerm_data_factory',
    description: 'Data Factory has public network access off',
    fix: 'set public_network_enabled false (managed VNet, private endpoints)',
    checkov: 'CKV_AZURE_104',
    check: (r) => (isFalse(r.attrs.public_network_enabled) ? undefined : { attribute: 'public_network_enabled', value: r.attrs.public_network_enabled }),
  }),
  rule({
    id: 'AZ-ADF-002',
    severity: 'warning',
    types: 'azurerm_data_factory',
    description: 'Data Factory uses a managed virtual network',
    fix: 'set managed_virtual_network_enabled true',
    check: requireTrue('managed_virtual_network_enabled'),
  }),
  rule({
    id: 'AZ-AI-001',
    types: 'azurerm_cognitive_account',
    description: 'Azure OpenAI / Cognitive account has public network access off',
    fix: 'set public_network_access_enabled false and add a private endpoint',
    checkov: 'CKV_AZURE_134',
    check: publicAccessOff('public_network_access_enabled'),
  }),
  rule({
    id: 'AZ-AI-002',
    severity: 'warning',
    types: 'azurerm_cognitive_account',
    description: 'Azure OpenAI / Cognitive account restricts outbound access',
    fix: 'set outbound_network_access_restricted true (with fqdns)',
    checkov: 'CKV_AZURE_247',
    check: requireTrue('outbound_network_access_restricted'),
  }),
  rule({
    id: 'AZ-VM-001',
    types: ['azurerm_linux_virtual_machine', 'azurerm_linux_virtual_machine_scale_set'],
    description: 'Linux VM signs in with SSH keys only',
    fix: 'set disable_password_authentication true with admin_ssh_key',
    checkov: ['CKV_AZURE_149', 'CKV_AZURE_1', 'CKV_AZURE_178'],
    check: (r) => {
      if (isFalse(r.attrs.disable_password_authentication)) return { attribute: 'disable_password_authentication', value: false };
      return isSet(r.attrs.admin_ssh_key) ? undefined : { attribute: 'admin_ssh_key', value: undefined };
    },
  }),
  rule({
    id: 'AZ-VM-002',
    severity: 'warning',
    types: ['azurerm_linux_virtual_machine', 'azurerm_windows_virtual_machine'],
    description: 'VM encrypts temp disks and caches at host',
    fix: 'set encryption_at_host_enabled true',
    check: requireTrue('encryption_at_host_enabled'),
  }),
  rule({
    id: 'AZ-VM-003',
    types: 'azurerm_network_interface',
    description: 'network interface has no public IP',
    fix: 'remove public_ip_address_id; reach the VM through Bastion or a load balancer',
    checkov: 'CKV_AZURE_119',
    check: (r) => {
      const withIp = blocks(r.attrs.ip_configuration).find((c) => isSet(c.public_ip_address_id));
      return withIp ? { attribute: 'ip_configuration.public_ip_address_id', value: withIp.public_ip_address_id } : undefined;
    },
  }),
  rule({
    id: 'AZ-LOG-001',
    severity: 'warning',
    types: 'azurerm_log_analytics_workspace',
    description: 'Log Analytics keeps logs at least 30 days',
    fix: 'set retention_in_days to 30 or more',
    check: requireAtLeast('retention_in_days', 30, 30),
  }),
  // ------------------------------------------------------------------ hygiene (mostly warnings; checkov parity)
  rule({
    id: 'AZ-ST-010',
    severity: 'warning',
    types: 'azurerm_storage_account',
    description: 'storage account logs queue requests (classic Storage Analytics)',
    fix: 'set queue_properties.logging (needs shared keys; with Entra-only accounts use diagnostic settings and suppress)',
    checkov: 'CKV_AZURE_33',
    check: requireSet('queue_properties.logging'),
  }),
  rule({
    id: 'AZ-ST-011',
    severity: 'warning',
    types: 'azurerm_storage_account',
    description: 'storage account is encrypted with a customer-managed key',
    fix: 'set customer_managed_key (Key Vault key and a user-assigned identity)',
    checkov: 'CKV2_AZURE_1',
    check: (r, ctx) => (isSet(r.attrs.customer_managed_key) || ctx.referencing(r, 'azurerm_storage_account_customer_managed_key', 'storage_account_id').length ? undefined : { attribute: 'customer_managed_key', value: undefined }),
  }),
  rule({
    id: 'AZ-ST-012',
    severity: 'warning',
    types: 'azurerm_storage_account',
    description: 'storage account has a SAS expiration policy',
    fix: 'set sas_policy { expiration_period = "1.00:00:00" }',
    checkov: 'CKV2_AZURE_41',
    check: requireSet('sas_policy'),
  }),
  rule({
    id: 'AZ-APP-008',
    severity: 'warning',
    types: WEB_APPS,
    description: 'App Service Authentication (Easy Auth) is on',
    fix: 'set auth_settings_v2 { auth_enabled = true } (or suppress when the app authenticates its users itself)',
    checkov: 'CKV_AZURE_13',
    check: (r) => (isTrue(get(r.attrs, 'auth_settings_v2.auth_enabled')) || isTrue(get(r.attrs, 'auth_settings.enabled')) ? undefined : { attribute: 'auth_settings_v2.auth_enabled', value: get(r.attrs, 'auth_settings_v2.auth_enabled') }),
  }),
  rule({
    id: 'AZ-APP-009',
    severity: 'warning',
    types: WEB_APPS,
    description: 'app requests client certificates',
    fix: 'set client_certificate_enabled true (mTLS callers)',
    checkov: 'CKV_AZURE_17',
    check: requireTrue('client_certificate_enabled'),
  }),
  rule({
    id: 'AZ-APP-010',
    severity: 'warning',
    types: ['azurerm_linux_web_app', 'azurerm_windows_web_app'],
    description: 'app writes HTTP logs, detailed errors and failed-request traces',
    fix: 'set logs { http_logs, detailed_error_messages = true, failed_request_tracing = true }',
    checkov: ['CKV_AZURE_63', 'CKV_AZURE_65', 'CKV_AZURE_66'],
    check: (r) => {
      const out: Violation[] = [];
      if (!isSet(get(r.attrs, 'logs.http_logs'))) out.push({ attribute: 'logs.http_logs', value: undefined });
      for (const a of ['detailed_error_messages', 'failed_request_tracing']) if (!isTrue(get(r.attrs, `logs.${a}`))) out.push({ attribute: `logs.${a}`, value: get(r.attrs, `logs.${a}`) });
      return out;
    },
  }),
  rule({
    id: 'AZ-APP-011',
    severity: 'warning',
    types: ['azurerm_linux_web_app', 'azurerm_windows_web_app'],
    description: 'app keeps files on mounted Azure Files storage, not the local disk',
    fix: 'add storage_account (or suppress for a stateless container)',
    checkov: 'CKV_AZURE_88',
    check: requireSet('storage_account'),
  }),
  rule({
    id: 'AZ-APP-012',
    severity: 'warning',
    types: WEB_APPS,
    description: 'app has a health check',
    fix: 'set site_config.health_check_path',
    checkov: 'CKV_AZURE_213',
    check: requireSet('site_config.health_check_path'),
  }),
  rule({
    id: 'AZ-PLAN-001',
    severity: 'warning',
    stage: 'production',
    types: 'azurerm_service_plan',
    description: 'production App Service plan is a production tier (not Free, Shared or Basic)',
    fix: 'use a Premium v3 (P*v3) or Isolated plan',
    checkov: 'CKV_AZURE_211',
    check: (r) => (/^(F1|D1|B[123]|FREE|SHARED)$/i.test(String(r.attrs.sku_name ?? '')) ? { attribute: 'sku_name', value: r.attrs.sku_name } : undefined),
  }),
  rule({
    id: 'AZ-PLAN-002',
    severity: 'warning',
    types: 'azurerm_service_plan',
    description: 'App Service plan runs at least 2 instances and balances them across zones',
    fix: 'set worker_count 2+ and zone_balancing_enabled true',
    checkov: ['CKV_AZURE_212', 'CKV_AZURE_225'],
    check: (r) => {
      const out: Violation[] = [];
      const n = typeof r.attrs.worker_count === 'number' ? r.attrs.worker_count : 1;
      if (n < 2 && !isExpression(r.attrs.worker_count)) out.push({ attribute: 'worker_count', value: r.attrs.worker_count });
      if (!isTrue(r.attrs.zone_balancing_enabled)) out.push({ attribute: 'zone_balancing_enabled', value: r.attrs.zone_balancing_enabled });
      return out;
    },
  }),
  rule({
    id: 'AZ-REDIS-003',
    severity: 'warning',
    types: 'azurerm_redis_cache',
    description: 'Redis is replicated (Standard or Premium)',
    fix: 'use sku_name Standard or Premium',
    checkov: 'CKV_AZURE_230',
    check: requireValues('sku_name', ['Standard', 'Premium']),
  }),
  rule({
    id: 'AZ-ACR-003',
    severity: 'warning',
    types: 'azurerm_container_registry',
    description: 'registry uses the Premium protections: trust policy, untagged-manifest retention, zone redundancy, dedicated data endpoints',
    fix: 'use sku Premium with trust_policy_enabled, retention_policy_in_days, zone_redundancy_enabled and data_endpoint_enabled',
    checkov: ['CKV_AZURE_164', 'CKV_AZURE_167', 'CKV_AZURE_233', 'CKV_AZURE_237'],
    check: (r) => {
      const out: Violation[] = [];
      for (const a of ['trust_policy_enabled', 'zone_redundancy_enabled', 'data_endpoint_enabled']) if (!isTrue(r.attrs[a])) out.push({ attribute: a, value: r.attrs[a] });
      if (!isSet(r.attrs.retention_policy_in_days)) out.push({ attribute: 'retention_policy_in_days', value: undefined });
      return out;
    },
  }),
  rule({
    id: 'AZ-ACR-004',
    severity: 'warning',
    types: 'azurerm_container_registry',
    description: 'registry replicates to another region',
    fix: 'add georeplications (Premium)',
    checkov: 'CKV_AZURE_165',
    check: requireSet('georeplications'),
  }),
  rule({
    id: 'AZ-ACR-005',
    severity: 'warning',
    types: 'azurerm_container_registry',
    description: 'registry quarantines images until they are scanned',
    fix: 'set quarantine_policy_enabled true (needs a scanner that marks images verified)',
    checkov: 'CKV_AZURE_166',
    check: requireTrue('quarantine_policy_enabled'),
  }),
  rule({
    id: 'AZ-COSMOS-003',
    severity: 'warning',
    types: 'azurerm_cosmosdb_account',
    description: 'Cosmos DB is encrypted with a customer-managed key',
    fix: 'set key_vault_key_id',
    checkov: 'CKV_AZURE_100',
    check: requireSet('key_vault_key_id'),
  }),
  rule({
    id: 'AZ-COSMOS-004',
    types: 'azurerm_cosmosdb_account',
    description: 'Cosmos DB keys cannot change account metadata (management plane only through ARM)',
    fix: 'set access_key_metadata_writes_enabled false',
    checkov: 'CKV_AZURE_132',
    check: (r) => (isFalse(r.attrs.access_key_metadata_writes_enabled) ? undefined : { attribute: 'access_key_metadata_writes_enabled', value: r.attrs.access_key_metadata_writes_enabled }),
  }),
  rule({
    id: 'AZ-SB-003',
    severity: 'warning',
    types: 'azurerm_servicebus_namespace',
    description: 'Service Bus (Premium) uses a customer-managed key with infrastructure (double) encryption',
    fix: 'set customer_managed_key { infrastructure_encryption_enabled = true }',
    checkov: ['CKV_AZURE_201', 'CKV_AZURE_199'],
    check: (r) => (isTrue(get(r.attrs, 'customer_managed_key.infrastructure_encryption_enabled')) ? undefined : { attribute: 'customer_managed_key.infrastructure_encryption_enabled', value: get(r.attrs, 'customer_managed_key.infrastructure_encryption_enabled') }),
  }),
  rule({
    id: 'AZ-SQL-005',
    severity: 'warning',
    types: 'azurerm_mssql_server',
    description: 'Azure SQL server runs vulnerability assessment',
    fix: 'set express_vulnerability_assessment_enabled true (or add azurerm_mssql_server_vulnerability_assessment)',
    checkov: 'CKV2_AZURE_2',
    check: (r, ctx) => (isTrue(r.attrs.express_vulnerability_assessment_enabled) || ctx.referencedBy(r).some((x) => x.type === 'azurerm_mssql_server_vulnerability_assessment') ? undefined : { attribute: 'express_vulnerability_assessment_enabled', value: r.attrs.express_vulnerability_assessment_enabled }),
  }),
  rule({
    id: 'AZ-ADF-003',
    severity: 'warning',
    types: 'azurerm_data_factory',
    description: 'Data Factory keeps its pipelines in Git',
    fix: 'set github_configuration or vsts_configuration',
    checkov: 'CKV_AZURE_103',
    check: (r) => (isSet(r.attrs.github_configuration) || isSet(r.attrs.vsts_configuration) ? undefined : { attribute: 'github_configuration', value: undefined }),
  }),
  rule({
    id: 'AZ-ADF-004',
    severity: 'warning',
    types: 'azurerm_data_factory',
    description: 'Data Factory is encrypted with a customer-managed key',
    fix: 'set customer_managed_key_id',
    checkov: 'CKV2_AZURE_15',
    check: requireSet('customer_managed_key_id'),
  }),
  rule({
    id: 'AZ-AI-003',
    severity: 'warning',
    types: 'azurerm_cognitive_account',
    description: 'Azure OpenAI / Cognitive account is encrypted with a customer-managed key',
    fix: 'add customer_managed_key (or azurerm_cognitive_account_customer_managed_key)',
    checkov: 'CKV2_AZURE_22',
    check: (r, ctx) => (isSet(r.attrs.customer_managed_key) || ctx.referencing(r, 'azurerm_cognitive_account_customer_managed_key').length ? undefined : { attribute: 'customer_managed_key', value: undefined }),
  }),
  rule({
    id: 'AZ-VM-004',
    severity: 'warning',
    types: ['azurerm_linux_virtual_machine', 'azurerm_windows_virtual_machine'],
    description: 'VM extensions are not allowed',
    fix: 'set allow_extension_operations false',
    checkov: 'CKV_AZURE_50',
    check: (r) => (isFalse(r.attrs.allow_extension_operations) ? undefined : { attribute: 'allow_extension_operations', value: r.attrs.allow_extension_operations }),
  }),
];

/** The Azure pack. */
export const AZURE_PACK: PolicyPack = { name: 'azure', rules: AZURE_RULES };
