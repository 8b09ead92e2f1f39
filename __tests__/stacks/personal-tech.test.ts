import { ApplicationInsights } from '@cdktf/provider-azurerm/lib/application-insights';
import { CdnFrontdoorFirewallPolicy } from '@cdktf/provider-azurerm/lib/cdn-frontdoor-firewall-policy';
import { CdnFrontdoorOrigin } from '@cdktf/provider-azurerm/lib/cdn-frontdoor-origin';
import { CdnFrontdoorProfile } from '@cdktf/provider-azurerm/lib/cdn-frontdoor-profile';
import { CdnFrontdoorRoute } from '@cdktf/provider-azurerm/lib/cdn-frontdoor-route';
import { ContainerRegistry } from '@cdktf/provider-azurerm/lib/container-registry';
import { KeyVault } from '@cdktf/provider-azurerm/lib/key-vault';
import { LogAnalyticsWorkspace } from '@cdktf/provider-azurerm/lib/log-analytics-workspace';
import { MonitorAutoscaleSetting } from '@cdktf/provider-azurerm/lib/monitor-autoscale-setting';
import { PostgresqlFlexibleServer } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server';
import { PostgresqlFlexibleServerDatabase } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server-database';
import { RedisCache } from '@cdktf/provider-azurerm/lib/redis-cache';
import { ServicePlan } from '@cdktf/provider-azurerm/lib/service-plan';
import { StorageContainer } from '@cdktf/provider-azurerm/lib/storage-container';
import { StorageManagementPolicy } from '@cdktf/provider-azurerm/lib/storage-management-policy';
import { TrafficManagerAzureEndpoint } from '@cdktf/provider-azurerm/lib/traffic-manager-azure-endpoint';
import { TrafficManagerExternalEndpoint } from '@cdktf/provider-azurerm/lib/traffic-manager-external-endpoint';
import { TrafficManagerProfile } from '@cdktf/provider-azurerm/lib/traffic-manager-profile';
import { Testing } from 'cdktf';
import { azureBackend } from '../../config/azure-backend';
import { PERSONAL_TECH_ENVIRONMENTS, personalTechConfig, personalTechSchema } from '../../config/personal-tech';
import { loadConfig, merge } from '../../lib/core/config';
import { addPersonalTechStacks, PersonalTechStack } from '../../stacks/personal-tech';
import { expectValidationError } from '../helpers';

type Resource = Record<string, unknown>;
type StackJson = { resource: Record<string, Record<string, Resource>>; terraform: { backend: Record<string, unknown> }; output?: Record<string, unknown> };

const synthEnv = (env: 'dev' | 'prod') => Testing.synth(new PersonalTechStack(Testing.app(), `personal-tech-${env}`, env, personalTechConfig(env)));
const SYNTH = { dev: synthEnv('dev'), prod: synthEnv('prod') };
const json = (env: 'dev' | 'prod'): StackJson => JSON.parse(SYNTH[env]);
const all = (env: 'dev' | 'prod', type: string): Resource[] => Object.values(json(env).resource[type] ?? {});
const one = (env: 'dev' | 'prod', type: string): Resource => {
  const rs = all(env, type);
  expect(rs).toHaveLength(1);
  return rs[0];
};
const KV_REF = /^@Microsoft\.KeyVault\(SecretUri=\$\{azurerm_key_vault_secret\.Secrets_[A-Za-z-]+-secret_[0-9A-F]+\.versionless_id\}\)$/;
const ENVS = ['dev', 'prod'] as const;

describe('personal-tech stacks', () => {
  test('addPersonalTechStacks creates personal-tech-dev and personal-tech-prod on the azurerm backend, one key each', () => {
    const stacks = addPersonalTechStacks(Testing.app());
    expect(stacks.map((s) => s.node.id)).toEqual(['personal-tech-dev', 'personal-tech-prod']);
    for (const s of stacks) {
      if (azureBackend.type !== 'azurerm') throw new Error('azurerm backend expected');
      expect(JSON.parse(Testing.synth(s)).terraform.backend.azurerm).toEqual({
        resource_group_name: azureBackend.resourceGroupName,
        storage_account_name: azureBackend.storageAccountName,
        container_name: azureBackend.containerName,
        key: `${s.node.id}.tfstate`,
        use_azuread_auth: true,
      });
    }
  });

  describe.each(ENVS)('%s', (env) => {
    test('web app: the personal-tech container from ACR, pulled with its identity, health check /health/, HTTPS only', () => {
      const app = one(env, 'azurerm_linux_web_app') as { site_config: Record<string, unknown>; app_settings: Record<string, string> } & Resource;
      expect(app.https_only).toBe(true);
      expect(app.identity).toEqual({ type: 'SystemAssigned' });
      expect(app.site_config).toMatchObject({
        health_check_path: '/health/',
        minimum_tls_version: '1.2',
        ftps_state: 'Disabled',
        http2_enabled: true,
        container_registry_use_managed_identity: true,
        vnet_route_all_enabled: true,
        application_stack: { docker_image_name: 'personal-tech:latest', docker_registry_url: expect.stringMatching(/^https:\/\/\$\{azurerm_container_registry\.Registry_[0-9A-F]+\.login_server\}$/) },
      });
      expect(app.virtual_network_subnet_id).toMatch(/azurerm_subnet\.Network_Subnet-snet-app_[0-9A-F]+\.id/);
    });

    test('app settings: DEBUG=False, DATABASE_URL / SECRET_KEY / REDIS_URL are Key Vault references, no registry password', () => {
      const settings = (one(env, 'azurerm_linux_web_app') as { app_settings: Record<string, string> }).app_settings;
      expect(settings.DEBUG).toBe('False');
      expect(settings.DATABASE_URL).toMatch(KV_REF);
      expect(settings.SECRET_KEY).toMatch(KV_REF);
      expect(settings.REDIS_URL).toMatch(KV_REF);
      expect(settings.DATABASE_URL).toContain('DATABASE-URL');
      expect(settings.SECRET_KEY).toContain('SECRET-KEY');
      expect(settings.WEBSITES_PORT).toBe('8000');
      expect(settings.APPLICATIONINSIGHTS_CONNECTION_STRING).toMatch(/^\$\{azurerm_application_insights\.Insights_[0-9A-F]+\.connection_string\}$/);
      // dev: from the Front Door endpoint; prod: the site and its static files share the host (Front Door routes /static/*).
      if (env === 'dev') expect(settings.STATIC_URL).toMatch(/^https:\/\/\$\{azurerm_cdn_frontdoor_endpoint\.Cdn_Endpoint_[0-9A-F]+\.host_name\}\/static\/$/);
      else expect(settings.STATIC_URL).toBe('/static/');
      expect(Object.keys(settings).filter((k) => /DOCKER_REGISTRY_SERVER_(USERNAME|PASSWORD)/.test(k))).toEqual([]);
      expect(JSON.stringify(one(env, 'azurerm_linux_web_app'))).not.toMatch(/docker_registry_(password|username)/);
    });

    test('the web app identity gets AcrPull, Key Vault Secrets User and blob write; the deployer writes the secrets', () => {
      const grants = all(env, 'azurerm_role_assignment').map((r) => [r.role_definition_name, String(r.principal_id).replace(/_[0-9A-F]+\./, '.')]);
      const web = '${azurerm_linux_web_app.Web.identity[0].principal_id}';
      expect(grants).toEqual(
        expect.arrayContaining([
          ['AcrPull', web],
          ['Key Vault Secrets User', web],
          ['Storage Blob Data Contributor', web],
          ['Key Vault Secrets Officer', '${data.azurerm_client_config.client-config.object_id}'],
        ]),
      );
      expect(grants.filter(([role]) => role === 'Storage Blob Data Contributor')).toHaveLength(2);
    });

    test('PostgreSQL 15 flexible server: 7-day backups, no geo-redundant backup, TLS 1.2 required, private, password from Key Vault', () => {
      const db = one(env, 'azurerm_postgresql_flexible_server');
      expect(db).toMatchObject({ version: '15', backup_retention_days: 7, geo_redundant_backup_enabled: false, public_network_access_enabled: false, storage_mb: 65536 });
      expect(db.administrator_password).toMatch(/^\$\{random_password\.Secrets_postgres-admin-password-password_[0-9A-F]+\.result\}$/);
      const params = Object.fromEntries(all(env, 'azurerm_postgresql_flexible_server_configuration').map((p) => [p.name, p.value]));
      expect(params).toMatchObject({ require_secure_transport: 'on', ssl_min_protocol_version: 'TLSv1.2' });
      expect(SYNTH[env]).toHaveResourceWithProperties(PostgresqlFlexibleServerDatabase, { name: 'personal_tech', charset: 'UTF8' });
      const pe = all(env, 'azurerm_private_endpoint').find((p) => JSON.stringify(p).includes('postgresqlServer'));
      expect(pe).toMatchObject({ private_dns_zone_group: { name: 'default', private_dns_zone_ids: [expect.stringMatching(/azurerm_private_dns_zone\.Network_Dns-privatelinkpostgresdatabaseazurecom_[0-9A-F]+\.id/)] } });
      expect(all(env, 'azurerm_private_dns_zone').map((z) => z.name)).toContain('privatelink.postgres.database.azure.com');
    });

    test('blob storage: public-read `static` container behind Front Door, private `backups` with a 30-day lifecycle', () => {
      expect(SYNTH[env]).toHaveResourceWithProperties(StorageContainer, { name: 'static', container_access_type: 'blob' });
      expect(SYNTH[env]).toHaveResourceWithProperties(StorageContainer, { name: 'backups', container_access_type: 'private' });
      expect(SYNTH[env]).toHaveResourceWithProperties(StorageManagementPolicy, {
        rule: [
          {
            name: 'backups-30d',
            enabled: true,
            filters: { blob_types: ['blockBlob'], prefix_match: ['backups/'] },
            actions: { base_blob: { delete_after_days_since_modification_greater_than: 30 }, version: { delete_after_days_since_creation: 30 }, snapshot: { delete_after_days_since_creation_greater_than: 30 } },
          },
        ],
      });
      const accounts = all(env, 'azurerm_storage_account');
      const staticAccount = accounts.find((a) => String(a.name).startsWith(`stptstatic${env}eus`))!;
      const backupAccount = accounts.find((a) => String(a.name).startsWith(`stptbackup${env}eus`))!;
      expect(staticAccount).toMatchObject({ allow_nested_items_to_be_public: true, public_network_access_enabled: true, min_tls_version: 'TLS1_2', https_traffic_only_enabled: true, shared_access_key_enabled: false });
      expect(backupAccount).toMatchObject({ allow_nested_items_to_be_public: false, public_network_access_enabled: false, network_rules: { default_action: 'Deny', bypass: ['AzureServices'] } });
    });

    test('Front Door in front of the static files: /static/* → the static account blob host, HTTPS redirect, compression', () => {
      expect(SYNTH[env]).toHaveResourceWithProperties(CdnFrontdoorProfile, { sku_name: 'Standard_AzureFrontDoor' });
      expect(SYNTH[env]).toHaveResourceWithProperties(CdnFrontdoorOrigin, { host_name: expect.stringMatching(/^\$\{azurerm_storage_account\.StaticFiles_[0-9A-F]+\.primary_blob_host\}$/) });
      expect(SYNTH[env]).toHaveResourceWithProperties(CdnFrontdoorRoute, {
        patterns_to_match: ['/static/*'],
        https_redirect_enabled: true,
        forwarding_protocol: 'HttpsOnly',
        cache: expect.objectContaining({ compression_enabled: true }),
      });
    });

    test('observability: workspace-based Application Insights "web", diagnostic settings to Log Analytics', () => {
      expect(SYNTH[env]).toHaveResourceWithProperties(ApplicationInsights, { application_type: 'web', workspace_id: expect.stringMatching(/azurerm_log_analytics_workspace\.Logs_[0-9A-F]+\.id/) });
      expect(SYNTH[env]).toHaveResourceWithProperties(LogAnalyticsWorkspace, { retention_in_days: env === 'prod' ? 90 : 30 });
      const targets = all(env, 'azurerm_monitor_diagnostic_setting').map((d) => String(d.target_resource_id).replace(/^\$\{azurerm_([a-z_]+)\..*$/, '$1'));
      expect(targets).toEqual(expect.arrayContaining(['linux_web_app', 'service_plan', 'postgresql_flexible_server', 'redis_cache', 'key_vault', 'container_registry', 'cdn_frontdoor_profile', 'virtual_network', 'storage_account']));
      all(env, 'azurerm_monitor_diagnostic_setting').forEach((d) => expect(d.log_analytics_workspace_id).toMatch(/azurerm_log_analytics_workspace\.Logs_[0-9A-F]+\.id/));
    });

    test('Key Vault (RBAC, purge protection) holds SECRET-KEY, the database password, DATABASE-URL and REDIS-URL', () => {
      expect(SYNTH[env]).toHaveResourceWithProperties(KeyVault, { rbac_authorization_enabled: true, purge_protection_enabled: true, public_network_access_enabled: false, soft_delete_retention_days: env === 'prod' ? 90 : 7 });
      expect(all(env, 'azurerm_key_vault_secret').map((s) => s.name).sort()).toEqual(['DATABASE-URL', 'REDIS-URL', 'SECRET-KEY', 'postgres-admin-password']);
      expect(one(env, 'azurerm_redis_cache')).toMatchObject({ minimum_tls_version: '1.2', non_ssl_port_enabled: false, public_network_access_enabled: false });
    });

    test('no Traffic Manager unless configured', () => {
      expect(json(env).resource.azurerm_traffic_manager_profile).toBeUndefined();
    });

    test('no password or secret literal anywhere in the synthesized stack', () => {
      const offenders: string[] = [];
      const walk = (v: unknown, path: string) => {
        if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}[${i}]`));
        else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, `${path}.${k}`);
        else if (typeof v === 'string' && /(password|secret|access_key|connection_string)$/i.test(path) && !/^(\$\{.+\}|@Microsoft\.KeyVault\(.+\))$/.test(v)) offenders.push(`${path}=${v}`);
      };
      walk(json(env), '');
      expect(offenders).toEqual([]);
      // Key Vault secret values are references to generated passwords or resource attributes, never literals.
      all(env, 'azurerm_key_vault_secret').forEach((s) => expect(s.value).toMatch(/\$\{(random_password|azurerm_)[^}]+\}/));
      const url = all(env, 'azurerm_key_vault_secret').find((s) => s.name === 'DATABASE-URL')!;
      expect(url.value).toMatch(/^postgresql:\/\/psqladmin:\$\{random_password\.[^}]+\.result\}@\$\{azurerm_postgresql_flexible_server\.[^}]+\.fqdn\}:5432\/personal_tech\?sslmode=require$/);
      expect(SYNTH[env]).not.toMatch(/"password"|registryPassword|POSTGRES_PASSWORD/);
    });

    test('snapshot', () => {
      expect(SYNTH[env]).toMatchSnapshot();
    });
  });

  test('dev: B1 plan without autoscale (Basic scales by hand), Burstable B1ms, Basic Redis and registry', () => {
    expect(SYNTH.dev).toHaveResourceWithProperties(ServicePlan, { sku_name: 'B1', os_type: 'Linux', zone_balancing_enabled: false });
    expect(json('dev').resource.azurerm_monitor_autoscale_setting).toBeUndefined();
    expect(SYNTH.dev).toHaveResourceWithProperties(PostgresqlFlexibleServer, { sku_name: 'B_Standard_B1ms' });
    expect(one('dev', 'azurerm_postgresql_flexible_server').high_availability).toBeUndefined();
    expect(SYNTH.dev).toHaveResourceWithProperties(RedisCache, { sku_name: 'Basic', capacity: 0 });
    expect(SYNTH.dev).toHaveResourceWithProperties(ContainerRegistry, { sku: 'Basic', admin_enabled: false });
    expect(json('dev').resource.azurerm_management_lock).toBeUndefined();
    expect(json('dev').resource.azurerm_cdn_frontdoor_firewall_policy).toBeUndefined();
  });

  test("prod: P1v3 with the seed's autoscale (1/10/1, CPU > 70 % over 5 min → +1, 5 min cooldown) and the added scale-in rule", () => {
    expect(SYNTH.prod).toHaveResourceWithProperties(ServicePlan, { sku_name: 'P1v3', os_type: 'Linux', worker_count: 1, lifecycle: { ignore_changes: ['worker_count'] } });
    expect(SYNTH.prod).toHaveResourceWithProperties(MonitorAutoscaleSetting, {
      target_resource_id: expect.stringMatching(/azurerm_service_plan\.Plan_[0-9A-F]+\.id/),
      profile: [
        {
          name: 'Default',
          capacity: { minimum: 1, maximum: 10, default: 1 },
          rule: [
            {
              metric_trigger: expect.objectContaining({ metric_name: 'CpuPercentage', operator: 'GreaterThan', threshold: 70, statistic: 'Average', time_aggregation: 'Average', time_grain: 'PT1M', time_window: 'PT5M' }),
              scale_action: { direction: 'Increase', type: 'ChangeCount', value: 1, cooldown: 'PT5M' },
            },
            {
              metric_trigger: expect.objectContaining({ metric_name: 'CpuPercentage', operator: 'LessThan', threshold: 30, time_window: 'PT10M' }),
              scale_action: { direction: 'Decrease', type: 'ChangeCount', value: 1, cooldown: 'PT10M' },
            },
          ],
        },
      ],
    });
  });

  test('prod: General Purpose PostgreSQL with zone-redundant HA, Standard Redis, private Premium registry, WAF, locks on the data', () => {
    expect(SYNTH.prod).toHaveResourceWithProperties(PostgresqlFlexibleServer, { sku_name: 'GP_Standard_D2ds_v5', high_availability: { mode: 'ZoneRedundant' } });
    expect(SYNTH.prod).toHaveResourceWithProperties(RedisCache, { sku_name: 'Standard', capacity: 1 });
    expect(SYNTH.prod).toHaveResourceWithProperties(ContainerRegistry, { sku: 'Premium', public_network_access_enabled: false, admin_enabled: false });
    expect(all('prod', 'azurerm_private_endpoint').map((p) => (p.private_service_connection as { subresource_names: string[] }).subresource_names[0]).sort()).toEqual(['blob', 'postgresqlServer', 'redisCache', 'registry', 'vault']);
    expect(SYNTH.prod).toHaveResourceWithProperties(CdnFrontdoorFirewallPolicy, { mode: 'Prevention', custom_rule: [expect.objectContaining({ type: 'RateLimitRule', rate_limit_threshold: 2000 })] });
    const locked = all('prod', 'azurerm_management_lock').map((l) => String(l.scope).replace(/^\$\{azurerm_([a-z_]+)\..*$/, '$1'));
    expect(locked.sort()).toEqual(['data_protection_backup_vault', 'postgresql_flexible_server', 'storage_account']);
  });

  describe('issue 11 (9): domain, caching, Front Door only, backups, CI, pipeline-owned settings, stage, replication, secrets', () => {
    const byName = (env: 'dev' | 'prod', type: string) => Object.fromEntries(all(env, type).map((r) => [r.name as string, r]));

    test('a: prod serves personal-tech.com and www on Front Door with managed certificates, records in the Azure DNS zone; dev has no custom domain', () => {
      expect(one('prod', 'azurerm_dns_zone').name).toBe('personal-tech.com');
      const domains = all('prod', 'azurerm_cdn_frontdoor_custom_domain');
      expect(domains.map((d) => d.host_name).sort()).toEqual(['personal-tech.com', 'www.personal-tech.com']);
      for (const d of domains) expect(d).toMatchObject({ tls: { certificate_type: 'ManagedCertificate' }, dns_zone_id: expect.stringContaining('azurerm_dns_zone.') });
      expect(all('prod', 'azurerm_dns_txt_record').map((r) => r.name).sort()).toEqual(['_dnsauth', '_dnsauth.www']);
      expect(one('prod', 'azurerm_dns_a_record')).toMatchObject({ name: '@', target_resource_id: expect.stringContaining('azurerm_cdn_frontdoor_endpoint.') });
      expect(one('prod', 'azurerm_dns_cname_record')).toMatchObject({ name: 'www' });
      expect(Object.keys(json('prod').output ?? {})).toEqual(expect.arrayContaining(['site_urls', 'dns_zone_name_servers']));
      for (const t of ['azurerm_dns_zone', 'azurerm_cdn_frontdoor_custom_domain']) expect(all('dev', t)).toHaveLength(0);
    });

    test('b: /static/* is cached 365 days at the edge and sent with Cache-Control public, max-age=31536000, immutable', () => {
      for (const env of ENVS) {
        const rule = one(env, 'azurerm_cdn_frontdoor_rule') as { actions: Record<string, unknown> };
        expect(rule.actions).toEqual({
          route_configuration_override_action: { cache_behavior: 'OverrideAlways', cache_duration: '365.00:00:00', compression_enabled: true, query_string_caching_behavior: 'IgnoreQueryString' },
          response_header_action: [{ header_action: 'Overwrite', header_name: 'Cache-Control', value: 'public, max-age=31536000, immutable' }],
        });
        const route = byName(env, 'azurerm_cdn_frontdoor_route').default;
        expect(route.patterns_to_match).toEqual(['/static/*']);
        expect(route.cdn_frontdoor_rule_set_ids).toEqual([expect.stringContaining('azurerm_cdn_frontdoor_rule_set.')]);
      }
    });

    test('c: prod routes /* to the web app through Front Door (WAF on every domain) and the app admits only that Front Door; dev app stays public', () => {
      const site = byName('prod', 'azurerm_cdn_frontdoor_route').site;
      expect(site).toMatchObject({ patterns_to_match: ['/*'], forwarding_protocol: 'HttpsOnly' });
      expect(site.cache).toBeUndefined();
      const origin = all('prod', 'azurerm_cdn_frontdoor_origin').find((o) => String(o.host_name).includes('azurerm_linux_web_app'));
      expect(origin).toMatchObject({ host_name: expect.stringMatching(/^\$\{azurerm_linux_web_app\.Web_[0-9A-F]+\.default_hostname\}$/), origin_host_header: origin!.host_name });
      const app = one('prod', 'azurerm_linux_web_app') as { site_config: Record<string, unknown> };
      expect(app.site_config.ip_restriction_default_action).toBe('Deny');
      expect(app.site_config.ip_restriction).toEqual([
        expect.objectContaining({ action: 'Allow', service_tag: 'AzureFrontDoor.Backend', headers: [expect.objectContaining({ x_azure_fdid: [expect.stringMatching(/^\$\{azurerm_cdn_frontdoor_profile\.Cdn_Profile_[0-9A-F]+\.resource_guid\}$/)] })] }),
      ]);
      expect(app.site_config.scm_ip_restriction_default_action).toBe('Deny');
      const waf = one('prod', 'azurerm_cdn_frontdoor_security_policy') as { security_policies: { firewall: { association: { domain: unknown[] } } } };
      expect(waf.security_policies.firewall.association.domain).toHaveLength(3);
      for (const a of all('prod', 'azurerm_cdn_frontdoor_custom_domain_association')) expect(a.cdn_frontdoor_route_ids).toHaveLength(2);
      const devApp = one('dev', 'azurerm_linux_web_app') as { site_config: Record<string, unknown> };
      expect(devApp.site_config.ip_restriction).toBeUndefined();
      expect(all('dev', 'azurerm_cdn_frontdoor_route')).toHaveLength(1);
    });

    test('d: prod backs the server up with Azure Backup: daily, 30 days in a vault, roles before the instance; dev relies on the server PITR', () => {
      expect(one('prod', 'azurerm_data_protection_backup_policy_postgresql_flexible_server')).toMatchObject({
        backup_repeating_time_intervals: ['R/2024-01-01T02:00:00+00:00/P1D'],
        default_retention_rule: { life_cycle: [{ data_store_type: 'VaultStore', duration: 'P30D' }] },
      });
      expect(one('prod', 'azurerm_data_protection_backup_instance_postgresql_flexible_server')).toMatchObject({ server_id: expect.stringContaining('azurerm_postgresql_flexible_server.') });
      expect(one('prod', 'azurerm_data_protection_backup_vault')).toMatchObject({ redundancy: 'GeoRedundant', identity: { type: 'SystemAssigned' } });
      const roles = all('prod', 'azurerm_role_assignment').map((r) => r.role_definition_name);
      expect(roles).toEqual(expect.arrayContaining(['PostgreSQL Flexible Server Long Term Retention Backup Role', 'Reader']));
      expect(all('dev', 'azurerm_data_protection_backup_vault')).toHaveLength(0);
    });

    test('e: a CI identity with AcrPush on the registry and Website Contributor on the app; prod pushes from the VNet', () => {
      for (const env of ENVS) {
        expect(one(env, 'azurerm_user_assigned_identity').name).toMatch(/^id-personal-tech-ci-/);
        const ciRoles = all(env, 'azurerm_role_assignment').filter((r) => String(r.principal_id).includes('azurerm_user_assigned_identity.Ci_Identity'));
        expect(ciRoles.map((r) => [r.role_definition_name, String(r.scope).replace(/^\$\{azurerm_([a-z_]+)\..*$/, '$1')]).sort()).toEqual([
          ['AcrPush', 'container_registry'],
          ['Website Contributor', 'linux_web_app'],
        ]);
        expect(Object.keys(json(env).output ?? {})).toEqual(expect.arrayContaining(['ci_client_id', 'ci_push_from']));
      }
      expect(personalTechConfig('prod').ci.pushFrom).toBe('vnet');
      expect(personalTechConfig('dev').ci.pushFrom).toBe('internet');
    });

    test('f: what the pipeline sets (image tag, DOCKER_CUSTOM_IMAGE_NAME) is left to it', () => {
      for (const env of ENVS) {
        expect((one(env, 'azurerm_linux_web_app') as { lifecycle: unknown }).lifecycle).toEqual({
          ignore_changes: ['site_config[0].application_stack[0].docker_image_name', 'app_settings["DOCKER_CUSTOM_IMAGE_NAME"]'],
        });
      }
    });

    test('g: protection follows the typed stage, not the environment name', () => {
      const prodAsStaging = merge(personalTechConfig('prod'), { stage: 'non-production' });
      const out = JSON.parse(Testing.synth(new PersonalTechStack(Testing.app(), 'personal-tech-prod', 'prod', prodAsStaging)));
      expect(out.resource.azurerm_management_lock).toBeUndefined();
      const liveAsProd = merge(personalTechConfig('dev'), { stage: 'production' });
      const live = JSON.parse(Testing.synth(new PersonalTechStack(Testing.app(), 'personal-tech-live', 'live', liveAsProd)));
      expect(Object.keys(live.resource.azurerm_management_lock ?? {}).length).toBeGreaterThan(0);
    });

    test('h: the static-files account is ZRS in prod (rebuilt from the repository, no geo copy), LRS in dev; backups stay GRS in prod', () => {
      const accounts = (env: 'dev' | 'prod') => Object.fromEntries(all(env, 'azurerm_storage_account').map((a) => [String(a.name).includes('static') ? 'static' : 'backup', a.account_replication_type]));
      expect(accounts('prod')).toEqual({ static: 'ZRS', backup: 'GRS' });
      expect(accounts('dev')).toEqual({ static: 'LRS', backup: 'LRS' });
    });

    test('i: secrets Terraform owns carry no expiry (nothing ignored that nobody renews)', () => {
      for (const env of ENVS) {
        for (const secret of all(env, 'azurerm_key_vault_secret')) {
          expect(secret.expiration_date).toBeUndefined();
          expect(secret.lifecycle).toBeUndefined();
        }
      }
    });
  });

  test('dev: data services still private (private endpoints for Key Vault, PostgreSQL, Redis, backups); only the app subnet reaches them', () => {
    expect(all('dev', 'azurerm_private_endpoint').map((p) => (p.private_service_connection as { subresource_names: string[] }).subresource_names[0]).sort()).toEqual(['blob', 'postgresqlServer', 'redisCache', 'vault']);
    const rules = all('dev', 'azurerm_network_security_rule');
    expect(rules).toEqual(
      expect.arrayContaining([
        ...[
          ['443', 100],
          ['5432', 110],
          ['6380', 120],
        ].map(([port, priority]) =>
          expect.objectContaining({ name: `Allow-${port}-From-snet-app`, direction: 'Inbound', access: 'Allow', priority, protocol: 'Tcp', source_address_prefix: '10.20.0.0/24', destination_address_prefix: '10.20.1.0/24', destination_port_range: port }),
        ),
        expect.objectContaining({ name: 'DenyAllInbound', access: 'Deny', priority: 4096 }),
      ]),
    );
  });

  test('Traffic Manager (optional): priority failover to the web app then the secondaries, probing /health/ over HTTPS', () => {
    // Traffic Manager reaches the web app directly, so it goes with a web app that Front Door does not wall off.
    const raw = {
      ...merge(PERSONAL_TECH_ENVIRONMENTS.prod as ReturnType<typeof personalTechConfig>, {
        trafficManager: { enabled: true, secondaryEndpoints: [{ name: 'standby', target: 'personal-tech-dr.example.com' }] },
        frontDoor: { frontsSite: false },
      }),
      domain: undefined,
    };
    const config = loadConfig('personal-tech', personalTechSchema, { prod: raw }, 'prod');
    const out = Testing.synth(new PersonalTechStack(Testing.app(), 'personal-tech-prod', 'prod', config));
    expect(out).toHaveResourceWithProperties(TrafficManagerProfile, { traffic_routing_method: 'Priority', monitor_config: expect.objectContaining({ protocol: 'HTTPS', port: 443, path: '/health/' }) });
    expect(out).toHaveResourceWithProperties(TrafficManagerAzureEndpoint, { name: 'primary', priority: 1, target_resource_id: expect.stringMatching(/azurerm_linux_web_app\.Web_[0-9A-F]+\.id/) });
    expect(out).toHaveResourceWithProperties(TrafficManagerExternalEndpoint, { name: 'standby', priority: 2, target: 'personal-tech-dr.example.com' });
  });

  describe('configuration', () => {
    const dev = PERSONAL_TECH_ENVIRONMENTS.dev as ReturnType<typeof personalTechConfig>;
    const bad = (override: Parameters<typeof merge<ReturnType<typeof personalTechConfig>>>[1]) => () => loadConfig('personal-tech', personalTechSchema, { dev: merge(dev, override) }, 'dev');

    test('the seed values load', () => {
      const prod = personalTechConfig('prod');
      expect(prod.autoscale).toEqual({ enabled: true, minimum: 1, maximum: 10, default: 1, scaleOutCpuAbove: 70, scaleOutWindowMinutes: 5, scaleOutCooldownMinutes: 5, scaleInCpuBelow: 30, scaleInWindowMinutes: 10, scaleInCooldownMinutes: 10 });
      expect(personalTechConfig('dev').appService.sku).toBe('B1');
      expect(personalTechConfig('dev').storage).toEqual({ staticContainer: 'static', staticReplication: 'LRS', backupsContainer: 'backups', backupsRetentionDays: 30 });
      expect(personalTechConfig('dev').trafficManager.enabled).toBe(false);
    });

    test.each([
      [{ autoscale: { enabled: true } }, 'personal-tech.dev.autoscale.enabled: autoscale needs a Standard or Premium App Service SKU (got B1)'],
      [{ trafficManager: { enabled: true } }, 'personal-tech.dev.trafficManager.enabled: Traffic Manager endpoints need a Standard or Premium App Service SKU (got B1)'],
      [{ autoscale: { minimum: 5, maximum: 3 } }, 'personal-tech.dev.autoscale: needs minimum <= default <= maximum'],
      [{ postgres: { backupRetentionDays: 40 } }, 'personal-tech.dev.postgres.backupRetentionDays'],
      [{ postgres: { storageMiB: 51200 } }, 'personal-tech.dev.postgres.storageMiB: must be one of 32768'],
      [{ appService: { sku: 'B4' } }, 'personal-tech.dev.appService.sku: must be one of F1, B1'],
      [{ network: { appSubnet: '10.20.0.1/24' } }, 'personal-tech.dev.network.appSubnet: must be an IPv4 CIDR block'],
      [{ appService: { healthCheckPath: 'health/' } }, 'personal-tech.dev.appService.healthCheckPath'],
      [{ keyVault: { deployer: { runsInsideVnet: false } } }, 'personal-tech.dev.keyVault.deployer: set ipRanges (the public IPs Terraform runs from) or runsInsideVnet: true'],
      [
        { domain: { zoneName: 'personal-tech.com', hostNames: ['personal-tech.com'], zone: 'create' } },
        'personal-tech.dev.frontDoor.frontsSite: a custom domain is served by Front Door: set frontDoor.frontsSite: true (it would serve /static/* only)',
      ],
      [
        { frontDoor: { frontsSite: true }, domain: { zoneName: 'personal-tech.com', hostNames: ['www.other.com'], zone: 'create' } },
        'personal-tech.dev.domain.hostNames: host names must be the zone apex or inside the zone personal-tech.com (got www.other.com)',
      ],
      [
        { registry: { sku: 'Premium' } },
        "personal-tech.dev.ci.pushFrom: the Premium registry is private (no allowedIpRanges): a hosted runner cannot push; set ci.pushFrom: 'vnet' (self-hosted runner in the VNet) or registry.allowedIpRanges",
      ],
      [{ postgres: { vaultBackup: { timeOfDay: '2am' } } }, 'personal-tech.dev.postgres.vaultBackup.timeOfDay: must be HH:MM'],
      [
        { appService: { sku: 'P1v3' }, frontDoor: { frontsSite: true }, trafficManager: { enabled: true } },
        'personal-tech.dev.trafficManager.enabled: Traffic Manager probes and routes to the web app directly, which admits only Front Door when frontDoor.frontsSite: fail over with a second Front Door origin instead',
      ],
    ])('rejects %j with its field path', (override, message) => {
      expect(bad(override as never)).toThrow(message);
    });

    test('an unknown environment lists the known ones', () => {
      expect(() => personalTechConfig('staging')).toThrow('personal-tech: unknown environment "staging" (expected one of dev, prod)');
    });

    test('the vault stays private: the deployer is declared to run inside the network', () => {
      expect(personalTechConfig('dev').keyVault.deployer).toEqual({ runsInsideVnet: true });
    });

    test('a deployer outside the network gets through the vault ACL by IP, nobody else', () => {
      const raw = { ...dev, keyVault: { ...dev.keyVault, deployer: { ipRanges: ['198.51.100.7'] } } };
      const out = Testing.synth(new PersonalTechStack(Testing.app(), 'personal-tech-dev', 'dev', raw));
      expect(out).toHaveResourceWithProperties(KeyVault, { public_network_access_enabled: true, network_acls: { default_action: 'Deny', bypass: 'AzureServices', ip_rules: ['198.51.100.7'] } });
    });

    test('a stack writing secrets into a vault its deployer cannot reach fails synth, naming what to set', () => {
      const raw = { ...dev, keyVault: { ...dev.keyVault, deployer: {} } };
      expectValidationError(
        () => new PersonalTechStack(Testing.app(), 'personal-tech-dev', 'dev', raw),
        /personal-tech-dev\/Secrets: Terraform writes 4 secret\(s\) into this vault through its data plane, but its public endpoint is off and no deployer network is declared: set deployer.ipRanges \(the public IPs Terraform runs from\) or deployer.runsInsideVnet: true/,
      );
    });

    test('a construct rule still guards the stack: autoscale on a Basic plan is rejected at synth', () => {
      const raw = merge(dev, { autoscale: { enabled: true } });
      expectValidationError(() => new PersonalTechStack(Testing.app(), 'personal-tech-dev', 'dev', raw), 'personal-tech-dev/Autoscale: autoscale needs a Standard or Premium plan (B1 is Basic, which scales by hand only) (got "B1")');
    });
  });
});
