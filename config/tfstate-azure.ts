import { z } from 'zod';
import { isCidr } from '../lib/core/cidr';
import { loadConfig } from '../lib/core/config';
import { AZURE_STATE } from './azure-backend';

/** Settings of the `tfstate-azure` bootstrap stack (state resource group, storage account, container). */
export const tfstateAzureSchema = z.object({
  location: z.string().min(1),
  /** Subscription GUID; without it the provider reads ARM_SUBSCRIPTION_ID. */
  subscriptionId: z.guid().optional(),
  resourceGroupName: z.string().min(1).max(90),
  storageAccountName: z.string().regex(/^[a-z0-9]{3,24}$/, 'must be 3-24 lowercase letters and digits'),
  containerName: z.string().regex(/^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/, 'must be 3-63 lowercase letters, digits and single hyphens'),
  /** Geo-redundant: state survives a regional outage. */
  replication: z.enum(['LRS', 'ZRS', 'GRS', 'RAGRS', 'GZRS', 'RAGZRS']),
  /** Days a deleted or overwritten state blob / container stays recoverable. */
  blobSoftDeleteDays: z.number().int().min(1).max(365),
  containerSoftDeleteDays: z.number().int().min(1).max(365),
  /**
   * Public IPs / CIDR ranges of the machines that run Terraform (CI runners,
   * admins): every Azure stack reads and writes its state through this
   * account's data plane. Everything else is denied, so the list cannot be empty.
   */
  allowedIpRanges: z
    .array(z.string().refine((ip) => isCidr(ip.includes('/') ? ip : `${ip}/32`), { message: 'must be an IPv4 address or CIDR block' }))
    .min(1, 'add the public IPs or CIDR ranges Terraform runs from (CI runner egress, admins): with none, no stack can read or write its state'),
});
export type TfstateAzureConfig = z.infer<typeof tfstateAzureSchema>;

const environments: Record<string, TfstateAzureConfig> = {
  shared: {
    location: AZURE_STATE.location,
    resourceGroupName: AZURE_STATE.resourceGroupName,
    storageAccountName: AZURE_STATE.storageAccountName,
    containerName: AZURE_STATE.containerName,
    replication: 'GRS',
    blobSoftDeleteDays: 30,
    containerSoftDeleteDays: 30,
    // RFC 5737 documentation range (TEST-NET-3), not a real network: replace it with your runners'
    // egress IPs before bootstrapping. An empty list is refused (nobody could reach the state).
    allowedIpRanges: ['203.0.113.0/24'],
  },
};

/** The validated configuration (one environment: `shared`). */
export function tfstateAzureConfig(environment = 'shared'): TfstateAzureConfig {
  return loadConfig('tfstate-azure', tfstateAzureSchema, environments, environment);
}
