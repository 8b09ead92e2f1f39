import { ContainerRegistry as AcrResource } from '@cdktf/provider-azurerm/lib/container-registry';
import { PrivateEndpoint } from '@cdktf/provider-azurerm/lib/private-endpoint';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { DataAzurermContainerRegistry } from '@cdktf/provider-azurerm/lib/data-azurerm-container-registry';
import { LinuxWebApp as LinuxWebAppResource } from '@cdktf/provider-azurerm/lib/linux-web-app';
import { Testing } from 'cdktf';
import { AppServicePlan, LinuxWebApp } from '../../lib/azure/compute';
import { ContainerRegistry, ContainerRegistryProps } from '../../lib/azure/containers';
import { AzureStack } from '../../lib/azure/azure-stack';
import { expectValidationError } from '../helpers';

const newStack = () => new AzureStack(Testing.app(), 'test', { architecture: 'personal-tech', environment: 'dev', location: 'eastus', backend: { type: 'local' } });
const build = (props: ContainerRegistryProps = {}) => {
  const stack = newStack();
  const acr = new ContainerRegistry(stack, 'Acr', props);
  return { stack, acr, out: Testing.synth(stack) };
};
const pe = [{ subnetResourceId: 'snet', privateDnsZoneResourceIds: ['zone'] }];

describe('ContainerRegistry', () => {
  test('Standard by default: admin user and anonymous pull off, no Premium-only settings', () => {
    const { out } = build();
    expect(out).toHaveResourceWithProperties(AcrResource, {
      name: expect.stringMatching(/^crpersonaltechdeveus[0-9a-f]{6}$/),
      sku: 'Standard',
      admin_enabled: false,
      anonymous_pull_enabled: false,
      public_network_access_enabled: true,
      network_rule_bypass_option: 'AzureServices',
    });
    const acr = Object.values(JSON.parse(out).resource.azurerm_container_registry)[0] as Record<string, unknown>;
    for (const premiumOnly of ['retention_policy_in_days', 'trust_policy_enabled', 'zone_redundancy_enabled', 'data_endpoint_enabled', 'quarantine_policy_enabled', 'georeplications', 'network_rule_set']) {
      expect(acr[premiumOnly]).toBeUndefined();
    }
  });

  test('Premium behind private endpoints: public access and export off, retention, trust, zones, data endpoints', () => {
    const { out } = build({ sku: 'Premium', privateEndpoints: pe, georeplicationLocations: ['westus'] });
    expect(out).toHaveResourceWithProperties(AcrResource, {
      sku: 'Premium',
      public_network_access_enabled: false,
      export_policy_enabled: false,
      retention_policy_in_days: 7,
      trust_policy_enabled: true,
      zone_redundancy_enabled: true,
      data_endpoint_enabled: true,
      quarantine_policy_enabled: false,
      georeplications: [{ location: 'westus', zone_redundancy_enabled: true }],
    });
    expect(out).toHaveResourceWithProperties(PrivateEndpoint, { private_service_connection: expect.objectContaining({ subresource_names: ['registry'] }) });
  });

  test('Premium public endpoint filtered by IP', () => {
    const { out } = build({ sku: 'Premium', allowedIpRanges: ['203.0.113.0/24'], retentionDays: 30, trustPolicy: false });
    expect(out).toHaveResourceWithProperties(AcrResource, {
      public_network_access_enabled: true,
      retention_policy_in_days: 30,
      trust_policy_enabled: false,
      network_rule_set: [{ default_action: 'Deny', ip_rule: [{ action: 'Allow', ip_range: '203.0.113.0/24' }] }],
    });
  });

  test('grantPull gives AcrPull to a managed identity, grantPush AcrPush', () => {
    const stack = newStack();
    const acr = new ContainerRegistry(stack, 'Acr');
    acr.grantPull('web-principal');
    acr.grantPush('ci-principal');
    const out = Testing.synth(stack);
    expect(out).toHaveResourceWithProperties(RoleAssignment, { role_definition_name: 'AcrPull', principal_id: 'web-principal', principal_type: 'ServicePrincipal', scope: expect.stringMatching(/azurerm_container_registry\.Acr_[0-9A-F]+\.id/) });
    expect(out).toHaveResourceWithProperties(RoleAssignment, { role_definition_name: 'AcrPush', principal_id: 'ci-principal' });
  });

  test('managed identity and lock', () => {
    const { out } = build({ managedIdentities: { userAssignedResourceIds: ['uai'] }, lock: { kind: 'CanNotDelete' } });
    expect(out).toHaveResourceWithProperties(AcrResource, { identity: { type: 'UserAssigned', identity_ids: ['uai'] } });
  });

  test.each([
    [{ sku: 'Gold' }, 'test/Acr: sku must be Basic, Standard or Premium (got "Gold")'],
    [{ privateEndpoints: pe }, 'test/Acr: private endpoints needs the Premium SKU (got "Standard")'],
    [{ sku: 'Basic', publicNetworkAccess: false }, 'test/Acr: turning public network access off needs the Premium SKU (got "Basic")'],
    [{ allowedIpRanges: ['203.0.113.0/24'] }, 'test/Acr: allowedIpRanges needs the Premium SKU (got "Standard")'],
    [{ retentionDays: 7 }, 'test/Acr: retentionDays needs the Premium SKU (got "Standard")'],
    [{ trustPolicy: true }, 'test/Acr: trustPolicy needs the Premium SKU (got "Standard")'],
    [{ zoneRedundancy: true }, 'test/Acr: zoneRedundancy needs the Premium SKU (got "Standard")'],
    [{ georeplicationLocations: ['westus'] }, 'test/Acr: georeplicationLocations needs the Premium SKU (got "Standard")'],
    [{ quarantinePolicy: true }, 'test/Acr: quarantinePolicy needs the Premium SKU (got "Standard")'],
    [{ sku: 'Premium', retentionDays: 366 }, 'test/Acr: retentionDays must be an integer between 0 and 365 (got 366)'],
    [{ sku: 'Premium', allowedIpRanges: ['10.0.0.1/8'] }, 'test/Acr: allowedIpRanges must be IPv4 addresses or CIDR blocks (got "10.0.0.1/8")'],
    [{ name: 'cr-personal' }, 'test/Acr: container registry name may contain only letters and digits (got "cr-personal")'],
    [{ name: 'acr' }, 'test/Acr: container registry name must be 5-50 characters long (got "acr")'],
  ])('rejects %j', (props, message) => {
    expectValidationError(() => build(props as ContainerRegistryProps), message);
  });
});

describe('ContainerRegistry imports', () => {
  test('fromAttributes and fromName give an IContainerRegistry a web app pulls from and grants itself AcrPull on', () => {
    const stack = newStack();
    const shared = ContainerRegistry.fromAttributes(stack, 'Shared', { id: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/crshared', name: 'crshared' });
    expect(shared.loginServer).toBe('crshared.azurecr.io');
    const looked = ContainerRegistry.fromName(stack, 'Looked', 'crother', 'rg-other');
    const plan = new AppServicePlan(stack, 'Plan', { sku: 'B1' });
    new LinuxWebApp(stack, 'Web', { plan, registry: shared, image: 'app:1' });
    looked.grantPush('ci', 'Group');
    const out = Testing.synth(stack);
    expect(out).toHaveDataSourceWithProperties(DataAzurermContainerRegistry, { name: 'crother', resource_group_name: 'rg-other' });
    expect(out).toHaveResourceWithProperties(RoleAssignment, { scope: shared.id, role_definition_name: 'AcrPull', principal_id: expect.stringContaining('azurerm_linux_web_app.Web') });
    expect(out).toHaveResourceWithProperties(RoleAssignment, { scope: expect.stringContaining('data.azurerm_container_registry.Looked_Lookup'), role_definition_name: 'AcrPush', principal_id: 'ci' });
    expect(out).toHaveResourceWithProperties(LinuxWebAppResource, { site_config: expect.objectContaining({ application_stack: expect.objectContaining({ docker_registry_url: 'https://crshared.azurecr.io' }) }) });
  });
});
