import { CloudwatchDashboard } from '@cdktf/provider-aws/lib/cloudwatch-dashboard';
import { Lazy } from 'cdktf';
import { Construct } from 'constructs';
import { AwsStack } from '../aws-stack';
import { Rule, validateProps } from '../../core/validation';
import { requireProps } from '../../core/validation';

/** A CloudWatch metric, as the constructs' `metric(...)` helpers return it. */
export interface MetricRef {
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Record<string, string>;
  /**
   * Statistic for this line.
   * @default the widget's statistic
   */
  readonly statistic?: string;
  /**
   * Legend label.
   * @default the metric name
   */
  readonly label?: string;
}

interface WidgetSize {
  /**
   * Width in grid columns (1-24).
   * @default 12 for graphs and alarms, 24 for text
   */
  readonly width?: number;
  /**
   * Height in grid rows (1-1000).
   * @default 6 for graphs and alarms, 2 for text
   */
  readonly height?: number;
}

/** A line (or number) chart of metrics. */
export interface GraphWidget extends WidgetSize {
  /**
   * Widget kind.
   * @default 'graph'
   */
  readonly type?: 'graph';
  readonly title: string;
  /** Metrics drawn (1-100). */
  readonly metrics: MetricRef[];
  /**
   * Statistic: Average, Sum, Minimum, Maximum, SampleCount or a percentile such as p99.
   * @default 'Average'
   */
  readonly statistic?: string;
  /**
   * Seconds per data point: 60 or a multiple of it.
   * @default 300
   */
  readonly periodSeconds?: number;
  /**
   * Region of the metrics (billing and CloudFront metrics live in us-east-1).
   * @default the stack's Region
   */
  readonly region?: string;
  /**
   * `singleValue` shows the latest number instead of a chart.
   * @default 'timeSeries'
   */
  readonly view?: 'timeSeries' | 'singleValue';
  /**
   * Horizontal lines, e.g. an alarm threshold.
   * @default none
   */
  readonly thresholds?: { readonly value: number; readonly label: string }[];
}

/** The state of a set of alarms. */
export interface AlarmStatusWidget extends WidgetSize {
  readonly type: 'alarms';
  readonly title: string;
  /** Alarm ARNs (1-100). */
  readonly alarmArns: string[];
}

/** Markdown text. */
export interface TextWidget extends WidgetSize {
  readonly type: 'text';
  readonly markdown: string;
}

export type DashboardWidget = GraphWidget | AlarmStatusWidget | TextWidget;

/** A titled group of widgets, laid out left to right, top to bottom. */
export interface DashboardSection {
  readonly title: string;
  /**
   * Text under the title.
   * @default none
   */
  readonly description?: string;
  readonly widgets: DashboardWidget[];
}

export interface DashboardProps {
  /** Dashboard name, 1-255 letters, digits, hyphens and underscores. */
  readonly name: string;
  /** Sections, e.g. the system overview, the database, the business metrics. */
  readonly sections: DashboardSection[];
}

const STATISTIC = /^(Average|Sum|Minimum|Maximum|SampleCount|p\d{1,2}(\.\d+)?|p100)$/;
const allWidgets = (p: DashboardProps) => p.sections.flatMap((s) => s.widgets);
const graphs = (p: DashboardProps) => allWidgets(p).filter((w): w is GraphWidget => (w.type ?? 'graph') === 'graph');

const RULES: Rule<DashboardProps>[] = [
  { rule: 'name must be 1-255 letters, digits, hyphens and underscores', check: (p) => (/^[A-Za-z0-9_-]{1,255}$/.test(p.name) ? undefined : p.name) },
  { rule: 'a dashboard needs at least one widget', check: (p) => (allWidgets(p).length === 0 ? p.sections.length : undefined) },
  {
    rule: 'widget width must be an integer between 1 and 24',
    check: (p) => allWidgets(p).map((w) => w.width).find((w) => w !== undefined && !(Number.isInteger(w) && w >= 1 && w <= 24)),
  },
  {
    rule: 'widget height must be an integer between 1 and 1000',
    check: (p) => allWidgets(p).map((w) => w.height).find((h) => h !== undefined && !(Number.isInteger(h) && h >= 1 && h <= 1000)),
  },
  { rule: 'a graph needs 1-100 metrics', check: (p) => graphs(p).find((g) => g.metrics.length < 1 || g.metrics.length > 100)?.title },
  {
    rule: 'statistics must be Average, Sum, Minimum, Maximum, SampleCount or a percentile such as p99',
    check: (p) => graphs(p).flatMap((g) => [g.statistic, ...g.metrics.map((m) => m.statistic)]).find((s) => s !== undefined && !STATISTIC.test(s)),
  },
  {
    rule: 'periodSeconds must be a positive multiple of 60',
    check: (p) => graphs(p).map((g) => g.periodSeconds).find((s) => s !== undefined && !(Number.isInteger(s) && s > 0 && s % 60 === 0)),
  },
  {
    rule: 'an alarm widget needs 1-100 alarms',
    check: (p) => allWidgets(p).find((w): w is AlarmStatusWidget => w.type === 'alarms' && (w.alarmArns.length < 1 || w.alarmArns.length > 100))?.title,
  },
];

/**
 * A CloudWatch dashboard built from sections of widgets (metric graphs,
 * single values, alarm status, text), laid out on CloudWatch's 24-column grid.
 * Metrics come from the constructs' `metric(...)` helpers, so dimensions are
 * references to the real resources.
 */
export class Dashboard extends Construct {
  public readonly resource: CloudwatchDashboard;
  public readonly dashboardName: string;

  constructor(scope: Construct, id: string, props: DashboardProps) {
    super(scope, id);
    requireProps(this, props, ['name', 'sections']);
    validateProps(this, props, RULES);
    const region = AwsStack.of(this).region;
    this.resource = new CloudwatchDashboard(this, 'Resource', {
      dashboardName: props.name,
      dashboardBody: Lazy.stringValue({ produce: () => JSON.stringify({ widgets: layout(props.sections, region) }) }),
    });
    this.dashboardName = this.resource.dashboardName;
  }
}

/** Places sections on the grid: a text header per section, then widgets wrapping at 24 columns. */
export function layout(sections: readonly DashboardSection[], region: string): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  let y = 0;
  for (const section of sections) {
    const header = section.description ? `## ${section.title}\n${section.description}` : `## ${section.title}`;
    out.push({ type: 'text', x: 0, y, width: 24, height: section.description ? 2 : 1, properties: { markdown: header } });
    y += section.description ? 2 : 1;
    let x = 0;
    let rowHeight = 0;
    for (const w of section.widgets) {
      const width = w.width ?? (w.type === 'text' ? 24 : 12);
      const height = w.height ?? (w.type === 'text' ? 2 : 6);
      if (x + width > 24) {
        y += rowHeight;
        x = 0;
        rowHeight = 0;
      }
      out.push({ ...render(w, region), x, y, width, height });
      x += width;
      rowHeight = Math.max(rowHeight, height);
    }
    y += rowHeight;
  }
  return out;
}

function render(w: DashboardWidget, region: string): Record<string, unknown> {
  if (w.type === 'text') return { type: 'text', properties: { markdown: w.markdown } };
  if (w.type === 'alarms') return { type: 'alarm', properties: { title: w.title, alarms: w.alarmArns } };
  return {
    type: 'metric',
    properties: {
      title: w.title,
      region: w.region ?? region,
      view: w.view ?? 'timeSeries',
      stat: w.statistic ?? 'Average',
      period: w.periodSeconds ?? 300,
      metrics: w.metrics.map((m) => [
        m.namespace,
        m.metricName,
        ...Object.entries(m.dimensions).flat(),
        { label: m.label ?? m.metricName, ...(m.statistic ? { stat: m.statistic } : {}) },
      ]),
      ...(w.thresholds?.length ? { annotations: { horizontal: w.thresholds.map((t) => ({ value: t.value, label: t.label })) } } : {}),
    },
  };
}
