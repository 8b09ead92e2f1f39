import { MonitorDiagnosticSetting } from '@cdktf/provider-azurerm/lib/monitor-diagnostic-setting';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { StorageAccount as StorageAccountResource } from '@cdktf/provider-azurerm/lib/storage-account';
import { StorageContainer } from '@cdktf/provider-azurerm/lib/storage-container';
import { StorageManagementPolicy } from '@cdktf/provider-azurerm/lib/storage-management-policy';
import { Testing } from 'cdktf';
import { LifecycleRule, StorageAccount, StorageAccountProps } from '../../lib/azure/storage';
import { AzureStack } from '../../lib/azure/azure-stack';
import { expectValidationError } from '../helpers';

const newStack = (environment = 'dev') => new AzureStack(Testing.app(), 'test', { architecture: 'personal-tech', environment, stage: environment === 'prod' ? 'production' : 'non-production', location: 'eastus', backend: { type: 'local' } });
const build = (props: StorageAccountProps = {}, environment = 'dev') => {
  const stack = newStack(environment);
  const st = new StorageAccount(stack, 'St', props);
  return { stack, st, out: () => Testing.synth(stack) };
};

describe('StorageAccount', () => {
  test('locked-down StorageV2 account by default', () => {
    const { out } = build();
    expect(out()).toHaveResourceWithProperties(StorageAccountResource, {
      name: expect.stringMatching(/^stpersonaltedeveus[0-9a-f]{6}$/),
      account_kind: 'StorageV2',
      account_tier: 'Standard',
      account_replication_type: 'LRS',
      access_tier: 'Hot',
      min_tls_version: 'TLS1_2',
      https_traffic_only_enabled: true,
      infrastructure_encryption_enabled: true,
      allow_nested_items_to_be_public: false,
      shared_access_key_enabled: false,
      default_to_oauth_authentication: true,
      cross_tenant_replication_enabled: false,
      allowed_copy_scope: 'AAD',
      local_user_enabled: false,
      sftp_enabled: false,
      public_network_access_enabled: false,
      network_rules: { default_action: 'Deny', bypass: ['AzureServices'] },
      blob_properties: { versioning_enabled: true, delete_retention_policy: { days: 7 }, container_delete_retention_policy: { days: 7 } },
      sas_policy: { expiration_period: '1.00:00:00', expiration_action: 'Log' },
    });
  });

  test('geo-redundant in prod', () => {
    expect(build({}, 'prod').out()).toHaveResourceWithProperties(StorageAccountResource, { account_replication_type: 'GRS' });
  });

  test('private containers, anonymous blob access only when the account allows it', () => {
    const { st, out } = build({ containers: ['static', { name: 'backups', metadata: { purpose: 'db' } }] });
    expect(Object.keys(st.containers)).toEqual(['static', 'backups']);
    expect(out()).toHaveResourceWithProperties(StorageContainer, { name: 'static', container_access_type: 'private', storage_account_id: expect.stringMatching(/azurerm_storage_account\.St_[0-9A-F]+\.id/) });
    expect(out()).toHaveResourceWithProperties(StorageContainer, { name: 'backups', metadata: { purpose: 'db' } });
    const pub = build({ allowBlobPublicAccess: true, containers: [{ name: 'public', access: 'blob' }] });
    expect(pub.out()).toHaveResourceWithProperties(StorageContainer, { name: 'public', container_access_type: 'blob' });
    expect(pub.out()).toHaveResourceWithProperties(StorageAccountResource, { allow_nested_items_to_be_public: true });
  });

  test('lifecycle: delete backups after 30 days, versions and snapshots too; cool then archive', () => {
    const { st, out } = build({ containers: ['backups', 'logs'], lifecycleRules: [{ name: 'backups-30d', prefixes: ['backups/'], deleteAfterDays: 30 }] });
    st.addLifecycleRule({ name: 'logs-tiering', prefixes: ['logs/app-'], coolAfterDays: 30, archiveAfterDays: 90, deleteAfterDays: 365, deleteVersionsAfterDays: 7 });
    const json = JSON.parse(out());
    expect(Object.keys(json.resource.azurerm_storage_management_policy)).toHaveLength(1);
    expect(out()).toHaveResourceWithProperties(StorageManagementPolicy, {
      rule: [
        {
          name: 'backups-30d',
          enabled: true,
          filters: { blob_types: ['blockBlob'], prefix_match: ['backups/'] },
          actions: {
            base_blob: { delete_after_days_since_modification_greater_than: 30 },
            version: { delete_after_days_since_creation: 30 },
            snapshot: { delete_after_days_since_creation_greater_than: 30 },
          },
        },
        {
          name: 'logs-tiering',
          enabled: true,
          filters: { blob_types: ['blockBlob'], prefix_match: ['logs/app-'] },
          actions: {
            base_blob: {
              tier_to_cool_after_days_since_modification_greater_than: 30,
              tier_to_archive_after_days_since_modification_greater_than: 90,
              delete_after_days_since_modification_greater_than: 365,
            },
            version: { delete_after_days_since_creation: 7 },
            snapshot: { delete_after_days_since_creation_greater_than: 365 },
          },
        },
      ],
    });
  });

  test('public endpoint with IP rules; prevent_destroy on account and containers; soft delete periods', () => {
    const { out } = build({
      publicNetworkAccess: true,
      networkRules: { ipRules: ['203.0.113.0/24'], virtualNetworkSubnetIds: ['snet'] },
      preventDestroy: true,
      containers: ['tfstate'],
      blobSoftDeleteDays: 30,
      containerSoftDeleteDays: 14,
      replication: 'ZRS',
    });
    expect(out()).toHaveResourceWithProperties(StorageAccountResource, {
      public_network_access_enabled: true,
      account_replication_type: 'ZRS',
      network_rules: { default_action: 'Deny', bypass: ['AzureServices'], ip_rules: ['203.0.113.0/24'], virtual_network_subnet_ids: ['snet'] },
      lifecycle: { prevent_destroy: true },
      blob_properties: { versioning_enabled: true, delete_retention_policy: { days: 30 }, container_delete_retention_policy: { days: 14 } },
    });
    expect(out()).toHaveResourceWithProperties(StorageContainer, { name: 'tfstate', lifecycle: { prevent_destroy: true } });
  });

  test('diagnostic settings: metrics on the account, logs on its blob service', () => {
    const { out } = build({ diagnosticSettings: [{ workspaceResourceId: 'law' }] });
    expect(out()).toHaveResourceWithProperties(MonitorDiagnosticSetting, { enabled_log: [], enabled_metric: [{ category: 'Transaction' }], target_resource_id: expect.stringMatching(/\.id\}$/) });
    expect(out()).toHaveResourceWithProperties(MonitorDiagnosticSetting, {
      enabled_log: [{ category_group: 'allLogs' }],
      enabled_metric: [{ category: 'Transaction' }],
      target_resource_id: expect.stringMatching(/\.id\}\/blobServices\/default$/),
      log_analytics_workspace_id: 'law',
    });
  });

  test('grantBlobRead and grantBlobWrite assign the data roles', () => {
    const { st, out } = build();
    st.grantBlobRead('cdn');
    st.grantBlobWrite('web');
    expect(out()).toHaveResourceWithProperties(RoleAssignment, { role_definition_name: 'Storage Blob Data Reader', principal_id: 'cdn' });
    expect(out()).toHaveResourceWithProperties(RoleAssignment, { role_definition_name: 'Storage Blob Data Contributor', principal_id: 'web' });
  });

  test.each([
    [{ blobSoftDeleteDays: 0 }, 'test/St: blobSoftDeleteDays must be an integer between 1 and 365 (got 0)'],
    [{ containerSoftDeleteDays: 366 }, 'test/St: containerSoftDeleteDays must be an integer between 1 and 365 (got 366)'],
    [{ accountTier: 'Premium', replication: 'GRS' }, 'test/St: Premium accounts support only LRS or ZRS replication (got "GRS")'],
    [{ networkRules: { ipRules: ['1.2.3'] } }, 'test/St: networkRules.ipRules must be public IPv4 addresses or CIDR blocks (got "1.2.3")'],
    [{ name: 'st-personal' }, 'test/St: storage account name may contain only lowercase letters and digits (got "st-personal")'],
    [{ name: 'stpersonaltechstaticfiles01' }, 'test/St: storage account name must be 3-24 characters long (got "stpersonaltechstaticfiles01")'],
  ])('rejects %j', (props, message) => {
    expectValidationError(() => build(props as StorageAccountProps), message);
  });

  test.each([
    [{ name: 'bad_name', deleteAfterDays: 1 }, 'test/St: lifecycle rule names may contain only letters, digits and hyphens (got "bad_name")'],
    [{ name: 'neg', deleteAfterDays: 0 }, 'test/St: lifecycle days must be positive integers (got 0)'],
    [{ name: 'empty' }, 'test/St: a lifecycle rule needs at least one action (got "empty")'],
    [{ name: 'order', coolAfterDays: 90, archiveAfterDays: 30 }, 'test/St: lifecycle days must grow from cool to archive to delete (got {"name":"order","coolAfterDays":90,"archiveAfterDays":30})'],
    [{ name: 'prefix', prefixes: ['/backups'], deleteAfterDays: 1 }, 'test/St: lifecycle prefixes must start with a container name (container/prefix), at most 10 per rule (got "prefix")'],
  ] as [LifecycleRule, string][])('rejects lifecycle rule %j', (rule, message) => {
    expectValidationError(() => build({ lifecycleRules: [rule] }), message);
  });

  test('rejects duplicate lifecycle rule names', () => {
    const { st } = build({ lifecycleRules: [{ name: 'a', deleteAfterDays: 1 }] });
    expectValidationError(() => st.addLifecycleRule({ name: 'a', deleteAfterDays: 2 }), 'test/St: lifecycle rule names must be unique (got "a")');
  });

  test.each([
    [(st: StorageAccount) => st.addContainer('Static'), 'test/St: container names must be 3-63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit (got "Static")'],
    [(st: StorageAccount) => st.addContainer('a--b'), 'test/St: container names must be 3-63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit (got "a--b")'],
    [(st: StorageAccount) => [st.addContainer('dup'), st.addContainer('dup')], 'test/St: container names must be unique in an account (got "dup")'],
    [(st: StorageAccount) => st.addContainer({ name: 'pub', access: 'blob' }), 'test/St: container pub: anonymous access needs allowBlobPublicAccess on the account (got "blob")'],
  ])('rejects bad containers (%#)', (add, message) => {
    const { st } = build();
    expect(() => add(st)).toThrow(message);
  });
});
