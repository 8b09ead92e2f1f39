/**
 * lib/azure/security/key-vault.ts at its documented limits (soft-delete days, generated secret length and
 * classes, secret names, expiry, IP rules) and in its network modes, found unpinned by `npm run test:mutation`.
 */
import { TerraformVariable, Testing } from 'cdktf';
import { AzureStack } from '../../lib/azure/azure-stack';
import { KeyVault, KeyVaultProps } from '../../lib/azure/security';
import { collectErrors } from '../../lib/core/validation';

const newStack = () => new AzureStack(Testing.app(), 'test', { architecture: 'personal-tech', environment: 'dev', location: 'eastus', backend: { type: 'local' } });
type R = Record<string, unknown>;
type Json = { resource: Record<string, Record<string, R>>; data?: Record<string, Record<string, R>> };
const values = (json: Json, type: string) => Object.values(json.resource[type] ?? {});
const synth = (stack: AzureStack) => JSON.parse(Testing.synth(stack)) as Json;
const errorsOf = (props: KeyVaultProps, after: (kv: KeyVault) => unknown = () => undefined) => collectErrors(() => after(new KeyVault(newStack(), 'Kv', props)));
// A deployer that can reach the vault, so a secret does not trip the deployer-network check.
const reachable: KeyVaultProps = { deployer: { ipRanges: ['198.51.100.7'] } };

describe('vault limits', () => {
  test.each([7, 90])('softDeleteRetentionDays %d is accepted', (softDeleteRetentionDays) => {
    expect(errorsOf({ softDeleteRetentionDays })).toEqual([]);
  });
  test('a fractional soft-delete period is rejected', () => {
    expect(errorsOf({ softDeleteRetentionDays: 30.5 })).toEqual(['test/Kv: softDeleteRetentionDays must be an integer between 7 and 90 (got 30.5)']);
  });

  test.each([['standard'], ['premium']])('sku %s is accepted', (sku) => {
    expect(errorsOf({ sku: sku as 'standard' })).toEqual([]);
  });

  test('IP rules: addresses and network blocks; a block with host bits set is not one; tokens are not judged', () => {
    const stack = newStack();
    const ip = new TerraformVariable(stack, 'ip', { type: 'string' }).stringValue;
    expect(collectErrors(() => new KeyVault(stack, 'Kv', { publicNetworkAccess: true, networkAcls: { ipRules: ['203.0.113.7', '10.0.0.0/16', ip] }, deployer: { ipRanges: [ip, '198.51.100.0/24'] } }))).toEqual([]);
    expect(errorsOf({ publicNetworkAccess: true, networkAcls: { ipRules: ['10.0.0.1/16'] } })).toEqual(['test/Kv: networkAcls.ipRules must be IPv4 addresses or CIDR blocks (got "10.0.0.1/16")']);
    expect(errorsOf({ deployer: { ipRanges: ['10.0.0.1/16'] } })).toEqual(['test/Kv: deployer.ipRanges must be IPv4 addresses or CIDR blocks (got "10.0.0.1/16")']);
  });

  test('ACLs: subnet rules alone need the public endpoint too; deployer IPs open it implicitly', () => {
    expect(errorsOf({ networkAcls: { virtualNetworkSubnetIds: ['snet'] } })).toEqual(['test/Kv: networkAcls only apply with publicNetworkAccess: true (got {"virtualNetworkSubnetIds":["snet"]})']);
    expect(errorsOf({ networkAcls: { ipRules: ['203.0.113.7'] }, deployer: { ipRanges: ['198.51.100.7'] } })).toEqual([]);
    expect(errorsOf({ networkAcls: { bypassAzureServices: false } })).toEqual([]);
    expect(errorsOf({ publicNetworkAccess: false, deployer: { ipRanges: [] } })).toEqual([]);
  });

  test('runsInsideVnet is satisfied by VNet rules as well as by a private endpoint', () => {
    expect(errorsOf({ publicNetworkAccess: true, networkAcls: { virtualNetworkSubnetIds: ['snet'] }, deployer: { runsInsideVnet: true } }, (kv) => kv.addGeneratedSecret('s'))).toEqual([]);
    expect(errorsOf({ deployer: { runsInsideVnet: false } })).toEqual([]);
  });

  test('the deployer-network error counts every secret', () => {
    expect(errorsOf({}, (kv) => [kv.addGeneratedSecret('a'), kv.addGeneratedSecret('b')])).toEqual([
      `test/Kv: Terraform writes 2 secret(s) into this vault through its data plane, but its public endpoint is off and no deployer network is declared: set deployer.ipRanges (the public IPs Terraform runs from) or deployer.runsInsideVnet: true (Terraform runs in the vault's network) (got ["a","b"])`,
    ]);
  });
});

describe('vault resource', () => {
  test('tags pass through; deployer IPs alone make the public endpoint on with only those IPs', () => {
    const stack = newStack();
    const kv = new KeyVault(stack, 'Kv', { tags: { team: 'sec' }, deployer: { ipRanges: ['198.51.100.7'] } });
    const [vault] = values(synth(stack), 'azurerm_key_vault');
    expect(vault).toMatchObject({ public_network_access_enabled: true, network_acls: { default_action: 'Deny', bypass: 'AzureServices', ip_rules: ['198.51.100.7'] }, tags: expect.objectContaining({ team: 'sec' }) });
    expect(kv.purgeProtection).toBe(false);
    expect(kv.secretList).toEqual([]);
  });

  test('no ip_rules at all when there are none', () => {
    const [vault] = values(synth(new KeyVault(newStack(), 'Kv', {}).node.scope as AzureStack), 'azurerm_key_vault');
    expect((vault.network_acls as R).ip_rules).toBeUndefined();
    expect((vault.network_acls as R).virtual_network_subnet_ids).toBeUndefined();
  });
});

describe('generated secrets', () => {
  const gen = (options: Parameters<KeyVault['addGeneratedSecret']>[1]) => {
    const stack = newStack();
    const kv = new KeyVault(stack, 'Kv', reachable);
    kv.addGeneratedSecret('s', options);
    return values(synth(stack), 'random_password')[0];
  };

  test.each([16, 256])('length %d is accepted', (length) => {
    expect(gen({ length }).length).toBe(length);
  });
  test.each([15, 257, 20.5])('length %d is rejected', (length) => {
    expect(errorsOf(reachable, (kv) => kv.addGeneratedSecret('s', { length }))).toEqual([`test/Kv: generated secret s: length must be an integer between 16 and 256 (got ${length})`]);
  });

  test('minPerClass from 0 to a quarter of the length', () => {
    expect(gen({ length: 16, minPerClass: 4 })).toMatchObject({ min_upper: 4, min_lower: 4, min_numeric: 4, min_special: 4 });
    expect(gen({ length: 16, minPerClass: 0 })).toMatchObject({ min_upper: 0, min_lower: 0, min_numeric: 0, min_special: 0 });
    for (const minPerClass of [-1, 1.5, 5]) {
      expect(errorsOf(reachable, (kv) => kv.addGeneratedSecret('s', { length: 16, minPerClass }))).toEqual([`test/Kv: generated secret s: minPerClass must be an integer from 0 to a quarter of the length (got ${minPerClass})`]);
    }
  });

  test('defaults: 32 characters, specials on, one of each class; without specials the override is dropped', () => {
    expect(gen({})).toMatchObject({ length: 32, special: true, min_upper: 1, min_lower: 1, min_numeric: 1, min_special: 1 });
    expect(gen({}).override_special).toBeUndefined();
    const plain = gen({ special: false, overrideSpecial: '!#', minPerClass: 2 });
    expect(plain).toMatchObject({ special: false, min_special: 0, min_upper: 2 });
    expect(plain.override_special).toBeUndefined();
  });
});

describe('secrets', () => {
  test('names: 127 letters, digits and hyphens accepted; 128 or none rejected', () => {
    expect(errorsOf(reachable, (kv) => kv.addGeneratedSecret('A-1'.padEnd(127, 'x')))).toEqual([]);
    expect(errorsOf(reachable, (kv) => kv.addGeneratedSecret('x'.repeat(128)))).toEqual([`test/Kv: secret name must be 1-127 letters, digits and hyphens (got "${'x'.repeat(128)}")`]);
    expect(errorsOf(reachable, (kv) => kv.addGeneratedSecret(''))).toEqual(['test/Kv: secret name must be 1-127 letters, digits and hyphens (got "")']);
    expect(errorsOf(reachable, (kv) => kv.addGeneratedSecret('a.b'))).toEqual(['test/Kv: secret name must be 1-127 letters, digits and hyphens (got "a.b")']);
  });

  test('expiry: days become hours from now, 1 day is the least; a given date must be RFC 3339 UTC', () => {
    const stack = newStack();
    const kv = new KeyVault(stack, 'Kv', reachable);
    kv.addGeneratedSecret('one', { secret: { expiresAfterDays: 1 } });
    kv.addGeneratedSecret('month', { secret: { expiresAfterDays: 30, contentType: 'application/json', tags: { rotation: 'manual' } } });
    kv.addGeneratedSecret('frac', { secret: { expirationDate: '2027-01-01T00:00:00.123Z' } });
    const secrets = Object.fromEntries(values(synth(stack), 'azurerm_key_vault_secret').map((s) => [s.name, s]));
    expect(secrets.one.expiration_date).toBe('${timeadd(timestamp(), "24h")}');
    expect(secrets.month).toMatchObject({ expiration_date: '${timeadd(timestamp(), "720h")}', content_type: 'application/json', tags: { rotation: 'manual' } });
    expect(secrets.frac.expiration_date).toBe('2027-01-01T00:00:00.123Z');
    for (const expiresAfterDays of [-1, 1.5]) {
      expect(errorsOf(reachable, (kv2) => kv2.addGeneratedSecret('e', { secret: { expiresAfterDays } }))).toEqual([`test/Kv: secret e: expiresAfterDays must be a positive integer (got ${expiresAfterDays})`]);
    }
    for (const expirationDate of ['2027-01-01T00:00:00+01:00', 'x2027-01-01T00:00:00Z', '2027-01-01T00:00:00Zx', '2027-1-01T00:00:00Z']) {
      expect(errorsOf(reachable, (kv2) => kv2.addGeneratedSecret('d', { secret: { expirationDate } }))).toEqual([`test/Kv: secret d: expirationDate must be an RFC 3339 UTC date such as 2027-01-01T00:00:00Z (got ${JSON.stringify(expirationDate)})`]);
    }
  });

  test('a stored secret knows its vault, its password and its references', () => {
    const stack = newStack();
    const kv = new KeyVault(stack, 'Kv', reachable);
    const s = kv.addGeneratedSecret('db');
    expect(s.vault).toBe(kv);
    expect(s.name).toBe('db');
    expect(s.password).toBeDefined();
    expect(s.appSettingReference).toMatch(/^@Microsoft\.KeyVault\(SecretUri=\$\{TfToken\[TOKEN\.\d+\]\}\)$/);
    expect(kv.secretList).toEqual([s]);
    const stored = kv.addSecret('url', `x${s.password!.result}`);
    expect(stored.password).toBeUndefined();
    expect(kv.secretList.map((x) => x.name)).toEqual(['db', 'url']);
  });

  test('without the deployer assignment the secrets depend on nothing', () => {
    const stack = newStack();
    new KeyVault(stack, 'Kv', { ...reachable, deployerSecretsOfficer: false }).addGeneratedSecret('a');
    expect(values(synth(stack), 'azurerm_key_vault_secret')[0].depends_on).toBeUndefined();
  });
});

describe('existing vaults', () => {
  test('a given vault URI is kept; grants default to service principals', () => {
    const stack = newStack();
    const v = KeyVault.fromAttributes(stack, 'Existing', { id: '/vaults/kv-a', name: 'kv-a', vaultUri: 'https://custom.example/' });
    expect([v.id, v.name, v.vaultUri]).toEqual(['/vaults/kv-a', 'kv-a', 'https://custom.example/']);
    v.grantSecretsRead('p1');
    v.grantSecretsWrite('p2');
    const assignments = values(synth(stack), 'azurerm_role_assignment');
    expect(assignments.map((a) => [a.role_definition_name, a.principal_id, a.principal_type, a.scope])).toEqual([
      ['Key Vault Secrets User', 'p1', 'ServicePrincipal', '/vaults/kv-a'],
      ['Key Vault Secrets Officer', 'p2', 'ServicePrincipal', '/vaults/kv-a'],
    ]);
  });

  test('fromName looks the vault up in the stack resource group by default', () => {
    const stack = newStack();
    const v = KeyVault.fromName(stack, 'Looked', 'kv-other');
    expect(v.vaultUri).toMatch(/^\$\{TfToken/);
    const data = Object.values((synth(stack).data ?? {}).azurerm_key_vault ?? {});
    expect(data).toEqual([expect.objectContaining({ name: 'kv-other', resource_group_name: '${azurerm_resource_group.ResourceGroup.name}' })]);
  });

  test('a vault grants with a given principal type', () => {
    const stack = newStack();
    const kv = new KeyVault(stack, 'Kv', {});
    kv.grantSecretsRead('u1', 'User');
    kv.grantSecretsWrite('sp1');
    const assignments = values(synth(stack), 'azurerm_role_assignment');
    expect(assignments.map((a) => [a.role_definition_name, a.principal_id, a.principal_type]).sort()).toEqual([
      ['Key Vault Secrets Officer', 'sp1', 'ServicePrincipal'],
      ['Key Vault Secrets User', 'u1', 'User'],
    ]);
  });
});

// Survivors of the scoped run of 2026-12-02 (98.8 %).
describe('KeyVault: the last survivors', () => {
  test('a private vault with no deployer, or a deployer without IP ranges, passes the deployer-network rule', () => {
    expect(errorsOf({ publicNetworkAccess: false })).toEqual([]);
    expect(errorsOf({ publicNetworkAccess: false, deployer: { runsInsideVnet: true }, networkAcls: { virtualNetworkSubnetIds: [] } }).filter((e) => e.includes('ipRanges'))).toEqual([]);
  });

  test('the stack registers Microsoft.KeyVault for the vault', () => {
    const stack = newStack();
    new KeyVault(stack, 'Kv', {});
    const provider = (JSON.parse(Testing.synth(stack)) as { provider: { azurerm: { resource_providers_to_register?: string[] }[] } }).provider.azurerm[0];
    expect(provider.resource_providers_to_register).toContain('Microsoft.KeyVault');
    expect(provider.resource_providers_to_register).not.toContain('');
  });
});
