import { Firewall as FirewallResource } from '@cdktf/provider-azurerm/lib/firewall';
import { FirewallPolicy } from '@cdktf/provider-azurerm/lib/firewall-policy';
import { FirewallPolicyRuleCollectionGroup } from '@cdktf/provider-azurerm/lib/firewall-policy-rule-collection-group';
import { PublicIp } from '@cdktf/provider-azurerm/lib/public-ip';
import { RouteTable as RouteTableResource } from '@cdktf/provider-azurerm/lib/route-table';
import { SubnetRouteTableAssociation } from '@cdktf/provider-azurerm/lib/subnet-route-table-association';
import { Construct } from 'constructs';
import { isCidr, parseCidr } from '../../core/cidr';
import { ensure, Rule, validateProps, requireProps, firstDuplicate } from '../../core/validation';
import { AppliedAvmInterfaces, applyAvmInterfaces, AvmCommonProps, DiagnosticSettingsProps } from '../core/interfaces';
import { AzureResourceProps, resolvePlacement } from '../core/placement';

/** The `AzureFirewallSubnet` of a virtual network (a `VnetSubnet`). */
export interface IFirewallSubnet {
  readonly id: string;
  readonly name: string;
  readonly addressPrefix: string;
}

/** Outbound HTTPS to named FQDNs from some source ranges. */
export interface FirewallFqdnRule {
  readonly name: string;
  /** Source CIDR blocks (e.g. the functions subnet). */
  readonly sourceAddresses: string[];
  /** FQDNs allowed (`api.example.com`, `*.example.com`). */
  readonly fqdns: string[];
}

/** Outbound traffic to Azure service tags (no FQDN inspection). */
export interface FirewallServiceTagRule {
  readonly name: string;
  readonly sourceAddresses: string[];
  /** Service tags, e.g. `AzureMonitor`, `ServiceBus`, `Storage`. */
  readonly serviceTags: string[];
  /** TCP ports. */
  readonly ports: number[];
}

export interface FirewallProps extends AzureResourceProps, AvmCommonProps, DiagnosticSettingsProps {
  /** The `AzureFirewallSubnet`, /26 or larger. */
  readonly subnet: IFirewallSubnet;
  /**
   * `Standard` or `Premium` (TLS inspection, IDPS).
   * @default 'Standard'
   */
  readonly tier?: 'Standard' | 'Premium';
  /**
   * Application rules (HTTPS to FQDNs).
   * @default none: nothing is allowed out
   */
  readonly fqdnRules?: FirewallFqdnRule[];
  /**
   * Network rules to service tags.
   * @default none
   */
  readonly serviceTagRules?: FirewallServiceTagRule[];
  /**
   * Availability zones.
   * @default none
   */
  readonly zones?: string[];
}

const RULES: Rule<FirewallProps>[] = [
  { rule: 'the firewall subnet must be named AzureFirewallSubnet', check: (p) => (p.subnet.name !== 'AzureFirewallSubnet' ? p.subnet.name : undefined) },
  { rule: 'the AzureFirewallSubnet must be /26 or larger', check: (p) => (isCidr(p.subnet.addressPrefix) && parseCidr(p.subnet.addressPrefix).prefix > 26 ? p.subnet.addressPrefix : undefined) },
  { rule: 'firewall rules need source addresses and at least one destination', check: (p) => [...(p.fqdnRules ?? []).filter((r) => r.fqdns.length === 0 || r.sourceAddresses.length === 0), ...(p.serviceTagRules ?? []).filter((r) => r.serviceTags.length === 0 || r.sourceAddresses.length === 0 || r.ports.length === 0)].map((r) => r.name)[0] },
  { rule: 'firewall rule names must be unique', check: (p) => firstDuplicate([...(p.fqdnRules ?? []), ...(p.serviceTagRules ?? [])].map((r) => r.name)) },
];

/**
 * Azure Firewall (Standard by default) with a firewall policy: threat
 * intelligence in Deny mode, DNS proxy, application rules (HTTPS to FQDNs)
 * and network rules (service tags), a static Standard public IP. Everything
 * not allowed is denied. Route subnets through it with {@link RouteTable}.
 */
export class Firewall extends Construct {
  public readonly resource: FirewallResource;
  public readonly policy: FirewallPolicy;
  public readonly publicIp: PublicIp;
  public readonly id: string;
  /** Private IP: the next hop of routes through the firewall. */
  public readonly privateIpAddress: string;
  public readonly interfaces: AppliedAvmInterfaces;

  constructor(scope: Construct, id: string, props: FirewallProps) {
    super(scope, id);
    requireProps(this, props, ['subnet']);
    validateProps(this, props, RULES);
    const { stack, name, location, resourceGroupName } = resolvePlacement(this, 'firewall', props, 'Microsoft.Network');
    const tier = props.tier ?? 'Standard';
    this.publicIp = new PublicIp(this, 'PublicIp', { name: stack.azureNaming.name('publicIp', 'afw'), location, resourceGroupName, sku: 'Standard', allocationMethod: 'Static', zones: props.zones, tags: props.tags });
    this.policy = new FirewallPolicy(this, 'Policy', {
      name: stack.azureNaming.name('firewallPolicy'),
      location,
      resourceGroupName,
      sku: tier,
      threatIntelligenceMode: 'Deny',
      dns: { proxyEnabled: true },
      intrusionDetection: tier === 'Premium' ? { mode: 'Deny' } : undefined,
      tags: props.tags,
    });
    const app = props.fqdnRules ?? [];
    const net = props.serviceTagRules ?? [];
    if (app.length > 0 || net.length > 0) {
      new FirewallPolicyRuleCollectionGroup(this, 'Rules', {
        name: 'egress',
        firewallPolicyId: this.policy.id,
        priority: 200,
        networkRuleCollection:
          net.length > 0
            ? [{ name: 'azure-services', priority: 200, action: 'Allow', rule: net.map((r) => ({ name: r.name, protocols: ['TCP'], sourceAddresses: r.sourceAddresses, destinationAddresses: r.serviceTags, destinationPorts: r.ports.map(String) })) }]
            : undefined,
        applicationRuleCollection:
          app.length > 0
            ? [{ name: 'fqdns', priority: 300, action: 'Allow', rule: app.map((r) => ({ name: r.name, sourceAddresses: r.sourceAddresses, destinationFqdns: r.fqdns, protocols: [{ type: 'Https', port: 443 }] })) }]
            : undefined,
      });
    }
    this.resource = new FirewallResource(this, 'Resource', {
      name,
      location,
      resourceGroupName,
      skuName: 'AZFW_VNet',
      skuTier: tier,
      firewallPolicyId: this.policy.id,
      zones: props.zones,
      ipConfiguration: [{ name: 'ipconfig', subnetId: props.subnet.id, publicIpAddressId: this.publicIp.id }],
      tags: props.tags,
    });
    this.id = this.resource.id;
    this.privateIpAddress = this.resource.ipConfiguration.get(0).privateIpAddress;
    this.interfaces = applyAvmInterfaces(this, { resourceId: this.id, resourceName: name, location, resourceGroupName, diagnosticDefaults: { logCategoryGroups: ['allLogs'], metricCategories: ['AllMetrics'] } }, props);
  }
}

/** One route. */
export interface RouteSpec {
  readonly name: string;
  /** Destination CIDR or service tag. */
  readonly addressPrefix: string;
  /** `VirtualAppliance` (with `nextHopIp`), `Internet`, `VnetLocal`, `None`. */
  readonly nextHopType: 'VirtualAppliance' | 'Internet' | 'VnetLocal' | 'None' | 'VirtualNetworkGateway';
  /**
   * Next hop address, for `VirtualAppliance` (a firewall's `privateIpAddress`).
   * @default none
   */
  readonly nextHopIp?: string;
}

export interface RouteTableProps extends AzureResourceProps, AvmCommonProps {
  readonly routes: RouteSpec[];
  /**
   * Subnets using the table.
   * @default none
   */
  readonly subnets?: { readonly id: string; readonly name: string }[];
}

/** A route table (BGP route propagation off) associated with subnets, e.g. `0.0.0.0/0` → the firewall. */
export class RouteTable extends Construct {
  public readonly resource: RouteTableResource;
  public readonly id: string;

  constructor(scope: Construct, id: string, props: RouteTableProps) {
    super(scope, id);
    requireProps(this, props, ['routes']);
    for (const r of props.routes) ensure(this, (r.nextHopType === 'VirtualAppliance') === (r.nextHopIp !== undefined), `route ${r.name}: nextHopIp is required with VirtualAppliance and only with it`, r.nextHopIp);
    const { name, location, resourceGroupName } = resolvePlacement(this, 'routeTable', props, 'Microsoft.Network');
    this.resource = new RouteTableResource(this, 'Resource', {
      name,
      location,
      resourceGroupName,
      bgpRoutePropagationEnabled: false,
      route: props.routes.map((r) => ({ name: r.name, addressPrefix: r.addressPrefix, nextHopType: r.nextHopType, nextHopInIpAddress: r.nextHopIp ?? '' })),
      tags: props.tags,
    });
    this.id = this.resource.id;
    for (const s of props.subnets ?? []) new SubnetRouteTableAssociation(this, `Subnet-${s.name}`, { subnetId: s.id, routeTableId: this.id });
  }
}
