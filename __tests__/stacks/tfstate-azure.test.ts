import { ManagementLock } from '@cdktf/provider-azurerm/lib/management-lock';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { StorageAccount } from '@cdktf/provider-azurerm/lib/storage-account';
import { StorageContainer } from '@cdktf/provider-azurerm/lib/storage-container';
import { Testing } from 'cdktf';
import { AZURE_STATE, azureBackend } from '../../config/azure-backend';
import { tfstateAzureConfig, tfstateAzureSchema } from '../../config/tfstate-azure';
import { loadConfig } from '../../lib/core/config';
import { addTfstateAzureStack } from '../../stacks/tfstate-azure';

const synth = () => Testing.synth(addTfstateAzureStack(Testing.app()));

describe('tfstate-azure', () => {
  test('keeps its own state locally', () => {
    const stack = addTfstateAzureStack(Testing.app());
    expect(stack.node.id).toBe('tfstate-azure');
    expect(JSON.parse(Testing.synth(stack)).terraform.backend).toEqual({ local: { path: 'terraform.tfstate-azure.tfstate' } });
  });

  test('creates exactly what the Azure stacks\' azurerm backend points at', () => {
    expect(azureBackend).toEqual({ type: 'azurerm', resourceGroupName: 'rg-tfstate-shared-eus', storageAccountName: AZURE_STATE.storageAccountName, containerName: 'tfstate', keyPrefix: '' });
    if (azureBackend.type !== 'azurerm') throw new Error('azurerm backend expected');
    const out = synth();
    expect(out).toHaveResourceWithProperties(ResourceGroup, { name: azureBackend.resourceGroupName, location: 'eastus' });
    expect(out).toHaveResourceWithProperties(StorageAccount, { name: azureBackend.storageAccountName });
    expect(out).toHaveResourceWithProperties(StorageContainer, { name: azureBackend.containerName, container_access_type: 'private' });
  });

  test('state account: versioned, soft delete, no public access, TLS 1.2, Entra ID only, protected from destroy', () => {
    const out = synth();
    expect(out).toHaveResourceWithProperties(StorageAccount, {
      account_replication_type: 'GRS',
      min_tls_version: 'TLS1_2',
      https_traffic_only_enabled: true,
      allow_nested_items_to_be_public: false,
      shared_access_key_enabled: false,
      infrastructure_encryption_enabled: true,
      blob_properties: { versioning_enabled: true, delete_retention_policy: { days: 30 }, container_delete_retention_policy: { days: 30 } },
      network_rules: { default_action: 'Deny', bypass: ['AzureServices'], ip_rules: ['203.0.113.0/24'] },
      lifecycle: { prevent_destroy: true },
      tags: { architecture: 'tfstate', environment: 'shared', 'managed-by': 'cdktf', purpose: 'terraform-state' },
    });
    expect(out).toHaveResourceWithProperties(StorageContainer, { lifecycle: { prevent_destroy: true } });
    expect(out).toHaveResourceWithProperties(ManagementLock, { lock_level: 'CanNotDelete', scope: expect.stringMatching(/azurerm_storage_account\.State_[0-9A-F]+\.id/) });
  });

  test('only the Storage resource provider is registered', () => {
    expect(JSON.parse(synth()).provider.azurerm[0]).toMatchObject({ resource_provider_registrations: 'core', resource_providers_to_register: ['Microsoft.Storage'], storage_use_azuread: true });
  });

  test('bad configuration fails with its field path', () => {
    const good = tfstateAzureConfig();
    expect(() => loadConfig('tfstate-azure', tfstateAzureSchema, { shared: { ...good, storageAccountName: 'St-State' } }, 'shared')).toThrow(
      'tfstate-azure.shared.storageAccountName: must be 3-24 lowercase letters and digits',
    );
    expect(() => loadConfig('tfstate-azure', tfstateAzureSchema, { shared: { ...good, blobSoftDeleteDays: 0 } }, 'shared')).toThrow('tfstate-azure.shared.blobSoftDeleteDays');
    expect(() => loadConfig('tfstate-azure', tfstateAzureSchema, { shared: { ...good, allowedIpRanges: [] } }, 'shared')).toThrow(
      'tfstate-azure.shared.allowedIpRanges: add the public IPs or CIDR ranges Terraform runs from (CI runner egress, admins): with none, no stack can read or write its state',
    );
    expect(() => loadConfig('tfstate-azure', tfstateAzureSchema, { shared: { ...good, allowedIpRanges: ['10.0.0.300'] } }, 'shared')).toThrow('tfstate-azure.shared.allowedIpRanges.0: must be an IPv4 address or CIDR block');
    expect(() => tfstateAzureConfig('prod')).toThrow('tfstate-azure: unknown environment "prod" (expected one of shared)');
  });

  test('snapshot', () => {
    expect(synth()).toMatchSnapshot();
  });
});
