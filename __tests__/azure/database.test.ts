import { KeyVaultSecret } from '@cdktf/provider-azurerm/lib/key-vault-secret';
import { ManagementLock } from '@cdktf/provider-azurerm/lib/management-lock';
import { PostgresqlFlexibleServer } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server';
import { PostgresqlFlexibleServerActiveDirectoryAdministrator } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server-active-directory-administrator';
import { PostgresqlFlexibleServerDatabase } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server-database';
import { PostgresqlFlexibleServerFirewallRule } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server-firewall-rule';
import { PrivateEndpoint } from '@cdktf/provider-azurerm/lib/private-endpoint';
import { Password } from '@cdktf/provider-random/lib/password';
import { Testing } from 'cdktf';
import { POSTGRES_STORAGE_MB, PostgresFlexibleServer, PostgresFlexibleServerProps, SECURE_SERVER_PARAMETERS } from '../../lib/azure/database';
import { KeyVault } from '../../lib/azure/security';
import { AzureStack } from '../../lib/azure/azure-stack';
import { expectValidationError } from '../helpers';

const TENANT = '99999999-8888-7777-6666-555555555555';
const build = (props: Partial<PostgresFlexibleServerProps> = {}, withVault = true) => {
  const stack = new AzureStack(Testing.app(), 'test', { architecture: 'personal-tech', environment: 'dev', location: 'eastus', backend: { type: 'local' }, tenantId: TENANT });
  const keyVault = withVault ? new KeyVault(stack, 'Kv') : undefined;
  const db = new PostgresFlexibleServer(stack, 'Db', { keyVault, ...props });
  return { stack, db, keyVault, out: () => Testing.synth(stack) };
};
type Json = Record<string, Record<string, Record<string, unknown>>>;
const resources = (out: string, type: string) => Object.values((JSON.parse(out).resource as Json)[type] ?? {});

describe('PostgresFlexibleServer', () => {
  test('secure defaults: private, Entra ID + generated password in Key Vault, 7-day backups, no geo backup', () => {
    const { out, db } = build();
    const o = out();
    expect(o).toHaveResourceWithProperties(PostgresqlFlexibleServer, {
      name: expect.stringMatching(/^psql-personal-tech-dev-eus-[0-9a-f]{6}$/),
      version: '16',
      sku_name: 'B_Standard_B1ms',
      storage_mb: 32768,
      auto_grow_enabled: true,
      backup_retention_days: 7,
      geo_redundant_backup_enabled: false,
      public_network_access_enabled: false,
      administrator_login: 'psqladmin',
      administrator_password: expect.stringMatching(/^\$\{random_password\.Kv_postgres-admin-password-password_[0-9A-F]+\.result\}$/),
      authentication: { password_auth_enabled: true, active_directory_auth_enabled: true, tenant_id: TENANT },
    });
    const server = resources(o, 'azurerm_postgresql_flexible_server')[0];
    expect(server.high_availability).toBeUndefined();
    expect(server.lifecycle).toBeUndefined();
    expect(o).toHaveResourceWithProperties(Password, { length: 32, special: true, override_special: '-_' });
    expect(o).toHaveResourceWithProperties(KeyVaultSecret, { name: 'postgres-admin-password', value: server.administrator_password });
    expect(db.administratorPasswordSecret?.name).toBe('postgres-admin-password');
  });

  test('TLS 1.2 required through server parameters, applied one after another', () => {
    const { out } = build({ serverParameters: { 'pgbouncer.enabled': 'true' } });
    const params = resources(out(), 'azurerm_postgresql_flexible_server_configuration') as { name: string; value: string; depends_on?: string[] }[];
    expect(Object.fromEntries(params.map((p) => [p.name, p.value]))).toEqual({
      require_secure_transport: 'on',
      ssl_min_protocol_version: 'TLSv1.2',
      log_connections: 'on',
      log_disconnections: 'on',
      'pgbouncer.enabled': 'true',
    });
    expect(SECURE_SERVER_PARAMETERS.require_secure_transport).toBe('on');
    // A chain: one parameter goes first, each other waits for exactly one, and no two wait for the same.
    const deps = params.map((p) => p.depends_on);
    expect(deps.filter((d) => d === undefined)).toHaveLength(1);
    const waits = deps.filter((d): d is string[] => d !== undefined);
    waits.forEach((d) => expect(d).toEqual([expect.stringMatching(/^azurerm_postgresql_flexible_server_configuration\.Db_Param-/)]));
    expect(new Set(waits.map((d) => d[0])).size).toBe(params.length - 1);
  });

  test("the seed's server on flexible: version 15, 64 GB, a UTF8 database, connection URL with the generated password", () => {
    const { out, db } = build({ version: '15', storageMiB: 65536, databases: ['personal_tech'] });
    expect(out()).toHaveResourceWithProperties(PostgresqlFlexibleServer, { version: '15', storage_mb: 65536 });
    expect(out()).toHaveResourceWithProperties(PostgresqlFlexibleServerDatabase, { name: 'personal_tech', charset: 'UTF8', collation: 'en_US.utf8', server_id: expect.stringMatching(/azurerm_postgresql_flexible_server\.Db_[0-9A-F]+\.id/) });
    expect(db.connectionUrl('personal_tech')).toMatch(/^postgresql:\/\/psqladmin:\$\{TfToken\[TOKEN\.\d+\]\}@\$\{TfToken\[TOKEN\.\d+\]\}:5432\/personal_tech\?sslmode=require$/);
    expect(() => db.connectionUrl('other')).toThrow('test/Db: connectionUrl: no database named other (databases: personal_tech) (got "other")');
  });

  test('General Purpose with zone-redundant HA, geo backups, 35 days, maintenance window, lock', () => {
    const { out } = build({ sku: 'GP_Standard_D2ds_v5', highAvailability: 'ZoneRedundant', zone: '1', standbyZone: '2', geoRedundantBackup: true, backupRetentionDays: 35, maintenanceWindow: { dayOfWeek: 0, startHour: 3 }, lock: { kind: 'CanNotDelete' } });
    expect(out()).toHaveResourceWithProperties(PostgresqlFlexibleServer, {
      sku_name: 'GP_Standard_D2ds_v5',
      zone: '1',
      high_availability: { mode: 'ZoneRedundant', standby_availability_zone: '2' },
      geo_redundant_backup_enabled: true,
      backup_retention_days: 35,
      maintenance_window: { day_of_week: 0, start_hour: 3, start_minute: 0 },
      lifecycle: { ignore_changes: ['zone', 'high_availability[0].standby_availability_zone'] },
    });
    expect(out()).toHaveResourceWithProperties(ManagementLock, { lock_level: 'CanNotDelete' });
  });

  test('private endpoint on the postgresqlServer sub-resource, diagnostics', () => {
    const { out } = build({ privateEndpoints: [{ subnetResourceId: 'snet-pe', privateDnsZoneResourceIds: ['zone'] }], diagnosticSettings: [{ workspaceResourceId: 'law' }] });
    expect(out()).toHaveResourceWithProperties(PrivateEndpoint, { private_service_connection: expect.objectContaining({ subresource_names: ['postgresqlServer'] }), private_dns_zone_group: { name: 'default', private_dns_zone_ids: ['zone'] } });
    expect(resources(out(), 'azurerm_monitor_diagnostic_setting')).toHaveLength(1);
  });

  test('VNet injection: delegated subnet and private DNS zone, public endpoint off', () => {
    const { out } = build({ delegatedSubnetId: 'snet-db', privateDnsZoneId: '/subscriptions/x/resourceGroups/rg/providers/Microsoft.Network/privateDnsZones/privatelink.postgres.database.azure.com' });
    expect(out()).toHaveResourceWithProperties(PostgresqlFlexibleServer, { delegated_subnet_id: 'snet-db', public_network_access_enabled: false, private_dns_zone_id: expect.stringMatching(/privatelink\.postgres\.database\.azure\.com$/) });
  });

  test('Entra ID only: no password, no Key Vault, an Entra administrator', () => {
    const { out, db } = build({ passwordAuth: false, entraAdministrator: { objectId: 'oid', principalName: 'dba-group', principalType: 'Group' } }, false);
    const server = resources(out(), 'azurerm_postgresql_flexible_server')[0];
    expect(server.administrator_login).toBeUndefined();
    expect(server.administrator_password).toBeUndefined();
    expect(server.authentication).toEqual({ password_auth_enabled: false, active_directory_auth_enabled: true, tenant_id: TENANT });
    expect(out()).toHaveResourceWithProperties(PostgresqlFlexibleServerActiveDirectoryAdministrator, { object_id: 'oid', principal_name: 'dba-group', principal_type: 'Group', tenant_id: TENANT });
    expect(JSON.parse(out()).resource.random_password).toBeUndefined();
    expect(() => db.connectionUrl('x')).toThrow('test/Db: connectionUrl needs password authentication (got "x")');
  });

  test('public endpoint with explicit firewall rules', () => {
    const { out } = build({ publicNetworkAccess: true, firewallRules: [{ name: 'office', startIpAddress: '203.0.113.10', endIpAddress: '203.0.113.20' }] });
    expect(out()).toHaveResourceWithProperties(PostgresqlFlexibleServer, { public_network_access_enabled: true });
    expect(out()).toHaveResourceWithProperties(PostgresqlFlexibleServerFirewallRule, { name: 'office', start_ip_address: '203.0.113.10', end_ip_address: '203.0.113.20' });
  });

  test.each([
    [{ version: '11' }, 'test/Db: version must be one of 13, 14, 15, 16, 17 (got "11")'],
    [{ sku: 'B_Gen5_1' }, 'test/Db: sku must be a flexible server SKU such as B_Standard_B1ms, GP_Standard_D2ds_v5 or MO_Standard_E4ds_v5 (got "B_Gen5_1")'],
    [{ storageMiB: 51200 }, `test/Db: storageMiB must be one of ${POSTGRES_STORAGE_MB.join(', ')} (got 51200)`],
    [{ storageMb: 51200 }, `test/Db: storageMiB must be one of ${POSTGRES_STORAGE_MB.join(', ')} (got 51200)`],
    [{ storageMiB: 65536, storageMb: 32768 }, 'test/Db: storageMiB and its deprecated alias storageMb disagree (got {"storageMiB":65536,"storageMb":32768})'],
    [{ backupRetentionDays: 6 }, 'test/Db: backupRetentionDays must be an integer between 7 and 35 (got 6)'],
    [{ backupRetentionDays: 36 }, 'test/Db: backupRetentionDays must be an integer between 7 and 35 (got 36)'],
    [{ highAvailability: 'Multi' }, 'test/Db: highAvailability must be Disabled, SameZone or ZoneRedundant (got "Multi")'],
    [{ highAvailability: 'ZoneRedundant' }, 'test/Db: ZoneRedundant high availability needs a General Purpose or Memory Optimized SKU (Burstable has no standby) (got "B_Standard_B1ms")'],
    [{ sku: 'B_Standard_B2s', highAvailability: 'SameZone' }, 'test/Db: SameZone high availability needs a General Purpose or Memory Optimized SKU (Burstable has no standby) (got "B_Standard_B2s")'],
    [{ standbyZone: '2' }, 'test/Db: standbyZone needs ZoneRedundant high availability (got "2")'],
    [{ sku: 'GP_Standard_D2ds_v5', highAvailability: 'ZoneRedundant', zone: '1', standbyZone: '1' }, 'test/Db: standbyZone must differ from zone (got "1")'],
    [{ delegatedSubnetId: 'snet' }, 'test/Db: delegatedSubnetId and privateDnsZoneId go together (VNet injection) (got {"delegatedSubnetId":"snet"})'],
    [
      { delegatedSubnetId: 'snet', privateDnsZoneId: 'x.postgres.database.azure.com', privateEndpoints: [{ subnetResourceId: 'pe' }] },
      'test/Db: a VNet-injected server (delegatedSubnetId) cannot also use privateEndpoints or publicNetworkAccess (got "snet")',
    ],
    [{ delegatedSubnetId: 'snet', privateDnsZoneId: 'zone.example.com' }, 'test/Db: privateDnsZoneId must end with .postgres.database.azure.com (got "zone.example.com")'],
    [{ firewallRules: [{ name: 'all', startIpAddress: '0.0.0.0', endIpAddress: '0.0.0.0' }] }, 'test/Db: firewallRules need publicNetworkAccess: true (got ["all"])'],
    [
      { publicNetworkAccess: true, firewallRules: [{ name: 'world', startIpAddress: '0.0.0.0', endIpAddress: '255.255.255.255' }] },
      'test/Db: firewallRules need IPv4 start and end addresses, and must not open every address (0.0.0.0-255.255.255.255) (got "world")',
    ],
    [{ passwordAuth: false, entraAuth: false }, 'test/Db: at least one of passwordAuth and entraAuth must be on (got {"passwordAuth":false,"entraAuth":false})'],
    [{ entraAuth: false, entraAdministrator: { objectId: 'o', principalName: 'dba', principalType: 'User' } }, 'test/Db: entraAdministrator needs entraAuth (got "dba")'],
    [{ administratorLogin: 'postgres' }, 'test/Db: administratorLogin must be 1-63 letters, digits or underscores, start with a letter, not start with pg_ and not be azure_superuser, azure_pg_admin, admin, administrator, root, guest, public, postgres (got "postgres")'],
    [{ administratorLogin: 'pg_admin' }, 'test/Db: administratorLogin must be 1-63 letters'],
    [{ databases: ['Personal-Tech'] }, 'test/Db: database names must be lowercase identifiers (letters, digits, underscores, at most 63) and not postgres, azure_maintenance, azure_sys, template0, template1 (got "Personal-Tech")'],
    [{ databases: ['app', 'app'] }, 'test/Db: database names must be unique (got "app")'],
    [{ maintenanceWindow: { dayOfWeek: 7, startHour: 0 } }, 'test/Db: maintenanceWindow needs dayOfWeek 0-6, startHour 0-23 and startMinute 0-59 (got {"dayOfWeek":7,"startHour":0})'],
    [{ managedIdentities: { systemAssigned: true } }, 'test/Db: PostgreSQL flexible servers take user-assigned identities only (got {"systemAssigned":true})'],
    [{ serverParameters: { require_secure_transport: 'off' } }, 'test/Db: serverParameters must not weaken require_secure_transport (on) or ssl_min_protocol_version (TLSv1.2 or TLSv1.3) (got {"require_secure_transport":"off"})'],
    [{ serverParameters: { ssl_min_protocol_version: 'TLSv1.1' } }, 'test/Db: serverParameters must not weaken require_secure_transport (on) or ssl_min_protocol_version (TLSv1.2 or TLSv1.3) (got {"ssl_min_protocol_version":"TLSv1.1"})'],
    [{ name: 'PSQL-Personal' }, 'test/Db: PostgreSQL flexible server name may contain only lowercase letters, digits and hyphens, and must not start or end with a hyphen (got "PSQL-Personal")'],
  ])('rejects %j', (props, message) => {
    expectValidationError(() => build(props as Partial<PostgresFlexibleServerProps>), message);
  });

  test('rejects password authentication without a Key Vault', () => {
    expect(() => build({}, false)).toThrow('test/Db: password authentication needs a keyVault to store the generated administrator password (got "keyVault")');
  });

  test('addDatabase checks names too', () => {
    const { db } = build({ databases: ['app'] });
    expect(() => db.addDatabase('app')).toThrow('test/Db: database names must be unique (got "app")');
    expect(() => db.addDatabase('template1')).toThrow('test/Db: database names must be lowercase identifiers');
  });
});
