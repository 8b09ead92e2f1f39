import { ServicePlan } from '@cdktf/provider-azurerm/lib/service-plan';
import { Construct } from 'constructs';
import { Rule, validateProps } from '../../core/validation';
import { AppliedAvmInterfaces, applyAvmInterfaces, AvmCommonProps, DiagnosticSettingsProps } from '../core/interfaces';
import { AzureResourceProps, resolvePlacement } from '../core/placement';
import { requireProps } from '../../core/validation';

/** Pricing tiers of Linux App Service plans, with what each can do. */
export type AppServiceTier = 'Free' | 'Basic' | 'Standard' | 'PremiumV2' | 'PremiumV3' | 'PremiumV4';

/** What a tier allows: instance limit, autoscale, always-on, zone balancing, VNet integration. */
export interface AppServiceTierCapabilities {
  readonly tier: AppServiceTier;
  /** Most instances a plan of this tier can run. */
  readonly maxInstances: number;
  /** Azure Monitor autoscale (Standard and up; Basic scales by hand). */
  readonly autoscale: boolean;
  /** `always_on` (not on Free). */
  readonly alwaysOn: boolean;
  /** Zone balancing across availability zones (Premium v2 and up). */
  readonly zoneBalancing: boolean;
  /** Regional virtual network integration (Basic and up). */
  readonly vnetIntegration: boolean;
}

const tier = (t: AppServiceTier, maxInstances: number, rest: Omit<AppServiceTierCapabilities, 'tier' | 'maxInstances'>): AppServiceTierCapabilities => ({ tier: t, maxInstances, ...rest });
const FREE = tier('Free', 1, { autoscale: false, alwaysOn: false, zoneBalancing: false, vnetIntegration: false });
const BASIC = tier('Basic', 3, { autoscale: false, alwaysOn: true, zoneBalancing: false, vnetIntegration: true });
const STANDARD = tier('Standard', 10, { autoscale: true, alwaysOn: true, zoneBalancing: false, vnetIntegration: true });
const PREMIUM = (t: AppServiceTier) => tier(t, 30, { autoscale: true, alwaysOn: true, zoneBalancing: true, vnetIntegration: true });

/**
 * Linux App Service plan SKUs this library accepts (Isolated SKUs need an
 * App Service Environment, Elastic Premium / Consumption ones are for Functions).
 */
export const APP_SERVICE_SKUS: Readonly<Record<string, AppServiceTierCapabilities>> = {
  F1: FREE,
  B1: BASIC,
  B2: BASIC,
  B3: BASIC,
  S1: STANDARD,
  S2: STANDARD,
  S3: STANDARD,
  P1v2: PREMIUM('PremiumV2'),
  P2v2: PREMIUM('PremiumV2'),
  P3v2: PREMIUM('PremiumV2'),
  ...Object.fromEntries(['P0v3', 'P1v3', 'P2v3', 'P3v3', 'P1mv3', 'P2mv3', 'P3mv3', 'P4mv3', 'P5mv3'].map((s) => [s, PREMIUM('PremiumV3')])),
  ...Object.fromEntries(['P0v4', 'P1v4', 'P2v4', 'P3v4', 'P1mv4', 'P2mv4', 'P3mv4', 'P4mv4', 'P5mv4'].map((s) => [s, PREMIUM('PremiumV4')])),
};

export interface AppServicePlanProps extends AzureResourceProps, AvmCommonProps, DiagnosticSettingsProps {
  /** SKU, e.g. `B1` (dev) or `P1v3` (prod); one of {@link APP_SERVICE_SKUS}. */
  readonly sku: string;
  /**
   * Spread instances across availability zones (Premium v2/v3/v4, at least 2 instances).
   * @default false
   */
  readonly zoneBalancing?: boolean;
  /**
   * Instances the plan runs (autoscale changes it afterwards).
   * @default 2 when zone balanced, 1 otherwise
   */
  readonly workerCount?: number;
  /**
   * Let each app on the plan choose its own instance count.
   * @default false
   */
  readonly perSiteScaling?: boolean;
}

const capsOf = (sku: string): AppServiceTierCapabilities | undefined => (Object.prototype.hasOwnProperty.call(APP_SERVICE_SKUS, sku) ? APP_SERVICE_SKUS[sku] : undefined);
const workersOf = (p: AppServicePlanProps) => p.workerCount ?? (p.zoneBalancing ? 2 : 1);

const RULES: Rule<AppServicePlanProps>[] = [
  { rule: `sku must be a Linux App Service SKU: ${Object.keys(APP_SERVICE_SKUS).join(', ')}`, check: (p) => (capsOf(p.sku) === undefined ? p.sku : undefined) },
  {
    rule: 'zoneBalancing needs a Premium v2, v3 or v4 SKU',
    check: (p) => (p.zoneBalancing && capsOf(p.sku) !== undefined && !capsOf(p.sku)!.zoneBalancing ? p.sku : undefined),
  },
  {
    rule: 'a zone-balanced plan needs at least 2 instances (workerCount)',
    check: (p) => (p.zoneBalancing && workersOf(p) < 2 ? workersOf(p) : undefined),
  },
  {
    rule: (p) => `workerCount must be an integer between 1 and ${capsOf(p.sku)?.maxInstances} for the ${p.sku} SKU`,
    check: (p) => {
      const caps = capsOf(p.sku);
      const w = workersOf(p);
      return caps && !(Number.isInteger(w) && w >= 1 && w <= caps.maxInstances) ? w : undefined;
    },
  },
];

/**
 * A Linux App Service plan (`azurerm_service_plan`). The SKU is checked
 * against the Linux SKUs and what its tier can do ({@link APP_SERVICE_SKUS}),
 * so a web app or autoscale setting built on it can reject features the tier
 * lacks (autoscale on Basic, always-on on Free). Zone balancing is available
 * on Premium v2 and up, with at least 2 instances.
 */
export class AppServicePlan extends Construct {
  public readonly resource: ServicePlan;
  public readonly id: string;
  public readonly name: string;
  public readonly sku: string;
  /** What the plan's tier can do. */
  public readonly capabilities: AppServiceTierCapabilities;
  public readonly zoneBalancing: boolean;
  public readonly location: string;
  public readonly resourceGroupName: string;
  public readonly interfaces: AppliedAvmInterfaces;

  constructor(scope: Construct, id: string, props: AppServicePlanProps) {
    super(scope, id);
    requireProps(this, props, ['sku']);
    validateProps(this, props, RULES);
    const { name, location, resourceGroupName } = resolvePlacement(this, 'appServicePlan', props, 'Microsoft.Web');
    this.sku = props.sku;
    this.capabilities = capsOf(props.sku)!;
    this.zoneBalancing = props.zoneBalancing ?? false;
    this.location = location;
    this.resourceGroupName = resourceGroupName;
    this.resource = new ServicePlan(this, 'Resource', {
      name,
      location,
      resourceGroupName,
      osType: 'Linux',
      skuName: props.sku,
      workerCount: workersOf(props),
      zoneBalancingEnabled: this.zoneBalancing,
      perSiteScalingEnabled: props.perSiteScaling ?? false,
      tags: props.tags,
    });
    this.id = this.resource.id;
    this.name = this.resource.name;
    // A plan emits metrics only.
    this.interfaces = applyAvmInterfaces(this, { resourceId: this.id, resourceName: name, location, resourceGroupName, diagnosticDefaults: { logCategoryGroups: [], metricCategories: ['AllMetrics'] } }, props);
  }

  /**
   * Leaves the instance count to autoscale: `worker_count` becomes the
   * starting count only, so an apply does not undo a scale action.
   * `Autoscale` calls this on its plan.
   */
  letAutoscaleOwnWorkerCount(): void {
    const ignored = this.resource.lifecycle?.ignoreChanges;
    const list = Array.isArray(ignored) ? ignored : [];
    if (!list.includes('worker_count')) this.resource.lifecycle = { ...this.resource.lifecycle, ignoreChanges: [...list, 'worker_count'] };
  }
}
