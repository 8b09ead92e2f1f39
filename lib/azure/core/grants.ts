import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { Construct } from 'constructs';
import { addRoleAssignment, contentId, moveFromLegacyId, PrincipalType } from './interfaces';

const GRANTS = Symbol.for('cdktf-reference-architectures.azure.grants');

interface GrantState {
  count: number;
  readonly byKey: Map<string, RoleAssignment>;
}

/**
 * What a `grant*` method returns: the role assignment, which other resources
 * can depend on (`dependsOn: [grant]`) so they start only once the access exists.
 */
export type Grant = RoleAssignment;

/**
 * Assigns `role` on `resourceId` to `principalId`, as a child of `resource`
 * named `Grant-<hash of role + principal>`: the id does not depend on how many
 * grants were made before, so adding one earlier in a stack renames nothing.
 * Granting the same role to the same principal twice returns the first
 * assignment. A `moved` block from the former call-order id (`Grant<n>`) keeps
 * assignments deployed before ids were content-derived (see
 * `LEGACY_MOVES_CONTEXT`). The `grant*` methods of the constructs
 * (`KeyVault.grantSecretsRead`, `ContainerRegistry.grantPull`, ...) use it.
 */
export function grantRole(
  resource: Construct,
  resourceId: string,
  role: string,
  principalId: string,
  principalType?: PrincipalType,
  description?: string,
): Grant {
  const holder = resource as unknown as { [GRANTS]?: GrantState };
  const state = (holder[GRANTS] ??= { count: 0, byKey: new Map() });
  const id = `Grant-${contentId(resource, role, principalId)}`;
  const existing = state.byKey.get(id);
  if (existing) return existing;
  const assignment = addRoleAssignment(resource, id, resourceId, {
    roleDefinitionIdOrName: role,
    principalId,
    principalType,
    description,
  });
  moveFromLegacyId(assignment, `Grant${state.count++}`);
  state.byKey.set(id, assignment);
  return assignment;
}
