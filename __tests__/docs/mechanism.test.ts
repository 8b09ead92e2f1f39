/*
 * The generators on hand-made Terraform JSON: the serverless-platform settings
 * and feature-flag tables of seed 004 come out of the resources a stack
 * synthesizes; unknown SKUs and unpriced types are listed, never $0; the price
 * tables are dated and name a source for every row.
 */
import * as fs from 'fs';
import * as path from 'path';
import { costOf, loadPriceTables, loadSeedEstimates, stackCostMarkdown } from '../../scripts/docs/cost';
import { buildDiagram } from '../../scripts/docs/diagram';
import { envDiff } from '../../scripts/docs/envdiff';
import { applySections } from '../../scripts/docs/generate';
import { buildStack, refsIn, splitStackName, TfJson } from '../../scripts/docs/model';
import { flowliteLike } from './fixtures';

type Res = Record<string, Record<string, Record<string, unknown>>>;

function tf(resources: Res, location = 'westus2'): TfJson {
  for (const block of Object.values(resources)) for (const r of Object.values(block)) r.location ??= location;
  return { provider: { azurerm: [{ features: [{}] }] }, resource: resources };
}

interface EnvSpec {
  ddos: boolean;
  firewall: boolean;
  pe: boolean;
  purge: boolean;
  softDelete: number;
  retention: number;
  quota?: number;
  apim: boolean;
  cdn: boolean;
  adf: boolean;
  redis: boolean;
  cosmos: boolean;
}

/** A serverless-platform stack reduced to the resources the seed's tables talk about. */
function serverless(e: EnvSpec): TfJson {
  const r: Res = {
    azurerm_virtual_network: { Vnet: { name: 'vnet', address_space: ['10.0.0.0/16'] } },
    azurerm_subnet: { App: { name: 'snet-app', address_prefixes: ['10.0.1.0/24'], virtual_network_name: '${azurerm_virtual_network.Vnet.name}' } },
    azurerm_key_vault: { Kv: { name: 'kv', sku_name: 'standard', purge_protection_enabled: e.purge, soft_delete_retention_days: e.softDelete } },
    azurerm_log_analytics_workspace: { Logs: { name: 'log', sku: 'PerGB2018', retention_in_days: e.retention, ...(e.quota !== undefined ? { daily_quota_gb: e.quota } : {}) } },
    azurerm_container_app_environment: { Env: { name: 'cae', infrastructure_subnet_id: '${azurerm_subnet.App.id}' } },
    azurerm_container_app: { Users: { name: 'users-api', container_app_environment_id: '${azurerm_container_app_environment.Env.id}', template: { min_replicas: 0, container: [{ cpu: 0.5, memory: '1Gi' }] } } },
    azurerm_service_plan: { Plan: { name: 'asp', os_type: 'Linux', sku_name: 'Y1' } },
    azurerm_linux_function_app: { Worker: { name: 'func', service_plan_id: '${azurerm_service_plan.Plan.id}' } },
    azurerm_servicebus_namespace: { Bus: { name: 'sb', sku: 'Standard' } },
    azurerm_mssql_server: { Sql: { name: 'sql', version: '12.0' } },
    azurerm_mssql_database: { Db: { name: 'db', server_id: '${azurerm_mssql_server.Sql.id}', sku_name: 'S2' } },
  };
  if (e.ddos) r.azurerm_network_ddos_protection_plan = { Ddos: { name: 'ddos' } };
  if (e.firewall) r.azurerm_firewall = { Fw: { name: 'afw', sku_name: 'AZFW_VNet', sku_tier: 'Standard' } };
  if (e.pe) r.azurerm_private_endpoint = { SqlPe: { name: 'pep-sql', subnet_id: '${azurerm_subnet.App.id}', private_service_connection: { private_connection_resource_id: '${azurerm_mssql_server.Sql.id}' } } };
  if (e.apim) r.azurerm_api_management = { Apim: { name: 'apim', sku_name: 'Developer_1' } };
  if (e.cdn) r.azurerm_cdn_frontdoor_profile = { Fd: { name: 'afd', sku_name: 'Standard_AzureFrontDoor' } };
  if (e.adf) r.azurerm_data_factory = { Adf: { name: 'adf' } };
  if (e.redis) r.azurerm_redis_cache = { Redis: { name: 'redis', sku_name: 'Basic', family: 'C', capacity: 0 } };
  if (e.cosmos) r.azurerm_cosmosdb_account = { Cosmos: { name: 'cosmos', kind: 'GlobalDocumentDB', capabilities: [{ name: 'EnableServerless' }] } };
  return tf(r);
}

// Seed 004, "Environment-Specific Settings" and "Feature Flags".
const SEED_ENVS: Record<string, EnvSpec> = {
  dev: { ddos: false, firewall: false, pe: false, purge: false, softDelete: 7, retention: 30, quota: 1, apim: true, cdn: false, adf: true, redis: true, cosmos: true },
  qa: { ddos: false, firewall: false, pe: false, purge: false, softDelete: 14, retention: 30, quota: 2, apim: false, cdn: false, adf: false, redis: false, cosmos: false },
  staging: { ddos: false, firewall: false, pe: true, purge: false, softDelete: 30, retention: 60, quota: 5, apim: true, cdn: true, adf: false, redis: false, cosmos: false },
  prod: { ddos: true, firewall: true, pe: true, purge: true, softDelete: 90, retention: 365, apim: true, cdn: true, adf: false, redis: true, cosmos: false },
};

const SEED_SETTINGS = `| DDoS Protection      | ❌  | ❌  | ❌      | ✅        |
| Firewall             | ❌  | ❌  | ❌      | ✅        |
| Private Endpoints    | ❌  | ❌  | ✅      | ✅        |
| Purge Protection     | ❌  | ❌  | ❌      | ✅        |
| Soft Delete (days)   | 7   | 14  | 30      | 90        |
| Log Retention (days) | 30  | 30  | 60      | 365       |
| Daily Quota (GB)     | 1   | 2   | 5       | Unlimited |`;

const SEED_FLAGS = `| Container Apps | ✅  | ✅  | ✅      | ✅   | Microservices       |
| Functions      | ✅  | ✅  | ✅      | ✅   | Serverless workers  |
| Service Bus    | ✅  | ✅  | ✅      | ✅   | Messaging           |
| SQL Database   | ✅  | ✅  | ✅      | ✅   | Primary database    |
| API Management | ✅  | ❌  | ✅      | ✅   | API gateway         |
| CDN            | ❌  | ❌  | ✅      | ✅   | Content delivery    |
| Data Factory   | ✅  | ❌  | ❌      | ❌   | ETL (dev testing)   |
| Redis Cache    | ✅  | ❌  | ❌      | ✅   | Caching             |
| Cosmos DB      | ✅  | ❌  | ❌      | ❌   | NoSQL (dev testing) |`;

const parse = (table: string) => table.split('\n').map((l) => l.split('|').slice(1, -1).map((c) => c.trim()));

describe('envdiff reproduces seed 004 from the synthesized resources', () => {
  // given in name order (as a directory listing gives them): the diff puts them in environment order
  const stacks = Object.entries(SEED_ENVS)
    .map(([env, spec]) => buildStack(`serverless-platform-${env}`, serverless(spec)))
    .sort((a, b) => a.name.localeCompare(b.name));
  const d = envDiff('serverless-platform', stacks);

  test('environments in the seed order', () => {
    expect(d.envs).toEqual(['dev', 'qa', 'staging', 'prod']);
    expect(d.markdown).toContain('| Setting | Dev | QA | Staging | Prod |');
    expect(d.markdown).toContain('| Feature | Dev | QA | Staging | Prod | Purpose |');
  });
  test('Environment-Specific Settings table, row for row', () => {
    expect(d.settings.get('Environment-Specific Settings')).toEqual(parse(SEED_SETTINGS));
  });
  test('Feature Flags table, row for row (with the Purpose column)', () => {
    expect(d.settings.get('Feature Flags')).toEqual(parse(SEED_FLAGS).map((r) => r.slice(0, 5)));
    for (const row of parse(SEED_FLAGS)) expect(d.markdown).toContain(`| ${row.join(' | ')} |`);
  });
  test('a stack that drifts from the seed shows it (prod without the firewall)', () => {
    const drift = Object.entries({ ...SEED_ENVS, prod: { ...SEED_ENVS.prod, firewall: false } }).map(([env, spec]) => buildStack(`serverless-platform-${env}`, serverless(spec)));
    expect(envDiff('serverless-platform', drift).settings.get('Environment-Specific Settings')![1]).toEqual(['Firewall', '❌', '❌', '❌', '❌']);
  });
  test('resources present in some environments only are listed with their environments', () => {
    expect(d.markdown).toMatch(/\| Azure Firewall afw \| — \| — \| — \| ✅ \|/);
    expect(d.markdown).toMatch(/\| Cosmos DB cosmos \| ✅ \| — \| — \| — \|/);
  });
  test('the serverless-platform types are drawn and priced', () => {
    const prod = stacks.find((x) => x.env === 'prod')!;
    const dot = buildDiagram(prod).dot;
    for (const k of ['Azure Firewall', 'API Management', 'Front Door', 'Azure SQL database', 'Service Bus', 'Container App', 'DDoS protection plan']) expect(dot).toContain(`<b>${k}</b>`);
    const app = dot.split('subgraph cluster_').find((x) => x.includes('<b>subnet snet-app</b>'))!;
    expect(app).toContain('<b>Container App</b>');
    expect(app).toContain('<b>Container Apps environment</b>');
    const c = costOf(prod, loadPriceTables());
    expect(c.table?.region).toBe('westus2');
    expect(c.unknownMeters).toEqual([]);
    expect(c.unpricedTypes.size).toBe(0);
    expect(c.lines.find((l) => l.key === 'firewall.standard.hour')!.monthly).toBe(912.5);
    expect(c.lines.find((l) => l.key === 'ddos.network_protection.month')!.monthly).toBe(2944);
  });
});

describe('a flowlite-shaped Azure stack', () => {
  const st = buildStack('flowlite-prod', flowliteLike as unknown as TfJson);
  const dot = buildDiagram(st).dot;
  const cluster = (name: string) => dot.split('subgraph cluster_').find((x) => x.includes(`<b>subnet ${name}</b>`))!;
  test('each resource is drawn in its subnet: gateway, apps in their environment\'s subnet, VM through its NIC, data behind private endpoints', () => {
    expect(cluster('snet-appgw')).toContain('<b>Application Gateway</b>');
    expect(cluster('snet-api').match(/<b>Container App<\/b>/g)).toHaveLength(4);
    expect(cluster('snet-internal')).toContain('<b>Linux VM</b>');
    for (const k of ['MySQL flexible', 'Azure Cache for Redis', 'Service Bus']) expect(cluster('snet-data')).toContain(`<b>${k}</b>`);
  });
  test('NSG rules give the seed\'s flows with their ports; the gateway routes to the apps; the WAF policy filters the gateway', () => {
    expect(dot).toMatch(/internet -> anchor_\w+Gw \[label="tcp 443"/);
    expect(dot).toMatch(/peer_GatewayManager__service_tag_ -> anchor_\w+Gw \[label="tcp 65200-65535"/);
    expect(dot).toMatch(/anchor_\w+Gw -> anchor_\w+Api \[label="tcp 8000, 8001, 8003"/);
    expect(dot).toMatch(/anchor_\w+Api -> anchor_\w+Data \[label="tcp 3306, 5671, 6380"/);
    expect(dot).toMatch(/n_azurerm_application_gateway_Agw -> n_azurerm_container_app_Identity \[style=dashed/);
    expect(dot).toMatch(/n_azurerm_web_application_firewall_policy_Waf -> n_azurerm_application_gateway_Agw \[label="filters", style=dotted/);
    expect(dot).not.toMatch(/internet -> n_azurerm_application_gateway_Agw/);
  });
  test('priced line by line, nothing unknown', () => {
    const c = costOf(st, loadPriceTables());
    expect(c.unknownMeters).toEqual([]);
    expect(c.unpricedTypes.size).toBe(0);
    const m = (k: string) => c.lines.find((l) => l.key === k)!.monthly;
    expect(m('appgw.WAF_v2.gateway_hour')).toBe(323.39);
    expect(m('redis.premium.P1')).toBe(404.42);
    expect(m('servicebus.premium.mu_hour')).toBe(677.44);
    expect(m('vm.linux.Standard_NC4as_T4_v3')).toBe(383.98);
    expect(m('mysql.flexible.GP_Standard_D2ds_v4')).toBe(200.02);
  });
});

describe('cost never prices the unknown at $0', () => {
  const st = buildStack(
    'x-dev',
    tf(
      {
        azurerm_service_plan: { P: { name: 'asp', os_type: 'Linux', sku_name: 'Z9' } },
        azurerm_some_new_service: { N: { name: 'new' } },
        azurerm_resource_group_template_deployment: { T: { name: 'deploy-insight', deployment_mode: 'Incremental' } },
        azurerm_redis_cache: { R: { name: 'redis', sku_name: 'Standard', family: 'C', capacity: 1 } },
      },
      'eastus',
    ),
  );
  const c = costOf(st, loadPriceTables());
  test('a SKU without a price row is listed and left out of the total', () => {
    expect(c.unknownMeters.map((l) => l.key)).toEqual(['appservice.linux.Z9']);
    expect(c.total).toBe(100.74);
    expect(stackCostMarkdown(c)).toContain('**Unknown SKUs (no row in the price table, not included in the total):**');
    expect(stackCostMarkdown(c)).toContain('- `appservice.linux.Z9` (asp, Z9 (linux))');
  });
  test('a resource type without a rule is listed', () => {
    expect([...c.unpricedTypes.keys()]).toEqual(['azurerm_some_new_service']);
    expect(stackCostMarkdown(c)).toContain('- `azurerm_some_new_service` ×1');
  });
  test('an ARM template deployment is listed as not priced, with the reason', () => {
    expect(c.opaque).toEqual([{ resource: 'deploy-insight', type: 'azurerm_resource_group_template_deployment' }]);
    expect(stackCostMarkdown(c)).toContain('- deploy-insight (`azurerm_resource_group_template_deployment`): an ARM template deployment');
  });
  test('a region without a price table prices nothing', () => {
    const far = buildStack('y-dev', tf({ azurerm_redis_cache: { R: { name: 'r', sku_name: 'Basic', family: 'C', capacity: 0 } } }, 'japaneast'));
    const k = costOf(far, loadPriceTables());
    expect(k.table).toBeUndefined();
    expect(k.unknownMeters.map((l) => l.key)).toEqual(['redis.basic.C0']);
    expect(k.total).toBe(0);
  });
});

describe('price tables and seed estimates', () => {
  const dir = path.resolve(__dirname, '..', '..', 'prices');
  const tables = loadPriceTables();
  test('named <cloud>-<region>-<yyyy-mm>.json, matching their content, every row with a price and a source page', () => {
    expect(tables.map((t) => t.file)).toEqual(expect.arrayContaining(['prices/aws-us-east-1-2026-12.json', 'prices/azure-eastus-2026-12.json', 'prices/azure-westus2-2026-12.json']));
    for (const t of tables) {
      expect(t.file).toBe(`prices/${t.cloud}-${t.region}-${t.asOf}.json`);
      expect(t.currency).toBe('USD');
      expect(t.note).toMatch(/list prices/i);
      for (const [k, row] of Object.entries(t.prices)) {
        expect({ k, ok: typeof row.price === 'number' && row.price >= 0 && /^https:\/\/(aws\.amazon\.com|azure\.microsoft\.com)\//.test(row.source) && row.unit.length > 0 }).toEqual({ k, ok: true });
      }
    }
    expect(fs.readdirSync(dir)).toContain('seed-estimates.json');
  });
  test('the seed figures the issue names are in the comparison', () => {
    const seeds = loadSeedEstimates();
    const fig = (seed: string, env: string) => seeds.find((s) => s.seed === seed && s.env === env)!;
    expect(fig('000', 'prod').monthly).toEqual([2435, 2435]);
    expect(fig('000', 'dev').monthly).toEqual([500, 700]);
    expect(fig('002', 'prod').monthly).toEqual([300, 300]);
    expect(fig('001', 'dev').items).toEqual([{ item: 'App Service B1', monthly: 13.14 }, { item: 'PostgreSQL Basic', monthly: 27.5 }]);
    expect(fig('004', 'prod').explanation.length).toBeGreaterThan(20);
  });
});

describe('model helpers', () => {
  test('stack names split into architecture and environment', () => {
    expect(splitStackName('serverless-platform-staging')).toEqual({ arch: 'serverless-platform', env: 'staging' });
    expect(splitStackName('tfstate-aws')).toEqual({ arch: 'tfstate-aws' });
  });
  test('references are read from interpolations only, not from data sources', () => {
    expect(refsIn('${aws_lb.Alb.dns_name}:${data.aws_region.R.name}')).toEqual(['aws_lb.Alb']);
    expect(refsIn('aws_lb.Alb plain text')).toEqual([]);
  });
  test('README sections are replaced between their markers and appended when missing', () => {
    const r = applySections('a\n<!-- cost:begin -->\nold\n<!-- cost:end -->\nz\n', new Map([['cost', 'new'], ['envdiff', 'e']]));
    expect(r).toBe('a\n<!-- cost:begin -->\nnew\n<!-- cost:end -->\nz\n\n<!-- envdiff:begin -->\ne\n<!-- envdiff:end -->\n');
  });
});
