import { App } from 'cdktf';
import { Construct } from 'constructs';
import { AzureStack } from '../lib/core/azure-stack';
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
  }
}

/** Adds the `tfstate-azure` stack. */
export function addTfstateAzureStack(app: App): TfstateAzureStack {
  return new TfstateAzureStack(app, 'tfstate-azure', tfstateAzureConfig());
}
