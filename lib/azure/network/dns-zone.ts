import { DataAzurermDnsZone } from '@cdktf/provider-azurerm/lib/data-azurerm-dns-zone';
import { DnsZone as DnsZoneResource } from '@cdktf/provider-azurerm/lib/dns-zone';
import { Construct } from 'constructs';
import { AzureStack } from '../azure-stack';
import { Rule, validateProps, requireProps } from '../../core/validation';
import { AppliedAvmInterfaces, applyAvmInterfaces, AvmCommonProps } from '../core/interfaces';

export interface DnsZoneProps extends AvmCommonProps {
  /** Zone name, e.g. `example.com`. */
  readonly zoneName: string;
  /**
   * Resource group.
   * @default the stack's resource group
   */
  readonly resourceGroupName?: string;
}

const ZONE_NAME = /^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const RULES: Rule<DnsZoneProps>[] = [{ rule: 'zoneName must be a lowercase DNS name of at least two labels', check: (p) => (!ZONE_NAME.test(p.zoneName) ? p.zoneName : undefined) }];

/** A public Azure DNS zone records can be added to: one made here ({@link DnsZone}) or an existing one ({@link DnsZone.fromName}). */
export interface IDnsZone {
  /** ARM resource id. */
  readonly id: string;
  /** Zone name as a Terraform reference (records depend on the zone through it). */
  readonly name: string;
  /** Zone name as a literal, e.g. `example.com` (to derive record labels at synth). */
  readonly zoneName: string;
  readonly resourceGroupName: string;
}

/** A public Azure DNS zone (delegate it at the registrar with `nameServers`). */
export class DnsZone extends Construct implements IDnsZone {
  /**
   * An existing zone (say, one shared by several stacks or delegated long ago), looked up by name
   * with an `azurerm_dns_zone` data source.
   * @param resourceGroupName the zone's resource group
   */
  static fromName(scope: Construct, id: string, zoneName: string, resourceGroupName: string): IDnsZone {
    const holder = new Construct(scope, id);
    validateProps(holder, { zoneName }, RULES);
    const data = new DataAzurermDnsZone(holder, 'Lookup', { name: zoneName, resourceGroupName });
    return { id: data.id, name: data.name, zoneName, resourceGroupName };
  }

  public readonly resource: DnsZoneResource;
  public readonly id: string;
  public readonly name: string;
  public readonly zoneName: string;
  public readonly resourceGroupName: string;
  public readonly nameServers: string[];
  public readonly interfaces: AppliedAvmInterfaces;

  constructor(scope: Construct, id: string, props: DnsZoneProps) {
    super(scope, id);
    requireProps(this, props, ['zoneName']);
    validateProps(this, props, RULES);
    const stack = AzureStack.of(this);
    stack.requireResourceProvider('Microsoft.Network');
    this.resourceGroupName = props.resourceGroupName ?? stack.resourceGroupName;
    this.resource = new DnsZoneResource(this, 'Resource', { name: props.zoneName, resourceGroupName: this.resourceGroupName, tags: props.tags });
    this.id = this.resource.id;
    this.name = this.resource.name;
    this.zoneName = props.zoneName;
    this.nameServers = this.resource.nameServers;
    this.interfaces = applyAvmInterfaces(this, { resourceId: this.id, resourceName: props.zoneName.replace(/\./g, '-') }, props);
  }
}
