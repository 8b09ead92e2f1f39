import { AzurermBackend, LocalBackend, S3Backend, TerraformStack } from 'cdktf';
import { BackendConfig } from './config';

/**
 * Environment variable that overrides the configured backend:
 * `CDKTF_BACKEND=local npx cdktf synth` keeps state in
 * `terraform.<stack>.tfstate` next to the synthesized stack, so the project
 * can be planned and applied without a state bucket or storage account.
 */
export const BACKEND_ENV_VAR = 'CDKTF_BACKEND';

/**
 * Attaches the remote-state backend to a stack.
 *
 * - `s3`: encrypted, locked with an S3 lock file (`use_lockfile`, no DynamoDB table).
 * - `azurerm`: Azure AD authentication (no storage account key), one key per stack.
 * - `local`: state on disk, for trying the project out.
 */
export function configureBackend(stack: TerraformStack, config: BackendConfig, key: string): void {
  const effective: BackendConfig = process.env[BACKEND_ENV_VAR] === 'local' ? { type: 'local' } : config;
  const fullKey = `${effective.type === 'local' ? '' : (effective.keyPrefix ?? '')}${key}`;
  switch (effective.type) {
    case 's3': {
      locations.set(stack, `s3://${effective.bucket}/${fullKey}`);
      const backend = new S3Backend(stack, {
        bucket: effective.bucket,
        region: effective.region,
        key: fullKey,
        encrypt: true,
      });
      // use_lockfile (Terraform >= 1.10) is not yet a typed S3BackendConfig field in cdktf 0.21.
      backend.addOverride('use_lockfile', true);
      return;
    }
    case 'azurerm':
      locations.set(stack, `azurerm://${effective.storageAccountName}/${effective.containerName}/${fullKey}`);
      new AzurermBackend(stack, {
        resourceGroupName: effective.resourceGroupName,
        storageAccountName: effective.storageAccountName,
        containerName: effective.containerName,
        key: fullKey,
        useAzureadAuth: true,
      });
      return;
    case 'local':
      locations.set(stack, `local://${stack.node.id}`);
      new LocalBackend(stack, { path: `terraform.${stack.node.id}.tfstate` });
      return;
  }
}

const locations = new WeakMap<TerraformStack, string>();

/** Where `stack` keeps its state (`s3://<bucket>/<key>`, `azurerm://<account>/<container>/<key>`, `local://<stack>`), once {@link configureBackend} ran. */
export function stateLocationOf(stack: TerraformStack): string | undefined {
  return locations.get(stack);
}
