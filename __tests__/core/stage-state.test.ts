import { KeyVault as KeyVaultResource } from '@cdktf/provider-azurerm/lib/key-vault';
import { StorageAccount as StorageAccountResource } from '@cdktf/provider-azurerm/lib/storage-account';
import { App, Testing } from 'cdktf';
import { KeyVault } from '../../lib/azure/security/key-vault';
import { StorageAccount } from '../../lib/azure/storage/storage-account';
import { appErrors } from '../../lib/core/app';
import { AwsStack } from '../../lib/aws/aws-stack';
import { AzureStack } from '../../lib/azure/azure-stack';
import { BackendConfig } from '../../lib/core/config';
import { expectValidationError } from '../helpers';

const s3: BackendConfig = { type: 's3', bucket: 'state-bucket', region: 'us-east-1' };
const azurerm: BackendConfig = { type: 'azurerm', resourceGroupName: 'rg', storageAccountName: 'sttfstate', containerName: 'tfstate' };
const backendOf = (stack: AwsStack | AzureStack) => JSON.parse(Testing.synth(stack)).terraform.backend;

describe('state location', () => {
  test('the S3 key defaults to the stack name, keyPrefix is optional (no "undefined" from JavaScript)', () => {
    const stack = new AwsStack(Testing.app(), 'shop-dev', { architecture: 'shop', environment: 'dev', region: 'us-east-1', backend: s3 });
    expect(backendOf(stack).s3.key).toBe('shop-dev/terraform.tfstate');
    const prefixed = new AwsStack(Testing.app(), 'shop-dev', { architecture: 'shop', environment: 'dev', region: 'us-east-1', backend: { ...s3, keyPrefix: 'team/' } });
    expect(backendOf(prefixed).s3.key).toBe('team/shop-dev/terraform.tfstate');
  });

  test('an explicit key in the backend config is kept, with {environment}, {stack} and {architecture} filled in', () => {
    const stack = new AwsStack(Testing.app(), 'shop-dev', { architecture: 'shop', environment: 'dev', region: 'us-east-1', backend: { ...s3, key: '{environment}/terraform.tfstate' } });
    expect(backendOf(stack).s3.key).toBe('dev/terraform.tfstate');
    const az = new AzureStack(Testing.app(), 'shop-dev', { architecture: 'shop', environment: 'dev', location: 'eastus', backend: { ...azurerm, key: '{architecture}/{stack}.tfstate' } });
    expect(backendOf(az).azurerm.key).toBe('shop/shop-dev.tfstate');
  });

  test('two stacks of an app with the same S3 bucket and key fail, naming both stacks', () => {
    const app = new App({ outdir: '/tmp/unused-state-test' });
    const pinned = { ...s3, key: 'terraform.tfstate' };
    new AwsStack(app, 'a-dev', { architecture: 'a', environment: 'dev', region: 'us-east-1', backend: pinned });
    new AwsStack(app, 'b-dev', { architecture: 'b', environment: 'dev', region: 'us-east-1', backend: pinned });
    new AwsStack(app, 'c-dev', { architecture: 'c', environment: 'dev', region: 'us-east-1', backend: s3 });
    expect(appErrors(app).map((e) => e.message)).toEqual(['b-dev: state location must be unique in the app, a-dev already uses it (got "s3://state-bucket/terraform.tfstate")']);
  });

  test('two Azure stacks with the same storage account, container and key fail', () => {
    const app = new App({ outdir: '/tmp/unused-state-test' });
    const pinned = { ...azurerm, key: 'shared.tfstate' };
    new AzureStack(app, 'a-dev', { architecture: 'a', environment: 'dev', location: 'eastus', backend: pinned });
    new AzureStack(app, 'b-dev', { architecture: 'b', environment: 'dev', location: 'eastus', backend: pinned });
    new AzureStack(app, 'c-dev', { architecture: 'c', environment: 'dev', location: 'eastus', backend: { ...pinned, containerName: 'other' } });
    expect(appErrors(app).map((e) => e.message)).toEqual(['b-dev: state location must be unique in the app, a-dev already uses it (got "azurerm://sttfstate/tfstate/shared.tfstate")']);
  });
});

describe('stages', () => {
  const azure = (environment: string, stage?: 'production' | 'non-production') =>
    new AzureStack(Testing.app(), 'test', { architecture: 'personal-tech', environment, stage, location: 'westeurope', backend: { type: 'local' } });

  test.each(['production', 'prd', 'live'])('environment %s with the production stage keeps purge protection and GRS, within the name limits', (env) => {
    const stack = azure(env, 'production');
    expect(stack.isProduction).toBe(true);
    new KeyVault(stack, 'Kv');
    new StorageAccount(stack, 'St', {});
    const out = Testing.synth(stack, true);
    expect(out).toHaveResourceWithProperties(KeyVaultResource, { purge_protection_enabled: true });
    expect(out).toHaveResourceWithProperties(StorageAccountResource, { account_replication_type: 'GRS' });
    const kvName = Object.values(JSON.parse(out).resource.azurerm_key_vault as Record<string, { name: string }>)[0].name;
    expect(kvName.length).toBeLessThanOrEqual(24);
  });

  test('the environment name alone never turns protection on', () => {
    const stack = azure('prod');
    expect(stack.stage).toBe('non-production');
    new KeyVault(stack, 'Kv');
    expect(Testing.synth(stack)).toHaveResourceWithProperties(KeyVaultResource, { purge_protection_enabled: false });
  });

  test('the generated Key Vault name for `production` is shortened deterministically', () => {
    const stack = azure('production', 'production');
    new KeyVault(stack, 'Kv');
    expect(Testing.synth(stack)).toHaveResourceWithProperties(KeyVaultResource, { name: expect.stringMatching(/^kv-per-produc-weu-[0-9a-f]{6}$/) });
  });

  test.each(['Dev_Env', 'p', 'averyverylongenv', '1dev'])('environment name %s is rejected', (env) => {
    expectValidationError(
      () => new AwsStack(Testing.app(), 'x', { architecture: 'x', environment: env, region: 'us-east-1', backend: { type: 'local' } }),
      `x: environment must be 2-12 lower-case letters and digits, starting with a letter (got "${env}")`,
    );
  });

  test('a stage other than production / non-production is rejected (JavaScript callers)', () => {
    expectValidationError(
      () => new AwsStack(Testing.app(), 'x', { architecture: 'x', environment: 'dev', stage: 'prod' as never, region: 'us-east-1', backend: { type: 'local' } }),
      `x: stage must be 'production' or 'non-production' (got "prod")`,
    );
  });
});
