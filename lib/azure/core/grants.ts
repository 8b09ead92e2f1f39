import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { Construct } from 'constructs';
import { addRoleAssignment, PrincipalType } from './interfaces';

const GRANTS = Symbol.for('cdktf-reference-architectures.azure.grants');

interface GrantState {
  count: number;
  readonly byKey: Map<string, RoleAssignment>;
}

/**
 * Assigns `role` on `resourceId` to `principalId`, as a child of `resource`
 * named `Grant<n>`. Granting the same role to the same principal twice
 * returns the first assignment. The `grant*` methods of the constructs
 * (`KeyVault.grantSecretsRead`, `ContainerRegistry.grantPull`, ...) use it.
 */
export function grantRole(
  resource: Construct,
  resourceId: string,
  role: string,
  principalId: string,
  principalType?: PrincipalType,
  description?: string,
): RoleAssignment {
  const holder = resource as unknown as { [GRANTS]?: GrantState };
  const state = (holder[GRANTS] ??= { count: 0, byKey: new Map() });
  const key = `${role}|${principalId}`;
  const existing = state.byKey.get(key);
  if (existing) return existing;
  const assignment = addRoleAssignment(resource, `Grant${state.count++}`, resourceId, {
    roleDefinitionIdOrName: role,
    principalId,
    principalType,
    description,
  });
  state.byKey.set(key, assignment);
  return assignment;
}
