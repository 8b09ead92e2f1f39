import { Testing } from 'cdktf';
import { AwsStack } from '../../lib/aws/aws-stack';
import { AzureStack } from '../../lib/azure/azure-stack';
import { randomProvider } from '../../lib/core/random';

const s3 = { type: 's3' as const, bucket: 'state-bucket', region: 'us-east-1', keyPrefix: '' };
const azurermBackend = { type: 'azurerm' as const, resourceGroupName: 'rg-tfstate', storageAccountName: 'sttfstate', containerName: 'tfstate', keyPrefix: '' };

describe('terraform block', () => {
  test('AWS stack: required_version, and provider sources spelled in full', () => {
    const stack = new AwsStack(Testing.app(), 'demo-dev', { architecture: 'demo', environment: 'dev', region: 'us-east-1', backend: s3 });
    randomProvider(stack);
    const { terraform } = JSON.parse(Testing.synth(stack));
    expect(terraform.backend.s3.use_lockfile).toBe(true);
    expect(terraform.required_version).toBe('>= 1.10.0');
    expect(terraform.required_providers.aws).toEqual({ source: 'hashicorp/aws', version: expect.stringMatching(/^6\./) });
    expect(terraform.required_providers.random.source).toBe('hashicorp/random');
  });

  test('Azure stack: required_version, and provider sources spelled in full', () => {
    const stack = new AzureStack(Testing.app(), 'demo-dev', { architecture: 'demo', environment: 'dev', location: 'eastus', backend: azurermBackend });
    const { terraform } = JSON.parse(Testing.synth(stack));
    expect(terraform.backend.azurerm).toBeDefined();
    expect(terraform.required_version).toBe('>= 1.10.0');
    expect(terraform.required_providers).toEqual({ azurerm: { source: 'hashicorp/azurerm', version: expect.stringMatching(/^4\./) } });
  });
});
