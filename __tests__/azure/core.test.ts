import { ManagementLock } from '@cdktf/provider-azurerm/lib/management-lock';
import { MonitorDiagnosticSetting } from '@cdktf/provider-azurerm/lib/monitor-diagnostic-setting';
import { PrivateEndpoint } from '@cdktf/provider-azurerm/lib/private-endpoint';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { TerraformOutput, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { applyAvmInterfaces, AvmInterfaceProps, AvmTarget, identityBlock, LEGACY_MOVES_CONTEXT } from '../../lib/azure/core/interfaces';
import { grantRole } from '../../lib/azure/core/grants';
import { AzureStack, AzureStackProps } from '../../lib/azure/azure-stack';
import { expectValidationError } from '../helpers';

const SUB = '11111111-2222-3333-4444-555555555555';
const azurermBackend = { type: 'azurerm' as const, resourceGroupName: 'rg-tfstate', storageAccountName: 'sttfstate', containerName: 'tfstate', keyPrefix: '' };
const base: AzureStackProps = { architecture: 'personal-tech', environment: 'dev', location: 'East US', backend: azurermBackend, subscriptionId: SUB };
const newStack = (props: Partial<AzureStackProps> = {}) => new AzureStack(Testing.app(), 'test', { ...base, ...props });

describe('AzureStack', () => {
  test('provider: subscription, features, storage via Entra ID, only the registrations the stack needs', () => {
    const stack = newStack();
    stack.requireResourceProvider('Microsoft.Web');
    stack.requireResourceProvider('Microsoft.KeyVault');
    stack.requireResourceProvider('Microsoft.Web');
    const json = JSON.parse(Testing.synth(stack));
    expect(json.provider.azurerm).toEqual([
      {
        subscription_id: SUB,
        storage_use_azuread: true,
        resource_provider_registrations: 'core',
        resource_providers_to_register: ['Microsoft.KeyVault', 'Microsoft.Web'],
        features: [
          {
            key_vault: [{ purge_soft_delete_on_destroy: false, purge_soft_deleted_keys_on_destroy: false, purge_soft_deleted_secrets_on_destroy: false, recover_soft_deleted_key_vaults: true }],
            resource_group: [{ prevent_deletion_if_contains_resources: true }],
            log_analytics_workspace: [{ permanently_delete_on_destroy: false }],
            storage: [{ data_plane_available: false }],
          },
        ],
      },
    ]);
  });

  test('azurerm backend with Azure AD auth and one key per stack', () => {
    const json = JSON.parse(Testing.synth(newStack()));
    expect(json.terraform.backend.azurerm).toEqual({
      resource_group_name: 'rg-tfstate',
      storage_account_name: 'sttfstate',
      container_name: 'tfstate',
      key: 'test.tfstate',
      use_azuread_auth: true,
    });
  });

  test('CAF-named resource group in the normalized location, with the default tags', () => {
    const stack = newStack();
    expect(stack.location).toBe('eastus');
    expect(stack.locationShort).toBe('eus');
    const out = Testing.synth(stack);
    expect(out).toHaveResourceWithProperties(ResourceGroup, {
      name: 'rg-personal-tech-dev-eus',
      location: 'eastus',
      tags: { architecture: 'personal-tech', environment: 'dev', 'managed-by': 'cdktf' },
    });
    expect(stack.resourceGroupName).toMatch(/^\$\{TfToken\[TOKEN\.\d+\]\}$/);
  });

  test('resourceGroupName and workload override the CAF defaults', () => {
    const out = Testing.synth(newStack({ resourceGroupName: 'rg-custom', workload: 'ptech' }));
    expect(out).toHaveResourceWithProperties(ResourceGroup, { name: 'rg-custom' });
    expect(Testing.synth(newStack({ workload: 'ptech' }))).toHaveResourceWithProperties(ResourceGroup, { name: 'rg-ptech-dev-eus' });
  });

  test('tenant and subscription come from configuration, else from the credentials', () => {
    const configured = newStack({ tenantId: SUB });
    expect(configured.tenantId).toBe(SUB);
    expect(configured.subscriptionResourceId).toBe(`/subscriptions/${SUB}`);
    const fromCredentials = newStack({ subscriptionId: undefined });
    new TerraformOutput(fromCredentials, 'tenant', { value: fromCredentials.tenantId });
    new TerraformOutput(fromCredentials, 'subscription', { value: fromCredentials.subscriptionId });
    const json = JSON.parse(Testing.synth(fromCredentials));
    expect(json.output.tenant.value).toBe('${data.azurerm_client_config.client-config.tenant_id}');
    expect(json.output.subscription.value).toBe('${data.azurerm_client_config.client-config.subscription_id}');
    expect(json.provider.azurerm[0].subscription_id).toBeUndefined();
  });

  test('AzureStack.of finds the stack or says what is wrong', () => {
    const app = Testing.app();
    const stack = new AzureStack(app, 's', base);
    expect(AzureStack.of(new Construct(new Construct(stack, 'a'), 'b'))).toBe(stack);
    expect(() => AzureStack.of(new Construct(app, 'loose'))).toThrow('loose: this construct must be created inside an AzureStack');
  });

  test.each([
    [{ location: 'eastsu' }, 'test: location must be a known Azure region such as eastus or westeurope (got "eastsu")'],
    [{ subscriptionId: 'not-a-guid' }, 'test: subscriptionId must be a GUID (got "not-a-guid")'],
    [{ tenantId: '1234' }, 'test: tenantId must be a GUID (got "1234")'],
    [{ resourceGroupName: 'rg-ends-with.' }, 'test/ResourceGroup: resource group name may contain only letters, digits, underscores, hyphens, periods and parentheses, and must not end with a period (got "rg-ends-with.")'],
  ])('rejects %j', (props, message) => {
    expectValidationError(() => newStack(props), message);
  });
});

describe('AVM interfaces', () => {
  const target: AvmTarget = { resourceId: '/subscriptions/x/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv-a', resourceName: 'kv-a', defaultPrivateEndpointSubresource: 'vault' };
  const apply = (props: AvmInterfaceProps, t: AvmTarget = target) => {
    const stack = newStack();
    const scope = new Construct(stack, 'Thing');
    const applied = applyAvmInterfaces(scope, t, props);
    return { stack, applied, out: Testing.synth(stack), json: JSON.parse(Testing.synth(stack)) };
  };

  test('nothing asked, nothing created', () => {
    const { applied, json } = apply({});
    expect(applied).toEqual({ lock: undefined, roleAssignments: [], diagnosticSettings: [], privateEndpoints: [] });
    expect(Object.keys(json.resource)).toEqual(['azurerm_resource_group']);
  });

  test('lock is created last, after every other child', () => {
    const { json, out } = apply({
      lock: { kind: 'CanNotDelete' },
      roleAssignments: [{ roleDefinitionIdOrName: 'Reader', principalId: 'p1' }],
      diagnosticSettings: [{ workspaceResourceId: 'law-id' }],
    });
    expect(out).toHaveResourceWithProperties(ManagementLock, { name: 'lock-kv-a', lock_level: 'CanNotDelete', scope: target.resourceId, notes: 'CanNotDelete lock managed by cdktf' });
    const lock = Object.values(json.resource.azurerm_management_lock)[0] as { depends_on: string[] };
    expect(lock.depends_on).toHaveLength(2);
    expect(lock.depends_on[0]).toMatch(/^azurerm_role_assignment\.Thing_RoleAssignment-[0-9a-f]{8}_/);
    expect(lock.depends_on[1]).toMatch(/^azurerm_monitor_diagnostic_setting\.Thing_DiagnosticSetting-[0-9a-f]{8}_/);
  });

  test('role assignments by name, by GUID (expanded to the subscription) and by id', () => {
    const { out } = apply({
      roleAssignments: [
        { roleDefinitionIdOrName: 'Key Vault Secrets User', principalId: 'p1', description: 'app reads secrets' },
        { roleDefinitionIdOrName: '4633458b-17de-408a-b874-0445c86b69e6', principalId: 'p2', principalType: 'ServicePrincipal' },
        { roleDefinitionIdOrName: '/providers/Microsoft.Authorization/roleDefinitions/abc', principalId: 'p3', condition: 'cond' },
      ],
    });
    expect(out).toHaveResourceWithProperties(RoleAssignment, { role_definition_name: 'Key Vault Secrets User', principal_id: 'p1', scope: target.resourceId, description: 'app reads secrets' });
    expect(out).toHaveResourceWithProperties(RoleAssignment, {
      role_definition_id: `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/4633458b-17de-408a-b874-0445c86b69e6`,
      principal_type: 'ServicePrincipal',
      skip_service_principal_aad_check: true,
    });
    expect(out).toHaveResourceWithProperties(RoleAssignment, { role_definition_id: '/providers/Microsoft.Authorization/roleDefinitions/abc', condition: 'cond', condition_version: '2.0' });
  });

  test('diagnostic settings: defaults to allLogs + AllMetrics, explicit categories win, names numbered', () => {
    const { json } = apply({
      diagnosticSettings: [{ workspaceResourceId: 'law-1' }, { workspaceResourceId: 'law-2', logCategories: ['AuditEvent'], metricCategories: [] }, { name: 'custom', workspaceResourceId: 'law-3', logCategoryGroups: ['audit'] }],
    });
    const settings = (Object.values(json.resource.azurerm_monitor_diagnostic_setting) as Record<string, unknown>[]).sort((a, b) => String(a.log_analytics_workspace_id).localeCompare(String(b.log_analytics_workspace_id)));
    expect(settings.map((s) => [s.name, s.log_analytics_workspace_id, s.enabled_log, s.enabled_metric])).toEqual([
      ['diag-kv-a', 'law-1', [{ category_group: 'allLogs' }], [{ category: 'AllMetrics' }]],
      ['diag-kv-a-2', 'law-2', [{ category: 'AuditEvent' }], []],
      ['custom', 'law-3', [{ category_group: 'audit' }], []],
    ]);
  });

  test('metric-only resources get metric-only default settings', () => {
    const { out } = apply({ diagnosticSettings: [{ workspaceResourceId: 'law' }] }, { ...target, diagnosticDefaults: { logCategoryGroups: [], metricCategories: ['Transaction'] } });
    expect(out).toHaveResourceWithProperties(MonitorDiagnosticSetting, { enabled_log: [], enabled_metric: [{ category: 'Transaction' }] });
  });

  test('private endpoint with a DNS zone group, in the stack location and resource group', () => {
    const { out, json } = apply({ privateEndpoints: [{ subnetResourceId: 'snet-id', privateDnsZoneResourceIds: ['zone-id'] }, { subnetResourceId: 'snet-id', subresourceName: 'other', name: 'pep-custom' }] });
    expect(out).toHaveResourceWithProperties(PrivateEndpoint, {
      name: 'pep-kv-a-vault',
      location: 'eastus',
      subnet_id: 'snet-id',
      custom_network_interface_name: 'nic-pep-kv-a-vault',
      resource_group_name: '${azurerm_resource_group.ResourceGroup.name}',
      private_service_connection: { name: 'psc-kv-a-vault', is_manual_connection: false, private_connection_resource_id: target.resourceId, subresource_names: ['vault'] },
      private_dns_zone_group: { name: 'default', private_dns_zone_ids: ['zone-id'] },
    });
    const second = (Object.values(json.resource.azurerm_private_endpoint) as Record<string, unknown>[]).find((p) => p.name === 'pep-custom')!;
    expect(second.name).toBe('pep-custom');
    expect(second.private_dns_zone_group).toBeUndefined();
  });

  test('identityBlock maps managedIdentities to the identity block', () => {
    expect(identityBlock(undefined)).toBeUndefined();
    expect(identityBlock({})).toBeUndefined();
    expect(identityBlock({ systemAssigned: true })).toEqual({ type: 'SystemAssigned' });
    expect(identityBlock({ userAssignedResourceIds: ['id1'] })).toEqual({ type: 'UserAssigned', identityIds: ['id1'] });
    expect(identityBlock({ systemAssigned: true, userAssignedResourceIds: ['id1'] })).toEqual({ type: 'SystemAssigned, UserAssigned', identityIds: ['id1'] });
  });

  test('grantRole assigns once per role and principal', () => {
    const stack = newStack();
    const scope = new Construct(stack, 'Thing');
    const a = grantRole(scope, 'res-id', 'AcrPull', 'p1', 'ServicePrincipal');
    expect(grantRole(scope, 'res-id', 'AcrPull', 'p1', 'ServicePrincipal')).toBe(a);
    grantRole(scope, 'res-id', 'AcrPush', 'p1');
    const json = JSON.parse(Testing.synth(stack));
    expect(Object.keys(json.resource.azurerm_role_assignment)).toHaveLength(2);
  });

  test.each([
    [{ lock: { kind: 'Nope' } }, 'test/Thing: lock.kind must be CanNotDelete or ReadOnly (got "Nope")'],
    [{ roleAssignments: [{ roleDefinitionIdOrName: 'Reader', principalId: '' }] }, 'test/Thing: roleAssignments need a roleDefinitionIdOrName and a principalId (got {"roleDefinitionIdOrName":"Reader","principalId":""})'],
    [{ roleAssignments: [{ roleDefinitionIdOrName: 'Reader', principalId: 'p', principalType: 'Robot' }] }, 'test/Thing: roleAssignments principalType must be one of User, Group, ServicePrincipal, ForeignGroup, Device (got "Robot")'],
    [{ diagnosticSettings: Array.from({ length: 6 }, () => ({ workspaceResourceId: 'w' })) }, 'test/Thing: at most 5 diagnosticSettings per resource (got 6)'],
    [{ diagnosticSettings: [{ workspaceResourceId: '' }] }, 'test/Thing: diagnosticSettings need a workspaceResourceId (got {"workspaceResourceId":""})'],
    [{ diagnosticSettings: [{ name: 'd', workspaceResourceId: 'a' }, { name: 'd', workspaceResourceId: 'b' }] }, 'test/Thing: diagnosticSettings names must be unique (got "d")'],
    [{ privateEndpoints: [{ subnetResourceId: '' , subresourceName: 'vault' }] }, 'test/Thing: privateEndpoints need a subnetResourceId (got {"subnetResourceId":"","subresourceName":"vault"})'],
  ])('rejects %j', (props, message) => {
    expectValidationError(() => apply(props as AvmInterfaceProps), message);
  });

  describe('identities do not depend on list position', () => {
    const ra = (principalId: string, role = 'Reader') => ({ roleDefinitionIdOrName: role, principalId });
    const full = (order: number[]): AvmInterfaceProps => {
      const r = [ra('p1'), ra('p2'), ra('p3', 'Contributor')];
      const d = [{ workspaceResourceId: 'law-1' }, { workspaceResourceId: 'law-2', name: 'second' }];
      const p = [{ subnetResourceId: 'snet-a' }, { subnetResourceId: 'snet-b' }, { subnetResourceId: 'snet-a', subresourceName: 'other' }];
      return { roleAssignments: order.map((i) => r[i]), diagnosticSettings: order.filter((i) => i < 2).map((i) => d[i]), privateEndpoints: order.map((i) => p[i]) };
    };
    const addresses = (json: { resource: Record<string, Record<string, unknown>> }) =>
      ['azurerm_role_assignment', 'azurerm_monitor_diagnostic_setting', 'azurerm_private_endpoint'].map((t) => Object.keys(json.resource[t]).sort());
    // Settings by content: which logical id holds which workspace / principal / subnet.
    const byId = (json: { resource: Record<string, Record<string, Record<string, unknown>>> }) =>
      Object.fromEntries(
        ['azurerm_role_assignment', 'azurerm_private_endpoint'].flatMap((t) =>
          Object.entries(json.resource[t]).map(([k, v]) => [k, JSON.stringify([v.principal_id, v.role_definition_name, v.subnet_id, v.private_service_connection])]),
        ),
      );

    test('reordering roleAssignments, diagnosticSettings and privateEndpoints changes no logical id', () => {
      const a = apply(full([0, 1, 2])).json;
      const b = apply(full([2, 1, 0])).json;
      expect(addresses(b)).toEqual(addresses(a));
      expect(byId(b)).toEqual(byId(a));
      expect(addresses(a)[0]).toHaveLength(3);
    });

    test('array children move from their former position-based address once', () => {
      const { json } = apply({ roleAssignments: [ra('p1'), ra('p2')] });
      const moved = Object.fromEntries((json.moved as { from: string; to: string }[]).map((m) => [m.from, m.to]));
      expect(Object.keys(moved).sort()).toEqual([expect.stringMatching(/^azurerm_role_assignment\.Thing_RoleAssignment0_[0-9A-F]{8}$/), expect.stringMatching(/^azurerm_role_assignment\.Thing_RoleAssignment1_[0-9A-F]{8}$/)]);
      const first = Object.entries(moved).find(([from]) => from.includes('RoleAssignment0'))![1].replace(/^azurerm_role_assignment\./, '');
      expect((json.resource.azurerm_role_assignment as Record<string, { principal_id: string }>)[first].principal_id).toBe('p1');
    });

    test('the legacy moves can be turned off with the context key', () => {
      const app = Testing.app({ context: { [LEGACY_MOVES_CONTEXT]: false } });
      const stack = new AzureStack(app, 'test', base);
      applyAvmInterfaces(new Construct(stack, 'Thing'), target, { roleAssignments: [ra('p1')] });
      expect(Testing.synth(stack)).not.toContain('"moved"');
    });

    test('a map keys the children by its keys, with no moved block', () => {
      const { json } = apply({
        roleAssignments: { appReads: ra('p1') },
        diagnosticSettings: { main: { workspaceResourceId: 'law-1' }, audit: { workspaceResourceId: 'law-2', logCategoryGroups: ['audit'] } },
        privateEndpoints: { vault: { subnetResourceId: 'snet-a' } },
      });
      expect(Object.keys(json.resource.azurerm_role_assignment)).toEqual([expect.stringMatching(/^Thing_RoleAssignment-appReads_/)]);
      expect(Object.keys(json.resource.azurerm_private_endpoint)).toEqual([expect.stringMatching(/^Thing_PrivateEndpoint-vault_/)]);
      const names = (Object.values(json.resource.azurerm_monitor_diagnostic_setting) as { name: string }[]).map((d) => d.name).sort();
      expect(names).toEqual(['diag-kv-a', 'diag-kv-a-audit']);
      expect(json.moved).toBeUndefined();
    });

    test('a grant can be depended on', () => {
      const stack = newStack();
      const scope = new Construct(stack, 'Thing');
      const grant = grantRole(scope, 'res-id', 'AcrPull', 'p1');
      new TerraformOutput(stack, 'after', { value: 'x', dependsOn: [grant] });
      const json = JSON.parse(Testing.synth(stack));
      expect(json.output.after.depends_on).toEqual([expect.stringMatching(/^\$\{azurerm_role_assignment\.Thing_Grant-[0-9a-f]{8}_[0-9A-F]{8}\}$/)]);
    });

    test('grant ids come from role and principal, not from call order', () => {
      const ids = (order: string[]) => {
        const stack = newStack();
        const scope = new Construct(stack, 'Thing');
        for (const p of order) grantRole(scope, 'res-id', 'AcrPull', p);
        return Object.entries(JSON.parse(Testing.synth(stack)).resource.azurerm_role_assignment as Record<string, { principal_id: string }>).map(([k, v]) => `${k}=${v.principal_id}`).sort();
      };
      expect(ids(['p2', 'p1'])).toEqual(ids(['p1', 'p2']));
      expect(ids(['p1'])[0]).toMatch(/^Thing_Grant-[0-9a-f]{8}_[0-9A-F]{8}=p1$/);
    });

    test.each([
      [{ roleAssignments: [ra('p1'), ra('p1')] }, 'test/Thing: roleAssignments must not repeat a role for the same principal (got "Reader → p1")'],
      [{ diagnosticSettings: [{ workspaceResourceId: 'w' }, { workspaceResourceId: 'w' }] }, 'test/Thing: diagnosticSettings sending to the same workspace need distinct names (or use a map) (got "w|")'],
      [{ privateEndpoints: [{ subnetResourceId: 's' }, { subnetResourceId: 's' }] }, 'test/Thing: privateEndpoints for the same sub-resource and subnet need distinct names (or use a map) (got "vault|s|")'],
    ])('rejects list entries that would share an identity: %j', (props, message) => {
      expectValidationError(() => apply(props as AvmInterfaceProps).stack, message);
    });
  });

  test('rejects a private endpoint without a sub-resource when the resource has no default', () => {
    expect(() => apply({ privateEndpoints: [{ subnetResourceId: 's' }] }, { resourceId: 'r', resourceName: 'n' })).toThrow(
      'test/Thing: privateEndpoints need a subresourceName (this resource has no default) (got {"subnetResourceId":"s"})',
    );
  });
});
