import { ContainerAppEnvironment } from '@cdktf/provider-azurerm/lib/container-app-environment';
import { PrivateDnsARecord } from '@cdktf/provider-azurerm/lib/private-dns-a-record';
import { PrivateDnsZone } from '@cdktf/provider-azurerm/lib/private-dns-zone';
import { PrivateDnsZoneVirtualNetworkLink } from '@cdktf/provider-azurerm/lib/private-dns-zone-virtual-network-link';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { isCidr, parseCidr } from '../../core/cidr';
import { Rule, validateProps, requireProps, firstDuplicate } from '../../core/validation';
import { AppliedAvmInterfaces, applyAvmInterfaces, AvmCommonProps, DiagnosticSettingsProps } from '../core/interfaces';
import { AzureResourceProps, resolvePlacement } from '../core/placement';

/** The delegation a Container Apps environment subnet needs. */
export const CONTAINER_APPS_DELEGATION = 'Microsoft.App/environments';

/** A subnet for the environment (a `VnetSubnet`). */
export interface IContainerAppsSubnet {
  readonly id: string;
  readonly name: string;
  readonly addressPrefix: string;
  /** The subnet resource; its `delegationInput` tells whether it is delegated. */
  readonly resource?: { readonly delegationInput?: unknown };
}

/** A workload profile of the environment. */
export interface WorkloadProfileSpec {
  /** Profile name apps refer to (`workloadProfileName`), e.g. `general`. */
  readonly name: string;
  /** `Consumption`, or a dedicated size: `D4`, `D8`, `D16`, `D32`, `E4` ... `E32`, `NC24-A100` ... */
  readonly type: string;
  /**
   * Minimum nodes (dedicated profiles).
   * @default 1 for a dedicated profile
   */
  readonly minimumCount?: number;
  /**
   * Maximum nodes (dedicated profiles).
   * @default 3 for a dedicated profile
   */
  readonly maximumCount?: number;
}

/** A Log Analytics workspace (a `LogAnalyticsWorkspace`). */
export interface ILogAnalyticsRef {
  /** ARM resource id. */
  readonly id: string;
}

/** Something with a virtual network id (a `VirtualNetwork`). */
export interface IVnetRef {
  readonly id: string;
  readonly name: string;
}

export interface ContainerAppsEnvironmentProps extends AzureResourceProps, AvmCommonProps, DiagnosticSettingsProps {
  /** Workspace receiving the console and system logs of every app. */
  readonly logAnalytics: ILogAnalyticsRef;
  /**
   * Infrastructure subnet: /27 or larger, delegated to `Microsoft.App/environments`, holding nothing else.
   * @default none: Azure-managed network, which cannot be internal
   */
  readonly subnet?: IContainerAppsSubnet;
  /**
   * Internal environment: apps get a private VIP in the subnet only; nothing public.
   * @default true (needs `subnet`)
   */
  readonly internal?: boolean;
  /**
   * Workload profiles; a `Consumption` profile is always present.
   * @default `[{ name: 'Consumption', type: 'Consumption' }]`
   */
  readonly workloadProfiles?: WorkloadProfileSpec[];
  /**
   * Spread the environment across availability zones (needs `subnet`, set at creation).
   * @default false
   */
  readonly zoneRedundant?: boolean;
  /**
   * Create a private DNS zone for the environment's default domain (`*.<domain>` → the internal VIP) linked to these
   * networks, so an Application Gateway or VMs in them resolve the apps' FQDNs.
   * @default none
   */
  readonly privateDnsLinks?: IVnetRef[];
  /**
   * Mutual TLS between apps in the environment.
   * @default true
   */
  readonly mutualTls?: boolean;
}

const internalOf = (p: ContainerAppsEnvironmentProps) => p.internal ?? true;
const profileTypes = /^(Consumption|D(4|8|16|32)|E(4|8|16|32)|NC(24|48|96)-A100|Consumption-GPU-NC(8as|24)-(T4|A100))$/;

const delegatedTo = (s: IContainerAppsSubnet | undefined): string[] | undefined => {
  if (s?.resource === undefined) return undefined;
  const d = s.resource.delegationInput;
  if (!Array.isArray(d)) return [];
  return d.map((x) => (x as { serviceDelegation?: { name?: string } }).serviceDelegation?.name ?? '');
};

const RULES: Rule<ContainerAppsEnvironmentProps>[] = [
  {
    rule: 'an internal environment needs a subnet',
    check: (p) => (internalOf(p) && p.subnet === undefined ? 'internal' : undefined),
  },
  {
    rule: 'zoneRedundant needs a subnet',
    check: (p) => (p.zoneRedundant && p.subnet === undefined ? 'zoneRedundant' : undefined),
  },
  {
    rule: 'the subnet must be /27 or larger (workload profile environments)',
    check: (p) => {
      const c = p.subnet?.addressPrefix;
      if (c === undefined || Token.isUnresolved(c) || !isCidr(c)) return undefined;
      return parseCidr(c).prefix > 27 ? c : undefined;
    },
  },
  {
    rule: `the subnet must be delegated to ${CONTAINER_APPS_DELEGATION} (and hold nothing else)`,
    check: (p) => {
      const d = delegatedTo(p.subnet);
      if (p.subnet === undefined) return undefined;
      return d !== undefined && !d.includes(CONTAINER_APPS_DELEGATION) ? p.subnet.name : undefined;
    },
  },
  {
    rule: 'workload profile types must be Consumption, D4-D32, E4-E32 or a GPU profile',
    check: (p) => (p.workloadProfiles ?? []).map((w) => w.type).find((t) => !profileTypes.test(t)),
  },
  {
    rule: 'workload profile names must be unique',
    check: (p) => firstDuplicate((p.workloadProfiles ?? []).map((w) => w.name)),
  },
  {
    rule: 'dedicated workload profiles need 0 <= minimumCount <= maximumCount',
    check: (p) =>
      (p.workloadProfiles ?? []).find((w) => w.type !== 'Consumption' && ((w.minimumCount ?? 1) > (w.maximumCount ?? 3) || (w.minimumCount ?? 0) < 0))?.name,
  },
];

/**
 * A Container Apps environment with workload profiles (Consumption plus any
 * dedicated ones), injected into a delegated /27+ subnet, internal by default
 * (no public ingress at all: apps get a private VIP), logs to Log Analytics,
 * mutual TLS between apps, zone redundancy on request, and optionally the
 * private DNS zone that makes `*.<default domain>` resolve inside the network.
 */
export class ContainerAppsEnvironment extends Construct {
  public readonly resource: ContainerAppEnvironment;
  public readonly id: string;
  public readonly name: string;
  /** `<unique>.<region>.azurecontainerapps.io`; apps are `<app>.<defaultDomain>`. */
  public readonly defaultDomain: string;
  /** The environment's (private, when internal) VIP. */
  public readonly staticIpAddress: string;
  public readonly internal: boolean;
  /** Names of the workload profiles apps may run on. */
  public readonly workloadProfileNames: string[];
  public readonly interfaces: AppliedAvmInterfaces;

  constructor(scope: Construct, id: string, props: ContainerAppsEnvironmentProps) {
    super(scope, id);
    requireProps(this, props, ['logAnalytics']);
    validateProps(this, props, RULES);
    const { stack, name, location, resourceGroupName } = resolvePlacement(this, 'containerAppsEnvironment', props, 'Microsoft.App');
    stack.requireResourceProvider('Microsoft.OperationalInsights');
    this.internal = internalOf(props);
    const profiles = props.workloadProfiles ?? [];
    const all = profiles.some((w) => w.type === 'Consumption') ? profiles : [{ name: 'Consumption', type: 'Consumption' }, ...profiles];
    this.workloadProfileNames = all.map((w) => w.name);
    this.resource = new ContainerAppEnvironment(this, 'Resource', {
      name,
      location,
      resourceGroupName,
      logsDestination: 'log-analytics',
      logAnalyticsWorkspaceId: props.logAnalytics.id,
      infrastructureSubnetId: props.subnet?.id,
      // Azure names the managed resource group itself when workload profiles are on; naming it avoids a forced replacement.
      infrastructureResourceGroupName: props.subnet ? `ME_${name}` : undefined,
      internalLoadBalancerEnabled: props.subnet ? this.internal : undefined,
      zoneRedundancyEnabled: props.zoneRedundant ?? false,
      mutualTlsEnabled: props.mutualTls ?? true,
      workloadProfile: all.map((w) => ({
        name: w.name,
        workloadProfileType: w.type,
        minimumCount: w.type === 'Consumption' ? undefined : (w.minimumCount ?? 1),
        maximumCount: w.type === 'Consumption' ? undefined : (w.maximumCount ?? 3),
      })),
      tags: props.tags,
    });
    this.id = this.resource.id;
    this.name = this.resource.name;
    this.defaultDomain = this.resource.defaultDomain;
    this.staticIpAddress = this.resource.staticIpAddress;

    const links = props.privateDnsLinks ?? [];
    if (links.length > 0) {
      const zone = new PrivateDnsZone(this, 'Dns', { name: this.defaultDomain, resourceGroupName, tags: props.tags });
      links.forEach((v, i) => {
        new PrivateDnsZoneVirtualNetworkLink(this, `DnsLink${i}`, { name: `link-${v.name}`, resourceGroupName, privateDnsZoneName: zone.name, virtualNetworkId: v.id, registrationEnabled: false });
      });
      new PrivateDnsARecord(this, 'DnsWildcard', { name: '*', zoneName: zone.name, resourceGroupName, ttl: 300, records: [this.staticIpAddress] });
      new PrivateDnsARecord(this, 'DnsApex', { name: '@', zoneName: zone.name, resourceGroupName, ttl: 300, records: [this.staticIpAddress] });
    }

    this.interfaces = applyAvmInterfaces(this, { resourceId: this.id, resourceName: name, location, resourceGroupName }, props);
  }

  /** Whether apps may name `profile` as their workload profile. */
  hasWorkloadProfile(profile: string): boolean {
    return this.workloadProfileNames.includes(profile);
  }
}
