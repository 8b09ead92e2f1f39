import { MonitorMetricAlert } from '@cdktf/provider-azurerm/lib/monitor-metric-alert';
import { Testing } from 'cdktf';
import { AzureStack } from '../../lib/azure/azure-stack';
import { SqlServer } from '../../lib/azure/database';
import { ServiceBusNamespace } from '../../lib/azure/messaging';
import { ActionGroup, ApplicationInsights, dimension, LogAnalyticsWorkspace, Metric } from '../../lib/azure/observability';

const newStack = () => new AzureStack(Testing.app(), 'test', { architecture: 'serverless-platform', environment: 'dev', location: 'westus2', backend: { type: 'local' } });

describe('Azure Metric', () => {
  test('createAlarm renders the metric on its resource, with GreaterThan by default', () => {
    const stack = newStack();
    const team = new ActionGroup(stack, 'Team', { emailReceivers: [{ name: 'ops', email: 'ops@example.com' }] });
    new Metric({ resourceId: '/subscriptions/x/resource', namespace: 'Microsoft.Foo/bars', metricName: 'Load' }).createAlarm(stack, 'Alarm', { nameQualifier: 'load', threshold: 7, actionGroups: [team] });
    const alert = Object.values(JSON.parse(Testing.synth(stack)).resource.azurerm_monitor_metric_alert)[0] as { scopes: string[]; criteria: unknown[]; action: unknown[] };
    expect(alert.scopes).toEqual(['/subscriptions/x/resource']);
    expect(alert.criteria).toEqual([{ metric_namespace: 'Microsoft.Foo/bars', metric_name: 'Load', aggregation: 'Average', operator: 'GreaterThan', threshold: 7 }]);
    expect(alert.action).toHaveLength(1);
  });

  test('with() changes aggregation and dimensions and keeps the rest', () => {
    const m = new Metric({ resourceId: 'r', namespace: 'n', metricName: 'm' }).with({ aggregation: 'Maximum', dimensions: [dimension('EntityName', 'a', 'b')] });
    expect(m).toMatchObject({ resourceId: 'r', namespace: 'n', metricName: 'm', aggregation: 'Maximum', dimensions: [{ name: 'EntityName', values: ['a', 'b'] }] });
  });

  test('constructs hand out their metrics: Application Insights, Service Bus per entity, SQL per database', () => {
    const stack = newStack();
    const logs = new LogAnalyticsWorkspace(stack, 'Logs', {});
    const insights = new ApplicationInsights(stack, 'Insights', { workspace: logs, applicationType: 'web' });
    expect(insights.metricFailedRequests()).toMatchObject({ namespace: 'microsoft.insights/components', metricName: 'requests/failed', aggregation: 'Count' });
    const bus = new ServiceBusNamespace(stack, 'Bus', { queues: [{ name: 'orders' }] });
    expect(bus.metricDeadLetteredMessages('orders')).toMatchObject({ namespace: 'Microsoft.ServiceBus/namespaces', metricName: 'DeadletteredMessages', aggregation: 'Maximum', dimensions: [{ name: 'EntityName', values: ['orders'] }] });
    expect(bus.metricActiveMessages().dimensions).toBeUndefined();
    expect(() => bus.metricActiveMessages('payments')).toThrow('test/Bus: no queue or topic named payments (queues: orders; topics: )');
    const sql = new SqlServer(stack, 'Sql', { databases: [{ name: 'app', sku: 'Basic', pitrDays: 7 }], virtualNetworkSubnetIds: ['snet-a'] });
    expect(sql.metricDtuConsumption('app').metricName).toBe('dtu_consumption_percent');
    expect(() => sql.metricDtuConsumption('billing')).toThrow('test/Sql: metricDtuConsumption needs a database of this server (app) (got "billing")');
    sql.metricDtuConsumption('app').createAlarm(stack, 'Dtu', { nameQualifier: 'dtu', threshold: 80 });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(MonitorMetricAlert, { scopes: [expect.stringContaining('azurerm_mssql_database')] });
  });
});
