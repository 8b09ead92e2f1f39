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

const RULES: Rule<DnsZoneProps>[] = [
  { rule: 'zoneName must be a lowercase DNS name of at least two labels', check: (p) => (!/^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/.test(p.zoneName) ? p.zoneName : undefined) },
];

/** A public Azure DNS zone (delegate it at the registrar with `nameServers`). */
export class DnsZone extends Construct {
  public readonly resource: DnsZoneResource;
  public readonly id: string;
  public readonly name: string;
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
    this.nameServers = this.resource.nameServers;
    this.interfaces = applyAvmInterfaces(this, { resourceId: this.id, resourceName: props.zoneName.replace(/\./g, '-') }, props);
  }
}
