import { MonitorAutoscaleSetting, MonitorAutoscaleSettingProfileRule } from '@cdktf/provider-azurerm/lib/monitor-autoscale-setting';
import { Construct } from 'constructs';
import { AzureStack } from '../azure-stack';
import { Rule, validateProps, intInRange } from '../../core/validation';
import { AppliedAvmInterfaces, applyAvmInterfaces, AvmCommonProps, DiagnosticSettingsProps } from '../core/interfaces';
import { AppServicePlan } from './app-service-plan';
import { requireProps } from '../../core/validation';

/** A CPU rule: when the plan's average CPU crosses `threshold` over `windowMinutes`, change the instance count. */
export interface CpuScaleRule {
  /** CPU percentage (0–100) that triggers the rule. */
  readonly threshold: number;
  /**
   * Minutes of metrics averaged before deciding (5–720).
   * @default 5 for scale-out, 10 for scale-in
   */
  readonly windowMinutes?: number;
  /**
   * Minutes to wait after a scale action before the next one (1–10080).
   * @default 5 for scale-out, 10 for scale-in
   */
  readonly cooldownMinutes?: number;
  /**
   * Instances added (scale-out) or removed (scale-in) per action.
   * @default 1
   */
  readonly changeBy?: number;
}

export interface AutoscaleProps extends AvmCommonProps, DiagnosticSettingsProps {
  /** The App Service plan to scale (autoscale acts on plans, not on sites). */
  readonly plan: AppServicePlan;
  /** Fewest instances. */
  readonly minimum: number;
  /** Most instances (within the plan tier's limit). */
  readonly maximum: number;
  /** Instances used when metrics are unavailable; between minimum and maximum. */
  readonly default: number;
  /**
   * Scale-out rule (`Increase` by `changeBy` when CPU > threshold).
   * @default CPU > 70 % averaged over 5 minutes → +1 instance, 5-minute cooldown
   */
  readonly scaleOut?: CpuScaleRule;
  /**
   * Scale-in rule (`Decrease` by `changeBy` when CPU < threshold); keep it well
   * below the scale-out threshold so the two do not flap.
   * @default CPU < 30 % averaged over 10 minutes → −1 instance, 10-minute cooldown
   */
  readonly scaleIn?: CpuScaleRule;
  /**
   * Addresses e-mailed on every scale action.
   * @default none
   */
  readonly notifyEmails?: string[];
  /**
   * Setting name.
   * @default `<plan name>-autoscale`
   */
  readonly name?: string;
  /**
   * Turn the setting on.
   * @default true
   */
  readonly enabled?: boolean;
}

export const DEFAULT_SCALE_OUT: Required<CpuScaleRule> = { threshold: 70, windowMinutes: 5, cooldownMinutes: 5, changeBy: 1 };
export const DEFAULT_SCALE_IN: Required<CpuScaleRule> = { threshold: 30, windowMinutes: 10, cooldownMinutes: 10, changeBy: 1 };

const isInt = intInRange;
const out = (p: AutoscaleProps): Required<CpuScaleRule> => ({ ...DEFAULT_SCALE_OUT, ...p.scaleOut });
const inn = (p: AutoscaleProps): Required<CpuScaleRule> => ({ ...DEFAULT_SCALE_IN, ...p.scaleIn });
const both = (p: AutoscaleProps) => [out(p), inn(p)];

const RULES: Rule<AutoscaleProps>[] = [
  {
    rule: (p) => `autoscale needs a Standard or Premium plan (${p.plan.sku} is ${p.plan.capabilities.tier}, which scales by hand only)`,
    check: (p) => (p.plan.capabilities.autoscale ? undefined : p.plan.sku),
  },
  { rule: 'minimum must be an integer of at least 1', check: (p) => (isInt(p.minimum, 1, Infinity) ? undefined : p.minimum) },
  { rule: 'minimum must not be above maximum', check: (p) => (p.minimum > p.maximum ? { minimum: p.minimum, maximum: p.maximum } : undefined) },
  {
    rule: 'default must be an integer between minimum and maximum',
    check: (p) => (isInt(p.default, p.minimum, p.maximum) ? undefined : { minimum: p.minimum, default: p.default, maximum: p.maximum }),
  },
  {
    rule: (p) => `maximum must be an integer of at most ${p.plan.capabilities.maxInstances} (the ${p.plan.capabilities.tier} tier's instance limit)`,
    check: (p) => (isInt(p.maximum, 1, p.plan.capabilities.maxInstances) ? undefined : p.maximum),
  },
  { rule: 'minimum must be at least 2 on a zone-balanced plan', check: (p) => (p.plan.zoneBalancing && p.minimum < 2 ? p.minimum : undefined) },
  { rule: 'CPU thresholds must be between 0 and 100', check: (p) => both(p).map((r) => r.threshold).find((t) => !(t >= 0 && t <= 100)) },
  {
    rule: 'the scale-in threshold must be below the scale-out threshold',
    check: (p) => (inn(p).threshold >= out(p).threshold ? { scaleOut: out(p).threshold, scaleIn: inn(p).threshold } : undefined),
  },
  { rule: 'windowMinutes must be an integer between 5 and 720', check: (p) => both(p).map((r) => r.windowMinutes).find((m) => !isInt(m, 5, 720)) },
  { rule: 'cooldownMinutes must be an integer between 1 and 10080', check: (p) => both(p).map((r) => r.cooldownMinutes).find((m) => !isInt(m, 1, 10080)) },
  { rule: 'changeBy must be a positive integer', check: (p) => both(p).map((r) => r.changeBy).find((c) => !isInt(c, 1, Infinity)) },
  {
    rule: 'name may not contain <>*%&:\\?+/ or end with a space or period, and must be 1-260 characters',
    check: (p) => (p.name !== undefined && !/^[^<>*%&:\\?+/]{0,259}[^<>*%&:\\?+/. ]$/.test(p.name) ? p.name : undefined),
  },
];

const minutes = (m: number) => `PT${m}M`;

/**
 * Azure Monitor autoscale of an App Service plan on CPU: one profile with a
 * scale-out rule and a matching scale-in rule (without it, instances added by
 * the scale-out would never be removed). Capacity and rules are validated
 * against each other and against the plan's tier (no autoscale on Basic,
 * instance limits, zone-balanced plans keep 2 instances).
 */
export class Autoscale extends Construct {
  public readonly resource: MonitorAutoscaleSetting;
  public readonly id: string;
  public readonly interfaces: AppliedAvmInterfaces;

  constructor(scope: Construct, id: string, props: AutoscaleProps) {
    super(scope, id);
    requireProps(this, props, ['plan', 'minimum', 'maximum', 'default']);
    validateProps(this, props, RULES);
    AzureStack.of(this).requireResourceProvider('Microsoft.Insights');
    const name = props.name ?? `${props.plan.name}-autoscale`;
    const rule = (direction: 'Increase' | 'Decrease', r: Required<CpuScaleRule>): MonitorAutoscaleSettingProfileRule => ({
      metricTrigger: {
        metricName: 'CpuPercentage',
        metricNamespace: 'microsoft.web/serverfarms',
        metricResourceId: props.plan.id,
        operator: direction === 'Increase' ? 'GreaterThan' : 'LessThan',
        statistic: 'Average',
        timeAggregation: 'Average',
        timeGrain: 'PT1M',
        timeWindow: minutes(r.windowMinutes),
        threshold: r.threshold,
      },
      scaleAction: { direction, type: 'ChangeCount', value: r.changeBy, cooldown: minutes(r.cooldownMinutes) },
    });
    const emails = props.notifyEmails ?? [];
    this.resource = new MonitorAutoscaleSetting(this, 'Resource', {
      name,
      location: props.plan.location,
      resourceGroupName: props.plan.resourceGroupName,
      targetResourceId: props.plan.id,
      enabled: props.enabled ?? true,
      profile: [
        {
          name: 'Default',
          capacity: { minimum: props.minimum, maximum: props.maximum, default: props.default },
          rule: [rule('Increase', out(props)), rule('Decrease', inn(props))],
        },
      ],
      notification: emails.length > 0 ? { email: { customEmails: emails, sendToSubscriptionAdministrator: false, sendToSubscriptionCoAdministrator: false } } : undefined,
      tags: props.tags,
    });
    this.id = this.resource.id;
    props.plan.letAutoscaleOwnWorkerCount();
    this.interfaces = applyAvmInterfaces(this, { resourceId: this.id, resourceName: name, location: props.plan.location, resourceGroupName: props.plan.resourceGroupName }, props);
  }
}
