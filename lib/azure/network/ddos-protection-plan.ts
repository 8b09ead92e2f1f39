import { NetworkDdosProtectionPlan } from '@cdktf/provider-azurerm/lib/network-ddos-protection-plan';
import { Construct } from 'constructs';
import { AppliedAvmInterfaces, applyAvmInterfaces, AvmCommonProps } from '../core/interfaces';
import { AzureResourceProps, resolvePlacement } from '../core/placement';
import { requireProps } from '../../core/validation';

export type DdosProtectionPlanProps = AzureResourceProps & AvmCommonProps;

/**
 * An Azure DDoS Network Protection plan (the former "DDoS Protection
 * Standard"): pass `ddosProtectionPlanId: plan.id` to a `VirtualNetwork` and
 * every public IP in it gets adaptive tuning, attack telemetry and the cost
 * guarantee. One plan can cover many virtual networks across subscriptions of
 * a tenant; it bills a fixed monthly fee (about USD 2,944), so share it.
 */
export class DdosProtectionPlan extends Construct {
  public readonly resource: NetworkDdosProtectionPlan;
  public readonly id: string;
  public readonly name: string;
  public readonly interfaces: AppliedAvmInterfaces;

  constructor(scope: Construct, id: string, props: DdosProtectionPlanProps = {}) {
    super(scope, id);
    requireProps(this, props, []);
    const { name, location, resourceGroupName } = resolvePlacement(this, 'ddosProtectionPlan', props, 'Microsoft.Network');
    this.resource = new NetworkDdosProtectionPlan(this, 'Resource', { name, location, resourceGroupName, tags: props.tags });
    this.id = this.resource.id;
    this.name = this.resource.name;
    this.interfaces = applyAvmInterfaces(this, { resourceId: this.id, resourceName: name, location, resourceGroupName }, props);
  }
}
