import { App } from 'cdktf';
import { Construct } from 'constructs';
import { AzureStack } from '../lib/azure/azure-stack';
import { Policy } from '../lib/policy';
import { StorageAccount } from '../lib/azure/storage';
import { tfstateAzureConfig, TfstateAzureConfig } from '../config/tfstate-azure';

/**
 * Bootstrap of the Azure remote state: the resource group, storage account
 * and container that config/azure-backend.ts points every Azure stack at.
 * It keeps its own state locally (it cannot live in what it creates).
 */
export class TfstateAzureStack extends AzureStack {
  public readonly account: StorageAccount;

  constructor(scope: Construct, id: string, config: TfstateAzureConfig) {
    super(scope, id, {
      architecture: 'tfstate',
      environment: 'shared',
      backend: { type: 'local' },
      location: config.location,
      subscriptionId: config.subscriptionId,
      resourceGroupName: config.resourceGroupName,
      tags: { purpose: 'terraform-state' },
    });
    Policy.of(this).stage = 'production'; // the state of every Azure stack: held to production protection

    // State storage: versioned, soft-deleted blobs and containers, Entra ID only,
    // public endpoint limited to the Terraform runners, never destroyed, locked.
    this.account = new StorageAccount(this, 'State', {
      name: config.storageAccountName,
      replication: config.replication,
      versioning: true,
      blobSoftDeleteDays: config.blobSoftDeleteDays,
      containerSoftDeleteDays: config.containerSoftDeleteDays,
      containers: [{ name: config.containerName }],
      publicNetworkAccess: true,
      networkRules: { defaultAction: 'Deny', ipRules: config.allowedIpRanges, bypass: ['AzureServices'] },
      preventDestroy: true,
      lock: { kind: 'CanNotDelete', notes: 'Terraform state of every Azure stack' },
    });
    Policy.suppress(this.account, 'AZ-ST-005', 'Terraform runners outside Azure must reach the state; the public endpoint is default-Deny with an IP allow-list');
    Policy.suppressCheckov(this.account, 'CKV2_AZURE_33', 'the bootstrap has no VNet for a private endpoint; access is IP-filtered and Entra ID only (shared keys off)');
    Policy.suppressCheckov(this.account, 'CKV2_AZURE_1', 'Microsoft-managed keys plus infrastructure encryption; a CMK would need a Key Vault before any backend exists');
    Policy.suppress(this.account, 'AZ-DIAG-001', 'the bootstrap runs before any Log Analytics workspace exists; versioning, soft delete and the lock protect the state');

    // --- outputs: the backend settings the Azure stacks use
    this.output('resource_group_name', this.resourceGroupName, 'Resource group of the state storage account');
    this.output('storage_account_name', this.account.name, 'Storage account holding the Terraform state');
    this.output('container_name', config.containerName, 'Blob container of the state files');
  }
}

/** Adds the `tfstate-azure` stack. */
export function addTfstateAzureStack(app: App): TfstateAzureStack {
  return new TfstateAzureStack(app, 'tfstate-azure', tfstateAzureConfig());
}
