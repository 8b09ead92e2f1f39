import { readFileSync } from 'fs';
import { join } from 'path';
import { Testing } from 'cdktf';
import { SERVERLESS_PLATFORM_SETTINGS, serverlessPlatformConfig, serverlessPlatformSettingsTable } from '../../config/serverless-platform';
import { merge } from '../../lib/core/config';
import { addServerlessPlatformStacks, ServerlessPlatformStack } from '../../stacks/serverless-platform';

type Resource = Record<string, unknown>;
type StackJson = { resource: Record<string, Record<string, Resource>>; terraform: { backend: Record<string, Record<string, unknown>> } };
const ENVS = ['dev', 'qa', 'staging', 'prod'] as const;
type Env = (typeof ENVS)[number];

/** The settings table, cell by cell (written from the seed, not from the config). */
const TABLE: Record<Env, {
  vnet: string; ddosAndFirewall: boolean; privateEndpoints: boolean; purgeProtection: boolean; softDeleteDays: number; logRetentionDays: number; dailyQuotaGb: number;
  apim: string | undefined; cdn: boolean; dataFactoryAndCosmos: boolean; redis: boolean; functionsPlan: 'consumption' | 'premium'; sqlSku: string;
}> = {
  dev: { vnet: '10.0.0.0/16', ddosAndFirewall: false, privateEndpoints: false, purgeProtection: false, softDeleteDays: 7, logRetentionDays: 30, dailyQuotaGb: 1, apim: 'Developer_1', cdn: false, dataFactoryAndCosmos: true, redis: true, functionsPlan: 'consumption', sqlSku: 'Basic' },
  qa: { vnet: '10.3.0.0/16', ddosAndFirewall: false, privateEndpoints: false, purgeProtection: false, softDeleteDays: 14, logRetentionDays: 30, dailyQuotaGb: 2, apim: undefined, cdn: false, dataFactoryAndCosmos: false, redis: false, functionsPlan: 'consumption', sqlSku: 'Basic' },
  staging: { vnet: '10.1.0.0/16', ddosAndFirewall: false, privateEndpoints: true, purgeProtection: false, softDeleteDays: 30, logRetentionDays: 60, dailyQuotaGb: 5, apim: 'Developer_1', cdn: true, dataFactoryAndCosmos: false, redis: false, functionsPlan: 'consumption', sqlSku: 'Basic' },
  // "Standard tier" is StandardV2 (classic Standard cannot reach the private microservices); "unlimited" is -1.
  prod: { vnet: '10.2.0.0/16', ddosAndFirewall: true, privateEndpoints: true, purgeProtection: true, softDeleteDays: 90, logRetentionDays: 365, dailyQuotaGb: -1, apim: 'StandardV2_1', cdn: true, dataFactoryAndCosmos: false, redis: true, functionsPlan: 'premium', sqlSku: 'S2' },
};

const SYNTH = Object.fromEntries(ENVS.map((env) => [env, Testing.synth(new ServerlessPlatformStack(Testing.app(), `serverless-platform-${env}`, serverlessPlatformConfig(env)))])) as Record<Env, string>;
const json = (env: Env): StackJson => JSON.parse(SYNTH[env]);
const all = (env: Env, type: string): Resource[] => Object.values(json(env).resource[type] ?? {});
const one = (env: Env, type: string): Resource => {
  const rs = all(env, type);
  expect(rs).toHaveLength(1);
  return rs[0];
};

describe('serverless-platform stacks', () => {
  test('addServerlessPlatformStacks creates the four stacks, one azurerm state key each in one storage account', () => {
    const stacks = addServerlessPlatformStacks(Testing.app());
    expect(stacks.map((s) => s.node.id)).toEqual(['serverless-platform-dev', 'serverless-platform-qa', 'serverless-platform-staging', 'serverless-platform-prod']);
    const backends = stacks.map((s) => JSON.parse(Testing.synth(s)).terraform.backend.azurerm);
    expect(new Set(backends.map((b) => b.storage_account_name)).size).toBe(1);
    expect(backends.map((b) => b.key)).toEqual(stacks.map((s) => `${s.node.id}.tfstate`));
  });

  describe.each(ENVS)('%s: the settings table, cell by cell', (env) => {
    const row = TABLE[env];
    test(`VNet ${row.vnet} with the six /24 subnets carved from it`, () => {
      expect(one(env, 'azurerm_virtual_network').address_space).toEqual([row.vnet]);
      const second = row.vnet.split('.')[1];
      const subnets = Object.fromEntries(all(env, 'azurerm_subnet').map((s) => [s.name, (s.address_prefixes as string[])[0]]));
      ['gateway', 'app', 'functions', 'integration', 'data', 'management'].forEach((role, i) => expect(subnets[`snet-${role}`]).toBe(`10.${second}.${i}.0/24`));
    });
    test(`DDoS protection and Azure Firewall ${row.ddosAndFirewall ? 'on' : 'off'}`, () => {
      expect(all(env, 'azurerm_network_ddos_protection_plan')).toHaveLength(row.ddosAndFirewall ? 1 : 0);
      expect(all(env, 'azurerm_firewall')).toHaveLength(row.ddosAndFirewall ? 1 : 0);
      expect(all(env, 'azurerm_route_table')).toHaveLength(row.ddosAndFirewall ? 1 : 0);
      const vnet = one(env, 'azurerm_virtual_network');
      expect(vnet.ddos_protection_plan === undefined).toBe(!row.ddosAndFirewall);
    });
    test(`private endpoints ${row.privateEndpoints ? 'on' : 'off'}`, () => {
      const peCount = all(env, 'azurerm_private_endpoint').length;
      if (row.privateEndpoints) expect(peCount).toBeGreaterThanOrEqual(5);
      else expect(peCount).toBe(0);
      expect(one(env, 'azurerm_mssql_server').public_network_access_enabled).toBe(!row.privateEndpoints);
      expect(one(env, 'azurerm_servicebus_namespace').public_network_access_enabled).toBe(!row.privateEndpoints);
    });
    test(`purge protection ${row.purgeProtection ? 'on' : 'off'}, soft delete ${row.softDeleteDays} days`, () => {
      expect(one(env, 'azurerm_key_vault')).toMatchObject({ purge_protection_enabled: row.purgeProtection, soft_delete_retention_days: row.softDeleteDays });
    });
    test(`log retention ${row.logRetentionDays} days, daily quota ${row.dailyQuotaGb} GB`, () => {
      expect(one(env, 'azurerm_log_analytics_workspace')).toMatchObject({ retention_in_days: row.logRetentionDays, daily_quota_gb: row.dailyQuotaGb });
    });
    test(`API Management ${row.apim ?? 'absent'}`, () => {
      const apim = all(env, 'azurerm_api_management');
      expect(apim.map((a) => a.sku_name)).toEqual(row.apim ? [row.apim] : []);
      expect(all(env, 'azurerm_api_management_api')).toHaveLength(row.apim ? 4 : 0);
    });
    test(`CDN / Front Door ${row.cdn ? 'present' : 'absent'}`, () => {
      expect(all(env, 'azurerm_cdn_frontdoor_profile')).toHaveLength(row.cdn ? 1 : 0);
      expect(all(env, 'azurerm_cdn_frontdoor_firewall_policy')).toHaveLength(row.cdn ? 1 : 0);
      expect(all(env, 'azurerm_dns_zone')).toHaveLength(row.cdn ? 1 : 0);
    });
    test(`Data Factory and Cosmos DB ${row.dataFactoryAndCosmos ? 'present' : 'absent'}`, () => {
      expect(all(env, 'azurerm_data_factory')).toHaveLength(row.dataFactoryAndCosmos ? 1 : 0);
      expect(all(env, 'azurerm_cosmosdb_account')).toHaveLength(row.dataFactoryAndCosmos ? 1 : 0);
    });
    test(`Redis ${row.redis ? 'present' : 'absent'}`, () => {
      expect(all(env, 'azurerm_redis_cache')).toHaveLength(row.redis ? 1 : 0);
    });
    test(`Functions plan ${row.functionsPlan}`, () => {
      const plans = all(env, 'azurerm_service_plan').map((p) => p.sku_name);
      if (row.functionsPlan === 'consumption') {
        // Flex Consumption: one FC1 plan per app; classic Y1 cannot join the VNet.
        expect(plans).toEqual(['FC1', 'FC1', 'FC1', 'FC1']);
        expect(all(env, 'azurerm_function_app_flex_consumption')).toHaveLength(4);
        expect(all(env, 'azurerm_linux_function_app')).toHaveLength(0);
      } else {
        expect(plans).toEqual(['EP1']);
        expect(all(env, 'azurerm_linux_function_app')).toHaveLength(4);
      }
    });
    test(`SQL Database ${row.sqlSku}`, () => {
      expect(one(env, 'azurerm_mssql_database').sku_name).toBe(row.sqlSku);
    });
  });

  describe.each(ENVS)('%s: what every environment has', (env) => {
    test('Service Bus: the seed queues and topics, dead-lettering everywhere; Standard without private endpoints, Premium with', () => {
      const ns = one(env, 'azurerm_servicebus_namespace');
      expect(ns.sku).toBe(TABLE[env].privateEndpoints ? 'Premium' : 'Standard');
      expect(ns.local_auth_enabled).toBe(false);
      expect(all(env, 'azurerm_servicebus_queue').map((q) => q.name).sort()).toEqual(['etl-queue', 'orders-queue', 'thirdparty-queue']);
      expect(all(env, 'azurerm_servicebus_topic').map((t) => t.name).sort()).toEqual(['events-topic', 'notifications-topic']);
      for (const r of [...all(env, 'azurerm_servicebus_queue'), ...all(env, 'azurerm_servicebus_subscription')]) {
        expect(r).toMatchObject({ dead_lettering_on_message_expiration: true, max_delivery_count: 10 });
      }
      expect(all(env, 'azurerm_servicebus_subscription')).toHaveLength(2);
    });

    test('four VNet-integrated function apps with identity-based storage and Service Bus connections, no public endpoint', () => {
      const apps = [...all(env, 'azurerm_function_app_flex_consumption'), ...all(env, 'azurerm_linux_function_app')] as ({ app_settings: Record<string, string> } & Resource)[];
      expect(apps).toHaveLength(4);
      for (const a of apps) {
        expect(a.virtual_network_subnet_id).toMatch(/azurerm_subnet\.Network_Subnet-snet-functions_[0-9A-F]+\.id/);
        expect(a.public_network_access_enabled).toBe(false);
        expect(a.app_settings.AzureWebJobsStorage__accountName).toMatch(/azurerm_storage_account\.FunctionsStorage/);
        expect(a.app_settings.AzureWebJobsStorage__credential).toBe('managedidentity');
        expect(a.app_settings.ServiceBusConnection__fullyQualifiedNamespace).toMatch(/\.servicebus\.windows\.net$/);
        expect(Object.keys(a.app_settings).some((k) => /AzureWebJobsStorage$|ConnectionString/i.test(k))).toBe(false);
      }
      const etl = apps.find((a) => String(a.name).includes('etl-processor'))!;
      expect(etl.app_settings.ETL_SCHEDULE).toBe('0 0 2 * * *');
    });

    test('least-privilege data roles: receivers per queue/topic, senders per service, KEDA reads orders-queue', () => {
      const roles = all(env, 'azurerm_role_assignment').map((r) => `${r.role_definition_name} @ ${String(r.scope).replace(/_[0-9A-F]{8}\.id.*$/, '')}`);
      expect(roles).toEqual(expect.arrayContaining([
        'Azure Service Bus Data Receiver @ ${azurerm_servicebus_queue.Bus_Queue-orders-queue',
        'Azure Service Bus Data Receiver @ ${azurerm_servicebus_queue.Bus_Queue-etl-queue',
        'Azure Service Bus Data Receiver @ ${azurerm_servicebus_queue.Bus_Queue-thirdparty-queue',
        'Azure Service Bus Data Receiver @ ${azurerm_servicebus_topic.Bus_Topic-events-topic',
        'Azure Service Bus Data Sender @ ${azurerm_servicebus_queue.Bus_Queue-orders-queue',
        'Azure Service Bus Data Owner @ ${azurerm_servicebus_queue.Bus_Queue-orders-queue',
        'Storage Blob Data Owner @ ${azurerm_storage_account.FunctionsStorage',
      ]));
      expect(roles.filter((r) => r.startsWith('Azure Service Bus Data Owner'))).toHaveLength(1);
      expect(roles.some((r) => / @ \$\{azurerm_resource_group/.test(r) || r.startsWith('Contributor') || r.startsWith('Owner'))).toBe(false);
    });

    test('container apps are named after their service, one name each', () => {
      const names = [...SYNTH[env].matchAll(/\\"name\\" = \{\\"value\\" = \\"(ca-[a-z0-9-]+)\\"/g), ...all(env, 'azurerm_container_app').map((a) => [a.name, a.name])].map((m) => m[1]).sort();
      expect(names).toEqual(['orders', 'payments', 'products', 'users'].map((s) => `ca-${s}-api-${env}`));
    });

    test('internal Container Apps environment in the app subnet; orders-api scales on orders-queue', () => {
      expect(one(env, 'azurerm_container_app_environment')).toMatchObject({ internal_load_balancer_enabled: true, infrastructure_subnet_id: expect.stringContaining('snet-app') });
      expect(SYNTH[env]).toContain('orders-queue');
      expect(SYNTH[env]).toContain('azure-servicebus');
    });

    test('NSGs follow the access-control table', () => {
      const rules = all(env, 'azurerm_network_security_rule').map((r) => `${r.direction} ${r.source_address_prefix} -> ${r.destination_address_prefix}:${r.destination_port_range}`);
      const second = TABLE[env].vnet.split('.')[1];
      const s = (i: number) => `10.${second}.${i}.0/24`;
      expect(rules).toEqual(expect.arrayContaining([
        `Inbound ${s(1)} -> ${s(3)}:5671-5672`,
        `Inbound ${s(2)} -> ${s(3)}:5671-5672`,
        `Inbound ${s(1)} -> ${s(4)}:1433`,
        `Inbound ${s(2)} -> ${s(4)}:1433`,
        `Outbound ${s(2)} -> Internet:443`,
      ]));
      expect(rules.includes(`Inbound Internet -> ${s(0)}:443`)).toBe(TABLE[env].apim !== undefined);
      expect(rules.includes(`Inbound ${s(0)} -> ${s(1)}:443`)).toBe(TABLE[env].apim !== undefined);
      // Internet reaches nothing but the gateway subnet.
      expect(rules.filter((r) => r.startsWith('Inbound Internet') && !r.endsWith(`${s(0)}:443`))).toEqual([]);
    });

    test('static web apps in West US 2 and West Europe; metric alerts and a workbook', () => {
      expect(all(env, 'azurerm_static_web_app').map((s) => s.location)).toEqual(['westus2', 'westeurope']);
      const metrics = all(env, 'azurerm_monitor_metric_alert').map((a) => (a.criteria as { metric_name: string }[])[0].metric_name).sort();
      expect(metrics).toEqual(expect.arrayContaining(['DeadletteredMessages', 'dtu_consumption_percent', 'requests/duration', 'requests/failed']));
      expect(metrics.includes('Requests')).toBe(TABLE[env].apim !== undefined);
      expect(all(env, 'azurerm_application_insights_workbook')).toHaveLength(1);
      expect(one(env, 'azurerm_monitor_action_group').email_receiver).toHaveLength(1);
    });

    test('SQL: Entra ID only, TLS 1.2, point-in-time restore; no secret literal in the JSON', () => {
      expect(one(env, 'azurerm_mssql_server')).toMatchObject({ minimum_tls_version: '1.2', azuread_administrator: expect.objectContaining({ azuread_authentication_only: true }) });
      expect(one(env, 'azurerm_mssql_server').administrator_login_password).toBeUndefined();
      expect((one(env, 'azurerm_mssql_database').short_term_retention_policy as { retention_days: number }).retention_days).toBe(env === 'prod' ? 35 : 7);
      expect(SYNTH[env]).not.toMatch(/"(password|administrator_login_password|primary_key|connection_string)"\s*:\s*"(?!\$\{)[^"]+"/i);
      expect(SYNTH[env]).not.toMatch(/AccountKey=|SharedAccessKey=/);
    });

    test('snapshot', () => {
      expect(SYNTH[env]).toMatchSnapshot();
    });
  });

  test('prod: function egress routed through the firewall, which allows the third-party FQDNs; NAT on the firewall subnet', () => {
    const route = one('prod', 'azurerm_route_table') as { route: { address_prefix: string; next_hop_type: string }[] };
    expect(route.route).toEqual([expect.objectContaining({ address_prefix: '0.0.0.0/0', next_hop_type: 'VirtualAppliance' })]);
    expect(one('prod', 'azurerm_subnet_route_table_association').subnet_id).toContain('snet-functions');
    expect(SYNTH.prod).toContain('api.stripe.com');
    expect(all('prod', 'azurerm_subnet_nat_gateway_association').map((a) => String(a.subnet_id).match(/Subnet-([A-Za-z-]+)_/)![1]).sort()).toEqual(['AzureFirewallSubnet', 'snet-app']);
    expect(all('dev', 'azurerm_subnet_nat_gateway_association').map((a) => String(a.subnet_id).match(/Subnet-([A-Za-z-]+)_/)![1]).sort()).toEqual(['snet-app', 'snet-functions']);
  });

  test('gateway: product with subscription required and the rate limit, caching and basic auth policies', () => {
    expect(one('dev', 'azurerm_api_management_product')).toMatchObject({ subscription_required: true, published: true });
    const xml = String(one('dev', 'azurerm_api_management_product_policy').xml_content);
    expect(xml).toContain('<rate-limit-by-key calls="100" renewal-period="60"');
    expect(xml).toContain('<cache-lookup');
    expect(xml).toContain('<cache-store duration="60" />');
    expect(xml).toContain('<check-header name="Authorization"');
    expect(xml).not.toContain('ip-filter');
    expect(one('dev', 'azurerm_api_management_named_value').value_from_key_vault).toBeDefined();
  });

  describe('bad settings', () => {
    const base = SERVERLESS_PLATFORM_SETTINGS.dev as ReturnType<typeof serverlessPlatformConfig>;
    const load = (override: object) => () => serverlessPlatformConfig('dev', { dev: merge(base, override as never) });
    test('unknown environment', () => {
      expect(() => serverlessPlatformConfig('uat')).toThrow('serverless-platform: unknown environment "uat" (expected one of dev, qa, staging, prod)');
    });
    test('a bad value fails with its field path', () => {
      expect(load({ security: { softDeleteRetentionDays: 120 } })).toThrow('serverless-platform.dev.security.softDeleteRetentionDays: Too big');
      expect(load({ network: { vnetCidr: '10.0.0.1/16' } })).toThrow('serverless-platform.dev.network.vnetCidr: must be an IPv4 CIDR block');
    });
    test('subnet outside the VNet', () => {
      expect(load({ network: { subnets: { data: '10.9.4.0/24' } } })).toThrow('serverless-platform.dev.network.subnets.data: 10.9.4.0/24 is outside the VNet 10.0.0.0/16');
    });
    test('a feature whose dependency is off', () => {
      expect(load({ features: { enableContainerApps: false } })).toThrow('serverless-platform.dev.features.enableApiManagement: needs enableContainerApps, which is off');
    });
    test('Service Bus Basic with the seed topics', () => {
      expect(load({ tiers: { serviceBusSku: 'Basic' } })).toThrow('serverless-platform.dev.tiers.serviceBusSku: Basic has no topics (events-topic, notifications-topic): use Standard or Premium');
    });
    test('private endpoints on a non-Premium namespace', () => {
      expect(load({ security: { enablePrivateEndpoints: true } })).toThrow('serverless-platform.dev.tiers.serviceBusSku: private endpoints need a Premium Service Bus namespace (got Standard)');
    });
    test('classic Consumption + VNet', () => {
      expect(load({ tiers: { functionsPlan: 'Consumption' } })).toThrow('serverless-platform.dev.tiers.functionsPlan: classic Consumption (Y1) cannot join a VNet: use FlexConsumption or ElasticPremium');
    });
    test('classic Standard API Management with private backends', () => {
      expect(load({ tiers: { apiManagementSku: 'Standard_1' } })).toThrow('serverless-platform.dev.tiers.apiManagementSku: Standard_1 cannot reach the private microservices (no VNet)');
    });
    test('Basic SQL with more than 7 days of point-in-time restore', () => {
      expect(load({ tiers: { sqlBackupRetentionDays: 14 } })).toThrow('serverless-platform.dev.tiers.sqlBackupRetentionDays: a Basic database keeps point-in-time backups at most 7 days');
    });
    test('firewall without its subnet', () => {
      const network = { ...base.network };
      delete network.firewallSubnet;
      expect(() => serverlessPlatformConfig('dev', { dev: { ...base, network: { ...network, enableFirewall: true } } })).toThrow('serverless-platform.dev.network.firewallSubnet: the firewall needs an AzureFirewallSubnet');
    });
    test('overlapping subnets', () => {
      expect(load({ network: { subnets: { management: '10.0.4.0/24' } } })).toThrow('serverless-platform.dev.network.subnets: subnets overlap');
    });
  });
});

test('README shows the settings table exactly as the code produces it', () => {
  const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
  const block = readme.split('<!-- serverless-platform-settings:begin -->\n')[1].split('\n<!-- serverless-platform-settings:end -->')[0];
  expect(block).toBe(serverlessPlatformSettingsTable());
});
