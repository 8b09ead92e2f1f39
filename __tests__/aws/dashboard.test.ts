import { CloudwatchDashboard } from '@cdktf/provider-aws/lib/cloudwatch-dashboard';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { Testing } from 'cdktf';
import {
  AlarmTopic,
  Dashboard,
  DashboardProps,
  databaseConnectionsAlarm,
  databaseFreeStorageAlarm,
  diskUsageAlarm,
  layout,
  serverErrorsAlarms,
} from '../../lib/aws/monitoring';
import { AwsStack } from '../../lib/aws/aws-stack';
import { expectValidationError } from '../helpers';

const newStack = () => new AwsStack(Testing.app(), 'test', { architecture: 't', environment: 'dev', region: 'us-east-1', backend: { type: 'local' } });
const cpu = { namespace: 'AWS/EC2', metricName: 'CPUUtilization', dimensions: { AutoScalingGroupName: 'backend' } };
const base: DashboardProps = {
  name: 'canalco-dev',
  sections: [
    {
      title: 'Vista general del sistema',
      description: 'ALB y backend',
      widgets: [
        { title: 'CPU', metrics: [cpu], thresholds: [{ value: 80, label: 'scale out' }] },
        { title: 'Solicitudes', metrics: [{ namespace: 'AWS/ApplicationELB', metricName: 'RequestCount', dimensions: { LoadBalancer: 'app/x/1' }, label: 'req' }], statistic: 'Sum', width: 12 },
        { title: 'Costos', metrics: [{ namespace: 'AWS/Billing', metricName: 'EstimatedCharges', dimensions: { Currency: 'USD' } }], region: 'us-east-1', width: 24, periodSeconds: 21600 },
      ],
    },
    { title: 'Estado de servicios', widgets: [{ type: 'alarms', title: 'Alarmas', alarmArns: ['arn:aws:cloudwatch:us-east-1:111122223333:alarm:a'] }, { type: 'text', markdown: 'ok' }] },
  ],
};

describe('Dashboard', () => {
  test('sections become a text header and widgets wrapped on the 24-column grid', () => {
    const widgets = layout(base.sections, 'sa-east-1');
    expect(widgets.map((w) => [w.type, w.x, w.y, w.width, w.height])).toEqual([
      ['text', 0, 0, 24, 2],
      ['metric', 0, 2, 12, 6],
      ['metric', 12, 2, 12, 6],
      ['metric', 0, 8, 24, 6],
      ['text', 0, 14, 24, 1],
      ['alarm', 0, 15, 12, 6],
      ['text', 0, 21, 24, 2],
    ]);
    expect(widgets[1].properties).toEqual({
      title: 'CPU',
      region: 'sa-east-1',
      view: 'timeSeries',
      stat: 'Average',
      period: 300,
      metrics: [['AWS/EC2', 'CPUUtilization', 'AutoScalingGroupName', 'backend', { label: 'CPUUtilization' }]],
      annotations: { horizontal: [{ value: 80, label: 'scale out' }] },
    });
    expect((widgets[3].properties as { region: string }).region).toBe('us-east-1');
    expect(widgets[5].properties).toEqual({ title: 'Alarmas', alarms: ['arn:aws:cloudwatch:us-east-1:111122223333:alarm:a'] });
  });

  test('synthesizes one dashboard whose body carries references to real resources', () => {
    const stack = newStack();
    const alarm = databaseConnectionsAlarm(stack, 'Conn', { name: 'db-conn', identifier: 'canalco-db-dev', maxConnections: 400, topics: [] });
    new Dashboard(stack, 'Dash', { name: 'canalco-dev', sections: [{ title: 'Base de datos', widgets: [{ type: 'alarms', title: 'Alarmas', alarmArns: [alarm.alarmArn] }] }] });
    const out = Testing.synth(stack);
    expect(out).toHaveResourceWithProperties(CloudwatchDashboard, { dashboard_name: 'canalco-dev' });
    const body = JSON.parse((Object.values(JSON.parse(out).resource.aws_cloudwatch_dashboard)[0] as { dashboard_body: string }).dashboard_body);
    expect(body.widgets[1].properties.alarms[0]).toMatch(/^\$\{aws_cloudwatch_metric_alarm\.Conn_Alarm_[0-9A-F]+\.arn\}$/);
  });

  const w = base.sections[0].widgets[0];
  test.each([
    [{ name: 'canalco dev' }, 'test/D: name must be 1-255 letters, digits, hyphens and underscores (got "canalco dev")'],
    [{ sections: [{ title: 'x', widgets: [] }] }, 'test/D: a dashboard needs at least one widget (got 1)'],
    [{ sections: [{ title: 'x', widgets: [{ ...w, width: 25 }] }] }, 'test/D: widget width must be an integer between 1 and 24 (got 25)'],
    [{ sections: [{ title: 'x', widgets: [{ ...w, height: 0 }] }] }, 'test/D: widget height must be an integer between 1 and 1000 (got 0)'],
    [{ sections: [{ title: 'x', widgets: [{ title: 'empty', metrics: [] }] }] }, 'test/D: a graph needs 1-100 metrics (got "empty")'],
    [{ sections: [{ title: 'x', widgets: [{ ...w, statistic: 'Median' }] }] }, 'test/D: statistics must be Average, Sum, Minimum, Maximum, SampleCount or a percentile such as p99 (got "Median")'],
    [{ sections: [{ title: 'x', widgets: [{ ...w, periodSeconds: 90 }] }] }, 'test/D: periodSeconds must be a positive multiple of 60 (got 90)'],
    [{ sections: [{ title: 'x', widgets: [{ type: 'alarms', title: 'none', alarmArns: [] }] }] }, 'test/D: an alarm widget needs 1-100 alarms (got "none")'],
  ] as [Partial<DashboardProps>, string][])('rejects %j', (props, message) => {
    expectValidationError(() => new Dashboard(newStack(), 'D', { ...base, ...props }), message);
  });
});

describe('standard alarms', () => {
  test('ALB 5xx from the load balancer and from the targets, summed per 5 minutes', () => {
    const stack = newStack();
    const topic = new AlarmTopic(stack, 'Alerts', { name: 'alerts' });
    const alarms = serverErrorsAlarms(stack, 'Http5xx', { name: 'http-5xx', loadBalancer: { arnSuffix: 'app/alb/123' }, threshold: 10, topics: [topic] });
    expect(alarms).toHaveLength(2);
    const out = Testing.synth(stack);
    for (const [name, metric] of [['http-5xx-elb', 'HTTPCode_ELB_5XX_Count'], ['http-5xx-target', 'HTTPCode_Target_5XX_Count']]) {
      expect(out).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
        alarm_name: name,
        namespace: 'AWS/ApplicationELB',
        metric_name: metric,
        dimensions: { LoadBalancer: 'app/alb/123' },
        statistic: 'Sum',
        threshold: 10,
        alarm_actions: [expect.stringMatching(/aws_sns_topic\.Alerts_[0-9A-F]+\.arn/)],
      });
    }
  });

  test('connections above 80% of max_connections, low database storage, low disk on the group', () => {
    const stack = newStack();
    databaseConnectionsAlarm(stack, 'Conn', { name: 'db-conn', identifier: 'db', maxConnections: 410, topics: [] });
    databaseFreeStorageAlarm(stack, 'Storage', { name: 'db-storage', identifier: 'db', minFreeGiB: 5, topics: [] });
    diskUsageAlarm(stack, 'Disk', { name: 'disk', autoScalingGroupName: 'backend', topics: [] });
    const out = Testing.synth(stack);
    expect(out).toHaveResourceWithProperties(CloudwatchMetricAlarm, { alarm_name: 'db-conn', namespace: 'AWS/RDS', metric_name: 'DatabaseConnections', threshold: 328, statistic: 'Maximum', dimensions: { DBInstanceIdentifier: 'db' } });
    expect(out).toHaveResourceWithProperties(CloudwatchMetricAlarm, { alarm_name: 'db-storage', metric_name: 'FreeStorageSpace', comparison_operator: 'LessThanThreshold', threshold: 5 * 1024 ** 3 });
    expect(out).toHaveResourceWithProperties(CloudwatchMetricAlarm, { alarm_name: 'disk', namespace: 'CWAgent', metric_name: 'disk_used_percent', threshold: 85, dimensions: { AutoScalingGroupName: 'backend' } });
  });

  test.each([
    [{ maxConnections: 0 }, 'test/C: maxConnections must be a positive integer (got 0)'],
    [{ percent: 120 }, 'test/C: percent must be between 1 and 100 (got 120)'],
  ])('databaseConnectionsAlarm rejects %j', (props, message) => {
    expectValidationError(() => databaseConnectionsAlarm(newStack(), 'C', { name: 'c', identifier: 'db', maxConnections: 100, topics: [], ...props }), message);
  });
});
