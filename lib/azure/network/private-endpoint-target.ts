import { ensure } from '../../core/validation';
import { PrivateEndpointSpec } from '../core/interfaces';
import { VirtualNetwork, VnetSubnet } from './virtual-network';

/** Options of one private endpoint made by {@link PrivateEndpointTarget.endpoint}. */
export interface PrivateEndpointOptions {
  /**
   * Private link sub-resource (`blob`, `vault`, `namespace`, ...).
   * @default the resource's default sub-resource
   */
  readonly subresourceName?: string;
  /**
   * Endpoint name.
   * @default `pep-<resource name>-<subresource>`
   */
  readonly name?: string;
}

/**
 * Where a stack puts its private endpoints: one subnet of one virtual
 * network, with the private DNS zones linked to that network. Replaces the
 * hand-written `privately(zone)` helper of a stack:
 *
 * ```ts
 * const pe = new PrivateEndpointTarget(vnet, vnet.subnet('snet-pe'));
 * new KeyVault(this, 'Vault', { privateEndpoints: pe.endpoint(PRIVATE_DNS_ZONES.keyVault) });
 * ```
 *
 * Each zone is created once per network (`VirtualNetwork.addPrivateDnsZone`).
 */
export class PrivateEndpointTarget {
  constructor(
    public readonly vnet: VirtualNetwork,
    public readonly subnet: VnetSubnet,
  ) {
    ensure(vnet, vnet.subnets[subnet.name] === subnet, 'the private endpoint subnet must belong to the virtual network', subnet.name);
  }

  /** The `privateEndpoints` prop value for one endpoint registered in `zone` (and any `extraZones`). */
  endpoint(zone: string, options: PrivateEndpointOptions = {}, ...extraZones: string[]): PrivateEndpointSpec[] {
    return [
      {
        subnetResourceId: this.subnet.id,
        privateDnsZoneResourceIds: [zone, ...extraZones].map((z) => this.vnet.addPrivateDnsZone(z).id),
        subresourceName: options.subresourceName,
        name: options.name,
      },
    ];
  }
}

/** Shorthand of `new PrivateEndpointTarget(vnet, subnet).endpoint(zone, options)`. */
export function privateEndpointIn(vnet: VirtualNetwork, subnet: VnetSubnet, zone: string, options: PrivateEndpointOptions = {}): PrivateEndpointSpec[] {
  return new PrivateEndpointTarget(vnet, subnet).endpoint(zone, options);
}

