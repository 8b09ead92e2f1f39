import { FunctionAppFlexConsumption } from '@cdktf/provider-azurerm/lib/function-app-flex-consumption';
import { LinuxFunctionApp } from '@cdktf/provider-azurerm/lib/linux-function-app';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { ServicePlan } from '@cdktf/provider-azurerm/lib/service-plan';
import { Testing } from 'cdktf';
import { FunctionApp, FunctionAppProps, FunctionsHosting, FunctionsPlan } from '../../lib/azure/functions';
import { StorageAccount } from '../../lib/azure/storage';
import { AzureStack } from '../../lib/azure/azure-stack';
import { expectValidationError } from '../helpers';

const newStack = () => new AzureStack(Testing.app(), 'test', { architecture: 'serverless-platform', environment: 'dev', location: 'westus2', backend: { type: 'local' } });
const build = (hosting: FunctionsHosting, props: Partial<FunctionAppProps> = {}) => {
  const stack = newStack();
  const storage = new StorageAccount(stack, 'Host');
  const plan = new FunctionsPlan(stack, 'Plan', { hosting });
  const app = new FunctionApp(stack, 'Fn', { plan, storage, virtualNetworkSubnetId: hosting === 'Consumption' ? undefined : 'snet', connections: [{ name: 'ServiceBusConnection', fullyQualifiedNamespace: 'sb.servicebus.windows.net' }], ...props });
  return { stack, app, out: Testing.synth(stack) };
};

describe('FunctionApp', () => {
  test('Flex Consumption: FC1 plan, blob deployment container reached with the user-assigned identity, identity-based settings', () => {
    const { out } = build('FlexConsumption');
    expect(out).toHaveResourceWithProperties(ServicePlan, { sku_name: 'FC1', os_type: 'Linux' });
    expect(out).toHaveResourceWithProperties(FunctionAppFlexConsumption, {
      runtime_name: 'python',
      runtime_version: '3.11',
      storage_container_type: 'blobContainer',
      storage_authentication_type: 'UserAssignedIdentity',
      https_only: true,
      public_network_access_enabled: false,
      virtual_network_subnet_id: 'snet',
      app_settings: expect.objectContaining({
        AzureWebJobsStorage__credential: 'managedidentity',
        ServiceBusConnection__fullyQualifiedNamespace: 'sb.servicebus.windows.net',
        ServiceBusConnection__credential: 'managedidentity',
      }),
    });
    expect(out).toHaveResourceWithProperties(RoleAssignment, { role_definition_name: 'Storage Blob Data Owner' });
    expect(out).toContain('deploy-func-serverless-platform-dev-wus2');
  });

  test('Elastic Premium: EP1 plan, linux function app with content share off, all traffic through the VNet, scale monitoring', () => {
    const { out } = build('ElasticPremium');
    expect(out).toHaveResourceWithProperties(ServicePlan, { sku_name: 'EP1', maximum_elastic_worker_count: 20 });
    expect(out).toHaveResourceWithProperties(LinuxFunctionApp, {
      content_share_force_disabled: true,
      functions_extension_version: '~4',
      ftp_publish_basic_authentication_enabled: false,
      site_config: expect.objectContaining({ vnet_route_all_enabled: true, runtime_scale_monitoring_enabled: true, ftps_state: 'Disabled', minimum_tls_version: '1.2', application_stack: { python_version: '3.11' } }),
    });
  });

  const bad = (hosting: FunctionsHosting, props: Partial<FunctionAppProps>, message: string) =>
    expectValidationError(() => {
      const stack = newStack();
      return new FunctionApp(stack, 'Fn', { plan: new FunctionsPlan(stack, 'Plan', { hosting }), storage: new StorageAccount(stack, 'Host'), ...props });
    }, message);
  test('classic Consumption + VNet integration', () =>
    bad('Consumption', { virtualNetworkSubnetId: 'snet' }, 'test/Fn: classic Consumption (Y1) plans cannot join a virtual network: use FlexConsumption or ElasticPremium (got "Y1")'));
  test('secret in app settings', () => bad('FlexConsumption', { appSettings: { API_KEY: 'abc' } }, 'secret-looking app settings must be Key Vault references (@Microsoft.KeyVault(...)), never values (got "API_KEY")'));
  test('Key Vault reference accepted', () => expect(() => build('FlexConsumption', { appSettings: { API_KEY: '@Microsoft.KeyVault(SecretUri=https://kv/secrets/x)' } })).not.toThrow());
  test('connection name', () => bad('FlexConsumption', { connections: [{ name: 'bad-name', fullyQualifiedNamespace: 'x' }] }, 'connection names must be letters, digits and underscores (got "bad-name")'));
  test('maximumInstanceCount', () => bad('FlexConsumption', { maximumInstanceCount: 0 }, 'maximumInstanceCount must be an integer between 1 and 1000 (Flex Consumption) (got 0)'));
});
