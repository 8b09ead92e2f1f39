import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { Construct } from 'constructs';
import { AppliedAvmInterfaces, applyAvmInterfaces, AvmCommonProps } from '../core/interfaces';
import { AzureResourceProps, resolvePlacement } from '../core/placement';
import { requireProps } from '../../core/validation';

/** What a construct needs of a user-assigned identity. */
export interface IManagedIdentity {
  /** Resource id (goes into `identity_ids`, registry and Key Vault references). */
  readonly id: string;
  /** Object id of its service principal (role assignments). */
  readonly principalId: string;
  /** Client (application) id (`AZURE_CLIENT_ID` for SDKs). */
  readonly clientId: string;
}

export type ManagedIdentityProps = AzureResourceProps & AvmCommonProps;

/**
 * A user-assigned managed identity: created before the resource that uses it,
 * so role assignments (AcrPull, Key Vault Secrets User, ...) exist when that
 * resource first starts, which a system-assigned identity cannot guarantee.
 */
export class ManagedIdentity extends Construct implements IManagedIdentity {
  public readonly resource: UserAssignedIdentity;
  public readonly id: string;
  public readonly name: string;
  public readonly principalId: string;
  public readonly clientId: string;
  public readonly interfaces: AppliedAvmInterfaces;

  constructor(scope: Construct, id: string, props: ManagedIdentityProps = {}) {
    super(scope, id);
    requireProps(this, props, []);
    const { name, location, resourceGroupName } = resolvePlacement(this, 'userAssignedIdentity', props, 'Microsoft.ManagedIdentity');
    this.resource = new UserAssignedIdentity(this, 'Resource', { name, location, resourceGroupName, tags: props.tags });
    this.id = this.resource.id;
    this.name = this.resource.name;
    this.principalId = this.resource.principalId;
    this.clientId = this.resource.clientId;
    this.interfaces = applyAvmInterfaces(this, { resourceId: this.id, resourceName: name, location, resourceGroupName }, props);
  }
}
