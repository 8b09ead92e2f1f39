import { ApplicationInsights as ApplicationInsightsResource } from '@cdktf/provider-azurerm/lib/application-insights';
import { Construct } from 'constructs';
import { Rule, validateProps } from '../../core/validation';
import { AppliedAvmInterfaces, applyAvmInterfaces, AvmCommonProps, DiagnosticSettingsProps } from '../core/interfaces';
import { AzureResourceProps, resolvePlacement } from '../core/placement';
import { ILogAnalyticsWorkspace } from './log-analytics';
import { requireProps } from '../../core/validation';
import { Metric } from './metric';

/** Application types accepted by Application Insights. */
export const APPLICATION_TYPES = ['web', 'other', 'java', 'MobileCenter', 'Node.JS', 'ios', 'phone', 'store'] as const;
export type ApplicationType = (typeof APPLICATION_TYPES)[number];

export interface ApplicationInsightsProps extends AzureResourceProps, AvmCommonProps, DiagnosticSettingsProps {
  /** The Log Analytics workspace that stores the telemetry (workspace-based Application Insights). */
  readonly workspace: ILogAnalyticsWorkspace | string;
  /**
   * Application type.
   * @default 'web'
   */
  readonly applicationType?: ApplicationType;
  /**
   * Percentage of telemetry kept (0 < x ≤ 100).
   * @default 100 (no sampling)
   */
  readonly samplingPercentage?: number;
  /**
   * Daily data cap in GB.
   * @default unlimited
   */
  readonly dailyDataCapInGb?: number;
  /**
   * Accept telemetry and queries over the public internet.
   * @default true (App Service sends telemetry over the internet unless an Azure Monitor Private Link Scope is used)
   */
  readonly publicNetworkAccess?: boolean;
  /**
   * Require Entra ID authentication for ingestion (the app then needs
   * `APPLICATIONINSIGHTS_AUTHENTICATION_STRING` and the Monitoring Metrics
   * Publisher role; the instrumentation key alone is refused).
   * @default false
   */
  readonly disableLocalAuth?: boolean;
}

const RULES: Rule<ApplicationInsightsProps>[] = [
  {
    rule: `applicationType must be one of ${APPLICATION_TYPES.join(', ')}`,
    check: (p) => (p.applicationType !== undefined && !APPLICATION_TYPES.includes(p.applicationType) ? p.applicationType : undefined),
  },
  {
    rule: 'samplingPercentage must be greater than 0 and at most 100',
    check: (p) => (p.samplingPercentage !== undefined && !(p.samplingPercentage > 0 && p.samplingPercentage <= 100) ? p.samplingPercentage : undefined),
  },
  {
    rule: 'dailyDataCapInGb must be positive',
    check: (p) => (p.dailyDataCapInGb !== undefined && !(p.dailyDataCapInGb > 0) ? p.dailyDataCapInGb : undefined),
  },
];

/**
 * Workspace-based Application Insights (classic, workspace-less components
 * are retired): telemetry lands in the given Log Analytics workspace, IP
 * addresses stay masked. `connectionString` is what an app needs
 * (`APPLICATIONINSIGHTS_CONNECTION_STRING`).
 */
export class ApplicationInsights extends Construct {
  public readonly resource: ApplicationInsightsResource;
  public readonly id: string;
  public readonly name: string;
  /** Connection string for `APPLICATIONINSIGHTS_CONNECTION_STRING` (sensitive in Terraform). */
  public readonly connectionString: string;
  /** Instrumentation key (sensitive in Terraform; prefer `connectionString`). */
  public readonly instrumentationKey: string;
  /** Application id used by the query API. */
  public readonly appId: string;
  public readonly interfaces: AppliedAvmInterfaces;

  constructor(scope: Construct, id: string, props: ApplicationInsightsProps) {
    super(scope, id);
    requireProps(this, props, ['workspace']);
    validateProps(this, props, RULES);
    const { name, location, resourceGroupName } = resolvePlacement(this, 'applicationInsights', props, 'Microsoft.Insights');
    const publicAccess = props.publicNetworkAccess ?? true;
    this.resource = new ApplicationInsightsResource(this, 'Resource', {
      name,
      location,
      resourceGroupName,
      applicationType: props.applicationType ?? 'web',
      workspaceId: typeof props.workspace === 'string' ? props.workspace : props.workspace.id,
      samplingPercentage: props.samplingPercentage,
      dailyDataCapInGb: props.dailyDataCapInGb,
      disableIpMasking: false,
      internetIngestionEnabled: publicAccess,
      internetQueryEnabled: publicAccess,
      localAuthenticationDisabled: props.disableLocalAuth ?? false,
      tags: props.tags,
    });
    this.id = this.resource.id;
    this.name = this.resource.name;
    this.connectionString = this.resource.connectionString;
    this.instrumentationKey = this.resource.instrumentationKey;
    this.appId = this.resource.appId;
    this.interfaces = applyAvmInterfaces(this, { resourceId: this.id, resourceName: name, location, resourceGroupName }, props);
  }

  /** Failed requests (`requests/failed`, count). */
  metricFailedRequests(): Metric {
    return new Metric({ resourceId: this.id, namespace: 'microsoft.insights/components', metricName: 'requests/failed', aggregation: 'Count' });
  }

  /** Request duration, milliseconds (`requests/duration`, average). */
  metricRequestDuration(): Metric {
    return new Metric({ resourceId: this.id, namespace: 'microsoft.insights/components', metricName: 'requests/duration' });
  }
}
