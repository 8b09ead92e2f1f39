import { DataProtectionBackupInstancePostgresqlFlexibleServer } from '@cdktf/provider-azurerm/lib/data-protection-backup-instance-postgresql-flexible-server';
import { DataProtectionBackupPolicyPostgresqlFlexibleServer } from '@cdktf/provider-azurerm/lib/data-protection-backup-policy-postgresql-flexible-server';
import { DataProtectionBackupVault } from '@cdktf/provider-azurerm/lib/data-protection-backup-vault';
import { Testing } from 'cdktf';
import { BackupVault, BackupVaultProps, POSTGRES_FLEXIBLE_BACKUP_ROLE } from '../../lib/azure/backup';
import { AzureStack } from '../../lib/azure/azure-stack';
import { expectValidationError } from '../helpers';

const newStack = (stage: 'production' | 'non-production' = 'non-production') =>
  new AzureStack(Testing.app(), 'test', { architecture: 'personal-tech', environment: stage === 'production' ? 'prod' : 'dev', stage, location: 'eastus', backend: { type: 'local' } });
const server = { id: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.DBforPostgreSQL/flexibleServers/psql-pt', name: 'psql-pt' };

describe('BackupVault', () => {
  test('vault store, CAF name, system identity, soft delete 14 days, immutability unlocked; redundancy follows the stage', () => {
    const dev = newStack();
    new BackupVault(dev, 'Backup');
    expect(Testing.synth(dev)).toHaveResourceWithProperties(DataProtectionBackupVault, {
      name: 'bvault-personal-tech-dev-eus',
      datastore_type: 'VaultStore',
      redundancy: 'LocallyRedundant',
      soft_delete: 'On',
      retention_duration_in_days: 14,
      immutability: 'Unlocked',
      identity: { type: 'SystemAssigned' },
    });
    const prod = newStack('production');
    new BackupVault(prod, 'Backup');
    expect(Testing.synth(prod)).toHaveResourceWithProperties(DataProtectionBackupVault, { redundancy: 'GeoRedundant' });
  });

  test('protectPostgresFlexibleServer: daily 02:00 UTC, 30 days in the vault, instance after the vault identity\'s roles on server and resource group', () => {
    const stack = newStack();
    const vault = new BackupVault(stack, 'Backup');
    const b = vault.protectPostgresFlexibleServer(server);
    const out = Testing.synth(stack);
    expect(out).toHaveResourceWithProperties(DataProtectionBackupPolicyPostgresqlFlexibleServer, {
      name: 'psql-pt-daily-30d',
      backup_repeating_time_intervals: ['R/2024-01-01T02:00:00+00:00/P1D'],
      time_zone: 'UTC',
      default_retention_rule: { life_cycle: [{ data_store_type: 'VaultStore', duration: 'P30D' }] },
    });
    expect(out).toHaveResourceWithProperties(DataProtectionBackupInstancePostgresqlFlexibleServer, { name: 'psql-pt', server_id: server.id, location: 'eastus' });
    const json = JSON.parse(out);
    const roles = Object.values(json.resource.azurerm_role_assignment as Record<string, { role_definition_name: string; scope: string }>);
    expect(roles.map((r) => [r.role_definition_name, r.scope])).toEqual(
      expect.arrayContaining([
        [POSTGRES_FLEXIBLE_BACKUP_ROLE, server.id],
        ['Reader', expect.stringMatching(/azurerm_resource_group\..*\.id/)],
      ]),
    );
    const instance = Object.values(json.resource.azurerm_data_protection_backup_instance_postgresql_flexible_server)[0] as { depends_on: string[] };
    expect(instance.depends_on).toHaveLength(2);
    expect(b.grants).toHaveLength(2);
  });

  test('weekly at another time, other retention', () => {
    const stack = newStack();
    new BackupVault(stack, 'Backup').protectPostgresFlexibleServer(server, { frequency: 'weekly', timeOfDay: '23:30', retentionDays: 90 });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(DataProtectionBackupPolicyPostgresqlFlexibleServer, {
      backup_repeating_time_intervals: ['R/2024-01-01T23:30:00+00:00/P1W'],
      default_retention_rule: { life_cycle: [{ data_store_type: 'VaultStore', duration: 'P90D' }] },
    });
  });

  test.each([
    [{ softDeleteRetentionDays: 7 }, 'test/Backup: softDeleteRetentionDays must be an integer between 14 and 180 (got 7)'],
    [{ softDelete: 'Off', softDeleteRetentionDays: 30 }, "test/Backup: softDeleteRetentionDays needs softDelete 'On' or 'AlwaysOn' (got 30)"],
    [{ name: '1vault' }, 'test/Backup: backup vault name may contain only letters, digits and hyphens, and must start with a letter (got "1vault")'],
  ])('rejects %j', (props, message) => {
    expectValidationError(() => new BackupVault(newStack(), 'Backup', props as BackupVaultProps), message);
  });

  test.each([
    [{ retentionDays: 0 }, 'test/Backup: PostgreSQL backup retentionDays must be an integer between 1 and 3650 (got 0)'],
    [{ timeOfDay: '2am' }, 'test/Backup: PostgreSQL backup timeOfDay must be HH:MM (UTC, 24 h) (got "2am")'],
    [{ frequency: 'hourly' }, "test/Backup: PostgreSQL backup frequency must be 'daily' or 'weekly' (got \"hourly\")"],
  ])('protectPostgresFlexibleServer rejects %j', (options, message) => {
    expectValidationError(() => new BackupVault(newStack(), 'Backup').protectPostgresFlexibleServer(server, options as never), message);
  });
});
