import { NetworkSecurityRule } from '@cdktf/provider-azurerm/lib/network-security-rule';
import { PrivateDnsZone as PrivateDnsZoneResource } from '@cdktf/provider-azurerm/lib/private-dns-zone';
import { PrivateDnsZoneVirtualNetworkLink } from '@cdktf/provider-azurerm/lib/private-dns-zone-virtual-network-link';
import { Subnet } from '@cdktf/provider-azurerm/lib/subnet';
import { VirtualNetwork as VirtualNetworkResource } from '@cdktf/provider-azurerm/lib/virtual-network';
import { Testing } from 'cdktf';
import { NetworkSecurityGroup, PRIVATE_DNS_ZONES, PrivateDnsZone, VirtualNetwork, VirtualNetworkProps } from '../../lib/azure/network';
import { AzureStack } from '../../lib/azure/azure-stack';
import { Port } from '../../lib/core/peer-port';
import { expectValidationError } from '../helpers';

const newStack = () => new AzureStack(Testing.app(), 'test', { architecture: 'personal-tech', environment: 'dev', location: 'eastus', backend: { type: 'local' } });
const base: VirtualNetworkProps = {
  addressSpace: ['10.0.0.0/16'],
  subnets: [
    { name: 'snet-app', addressPrefix: '10.0.1.0/24', delegation: 'Microsoft.Web/serverFarms', serviceEndpoints: ['Microsoft.KeyVault', 'Microsoft.Storage'] },
    { name: 'snet-db', addressPrefix: '10.0.2.0/24', delegation: 'Microsoft.DBforPostgreSQL/flexibleServers' },
    { name: 'snet-pe', addressPrefix: '10.0.3.0/24' },
    { name: 'GatewaySubnet', addressPrefix: '10.0.255.0/27' },
  ],
};
const build = (props: Partial<VirtualNetworkProps> = {}) => {
  const stack = newStack();
  const vnet = new VirtualNetwork(stack, 'Vnet', { ...base, ...props });
  return { stack, vnet };
};
const rulesOf = (json: { resource: { azurerm_network_security_rule: Record<string, Record<string, unknown>> } }) => Object.values(json.resource.azurerm_network_security_rule);

describe('VirtualNetwork', () => {
  test('CAF-named VNet with its address space', () => {
    const { stack } = build();
    expect(Testing.synth(stack)).toHaveResourceWithProperties(VirtualNetworkResource, { name: 'vnet-personal-tech-dev-eus', address_space: ['10.0.0.0/16'], location: 'eastus' });
  });

  test('subnets: prefixes, delegations with their actions, service endpoints, no default outbound access', () => {
    const { stack } = build();
    const out = Testing.synth(stack);
    expect(out).toHaveResourceWithProperties(Subnet, {
      name: 'snet-app',
      address_prefixes: ['10.0.1.0/24'],
      default_outbound_access_enabled: false,
      private_endpoint_network_policies: 'Enabled',
      service_endpoints: ['Microsoft.KeyVault', 'Microsoft.Storage'],
      delegation: [{ name: 'Microsoft.Web.serverFarms', service_delegation: { name: 'Microsoft.Web/serverFarms', actions: ['Microsoft.Network/virtualNetworks/subnets/action'] } }],
    });
    expect(out).toHaveResourceWithProperties(Subnet, {
      name: 'snet-db',
      delegation: [
        { name: 'Microsoft.DBforPostgreSQL.flexibleServers', service_delegation: { name: 'Microsoft.DBforPostgreSQL/flexibleServers', actions: ['Microsoft.Network/virtualNetworks/subnets/join/action'] } },
      ],
    });
    expect(Object.keys(JSON.parse(out).resource.azurerm_subnet)).toHaveLength(4);
  });

  test('one NSG per subnet (not on GatewaySubnet), each denying all inbound by default', () => {
    const { stack, vnet } = build();
    const json = JSON.parse(Testing.synth(stack));
    const nsgs = Object.values(json.resource.azurerm_network_security_group) as { name: string }[];
    expect(nsgs.map((n) => n.name).sort()).toEqual(['nsg-personal-tech-app-dev-eus', 'nsg-personal-tech-db-dev-eus', 'nsg-personal-tech-pe-dev-eus']);
    expect(Object.keys(json.resource.azurerm_subnet_network_security_group_association)).toHaveLength(3);
    expect(vnet.subnet('GatewaySubnet').nsg).toBeUndefined();
    const denies = rulesOf(json).filter((r) => r.name === 'DenyAllInbound');
    expect(denies).toHaveLength(3);
    expect(denies[0]).toMatchObject({ priority: 4096, direction: 'Inbound', access: 'Deny', protocol: '*', source_address_prefix: '*', destination_address_prefix: '*', destination_port_range: '*' });
  });

  test('allowInbound from another subnet opens exactly that flow to the subnet', () => {
    const { stack, vnet } = build();
    vnet.subnet('snet-db').allowInbound('AllowAppToPostgres', 100, vnet.subnet('snet-app'), [5432]);
    vnet.subnet('snet-pe').allowInbound('AllowAppToPe', 110, vnet.subnet('snet-app'), [443, 6380]);
    const out = Testing.synth(stack);
    expect(out).toHaveResourceWithProperties(NetworkSecurityRule, {
      name: 'AllowAppToPostgres',
      priority: 100,
      direction: 'Inbound',
      access: 'Allow',
      protocol: 'Tcp',
      source_address_prefix: '10.0.1.0/24',
      destination_address_prefix: '10.0.2.0/24',
      destination_port_range: '5432',
      source_port_range: '*',
    });
    expect(out).toHaveResourceWithProperties(NetworkSecurityRule, { name: 'AllowAppToPe', destination_port_ranges: ['443', '6380'] });
  });

  test('private DNS zones are created once per zone and linked to the VNet', () => {
    const { stack, vnet } = build();
    const zone = vnet.addPrivateDnsZone(PRIVATE_DNS_ZONES.keyVault);
    expect(vnet.addPrivateDnsZone(PRIVATE_DNS_ZONES.keyVault)).toBe(zone);
    const out = Testing.synth(stack);
    expect(out).toHaveResourceWithProperties(PrivateDnsZoneResource, { name: 'privatelink.vaultcore.azure.net' });
    expect(out).toHaveResourceWithProperties(PrivateDnsZoneVirtualNetworkLink, {
      name: expect.stringMatching(/^link-\$\{azurerm_virtual_network\.Vnet_[0-9A-F]+\.name\}$/),
      virtual_network_id: expect.stringMatching(/^\$\{azurerm_virtual_network\.Vnet_[0-9A-F]+\.id\}$/),
      private_dns_zone_name: expect.stringMatching(/^\$\{azurerm_private_dns_zone\./),
      registration_enabled: false,
    });
    expect(Object.keys(JSON.parse(out).resource.azurerm_private_dns_zone)).toHaveLength(1);
  });

  test('subnet() names the missing subnet', () => {
    const { vnet } = build();
    expect(() => vnet.subnet('snet-nope')).toThrow('test/Vnet: no subnet named snet-nope (subnets: snet-app, snet-db, snet-pe, GatewaySubnet) (got "snet-nope")');
  });

  test('allowInbound on a subnet without NSG says so', () => {
    const { vnet } = build();
    expect(() => vnet.subnet('GatewaySubnet').allowInbound('x', 100, '*', [443])).toThrow('test/Vnet/Subnet-GatewaySubnet: allowInbound needs a subnet with a network security group (got "GatewaySubnet")');
  });

  const app = base.subnets[0];
  test.each([
    [{ addressSpace: [] }, 'test/Vnet: addressSpace must hold at least one CIDR block (got [])'],
    [{ addressSpace: ['10.0.0.0/33'] }, 'test/Vnet: every addressSpace entry must be an IPv4 CIDR block with no host bits set (got "10.0.0.0/33")'],
    [{ addressSpace: ['10.0.0.0/16', '10.0.128.0/17'], subnets: [app] }, 'test/Vnet: addressSpace blocks must not overlap (got ["10.0.0.0/16","10.0.128.0/17"])'],
    [{ subnets: [{ name: 'snet-a', addressPrefix: '10.0.1.1/24' }] }, 'test/Vnet: every subnet addressPrefix must be an IPv4 CIDR block with no host bits set (got "10.0.1.1/24")'],
    [{ subnets: [{ name: 'snet-a', addressPrefix: '10.0.1.0/30' }] }, 'test/Vnet: subnet addressPrefix must be /29 or larger (Azure reserves 5 addresses per subnet) (got "10.0.1.0/30")'],
    [{ subnets: [app, { name: 'snet-out', addressPrefix: '10.1.0.0/24' }] }, 'test/Vnet: every subnet must lie inside the address space 10.0.0.0/16 (got "10.1.0.0/24")'],
    [{ subnets: [app, { name: 'snet-big', addressPrefix: '10.0.0.0/23' }] }, 'test/Vnet: subnets must not overlap (got ["10.0.0.0/23","10.0.1.0/24"])'],
    [{ subnets: [app, { ...app, addressPrefix: '10.0.9.0/24' }] }, 'test/Vnet: subnet names must be unique (got "snet-app")'],
    [
      { subnets: [{ name: 'snet app', addressPrefix: '10.0.1.0/24' }] },
      'test/Vnet: subnet names may contain only letters, digits, underscores, periods and hyphens, must start with a letter or digit and end with a letter, digit or underscore (1-80 characters) (got "snet app")',
    ],
    [{ subnets: [{ name: 'snet-a', addressPrefix: '10.0.1.0/24', delegation: 'serverFarms' }] }, 'test/Vnet: delegation service must look like Microsoft.<Provider>/<type> (got "serverFarms")'],
    [{ subnets: [{ name: 'snet-a', addressPrefix: '10.0.1.0/24', serviceEndpoints: ['KeyVault'] }] }, 'test/Vnet: service endpoints must look like Microsoft.<Service> (got "KeyVault")'],
    [{ name: 'vnet_bad-' }, 'test/Vnet: virtual network name may contain only letters, digits, underscores, periods and hyphens, must start with a letter or digit and end with a letter, digit or underscore (got "vnet_bad-")'],
    [{ addressSpace: ['10.0.0.0/164'] }, 'test/Vnet: every addressSpace entry must be an IPv4 CIDR block with no host bits set (got "10.0.0.0/164")'],
    [{ subnets: [{ name: 'snet-a', addressPrefix: '10.0.1.0/164' }] }, 'test/Vnet: every subnet addressPrefix must be an IPv4 CIDR block with no host bits set (got "10.0.1.0/164")'],
    [{ subnets: [{ name: 'snet-a', addressPrefix: '10.0.1.0/24x' }] }, 'test/Vnet: every subnet addressPrefix must be an IPv4 CIDR block with no host bits set (got "10.0.1.0/24x")'],
    [{ subnets: [{ name: 'AzureFirewallSubnet', addressPrefix: '10.0.1.0/27' }] }, 'test/Vnet: AzureFirewallSubnet and AzureBastionSubnet must be /26 or larger (Azure requires it) (got "10.0.1.0/27")'],
    [{ subnets: [{ name: 'AzureBastionSubnet', addressPrefix: '10.0.1.0/28' }] }, 'test/Vnet: AzureFirewallSubnet and AzureBastionSubnet must be /26 or larger (Azure requires it) (got "10.0.1.0/28")'],
  ])('rejects %j', (props, message) => {
    expectValidationError(() => build(props as Partial<VirtualNetworkProps>).vnet, message);
  });

  test('subnet size boundary (documented: /29 or larger): /28 and /29 accepted, /30 rejected', () => {
    for (const prefix of ['10.0.1.0/28', '10.0.1.0/29']) {
      expect(Testing.synth(build({ subnets: [{ name: 'snet-a', addressPrefix: prefix }] }).stack)).toHaveResourceWithProperties(Subnet, { address_prefixes: [prefix] });
    }
    expectValidationError(() => build({ subnets: [{ name: 'snet-a', addressPrefix: '10.0.1.0/30' }] }).vnet, 'test/Vnet: subnet addressPrefix must be /29 or larger (Azure reserves 5 addresses per subnet) (got "10.0.1.0/30")');
  });

  test('two address spaces: subnets in either, none outside both', () => {
    const addressSpace = ['10.0.0.0/16', '10.1.0.0/24'];
    const subnets = [
      { name: 'snet-a', addressPrefix: '10.0.1.0/24' },
      { name: 'snet-b', addressPrefix: '10.1.0.0/25' },
    ];
    const out = Testing.synth(build({ addressSpace, subnets }).stack);
    expect(out).toHaveResourceWithProperties(VirtualNetworkResource, { address_space: addressSpace });
    expect(out).toHaveResourceWithProperties(Subnet, { name: 'snet-b', address_prefixes: ['10.1.0.0/25'] });
    expectValidationError(() => build({ addressSpace, subnets: [...subnets, { name: 'snet-c', addressPrefix: '10.2.0.0/24' }] }).vnet, 'test/Vnet: every subnet must lie inside the address space 10.0.0.0/16, 10.1.0.0/24 (got "10.2.0.0/24")');
  });

  test('a subnet as large as the VNet is accepted', () => {
    const out = Testing.synth(build({ addressSpace: ['10.9.0.0/24'], subnets: [{ name: 'snet-all', addressPrefix: '10.9.0.0/24' }] }).stack);
    expect(out).toHaveResourceWithProperties(Subnet, { name: 'snet-all', address_prefixes: ['10.9.0.0/24'] });
  });

  test('reserved AzureFirewallSubnet and AzureBastionSubnet (/26) get no NSG', () => {
    const { stack, vnet } = build({
      subnets: [
        { name: 'AzureFirewallSubnet', addressPrefix: '10.0.0.0/26' },
        { name: 'AzureBastionSubnet', addressPrefix: '10.0.0.64/26' },
        { name: 'snet-app', addressPrefix: '10.0.1.0/24' },
      ],
    });
    expect(vnet.subnet('AzureFirewallSubnet').nsg).toBeUndefined();
    expect(vnet.subnet('AzureBastionSubnet').nsg).toBeUndefined();
    const json = JSON.parse(Testing.synth(stack));
    expect(Object.keys(json.resource.azurerm_subnet_network_security_group_association)).toHaveLength(1);
    expect(Object.keys(json.resource.azurerm_subnet)).toHaveLength(3);
  });
});

describe('NetworkSecurityGroup', () => {
  const nsg = (props = {}) => {
    const stack = newStack();
    return { stack, nsg: new NetworkSecurityGroup(stack, 'Nsg', { name: 'nsg-web', ...props }) };
  };

  test('allowInbound, allowOutbound and deny write one rule each', () => {
    const { stack, nsg: g } = nsg();
    g.allowInbound('AllowHttpsFromFrontDoor', 100, 'AzureFrontDoor.Backend', [443]);
    g.allowOutbound('AllowPostgres', 100, '10.0.2.0/24', [5432]);
    g.deny('DenyInternetOut', 4000, 'Outbound', '*', 'Internet');
    g.allowInbound('AllowRange', 110, '203.0.113.7', ['8000-8002'], 'Udp');
    const out = Testing.synth(stack);
    expect(out).toHaveResourceWithProperties(NetworkSecurityRule, { name: 'AllowHttpsFromFrontDoor', source_address_prefix: 'AzureFrontDoor.Backend', destination_port_range: '443', direction: 'Inbound' });
    expect(out).toHaveResourceWithProperties(NetworkSecurityRule, { name: 'AllowPostgres', direction: 'Outbound', destination_address_prefix: '10.0.2.0/24', priority: 100 });
    expect(out).toHaveResourceWithProperties(NetworkSecurityRule, { name: 'DenyInternetOut', access: 'Deny', destination_address_prefix: 'Internet', protocol: '*' });
    expect(out).toHaveResourceWithProperties(NetworkSecurityRule, { name: 'AllowRange', protocol: 'Udp', destination_port_range: '8000-8002', source_address_prefix: '203.0.113.7' });
  });

  test('denyAllInbound: false keeps Azure defaults only', () => {
    const { stack } = nsg({ denyAllInbound: false });
    expect(JSON.parse(Testing.synth(stack)).resource.azurerm_network_security_rule).toBeUndefined();
  });

  test('diagnostic settings send logs only (NSGs have no metrics)', () => {
    const { stack } = nsg({ diagnosticSettings: [{ workspaceResourceId: 'law' }] });
    const ds = Object.values(JSON.parse(Testing.synth(stack)).resource.azurerm_monitor_diagnostic_setting)[0];
    expect(ds).toMatchObject({ enabled_log: [{ category_group: 'allLogs' }], enabled_metric: [] });
  });

  test.each([
    [(g: NetworkSecurityGroup) => g.allowInbound('Low', 99, '*', [443]), 'test/Nsg: rule Low: priority must be an integer between 100 and 4096 (got 99)'],
    [(g: NetworkSecurityGroup) => g.allowInbound('Port', 100, '*', [70000]), 'test/Nsg: rule Port: ports must be 1-65535, a range such as 8000-8002, or * (got 70000)'],
    [(g: NetworkSecurityGroup) => g.allowInbound('Range', 100, '*', ['9000-8000']), 'test/Nsg: rule Range: ports must be 1-65535, a range such as 8000-8002, or * (got "9000-8000")'],
    [(g: NetworkSecurityGroup) => g.allowInbound('Peer', 100, '10.0.0.1/16', [443]), 'test/Nsg: rule Peer: source and destination must be a CIDR block, an IP address, a service tag or * (got "10.0.0.1/16")'],
    [(g: NetworkSecurityGroup) => g.allowInbound('bad name!', 100, '*', [443]), 'test/Nsg: rule bad name!: name may contain only letters, digits, underscores, periods and hyphens (1-80) (got "bad name!")'],
    [(g: NetworkSecurityGroup) => g.allowInbound('Dup', 4096, '*', [443]), 'test/Nsg: rule Dup: priority 4096 is already used by DenyAllInbound (Inbound) (got 4096)'],
    [(g: NetworkSecurityGroup) => g.allowOutbound('DenyAllInbound', 200, '*', [443]), 'test/Nsg: rule names must be unique in a network security group (got "DenyAllInbound")'],
  ])('rejects bad rules (%#)', (add, message) => {
    const { nsg: g } = nsg();
    expectValidationError(() => add(g), message);
  });

  test('rejects a bad NSG name', () => {
    expectValidationError(() => nsg({ name: 'nsg web' }), 'test/Nsg: network security group name may contain only letters, digits, underscores, periods and hyphens, must start with a letter or digit and end with a letter, digit or underscore (got "nsg web")');
  });
});

describe('PrivateDnsZone', () => {
  test('rejects a bad zone name', () => {
    expectValidationError(() => new PrivateDnsZone(newStack(), 'Zone', { zoneName: 'localhost' }), 'test/Zone: zoneName must be a DNS name of 2 to 34 labels, each 1-63 letters, digits or hyphens (got "localhost")');
  });
});

describe('VirtualNetwork.fromAttributes (existing network)', () => {
  test('an existing subnet takes private endpoints, is a peer in network rules, and gets linked DNS zones', () => {
    const stack = newStack();
    const hub = VirtualNetwork.fromAttributes(stack, 'Hub', {
      id: '/subscriptions/s/resourceGroups/rg-hub/providers/Microsoft.Network/virtualNetworks/vnet-hub',
      name: 'vnet-hub',
      addressSpace: ['10.50.0.0/16'],
      subnets: { 'snet-runners': { addressPrefix: '10.50.1.0/24' } },
    });
    const runners = hub.subnet('snet-runners');
    expect(runners.id).toBe('/subscriptions/s/resourceGroups/rg-hub/providers/Microsoft.Network/virtualNetworks/vnet-hub/subnets/snet-runners');
    const zone = hub.addPrivateDnsZone(PRIVATE_DNS_ZONES.keyVault);
    expect(hub.addPrivateDnsZone(PRIVATE_DNS_ZONES.keyVault)).toBe(zone);
    const own = new VirtualNetwork(stack, 'Vnet', base);
    own.subnet('snet-pe').allowFrom(runners, Port.tcp(443));
    const out = Testing.synth(stack);
    expect(out).toHaveResourceWithProperties(PrivateDnsZoneVirtualNetworkLink, { virtual_network_id: hub.id });
    expect(out).toHaveResourceWithProperties(NetworkSecurityRule, { name: 'Allow-443-From-snet-runners', source_address_prefix: '10.50.1.0/24', destination_port_range: '443' });
    expect(() => hub.subnet('snet-x')).toThrow('test/Hub: no subnet named snet-x (subnets given to fromAttributes: snet-runners) (got "snet-x")');
  });
});
