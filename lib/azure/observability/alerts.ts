import { ApplicationInsightsWorkbook } from '@cdktf/provider-azurerm/lib/application-insights-workbook';
import { MonitorActionGroup } from '@cdktf/provider-azurerm/lib/monitor-action-group';
import { MonitorMetricAlert } from '@cdktf/provider-azurerm/lib/monitor-metric-alert';
import { createHash } from 'crypto';
import { Fn, Token } from 'cdktf';
import { Construct } from 'constructs';
import { Rule, validateProps, requireProps, firstDuplicate } from '../../core/validation';
import { AvmCommonProps } from '../core/interfaces';
import { AzureResourceProps, resolvePlacement } from '../core/placement';

// ---------------------------------------------------------------- action group

/** An e-mail receiver of an action group. */
export interface EmailReceiverSpec {
  /** Receiver name, unique in the group. */
  readonly name: string;
  readonly email: string;
}

export interface ActionGroupProps extends AzureResourceProps, AvmCommonProps {
  /**
   * Short name shown in e-mails and SMS, 1-12 characters.
   * @default the first 12 characters of the workload and environment
   */
  readonly shortName?: string;
  /** E-mail receivers (at least one). */
  readonly emailReceivers: EmailReceiverSpec[];
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

const ACTION_GROUP_RULES: Rule<ActionGroupProps>[] = [
  { rule: 'an action group needs at least one e-mail receiver', check: (p) => (p.emailReceivers.length === 0 ? p.emailReceivers : undefined) },
  { rule: 'shortName must be 1-12 characters', check: (p) => (p.shortName !== undefined && !(p.shortName.length >= 1 && p.shortName.length <= 12) ? p.shortName : undefined) },
  { rule: 'e-mail receivers need a valid address', check: (p) => p.emailReceivers.map((r) => r.email).find((e) => !Token.isUnresolved(e) && !EMAIL.test(e)) },
  { rule: 'e-mail receiver names must be unique', check: (p) => firstDuplicate(p.emailReceivers.map((r) => r.name)) },
];

/** An action group that e-mails its receivers (common alert schema). Global: no region. */
export class ActionGroup extends Construct {
  public readonly resource: MonitorActionGroup;
  public readonly id: string;
  public readonly name: string;

  constructor(scope: Construct, id: string, props: ActionGroupProps) {
    super(scope, id);
    requireProps(this, props, ['emailReceivers']);
    validateProps(this, props, ACTION_GROUP_RULES);
    const { stack, name, resourceGroupName } = resolvePlacement(this, 'actionGroup', props, 'Microsoft.Insights');
    this.resource = new MonitorActionGroup(this, 'Resource', {
      name,
      resourceGroupName,
      location: 'global',
      shortName: props.shortName ?? `${stack.azureNaming.workload}-${stack.environment}`.replace(/[^A-Za-z0-9-]/g, '').slice(0, 12),
      enabled: true,
      emailReceiver: props.emailReceivers.map((r) => ({ name: r.name, emailAddress: r.email, useCommonAlertSchema: true })),
      tags: props.tags,
    });
    this.id = this.resource.id;
    this.name = this.resource.name;
  }
}

// ---------------------------------------------------------------- metric alert

export type MetricAggregation = 'Average' | 'Count' | 'Minimum' | 'Maximum' | 'Total';
export type MetricOperator = 'Equals' | 'GreaterThan' | 'GreaterThanOrEqual' | 'LessThan' | 'LessThanOrEqual';

/** A dimension filter of a metric alert (`EntityName = orders-queue`). */
export interface MetricDimension {
  readonly name: string;
  /**
   * @default 'Include'
   */
  readonly operator?: 'Include' | 'Exclude' | 'StartsWith';
  readonly values: string[];
}

export interface MetricAlertProps extends AzureResourceProps, AvmCommonProps {
  /** Resource ids the alert watches (one resource, or several of one type in one region). */
  readonly scopes: string[];
  /** Metric namespace, e.g. `Microsoft.ServiceBus/namespaces`. */
  readonly metricNamespace: string;
  /** Metric name, e.g. `DeadletteredMessages`. */
  readonly metricName: string;
  readonly aggregation: MetricAggregation;
  readonly operator: MetricOperator;
  readonly threshold: number;
  /**
   * Period the aggregation covers (ISO 8601): PT1M, PT5M, PT15M, PT30M, PT1H, PT6H, PT12H or P1D.
   * @default 'PT5M'
   */
  readonly windowSize?: string;
  /**
   * How often the alert is evaluated: PT1M, PT5M, PT15M, PT30M or PT1H; not longer than the window.
   * @default 'PT1M'
   */
  readonly frequency?: string;
  /**
   * Severity, 0 (critical) to 4 (verbose).
   * @default 2
   */
  readonly severity?: number;
  /**
   * Dimension filters.
   * @default none
   */
  readonly dimensions?: MetricDimension[];
  /**
   * Action groups notified.
   * @default none
   */
  readonly actionGroups?: (ActionGroup | string)[];
  /**
   * Description shown in notifications.
   * @default the metric, operator and threshold in words
   */
  readonly description?: string;
}

const WINDOWS = ['PT1M', 'PT5M', 'PT15M', 'PT30M', 'PT1H', 'PT6H', 'PT12H', 'P1D'];
const FREQUENCIES = ['PT1M', 'PT5M', 'PT15M', 'PT30M', 'PT1H'];
const windowOf = (p: MetricAlertProps) => p.windowSize ?? 'PT5M';
const frequencyOf = (p: MetricAlertProps) => p.frequency ?? 'PT1M';

const METRIC_ALERT_RULES: Rule<MetricAlertProps>[] = [
  { rule: 'a metric alert needs at least one scope', check: (p) => (p.scopes.length === 0 ? p.scopes : undefined) },
  { rule: 'severity must be an integer between 0 and 4', check: (p) => (p.severity !== undefined && !(Number.isInteger(p.severity) && p.severity >= 0 && p.severity <= 4) ? p.severity : undefined) },
  { rule: `windowSize must be one of ${WINDOWS.join(', ')}`, check: (p) => (!WINDOWS.includes(windowOf(p)) ? p.windowSize : undefined) },
  { rule: `frequency must be one of ${FREQUENCIES.join(', ')}`, check: (p) => (!FREQUENCIES.includes(frequencyOf(p)) ? p.frequency : undefined) },
  {
    rule: 'frequency must not be longer than windowSize',
    check: (p) => (WINDOWS.includes(windowOf(p)) && FREQUENCIES.includes(frequencyOf(p)) && WINDOWS.indexOf(frequencyOf(p)) > WINDOWS.indexOf(windowOf(p)) ? { frequency: frequencyOf(p), windowSize: windowOf(p) } : undefined),
  },
  { rule: 'aggregation must be Average, Count, Minimum, Maximum or Total', check: (p) => (!['Average', 'Count', 'Minimum', 'Maximum', 'Total'].includes(p.aggregation) ? p.aggregation : undefined) },
  { rule: 'dimensions need at least one value', check: (p) => (p.dimensions ?? []).find((d) => d.values.length === 0)?.name },
];

/** A static-threshold metric alert on one metric, notifying action groups. Global: no region. */
export class MetricAlert extends Construct {
  public readonly resource: MonitorMetricAlert;
  public readonly id: string;

  constructor(scope: Construct, id: string, props: MetricAlertProps) {
    super(scope, id);
    requireProps(this, props, ['scopes', 'metricNamespace', 'metricName', 'aggregation', 'operator', 'threshold']);
    validateProps(this, props, METRIC_ALERT_RULES);
    const { stack, resourceGroupName } = resolvePlacement(this, 'metricAlert', { ...props, name: props.name ?? 'placeholder' }, 'Microsoft.Insights');
    const name = props.name ?? stack.azureNaming.name('metricAlert', props.nameQualifier ?? props.metricName);
    this.resource = new MonitorMetricAlert(this, 'Resource', {
      name,
      resourceGroupName,
      scopes: props.scopes,
      description: props.description ?? `${props.aggregation} ${props.metricName} ${props.operator} ${props.threshold}`,
      severity: props.severity ?? 2,
      windowSize: windowOf(props),
      frequency: frequencyOf(props),
      autoMitigate: true,
      enabled: true,
      criteria: [
        {
          metricNamespace: props.metricNamespace,
          metricName: props.metricName,
          aggregation: props.aggregation,
          operator: props.operator,
          threshold: props.threshold,
          dimension: props.dimensions?.map((d) => ({ name: d.name, operator: d.operator ?? 'Include', values: d.values })),
        },
      ],
      action: (props.actionGroups ?? []).map((a) => ({ actionGroupId: typeof a === 'string' ? a : a.id })),
      tags: props.tags,
    });
    this.id = this.resource.id;
  }
}

// ---------------------------------------------------------------- workbook

/** One tile of a workbook: a KQL query over a resource (a Log Analytics workspace or App Insights). */
export interface WorkbookQuerySpec {
  readonly title: string;
  /** KQL query. */
  readonly query: string;
  /**
   * How the result is drawn.
   * @default 'table'
   */
  readonly visualization?: 'table' | 'timechart' | 'barchart' | 'piechart' | 'tiles';
}

export interface WorkbookProps extends AzureResourceProps, AvmCommonProps {
  /** Title in the portal. */
  readonly displayName: string;
  /** Resource the queries run against (a Log Analytics workspace id). */
  readonly sourceId: string;
  /** Tiles, top to bottom. */
  readonly queries: WorkbookQuerySpec[];
}

const WORKBOOK_RULES: Rule<WorkbookProps>[] = [
  { rule: 'a workbook needs at least one query', check: (p) => (p.queries.length === 0 ? p.queries : undefined) },
  { rule: 'workbook query titles must be unique', check: (p) => firstDuplicate(p.queries.map((q) => q.title)) },
];

/**
 * An Azure Monitor workbook built from a small typed spec: a title and KQL
 * tiles over one resource. Its name is a UUID derived from the construct path,
 * so it stays stable across synths.
 */
export class Workbook extends Construct {
  public readonly resource: ApplicationInsightsWorkbook;
  public readonly id: string;

  constructor(scope: Construct, id: string, props: WorkbookProps) {
    super(scope, id);
    requireProps(this, props, ['displayName', 'sourceId', 'queries']);
    validateProps(this, props, WORKBOOK_RULES);
    const { location, resourceGroupName } = resolvePlacement(this, 'metricAlert', { ...props, name: 'workbook' }, 'Microsoft.Insights');
    const h = createHash('sha1').update(this.node.path).digest('hex');
    const uuid = `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
    const data = {
      version: 'Notebook/1.0',
      items: props.queries.map((q, i) => ({
        type: 3,
        name: `query-${i}`,
        content: {
          version: 'KqlItem/1.0',
          title: q.title,
          query: q.query,
          size: 0,
          queryType: 0,
          resourceType: 'microsoft.operationalinsights/workspaces',
          crossComponentResources: [props.sourceId],
          visualization: q.visualization ?? 'table',
        },
      })),
      isLocked: false,
      fallbackResourceIds: [props.sourceId],
    };
    this.resource = new ApplicationInsightsWorkbook(this, 'Resource', {
      name: props.name ?? uuid,
      location,
      resourceGroupName,
      displayName: props.displayName,
      // Azure stores the source id in lower case; sending it so avoids a perpetual diff.
      sourceId: Token.isUnresolved(props.sourceId) ? Fn.lower(props.sourceId) : props.sourceId.toLowerCase(),
      category: 'workbook',
      dataJson: JSON.stringify(data),
      tags: props.tags,
    });
    this.id = this.resource.id;
  }
}
