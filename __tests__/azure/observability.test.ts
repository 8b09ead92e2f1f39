import { ApplicationInsights as AppInsightsResource } from '@cdktf/provider-azurerm/lib/application-insights';
import { LogAnalyticsWorkspace as LawResource } from '@cdktf/provider-azurerm/lib/log-analytics-workspace';
import { MonitorDiagnosticSetting } from '@cdktf/provider-azurerm/lib/monitor-diagnostic-setting';
import { DataAzurermLogAnalyticsWorkspace } from '@cdktf/provider-azurerm/lib/data-azurerm-log-analytics-workspace';
import { Testing } from 'cdktf';
import { ApplicationInsights, ApplicationInsightsProps, LogAnalyticsWorkspace, LogAnalyticsWorkspaceProps } from '../../lib/azure/observability';
import { AzureStack } from '../../lib/azure/azure-stack';
import { expectValidationError } from '../helpers';

const newStack = () => new AzureStack(Testing.app(), 'test', { architecture: 'personal-tech', environment: 'dev', location: 'eastus', backend: { type: 'local' } });

describe('LogAnalyticsWorkspace', () => {
  const build = (props: LogAnalyticsWorkspaceProps = {}) => {
    const stack = newStack();
    const law = new LogAnalyticsWorkspace(stack, 'Law', props);
    return { stack, law, out: Testing.synth(stack) };
  };

  test('PerGB2018, 90-day retention, no shared keys, unlimited quota by default', () => {
    const { out, law } = build();
    expect(law.retentionInDays).toBe(90);
    expect(out).toHaveResourceWithProperties(LawResource, {
      name: 'log-personal-tech-dev-eus',
      sku: 'PerGB2018',
      retention_in_days: 90,
      daily_quota_gb: -1,
      local_authentication_enabled: false,
      internet_ingestion_enabled: true,
      internet_query_enabled: true,
      resource_group_name: '${azurerm_resource_group.ResourceGroup.name}',
    });
  });

  test('Free tier keeps 7 days; public access can be closed; identity and lock', () => {
    const { out, json } = (() => {
      const r = build({ sku: 'Free', publicNetworkAccess: false, managedIdentities: { systemAssigned: true }, lock: { kind: 'CanNotDelete' } });
      return { ...r, json: JSON.parse(r.out) };
    })();
    expect(out).toHaveResourceWithProperties(LawResource, { sku: 'Free', retention_in_days: 7, internet_ingestion_enabled: false, internet_query_enabled: false, identity: { type: 'SystemAssigned' } });
    expect(Object.keys(json.resource.azurerm_management_lock)).toHaveLength(1);
  });

  test('diagnosticSetting() points a resource at this workspace', () => {
    const stack = newStack();
    const law = new LogAnalyticsWorkspace(stack, 'Law');
    expect(law.diagnosticSetting({ name: 'x' })).toEqual({ name: 'x', workspaceResourceId: law.id });
  });

  test('retentionDays, and its deprecated alias retentionInDays, set the retention', () => {
    expect(build({ retentionDays: 45 }).out).toHaveResourceWithProperties(LawResource, { retention_in_days: 45 });
    expect(build({ retentionInDays: 60 }).out).toHaveResourceWithProperties(LawResource, { retention_in_days: 60 });
  });

  test('capacity reservation tier', () => {
    expect(build({ sku: 'CapacityReservation', reservationCapacityInGbPerDay: 100 }).out).toHaveResourceWithProperties(LawResource, { reservation_capacity_in_gb_per_day: 100 });
  });

  test.each([
    [{ retentionDays: 29 }, 'test/Law: retentionDays must be an integer between 30 and 730 (got 29)'],
    [{ retentionDays: 731 }, 'test/Law: retentionDays must be an integer between 30 and 730 (got 731)'],
    [{ retentionInDays: 731 }, 'test/Law: retentionDays must be an integer between 30 and 730 (got 731)'],
    [{ retentionDays: 60, retentionInDays: 90 }, 'test/Law: retentionDays and its deprecated alias retentionInDays disagree (got {"retentionDays":60,"retentionInDays":90})'],
    [{ sku: 'Free' as const, retentionDays: 30 }, 'test/Law: the Free SKU keeps data 7 days: retentionDays must be 7 (got 30)'],
    [{ dailyQuotaGb: 0 }, 'test/Law: dailyQuotaGb must be -1 (unlimited) or a positive number (got 0)'],
    [{ reservationCapacityInGbPerDay: 100 }, 'test/Law: reservationCapacityInGbPerDay needs the CapacityReservation SKU and one of 100, 200, 300, 400, 500, 1000, 2000, 5000, 10000, 25000, 50000 (got 100)'],
    [{ sku: 'CapacityReservation' as const, reservationCapacityInGbPerDay: 150 }, 'test/Law: reservationCapacityInGbPerDay needs the CapacityReservation SKU and one of 100, 200, 300, 400, 500, 1000, 2000, 5000, 10000, 25000, 50000 (got 150)'],
    [{ name: 'log' }, 'test/Law: Log Analytics workspace name must be 4-63 characters long (got "log")'],
  ])('rejects %j', (props, message) => {
    expectValidationError(() => build(props), message);
  });
});

describe('ApplicationInsights', () => {
  const build = (props: Partial<ApplicationInsightsProps> = {}) => {
    const stack = newStack();
    const law = new LogAnalyticsWorkspace(stack, 'Law');
    const appi = new ApplicationInsights(stack, 'Appi', { workspace: law, ...props });
    return { stack, law, appi, out: Testing.synth(stack) };
  };

  test('workspace-based web component with IP masking', () => {
    const { out } = build();
    expect(out).toHaveResourceWithProperties(AppInsightsResource, {
      name: 'appi-personal-tech-dev-eus',
      application_type: 'web',
      workspace_id: expect.stringMatching(/^\$\{azurerm_log_analytics_workspace\.Law_[0-9A-F]+\.id\}$/),
      disable_ip_masking: false,
      local_authentication_disabled: false,
    });
  });

  test('connection string is a reference, never a literal', () => {
    const { appi } = build();
    expect(appi.connectionString).toMatch(/TOKEN/);
  });

  test('workspace by id, sampling, Entra-only ingestion, diagnostic settings', () => {
    const { out } = build({ workspace: '/subscriptions/x/law', samplingPercentage: 50, disableLocalAuth: true, diagnosticSettings: [{ workspaceResourceId: 'law' }] });
    expect(out).toHaveResourceWithProperties(AppInsightsResource, { workspace_id: '/subscriptions/x/law', sampling_percentage: 50, local_authentication_disabled: true });
    expect(out).toHaveResourceWithProperties(MonitorDiagnosticSetting, { name: 'diag-appi-personal-tech-dev-eus' });
  });

  test.each([
    [{ applicationType: 'cobol' }, 'test/Appi: applicationType must be one of web, other, java, MobileCenter, Node.JS, ios, phone, store (got "cobol")'],
    [{ samplingPercentage: 0 }, 'test/Appi: samplingPercentage must be greater than 0 and at most 100 (got 0)'],
    [{ dailyDataCapInGb: -1 }, 'test/Appi: dailyDataCapInGb must be positive (got -1)'],
    [{ name: 'appi/web' }, 'test/Appi: Application Insights name must not contain %, &, \\, ? or / and must not end with a space or period (got "appi/web")'],
  ])('rejects %j', (props, message) => {
    expectValidationError(() => build(props as Partial<ApplicationInsightsProps>), message);
  });
});

describe('LogAnalyticsWorkspace imports', () => {
  test('fromName looks the workspace up; Application Insights and diagnostic settings use it', () => {
    const stack = new AzureStack(Testing.app(), 'test', { architecture: 'personal-tech', environment: 'dev', location: 'eastus', backend: { type: 'local' } });
    const shared = LogAnalyticsWorkspace.fromName(stack, 'Shared', 'log-shared', 'rg-ops');
    new ApplicationInsights(stack, 'Ai', { workspace: shared });
    new LogAnalyticsWorkspace(stack, 'Law', { diagnosticSettings: [shared.diagnosticSetting()] });
    const out = Testing.synth(stack);
    expect(out).toHaveDataSourceWithProperties(DataAzurermLogAnalyticsWorkspace, { name: 'log-shared', resource_group_name: 'rg-ops' });
    expect(out).toHaveResourceWithProperties(AppInsightsResource, { workspace_id: expect.stringMatching(/^\$\{data\.azurerm_log_analytics_workspace\.Shared_Lookup_[0-9A-F]+\.id\}$/) });
    expect(out).toHaveResourceWithProperties(MonitorDiagnosticSetting, { log_analytics_workspace_id: expect.stringMatching(/^\$\{data\.azurerm_log_analytics_workspace\.Shared_Lookup_[0-9A-F]+\.id\}$/) });
  });

  test('fromAttributes: id and name given, workspaceId only when known', () => {
    const stack = new AzureStack(Testing.app(), 'test', { architecture: 'personal-tech', environment: 'dev', location: 'eastus', backend: { type: 'local' } });
    const law = LogAnalyticsWorkspace.fromAttributes(stack, 'Ext', { id: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/log-x', name: 'log-x' });
    expect(law.diagnosticSetting({ name: 'd' })).toEqual({ name: 'd', workspaceResourceId: law.id });
    expect(() => law.workspaceId).toThrow('workspace log-x: workspaceId was not given to fromAttributes (use fromName to look it up)');
  });
});
