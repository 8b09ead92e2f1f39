import { CdnFrontdoorEndpoint } from '@cdktf/provider-azurerm/lib/cdn-frontdoor-endpoint';
import { CdnFrontdoorFirewallPolicy } from '@cdktf/provider-azurerm/lib/cdn-frontdoor-firewall-policy';
import { CdnFrontdoorOrigin } from '@cdktf/provider-azurerm/lib/cdn-frontdoor-origin';
import { CdnFrontdoorOriginGroup } from '@cdktf/provider-azurerm/lib/cdn-frontdoor-origin-group';
import { CdnFrontdoorProfile } from '@cdktf/provider-azurerm/lib/cdn-frontdoor-profile';
import { CdnFrontdoorRoute } from '@cdktf/provider-azurerm/lib/cdn-frontdoor-route';
import { CdnFrontdoorSecurityPolicy } from '@cdktf/provider-azurerm/lib/cdn-frontdoor-security-policy';
import { MonitorDiagnosticSetting } from '@cdktf/provider-azurerm/lib/monitor-diagnostic-setting';
import { TrafficManagerAzureEndpoint } from '@cdktf/provider-azurerm/lib/traffic-manager-azure-endpoint';
import { TrafficManagerExternalEndpoint } from '@cdktf/provider-azurerm/lib/traffic-manager-external-endpoint';
import { TrafficManagerProfile as TrafficManagerProfileResource } from '@cdktf/provider-azurerm/lib/traffic-manager-profile';
import { Testing } from 'cdktf';
import { DEFAULT_COMPRESSED_TYPES, FrontDoor, FrontDoorProps, TrafficManagerProfile, TrafficManagerProfileProps } from '../../lib/azure/frontend';
import { AzureStack } from '../../lib/azure/azure-stack';
import { expectValidationError } from '../helpers';

const newStack = () => new AzureStack(Testing.app(), 'test', { architecture: 'personal-tech', environment: 'dev', location: 'eastus', backend: { type: 'local' } });
const BLOB = 'stpersonaltechstatic.blob.core.windows.net';
const frontDoor = (props: Partial<FrontDoorProps> = {}) => {
  const stack = newStack();
  const fd = new FrontDoor(stack, 'Cdn', { origins: [{ hostName: BLOB }], ...props });
  return { stack, fd, out: () => Testing.synth(stack) };
};
const trafficManager = (props: Partial<TrafficManagerProfileProps> = {}) => {
  const stack = newStack();
  const tm = new TrafficManagerProfile(stack, 'Tm', { endpoints: [{ name: 'primary', targetResourceId: 'web-app-id' }], ...props });
  return { stack, tm, out: () => Testing.synth(stack) };
};
type Json = Record<string, Record<string, Record<string, unknown>>>;
const resources = (out: string, type: string) => Object.values((JSON.parse(out).resource as Json)[type] ?? {});

describe('FrontDoor', () => {
  test('Standard profile, endpoint, one origin on the blob host, HTTPS-only route with caching and compression', () => {
    const { out, fd } = frontDoor({ patterns: ['/static/*'] });
    const o = out();
    expect(fd.sku).toBe('Standard_AzureFrontDoor');
    expect(o).toHaveResourceWithProperties(CdnFrontdoorProfile, { name: 'afd-personal-tech-dev-eus', sku_name: 'Standard_AzureFrontDoor', response_timeout_seconds: 60 });
    expect(o).toHaveResourceWithProperties(CdnFrontdoorEndpoint, { name: 'fde-personal-tech-dev-eus', enabled: true });
    expect(o).toHaveResourceWithProperties(CdnFrontdoorOriginGroup, {
      session_affinity_enabled: false,
      load_balancing: { sample_size: 4, successful_samples_required: 3, additional_latency_in_milliseconds: 50 },
    });
    expect(resources(o, 'azurerm_cdn_frontdoor_origin_group')[0].health_probe).toBeUndefined();
    expect(o).toHaveResourceWithProperties(CdnFrontdoorOrigin, {
      host_name: BLOB,
      origin_host_header: BLOB,
      https_port: 443,
      certificate_name_check_enabled: true,
      priority: 1,
      weight: 1000,
      enabled: true,
    });
    expect(o).toHaveResourceWithProperties(CdnFrontdoorRoute, {
      patterns_to_match: ['/static/*'],
      supported_protocols: ['Http', 'Https'],
      https_redirect_enabled: true,
      forwarding_protocol: 'HttpsOnly',
      link_to_default_domain: true,
      cdn_frontdoor_origin_ids: [expect.stringMatching(/azurerm_cdn_frontdoor_origin\.Cdn_Origin0_[0-9A-F]+\.id/)],
      cache: { query_string_caching_behavior: 'IgnoreQueryString', compression_enabled: true, content_types_to_compress: DEFAULT_COMPRESSED_TYPES },
    });
    expect(JSON.parse(o).resource.azurerm_cdn_frontdoor_firewall_policy).toBeUndefined();
    expect(fd.endpointHostName).toMatch(/TOKEN/);
  });

  test('several origins get an HTTPS health probe; caching off; origin path; diagnostics on the profile', () => {
    const { out } = frontDoor({
      origins: [{ hostName: 'a.example.com' }, { hostName: 'b.example.com', priority: 2, originHostHeader: 'www.example.com' }],
      caching: { enabled: false },
      originPath: '/site',
      diagnosticSettings: [{ workspaceResourceId: 'law' }],
    });
    const o = out();
    expect(o).toHaveResourceWithProperties(CdnFrontdoorOriginGroup, { health_probe: { path: '/', protocol: 'Https', request_type: 'HEAD', interval_in_seconds: 100 } });
    expect(o).toHaveResourceWithProperties(CdnFrontdoorOrigin, { host_name: 'b.example.com', priority: 2, origin_host_header: 'www.example.com' });
    const route = resources(o, 'azurerm_cdn_frontdoor_route')[0];
    expect(route.cache).toBeUndefined();
    expect(route.cdn_frontdoor_origin_path).toBe('/site');
    expect(o).toHaveResourceWithProperties(MonitorDiagnosticSetting, { name: 'diag-afd-personal-tech-dev-eus', target_resource_id: expect.stringMatching(/azurerm_cdn_frontdoor_profile\.Cdn_Profile_[0-9A-F]+\.id/) });
  });

  test('Standard WAF: per-IP rate limit attached to the endpoint', () => {
    const { out } = frontDoor({ waf: { rateLimitPerMinute: 2000 } });
    const o = out();
    expect(o).toHaveResourceWithProperties(CdnFrontdoorFirewallPolicy, {
      name: 'fdfppersonaltechdeveus',
      sku_name: 'Standard_AzureFrontDoor',
      mode: 'Prevention',
      enabled: true,
      request_body_check_enabled: true,
      custom_rule: [
        {
          name: 'RateLimitPerClientIp',
          type: 'RateLimitRule',
          action: 'Block',
          enabled: true,
          priority: 100,
          rate_limit_duration_in_minutes: 1,
          rate_limit_threshold: 2000,
          match_condition: [{ match_variable: 'RequestUri', operator: 'Contains', match_values: ['/'] }],
        },
      ],
    });
    expect(resources(o, 'azurerm_cdn_frontdoor_firewall_policy')[0].managed_rule).toBeUndefined();
    expect(o).toHaveResourceWithProperties(CdnFrontdoorSecurityPolicy, {
      security_policies: {
        firewall: {
          cdn_frontdoor_firewall_policy_id: expect.stringMatching(/azurerm_cdn_frontdoor_firewall_policy\.Cdn_WafPolicy_[0-9A-F]+\.id/),
          association: { patterns_to_match: ['/*'], domain: [{ cdn_frontdoor_domain_id: expect.stringMatching(/azurerm_cdn_frontdoor_endpoint\.Cdn_Endpoint_[0-9A-F]+\.id/) }] },
        },
      },
    });
  });

  test('Premium WAF: Default Rule Set 2.1 and Bot Manager 1.1', () => {
    const { out } = frontDoor({ sku: 'Premium_AzureFrontDoor', waf: { mode: 'Detection' } });
    expect(out()).toHaveResourceWithProperties(CdnFrontdoorFirewallPolicy, {
      sku_name: 'Premium_AzureFrontDoor',
      mode: 'Detection',
      managed_rule: [
        { type: 'Microsoft_DefaultRuleSet', version: '2.1', action: 'Block' },
        { type: 'Microsoft_BotManagerRuleSet', version: '1.1', action: 'Block' },
      ],
    });
  });

  test.each([
    [{ sku: 'Classic_AzureFrontDoor' }, 'test/Cdn: sku must be Standard_AzureFrontDoor or Premium_AzureFrontDoor (got "Classic_AzureFrontDoor")'],
    [{ origins: [] }, 'test/Cdn: at least one origin is needed (got [])'],
    [{ origins: [{ hostName: 'https://st.blob.core.windows.net/static' }] }, 'test/Cdn: origin hostName must be a DNS name without scheme or path (e.g. account.blob.core.windows.net) (got "https://st.blob.core.windows.net/static")'],
    [{ origins: [{ hostName: BLOB, priority: 6 }] }, 'test/Cdn: origin priority must be an integer between 1 and 5 (got 6)'],
    [{ origins: [{ hostName: BLOB, weight: 0 }] }, 'test/Cdn: origin weight must be an integer between 1 and 1000 (got 0)'],
    [{ patterns: ['static/*'] }, 'test/Cdn: route patterns must start with / (got "static/*")'],
    [{ originPath: '/static/' }, 'test/Cdn: originPath must start with / and not end with / (got "/static/")'],
    [{ responseTimeoutSeconds: 10 }, 'test/Cdn: responseTimeoutSeconds must be an integer between 16 and 240 (got 10)'],
    [{ healthProbe: { path: 'health' } }, 'test/Cdn: healthProbe.path must start with / (got "health")'],
    [{ healthProbe: { path: '/', intervalSeconds: 1 } }, 'test/Cdn: healthProbe.intervalSeconds must be an integer between 5 and 31536000 (got 1)'],
    [{ waf: { managedRules: true } }, 'test/Cdn: managed WAF rule sets need the Premium_AzureFrontDoor SKU (got "Standard_AzureFrontDoor")'],
    [{ waf: { rateLimitPerMinute: 5 } }, 'test/Cdn: waf.rateLimitPerMinute must be an integer of at least 10 (got 5)'],
    [{ waf: {} }, 'test/Cdn: a WAF needs managed rules (Premium) or a rate limit (got {})'],
    [{ name: 'afd_personal' }, 'test/Cdn: Front Door profile name may contain only letters, digits and hyphens, and must start and end with a letter or digit (got "afd_personal")'],
    [{ endpointName: 'fde-personal-tech-static-content-delivery-dev-eus' }, 'test/Cdn: Front Door endpoint name must be 1-46 characters long (got "fde-personal-tech-static-content-delivery-dev-eus")'],
    [{ caching: { immutableForDays: 400 } }, 'test/Cdn: caching.immutableForDays must be an integer between 1 and 365 (got 400)'],
    [{ caching: { enabled: false, immutableForDays: 365 } }, 'test/Cdn: caching.immutableForDays needs caching enabled (got {"enabled":false,"immutableForDays":365})'],
  ])('rejects %j', (props, message) => {
    expectValidationError(() => frontDoor(props as Partial<FrontDoorProps>), message);
  });

  test('caching.immutableForDays: a rule set on the route overrides the edge cache (365 days) and sends Cache-Control public, max-age, immutable', () => {
    const { out } = frontDoor({ patterns: ['/static/*'], caching: { immutableForDays: 365 } });
    const json = JSON.parse(out());
    const ruleSet = Object.entries(json.resource.azurerm_cdn_frontdoor_rule_set as Record<string, { name: string }>);
    expect(ruleSet).toHaveLength(1);
    expect(ruleSet[0][1].name).toBe('immutabledefault');
    const rule = Object.values(json.resource.azurerm_cdn_frontdoor_rule)[0] as Record<string, unknown>;
    expect(rule).toMatchObject({
      order: 1,
      behavior_on_match: 'Continue',
      actions: {
        route_configuration_override_action: { cache_behavior: 'OverrideAlways', cache_duration: '365.00:00:00', compression_enabled: true, query_string_caching_behavior: 'IgnoreQueryString' },
        response_header_action: [{ header_action: 'Overwrite', header_name: 'Cache-Control', value: 'public, max-age=31536000, immutable' }],
      },
    });
    expect(rule.depends_on).toEqual(expect.arrayContaining([expect.stringContaining('azurerm_cdn_frontdoor_origin_group.'), expect.stringContaining('azurerm_cdn_frontdoor_origin.')]));
    const route = Object.values(json.resource.azurerm_cdn_frontdoor_route)[0] as { cdn_frontdoor_rule_set_ids: string[] };
    expect(route.cdn_frontdoor_rule_set_ids).toEqual([`\${azurerm_cdn_frontdoor_rule_set.${ruleSet[0][0]}.id}`]);
    expect(JSON.parse(frontDoor().out()).resource.azurerm_cdn_frontdoor_rule_set).toBeUndefined();
  });

  test('addRoute: a second route with its own origin group (the site, uncached) next to /static/*; resourceGuid for X-Azure-FDID', () => {
    const { fd, out } = frontDoor({ patterns: ['/static/*'] });
    fd.addRoute('site', { origins: [{ hostName: 'app-pt.azurewebsites.net' }], patterns: ['/*'], caching: { enabled: false } });
    expect(fd.routes).toHaveLength(2);
    expect(fd.resourceGuid).toMatch(/TOKEN/);
    const json = JSON.parse(out());
    const routes = Object.values(json.resource.azurerm_cdn_frontdoor_route as Record<string, Record<string, unknown>>);
    const site = routes.find((r) => r.name === 'site')!;
    expect(site).toMatchObject({ patterns_to_match: ['/*'], forwarding_protocol: 'HttpsOnly', https_redirect_enabled: true, cdn_frontdoor_origin_group_id: expect.stringContaining('Cdn_site-OriginGroup') });
    expect(site.cache).toBeUndefined();
    expect(routes.find((r) => r.name === 'default')).toMatchObject({ patterns_to_match: ['/static/*'] });
    expect(Object.values(json.resource.azurerm_cdn_frontdoor_origin_group as Record<string, { name: string }>).map((g) => g.name).sort()).toEqual(['origins', 'site-origins']);
    expect(json.resource.azurerm_cdn_frontdoor_origin).toHaveProperty([Object.keys(json.resource.azurerm_cdn_frontdoor_origin).find((k) => k.startsWith('Cdn_site-Origin0'))!, 'host_name'], 'app-pt.azurewebsites.net');
  });

  test('addRoute rejects a duplicate or badly named route and bad specs', () => {
    expect(() => frontDoor().fd.addRoute('default', { origins: [{ hostName: BLOB }], patterns: ['/*'] })).toThrow('test/Cdn: route names must be unique lowercase letters, digits and hyphens, starting with a letter (got "default")');
    expect(() => frontDoor().fd.addRoute('Site', { origins: [{ hostName: BLOB }], patterns: ['/*'] })).toThrow('(got "Site")');
    expectValidationError(() => frontDoor().fd.addRoute('site', { origins: [{ hostName: BLOB }], patterns: ['*'] }), 'test/Cdn: route site: route patterns must start with / (got "*")');
    expectValidationError(() => frontDoor().fd.addRoute('site', { origins: [], patterns: ['/*'] }), 'test/Cdn: route site: at least one origin is needed (got [])');
  });
});

describe('TrafficManagerProfile', () => {
  test('priority failover probing HTTPS /health/, 60 s TTL, Azure and external endpoints', () => {
    const { out, tm } = trafficManager({ endpoints: [{ name: 'primary', targetResourceId: 'web-app-id' }, { name: 'standby', target: 'standby.example.com' }] });
    const o = out();
    expect(o).toHaveResourceWithProperties(TrafficManagerProfileResource, {
      name: expect.stringMatching(/^traf-personal-tech-dev-eus-[0-9a-f]{6}$/),
      traffic_routing_method: 'Priority',
      profile_status: 'Enabled',
      dns_config: { relative_name: expect.stringMatching(/^traf-personal-tech-dev-eus-[0-9a-f]{6}$/), ttl: 60 },
      monitor_config: { protocol: 'HTTPS', port: 443, path: '/health/', interval_in_seconds: 30, timeout_in_seconds: 10, tolerated_number_of_failures: 3, expected_status_code_ranges: ['200-299'] },
    });
    expect(o).toHaveResourceWithProperties(TrafficManagerAzureEndpoint, { name: 'primary', target_resource_id: 'web-app-id', priority: 1, enabled: true });
    expect(o).toHaveResourceWithProperties(TrafficManagerExternalEndpoint, { name: 'standby', target: 'standby.example.com', priority: 2 });
    expect(tm.endpoints).toHaveLength(2);
  });

  test('weighted routing, fast probing, TCP monitor, diagnostics', () => {
    const { out } = trafficManager({
      routingMethod: 'Weighted',
      relativeName: 'personal-tech',
      ttl: 30,
      endpoints: [
        { name: 'a', target: 'a.example.com', weight: 3 },
        { name: 'b', target: 'b.example.com' },
      ],
      monitor: { protocol: 'TCP', port: 5432, intervalSeconds: 10 },
      diagnosticSettings: [{ workspaceResourceId: 'law' }],
    });
    const o = out();
    expect(o).toHaveResourceWithProperties(TrafficManagerProfileResource, { traffic_routing_method: 'Weighted', dns_config: { relative_name: 'personal-tech', ttl: 30 }, monitor_config: { protocol: 'TCP', port: 5432, interval_in_seconds: 10, timeout_in_seconds: 9, tolerated_number_of_failures: 3 } });
    expect(o).toHaveResourceWithProperties(TrafficManagerExternalEndpoint, { name: 'a', weight: 3 });
    expect(o).toHaveResourceWithProperties(TrafficManagerExternalEndpoint, { name: 'b', weight: 1 });
    expect(resources(o, 'azurerm_traffic_manager_external_endpoint').every((e) => e.priority === undefined)).toBe(true);
    expect(resources(o, 'azurerm_monitor_diagnostic_setting')).toHaveLength(1);
  });

  test.each([
    [{ routingMethod: 'RoundRobin' }, 'test/Tm: routingMethod must be Priority, Weighted, Performance, Geographic, MultiValue or Subnet (got "RoundRobin")'],
    [{ endpoints: [] }, 'test/Tm: at least one endpoint is needed (got [])'],
    [{ endpoints: [{ name: 'a', target: 'a.example.com' }, { name: 'a', target: 'b.example.com' }] }, 'test/Tm: endpoint names must be unique (got "a")'],
    [{ endpoints: [{ name: 'a' }] }, 'test/Tm: each endpoint needs exactly one of targetResourceId and target (got "a")'],
    [{ endpoints: [{ name: 'a', target: 'a.example.com', targetResourceId: 'id' }] }, 'test/Tm: each endpoint needs exactly one of targetResourceId and target (got "a")'],
    [{ endpoints: [{ name: 'a', target: 'a.example.com', priority: 1001 }] }, 'test/Tm: endpoint priority must be an integer between 1 and 1000 (got 1001)'],
    [{ endpoints: [{ name: 'a', target: 'a.example.com', priority: 2 }, { name: 'b', target: 'b.example.com' }] }, 'test/Tm: endpoint priorities must be unique with Priority routing (got 2)'],
    [{ endpoints: [{ name: 'a', target: 'a.example.com', weight: 0 }] }, 'test/Tm: endpoint weight must be an integer between 1 and 1000 (got 0)'],
    [{ ttl: -1 }, 'test/Tm: ttl must be an integer between 0 and 2147483647 (got -1)'],
    [{ relativeName: 'personal_tech' }, 'test/Tm: relativeName must be 1-63 letters, digits and hyphens, starting and ending with a letter or digit (got "personal_tech")'],
    [{ monitor: { port: 0 } }, 'test/Tm: monitor.port must be an integer between 1 and 65535 (got 0)'],
    [{ monitor: { path: 'health' } }, 'test/Tm: monitor.path must start with / (got "health")'],
    [{ monitor: { intervalSeconds: 20 } }, 'test/Tm: monitor.intervalSeconds must be 10 or 30 (got 20)'],
    [{ monitor: { intervalSeconds: 10, timeoutSeconds: 10 } }, 'test/Tm: monitor.timeoutSeconds must be an integer from 5 to 10 and below intervalSeconds (got 10)'],
    [{ monitor: { toleratedFailures: 10 } }, 'test/Tm: monitor.toleratedFailures must be an integer between 0 and 9 (got 10)'],
    [{ monitor: { expectedStatusCodeRanges: ['299-200'] } }, 'test/Tm: monitor.expectedStatusCodeRanges entries look like 200-299 (got "299-200")'],
    [{ name: 'traf_personal' }, 'test/Tm: Traffic Manager profile name may contain only letters, digits, periods and hyphens, and must start and end with a letter or digit (got "traf_personal")'],
  ])('rejects %j', (props, message) => {
    expectValidationError(() => trafficManager(props as Partial<TrafficManagerProfileProps>), message);
  });
});
