import { CosmosdbAccount } from '@cdktf/provider-azurerm/lib/cosmosdb-account';
import { Construct } from 'constructs';
import { AppliedAvmInterfaces, applyAvmInterfaces, AvmCommonProps, DiagnosticSettingsProps, PrivateEndpointsProps } from '../core/interfaces';
import { AzureResourceProps, resolvePlacement } from '../core/placement';
import { specList } from '../core/interfaces';
import { requireProps } from '../../core/validation';

export interface CosmosAccountProps extends AzureResourceProps, AvmCommonProps, DiagnosticSettingsProps, PrivateEndpointsProps {
  /**
   * Serverless capacity (pay per request), the cheap choice for dev and test.
   * @default true
   */
  readonly serverless?: boolean;
  /**
   * Subnets (with the `Microsoft.AzureCosmosDB` service endpoint) allowed through the public endpoint when there is no private endpoint.
   * @default none
   */
  readonly virtualNetworkSubnetIds?: string[];
}

/**
 * A Cosmos DB (NoSQL API) account: Session consistency, keys off (Entra ID
 * RBAC only), TLS 1.2, continuous backup, public endpoint off with private
 * endpoints or filtered to VNet subnets.
 */
export class CosmosAccount extends Construct {
  public readonly resource: CosmosdbAccount;
  public readonly id: string;
  public readonly name: string;
  public readonly endpoint: string;
  public readonly interfaces: AppliedAvmInterfaces;

  constructor(scope: Construct, id: string, props: CosmosAccountProps = {}) {
    super(scope, id);
    requireProps(this, props, []);
    const { name, location, resourceGroupName } = resolvePlacement(this, 'cosmosAccount', props, 'Microsoft.DocumentDB');
    const privateOnly = specList(props.privateEndpoints).length > 0;
    const subnets = props.virtualNetworkSubnetIds ?? [];
    this.resource = new CosmosdbAccount(this, 'Resource', {
      name,
      location,
      resourceGroupName,
      offerType: 'Standard',
      kind: 'GlobalDocumentDB',
      consistencyPolicy: { consistencyLevel: 'Session' },
      geoLocation: [{ location, failoverPriority: 0, zoneRedundant: false }],
      capabilities: (props.serverless ?? true) ? [{ name: 'EnableServerless' }] : undefined,
      localAuthenticationDisabled: true,
      accessKeyMetadataWritesEnabled: false,
      minimalTlsVersion: 'Tls12',
      publicNetworkAccessEnabled: !privateOnly,
      isVirtualNetworkFilterEnabled: !privateOnly,
      virtualNetworkRule: privateOnly ? undefined : subnets.map((id) => ({ id })),
      backup: { type: 'Continuous', tier: 'Continuous7Days' },
      tags: props.tags,
    });
    this.id = this.resource.id;
    this.name = this.resource.name;
    this.endpoint = this.resource.endpoint;
    this.interfaces = applyAvmInterfaces(this, { resourceId: this.id, resourceName: name, location, resourceGroupName, defaultPrivateEndpointSubresource: 'Sql', diagnosticDefaults: { logCategoryGroups: ['allLogs'], metricCategories: ['Requests'] } }, props);
  }
}
