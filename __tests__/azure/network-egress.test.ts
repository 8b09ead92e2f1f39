import { NatGateway as NatGatewayResource } from '@cdktf/provider-azurerm/lib/nat-gateway';
import { NetworkDdosProtectionPlan } from '@cdktf/provider-azurerm/lib/network-ddos-protection-plan';
import { PrivateEndpoint } from '@cdktf/provider-azurerm/lib/private-endpoint';
import { PublicIp } from '@cdktf/provider-azurerm/lib/public-ip';
import { SubnetNatGatewayAssociation } from '@cdktf/provider-azurerm/lib/subnet-nat-gateway-association';
import { VirtualNetwork as VnetResource } from '@cdktf/provider-azurerm/lib/virtual-network';
import { Testing } from 'cdktf';
import { DdosProtectionPlan, NatGateway, NatGatewayProps, PRIVATE_DNS_ZONES, PrivateEndpointTarget, privateEndpointIn, VirtualNetwork } from '../../lib/azure/network';
import { KeyVault, ManagedIdentity } from '../../lib/azure/security';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { AzureStack } from '../../lib/azure/azure-stack';
import { expectValidationError } from '../helpers';

const newStack = () => new AzureStack(Testing.app(), 'test', { architecture: 'flowlite', environment: 'prod', location: 'eastus', backend: { type: 'local' } });
const vnetIn = (stack: AzureStack, ddosProtectionPlanId?: string) =>
  new VirtualNetwork(stack, 'Vnet', {
    addressSpace: ['10.0.0.0/16'],
    ddosProtectionPlanId,
    subnets: [
      { name: 'snet-a', addressPrefix: '10.0.1.0/24' },
      { name: 'snet-b', addressPrefix: '10.0.2.0/24' },
      { name: 'snet-pe', addressPrefix: '10.0.4.0/24' },
    ],
  });

describe('NatGateway', () => {
  test('Standard gateway, one static Standard public IP, subnet associations', () => {
    const stack = newStack();
    const vnet = vnetIn(stack);
    const nat = new NatGateway(stack, 'Nat', { subnets: [vnet.subnet('snet-a'), vnet.subnet('snet-b')], zone: '1', idleTimeoutMinutes: 10 });
    const out = Testing.synth(stack);
    expect(out).toHaveResourceWithProperties(NatGatewayResource, { name: 'ng-flowlite-prod-eus', sku_name: 'Standard', idle_timeout_in_minutes: 10, zones: ['1'] });
    expect(out).toHaveResourceWithProperties(PublicIp, { name: 'pip-flowlite-nat-prod-eus', sku: 'Standard', allocation_method: 'Static', zones: ['1'] });
    expect(Object.keys(JSON.parse(out).resource.azurerm_subnet_nat_gateway_association)).toHaveLength(2);
    expect(out).toHaveResource(SubnetNatGatewayAssociation);
    expect(nat.publicIpAddress).toMatch(/TOKEN/);
  });

  test.each([
    [{ idleTimeoutMinutes: 2 }, 'test/Nat: idleTimeoutMinutes must be an integer between 4 and 120 (got 2)'],
    [{ zone: '4' }, 'test/Nat: zone must be 1, 2 or 3 (got "4")'],
  ] as [NatGatewayProps, string][])('rejects %j', (props, message) => {
    expectValidationError(() => new NatGateway(newStack(), 'Nat', props), message);
  });

  test('a subnet is associated once', () => {
    expectValidationError(() => {
      const stack = newStack();
      const s = vnetIn(stack).subnet('snet-a');
      return new NatGateway(stack, 'Nat', { subnets: [s, s] });
    }, 'test/Nat: a subnet can be associated once (got "snet-a")');
  });
});

describe('DdosProtectionPlan', () => {
  test('a plan the VNet points at', () => {
    const stack = newStack();
    const plan = new DdosProtectionPlan(stack, 'Ddos');
    vnetIn(stack, plan.id);
    const out = Testing.synth(stack);
    expect(out).toHaveResourceWithProperties(NetworkDdosProtectionPlan, { name: 'ddos-flowlite-prod-eus' });
    expect(out).toHaveResourceWithProperties(VnetResource, { ddos_protection_plan: { enable: true, id: expect.stringMatching(/network_ddos_protection_plan/) } });
  });
});

describe('PrivateEndpointTarget', () => {
  test('endpoint in the subnet, registered in a zone linked to the VNet (created once)', () => {
    const stack = newStack();
    const vnet = vnetIn(stack);
    const pe = new PrivateEndpointTarget(vnet, vnet.subnet('snet-pe'));
    new KeyVault(stack, 'Vault', { privateEndpoints: pe.endpoint(PRIVATE_DNS_ZONES.keyVault) });
    new KeyVault(stack, 'Vault2', { name: 'kv-second-flowlite', privateEndpoints: privateEndpointIn(vnet, vnet.subnet('snet-pe'), PRIVATE_DNS_ZONES.keyVault) });
    const json = JSON.parse(Testing.synth(stack));
    expect(Object.keys(json.resource.azurerm_private_dns_zone)).toHaveLength(1);
    expect(Object.keys(json.resource.azurerm_private_endpoint)).toHaveLength(2);
    expect(Testing.synth(stack)).toHaveResourceWithProperties(PrivateEndpoint, { subnet_id: expect.stringMatching(/snet-pe/) });
  });

  test('the subnet must belong to the network', () => {
    expectValidationError(() => {
      const stack = newStack();
      const a = vnetIn(stack);
      const b = new VirtualNetwork(stack, 'Other', { name: 'vnet-other', addressSpace: ['10.1.0.0/16'], subnets: [{ name: 'snet-x', addressPrefix: '10.1.0.0/24' }] });
      new PrivateEndpointTarget(a, b.subnet('snet-x'));
      return a;
    }, 'test/Vnet: the private endpoint subnet must belong to the virtual network (got "snet-x")');
  });
});

describe('ManagedIdentity', () => {
  test('a CAF-named user-assigned identity exposing principal and client ids', () => {
    const stack = newStack();
    const id = new ManagedIdentity(stack, 'Id', { nameQualifier: 'insight' });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(UserAssignedIdentity, { name: 'id-flowlite-insight-prod-eus', location: 'eastus' });
    expect(id.principalId).toMatch(/TOKEN/);
    expect(id.clientId).toMatch(/TOKEN/);
  });
});
