/**
 * lib/azure/network/virtual-network.ts in the modes and at the limits the mutation run
 * (`npm run test:mutation`) found unpinned: subnets flush with the end of the address space or at its
 * start, every reserved subnet name, NSG opt-in and opt-out, delegation and endpoint shapes, the rules
 * that wait for a valid address space, DDoS and DNS settings, existing networks.
 */
import { Testing } from 'cdktf';
import { AzureStack } from '../../lib/azure/azure-stack';
import { DELEGATION_ACTIONS, PRIVATE_DNS_ZONES, RESERVED_SUBNET_NAMES, SubnetSpec, VirtualNetwork, VirtualNetworkProps } from '../../lib/azure/network';
import { Peer, Port } from '../../lib/core/peer-port';
import { collectErrors } from '../../lib/core/validation';

const newStack = () => new AzureStack(Testing.app(), 'test', { architecture: 'personal-tech', environment: 'dev', location: 'eastus', backend: { type: 'local' } });
type Res = Record<string, Record<string, unknown>>;
const build = (props: Partial<VirtualNetworkProps>) => {
  const stack = newStack();
  const vnet = new VirtualNetwork(stack, 'Vnet', { addressSpace: ['10.0.0.0/16'], subnets: [], ...props });
  return { stack, vnet, json: () => JSON.parse(Testing.synth(stack)) as { resource: Record<string, Res> } };
};
const errorsOf = (props: Partial<VirtualNetworkProps>) => collectErrors(() => build(props));
const subnetsOf = (json: { resource: Record<string, Res> }) => Object.values(json.resource.azurerm_subnet ?? {});
const one = (name: string, addressPrefix: string, extra: Partial<SubnetSpec> = {}): SubnetSpec => ({ name, addressPrefix, ...extra });

describe('subnets at the edges of the address space', () => {
  test.each([
    ['at its start (index 0)', ['10.0.0.0/24']],
    ['flush with its end', ['10.0.255.0/24']],
    ['the last /29', ['10.0.255.248/29']],
    ['adjacent, filling it', ['10.0.0.0/17', '10.0.128.0/17']],
  ])('%s is accepted', (_label, prefixes) => {
    const { json } = build({ subnets: prefixes.map((p, i) => one(`snet-${i}`, p)) });
    expect(subnetsOf(json()).map((s) => s.address_prefixes)).toEqual(prefixes.map((p) => [p]));
  });

  test.each([
    ['one block past the end', '10.1.0.0/24'],
    ['just before the start', '9.255.255.0/24'],
    ['larger than the space', '10.0.0.0/15'],
  ])('%s is rejected', (_label, prefix) => {
    expect(errorsOf({ subnets: [one('snet-a', prefix)] })).toEqual([`test/Vnet: every subnet must lie inside the address space 10.0.0.0/16 (got "${prefix}")`]);
  });

  test('a subnet in the second address space is accepted; the first address space alone would reject it', () => {
    expect(errorsOf({ addressSpace: ['10.0.0.0/16', '172.16.0.0/24'], subnets: [one('snet-a', '172.16.0.0/24'), one('snet-b', '10.0.255.0/24')] })).toEqual([]);
    expect(errorsOf({ addressSpace: ['172.16.0.0/24', '10.0.0.0/16'], subnets: [one('snet-a', '172.16.0.0/24'), one('snet-b', '10.0.255.0/24')] })).toEqual([]);
  });

  test('a bad address space is reported alone: the containment and overlap rules wait for a valid one', () => {
    expect(errorsOf({ addressSpace: ['10.0.0.0/164'], subnets: [one('snet-a', '10.9.0.0/24')] })).toEqual([
      'test/Vnet: every addressSpace entry must be an IPv4 CIDR block with no host bits set (got "10.0.0.0/164")',
    ]);
    expect(errorsOf({ addressSpace: ['10.0.0.0/16', '10.0.0.0/164'], subnets: [] })).toEqual([
      'test/Vnet: every addressSpace entry must be an IPv4 CIDR block with no host bits set (got "10.0.0.0/164")',
    ]);
  });

  test('a bad subnet prefix is reported alone: the overlap rule waits', () => {
    expect(errorsOf({ subnets: [one('snet-a', '10.0.1.0/24'), one('snet-b', '10.0.1.0/24'), one('snet-c', '10.0.1.5/24')] })).toEqual([
      'test/Vnet: every subnet addressPrefix must be an IPv4 CIDR block with no host bits set (got "10.0.1.5/24")',
    ]);
  });

  test('several broken rules are all reported', () => {
    expect(errorsOf({ subnets: [one('snet-a', '10.0.1.0/30'), one('snet-a', '10.1.0.0/24')] })).toEqual([
      'test/Vnet: subnet addressPrefix must be /29 or larger (Azure reserves 5 addresses per subnet) (got "10.0.1.0/30")',
      'test/Vnet: every subnet must lie inside the address space 10.0.0.0/16 (got "10.1.0.0/24")',
      'test/Vnet: subnet names must be unique (got "snet-a")',
    ]);
  });

  test('AzureFirewallSubnet and AzureBastionSubnet: /26 accepted, /27 rejected; other reserved names may be smaller', () => {
    expect(errorsOf({ subnets: [one('AzureFirewallSubnet', '10.0.0.0/26'), one('AzureBastionSubnet', '10.0.1.0/25'), one('GatewaySubnet', '10.0.2.0/27'), one('RouteServerSubnet', '10.0.3.0/27')] })).toEqual([]);
    expect(errorsOf({ subnets: [one('snet-a', '10.0.0.0/26'), one('AzureBastionSubnet', '10.0.1.0/27')] })).toEqual([
      'test/Vnet: AzureFirewallSubnet and AzureBastionSubnet must be /26 or larger (Azure requires it) (got "10.0.1.0/27")',
    ]);
  });
});

describe('subnet names, delegations and service endpoints', () => {
  const rule = 'subnet names may contain only letters, digits, underscores, periods and hyphens, must start with a letter or digit and end with a letter, digit or underscore (1-80 characters)';
  test('80 characters accepted, 81 and none rejected', () => {
    expect(errorsOf({ subnets: [one('s'.repeat(80), '10.0.1.0/24')] })).toEqual([]);
    expect(errorsOf({ subnets: [one('s'.repeat(81), '10.0.1.0/24')] })).toEqual([`test/Vnet: ${rule} (got "${'s'.repeat(81)}")`]);
    expect(errorsOf({ subnets: [one('', '10.0.1.0/24')] })[0]).toBe(`test/Vnet: ${rule} (got "")`);
  });

  test.each([
    ['Microsoft.Web/serverFarms', true],
    [{ service: 'Microsoft.App/environments' }, true],
    ['Microsoft.Web/serverFarms/extra', false],
    ['xMicrosoft.Web/serverFarms', false],
    ['Microsoft./serverFarms', false],
    ['Microsoft.Web/', false],
    [{ service: 'Web/serverFarms' }, false],
  ] as [string | { service: string }, boolean][])('delegation %j valid: %s', (delegation, ok) => {
    const errors = errorsOf({ subnets: [one('snet-a', '10.0.1.0/24', { delegation })] });
    const service = typeof delegation === 'string' ? delegation : delegation.service;
    expect(errors).toEqual(ok ? [] : [`test/Vnet: delegation service must look like Microsoft.<Provider>/<type> (got "${service}")`]);
  });

  test.each([
    ['Microsoft.Storage', true],
    ['Microsoft.Storage.Global', true],
    ['Microsoft.Storage.', false],
    ['Microsoft.', false],
    ['Microsoft.Sql x', false],
    ['xMicrosoft.Sql', false],
    ['Microsoft.A.B.C', false],
  ] as [string, boolean][])('service endpoint %s valid: %s', (endpoint, ok) => {
    const errors = errorsOf({ subnets: [one('snet-a', '10.0.1.0/24', { serviceEndpoints: ['Microsoft.KeyVault', endpoint] })] });
    expect(errors).toEqual(ok ? [] : [`test/Vnet: service endpoints must look like Microsoft.<Service> (got "${endpoint}")`]);
  });
});

describe('subnet resources', () => {
  test('defaults: endpoint network policies Enabled, no default outbound access, no endpoints, no delegation', () => {
    const { json } = build({ subnets: [one('snet-a', '10.0.1.0/24')] });
    const [s] = subnetsOf(json());
    expect(s).toEqual({
      name: 'snet-a',
      resource_group_name: expect.any(String),
      virtual_network_name: expect.stringMatching(/azurerm_virtual_network\.Vnet_.*\.name/),
      address_prefixes: ['10.0.1.0/24'],
      private_endpoint_network_policies: 'Enabled',
      default_outbound_access_enabled: false,
    });
  });

  test('overrides: policies, default outbound access, a delegation with its own actions or with none known', () => {
    const { json } = build({
      subnets: [
        one('snet-a', '10.0.1.0/24', { privateEndpointNetworkPolicies: 'Disabled', defaultOutboundAccess: true, delegation: { service: 'Microsoft.Web/serverFarms', actions: ['custom/action'] } }),
        one('snet-b', '10.0.2.0/24', { delegation: 'Microsoft.Databricks/workspaces' }),
      ],
    });
    const [a, b] = subnetsOf(json());
    expect(a).toMatchObject({ private_endpoint_network_policies: 'Disabled', default_outbound_access_enabled: true, delegation: [{ name: 'Microsoft.Web.serverFarms', service_delegation: { name: 'Microsoft.Web/serverFarms', actions: ['custom/action'] } }] });
    expect(b.delegation).toEqual([{ name: 'Microsoft.Databricks.workspaces', service_delegation: { name: 'Microsoft.Databricks/workspaces' } }]);
  });

  test('the known delegation actions', () => {
    expect(DELEGATION_ACTIONS).toEqual({
      'Microsoft.Web/serverFarms': ['Microsoft.Network/virtualNetworks/subnets/action'],
      'Microsoft.DBforPostgreSQL/flexibleServers': ['Microsoft.Network/virtualNetworks/subnets/join/action'],
      'Microsoft.DBforMySQL/flexibleServers': ['Microsoft.Network/virtualNetworks/subnets/join/action'],
      'Microsoft.App/environments': ['Microsoft.Network/virtualNetworks/subnets/join/action'],
      'Microsoft.ContainerInstance/containerGroups': ['Microsoft.Network/virtualNetworks/subnets/action'],
    });
    const { json } = build({ subnets: Object.keys(DELEGATION_ACTIONS).map((d, i) => one(`snet-${i}`, `10.0.${i}.0/24`, { delegation: d })) });
    expect(subnetsOf(json()).map((s) => (s.delegation as { service_delegation: { actions: string[] } }[])[0].service_delegation.actions)).toEqual(Object.values(DELEGATION_ACTIONS));
  });
});

describe('network security groups', () => {
  test.each(RESERVED_SUBNET_NAMES)('reserved %s gets no NSG by default, and one when asked', (name) => {
    const prefix = '10.0.0.0/26';
    const { vnet, json } = build({ subnets: [one(name, prefix), one('snet-app', '10.0.1.0/24')] });
    expect(vnet.subnet(name).nsg).toBeUndefined();
    expect(vnet.subnet('snet-app').nsg).toBeDefined();
    expect(Object.keys(json().resource.azurerm_network_security_group)).toHaveLength(1);
    const asked = build({ subnets: [one(name, prefix, { networkSecurityGroup: true })] });
    expect(asked.vnet.subnet(name).nsg).toBeDefined();
    expect(Object.keys(asked.json().resource.azurerm_subnet_network_security_group_association)).toHaveLength(1);
  });

  test('the reserved names', () => {
    expect([...RESERVED_SUBNET_NAMES].sort()).toEqual(['AzureBastionSubnet', 'AzureFirewallManagementSubnet', 'AzureFirewallSubnet', 'GatewaySubnet', 'RouteServerSubnet']);
  });

  test('networkSecurityGroup: false leaves an ordinary subnet without one, and its rule helpers say so', () => {
    const { vnet, json } = build({ subnets: [one('snet-a', '10.0.1.0/24', { networkSecurityGroup: false })] });
    const s = vnet.subnet('snet-a');
    expect(s.nsg).toBeUndefined();
    expect(json().resource.azurerm_network_security_group).toBeUndefined();
    expect(() => s.allowFrom(Peer.anyIpv4(), Port.tcp(443))).toThrow('test/Vnet/Subnet-snet-a: allowFrom needs a subnet with a network security group (got "snet-a")');
    expect(() => s.allowTo(Peer.anyIpv4(), Port.tcp(443))).toThrow('test/Vnet/Subnet-snet-a: allowTo needs a subnet with a network security group (got "snet-a")');
    expect(() => s.allowInbound('x', 100, '*', [443])).toThrow('test/Vnet/Subnet-snet-a: allowInbound needs a subnet with a network security group (got "snet-a")');
  });

  test('NSG names drop the snet- prefix and carry the name qualifier', () => {
    const names = (props: Partial<VirtualNetworkProps>) =>
      Object.values(build(props).json().resource.azurerm_network_security_group).map((n) => n.name).sort();
    expect(names({ subnets: [one('snet-app', '10.0.1.0/24'), one('web', '10.0.2.0/24')] })).toEqual(['nsg-personal-tech-app-dev-eus', 'nsg-personal-tech-web-dev-eus']);
    expect(names({ nameQualifier: 'hub', subnets: [one('snet-app', '10.0.1.0/24')] })).toEqual(['nsg-personal-tech-hub-app-dev-eus']);
  });

  test('allowTo and allowFrom on a subnet with an NSG write rules naming the subnet', () => {
    const { vnet, json } = build({ subnets: [one('snet-app', '10.0.1.0/24'), one('snet-db', '10.0.2.0/24')] });
    const app = vnet.subnet('snet-app');
    expect([app.peerLabel, app.peerAddress, app.name, app.addressPrefix]).toEqual(['snet-app', '10.0.1.0/24', 'snet-app', '10.0.1.0/24']);
    vnet.subnet('snet-db').allowFrom(app, Port.tcp(5432));
    app.allowTo(vnet.subnet('snet-db'), Port.tcp(5432));
    const rules = Object.values(json().resource.azurerm_network_security_rule).filter((r) => r.name !== 'DenyAllInbound');
    expect(rules.map((r) => [r.direction, r.source_address_prefix, r.destination_address_prefix, r.destination_port_range]).sort()).toEqual([
      ['Inbound', '10.0.1.0/24', '10.0.2.0/24', '5432'],
      ['Outbound', '10.0.1.0/24', '10.0.2.0/24', '5432'],
    ]);
  });
});

describe('network settings', () => {
  test('DDoS plan, DNS servers and tags are set only when given', () => {
    const plain = Object.values(build({}).json().resource.azurerm_virtual_network)[0];
    expect(plain.ddos_protection_plan).toBeUndefined();
    expect(plain.dns_servers).toBeUndefined();
    const set = Object.values(build({ ddosProtectionPlanId: '/ddos/plan', dnsServers: ['10.0.0.4'], tags: { team: 'net' } }).json().resource.azurerm_virtual_network)[0];
    expect(set).toMatchObject({ ddos_protection_plan: { id: '/ddos/plan', enable: true }, dns_servers: ['10.0.0.4'], tags: expect.objectContaining({ team: 'net' }) });
  });

  test('the construct exposes its address space and id', () => {
    const { vnet } = build({ addressSpace: ['10.0.0.0/16', '10.1.0.0/16'] });
    expect(vnet.addressSpace).toEqual(['10.0.0.0/16', '10.1.0.0/16']);
    expect(vnet.id).toMatch(/^\$\{TfToken\[TOKEN\.\d+\]\}$/);
  });
});

describe('VirtualNetwork.fromAttributes', () => {
  test('given subnet ids are kept, the address space defaults to unknown, DNS zones go to the given resource group', () => {
    const stack = newStack();
    const hub = VirtualNetwork.fromAttributes(stack, 'Hub', { id: '/vnets/hub', name: 'vnet-hub', resourceGroupName: 'rg-hub', subnets: { a: { addressPrefix: '10.50.1.0/24', id: '/custom/a' }, b: { addressPrefix: '10.50.2.0/24' } } });
    expect(hub.addressSpace).toEqual([]);
    expect([hub.id, hub.name]).toEqual(['/vnets/hub', 'vnet-hub']);
    expect(hub.subnet('a')).toEqual({ id: '/custom/a', name: 'a', addressPrefix: '10.50.1.0/24', peerLabel: 'a', peerAddress: '10.50.1.0/24' });
    expect(hub.subnet('b').id).toBe('/vnets/hub/subnets/b');
    expect(() => hub.subnet('c')).toThrow('test/Hub: no subnet named c (subnets given to fromAttributes: a, b) (got "c")');
    hub.addPrivateDnsZone(PRIVATE_DNS_ZONES.keyVault);
    const zones = Object.values(JSON.parse(Testing.synth(stack)).resource.azurerm_private_dns_zone as Res);
    expect(zones.map((z) => z.resource_group_name)).toEqual(['rg-hub']);
  });

  test('without subnets or a resource group: no subnet to find, zones in the stack resource group', () => {
    const stack = newStack();
    const hub = VirtualNetwork.fromAttributes(stack, 'Hub', { id: '/vnets/hub', name: 'vnet-hub', addressSpace: ['10.50.0.0/16'] });
    expect(hub.addressSpace).toEqual(['10.50.0.0/16']);
    expect(() => hub.subnet('a')).toThrow('test/Hub: no subnet named a (subnets given to fromAttributes: ) (got "a")');
    hub.addPrivateDnsZone(PRIVATE_DNS_ZONES.keyVault);
    const zones = Object.values(JSON.parse(Testing.synth(stack)).resource.azurerm_private_dns_zone as Res);
    expect(zones.map((z) => z.resource_group_name)).toEqual(['${azurerm_resource_group.ResourceGroup.name}']);
  });
});

// Survivors of the scoped run of 2026-12-02 (96.6 %).
describe('VirtualNetwork: the last survivors', () => {
  test('a JavaScript caller without addressSpace or subnets gets a validation error naming them, not a TypeError', () => {
    const errors = collectErrors(() => new VirtualNetwork(newStack(), 'Vnet', {} as unknown as VirtualNetworkProps));
    expect(errors.join('\n')).toContain('addressSpace');
    expect(errors.join('\n')).toContain('subnets');
    expect(errors.join('\n')).not.toMatch(/TypeError|Cannot read/);
  });

  test('a one-character subnet name is accepted (1-80 characters)', () => {
    expect(errorsOf({ subnets: [one('a', '10.0.0.0/24')] })).toEqual([]);
  });

  test('with one address space entry invalid, only that is reported, not every subnet as outside it', () => {
    const errors = errorsOf({ addressSpace: ['10.0.0.0/16', 'bogus'], subnets: [one('app', '10.1.0.0/24')] });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('"bogus"');
  });

  test('only a leading "snet-" is dropped from the subnet part of the NSG name', () => {
    const { json } = build({ subnets: [one('snet-web', '10.0.0.0/24'), one('data-snet-1', '10.0.1.0/24')] });
    const names = Object.values(json().resource.azurerm_network_security_group ?? {}).map((n) => n.name);
    expect(names).toEqual(expect.arrayContaining(['nsg-personal-tech-web-dev-eus', 'nsg-personal-tech-data-snet-1-dev-eus']));
  });

  test('the stack registers Microsoft.Network for the VNet, also without subnets (whose NSGs register it too)', () => {
    const { json } = build({ subnets: [] });
    const provider = (json() as unknown as { provider: { azurerm: { resource_providers_to_register?: string[] }[] } }).provider.azurerm[0];
    expect(provider.resource_providers_to_register).toContain('Microsoft.Network');
    expect(provider.resource_providers_to_register).not.toContain('');
  });
});
