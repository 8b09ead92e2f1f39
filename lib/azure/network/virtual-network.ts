import { Subnet } from '@cdktf/provider-azurerm/lib/subnet';
import { SubnetNetworkSecurityGroupAssociation } from '@cdktf/provider-azurerm/lib/subnet-network-security-group-association';
import { VirtualNetwork as VirtualNetworkResource } from '@cdktf/provider-azurerm/lib/virtual-network';
import { Construct } from 'constructs';
import { cidrContains, findOverlap, isCidr, parseCidr } from '../../core/cidr';
import { ensure, Rule, validateProps, firstDuplicate } from '../../core/validation';
import { AppliedAvmInterfaces, applyAvmInterfaces, AvmCommonProps, DiagnosticSettingsProps } from '../core/interfaces';
import { AZURE_NAME_RULES } from '../core/naming';
import { AzureResourceProps, resolvePlacement } from '../core/placement';
import { IPeer, Port } from '../../core/peer-port';
import { AllowRuleOptions, NetworkSecurityGroup, NsgPeer, NsgPort, NsgProtocol } from './network-security-group';
import { PrivateDnsZone } from './private-dns';
import { requireProps } from '../../core/validation';

/** A subnet delegation: the service that injects resources into the subnet. */
export interface SubnetDelegation {
  /** Service name, e.g. `Microsoft.Web/serverFarms`. */
  readonly service: string;
  /**
   * Actions the service may take on the subnet.
   * @default the service's known actions ({@link DELEGATION_ACTIONS}), else none
   */
  readonly actions?: string[];
}

/** Actions Azure sets for common delegations (declaring them avoids a perpetual diff). */
export const DELEGATION_ACTIONS: Readonly<Record<string, string[]>> = {
  'Microsoft.Web/serverFarms': ['Microsoft.Network/virtualNetworks/subnets/action'],
  'Microsoft.DBforPostgreSQL/flexibleServers': ['Microsoft.Network/virtualNetworks/subnets/join/action'],
  'Microsoft.DBforMySQL/flexibleServers': ['Microsoft.Network/virtualNetworks/subnets/join/action'],
  'Microsoft.App/environments': ['Microsoft.Network/virtualNetworks/subnets/join/action'],
  'Microsoft.ContainerInstance/containerGroups': ['Microsoft.Network/virtualNetworks/subnets/action'],
};

/** Subnet names Azure reserves for gateways and firewalls; they get no NSG by default. */
export const RESERVED_SUBNET_NAMES = ['GatewaySubnet', 'AzureFirewallSubnet', 'AzureFirewallManagementSubnet', 'RouteServerSubnet', 'AzureBastionSubnet'];

/** One subnet of a virtual network. */
export interface SubnetSpec {
  /** Subnet name, e.g. `snet-app` (CAF), or a reserved name such as `GatewaySubnet`. */
  readonly name: string;
  /** Address prefix inside the VNet's address space, /29 or larger. */
  readonly addressPrefix: string;
  /**
   * Delegate the subnet to a service (`'Microsoft.Web/serverFarms'` for App Service VNet integration).
   * @default no delegation
   */
  readonly delegation?: string | SubnetDelegation;
  /**
   * Service endpoints (`Microsoft.KeyVault`, `Microsoft.Storage`, ...).
   * @default none
   */
  readonly serviceEndpoints?: string[];
  /**
   * Give the subnet its own network security group (`DenyAllInbound` plus what `allowInbound` opens).
   * @default true, except for reserved gateway and firewall subnets
   */
  readonly networkSecurityGroup?: boolean;
  /**
   * Network policies applied to private endpoints in the subnet.
   * @default 'Enabled' (NSG rules and route tables apply to private endpoints too)
   */
  readonly privateEndpointNetworkPolicies?: 'Enabled' | 'Disabled' | 'NetworkSecurityGroupEnabled' | 'RouteTableEnabled';
  /**
   * Azure's implicit default outbound internet access (being retired); use a NAT gateway instead.
   * @default false
   */
  readonly defaultOutboundAccess?: boolean;
}

export interface VirtualNetworkProps extends AzureResourceProps, AvmCommonProps, DiagnosticSettingsProps {
  /** Address spaces, e.g. `['10.0.0.0/16']`. */
  readonly addressSpace: string[];
  /** Subnets; each must lie inside the address space and overlap no other. */
  readonly subnets: SubnetSpec[];
  /**
   * Custom DNS servers.
   * @default Azure-provided DNS
   */
  readonly dnsServers?: string[];
  /**
   * DDoS Network Protection plan id.
   * @default none (Azure's infrastructure DDoS protection only)
   */
  readonly ddosProtectionPlanId?: string;
}

/** A subnet: one made by a {@link VirtualNetwork}, or one of an existing network ({@link VirtualNetwork.fromAttributes}). Also a network-rule peer. */
export interface ISubnet extends IPeer {
  /** ARM resource id. */
  readonly id: string;
  readonly name: string;
  readonly addressPrefix: string;
}

/** A virtual network: one made here or an existing one ({@link VirtualNetwork.fromAttributes}). */
export interface IVirtualNetwork {
  /** ARM resource id. */
  readonly id: string;
  readonly name: string;
  readonly addressSpace: string[];
  /** The subnet named `name`; throws when there is none. */
  subnet(name: string): ISubnet;
  /** A private DNS zone linked to this network, created once per zone name. */
  addPrivateDnsZone(zoneName: string): PrivateDnsZone;
}

/** An existing subnet of an existing network. */
export interface SubnetAttributes {
  readonly addressPrefix: string;
  /**
   * ARM resource id.
   * @default `<vnet id>/subnets/<name>`
   */
  readonly id?: string;
}

/** What identifies an existing virtual network. */
export interface VirtualNetworkAttributes {
  readonly id: string;
  readonly name: string;
  /**
   * Its address spaces.
   * @default [] (unknown)
   */
  readonly addressSpace?: string[];
  /**
   * Resource group private DNS zones linked to it are created in.
   * @default the stack's resource group
   */
  readonly resourceGroupName?: string;
  /**
   * Its subnets by name, for `subnet(name)` (private endpoints, peers in network rules).
   * @default none
   */
  readonly subnets?: Record<string, SubnetAttributes>;
}

class ImportedVirtualNetwork extends Construct implements IVirtualNetwork {
  public readonly id: string;
  public readonly name: string;
  public readonly addressSpace: string[];
  private readonly subnets: Record<string, ISubnet>;

  constructor(
    scope: Construct,
    id: string,
    private readonly attrs: VirtualNetworkAttributes,
  ) {
    super(scope, id);
    this.id = attrs.id;
    this.name = attrs.name;
    this.addressSpace = attrs.addressSpace ?? [];
    this.subnets = Object.fromEntries(
      Object.entries(attrs.subnets ?? {}).map(([name, sa]) => [name, { id: sa.id ?? `${attrs.id}/subnets/${name}`, name, addressPrefix: sa.addressPrefix, peerLabel: name, peerAddress: sa.addressPrefix }]),
    );
  }

  subnet(name: string): ISubnet {
    const s = this.subnets[name];
    ensure(this, s !== undefined, `no subnet named ${name} (subnets given to fromAttributes: ${Object.keys(this.subnets).join(', ')})`, name);
    return s;
  }

  addPrivateDnsZone(zoneName: string): PrivateDnsZone {
    const id = `Dns-${zoneName}`;
    const existing = this.node.tryFindChild(id);
    if (existing instanceof PrivateDnsZone) return existing;
    return new PrivateDnsZone(this, id, { zoneName, virtualNetworks: [this], resourceGroupName: this.attrs.resourceGroupName });
  }
}

/** One subnet of a {@link VirtualNetwork}, with its NSG. */
export class VnetSubnet extends Construct implements ISubnet {
  public readonly resource: Subnet;
  public readonly id: string;
  public readonly name: string;
  public readonly addressPrefix: string;
  /** The subnet's NSG, when it has one. */
  public readonly nsg?: NetworkSecurityGroup;

  constructor(scope: Construct, id: string, vnet: VirtualNetworkResource, resourceGroupName: string, spec: SubnetSpec, nsgName: string) {
    super(scope, id);
    this.name = spec.name;
    this.addressPrefix = spec.addressPrefix;
    const delegation = typeof spec.delegation === 'string' ? { service: spec.delegation } : spec.delegation;
    this.resource = new Subnet(this, 'Resource', {
      name: spec.name,
      resourceGroupName,
      virtualNetworkName: vnet.name,
      addressPrefixes: [spec.addressPrefix],
      serviceEndpoints: spec.serviceEndpoints,
      privateEndpointNetworkPolicies: spec.privateEndpointNetworkPolicies ?? 'Enabled',
      defaultOutboundAccessEnabled: spec.defaultOutboundAccess ?? false,
      delegation: delegation
        ? [
            {
              name: delegation.service.replace('/', '.'),
              serviceDelegation: { name: delegation.service, actions: delegation.actions ?? DELEGATION_ACTIONS[delegation.service] },
            },
          ]
        : undefined,
    });
    this.id = this.resource.id;
    const wantsNsg = spec.networkSecurityGroup ?? !RESERVED_SUBNET_NAMES.includes(spec.name);
    if (wantsNsg) {
      this.nsg = new NetworkSecurityGroup(this, 'Nsg', { name: nsgName, resourceGroupName });
      new SubnetNetworkSecurityGroupAssociation(this, 'NsgAssociation', { subnetId: this.id, networkSecurityGroupId: this.nsg.id });
    }
  }

  get peerLabel(): string {
    return this.name;
  }

  get peerAddress(): string {
    return this.addressPrefix;
  }

  /**
   * Allows `port` from `peer` into this subnet, on the subnet's NSG:
   * `apiSubnet.allowFrom(gatewaySubnet, Port.tcp(8000))`. Names the rule and
   * assigns its priority unless `options` say otherwise.
   */
  allowFrom(peer: IPeer, port: Port, options: Omit<AllowRuleOptions, 'other'> = {}) {
    ensure(this, this.nsg !== undefined, 'allowFrom needs a subnet with a network security group', this.name);
    return this.nsg!.allowFrom(peer, port, { ...options, other: this });
  }

  /** Allows `port` from this subnet out to `peer`, on the subnet's NSG. */
  allowTo(peer: IPeer, port: Port, options: Omit<AllowRuleOptions, 'other'> = {}) {
    ensure(this, this.nsg !== undefined, 'allowTo needs a subnet with a network security group', this.name);
    return this.nsg!.allowTo(peer, port, { ...options, other: this });
  }

  /** Opens one inbound flow on the subnet's NSG (`allowInbound('AllowHttps', 100, 'AzureFrontDoor.Backend', [443])`). */
  allowInbound(name: string, priority: number, source: NsgPeer, ports: NsgPort[], protocol: NsgProtocol = 'Tcp') {
    ensure(this, this.nsg !== undefined, 'allowInbound needs a subnet with a network security group', this.name);
    return this.nsg!.allowInbound(name, priority, source, ports, protocol, this.addressPrefix);
  }
}

/** Reserved subnets Azure only accepts at /26 or larger. */
const SIZED_RESERVED_SUBNETS = ['AzureFirewallSubnet', 'AzureBastionSubnet'];

const allPrefixes = (p: VirtualNetworkProps) => p.subnets.map((s) => s.addressPrefix);

const RULES: Rule<VirtualNetworkProps>[] = [
  { rule: 'addressSpace must hold at least one CIDR block', check: (p) => (p.addressSpace.length === 0 ? p.addressSpace : undefined) },
  { rule: 'every addressSpace entry must be an IPv4 CIDR block with no host bits set', check: (p) => p.addressSpace.find((c) => !isCidr(c)) },
  { rule: 'addressSpace blocks must not overlap', check: (p) => (p.addressSpace.every(isCidr) ? findOverlap(p.addressSpace) : undefined) },
  { rule: 'every subnet addressPrefix must be an IPv4 CIDR block with no host bits set', check: (p) => allPrefixes(p).find((c) => !isCidr(c)) },
  {
    rule: 'subnet addressPrefix must be /29 or larger (Azure reserves 5 addresses per subnet)',
    check: (p) => allPrefixes(p).find((c) => isCidr(c) && parseCidr(c).prefix > 29),
  },
  {
    rule: `${SIZED_RESERVED_SUBNETS.join(' and ')} must be /26 or larger (Azure requires it)`,
    check: (p) => p.subnets.find((s) => SIZED_RESERVED_SUBNETS.includes(s.name) && isCidr(s.addressPrefix) && parseCidr(s.addressPrefix).prefix > 26)?.addressPrefix,
  },
  {
    rule: (p) => `every subnet must lie inside the address space ${p.addressSpace.join(', ')}`,
    check: (p) => (p.addressSpace.every(isCidr) ? allPrefixes(p).find((c) => isCidr(c) && !p.addressSpace.some((a) => cidrContains(a, c))) : undefined),
  },
  { rule: 'subnets must not overlap', check: (p) => (allPrefixes(p).every(isCidr) ? findOverlap(allPrefixes(p)) : undefined) },
  {
    rule: 'subnet names must be unique',
    check: (p) => firstDuplicate(p.subnets.map((s) => s.name)),
  },
  {
    rule: `subnet names ${AZURE_NAME_RULES.subnet.patternText} (1-80 characters)`,
    check: (p) => p.subnets.map((s) => s.name).find((n) => n.length < 1 || n.length > 80 || !AZURE_NAME_RULES.subnet.pattern.test(n)),
  },
  {
    rule: 'delegation service must look like Microsoft.<Provider>/<type>',
    check: (p) =>
      p.subnets
        .map((s) => (typeof s.delegation === 'string' ? s.delegation : s.delegation?.service))
        .find((d) => d !== undefined && !/^Microsoft\.[A-Za-z]+\/[A-Za-z]+$/.test(d)),
  },
  {
    rule: 'service endpoints must look like Microsoft.<Service>',
    check: (p) => p.subnets.flatMap((s) => s.serviceEndpoints ?? []).find((e) => !/^Microsoft\.[A-Za-z]+(\.[A-Za-z]+)?$/.test(e)),
  },
];

/**
 * A virtual network with validated subnets (each inside the address space,
 * /29 or larger, none overlapping), an NSG per subnet that denies inbound
 * traffic unless allowed, no default outbound access, delegations and service
 * endpoints. `subnet(name)` returns a subnet; `addPrivateDnsZone(zone)`
 * creates a private DNS zone linked to this network.
 */
export class VirtualNetwork extends Construct implements IVirtualNetwork {
  /**
   * An existing network (no lookup): its subnets can take private endpoints and
   * be peers in network rules, and private DNS zones can be linked to it.
   */
  static fromAttributes(scope: Construct, id: string, attrs: VirtualNetworkAttributes): IVirtualNetwork {
    return new ImportedVirtualNetwork(scope, id, attrs);
  }

  public readonly resource: VirtualNetworkResource;
  public readonly id: string;
  public readonly name: string;
  public readonly addressSpace: string[];
  public readonly subnets: Record<string, VnetSubnet> = {};
  public readonly interfaces: AppliedAvmInterfaces;
  private readonly resourceGroupName: string;

  constructor(scope: Construct, id: string, props: VirtualNetworkProps) {
    super(scope, id);
    requireProps(this, props, ['addressSpace', 'subnets']);
    validateProps(this, props, RULES, { eager: true }); // eager: subnet names become construct ids
    const { stack, name, location, resourceGroupName } = resolvePlacement(this, 'virtualNetwork', props, 'Microsoft.Network');
    this.resourceGroupName = resourceGroupName;
    this.addressSpace = props.addressSpace;
    this.resource = new VirtualNetworkResource(this, 'Resource', {
      name,
      location,
      resourceGroupName,
      addressSpace: props.addressSpace,
      dnsServers: props.dnsServers,
      ddosProtectionPlan: props.ddosProtectionPlanId ? { id: props.ddosProtectionPlanId, enable: true } : undefined,
      tags: props.tags,
    });
    this.id = this.resource.id;
    this.name = this.resource.name;
    for (const spec of props.subnets) {
      const short = spec.name.replace(/^snet-/, '');
      const nsgName = stack.azureNaming.name('networkSecurityGroup', ...(props.nameQualifier ? [props.nameQualifier] : []), short);
      this.subnets[spec.name] = new VnetSubnet(this, `Subnet-${spec.name}`, this.resource, resourceGroupName, spec, nsgName);
    }
    this.interfaces = applyAvmInterfaces(this, { resourceId: this.id, resourceName: name, location, resourceGroupName }, props);
  }

  /** The subnet named `name`; throws when there is none. */
  subnet(name: string): VnetSubnet {
    const s = this.subnets[name];
    ensure(this, s !== undefined, `no subnet named ${name} (subnets: ${Object.keys(this.subnets).join(', ')})`, name);
    return s;
  }

  /**
   * A private DNS zone linked to this network, e.g.
   * `addPrivateDnsZone(PRIVATE_DNS_ZONES.keyVault)`; created once per zone name.
   */
  addPrivateDnsZone(zoneName: string): PrivateDnsZone {
    const id = `Dns-${zoneName}`;
    const existing = this.node.tryFindChild(id);
    if (existing instanceof PrivateDnsZone) return existing;
    return new PrivateDnsZone(this, id, { zoneName, virtualNetworks: [this], resourceGroupName: this.resourceGroupName });
  }
}
