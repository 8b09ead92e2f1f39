import { ApplicationInsightsWorkbook } from '@cdktf/provider-azurerm/lib/application-insights-workbook';
import { MonitorActionGroup } from '@cdktf/provider-azurerm/lib/monitor-action-group';
import { MonitorMetricAlert } from '@cdktf/provider-azurerm/lib/monitor-metric-alert';
import { Testing } from 'cdktf';
import { ActionGroup, ActionGroupProps, MetricAlert, MetricAlertProps, Workbook } from '../../lib/azure/observability';
import { AzureStack } from '../../lib/azure/azure-stack';
import { expectValidationError } from '../helpers';

const newStack = () => new AzureStack(Testing.app(), 'test', { architecture: 'serverless-platform', environment: 'dev', location: 'westus2', backend: { type: 'local' } });
const ALERT: MetricAlertProps = { scopes: ['/subscriptions/x/sb'], metricNamespace: 'Microsoft.ServiceBus/namespaces', metricName: 'DeadletteredMessages', aggregation: 'Average', operator: 'GreaterThan', threshold: 0 };

describe('ActionGroup', () => {
  test('global, e-mail receivers with the common alert schema, short name from the workload', () => {
    const stack = newStack();
    new ActionGroup(stack, 'Ops', { emailReceivers: [{ name: 'ops', email: 'ops@example.com' }] });
    const out = Testing.synth(stack);
    expect(out).toHaveResourceWithProperties(MonitorActionGroup, {
      location: 'global',
      short_name: 'serverless-p',
      email_receiver: [{ name: 'ops', email_address: 'ops@example.com', use_common_alert_schema: true }],
    });
  });
  const bad = (props: ActionGroupProps, message: string) => expectValidationError(() => new ActionGroup(newStack(), 'Ops', props), message);
  test('no receiver', () => bad({ emailReceivers: [] }, 'an action group needs at least one e-mail receiver (got [])'));
  test('short name too long', () => bad({ shortName: 'abcdefghijklm', emailReceivers: [{ name: 'a', email: 'a@b.co' }] }, 'shortName must be 1-12 characters (got "abcdefghijklm")'));
  test('bad e-mail', () => bad({ emailReceivers: [{ name: 'a', email: 'nope' }] }, 'e-mail receivers need a valid address (got "nope")'));
  test('duplicate receiver names', () => bad({ emailReceivers: [{ name: 'a', email: 'a@b.co' }, { name: 'a', email: 'c@b.co' }] }, 'e-mail receiver names must be unique (got "a")'));
});

describe('MetricAlert', () => {
  test('static criteria with dimensions, window, frequency, severity and the action group', () => {
    const stack = newStack();
    const ag = new ActionGroup(stack, 'Ops', { emailReceivers: [{ name: 'ops', email: 'ops@example.com' }] });
    new MetricAlert(stack, 'Dlq', { ...ALERT, dimensions: [{ name: 'EntityName', values: ['orders-queue'] }], windowSize: 'PT15M', frequency: 'PT5M', severity: 1, actionGroups: [ag] });
    const out = Testing.synth(stack);
    expect(out).toHaveResourceWithProperties(MonitorMetricAlert, {
      name: 'ma-serverless-platform-deadletteredmessages-dev-wus2',
      scopes: ['/subscriptions/x/sb'],
      severity: 1,
      window_size: 'PT15M',
      frequency: 'PT5M',
      criteria: [{ metric_namespace: 'Microsoft.ServiceBus/namespaces', metric_name: 'DeadletteredMessages', aggregation: 'Average', operator: 'GreaterThan', threshold: 0, dimension: [{ name: 'EntityName', operator: 'Include', values: ['orders-queue'] }] }],
      action: [{ action_group_id: expect.stringContaining('azurerm_monitor_action_group') }],
    });
  });
  const bad = (props: Partial<MetricAlertProps>, message: string) => expectValidationError(() => new MetricAlert(newStack(), 'A', { ...ALERT, ...props }), message);
  test('no scope', () => bad({ scopes: [] }, 'a metric alert needs at least one scope (got [])'));
  test('severity', () => bad({ severity: 5 }, 'severity must be an integer between 0 and 4 (got 5)'));
  test('window', () => bad({ windowSize: 'PT2M' }, 'windowSize must be one of PT1M'));
  test('frequency', () => bad({ frequency: 'PT6H' }, 'frequency must be one of PT1M'));
  test('frequency longer than window', () => bad({ frequency: 'PT15M', windowSize: 'PT5M' }, 'frequency must not be longer than windowSize'));
  test('aggregation', () => bad({ aggregation: 'Median' as never }, 'aggregation must be Average, Count, Minimum, Maximum or Total (got "Median")'));
  test('dimension without values', () => bad({ dimensions: [{ name: 'EntityName', values: [] }] }, 'dimensions need at least one value (got "EntityName")'));
});

describe('Workbook', () => {
  test('stable UUID name, KQL tiles in data_json, lower-case source id', () => {
    const stack = newStack();
    new Workbook(stack, 'Wb', { displayName: 'Platform', sourceId: '/subscriptions/X/Workspaces/W', queries: [{ title: 'Errors', query: 'AppRequests | where Success == false', visualization: 'timechart' }] });
    const out = Testing.synth(stack);
    const wb = Object.values(JSON.parse(out).resource.azurerm_application_insights_workbook)[0] as { name: string; data_json: string; source_id: string };
    expect(wb.name).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(wb.source_id).toBe('/subscriptions/x/workspaces/w');
    expect(JSON.parse(wb.data_json).items[0].content).toMatchObject({ title: 'Errors', query: 'AppRequests | where Success == false', visualization: 'timechart' });
    expect(out).toHaveResourceWithProperties(ApplicationInsightsWorkbook, { display_name: 'Platform', category: 'workbook' });
  });
  test('no query', () => expectValidationError(() => new Workbook(newStack(), 'Wb', { displayName: 'x', sourceId: 'y', queries: [] }), 'a workbook needs at least one query (got [])'));
  test('duplicate titles', () =>
    expectValidationError(() => new Workbook(newStack(), 'Wb', { displayName: 'x', sourceId: 'y', queries: [{ title: 'a', query: 'q' }, { title: 'a', query: 'q' }] }), 'workbook query titles must be unique (got "a")'));
});
