/**
 * lib/azure/core/naming.ts: every row of AZURE_NAME_RULES pinned by behaviour (the generated name, both
 * length limits, the hyphen rule, names the service accepts and rejects), found unpinned by
 * `npm run test:mutation`. Limits from https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules,
 * abbreviations from the Cloud Adoption Framework's resource-abbreviations page.
 */
import { Testing } from 'cdktf';
import { Construct } from 'constructs';
import { AZURE_NAME_RULES, AzureNaming, AzureResourceKind, childName, normalizeLocation, regionShortName, validateAzureName, workloadInitials } from '../../lib/azure/core/naming';
import { AzureStack } from '../../lib/azure/azure-stack';
import { collectErrors } from '../../lib/core/validation';

// kind, abbreviation, min, max, hyphen-less, globally unique (hashed suffix), rejects "--"
type Row = [AzureResourceKind, string, number, number, boolean, boolean, boolean];
// Rows of kinds this checkout does not have are left out (backupVault is added on another branch), so the
// table can run on either side of a merge; "the table covers every kind" still fails for a kind without a row.
const known = (kind: string) => kind in AZURE_NAME_RULES;
const ALL_ROWS: Row[] = [
  ['resourceGroup', 'rg', 1, 90, false, false, false],
  ['virtualNetwork', 'vnet', 2, 64, false, false, false],
  ['subnet', 'snet', 1, 80, false, false, false],
  ['networkSecurityGroup', 'nsg', 1, 80, false, false, false],
  ['privateEndpoint', 'pep', 2, 64, false, false, false],
  ['networkInterface', 'nic', 1, 80, false, false, false],
  ['publicIp', 'pip', 1, 80, false, false, false],
  ['logAnalyticsWorkspace', 'log', 4, 63, false, false, false],
  ['applicationInsights', 'appi', 1, 260, false, false, false],
  ['actionGroup', 'ag', 1, 260, false, false, false],
  ['serviceBusNamespace', 'sbns', 6, 50, false, true, false],
  ['functionApp', 'func', 2, 60, false, true, false],
  ['apiManagement', 'apim', 1, 50, false, true, false],
  ['sqlServer', 'sql', 1, 63, false, true, false],
  ['sqlDatabase', 'sqldb', 1, 128, false, false, false],
  ['cosmosAccount', 'cosno', 3, 44, false, true, false],
  ['staticWebApp', 'stapp', 1, 40, false, false, false],
  ['firewall', 'afw', 1, 80, false, false, false],
  ['firewallPolicy', 'afwp', 1, 80, false, false, false],
  ['routeTable', 'rt', 1, 80, false, false, false],
  ['dataFactory', 'adf', 3, 63, false, true, true],
  ['metricAlert', 'ma', 1, 260, false, false, false],
  ['keyVault', 'kv', 3, 24, false, true, true],
  ['userAssignedIdentity', 'id', 3, 128, false, false, false],
  ['containerRegistry', 'cr', 5, 50, true, true, false],
  ['storageAccount', 'st', 3, 24, true, true, false],
  ['redisCache', 'redis', 1, 63, false, true, true],
  ['postgresqlFlexibleServer', 'psql', 3, 63, false, true, false],
  ['appServicePlan', 'asp', 1, 60, false, false, false],
  ['webApp', 'app', 2, 60, false, true, false],
  ['frontDoorProfile', 'afd', 1, 260, false, false, false],
  ['frontDoorEndpoint', 'fde', 1, 46, false, false, false],
  ['frontDoorFirewallPolicy', 'fdfp', 1, 128, true, false, false],
  ['trafficManagerProfile', 'traf', 1, 63, false, true, false],
  ['containerAppsEnvironment', 'cae', 2, 60, false, false, true],
  ['containerApp', 'ca', 2, 32, false, false, true],
  ['natGateway', 'ng', 1, 80, false, false, false],
  ['ddosProtectionPlan', 'ddos', 1, 80, false, false, false],
  ['applicationGateway', 'agw', 1, 80, false, false, false],
  ['applicationGatewayWafPolicy', 'waf', 1, 128, false, false, false],
  ['virtualMachine', 'vm', 1, 64, false, false, false],
  ['managedDisk', 'disk', 1, 80, false, false, false],
  ['mysqlFlexibleServer', 'mysql', 3, 63, false, true, false],
  ['cognitiveAccount', 'oai', 2, 64, false, true, false],
  ['backupVault' as AzureResourceKind, 'bvault', 2, 50, false, false, false],
];
const ROWS = ALL_ROWS.filter((r) => known(r[0]));

const scope = () => {
  const stack = new AzureStack(Testing.app(), 'test', { architecture: 'w', environment: 'dev', location: 'eastus', backend: { type: 'local' } });
  return new Construct(stack, 'Thing');
};
const errorsOf = (kind: AzureResourceKind, name: string) => collectErrors(() => validateAzureName(scope(), kind, name));

test('the table covers every kind', () => {
  expect(ROWS.map((r) => r[0]).sort()).toEqual(Object.keys(AZURE_NAME_RULES).sort());
});

describe.each(ROWS)('%s', (kind, abbreviation, min, max, hyphenless, unique, noDoubleHyphen) => {
  const rule = AZURE_NAME_RULES[kind];
  const lengthMessage = `test/Thing: ${rule.label} name must be ${min}-${max} characters long`;

  test(`is named ${abbreviation}…, ${hyphenless ? 'without separators' : 'with hyphens'}${unique ? ', with a hashed suffix' : ''}`, () => {
    const naming = new AzureNaming('app', 'dev', 'eastus');
    const sep = hyphenless ? '' : '-';
    const expected = [abbreviation, 'app', 'dev', 'eus', ...(unique ? [naming.suffix(kind)] : [])].join(sep);
    expect(naming.name(kind)).toBe(expected);
    expect(errorsOf(kind, expected)).toEqual([]);
    expect(rule.globallyUnique).toBe(unique);
    expect(rule.separator).toBe(sep);
  });

  test(`accepts ${min} and ${max} characters, rejects ${min - 1} and ${max + 1}`, () => {
    expect(errorsOf(kind, 'a'.repeat(min))).toEqual([]);
    expect(errorsOf(kind, 'a'.repeat(max))).toEqual([]);
    expect(errorsOf(kind, 'a'.repeat(max + 1))).toEqual([`${lengthMessage} (got "${'a'.repeat(max + 1)}")`]);
    if (min > 1) expect(errorsOf(kind, 'a'.repeat(min - 1))).toContain(`${lengthMessage} (got "${'a'.repeat(min - 1)}")`);
  });

  if (!hyphenless && rule.pattern.test('abc--def')) {
    test(noDoubleHyphen ? 'rejects consecutive hyphens' : 'allows consecutive hyphens', () => {
      const errors = errorsOf(kind, 'abcd--efgh');
      if (noDoubleHyphen) expect(errors).toEqual([`test/Thing: ${rule.label} name must not contain consecutive hyphens (got "abcd--efgh")`]);
      else expect(errors).toEqual([]);
    });
  }
});

test('exactly the services that reject "--" say so', () => {
  expect(ROWS.filter((r) => r[6]).map((r) => r[0]).sort()).toEqual(['containerApp', 'containerAppsEnvironment', 'dataFactory', 'keyVault', 'redisCache']);
  for (const r of ROWS) expect(AZURE_NAME_RULES[r[0]].noConsecutiveHyphens === true).toBe(r[6]);
});

// Names each family of services accepts and rejects (the character rules at their edges).
type Family = [string, AzureResourceKind[], string[], string[]];
const NET: AzureResourceKind[] = ['virtualNetwork', 'subnet', 'networkSecurityGroup', 'privateEndpoint', 'networkInterface', 'publicIp', 'firewall', 'firewallPolicy', 'routeTable', 'natGateway', 'ddosProtectionPlan', 'applicationGateway', 'managedDisk', 'applicationGatewayWafPolicy'];
const EDGES: AzureResourceKind[] = ['logAnalyticsWorkspace', 'functionApp', 'staticWebApp', 'redisCache', 'webApp', 'frontDoorProfile', 'frontDoorEndpoint', 'dataFactory', 'virtualMachine', 'cognitiveAccount'];
const FAMILIES: Family[] = ([
  ['network', NET, ['ab', 'A9', 'a_', 'a.b-c_D', 'Z-1.x_'], ['-ab', '_ab', '.ab', 'ab-', 'ab.', 'a b', 'a/b', 'ab%']],
  ['letters/digits/hyphens, alphanumeric edges', EDGES, ['abcd', 'A1b2', 'ab-cd', 'Zz9Z'], ['-abcd', 'abcd-', 'ab_cd', 'ab.cd', 'ab cd']],
  ['resource group', ['resourceGroup'], ['rg', 'a.b', '(x)', '-a', 'a-', 'a_b', 'A.B(C)-D_E'], ['a.', 'a b', 'a/b', 'a#', '.']],
  ['Application Insights', ['applicationInsights'], ['a b', 'a.b', 'x', 'A-B_(c)'], ['a%b', 'a&b', 'a\\b', 'a?b', 'a/b', 'ab.', 'ab ', '%', 'a%']],
  ['action group', ['actionGroup'], ['a b', 'a.b', 'x', 'A-B_(c)'], ['a%b', 'a&b', 'a\\b', 'a?b', 'a/b', 'a:b', 'a<b', 'a>b', 'a*b', 'a+b', 'a#b', 'ab.', 'ab ', '#']],
  ['Service Bus namespace', ['serviceBusNamespace'], ['abcdef', 'A-1b-2', 'Abcde9'], ['1abcdef', 'abcdef-', '-abcdef', 'abc_def', 'abc.def']],
  ['letter first (API Management, key vault)', ['apiManagement', 'keyVault'], ['abc', 'A-1', 'aBc9'], ['1ab', 'ab-', '-ab', 'a_b', 'a.b']],
  ['lowercase DNS label', ['sqlServer', 'cosmosAccount', 'postgresqlFlexibleServer', 'mysqlFlexibleServer'], ['abc', '1a-b2', 'a9z'], ['Abc', 'abC', 'ab-', '-ab', 'a_b', 'a.b']],
  ['SQL database', ['sqlDatabase'], ['a b', 'a.b', 'a-b_c'], ['a<b', 'a>b', 'a*b', 'a%b', 'a&b', 'a:b', 'a\\b', 'a/b', 'a?b', 'ab.', 'ab ']],
  ['metric alert', ['metricAlert'], ['a b', 'a.b', 'a-b_c'], ['a*b', 'a#b', 'a&b', 'a+b', 'a:b', 'a<b', 'a>b', 'a?b', 'a@b', 'a%b', 'a{b', 'a}b', 'a\\b', 'a/b', 'ab.', 'ab ']],
  ['managed identity', ['userAssignedIdentity'], ['abc', 'a__', 'a--', 'A1_-b'], ['_abc', '-abc', 'a.bc', 'a bc']],
  ['container registry', ['containerRegistry'], ['abcde', 'Ab1Cd'], ['ab-cde', 'ab_cde', 'ab.cde']],
  ['storage account', ['storageAccount'], ['abc', 'a1b2c3'], ['Abc', 'ab-c', 'ab_c']],
  ['App Service plan', ['appServicePlan'], ['-a-', 'A1', 'a--b'], ['a_b', 'a.b', 'a b']],
  ['Front Door firewall policy', ['frontDoorFirewallPolicy'], ['a', 'Ab1', 'abc'], ['1a', 'a-b', 'a_b']],
  ['Traffic Manager profile', ['trafficManagerProfile'], ['a', 'a.b-c', 'A9'], ['a.', '.a', 'a-', 'a_b']],
  ['Container Apps', ['containerAppsEnvironment', 'containerApp'], ['ab', 'a-1', 'abc9'], ['1ab', 'Ab', 'ab-', '-ab', 'a_b']],
  ['backup vault', ['backupVault' as AzureResourceKind], ['ab', 'A-1', 'a-'], ['1a', '-a', 'a_b', 'a.b']],
] as Family[]).map((f): Family => [f[0], f[1].filter(known), f[2], f[3]]).filter((f) => f[1].length > 0);

test('every kind belongs to one family', () => {
  expect(FAMILIES.flatMap((f) => f[1]).sort()).toEqual(Object.keys(AZURE_NAME_RULES).sort());
});

describe.each(FAMILIES)('%s names', (_family, kinds, ok, bad) => {
  test.each(kinds)('%s accepts and rejects the edge cases', (kind) => {
    const rule = AZURE_NAME_RULES[kind];
    for (const name of ok) expect([name, rule.pattern.test(name)]).toEqual([name, true]);
    for (const name of bad) expect([name, rule.pattern.test(name)]).toEqual([name, false]);
    const name = bad[0].padEnd(Math.max(rule.minLength, bad[0].length), 'b');
    if (rule.pattern.test(name)) return;
    expect(errorsOf(kind, name)).toContain(`test/Thing: ${rule.label} name ${rule.patternText} (got ${JSON.stringify(name)})`);
  });
});

test('the character rules are worded', () => {
  const text = (k: AzureResourceKind) => AZURE_NAME_RULES[k].patternText;
  expect(text('subnet')).toBe('may contain only letters, digits, underscores, periods and hyphens, must start with a letter or digit and end with a letter, digit or underscore');
  expect(text('applicationGatewayWafPolicy')).toBe(text('subnet'));
  expect(text('webApp')).toBe('may contain only letters, digits and hyphens, and must start and end with a letter or digit');
  expect(text('dataFactory')).toBe(text('webApp'));
  expect(text('virtualMachine')).toBe(text('webApp'));
  expect(text('cognitiveAccount')).toBe(text('webApp'));
});

describe('AzureNaming.name', () => {
  test('locations are normalized and unknown ones are used as they are', () => {
    expect(normalizeLocation('East US 2')).toBe('eastus2');
    expect(normalizeLocation('  West\tEurope ')).toBe('westeurope');
    expect(regionShortName('West Europe')).toBe('weu');
    expect(regionShortName('mars')).toBeUndefined();
    expect(new AzureNaming('app', 'dev', 'East US').locationShort).toBe('eus');
    expect(new AzureNaming('app', 'dev', 'Mars North').locationShort).toBe('marsnorth');
    expect(new AzureNaming('app', 'dev', 'Mars North').name('resourceGroup')).toBe('rg-app-dev-marsnorth');
  });

  test('parts are cleaned: lower-cased, odd characters become one hyphen, no hyphen at the edges', () => {
    const n = new AzureNaming('My_App!!', 'Dev', 'eastus');
    expect(n.name('resourceGroup')).toBe('rg-my-app-dev-eus');
    expect(n.name('resourceGroup', '--Blue  Green--')).toBe('rg-my-app-blue-green-dev-eus');
    expect(n.name('storageAccount', 'Static-Site')).toBe(`stmastaticsideveus${n.suffix('storageAccount', 'Static-Site')}`);
    expect(new AzureNaming('app', '', 'eastus').name('resourceGroup')).toBe('rg-app-eus');
    expect(new AzureNaming('app', 'dev', 'eastus').name('resourceGroup', '', 'x')).toBe('rg-app-x-dev-eus');
  });

  test('the suffix hashes seed, workload, environment, normalized location, kind and qualifiers', () => {
    const base = new AzureNaming('app', 'dev', 'eastus');
    const s = base.suffix('keyVault');
    expect(s).toMatch(/^[0-9a-f]{6}$/);
    expect(new AzureNaming('app', 'dev', 'East US').suffix('keyVault')).toBe(s);
    expect(new AzureNaming('app', 'dev', 'eastus', 'seed').suffix('keyVault')).not.toBe(s);
    expect(new AzureNaming('app2', 'dev', 'eastus').suffix('keyVault')).not.toBe(s);
    expect(new AzureNaming('app', 'prod', 'eastus').suffix('keyVault')).not.toBe(s);
    expect(new AzureNaming('app', 'dev', 'westus').suffix('keyVault')).not.toBe(s);
    expect(base.suffix('storageAccount')).not.toBe(s);
    expect(base.suffix('keyVault', 'x')).not.toBe(s);
    expect(base.name('keyVault', 'x')).toBe(`kv-app-x-dev-eus-${base.suffix('keyVault', 'x')}`);
  });

  test('a long environment is cut to fit (to 3 characters at least) so the workload keeps 3', () => {
    // key vault: 24 characters; kv- + -eus- + 6 hash = 14 fixed, 10 left for workload and environment.
    const n = new AzureNaming('workload', 'production-blue', 'eastus');
    expect(n.name('keyVault')).toBe(`kv-wor-produc-eus-${n.suffix('keyVault')}`);
    expect(n.name('keyVault').length).toBe(24);
    expect(n.name('storageAccount')).toBe(`stworproductioneus${n.suffix('storageAccount')}`);
    // a workload shorter than 3 leaves the environment more room
    const short = new AzureNaming('ab', 'production', 'eastus');
    expect(short.name('keyVault')).toBe(`kv-ab-product-eus-${short.suffix('keyVault')}`);
    for (const name of [n.name('keyVault'), short.name('keyVault')]) expect(errorsOf('keyVault', name)).toEqual([]);
  });

  test('an environment that fits is never cut, and the workload is cut first', () => {
    const n = new AzureNaming('averyveryverylongworkload', 'dev', 'eastus');
    const name = n.name('keyVault');
    expect(name).toBe(`kv-averyv-dev-eus-${n.suffix('keyVault')}`);
    expect(name.length).toBe(24);
    // a cut that ends on a hyphen loses the hyphen
    const h = new AzureNaming('abcde-fghij', 'dev', 'eastus');
    expect(h.name('keyVault')).toBe(`kv-abcde-dev-eus-${h.suffix('keyVault')}`);
  });

  test('names that fit are not touched, at exactly the limit', () => {
    // container app: 32 characters, no hash.
    const n = new AzureNaming('abcdefghijklmnopqrstu', 'dev', 'eastus');
    expect(n.name('containerApp')).toBe('ca-abcdefghijklmnopqrstu-dev-eus');
    expect(n.name('containerApp').length).toBe(32);
    expect(new AzureNaming('abcdefghijklmnopqrstuv', 'dev', 'eastus').name('containerApp')).toBe('ca-abcdefghijklmnopqrstu-dev-eus');
  });

  test('with qualifiers the workload becomes its initials only when the name is too long', () => {
    const n = new AzureNaming('blue-green', 'dev', 'eastus');
    expect(n.name('containerApp', 'api')).toBe('ca-blue-green-api-dev-eus');
    const long = new AzureNaming('personal-tech-platform', 'dev', 'eastus');
    expect(long.name('containerApp', 'identity')).toBe('ca-ptp-identity-dev-eus');
    expect(workloadInitials('Personal Tech__Platform')).toBe('ptp');
    expect(workloadInitials('--solo--')).toBe('solo');
    expect(workloadInitials('')).toBe('');
  });
});

// Survivors of the scoped run of 2026-12-02 (95.6 %): the edges of the shortening arithmetic.
describe('AzureNaming.name at the edges of the limit', () => {
  test('an empty environment takes no room: the workload gets every character left', () => {
    // container app: 32, no hash; "ca-" + workload + "-eus" leaves 25.
    const name = new AzureNaming('abcdefghijklmnopqrstuvwxy', '', 'eastus').name('containerApp');
    expect(name).toBe('ca-abcdefghijklmnopqrstuvwxy-eus');
    expect(name.length).toBe(32);
  });

  test('an environment that leaves the workload exactly one character is not cut', () => {
    // key vault: 24; "kv-" + "-preprodx-eus-" + 6 hash = 23 fixed.
    const n = new AzureNaming('workload', 'preprodx', 'eastus');
    expect(n.name('keyVault')).toBe(`kv-w-preprodx-eus-${n.suffix('keyVault')}`);
    // two characters left: still not cut
    const m = new AzureNaming('workload', 'preprod', 'eastus');
    expect(m.name('keyVault')).toBe(`kv-wo-preprod-eus-${m.suffix('keyVault')}`);
  });

  test('with a qualifier, a name at exactly the limit keeps the whole workload', () => {
    // "ca-" + "blue-green-abcdefghij" (21) + "-dev-eus" = 32
    expect(new AzureNaming('blue-green', 'dev', 'eastus').name('containerApp', 'abcdefghij')).toBe('ca-blue-green-abcdefghij-dev-eus');
    expect(new AzureNaming('blue-green', 'dev', 'eastus').name('containerApp', 'abcdefghijk')).toBe('ca-bg-abcdefghijk-dev-eus');
  });

  test('a cut keeps the hyphens inside the workload', () => {
    const n = new AzureNaming('ab-cdefgh', 'dev', 'eastus');
    expect(n.name('keyVault')).toBe(`kv-ab-cde-dev-eus-${n.suffix('keyVault')}`);
  });
});

test('childName drops empty parts but keeps the parent as given', () => {
  expect(childName('', 'kv-A')).toBe('kv-A');
  expect(childName('pep', 'kv-a', 'Blob', 'NIC')).toBe('pep-kv-a-blob-nic');
});
