import { Token } from 'cdktf';
import { IConstruct } from 'constructs';
import { shortHash } from '../../core/naming';
import { Rule, validateProps } from '../../core/validation';

/**
 * Azure resource kinds this library names, each with its Cloud Adoption
 * Framework abbreviation and the service's naming rules.
 */
export type AzureResourceKind =
  | 'resourceGroup'
  | 'virtualNetwork'
  | 'subnet'
  | 'networkSecurityGroup'
  | 'privateEndpoint'
  | 'networkInterface'
  | 'publicIp'
  | 'logAnalyticsWorkspace'
  | 'applicationInsights'
  | 'actionGroup'
  | 'serviceBusNamespace'
  | 'functionApp'
  | 'apiManagement'
  | 'sqlServer'
  | 'sqlDatabase'
  | 'cosmosAccount'
  | 'staticWebApp'
  | 'firewall'
  | 'firewallPolicy'
  | 'routeTable'
  | 'dataFactory'
  | 'metricAlert'
  | 'keyVault'
  | 'userAssignedIdentity'
  | 'containerRegistry'
  | 'storageAccount'
  | 'redisCache'
  | 'postgresqlFlexibleServer'
  | 'appServicePlan'
  | 'webApp'
  | 'frontDoorProfile'
  | 'frontDoorEndpoint'
  | 'frontDoorFirewallPolicy'
  | 'trafficManagerProfile'
  | 'containerAppsEnvironment'
  | 'containerApp'
  | 'natGateway'
  | 'ddosProtectionPlan'
  | 'applicationGateway'
  | 'applicationGatewayWafPolicy'
  | 'virtualMachine'
  | 'managedDisk'
  | 'mysqlFlexibleServer'
  | 'cognitiveAccount'
  | 'backupVault';

/** Naming rules of one Azure resource kind. */
export interface AzureNameRule {
  /** What the error messages call it, e.g. `storage account`. */
  readonly label: string;
  /** CAF abbreviation, e.g. `st`. */
  readonly abbreviation: string;
  readonly minLength: number;
  readonly maxLength: number;
  /** Allowed characters and shape. */
  readonly pattern: RegExp;
  /** `pattern` in words, used as the rule text. */
  readonly patternText: string;
  /** Separator between name parts: `''` for services that forbid hyphens. */
  readonly separator: '-' | '';
  /** The name is a DNS label shared by every Azure customer: generated names get a hashed suffix. */
  readonly globallyUnique: boolean;
  /**
   * The service rejects `--`.
   * @default false
   */
  readonly noConsecutiveHyphens?: boolean;
}

const ALNUM_HYPHEN_EDGES = 'may contain only letters, digits and hyphens, and must start and end with a letter or digit';
const NET = 'may contain only letters, digits, underscores, periods and hyphens, must start with a letter or digit and end with a letter, digit or underscore';
const NET_RE = /^[A-Za-z0-9]([A-Za-z0-9_.-]*[A-Za-z0-9_])?$/;
const ALNUM_HYPHEN_EDGES_RE = /^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?$/;

/**
 * CAF abbreviations (https://learn.microsoft.com/azure/cloud-adoption-framework/ready/azure-best-practices/resource-abbreviations)
 * and each service's length and character rules
 * (https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules).
 */
export const AZURE_NAME_RULES: Readonly<Record<AzureResourceKind, AzureNameRule>> = {
  resourceGroup: {
    label: 'resource group',
    abbreviation: 'rg',
    minLength: 1,
    maxLength: 90,
    pattern: /^[-\w.()]*[-\w()]$/,
    patternText: 'may contain only letters, digits, underscores, hyphens, periods and parentheses, and must not end with a period',
    separator: '-',
    globallyUnique: false,
  },
  virtualNetwork: { label: 'virtual network', abbreviation: 'vnet', minLength: 2, maxLength: 64, pattern: NET_RE, patternText: NET, separator: '-', globallyUnique: false },
  subnet: { label: 'subnet', abbreviation: 'snet', minLength: 1, maxLength: 80, pattern: NET_RE, patternText: NET, separator: '-', globallyUnique: false },
  networkSecurityGroup: { label: 'network security group', abbreviation: 'nsg', minLength: 1, maxLength: 80, pattern: NET_RE, patternText: NET, separator: '-', globallyUnique: false },
  privateEndpoint: { label: 'private endpoint', abbreviation: 'pep', minLength: 2, maxLength: 64, pattern: NET_RE, patternText: NET, separator: '-', globallyUnique: false },
  networkInterface: { label: 'network interface', abbreviation: 'nic', minLength: 1, maxLength: 80, pattern: NET_RE, patternText: NET, separator: '-', globallyUnique: false },
  publicIp: { label: 'public IP address', abbreviation: 'pip', minLength: 1, maxLength: 80, pattern: NET_RE, patternText: NET, separator: '-', globallyUnique: false },
  logAnalyticsWorkspace: {
    label: 'Log Analytics workspace',
    abbreviation: 'log',
    minLength: 4,
    maxLength: 63,
    pattern: ALNUM_HYPHEN_EDGES_RE,
    patternText: ALNUM_HYPHEN_EDGES,
    separator: '-',
    globallyUnique: false,
  },
  applicationInsights: {
    label: 'Application Insights',
    abbreviation: 'appi',
    minLength: 1,
    maxLength: 260,
    pattern: /^[^%&\\?/]*[^%&\\?/. ]$/,
    patternText: 'must not contain %, &, \\, ? or / and must not end with a space or period',
    separator: '-',
    globallyUnique: false,
  },
  actionGroup: {
    label: 'action group',
    abbreviation: 'ag',
    minLength: 1,
    maxLength: 260,
    pattern: /^[^%&\\?/:<>*+#]*[^%&\\?/:<>*+#. ]$/,
    patternText: 'must not contain %, &, \\, ?, /, :, <, >, *, + or # and must not end with a space or period',
    separator: '-',
    globallyUnique: false,
  },
  serviceBusNamespace: {
    label: 'Service Bus namespace',
    abbreviation: 'sbns',
    minLength: 6,
    maxLength: 50,
    pattern: /^[A-Za-z][A-Za-z0-9-]*[A-Za-z0-9]$/,
    patternText: 'may contain only letters, digits and hyphens, must start with a letter and end with a letter or digit',
    separator: '-',
    globallyUnique: true,
  },
  functionApp: { label: 'function app', abbreviation: 'func', minLength: 2, maxLength: 60, pattern: ALNUM_HYPHEN_EDGES_RE, patternText: ALNUM_HYPHEN_EDGES, separator: '-', globallyUnique: true },
  apiManagement: {
    label: 'API Management service',
    abbreviation: 'apim',
    minLength: 1,
    maxLength: 50,
    pattern: /^[A-Za-z]([A-Za-z0-9-]*[A-Za-z0-9])?$/,
    patternText: 'may contain only letters, digits and hyphens, must start with a letter and end with a letter or digit',
    separator: '-',
    globallyUnique: true,
  },
  sqlServer: {
    label: 'SQL server',
    abbreviation: 'sql',
    minLength: 1,
    maxLength: 63,
    pattern: /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/,
    patternText: 'may contain only lowercase letters, digits and hyphens, and must not start or end with a hyphen',
    separator: '-',
    globallyUnique: true,
  },
  sqlDatabase: { label: 'SQL database', abbreviation: 'sqldb', minLength: 1, maxLength: 128, pattern: /^[^<>*%&:\\/?]*[^<>*%&:\\/?. ]$/, patternText: 'must not contain <>*%&:\\/? and must not end with a period or space', separator: '-', globallyUnique: false },
  cosmosAccount: {
    label: 'Cosmos DB account',
    abbreviation: 'cosno',
    minLength: 3,
    maxLength: 44,
    pattern: /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/,
    patternText: 'may contain only lowercase letters, digits and hyphens, and must not start or end with a hyphen',
    separator: '-',
    globallyUnique: true,
  },
  staticWebApp: { label: 'static web app', abbreviation: 'stapp', minLength: 1, maxLength: 40, pattern: ALNUM_HYPHEN_EDGES_RE, patternText: ALNUM_HYPHEN_EDGES, separator: '-', globallyUnique: false },
  firewall: { label: 'Azure Firewall', abbreviation: 'afw', minLength: 1, maxLength: 80, pattern: NET_RE, patternText: NET, separator: '-', globallyUnique: false },
  firewallPolicy: { label: 'firewall policy', abbreviation: 'afwp', minLength: 1, maxLength: 80, pattern: NET_RE, patternText: NET, separator: '-', globallyUnique: false },
  routeTable: { label: 'route table', abbreviation: 'rt', minLength: 1, maxLength: 80, pattern: NET_RE, patternText: NET, separator: '-', globallyUnique: false },
  dataFactory: {
    label: 'data factory',
    abbreviation: 'adf',
    minLength: 3,
    maxLength: 63,
    pattern: /^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?$/,
    patternText: ALNUM_HYPHEN_EDGES,
    separator: '-',
    globallyUnique: true,
    noConsecutiveHyphens: true,
  },
  metricAlert: { label: 'metric alert', abbreviation: 'ma', minLength: 1, maxLength: 260, pattern: /^[^*#&+:<>?@%{}\\/]*[^*#&+:<>?@%{}\\/. ]$/, patternText: 'must not contain *#&+:<>?@%{}\\/ and must not end with a period or space', separator: '-', globallyUnique: false },
  keyVault: {
    label: 'key vault',
    abbreviation: 'kv',
    minLength: 3,
    maxLength: 24,
    pattern: /^[A-Za-z]([A-Za-z0-9-]*[A-Za-z0-9])?$/,
    patternText: 'may contain only letters, digits and hyphens, must start with a letter and end with a letter or digit',
    separator: '-',
    globallyUnique: true,
    noConsecutiveHyphens: true,
  },
  userAssignedIdentity: {
    label: 'managed identity',
    abbreviation: 'id',
    minLength: 3,
    maxLength: 128,
    pattern: /^[A-Za-z0-9][A-Za-z0-9_-]*$/,
    patternText: 'may contain only letters, digits, hyphens and underscores, and must start with a letter or digit',
    separator: '-',
    globallyUnique: false,
  },
  containerRegistry: {
    label: 'container registry',
    abbreviation: 'cr',
    minLength: 5,
    maxLength: 50,
    pattern: /^[A-Za-z0-9]+$/,
    patternText: 'may contain only letters and digits',
    separator: '',
    globallyUnique: true,
  },
  storageAccount: {
    label: 'storage account',
    abbreviation: 'st',
    minLength: 3,
    maxLength: 24,
    pattern: /^[a-z0-9]+$/,
    patternText: 'may contain only lowercase letters and digits',
    separator: '',
    globallyUnique: true,
  },
  redisCache: {
    label: 'Redis cache',
    abbreviation: 'redis',
    minLength: 1,
    maxLength: 63,
    pattern: ALNUM_HYPHEN_EDGES_RE,
    patternText: ALNUM_HYPHEN_EDGES,
    separator: '-',
    globallyUnique: true,
    noConsecutiveHyphens: true,
  },
  postgresqlFlexibleServer: {
    label: 'PostgreSQL flexible server',
    abbreviation: 'psql',
    minLength: 3,
    maxLength: 63,
    pattern: /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/,
    patternText: 'may contain only lowercase letters, digits and hyphens, and must not start or end with a hyphen',
    separator: '-',
    globallyUnique: true,
  },
  appServicePlan: {
    label: 'App Service plan',
    abbreviation: 'asp',
    minLength: 1,
    maxLength: 60,
    pattern: /^[A-Za-z0-9-]+$/,
    patternText: 'may contain only letters, digits and hyphens',
    separator: '-',
    globallyUnique: false,
  },
  webApp: {
    label: 'web app',
    abbreviation: 'app',
    minLength: 2,
    maxLength: 60,
    pattern: ALNUM_HYPHEN_EDGES_RE,
    patternText: ALNUM_HYPHEN_EDGES,
    separator: '-',
    globallyUnique: true,
  },
  frontDoorProfile: {
    label: 'Front Door profile',
    abbreviation: 'afd',
    minLength: 1,
    maxLength: 260,
    pattern: ALNUM_HYPHEN_EDGES_RE,
    patternText: ALNUM_HYPHEN_EDGES,
    separator: '-',
    globallyUnique: false,
  },
  frontDoorEndpoint: {
    label: 'Front Door endpoint',
    abbreviation: 'fde',
    minLength: 1,
    maxLength: 46,
    pattern: ALNUM_HYPHEN_EDGES_RE,
    patternText: ALNUM_HYPHEN_EDGES,
    separator: '-',
    // Front Door appends its own random hash to the endpoint host name.
    globallyUnique: false,
  },
  frontDoorFirewallPolicy: {
    label: 'Front Door firewall policy',
    abbreviation: 'fdfp',
    minLength: 1,
    maxLength: 128,
    pattern: /^[A-Za-z][A-Za-z0-9]*$/,
    patternText: 'may contain only letters and digits, and must start with a letter',
    separator: '',
    globallyUnique: false,
  },
  trafficManagerProfile: {
    label: 'Traffic Manager profile',
    abbreviation: 'traf',
    minLength: 1,
    maxLength: 63,
    pattern: /^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$/,
    patternText: 'may contain only letters, digits, periods and hyphens, and must start and end with a letter or digit',
    separator: '-',
    // The profile name doubles as its <name>.trafficmanager.net DNS label.
    globallyUnique: true,
  },
  containerAppsEnvironment: {
    label: 'Container Apps environment',
    abbreviation: 'cae',
    minLength: 2,
    maxLength: 60,
    pattern: /^[a-z][a-z0-9-]*[a-z0-9]$/,
    patternText: 'may contain only lowercase letters, digits and hyphens, must start with a letter and end with a letter or digit',
    separator: '-',
    globallyUnique: false,
    noConsecutiveHyphens: true,
  },
  containerApp: {
    label: 'container app',
    abbreviation: 'ca',
    minLength: 2,
    maxLength: 32,
    pattern: /^[a-z][a-z0-9-]*[a-z0-9]$/,
    patternText: 'may contain only lowercase letters, digits and hyphens, must start with a letter and end with a letter or digit',
    separator: '-',
    globallyUnique: false,
    noConsecutiveHyphens: true,
  },
  natGateway: { label: 'NAT gateway', abbreviation: 'ng', minLength: 1, maxLength: 80, pattern: NET_RE, patternText: NET, separator: '-', globallyUnique: false },
  ddosProtectionPlan: { label: 'DDoS protection plan', abbreviation: 'ddos', minLength: 1, maxLength: 80, pattern: NET_RE, patternText: NET, separator: '-', globallyUnique: false },
  applicationGateway: { label: 'application gateway', abbreviation: 'agw', minLength: 1, maxLength: 80, pattern: NET_RE, patternText: NET, separator: '-', globallyUnique: false },
  applicationGatewayWafPolicy: {
    label: 'WAF policy',
    abbreviation: 'waf',
    minLength: 1,
    maxLength: 128,
    pattern: /^[A-Za-z0-9]([A-Za-z0-9_.-]*[A-Za-z0-9_])?$/,
    patternText: NET,
    separator: '-',
    globallyUnique: false,
  },
  virtualMachine: {
    label: 'Linux virtual machine',
    abbreviation: 'vm',
    minLength: 1,
    maxLength: 64,
    pattern: /^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?$/,
    patternText: ALNUM_HYPHEN_EDGES,
    separator: '-',
    globallyUnique: false,
  },
  managedDisk: { label: 'managed disk', abbreviation: 'disk', minLength: 1, maxLength: 80, pattern: NET_RE, patternText: NET, separator: '-', globallyUnique: false },
  mysqlFlexibleServer: {
    label: 'MySQL flexible server',
    abbreviation: 'mysql',
    minLength: 3,
    maxLength: 63,
    pattern: /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/,
    patternText: 'may contain only lowercase letters, digits and hyphens, and must not start or end with a hyphen',
    separator: '-',
    globallyUnique: true,
  },
  cognitiveAccount: {
    label: 'Azure AI services account',
    abbreviation: 'oai',
    minLength: 2,
    maxLength: 64,
    pattern: /^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?$/,
    patternText: ALNUM_HYPHEN_EDGES,
    separator: '-',
    // The name is also the custom subdomain <name>.openai.azure.com.
    globallyUnique: true,
  },
  backupVault: {
    label: 'backup vault',
    abbreviation: 'bvault',
    minLength: 2,
    maxLength: 50,
    pattern: /^[A-Za-z][A-Za-z0-9-]*$/,
    patternText: 'may contain only letters, digits and hyphens, and must start with a letter',
    separator: '-',
    globallyUnique: false,
  },
};

/**
 * Short region codes used in names (`rg-flowlite-dev-eus`). A location outside
 * this table is rejected by `AzureStack`, which catches typos such as `eastsu`.
 */
export const AZURE_REGION_SHORT_NAMES: Readonly<Record<string, string>> = {
  eastus: 'eus',
  eastus2: 'eus2',
  centralus: 'cus',
  northcentralus: 'ncus',
  southcentralus: 'scus',
  westcentralus: 'wcus',
  westus: 'wus',
  westus2: 'wus2',
  westus3: 'wus3',
  canadacentral: 'cnc',
  canadaeast: 'cne',
  brazilsouth: 'brs',
  brazilsoutheast: 'bse',
  mexicocentral: 'mxc',
  northeurope: 'neu',
  westeurope: 'weu',
  uksouth: 'uks',
  ukwest: 'ukw',
  francecentral: 'frc',
  francesouth: 'frs',
  germanywestcentral: 'gwc',
  germanynorth: 'gn',
  switzerlandnorth: 'szn',
  switzerlandwest: 'szw',
  norwayeast: 'nwe',
  norwaywest: 'nww',
  swedencentral: 'sdc',
  swedensouth: 'sds',
  polandcentral: 'plc',
  italynorth: 'itn',
  spaincentral: 'spc',
  eastasia: 'ea',
  southeastasia: 'sea',
  japaneast: 'jpe',
  japanwest: 'jpw',
  koreacentral: 'krc',
  koreasouth: 'krs',
  centralindia: 'inc',
  southindia: 'ins',
  westindia: 'inw',
  australiaeast: 'ae',
  australiasoutheast: 'ase',
  australiacentral: 'acl',
  uaenorth: 'uan',
  uaecentral: 'uac',
  southafricanorth: 'san',
  southafricawest: 'saw',
  qatarcentral: 'qac',
  israelcentral: 'ilc',
  newzealandnorth: 'nzn',
};

/** `East US` / `eastus` → `eastus` (the form the provider stores). */
export function normalizeLocation(location: string): string {
  return location.replace(/\s+/g, '').toLowerCase();
}

/** `eastus` → `eus`; undefined for a location outside {@link AZURE_REGION_SHORT_NAMES}. */
export function regionShortName(location: string): string | undefined {
  return AZURE_REGION_SHORT_NAMES[normalizeLocation(location)];
}

interface NameCheck {
  readonly rule: AzureNameRule;
  readonly name: string;
}

/** One row per naming rule, so the error says exactly which one broke. */
const NAME_RULES: Rule<NameCheck>[] = [
  {
    rule: (c) => `${c.rule.label} name must be ${c.rule.minLength}-${c.rule.maxLength} characters long`,
    check: (c) => (c.name.length < c.rule.minLength || c.name.length > c.rule.maxLength ? c.name : undefined),
  },
  {
    rule: (c) => `${c.rule.label} name ${c.rule.patternText}`,
    check: (c) => (c.rule.pattern.test(c.name) ? undefined : c.name),
  },
  {
    rule: (c) => `${c.rule.label} name must not contain consecutive hyphens`,
    check: (c) => (c.rule.noConsecutiveHyphens && c.name.includes('--') ? c.name : undefined),
  },
];

/**
 * Throws a `ValidationError` naming `scope`'s path, the name and the broken
 * rule when `name` breaks the naming rules of `kind`. Unresolved tokens
 * (names computed by Terraform) are not checked.
 */
export function validateAzureName(scope: IConstruct, kind: AzureResourceKind, name: string): void {
  if (Token.isUnresolved(name)) return;
  validateProps(scope, { rule: AZURE_NAME_RULES[kind], name }, NAME_RULES);
}

/**
 * The name of a child of a named resource: `<prefix>-<parent>[-<parts>]`
 * (`childName('pep', 'kv-app-dev-eus-1a2b3c', 'vault')` → `pep-kv-app-dev-eus-1a2b3c-vault`),
 * used for locks, diagnostic settings, private endpoints and their NICs and connections.
 * The parent may be a token; the other parts are lower-cased.
 */
export function childName(prefix: string, parent: string, ...parts: string[]): string {
  return [prefix, parent, ...parts.map((p) => p.toLowerCase())].filter((p) => p !== '').join('-');
}

/** `personal-tech` → `pt`; a one-word workload stays as it is. */
export function workloadInitials(workload: string): string {
  const words = workload.toLowerCase().split(/[^a-z0-9]+/).filter((w) => w !== '');
  return words.length > 1 ? words.map((w) => w[0]).join('') : words.join('');
}

/**
 * CAF-style names for one workload, environment and region:
 * `<abbreviation>-<workload>[-<qualifiers>]-<environment>-<region>`, e.g.
 * `rg-personal-tech-dev-eus`, `vnet-flowlite-dev-weu`. Services that forbid
 * hyphens get the parts run together (`stpersonaltechdeveus1a2b3c`).
 * Globally unique services get a deterministic 6-character hash suffix of
 * (seed, workload, environment, region, kind, qualifiers), so names stay the
 * same across synths and differ between subscriptions when the seed does.
 * Names longer than the service allows are shortened in the workload and
 * qualifier part, never in the environment, region or suffix: with
 * qualifiers, the workload becomes its initials (`personal-tech` → `pt`)
 * first; only if that is not enough is the variable part cut to fit.
 */
export class AzureNaming {
  public readonly locationShort: string;

  constructor(
    public readonly workload: string,
    public readonly environment: string,
    public readonly location: string,
    /** Mixed into the hashed suffix (the subscription id when known). */
    public readonly seed = '',
  ) {
    this.locationShort = regionShortName(location) ?? normalizeLocation(location);
  }

  /** The generated name of a `kind` resource; `qualifiers` tell apart several of one kind (`name('storageAccount', 'static')`). */
  name(kind: AzureResourceKind, ...qualifiers: string[]): string {
    const r = AZURE_NAME_RULES[kind];
    const clean = (s: string) => (r.separator === '' ? s.toLowerCase().replace(/[^a-z0-9]/g, '') : s.toLowerCase().replace(/[^a-z0-9-]/g, '-').replace(/-+/g, '-').replace(/^-|-$/g, ''));
    const head = clean(r.abbreviation);
    const join = (parts: string[]) => parts.filter((p) => p !== '').join(r.separator);
    const quals = qualifiers.map(clean);
    const tail = [this.environment, this.locationShort].map(clean).filter((p) => p !== '');
    if (r.globallyUnique) tail.push(this.suffix(kind, ...qualifiers));
    // A long environment name (`production`) would make the name overflow the service's limit: cut the
    // environment (to 3 characters at least) so the workload keeps 3 (deterministic; the hash suffix keeps the full name).
    const fixedOf = () => head.length + tail.join(r.separator).length + 2 * r.separator.length;
    const want = Math.min(join([clean(this.workload), ...quals]).length, 3);
    if (tail.length > 0 && r.maxLength - fixedOf() < 1) tail[0] = tail[0].slice(0, Math.max(3, tail[0].length - (want - (r.maxLength - fixedOf()))));
    const fixedLength = fixedOf();
    const room = Math.max(1, r.maxLength - fixedLength);
    // Too long with a qualifier: the workload shrinks to its initials (`personal-tech` → `pt`) so
    // the qualifier stays readable (`stptstaticdeveus1a2b3c`); then the variable part is cut.
    // (Names without qualifiers are only cut, as before, so no deployed name changes.)
    let body = join([clean(this.workload), ...quals]);
    if (body.length > room && join(quals) !== '') body = join([workloadInitials(this.workload), ...quals]);
    if (body.length > room) body = body.slice(0, room).replace(/-+$/, '');
    return join([head, body, ...tail]);
  }

  /** The deterministic suffix used for globally unique names. */
  suffix(kind: AzureResourceKind, ...qualifiers: string[]): string {
    return shortHash([this.seed, this.workload, this.environment, normalizeLocation(this.location), kind, ...qualifiers].join('/'), 6);
  }
}
