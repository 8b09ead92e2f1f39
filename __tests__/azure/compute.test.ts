import { LinuxWebApp as LinuxWebAppResource } from '@cdktf/provider-azurerm/lib/linux-web-app';
import { ManagementLock } from '@cdktf/provider-azurerm/lib/management-lock';
import { MonitorAutoscaleSetting } from '@cdktf/provider-azurerm/lib/monitor-autoscale-setting';
import { MonitorDiagnosticSetting } from '@cdktf/provider-azurerm/lib/monitor-diagnostic-setting';
import { PrivateEndpoint } from '@cdktf/provider-azurerm/lib/private-endpoint';
import { ServicePlan } from '@cdktf/provider-azurerm/lib/service-plan';
import { Testing } from 'cdktf';
import {
  APP_SERVICE_SKUS,
  AppServicePlan,
  AppServicePlanProps,
  AppSetting,
  Autoscale,
  AutoscaleProps,
  isKeyVaultReference,
  keyVaultReference,
  LinuxWebApp,
  LinuxWebAppProps,
} from '../../lib/azure/compute';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { ContainerRegistry } from '../../lib/azure/containers';
import { KeyVault } from '../../lib/azure/security';
import { AzureStack } from '../../lib/azure/azure-stack';
import { expectValidationError } from '../helpers';

const newStack = (environment = 'dev') => new AzureStack(Testing.app(), 'test', { architecture: 'personal-tech', environment, location: 'eastus', backend: { type: 'local' } });
const registry = { loginServer: 'crpersonaltech.azurecr.io' };
const KV_REF = '@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/SECRET-KEY)';

const planIn = (stack: AzureStack, props: AppServicePlanProps) => new AppServicePlan(stack, 'Plan', props);
const webApp = (props: Partial<LinuxWebAppProps> = {}, sku = 'B1') => {
  const stack = newStack();
  const plan = planIn(stack, { sku });
  const web = new LinuxWebApp(stack, 'Web', { plan, registry, image: 'personal-tech:latest', ...props });
  return { stack, plan, web, out: () => Testing.synth(stack) };
};
const autoscale = (props: Partial<AutoscaleProps> = {}, planProps: AppServicePlanProps = { sku: 'P1v3' }) => {
  const stack = newStack('prod');
  const plan = planIn(stack, planProps);
  const scale = new Autoscale(stack, 'Autoscale', { plan, minimum: 1, maximum: 10, default: 1, ...props });
  return { stack, plan, scale, out: () => Testing.synth(stack) };
};

describe('AppServicePlan', () => {
  test('Linux B1 with one worker, no zone balancing, CAF name', () => {
    const stack = newStack();
    const plan = planIn(stack, { sku: 'B1' });
    expect(plan.capabilities).toEqual({ tier: 'Basic', maxInstances: 3, autoscale: false, alwaysOn: true, zoneBalancing: false, vnetIntegration: true });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(ServicePlan, {
      name: 'asp-personal-tech-dev-eus',
      os_type: 'Linux',
      sku_name: 'B1',
      worker_count: 1,
      zone_balancing_enabled: false,
      per_site_scaling_enabled: false,
      location: 'eastus',
    });
  });

  test('zone-balanced P1v3 starts with two workers; plans send metrics only', () => {
    const stack = newStack('prod');
    planIn(stack, { sku: 'P1v3', zoneBalancing: true, diagnosticSettings: [{ workspaceResourceId: 'law' }], lock: { kind: 'CanNotDelete' } });
    const out = Testing.synth(stack);
    expect(out).toHaveResourceWithProperties(ServicePlan, { sku_name: 'P1v3', zone_balancing_enabled: true, worker_count: 2 });
    const diag = Object.values(JSON.parse(out).resource.azurerm_monitor_diagnostic_setting)[0] as Record<string, unknown>;
    expect(diag).toMatchObject({ name: 'diag-asp-personal-tech-prod-eus', log_analytics_workspace_id: 'law', enabled_metric: [{ category: 'AllMetrics' }] });
    expect(diag.enabled_log).toEqual([]);
    expect(out).toHaveResourceWithProperties(ManagementLock, { lock_level: 'CanNotDelete', name: 'lock-asp-personal-tech-prod-eus' });
  });

  test('the SKU table knows the tiers', () => {
    expect(APP_SERVICE_SKUS.S1).toMatchObject({ tier: 'Standard', autoscale: true, maxInstances: 10, zoneBalancing: false });
    expect(APP_SERVICE_SKUS.P1v3).toMatchObject({ tier: 'PremiumV3', autoscale: true, maxInstances: 30, zoneBalancing: true });
    expect(APP_SERVICE_SKUS.F1).toMatchObject({ alwaysOn: false, vnetIntegration: false });
  });

  test.each([
    [{ sku: 'B4' }, `test/Plan: sku must be a Linux App Service SKU: ${Object.keys(APP_SERVICE_SKUS).join(', ')} (got "B4")`],
    [{ sku: 'toString' }, 'test/Plan: sku must be a Linux App Service SKU'],
    [{ sku: 'S1', zoneBalancing: true }, 'test/Plan: zoneBalancing needs a Premium v2, v3 or v4 SKU (got "S1")'],
    [{ sku: 'P1v3', zoneBalancing: true, workerCount: 1 }, 'test/Plan: a zone-balanced plan needs at least 2 instances (workerCount) (got 1)'],
    [{ sku: 'B1', workerCount: 4 }, 'test/Plan: workerCount must be an integer between 1 and 3 for the B1 SKU (got 4)'],
    [{ sku: 'B1', name: 'asp_personal' }, 'test/Plan: App Service plan name may contain only letters, digits and hyphens (got "asp_personal")'],
  ])('rejects %j', (props, message) => {
    expectValidationError(() => planIn(newStack(), props as AppServicePlanProps), message);
  });
});

describe('LinuxWebApp', () => {
  test('container from ACR pulled with the managed identity, hardened site config', () => {
    const { out, web } = webApp({ containerPort: 8000, appSettings: { DEBUG: 'False', SECRET_KEY: KV_REF } });
    expect(out()).toHaveResourceWithProperties(LinuxWebAppResource, {
      name: expect.stringMatching(/^app-personal-tech-dev-eus-[0-9a-f]{6}$/),
      https_only: true,
      public_network_access_enabled: true,
      client_affinity_enabled: false,
      ftp_publish_basic_authentication_enabled: false,
      webdeploy_publish_basic_authentication_enabled: false,
      identity: { type: 'SystemAssigned' },
      app_settings: { DEBUG: 'False', SECRET_KEY: KV_REF, WEBSITES_PORT: '8000', WEBSITES_ENABLE_APP_SERVICE_STORAGE: 'false' },
      site_config: {
        always_on: true,
        http2_enabled: true,
        minimum_tls_version: '1.2',
        scm_minimum_tls_version: '1.2',
        ftps_state: 'Disabled',
        remote_debugging_enabled: false,
        health_check_path: '/health/',
        health_check_eviction_time_in_min: 10,
        container_registry_use_managed_identity: true,
        application_stack: { docker_image_name: 'personal-tech:latest', docker_registry_url: 'https://crpersonaltech.azurecr.io' },
      },
      logs: { detailed_error_messages: true, failed_request_tracing: true, http_logs: { file_system: { retention_in_days: 7, retention_in_mb: 35 } } },
    });
    const app = Object.values(JSON.parse(out()).resource.azurerm_linux_web_app)[0] as { app_settings: Record<string, string>; site_config: Record<string, unknown>; virtual_network_subnet_id?: string };
    expect(Object.keys(app.app_settings).filter((k) => k.startsWith('DOCKER_REGISTRY'))).toEqual([]);
    expect(app.site_config.application_stack).not.toHaveProperty('docker_registry_password');
    expect(app.site_config.vnet_route_all_enabled).toBeUndefined();
    expect(app.virtual_network_subnet_id).toBeUndefined();
    expect(web.principalId).toMatch(/TOKEN/);
  });

  test('Application Insights, VNet integration with route-all and image pulls over the network, pipeline-owned tag', () => {
    const { out } = webApp({ applicationInsights: { connectionString: 'InstrumentationKey=00000000' }, virtualNetworkSubnetId: 'snet-app', imageManagedByPipeline: true, healthCheckPath: '/healthz', healthCheckEvictionMinutes: 2 });
    expect(out()).toHaveResourceWithProperties(LinuxWebAppResource, {
      app_settings: { APPLICATIONINSIGHTS_CONNECTION_STRING: 'InstrumentationKey=00000000', WEBSITES_ENABLE_APP_SERVICE_STORAGE: 'false' },
      virtual_network_subnet_id: 'snet-app',
      vnet_image_pull_enabled: true,
      site_config: expect.objectContaining({ vnet_route_all_enabled: true, health_check_path: '/healthz', health_check_eviction_time_in_min: 2 }),
      lifecycle: { ignore_changes: ['site_config[0].application_stack[0].docker_image_name', 'app_settings["DOCKER_CUSTOM_IMAGE_NAME"]'] },
    });
  });

  test('pipeline-owned app settings are configurable and ignored only when the image is pipeline-managed', () => {
    expect(webApp({ imageManagedByPipeline: true, pipelineAppSettings: ['DOCKER_CUSTOM_IMAGE_NAME', 'GIT_SHA'] }).out()).toHaveResourceWithProperties(LinuxWebAppResource, {
      lifecycle: { ignore_changes: ['site_config[0].application_stack[0].docker_image_name', 'app_settings["DOCKER_CUSTOM_IMAGE_NAME"]', 'app_settings["GIT_SHA"]'] },
    });
    const plain = JSON.parse(webApp().out()).resource.azurerm_linux_web_app;
    expect(Object.values(plain as Record<string, { lifecycle?: unknown }>)[0].lifecycle).toBeUndefined();
  });

  test('frontDoorOnly: only AzureFrontDoor.Backend with this profile\'s X-Azure-FDID, default Deny; SCM denies everything', () => {
    const fdid = '11111111-2222-3333-4444-555555555555';
    const app = Object.values(JSON.parse(webApp({ frontDoorOnly: { frontDoorId: fdid } }).out()).resource.azurerm_linux_web_app as Record<string, { site_config: Record<string, unknown> }>)[0];
    expect(app.site_config.ip_restriction_default_action).toBe('Deny');
    expect(app.site_config.ip_restriction).toEqual([
      { name: 'AllowFrontDoor', priority: 100, action: 'Allow', service_tag: 'AzureFrontDoor.Backend', headers: [{ x_azure_fdid: [fdid], x_fd_health_probe: [], x_forwarded_for: [], x_forwarded_host: [] }] },
    ]);
    expect(app.site_config.scm_ip_restriction_default_action).toBe('Deny');
    expect(app.site_config.scm_use_main_ip_restriction).toBe(false);
    expect(app.site_config.scm_ip_restriction).toBeUndefined();
    const open = Object.values(JSON.parse(webApp().out()).resource.azurerm_linux_web_app as Record<string, { site_config: Record<string, unknown> }>)[0];
    expect(open.site_config.ip_restriction).toBeUndefined();
    expect(open.site_config.ip_restriction_default_action).toBeUndefined();
  });

  test('grantDeploy: Website Contributor on the app only', () => {
    const { web, out } = webApp();
    web.grantDeploy('ci-principal');
    expect(out()).toHaveResourceWithProperties(RoleAssignment, { role_definition_name: 'Website Contributor', principal_id: 'ci-principal', principal_type: 'ServicePrincipal', scope: expect.stringContaining('azurerm_linux_web_app.') });
  });

  test('always-on follows the SKU: off on Free', () => {
    expect(webApp({}, 'F1').out()).toHaveResourceWithProperties(LinuxWebAppResource, { site_config: expect.objectContaining({ always_on: false }) });
  });

  test('AVM interfaces: user-assigned identity next to the system one, private endpoint on `sites`, diagnostics, role assignments', () => {
    const { out } = webApp({
      managedIdentities: { userAssignedResourceIds: ['uai'] },
      privateEndpoints: [{ subnetResourceId: 'snet-pe', privateDnsZoneResourceIds: ['zone'] }],
      diagnosticSettings: [{ workspaceResourceId: 'law' }],
      roleAssignments: [{ roleDefinitionIdOrName: 'Website Contributor', principalId: 'ops', principalType: 'Group' }],
      tags: { tier: 'web' },
    });
    const o = out();
    expect(o).toHaveResourceWithProperties(LinuxWebAppResource, { identity: { type: 'SystemAssigned, UserAssigned', identity_ids: ['uai'] }, tags: expect.objectContaining({ tier: 'web' }) });
    expect(o).toHaveResourceWithProperties(PrivateEndpoint, { private_service_connection: expect.objectContaining({ subresource_names: ['sites'] }) });
    expect(o).toHaveResourceWithProperties(MonitorDiagnosticSetting, { enabled_log: [{ category_group: 'allLogs' }], enabled_metric: [{ category: 'AllMetrics' }] });
    expect(JSON.parse(o).resource.azurerm_role_assignment).toBeDefined();
  });

  test('the app grants itself AcrPull on a ContainerRegistry and secret read for AppSetting.fromKeyVaultSecret', () => {
    const stack = newStack();
    const plan = planIn(stack, { sku: 'B1' });
    const acr = new ContainerRegistry(stack, 'Acr', { sku: 'Basic' });
    const vault = new KeyVault(stack, 'Kv', { deployer: { ipRanges: ['198.51.100.7'] } });
    const secret = vault.addGeneratedSecret('SECRET-KEY');
    const other = vault.addGeneratedSecret('OTHER');
    const web = new LinuxWebApp(stack, 'Web', { plan, registry: acr, image: 'app:1', appSettings: { SECRET_KEY: AppSetting.fromKeyVaultSecret(secret), OTHER_SECRET: AppSetting.fromKeyVaultSecret(other), PLAIN: AppSetting.fromValue('x') } });
    const out = Testing.synth(stack, true);
    const principal = expect.stringMatching(/^\$\{azurerm_linux_web_app\.Web_[0-9A-F]+\.identity\[0\]\.principal_id\}$/);
    expect(out).toHaveResourceWithProperties(RoleAssignment, { role_definition_name: 'AcrPull', scope: expect.stringContaining('azurerm_container_registry.Acr'), principal_id: principal });
    expect(out).toHaveResourceWithProperties(RoleAssignment, { role_definition_name: 'Key Vault Secrets User', scope: expect.stringContaining('azurerm_key_vault.Kv'), principal_id: principal });
    expect(out).toHaveResourceWithProperties(LinuxWebAppResource, { app_settings: expect.objectContaining({ SECRET_KEY: expect.stringMatching(/^@Microsoft\.KeyVault\(SecretUri=\$\{azurerm_key_vault_secret\.Kv_SECRET-KEY-secret_[0-9A-F]+\.versionless_id\}\)$/), PLAIN: 'x' }) });
    // Two secrets of one vault: one assignment; the grants are returned so others can depend on them.
    expect(web.grants).toHaveLength(2);
    expect((Object.values(JSON.parse(out).resource.azurerm_role_assignment) as { role_definition_name: string }[]).filter((r) => r.role_definition_name === 'Key Vault Secrets User')).toHaveLength(1);
    // The stack's own grantPull for the same identity is the same assignment, not a second one.
    expect(acr.grantPull(web.principalId)).toBe(web.grants[0]);
  });

  test('grantRegistryPull: false leaves AcrPull to the caller; a bare login server grants nothing', () => {
    const stack = newStack();
    const plan = planIn(stack, { sku: 'B1' });
    const acr = new ContainerRegistry(stack, 'Acr', { sku: 'Basic' });
    new LinuxWebApp(stack, 'Web', { plan, registry: acr, image: 'app:1', grantRegistryPull: false });
    new LinuxWebApp(stack, 'Web2', { plan, registry, image: 'app:1' });
    expect(JSON.parse(Testing.synth(stack)).resource.azurerm_role_assignment).toBeUndefined();
  });

  test('keyVaultReference builds the App Service reference syntax', () => {
    expect(keyVaultReference('https://kv.vault.azure.net/secrets/X')).toBe('@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/X)');
    expect(keyVaultReference({ versionlessId: 'uri' })).toBe('@Microsoft.KeyVault(SecretUri=uri)');
    expect(isKeyVaultReference(KV_REF)).toBe(true);
    expect(isKeyVaultReference('postgresql://u:p@h/db')).toBe(false);
  });

  test.each([
    [{ image: 'personaltech.azurecr.io/Personal-Tech:latest' }, 'test/Web: image must be <repository>[:<tag>] inside the registry (lowercase, no registry host) (got "personaltech.azurecr.io/Personal-Tech:latest")'],
    [{ appSettings: { 'my-setting': '1' } }, 'test/Web: app setting names may contain only letters, digits and underscores (Linux containers) (got "my-setting")'],
    [{ appSettings: { DOCKER_REGISTRY_SERVER_PASSWORD: KV_REF } }, 'test/Web: registry credentials must not be app settings: the app pulls with its managed identity (got "DOCKER_REGISTRY_SERVER_PASSWORD")'],
    [{ appSettings: { DATABASE_URL: 'postgresql://postgres:password@db:5432/personal_tech' } }, 'test/Web: app settings holding secrets must be Key Vault references (keyVaultReference(secret)) (got "DATABASE_URL")'],
    [{ appSettings: { SECRET_KEY: 'dev-secret' } }, 'test/Web: app settings holding secrets must be Key Vault references (keyVaultReference(secret)) (got "SECRET_KEY")'],
    [{ appSettings: { APPLICATIONINSIGHTS_CONNECTION_STRING: 'x' } }, 'test/Web: APPLICATIONINSIGHTS_CONNECTION_STRING is wired from applicationInsights, not set by hand (got "APPLICATIONINSIGHTS_CONNECTION_STRING")'],
    [{ healthCheckPath: 'health' }, 'test/Web: healthCheckPath must start with / (got "health")'],
    [{ healthCheckEvictionMinutes: 11 }, 'test/Web: healthCheckEvictionMinutes must be an integer between 2 and 10 (got 11)'],
    [{ containerPort: 70000 }, 'test/Web: containerPort must be an integer between 1 and 65535 (got 70000)'],
    [{ httpLogsRetentionDays: 0 }, 'test/Web: httpLogsRetentionDays must be an integer between 1 and 99999 (got 0)'],
    [{ managedIdentities: { systemAssigned: false } }, 'test/Web: the web app keeps its system-assigned identity: it pulls images and reads Key Vault references with it (got {"systemAssigned":false})'],
    [{ imageManagedByPipeline: true, appSettings: { DOCKER_CUSTOM_IMAGE_NAME: 'x' } }, 'test/Web: pipelineAppSettings must not also be set in appSettings (Terraform would ignore its own value) (got "DOCKER_CUSTOM_IMAGE_NAME")'],
    [{ frontDoorOnly: { frontDoorId: 'afd-profile' } }, 'test/Web: frontDoorOnly.frontDoorId must be the Front Door profile GUID (resource_guid) (got "afd-profile")'],
    [{ frontDoorOnly: { frontDoorId: '11111111-2222-3333-4444-555555555555' }, publicNetworkAccess: false }, 'test/Web: frontDoorOnly needs the public endpoint (Front Door Standard reaches the app over it): drop publicNetworkAccess: false (got false)'],
    [{ name: 'app-personal-tech-' }, 'test/Web: web app name may contain only letters, digits and hyphens, and must start and end with a letter or digit (got "app-personal-tech-")'],
  ])('rejects %j', (props, message) => {
    expectValidationError(() => webApp(props as Partial<LinuxWebAppProps>), message);
  });

  test.each([
    [{ alwaysOn: true }, 'test/Web: alwaysOn is not available on the F1 SKU (got "F1")'],
    [{ virtualNetworkSubnetId: 'snet' }, 'test/Web: VNet integration is not available on the F1 SKU (got "F1")'],
  ])('rejects %j on a Free plan', (props, message) => {
    expectValidationError(() => webApp(props, 'F1'), message);
  });
});

describe('Autoscale', () => {
  test("the seed's profile: 1/10/1, CPU > 70 % over 5 min → +1 (5 min cooldown), plus the added scale-in rule", () => {
    const { out } = autoscale({ notifyEmails: ['ops@example.com'] });
    expect(out()).toHaveResourceWithProperties(MonitorAutoscaleSetting, {
      enabled: true,
      target_resource_id: expect.stringMatching(/^\$\{azurerm_service_plan\.Plan_[0-9A-F]+\.id\}$/),
      profile: [
        {
          name: 'Default',
          capacity: { minimum: 1, maximum: 10, default: 1 },
          rule: [
            {
              metric_trigger: {
                metric_name: 'CpuPercentage',
                metric_namespace: 'microsoft.web/serverfarms',
                metric_resource_id: expect.stringMatching(/azurerm_service_plan\.Plan_[0-9A-F]+\.id/),
                operator: 'GreaterThan',
                statistic: 'Average',
                time_aggregation: 'Average',
                time_grain: 'PT1M',
                time_window: 'PT5M',
                threshold: 70,
              },
              scale_action: { direction: 'Increase', type: 'ChangeCount', value: 1, cooldown: 'PT5M' },
            },
            {
              metric_trigger: expect.objectContaining({ metric_name: 'CpuPercentage', operator: 'LessThan', threshold: 30, time_window: 'PT10M' }),
              scale_action: { direction: 'Decrease', type: 'ChangeCount', value: 1, cooldown: 'PT10M' },
            },
          ],
        },
      ],
      notification: { email: { custom_emails: ['ops@example.com'], send_to_subscription_administrator: false, send_to_subscription_co_administrator: false } },
    });
  });

  test('the plan leaves its worker count to autoscale', () => {
    const { out, plan } = autoscale();
    plan.letAutoscaleOwnWorkerCount();
    expect(out()).toHaveResourceWithProperties(ServicePlan, { worker_count: 1, lifecycle: { ignore_changes: ['worker_count'] } });
    const stack = newStack();
    planIn(stack, { sku: 'S1' });
    expect((Object.values(JSON.parse(Testing.synth(stack)).resource.azurerm_service_plan)[0] as Record<string, unknown>).lifecycle).toBeUndefined();
  });

  test('custom rules, name and diagnostics', () => {
    const { out } = autoscale({ name: 'scale-web', minimum: 2, default: 3, maximum: 30, scaleOut: { threshold: 80, changeBy: 2 }, scaleIn: { threshold: 20, windowMinutes: 15 }, diagnosticSettings: [{ workspaceResourceId: 'law' }] });
    const json = JSON.parse(out());
    const setting = Object.values(json.resource.azurerm_monitor_autoscale_setting)[0] as { name: string; profile: { capacity: unknown; rule: { metric_trigger: { threshold: number; time_window: string }; scale_action: { value: number; cooldown: string } }[] }[] };
    expect(setting.name).toBe('scale-web');
    expect(setting.profile[0].capacity).toEqual({ minimum: 2, default: 3, maximum: 30 });
    expect(setting.profile[0].rule.map((r) => [r.metric_trigger.threshold, r.metric_trigger.time_window, r.scale_action.value, r.scale_action.cooldown])).toEqual([
      [80, 'PT5M', 2, 'PT5M'],
      [20, 'PT15M', 1, 'PT10M'],
    ]);
    expect(out()).toHaveResourceWithProperties(MonitorDiagnosticSetting, { name: 'diag-scale-web' });
  });

  test.each([
    [{ minimum: 0 }, 'test/Autoscale: minimum must be an integer of at least 1 (got 0)'],
    [{ minimum: 5, maximum: 3, default: 3 }, 'test/Autoscale: minimum must not be above maximum (got {"minimum":5,"maximum":3})'],
    [{ minimum: 2, default: 1 }, 'test/Autoscale: default must be an integer between minimum and maximum (got {"minimum":2,"default":1,"maximum":10})'],
    [{ default: 11 }, 'test/Autoscale: default must be an integer between minimum and maximum (got {"minimum":1,"default":11,"maximum":10})'],
    [{ maximum: 31, default: 1 }, "test/Autoscale: maximum must be an integer of at most 30 (the PremiumV3 tier's instance limit) (got 31)"],
    [{ scaleOut: { threshold: 120 } }, 'test/Autoscale: CPU thresholds must be between 0 and 100 (got 120)'],
    [{ scaleIn: { threshold: 75 } }, 'test/Autoscale: the scale-in threshold must be below the scale-out threshold (got {"scaleOut":70,"scaleIn":75})'],
    [{ scaleOut: { threshold: 70, windowMinutes: 1 } }, 'test/Autoscale: windowMinutes must be an integer between 5 and 720 (got 1)'],
    [{ scaleIn: { threshold: 30, cooldownMinutes: 0 } }, 'test/Autoscale: cooldownMinutes must be an integer between 1 and 10080 (got 0)'],
    [{ scaleOut: { threshold: 70, changeBy: 0 } }, 'test/Autoscale: changeBy must be a positive integer (got 0)'],
    [{ name: 'scale/web' }, 'test/Autoscale: name may not contain <>*%&:\\?+/ or end with a space or period, and must be 1-260 characters (got "scale/web")'],
  ])('rejects %j', (props, message) => {
    expectValidationError(() => autoscale(props as Partial<AutoscaleProps>), message);
  });

  test('rejects autoscale on a Basic plan, a maximum over the Standard limit, minimum 1 on a zone-balanced plan', () => {
    expectValidationError(() => autoscale({}, { sku: 'B1' }), 'test/Autoscale: autoscale needs a Standard or Premium plan (B1 is Basic, which scales by hand only) (got "B1")');
    expectValidationError(() => autoscale({ maximum: 11 }, { sku: 'S1' }), "test/Autoscale: maximum must be an integer of at most 10 (the Standard tier's instance limit) (got 11)");
    expectValidationError(() => autoscale({}, { sku: 'P1v3', zoneBalancing: true }), 'test/Autoscale: minimum must be at least 2 on a zone-balanced plan (got 1)');
  });
});
