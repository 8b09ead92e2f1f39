/**
 * Azure Verified Modules (AVM) standard interfaces
 * (https://azure.github.io/Azure-Verified-Modules/specs/shared/interfaces/),
 * the same props on every Azure construct that supports them:
 *
 * | prop                 | creates                                                          |
 * | -------------------- | ---------------------------------------------------------------- |
 * | `tags`               | tags on the main resource (on top of the stack's default tags)   |
 * | `lock`               | `azurerm_management_lock` on the resource                        |
 * | `roleAssignments`    | one `azurerm_role_assignment` per entry, scoped to the resource  |
 * | `managedIdentities`  | the resource's `identity` block                                  |
 * | `diagnosticSettings` | `azurerm_monitor_diagnostic_setting` to a Log Analytics workspace |
 * | `privateEndpoints`   | `azurerm_private_endpoint` with a `private_dns_zone_group`       |
 *
 * How a construct uses them:
 *
 * ```ts
 * export interface ThingProps extends AzureResourceProps, AvmCommonProps, DiagnosticSettingsProps, PrivateEndpointsProps, ManagedIdentitiesProps { ... }
 *
 * validateProps(this, props, RULES);
 * // CAF name (or props.name) checked against the service's rules, stack location / resource group,
 * // and the resource provider namespace added to the stack's registrations (placement.ts).
 * const { stack, name, location, resourceGroupName } = resolvePlacement(this, 'keyVault', props, 'Microsoft.KeyVault');
 * const res = new Thing(this, 'Resource', {
 *   name, location, resourceGroupName,
 *   ...,
 *   identity: identityBlock(props.managedIdentities), // undefined when no identity is asked for
 *   tags: props.tags,
 * });
 * // Once, after the main resource: lock, role assignments, diagnostic settings, private endpoints.
 * this.interfaces = applyAvmInterfaces(this, {
 *   resourceId: res.id,
 *   resourceName: name,
 *   defaultPrivateEndpointSubresource: 'vault', // the resource's private link group id
 *   diagnosticDefaults: { logCategoryGroups: ['allLogs'], metricCategories: ['AllMetrics'] },
 * }, props);
 * ```
 *
 * `grant*` helpers call `grantRole` (grants.ts: one assignment per role and
 * principal) with a {@link BuiltInRoles} name; generated secrets use
 * `randomProvider(this)` (random.ts) or, better, `KeyVault.addGeneratedSecret`.
 * A log-less resource passes `diagnosticDefaults: { logCategoryGroups: [] }`;
 * `diagnosticSettings` entries that name no categories get those defaults.
 * `roleAssignments`, `diagnosticSettings` and `privateEndpoints` take a map
 * (AVM's `map(object)`: the key is arbitrary and becomes part of the child's
 * construct id, `RoleAssignment-<key>`) or an array, whose children get ids
 * derived from their content (`RoleAssignment-<hash of role + principal>`,
 * `DiagnosticSetting-<hash of workspace + name>`, `PrivateEndpoint-<hash of
 * sub-resource + subnet + name>`): reordering a list or inserting an entry
 * renames nothing, so no live assignment or endpoint is replaced. Array
 * children also get a `moved` block from their former position-based address
 * (`RoleAssignment<n>`), so state written before ids were content-derived moves
 * over instead of being destroyed (no-op for resources never deployed that way;
 * turn off with the context key {@link LEGACY_MOVES_CONTEXT} = false).
 * The lock (`Lock`) depends on the others, so a `ReadOnly` lock never blocks their creation.
 */
import { ManagementLock } from '@cdktf/provider-azurerm/lib/management-lock';
import { MonitorDiagnosticSetting } from '@cdktf/provider-azurerm/lib/monitor-diagnostic-setting';
import { PrivateEndpoint } from '@cdktf/provider-azurerm/lib/private-endpoint';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { DefaultTokenResolver, ITerraformDependable, StringConcat, TerraformResource, TerraformStack, Token, Tokenization } from 'cdktf';
import { makeUniqueId } from 'cdktf/lib/private/unique';
import { Construct } from 'constructs';
import { shortHash } from '../../core/naming';
import { childName } from './naming';
import { AzureStack } from '../azure-stack';
import { firstDuplicate, isGuid, Rule, validateProps, ValidationError } from '../../core/validation';

// ---------------------------------------------------------------- specs

/** A management lock on the resource. */
export interface LockSpec {
  /** `CanNotDelete`: read and modify, no delete. `ReadOnly`: read only. */
  readonly kind: 'CanNotDelete' | 'ReadOnly';
  /**
   * Lock name.
   * @default `lock-<resource name>`
   */
  readonly name?: string;
  /**
   * Notes shown on the lock.
   * @default a note saying the lock is managed by cdktf
   */
  readonly notes?: string;
}

/** Principal types accepted by role assignments. */
export type PrincipalType = 'User' | 'Group' | 'ServicePrincipal' | 'ForeignGroup' | 'Device';

/** A role assignment scoped to the resource. */
export interface RoleAssignmentSpec {
  /**
   * Built-in or custom role: its name (`Key Vault Secrets User`), its GUID,
   * or its full resource id (`/subscriptions/.../roleDefinitions/<guid>`).
   */
  readonly roleDefinitionIdOrName: string;
  /** Object id of the user, group or service principal (a managed identity's `principal_id`). */
  readonly principalId: string;
  /**
   * Type of the principal. `ServicePrincipal` also skips the Entra ID
   * existence check, which avoids replication-delay failures for new managed identities.
   * @default unset: Azure looks the principal up
   */
  readonly principalType?: PrincipalType;
  /**
   * Description of the assignment.
   * @default none
   */
  readonly description?: string;
  /**
   * ABAC condition limiting the assignment.
   * @default none
   */
  readonly condition?: string;
  /**
   * Condition version; required with `condition`.
   * @default `2.0` when a condition is given
   */
  readonly conditionVersion?: string;
}

/** Managed identities of the resource. */
export interface ManagedIdentitiesSpec {
  /**
   * Give the resource a system-assigned identity.
   * @default false
   */
  readonly systemAssigned?: boolean;
  /**
   * Resource ids of user-assigned identities to attach.
   * @default none
   */
  readonly userAssignedResourceIds?: string[];
}

/** A diagnostic setting sending the resource's logs and metrics to Log Analytics. */
export interface DiagnosticSettingSpec {
  /**
   * Setting name.
   * @default in a map: `diag-<resource name>` for the first entry, `diag-<resource name>-<key>` after;
   * in an array: `diag-<resource name>` (`-<n>` appended from the second setting on, by position: name
   * settings, or use a map, when a list may be reordered)
   */
  readonly name?: string;
  /** Resource id of the Log Analytics workspace. */
  readonly workspaceResourceId: string;
  /**
   * Log categories to send, one by one.
   * @default none (see logCategoryGroups)
   */
  readonly logCategories?: string[];
  /**
   * Log category groups to send (`allLogs`, `audit`).
   * @default the construct's default (`allLogs` for resources that emit logs) when no category or group is given
   */
  readonly logCategoryGroups?: string[];
  /**
   * Metric categories to send.
   * @default the construct's default (`AllMetrics`) when no category or group is given
   */
  readonly metricCategories?: string[];
  /**
   * `Dedicated` (resource-specific tables) or `AzureDiagnostics`.
   * @default the service's default
   */
  readonly logAnalyticsDestinationType?: 'Dedicated' | 'AzureDiagnostics';
}

/** A private endpoint for the resource, registered in private DNS zones. */
export interface PrivateEndpointSpec {
  /** Subnet the endpoint's network interface goes into. */
  readonly subnetResourceId: string;
  /**
   * Private DNS zones (e.g. `privatelink.vaultcore.azure.net`) the endpoint registers its A record in.
   * @default none: no DNS zone group, DNS is managed elsewhere
   */
  readonly privateDnsZoneResourceIds?: string[];
  /**
   * Private link sub-resource (group id), e.g. `vault`, `blob`, `registry`.
   * @default the construct's default sub-resource
   */
  readonly subresourceName?: string;
  /**
   * Endpoint name.
   * @default `pep-<resource name>-<subresource>`
   */
  readonly name?: string;
  /**
   * Location of the endpoint (must be the subnet's region).
   * @default the construct's location
   */
  readonly location?: string;
  /**
   * Resource group of the endpoint.
   * @default the construct's resource group
   */
  readonly resourceGroupName?: string;
  /**
   * Tags of the endpoint.
   * @default the stack's default tags
   */
  readonly tags?: Record<string, string>;
}

// ---------------------------------------------------------------- props mixins

/**
 * A list of specs, or a map of them keyed by an arbitrary name (AVM's
 * `map(object)`). Map keys name the children, so a map is the way to give each
 * entry an identity you choose; array entries are identified by their content.
 */
export type SpecMap<T> = readonly T[] | Readonly<Record<string, T>>;

/** The specs of a {@link SpecMap} as `[key, spec]` pairs (`key` undefined for array entries). */
export function specEntries<T>(specs: SpecMap<T> | undefined): [string | undefined, T][] {
  if (specs === undefined) return [];
  if (Array.isArray(specs)) return (specs as readonly T[]).map((s) => [undefined, s]);
  return Object.entries(specs as Readonly<Record<string, T>>);
}

/** `fn` applied to every spec, keeping the shape (array stays array, map keeps its keys). */
export function mapSpecs<T, U>(specs: SpecMap<T> | undefined, fn: (spec: T) => U): SpecMap<U> | undefined {
  if (specs === undefined) return undefined;
  if (Array.isArray(specs)) return (specs as readonly T[]).map(fn);
  return Object.fromEntries(Object.entries(specs as Readonly<Record<string, T>>).map(([k, v]) => [k, fn(v)]));
}

/** The specs of a {@link SpecMap} as a list (map entries in key order of insertion). */
export function specList<T>(specs: SpecMap<T> | undefined): T[] {
  return specEntries(specs).map(([, s]) => s);
}

export interface TagsProps {
  /**
   * Tags of the resource, merged over the stack's default tags.
   * @default the stack's default tags only
   */
  readonly tags?: Record<string, string>;
}

export interface LockProps {
  /**
   * Management lock on the resource.
   * @default no lock
   */
  readonly lock?: LockSpec;
}

export interface RoleAssignmentsProps {
  /**
   * Role assignments scoped to the resource.
   * @default none
   */
  readonly roleAssignments?: SpecMap<RoleAssignmentSpec>;
}

export interface ManagedIdentitiesProps {
  /**
   * Managed identities of the resource.
   * @default no identity
   */
  readonly managedIdentities?: ManagedIdentitiesSpec;
}

export interface DiagnosticSettingsProps {
  /**
   * Diagnostic settings to Log Analytics (at most 5, Azure's limit).
   * @default none
   */
  readonly diagnosticSettings?: SpecMap<DiagnosticSettingSpec>;
}

export interface PrivateEndpointsProps {
  /**
   * Private endpoints of the resource.
   * @default none
   */
  readonly privateEndpoints?: SpecMap<PrivateEndpointSpec>;
}

/** `tags`, `lock` and `roleAssignments`: supported by every ARM resource. */
export interface ProtectionProps {
  /**
   * Refuse to destroy the resource: Terraform's `lifecycle.prevent_destroy`
   * on the construct's main resource (production stages set it on stateful resources).
   * @default false
   */
  readonly preventDestroy?: boolean;
}

export interface AvmCommonProps extends TagsProps, LockProps, RoleAssignmentsProps, ProtectionProps {}

/** Every interface {@link applyAvmInterfaces} handles. */
export interface AvmInterfaceProps extends AvmCommonProps, DiagnosticSettingsProps, PrivateEndpointsProps {}

// ---------------------------------------------------------------- helpers

/** The resource the interfaces apply to. */
export interface AvmTarget {
  /**
   * The main resource, for `preventDestroy`.
   * @default the construct's child named `Resource`
   */
  readonly resource?: TerraformResource;
  /** Resource id (scope of locks, role assignments, diagnostic settings, private link target). */
  readonly resourceId: string;
  /** Resource name, used in the default names of children. */
  readonly resourceName: string;
  /**
   * Location of private endpoints.
   * @default the stack's location
   */
  readonly location?: string;
  /**
   * Resource group of private endpoints.
   * @default the stack's resource group
   */
  readonly resourceGroupName?: string;
  /**
   * Sub-resource (group id) of private endpoints that do not name one.
   * @default none: every private endpoint must set `subresourceName`
   */
  readonly defaultPrivateEndpointSubresource?: string;
  /**
   * Categories sent by a diagnostic setting that names none.
   * @default `{ logCategoryGroups: ['allLogs'], metricCategories: ['AllMetrics'] }`
   */
  readonly diagnosticDefaults?: { readonly logCategoryGroups?: string[]; readonly metricCategories?: string[] };
}

/** What {@link applyAvmInterfaces} created. */
export interface AppliedAvmInterfaces {
  /**
   * The lock.
   * @default undefined when no lock was asked for
   */
  readonly lock?: ManagementLock;
  readonly roleAssignments: RoleAssignment[];
  readonly diagnosticSettings: MonitorDiagnosticSetting[];
  readonly privateEndpoints: PrivateEndpoint[];
}

const PRINCIPAL_TYPES: readonly PrincipalType[] = ['User', 'Group', 'ServicePrincipal', 'ForeignGroup', 'Device'];
const MAX_DIAGNOSTIC_SETTINGS = 5;

interface AvmCheck {
  readonly target: AvmTarget;
  readonly props: AvmInterfaceProps;
}

const known = (s: string | undefined): s is string => s !== undefined && !Token.isUnresolved(s);

const ras = (p: AvmInterfaceProps) => specList(p.roleAssignments);
const diags = (p: AvmInterfaceProps) => specList(p.diagnosticSettings);
const peps = (p: AvmInterfaceProps) => specList(p.privateEndpoints);

const RULES: Rule<AvmCheck>[] = [
  {
    rule: 'lock.kind must be CanNotDelete or ReadOnly',
    check: ({ props }) => (props.lock && !['CanNotDelete', 'ReadOnly'].includes(props.lock.kind) ? props.lock.kind : undefined),
  },
  {
    rule: 'roleAssignments need a roleDefinitionIdOrName and a principalId',
    check: ({ props }) => ras(props).find((r) => !r.roleDefinitionIdOrName || !r.principalId),
  },
  {
    rule: `roleAssignments principalType must be one of ${PRINCIPAL_TYPES.join(', ')}`,
    check: ({ props }) => ras(props).map((r) => r.principalType).find((t) => t !== undefined && !PRINCIPAL_TYPES.includes(t)),
  },
  {
    rule: 'roleAssignments must not repeat a role for the same principal',
    check: ({ props }) => (Array.isArray(props.roleAssignments) ? firstDuplicate(ras(props).map((r) => `${r.roleDefinitionIdOrName} → ${r.principalId}`)) : undefined),
  },
  {
    rule: `at most ${MAX_DIAGNOSTIC_SETTINGS} diagnosticSettings per resource`,
    check: ({ props }) => (diags(props).length > MAX_DIAGNOSTIC_SETTINGS ? diags(props).length : undefined),
  },
  {
    rule: 'diagnosticSettings need a workspaceResourceId',
    check: ({ props }) => diags(props).find((d) => !d.workspaceResourceId),
  },
  {
    rule: 'diagnosticSettings names must be unique',
    check: ({ props }) => firstDuplicate(diags(props).map((d) => d.name).filter(known)),
  },
  {
    rule: 'diagnosticSettings sending to the same workspace need distinct names (or use a map)',
    check: ({ props }) => (Array.isArray(props.diagnosticSettings) ? firstDuplicate(diags(props).map((d) => `${d.workspaceResourceId}|${d.name ?? ''}`)) : undefined),
  },
  {
    rule: 'privateEndpoints need a subresourceName (this resource has no default)',
    check: ({ props, target }) => (target.defaultPrivateEndpointSubresource ? undefined : peps(props).find((p) => !p.subresourceName)),
  },
  {
    rule: 'privateEndpoints need a subnetResourceId',
    check: ({ props }) => peps(props).find((p) => !p.subnetResourceId),
  },
  {
    rule: 'privateEndpoints for the same sub-resource and subnet need distinct names (or use a map)',
    check: ({ props, target }) =>
      Array.isArray(props.privateEndpoints) ? firstDuplicate(peps(props).map((p) => `${p.subresourceName ?? target.defaultPrivateEndpointSubresource}|${p.subnetResourceId}|${p.name ?? ''}`)) : undefined,
  },
];

/**
 * Context key: set it to `false` (`cdktf.json` context or `app.node.setContext`)
 * to stop emitting `moved` blocks from the former position-based addresses
 * (`RoleAssignment0`, `Grant0`, ...) once every environment has applied once.
 */
export const LEGACY_MOVES_CONTEXT = 'azure:legacyIndexMoves';

/**
 * A short id derived from `parts` with tokens resolved to their Terraform
 * expressions (`${azurerm_x.y.principal_id}`), so it is the same on every
 * synth and independent of where the entry sits in a list.
 */
export function contentId(scope: Construct, ...parts: (string | undefined)[]): string {
  const stack = TerraformStack.of(scope);
  const resolver = new DefaultTokenResolver(new StringConcat());
  const resolved = parts.map((p) => (p === undefined ? '' : Token.isUnresolved(p) ? JSON.stringify(Tokenization.resolve(p, { scope: stack, preparing: false, resolver })) : p));
  return shortHash(resolved.join('|'), 8);
}

/**
 * Adds a `moved` block from the address `resource` had when its construct id
 * was `legacyId` (a position-based id such as `RoleAssignment0`), unless the
 * {@link LEGACY_MOVES_CONTEXT} context is `false`.
 */
export function moveFromLegacyId(resource: TerraformResource, legacyId: string): void {
  if (resource.node.tryGetContext(LEGACY_MOVES_CONTEXT) === false || legacyId === resource.node.id) return;
  const stack = TerraformStack.of(resource);
  const scopes = resource.node.scopes;
  const components = [...scopes.slice(scopes.indexOf(stack) + 1, -1).map((c) => c.node.id), legacyId];
  resource.moveFromId(`${resource.terraformResourceType}.${makeUniqueId(components)}`);
}

/**
 * Applies `lock`, `roleAssignments`, `diagnosticSettings` and
 * `privateEndpoints` to one resource (`tags` and `managedIdentities` go on
 * the resource itself). Validates the props first; errors name `scope`'s path.
 */
export function applyAvmInterfaces(scope: Construct, target: AvmTarget, props: AvmInterfaceProps): AppliedAvmInterfaces {
  validateProps(scope, { target, props }, RULES, { eager: true }); // eager: the resources below need valid settings
  const stack = AzureStack.of(scope);

  const roleAssignments = specEntries(props.roleAssignments).map(([key, r], i) => {
    const assignment = addRoleAssignment(scope, `RoleAssignment-${key ?? contentId(scope, r.roleDefinitionIdOrName, r.principalId)}`, target.resourceId, r);
    if (key === undefined) moveFromLegacyId(assignment, `RoleAssignment${i}`);
    return assignment;
  });

  const defaults = target.diagnosticDefaults ?? { logCategoryGroups: ['allLogs'], metricCategories: ['AllMetrics'] };
  const diagnosticSettings = specEntries(props.diagnosticSettings).map(([key, d], i) => {
    const named = d.logCategories !== undefined || d.logCategoryGroups !== undefined || d.metricCategories !== undefined;
    const groups = named ? (d.logCategoryGroups ?? []) : (defaults.logCategoryGroups ?? []);
    const categories = named ? (d.logCategories ?? []) : [];
    const metrics = named ? (d.metricCategories ?? []) : (defaults.metricCategories ?? []);
    const suffix = key === undefined ? String(i + 1) : key;
    const setting = new MonitorDiagnosticSetting(scope, `DiagnosticSetting-${key ?? contentId(scope, d.workspaceResourceId, d.name)}`, {
      name: d.name ?? (i === 0 ? childName('diag', target.resourceName) : childName('diag', target.resourceName, suffix)),
      targetResourceId: target.resourceId,
      logAnalyticsWorkspaceId: d.workspaceResourceId,
      logAnalyticsDestinationType: d.logAnalyticsDestinationType,
      enabledLog: [...categories.map((category) => ({ category })), ...groups.map((categoryGroup) => ({ categoryGroup }))],
      enabledMetric: metrics.map((category) => ({ category })),
    });
    if (key === undefined) moveFromLegacyId(setting, `DiagnosticSetting${i}`);
    return setting;
  });

  const privateEndpoints = specEntries(props.privateEndpoints).map(([key, p], i) => {
    const sub = p.subresourceName ?? target.defaultPrivateEndpointSubresource!;
    const name = p.name ?? childName('pep', target.resourceName, sub);
    const zones = p.privateDnsZoneResourceIds ?? [];
    const endpoint = new PrivateEndpoint(scope, `PrivateEndpoint-${key ?? contentId(scope, sub, p.subnetResourceId, p.name)}`, {
      name,
      location: p.location ?? target.location ?? stack.location,
      resourceGroupName: p.resourceGroupName ?? target.resourceGroupName ?? stack.resourceGroupName,
      subnetId: p.subnetResourceId,
      customNetworkInterfaceName: childName('nic', name),
      privateServiceConnection: {
        name: childName('psc', target.resourceName, sub),
        isManualConnection: false,
        privateConnectionResourceId: target.resourceId,
        subresourceNames: [sub],
      },
      privateDnsZoneGroup: zones.length > 0 ? { name: 'default', privateDnsZoneIds: zones } : undefined,
      tags: p.tags,
    });
    if (key === undefined) moveFromLegacyId(endpoint, `PrivateEndpoint${i}`);
    return endpoint;
  });

  if (props.preventDestroy) {
    const main = target.resource ?? scope.node.tryFindChild('Resource');
    if (!(main instanceof TerraformResource)) throw new ValidationError(scope.node.path, 'preventDestroy needs the construct\'s main resource (a child named Resource, or target.resource)', props.preventDestroy);
    main.lifecycle = { ...(main.lifecycle ?? {}), preventDestroy: true };
  }

  let lock: ManagementLock | undefined;
  if (props.lock) {
    const dependsOn: ITerraformDependable[] = [...roleAssignments, ...diagnosticSettings, ...privateEndpoints];
    lock = new ManagementLock(scope, 'Lock', {
      name: props.lock.name ?? childName('lock', target.resourceName),
      scope: target.resourceId,
      lockLevel: props.lock.kind,
      notes: props.lock.notes ?? `${props.lock.kind} lock managed by cdktf`,
      dependsOn: dependsOn.length > 0 ? dependsOn : undefined,
    });
  }
  return { lock, roleAssignments, diagnosticSettings, privateEndpoints };
}

/**
 * One role assignment on `resourceId`. `roleDefinitionIdOrName` may be a
 * role name, a role GUID (expanded to the subscription's role definition id)
 * or a full role definition id.
 */
export function addRoleAssignment(scope: Construct, id: string, resourceId: string, spec: RoleAssignmentSpec): RoleAssignment {
  const role = spec.roleDefinitionIdOrName;
  const byId = role.startsWith('/') ? role : known(role) && isGuid(role) ? `${AzureStack.of(scope).subscriptionResourceId}/providers/Microsoft.Authorization/roleDefinitions/${role}` : undefined;
  return new RoleAssignment(scope, id, {
    scope: resourceId,
    principalId: spec.principalId,
    principalType: spec.principalType,
    roleDefinitionId: byId,
    roleDefinitionName: byId === undefined ? role : undefined,
    description: spec.description,
    condition: spec.condition,
    conditionVersion: spec.condition !== undefined ? (spec.conditionVersion ?? '2.0') : undefined,
    skipServicePrincipalAadCheck: spec.principalType === 'ServicePrincipal' ? true : undefined,
  });
}

/** The provider's `identity` block shape (`type` + `identity_ids`), shared by every resource with managed identities. */
export interface IdentityBlock {
  readonly type: string;
  /**
   * User-assigned identity ids.
   * @default none (system-assigned only)
   */
  readonly identityIds?: string[];
}

/**
 * Maps `managedIdentities` to the resource's `identity` block:
 * `SystemAssigned`, `UserAssigned` or `SystemAssigned, UserAssigned`;
 * `undefined` when no identity is asked for.
 */
export function identityBlock(mi: ManagedIdentitiesSpec | undefined): IdentityBlock | undefined {
  const system = mi?.systemAssigned ?? false;
  const user = mi?.userAssignedResourceIds ?? [];
  if (!system && user.length === 0) return undefined;
  if (system && user.length > 0) return { type: 'SystemAssigned, UserAssigned', identityIds: user };
  if (system) return { type: 'SystemAssigned' };
  return { type: 'UserAssigned', identityIds: user };
}

/** Built-in role names used by the `grant*` helpers. */
export const BuiltInRoles = {
  keyVaultSecretsUser: 'Key Vault Secrets User',
  keyVaultSecretsOfficer: 'Key Vault Secrets Officer',
  keyVaultAdministrator: 'Key Vault Administrator',
  keyVaultCryptoServiceEncryptionUser: 'Key Vault Crypto Service Encryption User',
  acrPull: 'AcrPull',
  acrPush: 'AcrPush',
  storageBlobDataReader: 'Storage Blob Data Reader',
  storageBlobDataContributor: 'Storage Blob Data Contributor',
  monitoringMetricsPublisher: 'Monitoring Metrics Publisher',
  redisCacheContributor: 'Redis Cache Contributor',
} as const;
