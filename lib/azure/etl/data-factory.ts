import { DataFactory as DataFactoryResource } from '@cdktf/provider-azurerm/lib/data-factory';
import { Construct } from 'constructs';
import { AppliedAvmInterfaces, applyAvmInterfaces, AvmCommonProps, DiagnosticSettingsProps, PrivateEndpointsProps } from '../core/interfaces';
import { AzureResourceProps, resolvePlacement } from '../core/placement';
import { requireProps } from '../../core/validation';

export type DataFactoryProps = AzureResourceProps & AvmCommonProps & DiagnosticSettingsProps & PrivateEndpointsProps;

/**
 * An Azure Data Factory with a managed virtual network (integration runtimes
 * reach data stores through managed private endpoints), the public endpoint
 * off, and a system identity for its linked services (grant it data roles).
 */
export class DataFactory extends Construct {
  public readonly resource: DataFactoryResource;
  public readonly id: string;
  public readonly name: string;
  /** Object id of the factory's identity. */
  public readonly principalId: string;
  public readonly interfaces: AppliedAvmInterfaces;

  constructor(scope: Construct, id: string, props: DataFactoryProps = {}) {
    super(scope, id);
    requireProps(this, props, []);
    const { name, location, resourceGroupName } = resolvePlacement(this, 'dataFactory', props, 'Microsoft.DataFactory');
    this.resource = new DataFactoryResource(this, 'Resource', {
      name,
      location,
      resourceGroupName,
      managedVirtualNetworkEnabled: true,
      publicNetworkEnabled: false,
      identity: { type: 'SystemAssigned' },
      tags: props.tags,
    });
    this.id = this.resource.id;
    this.name = this.resource.name;
    this.principalId = this.resource.identity.principalId;
    this.interfaces = applyAvmInterfaces(this, { resourceId: this.id, resourceName: name, location, resourceGroupName, defaultPrivateEndpointSubresource: 'dataFactory' }, props);
  }
}
