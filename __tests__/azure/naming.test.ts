import { Testing } from 'cdktf';
import { Construct } from 'constructs';
import { AZURE_NAME_RULES, AZURE_REGION_SHORT_NAMES, AzureNaming, AzureResourceKind, normalizeLocation, regionShortName, validateAzureName, workloadInitials, childName } from '../../lib/azure/core/naming';
import { AzureStack } from '../../lib/azure/azure-stack';
import { expectValidationError } from '../helpers';

const KINDS = Object.keys(AZURE_NAME_RULES) as AzureResourceKind[];
const CHAR_CASES: [AzureResourceKind, string, string][] = [
  ['resourceGroup', 'rg-bad.', 'resource group name may contain only letters, digits, underscores, hyphens, periods and parentheses, and must not end with a period'],
  ['virtualNetwork', '-vnet', 'virtual network name may contain only letters, digits, underscores, periods and hyphens, must start with a letter or digit and end with a letter, digit or underscore'],
  ['subnet', 'snet-app.', 'subnet name may contain only letters, digits, underscores, periods and hyphens, must start with a letter or digit and end with a letter, digit or underscore'],
  ['networkSecurityGroup', 'nsg app', 'network security group name may contain only letters, digits, underscores, periods and hyphens, must start with a letter or digit and end with a letter, digit or underscore'],
  ['privateEndpoint', 'pep/kv', 'private endpoint name may contain only letters, digits, underscores, periods and hyphens, must start with a letter or digit and end with a letter, digit or underscore'],
  ['networkInterface', 'nic-', 'network interface name may contain only letters, digits, underscores, periods and hyphens, must start with a letter or digit and end with a letter, digit or underscore'],
  ['publicIp', '_pip', 'public IP address name may contain only letters, digits, underscores, periods and hyphens, must start with a letter or digit and end with a letter, digit or underscore'],
  ['logAnalyticsWorkspace', 'log_ws_1', 'Log Analytics workspace name may contain only letters, digits and hyphens, and must start and end with a letter or digit'],
  ['applicationInsights', 'appi/web', 'Application Insights name must not contain %, &, \\, ? or / and must not end with a space or period'],
  ['actionGroup', 'ag#ops', 'action group name must not contain %, &, \\, ?, /, :, <, >, *, + or # and must not end with a space or period'],
  ['serviceBusNamespace', 'sbns_orders', 'Service Bus namespace name may contain only letters, digits and hyphens, must start with a letter and end with a letter or digit'],
  ['functionApp', 'func_worker', 'function app name may contain only letters, digits and hyphens, and must start and end with a letter or digit'],
  ['apiManagement', '1apim', 'API Management service name may contain only letters, digits and hyphens, must start with a letter and end with a letter or digit'],
  ['sqlServer', 'sql-Platform', 'SQL server name may contain only lowercase letters, digits and hyphens, and must not start or end with a hyphen'],
  ['sqlDatabase', 'sqldb:app', 'SQL database name must not contain <>*%&:\\/? and must not end with a period or space'],
  ['cosmosAccount', 'cosmos_dev', 'Cosmos DB account name may contain only lowercase letters, digits and hyphens, and must not start or end with a hyphen'],
  ['staticWebApp', 'stapp.web', 'static web app name may contain only letters, digits and hyphens, and must start and end with a letter or digit'],
  ['firewall', 'afw hub', 'Azure Firewall name may contain only letters, digits, underscores, periods and hyphens, must start with a letter or digit and end with a letter, digit or underscore'],
  ['firewallPolicy', 'afwp-', 'firewall policy name may contain only letters, digits, underscores, periods and hyphens, must start with a letter or digit and end with a letter, digit or underscore'],
  ['routeTable', 'rt/egress', 'route table name may contain only letters, digits, underscores, periods and hyphens, must start with a letter or digit and end with a letter, digit or underscore'],
  ['dataFactory', 'adf_etl', 'data factory name may contain only letters, digits and hyphens, and must start and end with a letter or digit'],
  ['metricAlert', 'ma#5xx', 'metric alert name must not contain *#&+:<>?@%{}\\/ and must not end with a period or space'],
  ['keyVault', '1kv-secrets', 'key vault name may contain only letters, digits and hyphens, must start with a letter and end with a letter or digit'],
  ['userAssignedIdentity', '-id-app', 'managed identity name may contain only letters, digits, hyphens and underscores, and must start with a letter or digit'],
  ['containerRegistry', 'cr-personal', 'container registry name may contain only letters and digits'],
  ['storageAccount', 'stPersonal', 'storage account name may contain only lowercase letters and digits'],
  ['redisCache', 'redis_cache', 'Redis cache name may contain only letters, digits and hyphens, and must start and end with a letter or digit'],
  ['postgresqlFlexibleServer', 'psql-Personal', 'PostgreSQL flexible server name may contain only lowercase letters, digits and hyphens, and must not start or end with a hyphen'],
  ['appServicePlan', 'asp_web', 'App Service plan name may contain only letters, digits and hyphens'],
  ['webApp', 'app-web-', 'web app name may contain only letters, digits and hyphens, and must start and end with a letter or digit'],
  ['frontDoorProfile', 'afd.web', 'Front Door profile name may contain only letters, digits and hyphens, and must start and end with a letter or digit'],
  ['frontDoorEndpoint', 'fde_web', 'Front Door endpoint name may contain only letters, digits and hyphens, and must start and end with a letter or digit'],
  ['frontDoorFirewallPolicy', 'fdfp-web', 'Front Door firewall policy name may contain only letters and digits, and must start with a letter'],
  ['trafficManagerProfile', 'traf-web-', 'Traffic Manager profile name may contain only letters, digits, periods and hyphens, and must start and end with a letter or digit'],
  ['containerAppsEnvironment', 'cae_Flowlite', 'Container Apps environment name may contain only lowercase letters, digits and hyphens, must start with a letter and end with a letter or digit'],
  ['containerApp', 'ca-Identity', 'container app name may contain only lowercase letters, digits and hyphens, must start with a letter and end with a letter or digit'],
  ['natGateway', 'ng nat', 'NAT gateway name may contain only letters, digits, underscores, periods and hyphens, must start with a letter or digit and end with a letter, digit or underscore'],
  ['ddosProtectionPlan', 'ddos/plan', 'DDoS protection plan name may contain only letters, digits, underscores, periods and hyphens, must start with a letter or digit and end with a letter, digit or underscore'],
  ['applicationGateway', 'agw-', 'application gateway name may contain only letters, digits, underscores, periods and hyphens, must start with a letter or digit and end with a letter, digit or underscore'],
  ['applicationGatewayWafPolicy', 'waf policy', 'WAF policy name may contain only letters, digits, underscores, periods and hyphens, must start with a letter or digit and end with a letter, digit or underscore'],
  ['virtualMachine', 'vm_ollama', 'Linux virtual machine name may contain only letters, digits and hyphens, and must start and end with a letter or digit'],
  ['managedDisk', 'disk/models', 'managed disk name may contain only letters, digits, underscores, periods and hyphens, must start with a letter or digit and end with a letter, digit or underscore'],
  ['mysqlFlexibleServer', 'mysql_Flowlite', 'MySQL flexible server name may contain only lowercase letters, digits and hyphens, and must not start or end with a hyphen'],
  ['cognitiveAccount', 'oai_flowlite', 'Azure AI services account name may contain only letters, digits and hyphens, and must start and end with a letter or digit'],
  ['backupVault', 'bvault_pt', 'backup vault name may contain only letters, digits and hyphens, and must start with a letter'],
];

const scope = () => {
  const stack = new AzureStack(Testing.app(), 'test', { architecture: 'w', environment: 'dev', location: 'eastus', backend: { type: 'local' } });
  return new Construct(stack, 'Thing');
};

describe('AzureNaming', () => {
  const n = new AzureNaming('personal-tech', 'dev', 'eastus');

  test('CAF pattern <abbr>-<workload>[-<qualifier>]-<env>-<region>', () => {
    expect(n.name('resourceGroup')).toBe('rg-personal-tech-dev-eus');
    expect(n.name('virtualNetwork')).toBe('vnet-personal-tech-dev-eus');
    expect(n.name('networkSecurityGroup', 'app')).toBe('nsg-personal-tech-app-dev-eus');
    expect(n.name('logAnalyticsWorkspace')).toBe('log-personal-tech-dev-eus');
    expect(n.name('applicationInsights')).toBe('appi-personal-tech-dev-eus');
    expect(n.name('appServicePlan')).toBe('asp-personal-tech-dev-eus');
  });

  test('globally unique names get a deterministic 6-character hash suffix', () => {
    expect(n.name('webApp')).toMatch(/^app-personal-tech-dev-eus-[0-9a-f]{6}$/);
    expect(n.name('redisCache')).toMatch(/^redis-personal-tech-dev-eus-[0-9a-f]{6}$/);
    expect(n.name('postgresqlFlexibleServer')).toMatch(/^psql-personal-tech-dev-eus-[0-9a-f]{6}$/);
    expect(n.name('webApp')).toBe(new AzureNaming('personal-tech', 'dev', 'East US').name('webApp'));
    expect(n.name('webApp')).not.toBe(new AzureNaming('personal-tech', 'prod', 'eastus').name('webApp'));
    expect(n.name('webApp')).not.toBe(new AzureNaming('personal-tech', 'dev', 'eastus', 'other-subscription').name('webApp'));
    expect(n.name('storageAccount', 'static')).not.toBe(n.name('storageAccount', 'backups'));
  });

  test('hyphen-less services run the parts together and are shortened to fit, keeping env, region and hash', () => {
    expect(n.name('storageAccount')).toMatch(/^stpersonaltedeveus[0-9a-f]{6}$/);
    expect(n.name('storageAccount')).toHaveLength(24);
    expect(n.name('containerRegistry')).toMatch(/^crpersonaltechdeveus[0-9a-f]{6}$/);
    expect(n.name('keyVault')).toMatch(/^kv-person-dev-eus-[0-9a-f]{6}$/);
    expect(n.name('keyVault')).toHaveLength(24);
  });

  test('every generated name passes its own rules, even for a very long workload', () => {
    const long = new AzureNaming('a-very-long-workload-name-that-goes-on-and-on-and-on-for-ever', 'staging', 'southafricanorth');
    for (const kind of KINDS) {
      const name = long.name(kind, 'qualifier');
      expect(() => validateAzureName(scope(), kind, name)).not.toThrow();
      expect(name.length).toBeLessThanOrEqual(AZURE_NAME_RULES[kind].maxLength);
    }
  });

  test('region short names', () => {
    expect(regionShortName('West Europe')).toBe('weu');
    expect(regionShortName('eastus2')).toBe('eus2');
    expect(regionShortName('mars')).toBeUndefined();
    expect(normalizeLocation('North Central US')).toBe('northcentralus');
  });
});

describe('validateAzureName', () => {
  test('skips unresolved tokens', () => {
    const s = scope();
    const stack = AzureStack.of(s);
    expect(() => validateAzureName(s, 'storageAccount', stack.resourceGroupName)).not.toThrow();
  });

  // Length rule of every kind, with a name one character too long.
  test.each(KINDS.map((k) => [k, AZURE_NAME_RULES[k]] as const))('%s: length rule', (kind, rule) => {
    const tooLong = 'a'.repeat(rule.maxLength + 1);
    expectValidationError(() => validateAzureName(scope(), kind, tooLong), `test/Thing: ${rule.label} name must be ${rule.minLength}-${rule.maxLength} characters long (got "${tooLong}")`);
  });

  test.each([
    ['storageAccount', 'st', 'test/Thing: storage account name must be 3-24 characters long (got "st")'],
    ['keyVault', 'kv', 'test/Thing: key vault name must be 3-24 characters long (got "kv")'],
    ['containerRegistry', 'cr1', 'test/Thing: container registry name must be 5-50 characters long (got "cr1")'],
    ['postgresqlFlexibleServer', 'pg', 'test/Thing: PostgreSQL flexible server name must be 3-63 characters long (got "pg")'],
    ['webApp', 'a', 'test/Thing: web app name must be 2-60 characters long (got "a")'],
    ['logAnalyticsWorkspace', 'log', 'test/Thing: Log Analytics workspace name must be 4-63 characters long (got "log")'],
    ['virtualNetwork', 'v', 'test/Thing: virtual network name must be 2-64 characters long (got "v")'],
  ] as [AzureResourceKind, string, string][])('%s: too short', (kind, name, message) => {
    expectValidationError(() => validateAzureName(scope(), kind, name), message);
  });

  // Character rule of every kind, with a name that breaks it.
  test.each(CHAR_CASES)('%s: character rule', (kind, name, rule) => {
    expectValidationError(() => validateAzureName(scope(), kind, name), `test/Thing: ${rule} (got ${JSON.stringify(name)})`);
  });

  test('every kind has a character-rule case', () => {
    expect(CHAR_CASES.map((c) => c[0]).sort()).toEqual([...KINDS].sort());
  });


  test.each([
    ['keyVault', 'kv--secrets', 'test/Thing: key vault name must not contain consecutive hyphens (got "kv--secrets")'],
    ['redisCache', 'redis--cache', 'test/Thing: Redis cache name must not contain consecutive hyphens (got "redis--cache")'],
  ] as [AzureResourceKind, string, string][])('%s: consecutive hyphens', (kind, name, message) => {
    expectValidationError(() => validateAzureName(scope(), kind, name), message);
  });

  test('every broken rule is reported', () => {
    expectValidationError(() => validateAzureName(scope(), 'storageAccount', 'ST_' + 'x'.repeat(30)), 
      /storage account name must be 3-24 characters long[\s\S]*storage account name may contain only lowercase letters and digits/,
    );
  });
});

// ---------------------------------------------------------------- pinned tables
// Every entry is pinned: blanking or changing a region code or an abbreviation renames
// live resources, so it must fail a test. (New kinds/regions add a row here.)
const PINNED_REGIONS: [string, string][] = [
  ['eastus', 'eus'],
  ['eastus2', 'eus2'],
  ['centralus', 'cus'],
  ['northcentralus', 'ncus'],
  ['southcentralus', 'scus'],
  ['westcentralus', 'wcus'],
  ['westus', 'wus'],
  ['westus2', 'wus2'],
  ['westus3', 'wus3'],
  ['canadacentral', 'cnc'],
  ['canadaeast', 'cne'],
  ['brazilsouth', 'brs'],
  ['brazilsoutheast', 'bse'],
  ['mexicocentral', 'mxc'],
  ['northeurope', 'neu'],
  ['westeurope', 'weu'],
  ['uksouth', 'uks'],
  ['ukwest', 'ukw'],
  ['francecentral', 'frc'],
  ['francesouth', 'frs'],
  ['germanywestcentral', 'gwc'],
  ['germanynorth', 'gn'],
  ['switzerlandnorth', 'szn'],
  ['switzerlandwest', 'szw'],
  ['norwayeast', 'nwe'],
  ['norwaywest', 'nww'],
  ['swedencentral', 'sdc'],
  ['swedensouth', 'sds'],
  ['polandcentral', 'plc'],
  ['italynorth', 'itn'],
  ['spaincentral', 'spc'],
  ['eastasia', 'ea'],
  ['southeastasia', 'sea'],
  ['japaneast', 'jpe'],
  ['japanwest', 'jpw'],
  ['koreacentral', 'krc'],
  ['koreasouth', 'krs'],
  ['centralindia', 'inc'],
  ['southindia', 'ins'],
  ['westindia', 'inw'],
  ['australiaeast', 'ae'],
  ['australiasoutheast', 'ase'],
  ['australiacentral', 'acl'],
  ['uaenorth', 'uan'],
  ['uaecentral', 'uac'],
  ['southafricanorth', 'san'],
  ['southafricawest', 'saw'],
  ['qatarcentral', 'qac'],
  ['israelcentral', 'ilc'],
  ['newzealandnorth', 'nzn'],
];
const PINNED_ABBREVIATIONS: [AzureResourceKind, string][] = [
  ['resourceGroup', 'rg'],
  ['virtualNetwork', 'vnet'],
  ['subnet', 'snet'],
  ['networkSecurityGroup', 'nsg'],
  ['privateEndpoint', 'pep'],
  ['networkInterface', 'nic'],
  ['publicIp', 'pip'],
  ['logAnalyticsWorkspace', 'log'],
  ['applicationInsights', 'appi'],
  ['actionGroup', 'ag'],
  ['keyVault', 'kv'],
  ['userAssignedIdentity', 'id'],
  ['containerRegistry', 'cr'],
  ['storageAccount', 'st'],
  ['redisCache', 'redis'],
  ['postgresqlFlexibleServer', 'psql'],
  ['appServicePlan', 'asp'],
  ['webApp', 'app'],
  ['frontDoorProfile', 'afd'],
  ['frontDoorEndpoint', 'fde'],
  ['frontDoorFirewallPolicy', 'fdfp'],
  ['trafficManagerProfile', 'traf'],
];

describe('naming tables', () => {
  test.each(PINNED_REGIONS)('region %s → %s', (location, code) => {
    expect(AZURE_REGION_SHORT_NAMES[location]).toBe(code);
    expect(regionShortName(location)).toBe(code);
  });

  test('region codes are non-empty and unique (two regions never share names)', () => {
    const codes = Object.values(AZURE_REGION_SHORT_NAMES);
    expect(codes.every((c) => /^[a-z0-9]{2,5}$/.test(c))).toBe(true);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes.length).toBeGreaterThanOrEqual(PINNED_REGIONS.length);
  });

  test.each(PINNED_ABBREVIATIONS)('%s is abbreviated %s', (kind, abbreviation) => {
    expect(AZURE_NAME_RULES[kind].abbreviation).toBe(abbreviation);
    expect(new AzureNaming('app', 'dev', 'eastus').name(kind).startsWith(abbreviation)).toBe(true);
  });

  test('abbreviations are non-empty and unique', () => {
    const abbreviations = Object.values(AZURE_NAME_RULES).map((r) => r.abbreviation);
    expect(abbreviations.every((a) => /^[a-z]{2,6}$/.test(a))).toBe(true);
    expect(new Set(abbreviations).size).toBe(abbreviations.length);
  });

  test('the hash suffix is pinned: sha256 of seed/workload/environment/location/kind/qualifiers, 6 hex characters', () => {
    const naming = new AzureNaming('personal-tech', 'dev', 'eastus');
    expect(naming.suffix('storageAccount', 'static')).toBe('733f66');
    expect(naming.suffix('keyVault')).toBe('4cec9b');
    expect(new AzureNaming('personal-tech', 'prod', 'eastus', '11111111-2222-3333-4444-555555555555').name('containerRegistry')).toBe('crpersonaltechprodeusc88a29');
  });

  test('storage accounts: separators dropped, the workload shrinks to its initials so the qualifier survives, hash kept', () => {
    const naming = new AzureNaming('personal-tech', 'dev', 'eastus');
    // Exactly the names personal-tech built by hand before (`stpt<purpose><env><region><hash>`): nothing is renamed.
    expect(naming.name('storageAccount', 'static')).toBe('stptstaticdeveus733f66');
    expect(naming.name('storageAccount', 'backup')).toBe('stptbackupdeveusfa9c55');
    expect(workloadInitials('personal-tech')).toBe('pt');
    expect(workloadInitials('flowlite')).toBe('flowlite');
    // No qualifier: cut as before, so names already deployed do not change.
    expect(naming.name('keyVault')).toBe('kv-person-dev-eus-4cec9b');
    expect(naming.name('storageAccount')).toBe('stpersonaltedeveus5066b0');
    // A qualifier too long even after initials is cut, still within 24 and ending with env, region, hash.
    const long = naming.name('storageAccount', 'verylongqualifiername');
    expect(long).toMatch(/^stptverylongdeveus[0-9a-f]{6}$/);
    expect(long.length).toBeLessThanOrEqual(24);
  });
});

test('childName: <prefix>-<parent>[-<parts>], parts lower-cased', () => {
  expect(childName('pep', 'kv-a', 'Vault')).toBe('pep-kv-a-vault');
  expect(childName('lock', 'kv-a')).toBe('lock-kv-a');
  expect(childName('diag', 'kv-a', '')).toBe('diag-kv-a');
});
