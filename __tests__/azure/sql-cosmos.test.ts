import { CosmosdbAccount } from '@cdktf/provider-azurerm/lib/cosmosdb-account';
import { MssqlDatabase } from '@cdktf/provider-azurerm/lib/mssql-database';
import { MssqlServer } from '@cdktf/provider-azurerm/lib/mssql-server';
import { MssqlServerExtendedAuditingPolicy } from '@cdktf/provider-azurerm/lib/mssql-server-extended-auditing-policy';
import { MssqlVirtualNetworkRule } from '@cdktf/provider-azurerm/lib/mssql-virtual-network-rule';
import { PrivateEndpoint } from '@cdktf/provider-azurerm/lib/private-endpoint';
import { Testing } from 'cdktf';
import { CosmosAccount, SqlServer, SqlServerProps } from '../../lib/azure/database';
import { AzureStack } from '../../lib/azure/azure-stack';
import { expectValidationError } from '../helpers';

const newStack = (environment = 'dev') =>
  new AzureStack(Testing.app(), 'test', { architecture: 'serverless-platform', environment, stage: environment === 'prod' ? 'production' : 'non-production', location: 'westus2', backend: { type: 'local' } });
const PE = [{ subnetResourceId: 'snet-data', privateDnsZoneResourceIds: ['zone'] }];

describe('SqlServer', () => {
  test('Entra ID only with the deployer as admin, TLS 1.2, VNet rules on the public endpoint, auditing, PITR', () => {
    const stack = newStack();
    new SqlServer(stack, 'Sql', { databases: [{ name: 'app', sku: 'Basic', pitrDays: 7 }], virtualNetworkSubnetIds: ['snet-a', 'snet-b'] });
    const out = Testing.synth(stack);
    expect(out).toHaveResourceWithProperties(MssqlServer, {
      version: '12.0',
      minimum_tls_version: '1.2',
      public_network_access_enabled: true,
      azuread_administrator: expect.objectContaining({ azuread_authentication_only: true, login_username: 'terraform-deployer', object_id: expect.stringContaining('data.azurerm_client_config') }),
    });
    expect(JSON.parse(out).resource.azurerm_mssql_virtual_network_rule).toBeDefined();
    expect(out).toHaveResourceWithProperties(MssqlVirtualNetworkRule, { subnet_id: 'snet-b' });
    expect(out).toHaveResourceWithProperties(MssqlServerExtendedAuditingPolicy, { log_monitoring_enabled: true });
    expect(out).toHaveResourceWithProperties(MssqlDatabase, { name: 'app', sku_name: 'Basic', storage_account_type: 'Local', short_term_retention_policy: { retention_days: 7 }, transparent_data_encryption_enabled: true });
  });

  test('private endpoint: public access off, no VNet rules, geo backups in prod', () => {
    const stack = newStack('prod');
    new SqlServer(stack, 'Sql', { databases: [{ name: 'app', sku: 'S2', pitrDays: 35 }], privateEndpoints: PE });
    const out = Testing.synth(stack);
    expect(out).toHaveResourceWithProperties(MssqlServer, { public_network_access_enabled: false });
    expect(out).toHaveResourceWithProperties(PrivateEndpoint, { private_service_connection: expect.objectContaining({ subresource_names: ['sqlServer'] }) });
    expect(out).toHaveResourceWithProperties(MssqlDatabase, { sku_name: 'S2', storage_account_type: 'Geo' });
    expect(JSON.parse(out).resource.azurerm_mssql_virtual_network_rule).toBeUndefined();
  });

  test('geo backups follow the typed stage, not the environment name', () => {
    const geoOf = (environment: string, stage: 'production' | 'non-production') => {
      const stack = new AzureStack(Testing.app(), 'test', { architecture: 'serverless-platform', environment, stage, location: 'westus2', backend: { type: 'local' } });
      new SqlServer(stack, 'Sql', { databases: [{ name: 'app', sku: 'S2' }], privateEndpoints: PE });
      return (Object.values(JSON.parse(Testing.synth(stack)).resource.azurerm_mssql_database)[0] as { storage_account_type: string }).storage_account_type;
    };
    expect(geoOf('live', 'production')).toBe('Geo');
    expect(geoOf('prod', 'non-production')).toBe('Local');
  });

  const bad = (props: SqlServerProps, message: string) => expectValidationError(() => new SqlServer(newStack(), 'Sql', props), message);
  test('no database', () => bad({ databases: [] }, 'test/Sql: at least one database is needed (got [])'));
  test('pitrDays', () => bad({ databases: [{ name: 'a', sku: 'S2', pitrDays: 40 }] }, 'pitrDays must be an integer between 1 and 35 (got 40)'));
  test('Basic PITR > 7', () => bad({ databases: [{ name: 'a', sku: 'Basic', pitrDays: 14 }] }, 'a Basic database keeps point-in-time backups at most 7 days (got 14)'));
  test('VNet rules with a private endpoint', () => bad({ databases: [{ name: 'a' }], privateEndpoints: PE, virtualNetworkSubnetIds: ['s'] }, 'virtualNetworkSubnetIds apply to the public endpoint, which is off with private endpoints (got 1)'));
  test('duplicate database', () => bad({ databases: [{ name: 'a' }, { name: 'a' }] }, 'database names must be unique (got "a")'));
});

describe('CosmosAccount', () => {
  test('serverless, Session, keys off, TLS 1.2, continuous backup, VNet filter', () => {
    const stack = newStack();
    new CosmosAccount(stack, 'Cosmos', { virtualNetworkSubnetIds: ['snet-a'] });
    const out = Testing.synth(stack);
    expect(out).toHaveResourceWithProperties(CosmosdbAccount, {
      capabilities: [{ name: 'EnableServerless' }],
      consistency_policy: { consistency_level: 'Session' },
      local_authentication_disabled: true,
      minimal_tls_version: 'Tls12',
      is_virtual_network_filter_enabled: true,
      virtual_network_rule: [{ id: 'snet-a' }],
      backup: { type: 'Continuous', tier: 'Continuous7Days' },
    });
  });
  test('private endpoint turns public access off', () => {
    const stack = newStack();
    new CosmosAccount(stack, 'Cosmos', { privateEndpoints: PE });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(CosmosdbAccount, { public_network_access_enabled: false });
  });
});
