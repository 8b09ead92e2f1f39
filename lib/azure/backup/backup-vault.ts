import { DataProtectionBackupInstancePostgresqlFlexibleServer } from '@cdktf/provider-azurerm/lib/data-protection-backup-instance-postgresql-flexible-server';
import { DataProtectionBackupPolicyPostgresqlFlexibleServer } from '@cdktf/provider-azurerm/lib/data-protection-backup-policy-postgresql-flexible-server';
import { DataProtectionBackupVault } from '@cdktf/provider-azurerm/lib/data-protection-backup-vault';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { ensure, Rule, validateProps, requireProps } from '../../core/validation';
import { Grant, grantRole } from '../core/grants';
import { AppliedAvmInterfaces, applyAvmInterfaces, AvmCommonProps } from '../core/interfaces';
import { AzureResourceProps, resolvePlacement } from '../core/placement';
import { AzureStack } from '../azure-stack';

export type BackupVaultRedundancy = 'LocallyRedundant' | 'ZoneRedundant' | 'GeoRedundant';

export interface BackupVaultProps extends AzureResourceProps, AvmCommonProps {
  /**
   * Storage redundancy of the vault's backup data (cannot change once a backup exists).
   * @default 'GeoRedundant' in production stages, 'LocallyRedundant' otherwise
   */
  readonly redundancy?: BackupVaultRedundancy;
  /**
   * Soft delete: deleted backups stay recoverable for `softDeleteRetentionDays`.
   * `AlwaysOn` cannot be turned off again.
   * @default 'On'
   */
  readonly softDelete?: 'On' | 'Off' | 'AlwaysOn';
  /**
   * Days soft-deleted backups are kept, 14–180.
   * @default 14
   */
  readonly softDeleteRetentionDays?: number;
  /**
   * Immutability: `Unlocked` blocks deleting recovery points before they expire (can be undone);
   * `Locked` cannot be undone.
   * @default 'Unlocked'
   */
  readonly immutability?: 'Disabled' | 'Unlocked' | 'Locked';
}

/** How a PostgreSQL flexible server is backed up into the vault. */
export interface PostgresBackupOptions {
  /**
   * Days each backup is kept in the vault (`P<n>D`), 1–3650.
   * @default 30 (the seed's "keep the last 30 days")
   */
  readonly retentionDays?: number;
  /**
   * UTC time of day of the backup, `HH:MM`.
   * @default '02:00' (the seed's nightly dump)
   */
  readonly timeOfDay?: string;
  /**
   * `daily` (the seed's nightly pg_dump) or `weekly` (on the start date's weekday).
   * @default 'daily'
   */
  readonly frequency?: 'daily' | 'weekly';
  /**
   * Resource group of the server (the vault's identity gets Reader on it, as Azure Backup requires).
   * @default the stack's resource group
   */
  readonly serverResourceGroupId?: string;
}

/** A PostgreSQL flexible server as Azure Backup sees it. */
export interface IPostgresFlexibleServerRef {
  readonly id: string;
  readonly name: string;
}

/** What `protectPostgresFlexibleServer` created. */
export interface PostgresBackup {
  readonly policy: DataProtectionBackupPolicyPostgresqlFlexibleServer;
  readonly instance: DataProtectionBackupInstancePostgresqlFlexibleServer;
  /** The vault identity's role assignments the instance depends on. */
  readonly grants: Grant[];
}

/** Role Azure Backup needs on a PostgreSQL flexible server it protects. */
export const POSTGRES_FLEXIBLE_BACKUP_ROLE = 'PostgreSQL Flexible Server Long Term Retention Backup Role';

const RULES: Rule<BackupVaultProps>[] = [
  {
    rule: 'softDeleteRetentionDays must be an integer between 14 and 180',
    check: (p) => (p.softDeleteRetentionDays !== undefined && !(Number.isInteger(p.softDeleteRetentionDays) && p.softDeleteRetentionDays >= 14 && p.softDeleteRetentionDays <= 180) ? p.softDeleteRetentionDays : undefined),
  },
  {
    rule: "softDeleteRetentionDays needs softDelete 'On' or 'AlwaysOn'",
    check: (p) => (p.softDelete === 'Off' && p.softDeleteRetentionDays !== undefined ? p.softDeleteRetentionDays : undefined),
  },
];

/**
 * An Azure Backup (Data Protection) vault: system-assigned identity, soft
 * delete, immutability unlocked by default, vault-store redundancy by stage.
 * `protectPostgresFlexibleServer` adds a policy (daily at 02:00 UTC, 30 days
 * by default) and the backup instance, with the vault identity's roles on the
 * server (PostgreSQL Flexible Server Long Term Retention Backup Role) and its
 * resource group (Reader) created before the instance.
 *
 * This is what replaces seed 001's nightly `pg_dump` cron script: Azure Backup
 * takes the server's backups into a vault outside the server, on schedule,
 * retained and restorable (as files, for `pg_restore`) without a job to run.
 */
export class BackupVault extends Construct {
  public readonly resource: DataProtectionBackupVault;
  public readonly id: string;
  public readonly name: string;
  /** Object id of the vault's identity. */
  public readonly principalId: string;
  public readonly interfaces: AppliedAvmInterfaces;
  private readonly location: string;

  constructor(scope: Construct, id: string, props: BackupVaultProps = {}) {
    super(scope, id);
    requireProps(this, props, []);
    validateProps(this, props, RULES);
    const { stack, name, location, resourceGroupName } = resolvePlacement(this, 'backupVault', props, 'Microsoft.DataProtection');
    this.location = location;
    const softDelete = props.softDelete ?? 'On';
    this.resource = new DataProtectionBackupVault(this, 'Resource', {
      name,
      location,
      resourceGroupName,
      datastoreType: 'VaultStore',
      redundancy: props.redundancy ?? (stack.isProduction ? 'GeoRedundant' : 'LocallyRedundant'),
      softDelete,
      retentionDurationInDays: softDelete === 'Off' ? undefined : (props.softDeleteRetentionDays ?? 14),
      immutability: props.immutability ?? 'Unlocked',
      identity: { type: 'SystemAssigned' },
      tags: props.tags,
    });
    this.id = this.resource.id;
    this.name = this.resource.name;
    this.principalId = this.resource.identity.principalId;
    this.interfaces = applyAvmInterfaces(this, { resourceId: this.id, resourceName: name, location, resourceGroupName }, props);
  }

  /** Backs `server` up into this vault on a schedule (see {@link PostgresBackupOptions}). */
  protectPostgresFlexibleServer(server: IPostgresFlexibleServerRef, options: PostgresBackupOptions = {}): PostgresBackup {
    const days = options.retentionDays ?? 30;
    const time = options.timeOfDay ?? '02:00';
    const frequency = options.frequency ?? 'daily';
    const label = Token.isUnresolved(server.name) ? 'postgres' : server.name;
    ensure(this, Number.isInteger(days) && days >= 1 && days <= 3650, 'PostgreSQL backup retentionDays must be an integer between 1 and 3650', days);
    ensure(this, /^([01]\d|2[0-3]):[0-5]\d$/.test(time), 'PostgreSQL backup timeOfDay must be HH:MM (UTC, 24 h)', time);
    ensure(this, frequency === 'daily' || frequency === 'weekly', "PostgreSQL backup frequency must be 'daily' or 'weekly'", frequency);
    const rgId = options.serverResourceGroupId ?? AzureStack.of(this).resourceGroup.id;
    const grants = [
      grantRole(this, server.id, POSTGRES_FLEXIBLE_BACKUP_ROLE, this.principalId, 'ServicePrincipal', 'Azure Backup reads the server it protects'),
      grantRole(this, rgId, 'Reader', this.principalId, 'ServicePrincipal', "Azure Backup reads the protected server's resource group"),
    ];
    const policy = new DataProtectionBackupPolicyPostgresqlFlexibleServer(this, `Policy-${label}`, {
      name: `${label}-${frequency}-${days}d`,
      vaultId: this.id,
      // ISO 8601 repeating interval: from a fixed start, every day (P1D) or week (P1W), at `time` UTC.
      backupRepeatingTimeIntervals: [`R/2024-01-01T${time}:00+00:00/${frequency === 'daily' ? 'P1D' : 'P1W'}`],
      timeZone: 'UTC',
      defaultRetentionRule: { lifeCycle: [{ dataStoreType: 'VaultStore', duration: `P${days}D` }] },
    });
    const instance = new DataProtectionBackupInstancePostgresqlFlexibleServer(this, `Instance-${label}`, {
      name: label,
      location: this.location,
      vaultId: this.id,
      serverId: server.id,
      backupPolicyId: policy.id,
      dependsOn: grants,
    });
    return { policy, instance, grants };
  }
}
