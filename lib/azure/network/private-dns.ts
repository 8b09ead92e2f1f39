import { PrivateDnsZone as PrivateDnsZoneResource } from '@cdktf/provider-azurerm/lib/private-dns-zone';
import { PrivateDnsZoneVirtualNetworkLink } from '@cdktf/provider-azurerm/lib/private-dns-zone-virtual-network-link';
import { Construct } from 'constructs';
import { AzureStack } from '../azure-stack';
import { Rule, validateProps } from '../../core/validation';
import { AppliedAvmInterfaces, applyAvmInterfaces, AvmCommonProps } from '../core/interfaces';
import { requireProps } from '../../core/validation';

/** The private link DNS zones of the services this library creates (Azure public cloud). */
export const PRIVATE_DNS_ZONES = {
  keyVault: 'privatelink.vaultcore.azure.net',
  blob: 'privatelink.blob.core.windows.net',
  file: 'privatelink.file.core.windows.net',
  queue: 'privatelink.queue.core.windows.net',
  table: 'privatelink.table.core.windows.net',
  dfs: 'privatelink.dfs.core.windows.net',
  web: 'privatelink.web.core.windows.net',
  containerRegistry: 'privatelink.azurecr.io',
  redis: 'privatelink.redis.cache.windows.net',
  postgresql: 'privatelink.postgres.database.azure.com',
  webApp: 'privatelink.azurewebsites.net',
  serviceBus: 'privatelink.servicebus.windows.net',
  cosmosSql: 'privatelink.documents.azure.com',
  mysql: 'privatelink.mysql.database.azure.com',
  openAi: 'privatelink.openai.azure.com',
  cognitiveServices: 'privatelink.cognitiveservices.azure.com',
} as const;

/** Something with a virtual network id (a `VirtualNetwork`). */
export interface IVirtualNetworkRef {
  readonly id: string;
  readonly name: string;
}

export interface PrivateDnsZoneProps extends AvmCommonProps {
  /** Zone name, e.g. `PRIVATE_DNS_ZONES.keyVault`. */
  readonly zoneName: string;
  /**
   * Virtual networks that resolve names in this zone.
   * @default none (link later with `linkTo`)
   */
  readonly virtualNetworks?: IVirtualNetworkRef[];
  /**
   * Resource group of the zone.
   * @default the stack's resource group
   */
  readonly resourceGroupName?: string;
}

const RULES: Rule<PrivateDnsZoneProps>[] = [
  {
    rule: 'zoneName must be a DNS name of 2 to 34 labels, each 1-63 letters, digits or hyphens',
    check: (p) => {
      const labels = p.zoneName.split('.');
      const ok = labels.length >= 2 && labels.length <= 34 && labels.every((l) => /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/.test(l));
      return ok ? undefined : p.zoneName;
    },
  },
];

/**
 * A private DNS zone linked to virtual networks (no auto-registration), for
 * private endpoints' `privateDnsZoneResourceIds`.
 */
export class PrivateDnsZone extends Construct {
  public readonly resource: PrivateDnsZoneResource;
  public readonly id: string;
  public readonly name: string;
  public readonly interfaces: AppliedAvmInterfaces;
  private readonly resourceGroupName: string;
  private links = 0;

  constructor(scope: Construct, id: string, props: PrivateDnsZoneProps) {
    super(scope, id);
    requireProps(this, props, ['zoneName']);
    validateProps(this, props, RULES);
    const stack = AzureStack.of(this);
    stack.requireResourceProvider('Microsoft.Network');
    const resourceGroupName = props.resourceGroupName ?? stack.resourceGroupName;
    this.resourceGroupName = resourceGroupName;
    this.resource = new PrivateDnsZoneResource(this, 'Resource', { name: props.zoneName, resourceGroupName, tags: props.tags });
    this.id = this.resource.id;
    this.name = this.resource.name;
    for (const vnet of props.virtualNetworks ?? []) this.linkTo(vnet);
    this.interfaces = applyAvmInterfaces(this, { resourceId: this.id, resourceName: props.zoneName.replace(/\./g, '-') }, props);
  }

  /** Links the zone to a virtual network so its resources resolve the zone's records. */
  linkTo(vnet: IVirtualNetworkRef): PrivateDnsZoneVirtualNetworkLink {
    const n = this.links++;
    return new PrivateDnsZoneVirtualNetworkLink(this, `Link${n}`, {
      name: `link-${vnet.name}`,
      resourceGroupName: this.resourceGroupName,
      privateDnsZoneName: this.name,
      virtualNetworkId: vnet.id,
      registrationEnabled: false,
    });
  }
}
