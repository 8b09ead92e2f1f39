import { TrafficManagerAzureEndpoint } from '@cdktf/provider-azurerm/lib/traffic-manager-azure-endpoint';
import { TrafficManagerExternalEndpoint } from '@cdktf/provider-azurerm/lib/traffic-manager-external-endpoint';
import { TrafficManagerProfile as TrafficManagerProfileResource } from '@cdktf/provider-azurerm/lib/traffic-manager-profile';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { Rule, validateProps, intInRange } from '../../core/validation';
import { AppliedAvmInterfaces, applyAvmInterfaces, AvmCommonProps, DiagnosticSettingsProps } from '../core/interfaces';
import { AzureResourceProps, resolvePlacement } from '../core/placement';
import { requireProps } from '../../core/validation';

export type TrafficRoutingMethod = 'Priority' | 'Weighted' | 'Performance' | 'Geographic' | 'MultiValue' | 'Subnet';

/** One endpoint: an Azure resource (`targetResourceId`) or an external host name (`target`). */
export interface TrafficManagerEndpointSpec {
  /** Endpoint name, unique in the profile. */
  readonly name: string;
  /**
   * Azure resource (a web app on a Standard or higher plan, a public IP with a DNS name).
   * @default none: `target` must be set
   */
  readonly targetResourceId?: string;
  /**
   * External FQDN or IPv4 address (another region's site, a DR host).
   * @default none: `targetResourceId` must be set
   */
  readonly target?: string;
  /**
   * Priority (1–1000, unique) with Priority routing; lower is preferred.
   * @default position in the list (1, 2, ...)
   */
  readonly priority?: number;
  /**
   * Weight (1–1000) with Weighted routing.
   * @default 1
   */
  readonly weight?: number;
  /**
   * Azure region of an external endpoint (Performance routing).
   * @default none
   */
  readonly endpointLocation?: string;
}

/** How Traffic Manager probes endpoints. */
export interface TrafficManagerMonitor {
  /**
   * Probe protocol.
   * @default 'HTTPS'
   */
  readonly protocol?: 'HTTP' | 'HTTPS' | 'TCP';
  /**
   * Probe port.
   * @default 443
   */
  readonly port?: number;
  /**
   * Probe path (HTTP/HTTPS).
   * @default '/health/'
   */
  readonly path?: string;
  /**
   * Seconds between probes: 30, or 10 (fast probing, extra cost).
   * @default 30
   */
  readonly intervalSeconds?: 10 | 30;
  /**
   * Seconds before a probe times out: 5–10, below the interval.
   * @default 10 with a 30-second interval, 9 with 10
   */
  readonly timeoutSeconds?: number;
  /**
   * Failed probes tolerated before an endpoint is degraded, 0–9.
   * @default 3
   */
  readonly toleratedFailures?: number;
  /**
   * Status code ranges counted as healthy.
   * @default ['200-299']
   */
  readonly expectedStatusCodeRanges?: string[];
}

export interface TrafficManagerProfileProps extends AzureResourceProps, AvmCommonProps, DiagnosticSettingsProps {
  /**
   * Routing method; `Priority` sends everything to the first healthy endpoint (failover).
   * @default 'Priority'
   */
  readonly routingMethod?: TrafficRoutingMethod;
  /** Endpoints. */
  readonly endpoints: TrafficManagerEndpointSpec[];
  /**
   * DNS label: `<relativeName>.trafficmanager.net`.
   * @default the profile name
   */
  readonly relativeName?: string;
  /**
   * DNS TTL in seconds, 0–2147483647; a low TTL makes failover quick.
   * @default 60
   */
  readonly ttl?: number;
  /**
   * Endpoint monitoring.
   * @default HTTPS on 443, `/health/`, every 30 s, 10 s timeout, 3 failures tolerated
   */
  readonly monitor?: TrafficManagerMonitor;
}

const routingOf = (p: TrafficManagerProfileProps) => p.routingMethod ?? 'Priority';
const monitorOf = (p: TrafficManagerProfileProps) => {
  const m = p.monitor ?? {};
  const interval = m.intervalSeconds ?? 30;
  return {
    protocol: m.protocol ?? 'HTTPS',
    port: m.port ?? 443,
    path: m.path ?? '/health/',
    intervalSeconds: interval,
    timeoutSeconds: m.timeoutSeconds ?? (interval === 10 ? 9 : 10),
    toleratedFailures: m.toleratedFailures ?? 3,
    expectedStatusCodeRanges: m.expectedStatusCodeRanges ?? ['200-299'],
  };
};
const priorities = (p: TrafficManagerProfileProps) => p.endpoints.map((e, i) => e.priority ?? i + 1);
const between = (n: number | undefined, lo: number, hi: number) => n === undefined || intInRange(n, lo, hi);

const RULES: Rule<TrafficManagerProfileProps>[] = [
  {
    rule: 'routingMethod must be Priority, Weighted, Performance, Geographic, MultiValue or Subnet',
    check: (p) => (!['Priority', 'Weighted', 'Performance', 'Geographic', 'MultiValue', 'Subnet'].includes(routingOf(p)) ? p.routingMethod : undefined),
  },
  { rule: 'at least one endpoint is needed', check: (p) => (p.endpoints.length === 0 ? p.endpoints : undefined) },
  { rule: 'endpoint names must be unique', check: (p) => p.endpoints.map((e) => e.name).find((n, i, all) => all.indexOf(n) !== i) },
  {
    rule: 'each endpoint needs exactly one of targetResourceId and target',
    check: (p) => p.endpoints.find((e) => (e.targetResourceId === undefined) === (e.target === undefined))?.name,
  },
  { rule: 'endpoint priority must be an integer between 1 and 1000', check: (p) => priorities(p).find((x) => !between(x, 1, 1000)) },
  { rule: 'endpoint priorities must be unique with Priority routing', check: (p) => (routingOf(p) === 'Priority' ? priorities(p).find((x, i, all) => all.indexOf(x) !== i) : undefined) },
  { rule: 'endpoint weight must be an integer between 1 and 1000', check: (p) => p.endpoints.map((e) => e.weight).find((x) => !between(x, 1, 1000)) },
  { rule: 'ttl must be an integer between 0 and 2147483647', check: (p) => (between(p.ttl, 0, 2147483647) ? undefined : p.ttl) },
  {
    rule: 'relativeName must be 1-63 letters, digits and hyphens, starting and ending with a letter or digit',
    check: (p) => (p.relativeName !== undefined && !Token.isUnresolved(p.relativeName) && !/^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/.test(p.relativeName) ? p.relativeName : undefined),
  },
  { rule: 'monitor.port must be an integer between 1 and 65535', check: (p) => (between(monitorOf(p).port, 1, 65535) ? undefined : monitorOf(p).port) },
  { rule: 'monitor.path must start with /', check: (p) => (monitorOf(p).protocol !== 'TCP' && !monitorOf(p).path.startsWith('/') ? monitorOf(p).path : undefined) },
  { rule: 'monitor.intervalSeconds must be 10 or 30', check: (p) => (![10, 30].includes(monitorOf(p).intervalSeconds) ? monitorOf(p).intervalSeconds : undefined) },
  {
    rule: 'monitor.timeoutSeconds must be an integer from 5 to 10 and below intervalSeconds',
    check: (p) => {
      const m = monitorOf(p);
      return between(m.timeoutSeconds, 5, 10) && m.timeoutSeconds < m.intervalSeconds ? undefined : m.timeoutSeconds;
    },
  },
  { rule: 'monitor.toleratedFailures must be an integer between 0 and 9', check: (p) => (between(monitorOf(p).toleratedFailures, 0, 9) ? undefined : monitorOf(p).toleratedFailures) },
  {
    rule: 'monitor.expectedStatusCodeRanges entries look like 200-299',
    check: (p) => monitorOf(p).expectedStatusCodeRanges.find((r) => !/^[1-5]\d\d-[1-5]\d\d$/.test(r) || Number(r.slice(0, 3)) > Number(r.slice(4))),
  },
];

/**
 * A Traffic Manager profile for DNS-level failover: Priority routing by
 * default, endpoints probed over HTTPS on `/health/` (the seed's health check),
 * a 60-second TTL. Azure endpoints (web apps on Standard or higher plans)
 * and external endpoints (another region's site) are supported.
 */
export class TrafficManagerProfile extends Construct {
  public readonly resource: TrafficManagerProfileResource;
  public readonly id: string;
  /** `<relativeName>.trafficmanager.net`. */
  public readonly fqdn: string;
  public readonly endpoints: (TrafficManagerAzureEndpoint | TrafficManagerExternalEndpoint)[];
  public readonly interfaces: AppliedAvmInterfaces;

  constructor(scope: Construct, id: string, props: TrafficManagerProfileProps) {
    super(scope, id);
    requireProps(this, props, ['endpoints']);
    validateProps(this, props, RULES, { eager: true }); // eager: duplicate endpoint names would collide as construct ids
    const { name, resourceGroupName } = resolvePlacement(this, 'trafficManagerProfile', props, 'Microsoft.Network');
    const m = monitorOf(props);
    const routing = routingOf(props);
    this.resource = new TrafficManagerProfileResource(this, 'Resource', {
      name,
      resourceGroupName,
      trafficRoutingMethod: routing,
      profileStatus: 'Enabled',
      dnsConfig: { relativeName: props.relativeName ?? name, ttl: props.ttl ?? 60 },
      monitorConfig: {
        protocol: m.protocol,
        port: m.port,
        path: m.protocol === 'TCP' ? undefined : m.path,
        intervalInSeconds: m.intervalSeconds,
        timeoutInSeconds: m.timeoutSeconds,
        toleratedNumberOfFailures: m.toleratedFailures,
        expectedStatusCodeRanges: m.protocol === 'TCP' ? undefined : m.expectedStatusCodeRanges,
      },
      tags: props.tags,
    });
    this.id = this.resource.id;
    this.fqdn = this.resource.fqdn;
    const prio = priorities(props);
    this.endpoints = props.endpoints.map((e, i) => {
      const common = {
        name: e.name,
        profileId: this.id,
        enabled: true,
        priority: routing === 'Priority' ? prio[i] : undefined,
        weight: routing === 'Weighted' ? (e.weight ?? 1) : undefined,
      };
      return e.targetResourceId !== undefined
        ? new TrafficManagerAzureEndpoint(this, `Endpoint-${e.name}`, { ...common, targetResourceId: e.targetResourceId })
        : new TrafficManagerExternalEndpoint(this, `Endpoint-${e.name}`, { ...common, target: e.target!, endpointLocation: e.endpointLocation });
    });
    // Traffic Manager is global: the interfaces have no location.
    this.interfaces = applyAvmInterfaces(this, { resourceId: this.id, resourceName: name, resourceGroupName }, props);
  }
}
