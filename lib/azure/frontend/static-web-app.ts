import { StaticWebApp as StaticWebAppResource } from '@cdktf/provider-azurerm/lib/static-web-app';
import { Construct } from 'constructs';
import { Rule, validateProps, requireProps } from '../../core/validation';
import { AppliedAvmInterfaces, applyAvmInterfaces, AvmCommonProps } from '../core/interfaces';
import { normalizeLocation } from '../core/naming';
import { AzureResourceProps, resolvePlacement } from '../core/placement';

/** Regions where Static Web Apps can be created (content is served globally). */
export const STATIC_WEB_APP_REGIONS = ['westus2', 'centralus', 'eastus2', 'westeurope', 'eastasia'];

export interface StaticWebAppProps extends AzureResourceProps, AvmCommonProps {
  /**
   * `Free` or `Standard` (custom auth, private endpoints, SLA).
   * @default 'Standard'
   */
  readonly sku?: 'Free' | 'Standard';
  /**
   * Preview environments for pull requests.
   * @default false
   */
  readonly previewEnvironments?: boolean;
}

const RULES: Rule<StaticWebAppProps>[] = [
  { rule: `location must be a Static Web Apps region (${STATIC_WEB_APP_REGIONS.join(', ')})`, check: (p) => (p.location !== undefined && !STATIC_WEB_APP_REGIONS.includes(normalizeLocation(p.location)) ? p.location : undefined) },
];

/**
 * An Azure Static Web App for a single-page application (the seed's React
 * SPA): Standard by default, no repository token in configuration (the CI
 * pipeline deploys with the deployment token), preview environments off.
 */
export class StaticWebApp extends Construct {
  public readonly resource: StaticWebAppResource;
  public readonly id: string;
  public readonly name: string;
  /** `<random>.azurestaticapps.net`: a Front Door origin host. */
  public readonly defaultHostName: string;
  public readonly interfaces: AppliedAvmInterfaces;

  constructor(scope: Construct, id: string, props: StaticWebAppProps = {}) {
    super(scope, id);
    requireProps(this, props, []);
    validateProps(this, props, RULES);
    const { name, location, resourceGroupName } = resolvePlacement(this, 'staticWebApp', props, 'Microsoft.Web');
    const sku = props.sku ?? 'Standard';
    this.resource = new StaticWebAppResource(this, 'Resource', {
      name,
      location,
      resourceGroupName,
      skuTier: sku,
      skuSize: sku,
      previewEnvironmentsEnabled: props.previewEnvironments ?? false,
      configurationFileChangesEnabled: true,
      tags: props.tags,
    });
    this.id = this.resource.id;
    this.name = this.resource.name;
    this.defaultHostName = this.resource.defaultHostName;
    this.interfaces = applyAvmInterfaces(this, { resourceId: this.id, resourceName: name, location, resourceGroupName }, props);
  }
}
