import { NatGateway as NatGatewayResource } from '@cdktf/provider-azurerm/lib/nat-gateway';
import { NatGatewayPublicIpAssociation } from '@cdktf/provider-azurerm/lib/nat-gateway-public-ip-association';
import { PublicIp } from '@cdktf/provider-azurerm/lib/public-ip';
import { SubnetNatGatewayAssociation } from '@cdktf/provider-azurerm/lib/subnet-nat-gateway-association';
import { Construct } from 'constructs';
import { ensure, Rule, validateProps, firstDuplicate, requireProps } from '../../core/validation';
import { AppliedAvmInterfaces, applyAvmInterfaces, AvmCommonProps } from '../core/interfaces';
import { AzureResourceProps, resolvePlacement } from '../core/placement';

/** A subnet a NAT gateway serves (a `VnetSubnet`). */
export interface INatSubnet {
  readonly id: string;
  readonly name: string;
}

export interface NatGatewayProps extends AzureResourceProps, AvmCommonProps {
  /**
   * Subnets whose outbound internet traffic leaves through this gateway.
   * @default none (associate later with `associate(subnet)`)
   */
  readonly subnets?: INatSubnet[];
  /**
   * Availability zone of the gateway and its public IP (a NAT gateway is zonal: at most one zone).
   * @default no zone (regional)
   */
  readonly zone?: string;
  /**
   * Minutes an idle outbound TCP flow stays open, 4-120.
   * @default 4
   */
  readonly idleTimeoutMinutes?: number;
}

const RULES: Rule<NatGatewayProps>[] = [
  {
    rule: 'idleTimeoutMinutes must be an integer between 4 and 120',
    check: (p) => (p.idleTimeoutMinutes !== undefined && !(Number.isInteger(p.idleTimeoutMinutes) && p.idleTimeoutMinutes >= 4 && p.idleTimeoutMinutes <= 120) ? p.idleTimeoutMinutes : undefined),
  },
  { rule: 'zone must be 1, 2 or 3', check: (p) => (p.zone !== undefined && !['1', '2', '3'].includes(p.zone) ? p.zone : undefined) },
  { rule: 'a subnet can be associated once', check: (p) => firstDuplicate((p.subnets ?? []).map((s) => s.name)) },
];

/**
 * A Standard NAT gateway with one static Standard public IP: the outbound
 * internet path of private subnets (no public IP on any workload, and no
 * reliance on Azure's retiring default outbound access). Outbound only: a NAT
 * gateway never accepts inbound connections.
 */
export class NatGateway extends Construct {
  public readonly resource: NatGatewayResource;
  public readonly publicIp: PublicIp;
  public readonly id: string;
  public readonly name: string;
  /** The static egress address (allow-list it at third parties). */
  public readonly publicIpAddress: string;
  public readonly interfaces: AppliedAvmInterfaces;
  private readonly associated = new Set<string>();

  constructor(scope: Construct, id: string, props: NatGatewayProps = {}) {
    super(scope, id);
    requireProps(this, props, []);
    validateProps(this, props, RULES);
    const { stack, name, location, resourceGroupName } = resolvePlacement(this, 'natGateway', props, 'Microsoft.Network');
    const zones = props.zone ? [props.zone] : undefined;
    this.publicIp = new PublicIp(this, 'PublicIp', {
      name: stack.azureNaming.name('publicIp', ...(props.nameQualifier ? [props.nameQualifier] : []), 'nat'),
      location,
      resourceGroupName,
      sku: 'Standard',
      allocationMethod: 'Static',
      zones,
      tags: props.tags,
    });
    this.resource = new NatGatewayResource(this, 'Resource', {
      name,
      location,
      resourceGroupName,
      skuName: 'Standard',
      idleTimeoutInMinutes: props.idleTimeoutMinutes ?? 4,
      zones,
      tags: props.tags,
    });
    this.id = this.resource.id;
    this.name = this.resource.name;
    this.publicIpAddress = this.publicIp.ipAddress;
    new NatGatewayPublicIpAssociation(this, 'PublicIpAssociation', { natGatewayId: this.id, publicIpAddressId: this.publicIp.id });
    for (const s of props.subnets ?? []) this.associate(s);
    this.interfaces = applyAvmInterfaces(this, { resourceId: this.id, resourceName: name, location, resourceGroupName }, props);
  }

  /** Sends `subnet`'s outbound internet traffic through this gateway. */
  associate(subnet: INatSubnet): SubnetNatGatewayAssociation {
    ensure(this, !this.associated.has(subnet.name), 'a subnet can be associated once', subnet.name);
    this.associated.add(subnet.name);
    return new SubnetNatGatewayAssociation(this, `Subnet-${subnet.name}`, { subnetId: subnet.id, natGatewayId: this.id });
  }
}
