import { BackendConfig, backendSchema } from '../lib/core/config';

/**
 * Where the Azure stacks keep their Terraform state. The `tfstate-azure`
 * stack (config/tfstate-azure.ts) creates exactly this resource group,
 * storage account and container; every Azure architecture's configuration
 * uses {@link azureBackend}, one `<stack>.tfstate` key per stack.
 *
 * Storage account names are global across Azure: change `storageAccountName`
 * (3-24 lowercase letters and digits) before bootstrapping your own copy.
 */
export const AZURE_STATE = {
  location: 'eastus',
  resourceGroupName: 'rg-tfstate-shared-eus',
  storageAccountName: 'sttfstatef3059915',
  containerName: 'tfstate',
} as const;

/** The azurerm backend of every Azure architecture stack (Azure AD auth, key `<stack>.tfstate`). */
export const azureBackend: BackendConfig = backendSchema.parse({
  type: 'azurerm',
  resourceGroupName: AZURE_STATE.resourceGroupName,
  storageAccountName: AZURE_STATE.storageAccountName,
  containerName: AZURE_STATE.containerName,
  keyPrefix: '',
});
