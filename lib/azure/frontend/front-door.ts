import { CdnFrontdoorEndpoint } from '@cdktf/provider-azurerm/lib/cdn-frontdoor-endpoint';
import { CdnFrontdoorFirewallPolicy, CdnFrontdoorFirewallPolicyCustomRule, CdnFrontdoorFirewallPolicyManagedRule } from '@cdktf/provider-azurerm/lib/cdn-frontdoor-firewall-policy';
import { CdnFrontdoorOrigin } from '@cdktf/provider-azurerm/lib/cdn-frontdoor-origin';
import { CdnFrontdoorOriginGroup } from '@cdktf/provider-azurerm/lib/cdn-frontdoor-origin-group';
import { CdnFrontdoorProfile } from '@cdktf/provider-azurerm/lib/cdn-frontdoor-profile';
import { CdnFrontdoorRoute } from '@cdktf/provider-azurerm/lib/cdn-frontdoor-route';
import { CdnFrontdoorSecurityPolicy } from '@cdktf/provider-azurerm/lib/cdn-frontdoor-security-policy';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { Rule, validateProps } from '../../core/validation';
import { AppliedAvmInterfaces, applyAvmInterfaces, AvmCommonProps, DiagnosticSettingsProps, identityBlock, ManagedIdentitiesProps } from '../core/interfaces';
import { validateAzureName } from '../core/naming';
import { AzureResourceProps, resolvePlacement } from '../core/placement';
import { requireProps } from '../../core/validation';

export type FrontDoorSku = 'Standard_AzureFrontDoor' | 'Premium_AzureFrontDoor';

/** One origin (backend) of the Front Door origin group. */
export interface FrontDoorOriginSpec {
  /** Origin host, e.g. a storage account's `primaryBlobHost` (`<account>.blob.core.windows.net`). */
  readonly hostName: string;
  /**
   * Host header sent to the origin.
   * @default hostName (what Azure Storage and App Service expect)
   */
  readonly originHostHeader?: string;
  /**
   * Priority (1–5); lower wins, higher ones are failover targets.
   * @default 1
   */
  readonly priority?: number;
  /**
   * Weight (1–1000) among origins of the same priority.
   * @default 1000
   */
  readonly weight?: number;
}

/** Caching and compression on the route. */
export interface FrontDoorCaching {
  /**
   * Cache responses at the edge.
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * How query strings affect the cache key.
   * @default 'IgnoreQueryString' (static files are versioned by name)
   */
  readonly queryStringCachingBehavior?: 'IgnoreQueryString' | 'UseQueryString' | 'IgnoreSpecifiedQueryStrings' | 'IncludeSpecifiedQueryStrings';
  /**
   * Compress at the edge.
   * @default true
   */
  readonly compression?: boolean;
  /**
   * MIME types compressed.
   * @default {@link DEFAULT_COMPRESSED_TYPES}
   */
  readonly contentTypesToCompress?: string[];
}

/** Web application firewall on the endpoint. */
export interface FrontDoorWaf {
  /**
   * `Prevention` blocks, `Detection` only logs.
   * @default 'Prevention'
   */
  readonly mode?: 'Prevention' | 'Detection';
  /**
   * Microsoft Default Rule Set 2.1 and Bot Manager 1.1 (Premium only).
   * @default true on Premium, false on Standard
   */
  readonly managedRules?: boolean;
  /**
   * Block a client IP after this many requests per minute (10 or more).
   * @default no rate limit
   */
  readonly rateLimitPerMinute?: number;
}

export interface FrontDoorProps extends AzureResourceProps, AvmCommonProps, DiagnosticSettingsProps, ManagedIdentitiesProps {
  /**
   * Tier. Premium adds managed WAF rule sets and Private Link origins.
   * @default 'Standard_AzureFrontDoor'
   */
  readonly sku?: FrontDoorSku;
  /** Origins behind the endpoint (one origin group). */
  readonly origins: FrontDoorOriginSpec[];
  /**
   * URL patterns the route serves, e.g. `['/static/*']`.
   * @default ['/*']
   */
  readonly patterns?: string[];
  /**
   * Path prefixed to requests sent to the origin.
   * @default none
   */
  readonly originPath?: string;
  /**
   * Caching and compression.
   * @default cache, ignore query strings, compress text types
   */
  readonly caching?: FrontDoorCaching;
  /**
   * Health probe of the origins (only useful with several).
   * @default none with one origin; HEAD `/` over HTTPS every 100 s with several
   */
  readonly healthProbe?: { readonly path: string; readonly intervalSeconds?: number };
  /**
   * Seconds Front Door waits for an origin, 16–240.
   * @default 60
   */
  readonly responseTimeoutSeconds?: number;
  /**
   * Web application firewall policy on the endpoint.
   * @default no WAF
   */
  readonly waf?: FrontDoorWaf;
  /**
   * Endpoint name (`<name>-<hash>.z01.azurefd.net`).
   * @default the CAF name `fde-<workload>-<env>-<region>`
   */
  readonly endpointName?: string;
}

/** MIME types compressed by default. */
export const DEFAULT_COMPRESSED_TYPES = [
  'text/html',
  'text/css',
  'text/plain',
  'text/javascript',
  'application/javascript',
  'application/x-javascript',
  'application/json',
  'application/xml',
  'image/svg+xml',
  'font/ttf',
  'font/otf',
];

const skuOf = (p: FrontDoorProps): FrontDoorSku => p.sku ?? 'Standard_AzureFrontDoor';
const premium = (p: FrontDoorProps) => skuOf(p) === 'Premium_AzureFrontDoor';
const HOST = /^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;
const between = (n: number | undefined, lo: number, hi: number) => n === undefined || (Number.isInteger(n) && n >= lo && n <= hi);

const RULES: Rule<FrontDoorProps>[] = [
  { rule: 'sku must be Standard_AzureFrontDoor or Premium_AzureFrontDoor', check: (p) => (!['Standard_AzureFrontDoor', 'Premium_AzureFrontDoor'].includes(skuOf(p)) ? p.sku : undefined) },
  { rule: 'at least one origin is needed', check: (p) => (p.origins.length === 0 ? p.origins : undefined) },
  {
    rule: 'origin hostName must be a DNS name without scheme or path (e.g. account.blob.core.windows.net)',
    check: (p) => p.origins.map((o) => o.hostName).find((h) => !Token.isUnresolved(h) && !HOST.test(h)),
  },
  { rule: 'origin priority must be an integer between 1 and 5', check: (p) => p.origins.map((o) => o.priority).find((x) => !between(x, 1, 5)) },
  { rule: 'origin weight must be an integer between 1 and 1000', check: (p) => p.origins.map((o) => o.weight).find((x) => !between(x, 1, 1000)) },
  { rule: 'route patterns must start with /', check: (p) => (p.patterns ?? []).find((x) => !x.startsWith('/')) },
  { rule: 'originPath must start with / and not end with /', check: (p) => (p.originPath !== undefined && !/^\/.*[^/]$/.test(p.originPath) ? p.originPath : undefined) },
  { rule: 'responseTimeoutSeconds must be an integer between 16 and 240', check: (p) => (between(p.responseTimeoutSeconds, 16, 240) ? undefined : p.responseTimeoutSeconds) },
  { rule: 'healthProbe.path must start with /', check: (p) => (p.healthProbe && !p.healthProbe.path.startsWith('/') ? p.healthProbe.path : undefined) },
  { rule: 'healthProbe.intervalSeconds must be an integer between 5 and 31536000', check: (p) => (between(p.healthProbe?.intervalSeconds, 5, 31536000) ? undefined : p.healthProbe?.intervalSeconds) },
  { rule: 'managed WAF rule sets need the Premium_AzureFrontDoor SKU', check: (p) => (p.waf?.managedRules && !premium(p) ? skuOf(p) : undefined) },
  { rule: 'waf.rateLimitPerMinute must be an integer of at least 10', check: (p) => (between(p.waf?.rateLimitPerMinute, 10, Number.MAX_SAFE_INTEGER) ? undefined : p.waf?.rateLimitPerMinute) },
  {
    rule: 'a WAF needs managed rules (Premium) or a rate limit',
    check: (p) => (p.waf && !(p.waf.managedRules ?? premium(p)) && p.waf.rateLimitPerMinute === undefined ? p.waf : undefined),
  },
];

/**
 * Azure Front Door (Standard or Premium) in front of an origin such as a
 * storage account's blob endpoint: profile, endpoint, origin group and
 * origins, and a route that redirects HTTP to HTTPS, talks HTTPS only to the
 * origin (certificate name checked), caches and compresses. An optional WAF
 * policy (managed rule sets on Premium, a per-IP rate limit on either) is
 * attached to the endpoint with a security policy.
 *
 * Seed 001's "Azure CDN" is Front Door here: the classic Azure CDN profiles
 * (Standard from Microsoft, Akamai, Verizon/Edgio) are retired or being
 * retired in favour of Front Door Standard/Premium.
 */
export class FrontDoor extends Construct {
  public readonly profile: CdnFrontdoorProfile;
  public readonly endpoint: CdnFrontdoorEndpoint;
  public readonly originGroup: CdnFrontdoorOriginGroup;
  public readonly origins: CdnFrontdoorOrigin[];
  public readonly route: CdnFrontdoorRoute;
  /** The WAF policy, when `waf` is set. */
  public readonly firewallPolicy?: CdnFrontdoorFirewallPolicy;
  public readonly id: string;
  /** `<endpoint>-<hash>.z01.azurefd.net`: where clients fetch the content. */
  public readonly endpointHostName: string;
  public readonly sku: FrontDoorSku;
  public readonly interfaces: AppliedAvmInterfaces;

  constructor(scope: Construct, id: string, props: FrontDoorProps) {
    super(scope, id);
    requireProps(this, props, ['origins']);
    validateProps(this, props, RULES);
    const { stack, name, resourceGroupName } = resolvePlacement(this, 'frontDoorProfile', props, 'Microsoft.Cdn');
    const endpointName = props.endpointName ?? stack.azureNaming.name('frontDoorEndpoint', ...(props.nameQualifier ? [props.nameQualifier] : []));
    validateAzureName(this, 'frontDoorEndpoint', endpointName);
    this.sku = skuOf(props);

    this.profile = new CdnFrontdoorProfile(this, 'Profile', {
      name,
      resourceGroupName,
      skuName: this.sku,
      responseTimeoutSeconds: props.responseTimeoutSeconds ?? 60,
      identity: identityBlock(props.managedIdentities),
      tags: props.tags,
    });
    this.id = this.profile.id;

    this.endpoint = new CdnFrontdoorEndpoint(this, 'Endpoint', { name: endpointName, cdnFrontdoorProfileId: this.profile.id, enabled: true, tags: props.tags });
    this.endpointHostName = this.endpoint.hostName;

    const probe = props.healthProbe ?? (props.origins.length > 1 ? { path: '/' } : undefined);
    this.originGroup = new CdnFrontdoorOriginGroup(this, 'OriginGroup', {
      name: 'origins',
      cdnFrontdoorProfileId: this.profile.id,
      sessionAffinityEnabled: false,
      loadBalancing: { sampleSize: 4, successfulSamplesRequired: 3, additionalLatencyInMilliseconds: 50 },
      healthProbe: probe ? { path: probe.path, protocol: 'Https', requestType: 'HEAD', intervalInSeconds: probe.intervalSeconds ?? 100 } : undefined,
    });

    this.origins = props.origins.map(
      (o, i) =>
        new CdnFrontdoorOrigin(this, `Origin${i}`, {
          name: `origin-${i + 1}`,
          cdnFrontdoorOriginGroupId: this.originGroup.id,
          enabled: true,
          hostName: o.hostName,
          originHostHeader: o.originHostHeader ?? o.hostName,
          httpsPort: 443,
          httpPort: 80,
          certificateNameCheckEnabled: true,
          priority: o.priority ?? 1,
          weight: o.weight ?? 1000,
        }),
    );

    const caching = props.caching ?? {};
    this.route = new CdnFrontdoorRoute(this, 'Route', {
      name: 'default',
      cdnFrontdoorEndpointId: this.endpoint.id,
      cdnFrontdoorOriginGroupId: this.originGroup.id,
      cdnFrontdoorOriginIds: this.origins.map((o) => o.id),
      cdnFrontdoorOriginPath: props.originPath,
      enabled: true,
      patternsToMatch: props.patterns ?? ['/*'],
      supportedProtocols: ['Http', 'Https'],
      httpsRedirectEnabled: true,
      forwardingProtocol: 'HttpsOnly',
      linkToDefaultDomain: true,
      cache:
        (caching.enabled ?? true)
          ? {
              queryStringCachingBehavior: caching.queryStringCachingBehavior ?? 'IgnoreQueryString',
              compressionEnabled: caching.compression ?? true,
              contentTypesToCompress: (caching.compression ?? true) ? (caching.contentTypesToCompress ?? DEFAULT_COMPRESSED_TYPES) : undefined,
            }
          : undefined,
    });

    if (props.waf) {
      const managed = props.waf.managedRules ?? premium(props);
      const policyName = stack.azureNaming.name('frontDoorFirewallPolicy', ...(props.nameQualifier ? [props.nameQualifier] : []));
      validateAzureName(this, 'frontDoorFirewallPolicy', policyName);
      const managedRule: CdnFrontdoorFirewallPolicyManagedRule[] = managed
        ? [
            { type: 'Microsoft_DefaultRuleSet', version: '2.1', action: 'Block' },
            { type: 'Microsoft_BotManagerRuleSet', version: '1.1', action: 'Block' },
          ]
        : [];
      const customRule: CdnFrontdoorFirewallPolicyCustomRule[] =
        props.waf.rateLimitPerMinute !== undefined
          ? [
              {
                name: 'RateLimitPerClientIp',
                type: 'RateLimitRule',
                action: 'Block',
                enabled: true,
                priority: 100,
                rateLimitDurationInMinutes: 1,
                rateLimitThreshold: props.waf.rateLimitPerMinute,
                // Every request URI contains '/': the limit applies to all requests of a client IP.
                matchCondition: [{ matchVariable: 'RequestUri', operator: 'Contains', matchValues: ['/'] }],
              },
            ]
          : [];
      this.firewallPolicy = new CdnFrontdoorFirewallPolicy(this, 'WafPolicy', {
        name: policyName,
        resourceGroupName,
        skuName: this.sku,
        enabled: true,
        mode: props.waf.mode ?? 'Prevention',
        requestBodyCheckEnabled: true,
        managedRule: managedRule.length > 0 ? managedRule : undefined,
        customRule: customRule.length > 0 ? customRule : undefined,
        tags: props.tags,
      });
      new CdnFrontdoorSecurityPolicy(this, 'SecurityPolicy', {
        name: 'waf',
        cdnFrontdoorProfileId: this.profile.id,
        securityPolicies: {
          firewall: {
            cdnFrontdoorFirewallPolicyId: this.firewallPolicy.id,
            association: { patternsToMatch: ['/*'], domain: [{ cdnFrontdoorDomainId: this.endpoint.id }] },
          },
        },
      });
    }

    // Front Door is global: the interfaces have no location.
    this.interfaces = applyAvmInterfaces(this, { resourceId: this.id, resourceName: name, resourceGroupName }, props);
  }
}
