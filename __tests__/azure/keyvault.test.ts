import { KeyVault as KeyVaultResource } from '@cdktf/provider-azurerm/lib/key-vault';
import { KeyVaultSecret } from '@cdktf/provider-azurerm/lib/key-vault-secret';
import { PrivateEndpoint } from '@cdktf/provider-azurerm/lib/private-endpoint';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { Password } from '@cdktf/provider-random/lib/password';
import { MonitorDiagnosticSetting } from '@cdktf/provider-azurerm/lib/monitor-diagnostic-setting';
import { DataAzurermKeyVault } from '@cdktf/provider-azurerm/lib/data-azurerm-key-vault';
import { Testing } from 'cdktf';
import { KeyVault, KeyVaultProps, PipelineIdentity } from '../../lib/azure/security';
import { AzureStack } from '../../lib/azure/azure-stack';
import { expectValidationError } from '../helpers';
import { Policy } from '../../lib/policy';

const TENANT = '99999999-8888-7777-6666-555555555555';
const newStack = (environment = 'dev', tenantId?: string) =>
  new AzureStack(Testing.app(), 'test', { architecture: 'personal-tech', environment, stage: environment === 'prod' ? 'production' : 'non-production', location: 'eastus', backend: { type: 'local' }, tenantId });
const build = (props: KeyVaultProps = {}, environment = 'dev') => {
  const stack = newStack(environment);
  const kv = new KeyVault(stack, 'Kv', props);
  return { stack, kv };
};

describe('KeyVault', () => {
  test('RBAC, 90-day soft delete, public endpoint off, ACLs deny, tenant of the credentials', () => {
    const { stack } = build();
    expect(Testing.synth(stack)).toHaveResourceWithProperties(KeyVaultResource, {
      name: expect.stringMatching(/^kv-person-dev-eus-[0-9a-f]{6}$/),
      sku_name: 'standard',
      rbac_authorization_enabled: true,
      soft_delete_retention_days: 90,
      purge_protection_enabled: false,
      public_network_access_enabled: false,
      enabled_for_deployment: false,
      enabled_for_disk_encryption: false,
      enabled_for_template_deployment: false,
      network_acls: { default_action: 'Deny', bypass: 'AzureServices' },
      tenant_id: '${data.azurerm_client_config.client-config.tenant_id}',
    });
  });

  test('purge protection is on in prod, and the configured tenant is used', () => {
    const stack = newStack('prod', TENANT);
    const kv = new KeyVault(stack, 'Kv');
    expect(kv.purgeProtection).toBe(true);
    expect(Testing.synth(stack)).toHaveResourceWithProperties(KeyVaultResource, { purge_protection_enabled: true, tenant_id: TENANT });
  });

  test('public endpoint filtered by IP and subnet rules', () => {
    const { stack } = build({ publicNetworkAccess: true, networkAcls: { ipRules: ['203.0.113.0/24', '198.51.100.7'], virtualNetworkSubnetIds: ['snet-id'], bypassAzureServices: false }, purgeProtection: true, softDeleteRetentionDays: 7 });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(KeyVaultResource, {
      public_network_access_enabled: true,
      purge_protection_enabled: true,
      soft_delete_retention_days: 7,
      network_acls: { default_action: 'Deny', bypass: 'None', ip_rules: ['203.0.113.0/24', '198.51.100.7'], virtual_network_subnet_ids: ['snet-id'] },
    });
  });

  test('expireSecrets: false: Terraform-owned secrets carry no expiry (nothing ignored), explicit dates still apply, checkov excused with the reason', () => {
    const { stack, kv } = build({ expireSecrets: false });
    kv.addGeneratedSecret('GEN');
    kv.addSecret('URL', kv.vaultUri);
    kv.addSecret('DATED', kv.vaultUri, { expirationDate: '2027-01-01T00:00:00Z' });
    const secrets = Object.values(JSON.parse(Testing.synth(stack)).resource.azurerm_key_vault_secret as Record<string, Record<string, unknown>>);
    const byName = Object.fromEntries(secrets.map((x) => [x.name, x]));
    expect(byName.GEN.expiration_date).toBeUndefined();
    expect(byName.GEN.lifecycle).toBeUndefined();
    expect(byName.URL.expiration_date).toBeUndefined();
    expect(byName.DATED.expiration_date).toBe('2027-01-01T00:00:00Z');
    expect(byName.DATED.lifecycle).toBeUndefined();
    const skips = Policy.suppressionsUnder(stack).filter((x) => x.id === 'CKV_AZURE_41');
    expect(skips.map((x) => x.construct.node.path).sort()).toEqual(['test/Kv/GEN-secret', 'test/Kv/URL-secret']);
    expect(skips.find((x) => x.construct.node.path.endsWith('GEN-secret'))!.reason).toMatch(/random_password/);
  });

  test('addGeneratedSecret: random_password stored as a secret with content type and expiry, nothing literal', () => {
    const { stack, kv } = build();
    const s = kv.addGeneratedSecret('SECRET-KEY', { length: 50, special: true, overrideSpecial: '-_' });
    expect(s.appSettingReference).toMatch(/^@Microsoft\.KeyVault\(SecretUri=\$\{TfToken\[TOKEN\.\d+\]\}\)$/);
    const out = Testing.synth(stack);
    const json = JSON.parse(out);
    expect(out).toHaveResourceWithProperties(Password, { length: 50, special: true, override_special: '-_', min_upper: 1, min_lower: 1, min_numeric: 1, min_special: 1 });
    expect(out).toHaveResourceWithProperties(KeyVaultSecret, {
      name: 'SECRET-KEY',
      value: expect.stringMatching(/^\$\{random_password\.Kv_SECRET-KEY-password_[0-9A-F]+\.result\}$/),
      content_type: 'text/plain',
      expiration_date: '${timeadd(timestamp(), "8760h")}',
      lifecycle: { ignore_changes: ['expiration_date'] },
      key_vault_id: expect.stringMatching(/^\$\{azurerm_key_vault\.Kv_[0-9A-F]+\.id\}$/),
    });
    expect(json.provider.random).toEqual([{}]);
    const secret = Object.values(json.resource.azurerm_key_vault_secret)[0] as { depends_on: string[] };
    expect(secret.depends_on).toEqual([expect.stringMatching(/^azurerm_role_assignment\.Kv_Grant-[0-9a-f]{8}_/)]);
  });

  test('the deployer gets Secrets Officer once, before any secret is written', () => {
    const { stack, kv } = build();
    kv.addGeneratedSecret('a');
    kv.addGeneratedSecret('b', { special: false, secret: { expirationDate: '2027-01-01T00:00:00Z', contentType: 'password' } });
    const out = Testing.synth(stack);
    const json = JSON.parse(out);
    expect(Object.values(json.resource.azurerm_role_assignment)).toEqual([
      {
        scope: expect.stringMatching(/azurerm_key_vault\.Kv_[0-9A-F]+\.id/),
        role_definition_name: 'Key Vault Secrets Officer',
        principal_id: '${data.azurerm_client_config.client-config.object_id}',
        description: 'lets Terraform write the secrets it manages',
      },
    ]);
    expect(out).toHaveResourceWithProperties(KeyVaultSecret, { name: 'b', expiration_date: '2027-01-01T00:00:00Z', content_type: 'password' });
    expect(out).toHaveResourceWithProperties(Password, { special: false, min_special: 0 });
    const b = (Object.values(json.resource.azurerm_key_vault_secret) as Record<string, unknown>[]).find((x) => x.name === 'b')!;
    expect(b.lifecycle).toBeUndefined();
  });

  test('deployerSecretsOfficer: false leaves RBAC to the caller', () => {
    const { stack, kv } = build({ deployerSecretsOfficer: false });
    kv.addGeneratedSecret('a');
    expect(JSON.parse(Testing.synth(stack)).resource.azurerm_role_assignment).toBeUndefined();
  });

  test('addSecret stores a computed value', () => {
    const { stack, kv } = build();
    const other = kv.addGeneratedSecret('db-password');
    kv.addSecret('DATABASE-URL', `postgresql://app:${other.password!.result}@host:5432/db`);
    expect(Testing.synth(stack)).toHaveResourceWithProperties(KeyVaultSecret, {
      name: 'DATABASE-URL',
      value: expect.stringMatching(/^postgresql:\/\/app:\$\{random_password\.Kv_db-password-password_[0-9A-F]+\.result\}@host:5432\/db$/),
    });
  });

  test('grantSecretsRead gives Key Vault Secrets User to a managed identity', () => {
    const { stack, kv } = build();
    kv.grantSecretsRead('principal-1');
    kv.grantSecretsRead('principal-1');
    kv.grantSecretsWrite('ci', 'Group');
    const out = Testing.synth(stack);
    expect(out).toHaveResourceWithProperties(RoleAssignment, { role_definition_name: 'Key Vault Secrets User', principal_id: 'principal-1', principal_type: 'ServicePrincipal', skip_service_principal_aad_check: true });
    expect(out).toHaveResourceWithProperties(RoleAssignment, { role_definition_name: 'Key Vault Secrets Officer', principal_id: 'ci', principal_type: 'Group' });
    expect(Object.keys(JSON.parse(out).resource.azurerm_role_assignment)).toHaveLength(2);
  });

  test('private endpoint on the vault sub-resource, diagnostic settings with audit logs', () => {
    const { stack } = build({ privateEndpoints: [{ subnetResourceId: 'snet', privateDnsZoneResourceIds: ['zone'] }], diagnosticSettings: [{ workspaceResourceId: 'law' }] });
    const out = Testing.synth(stack);
    expect(out).toHaveResourceWithProperties(PrivateEndpoint, { private_service_connection: expect.objectContaining({ subresource_names: ['vault'] }) });
    // Key Vault's audit trail (AuditEvent) is in the allLogs category group.
    expect(out).toHaveResourceWithProperties(MonitorDiagnosticSetting, { log_analytics_workspace_id: 'law', enabled_log: [{ category_group: 'allLogs' }], enabled_metric: [{ category: 'AllMetrics' }] });
  });

  test('sku premium (HSM-backed keys)', () => {
    expect(Testing.synth(build({ sku: 'premium' }).stack)).toHaveResourceWithProperties(KeyVaultResource, { sku_name: 'premium' });
  });

  test('VNet-rule ACLs: subnets with the service endpoint get through, default action stays Deny', () => {
    const out = Testing.synth(build({ publicNetworkAccess: true, networkAcls: { virtualNetworkSubnetIds: ['snet-a'], bypassAzureServices: false } }).stack);
    expect(out).toHaveResourceWithProperties(KeyVaultResource, { public_network_access_enabled: true, network_acls: { default_action: 'Deny', bypass: 'None', virtual_network_subnet_ids: ['snet-a'] } });
  });

  describe('deployer network', () => {
    const withSecret = (props: KeyVaultProps) => {
      const { kv } = build(props);
      kv.addGeneratedSecret('s1');
      return kv;
    };

    test('deployer.ipRanges open the public endpoint to those IPs only, merged with networkAcls.ipRules', () => {
      const kv = withSecret({ deployer: { ipRanges: ['198.51.100.7', '203.0.113.0/28'] }, networkAcls: { ipRules: ['203.0.113.0/28'] } });
      expect(Testing.synth(AzureStack.of(kv), true)).toHaveResourceWithProperties(KeyVaultResource, {
        public_network_access_enabled: true,
        network_acls: { default_action: 'Deny', bypass: 'AzureServices', ip_rules: ['203.0.113.0/28', '198.51.100.7'] },
      });
    });

    test('runsInsideVnet with a private endpoint keeps the public endpoint off and synthesizes', () => {
      const kv = withSecret({ deployer: { runsInsideVnet: true }, privateEndpoints: [{ subnetResourceId: 'snet' }] });
      expect(Testing.synth(AzureStack.of(kv), true)).toHaveResourceWithProperties(KeyVaultResource, { public_network_access_enabled: false });
    });

    test('an ACL ip rule (publicNetworkAccess: true) also lets the deployer in', () => {
      const kv = withSecret({ publicNetworkAccess: true, networkAcls: { ipRules: ['198.51.100.7'] } });
      expect(() => Testing.synth(AzureStack.of(kv), true)).not.toThrow();
    });

    test('a vault with no secrets needs no deployer declaration', () => {
      expect(() => Testing.synth(build().stack, true)).not.toThrow();
    });

    test.each([
      [{}, 'its public endpoint is off'],
      [{ publicNetworkAccess: true }, 'its public endpoint allows no IP'],
      [{ privateEndpoints: [{ subnetResourceId: 'snet' }] }, 'its public endpoint is off'],
    ])('secrets in a vault the deployer cannot reach fail synth: %j', (props, why) => {
      expectValidationError(
        () => withSecret(props as KeyVaultProps),
        `test/Kv: Terraform writes 1 secret(s) into this vault through its data plane, but ${why} and no deployer network is declared: set deployer.ipRanges (the public IPs Terraform runs from) or deployer.runsInsideVnet: true (Terraform runs in the vault's network) (got ["s1"])`,
      );
    });
  });

  test('fromAttributes and fromName give an IKeyVault that can grant', () => {
    const stack = newStack();
    const byAttrs = KeyVault.fromAttributes(stack, 'Existing', { id: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv-shared', name: 'kv-shared' });
    expect(byAttrs.vaultUri).toBe('https://kv-shared.vault.azure.net/');
    byAttrs.grantSecretsRead('p1');
    const byName = KeyVault.fromName(stack, 'Looked', 'kv-other', 'rg-other');
    byName.grantSecretsWrite('p2');
    const out = Testing.synth(stack);
    expect(out).toHaveDataSourceWithProperties(DataAzurermKeyVault, { name: 'kv-other', resource_group_name: 'rg-other' });
    expect(out).toHaveResourceWithProperties(RoleAssignment, { scope: byAttrs.id, role_definition_name: 'Key Vault Secrets User', principal_id: 'p1' });
    expect(out).toHaveResourceWithProperties(RoleAssignment, { scope: expect.stringMatching(/^\$\{data\.azurerm_key_vault\.Looked_Lookup_[0-9A-F]{8}\.id\}$/), principal_id: 'p2', role_definition_name: 'Key Vault Secrets Officer' });
  });

  test.each([
    [{ softDeleteRetentionDays: 6 }, 'test/Kv: softDeleteRetentionDays must be an integer between 7 and 90 (got 6)'],
    [{ softDeleteRetentionDays: 91 }, 'test/Kv: softDeleteRetentionDays must be an integer between 7 and 90 (got 91)'],
    [{ sku: 'gold' }, 'test/Kv: sku must be standard or premium (got "gold")'],
    [{ publicNetworkAccess: true, networkAcls: { ipRules: ['300.1.1.1'] } }, 'test/Kv: networkAcls.ipRules must be IPv4 addresses or CIDR blocks (got "300.1.1.1")'],
    [{ networkAcls: { ipRules: ['203.0.113.0/24'] } }, 'test/Kv: networkAcls only apply with publicNetworkAccess: true (got {"ipRules":["203.0.113.0/24"]})'],
    [{ name: 'kv--secrets' }, 'test/Kv: key vault name must not contain consecutive hyphens (got "kv--secrets")'],
    [{ name: 'kv-personal-tech-secrets-prod' }, 'test/Kv: key vault name must be 3-24 characters long (got "kv-personal-tech-secrets-prod")'],
    [{ deployer: { ipRanges: ['10.0.0.300'] } }, 'test/Kv: deployer.ipRanges must be IPv4 addresses or CIDR blocks (got "10.0.0.300")'],
    [{ publicNetworkAccess: false, deployer: { ipRanges: ['198.51.100.7'] } }, 'test/Kv: deployer.ipRanges need the public endpoint: drop publicNetworkAccess: false, or use deployer.runsInsideVnet (got ["198.51.100.7"])'],
    [{ deployer: { runsInsideVnet: true } }, 'test/Kv: deployer.runsInsideVnet needs a way in from the network: privateEndpoints or networkAcls.virtualNetworkSubnetIds (got {"runsInsideVnet":true})'],
  ])('rejects %j', (props, message) => {
    expectValidationError(() => build(props as KeyVaultProps).kv, message);
  });

  test.each([
    [(kv: KeyVault) => kv.addGeneratedSecret('short', { length: 8 }), 'test/Kv: generated secret short: length must be an integer between 16 and 256 (got 8)'],
    [(kv: KeyVault) => kv.addGeneratedSecret('mins', { length: 16, minPerClass: 5 }), 'test/Kv: generated secret mins: minPerClass must be an integer from 0 to a quarter of the length (got 5)'],
    [(kv: KeyVault) => kv.addGeneratedSecret('bad_name'), 'test/Kv: secret name must be 1-127 letters, digits and hyphens (got "bad_name")'],
    [(kv: KeyVault) => [kv.addGeneratedSecret('dup'), kv.addGeneratedSecret('dup')], 'test/Kv: secret names must be unique in a vault (got "dup")'],
    [(kv: KeyVault) => kv.addGeneratedSecret('exp', { secret: { expiresAfterDays: 0 } }), 'test/Kv: secret exp: expiresAfterDays must be a positive integer (got 0)'],
    [(kv: KeyVault) => kv.addGeneratedSecret('date', { secret: { expirationDate: '2027-01-01' } }), 'test/Kv: secret date: expirationDate must be an RFC 3339 UTC date such as 2027-01-01T00:00:00Z (got "2027-01-01")'],
    [(kv: KeyVault) => kv.addSecret('literal', 'hunter2'), 'test/Kv: secret literal must get its value from a resource attribute or function (a token), never a literal (got "<literal withheld>")'],
  ])('rejects bad secrets (%#)', (add, message) => {
    const { kv } = build();
    expect(() => add(kv)).toThrow(message);
  });
});

describe('PipelineIdentity', () => {
  test('user-assigned identity named -ci-, one GitHub OIDC credential per subject', () => {
    const stack = newStack();
    const ci = new PipelineIdentity(stack, 'Ci', { github: { repository: 'acme/personal-tech', subjects: ['ref:refs/heads/main', 'environment:production'] } });
    const json = JSON.parse(Testing.synth(stack));
    expect(Object.values(json.resource.azurerm_user_assigned_identity)[0]).toMatchObject({ name: 'id-personal-tech-ci-dev-eus' });
    const creds = Object.values(json.resource.azurerm_federated_identity_credential as Record<string, Record<string, unknown>>);
    expect(creds.map((c) => c.subject).sort()).toEqual(['repo:acme/personal-tech:environment:production', 'repo:acme/personal-tech:ref:refs/heads/main']);
    expect(creds[0]).toMatchObject({ issuer: 'https://token.actions.githubusercontent.com', audience: ['api://AzureADTokenExchange'], parent_id: expect.stringContaining('azurerm_user_assigned_identity.') });
    expect(ci.clientId).toMatch(/TOKEN/);
    const plain = newStack();
    new PipelineIdentity(plain, 'Ci');
    expect(JSON.parse(Testing.synth(plain)).resource.azurerm_federated_identity_credential).toBeUndefined();
  });

  test.each([
    [{ github: { repository: 'personal-tech', subjects: ['ref:refs/heads/main'] } }, 'test/Ci: github.repository must be owner/repository (got "personal-tech")'],
    [{ github: { repository: 'a/b', subjects: [] } }, 'test/Ci: github.subjects needs at least one subject (e.g. ref:refs/heads/main) (got [])'],
    [{ github: { repository: 'a/b', subjects: ['repo:a/b:ref:refs/heads/main'] } }, 'test/Ci: github.subjects must be ref:refs/..., environment:<name>, pull_request or job_workflow_ref:... (without the repo: prefix) (got "repo:a/b:ref:refs/heads/main")'],
  ])('rejects %j', (props, message) => {
    expectValidationError(() => new PipelineIdentity(newStack(), 'Ci', props), message);
  });
});
