import { CdnFrontdoorEndpoint } from '@cdktf/provider-azurerm/lib/cdn-frontdoor-endpoint';
import { CdnFrontdoorFirewallPolicy, CdnFrontdoorFirewallPolicyCustomRule, CdnFrontdoorFirewallPolicyManagedRule } from '@cdktf/provider-azurerm/lib/cdn-frontdoor-firewall-policy';
import { CdnFrontdoorOrigin } from '@cdktf/provider-azurerm/lib/cdn-frontdoor-origin';
import { CdnFrontdoorOriginGroup } from '@cdktf/provider-azurerm/lib/cdn-frontdoor-origin-group';
import { CdnFrontdoorProfile } from '@cdktf/provider-azurerm/lib/cdn-frontdoor-profile';
import { CdnFrontdoorRoute } from '@cdktf/provider-azurerm/lib/cdn-frontdoor-route';
import { CdnFrontdoorRule } from '@cdktf/provider-azurerm/lib/cdn-frontdoor-rule';
import { CdnFrontdoorRuleSet } from '@cdktf/provider-azurerm/lib/cdn-frontdoor-rule-set';
import { CdnFrontdoorSecurityPolicy } from '@cdktf/provider-azurerm/lib/cdn-frontdoor-security-policy';
import { Lazy, Token } from 'cdktf';
import { Construct } from 'constructs';
import { ensure, Rule, validateProps } from '../../core/validation';
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
  /**
   * Content that never changes under its name (Django's hashed `collectstatic` files): a rule set on
   * the route caches it at the edge for this many days whatever the origin says (`OverrideAlways`)
   * and sends browsers `Cache-Control: public, max-age=<days in seconds>, immutable` (seed 001's
   * nginx `expires 1y; add_header Cache-Control "public, immutable"`). 1–365.
   * @default none: the origin's caching headers apply
   */
  readonly immutableForDays?: number;
}

/** A further route of the endpoint, with its own origin group (see {@link FrontDoor.addRoute}). */
export interface FrontDoorRouteSpec {
  /** Origins of the route's origin group. */
  readonly origins: FrontDoorOriginSpec[];
  /** URL patterns, e.g. `['/*']`; the most specific pattern of the endpoint wins. */
  readonly patterns: string[];
  /**
   * Path prefixed to requests sent to the origin.
   * @default none
   */
  readonly originPath?: string;
  /**
   * Caching and compression (`{ enabled: false }` for a dynamic site).
   * @default cache, ignore query strings, compress text types
   */
  readonly caching?: FrontDoorCaching;
  /**
   * Health probe of the origins.
   * @default none with one origin; HEAD `/` over HTTPS every 100 s with several
   */
  readonly healthProbe?: { readonly path: string; readonly intervalSeconds?: number };
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

const ROUTE_RULES: Rule<FrontDoorRouteSpec>[] = [
  { rule: 'at least one origin is needed', check: (p) => (p.origins.length === 0 ? p.origins : undefined) },
  {
    rule: 'origin hostName must be a DNS name without scheme or path (e.g. account.blob.core.windows.net)',
    check: (p) => p.origins.map((o) => o.hostName).find((h) => !Token.isUnresolved(h) && !HOST.test(h)),
  },
  { rule: 'origin priority must be an integer between 1 and 5', check: (p) => p.origins.map((o) => o.priority).find((x) => !between(x, 1, 5)) },
  { rule: 'origin weight must be an integer between 1 and 1000', check: (p) => p.origins.map((o) => o.weight).find((x) => !between(x, 1, 1000)) },
  { rule: 'route patterns must start with /', check: (p) => p.patterns.find((x) => !x.startsWith('/')) },
  { rule: 'originPath must start with / and not end with /', check: (p) => (p.originPath !== undefined && !/^\/.*[^/]$/.test(p.originPath) ? p.originPath : undefined) },
  { rule: 'healthProbe.path must start with /', check: (p) => (p.healthProbe && !p.healthProbe.path.startsWith('/') ? p.healthProbe.path : undefined) },
  { rule: 'healthProbe.intervalSeconds must be an integer between 5 and 31536000', check: (p) => (between(p.healthProbe?.intervalSeconds, 5, 31536000) ? undefined : p.healthProbe?.intervalSeconds) },
  { rule: 'caching.immutableForDays must be an integer between 1 and 365', check: (p) => (between(p.caching?.immutableForDays, 1, 365) ? undefined : p.caching?.immutableForDays) },
  { rule: 'caching.immutableForDays needs caching enabled', check: (p) => (p.caching?.immutableForDays !== undefined && p.caching.enabled === false ? p.caching : undefined) },
];

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
  { rule: 'caching.immutableForDays must be an integer between 1 and 365', check: (p) => (between(p.caching?.immutableForDays, 1, 365) ? undefined : p.caching?.immutableForDays) },
  { rule: 'caching.immutableForDays needs caching enabled', check: (p) => (p.caching?.immutableForDays !== undefined && p.caching.enabled === false ? p.caching : undefined) },
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
  /** Origin group of the first route. */
  public readonly originGroup: CdnFrontdoorOriginGroup;
  /** Origins of the first route. */
  public readonly origins: CdnFrontdoorOrigin[];
  /** The first route (`origins`, `patterns`). */
  public readonly route: CdnFrontdoorRoute;
  /** Every route of the endpoint: the first, then those of {@link addRoute}. */
  public readonly routes: CdnFrontdoorRoute[] = [];
  /** Profile GUID Front Door sends origins in `X-Azure-FDID` (for `LinuxWebApp.frontDoorOnly`). */
  public readonly resourceGuid: string;
  /** The WAF policy, when `waf` is set. */
  public readonly firewallPolicy?: CdnFrontdoorFirewallPolicy;
  public readonly id: string;
  /** `<endpoint>-<hash>.z01.azurefd.net`: where clients fetch the content. */
  public readonly endpointHostName: string;
  public readonly sku: FrontDoorSku;
  public readonly interfaces: AppliedAvmInterfaces;
  /** Domains the WAF covers: the endpoint's own, plus custom domains (see {@link registerCustomDomain}). */
  private readonly domainIds: string[] = [];

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

    this.resourceGuid = this.profile.resourceGuid;
    this.domainIds.push(this.endpoint.id);

    const first = this.buildRoute('default', '', { origins: props.origins, patterns: props.patterns ?? ['/*'], originPath: props.originPath, caching: props.caching, healthProbe: props.healthProbe });
    this.originGroup = first.originGroup;
    this.origins = first.origins;
    this.route = first.route;

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
            // Every domain of the profile: custom domains registered later are covered too.
            association: { patternsToMatch: ['/*'], domain: Lazy.anyValue({ produce: () => this.domainIds.map((d) => ({ cdn_frontdoor_domain_id: d })) }) },
          },
        },
      });
    }

    // Front Door is global: the interfaces have no location.
    this.interfaces = applyAvmInterfaces(this, { resourceId: this.id, resourceName: name, resourceGroupName }, props);
  }

  /**
   * Adds a route with its own origin group (e.g. `/*` to a web app next to a `/static/*` route to storage).
   * @param name route name: lowercase letters, digits and hyphens
   */
  addRoute(name: string, spec: FrontDoorRouteSpec): CdnFrontdoorRoute {
    ensure(this, /^[a-z][a-z0-9-]{0,62}$/.test(name) && name !== 'default' && !this.routes.some((r) => r.nameInput === name), 'route names must be unique lowercase letters, digits and hyphens, starting with a letter', name);
    validateProps(this, spec, ROUTE_RULES.map((r) => ({ ...r, rule: `route ${name}: ${r.rule as string}` })));
    return this.buildRoute(name, `${name}-`, spec).route;
  }

  /** Lets the WAF (when there is one) cover a custom domain of this profile; `FrontDoorCustomDomain` calls it. */
  registerCustomDomain(domainId: string): void {
    if (!this.domainIds.includes(domainId)) this.domainIds.push(domainId);
  }

  private buildRoute(name: string, prefix: string, spec: FrontDoorRouteSpec): { originGroup: CdnFrontdoorOriginGroup; origins: CdnFrontdoorOrigin[]; route: CdnFrontdoorRoute } {
    const probe = spec.healthProbe ?? (spec.origins.length > 1 ? { path: '/' } : undefined);
    const originGroup = new CdnFrontdoorOriginGroup(this, `${prefix}OriginGroup`, {
      name: prefix === '' ? 'origins' : `${name}-origins`,
      cdnFrontdoorProfileId: this.profile.id,
      sessionAffinityEnabled: false,
      loadBalancing: { sampleSize: 4, successfulSamplesRequired: 3, additionalLatencyInMilliseconds: 50 },
      healthProbe: probe ? { path: probe.path, protocol: 'Https', requestType: 'HEAD', intervalInSeconds: probe.intervalSeconds ?? 100 } : undefined,
    });

    const origins = spec.origins.map(
      (o, i) =>
        new CdnFrontdoorOrigin(this, `${prefix}Origin${i}`, {
          name: `${prefix}origin-${i + 1}`,
          cdnFrontdoorOriginGroupId: originGroup.id,
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

    const caching = spec.caching ?? {};
    const cached = caching.enabled ?? true;
    const compress = caching.compression ?? true;
    const queryStrings = caching.queryStringCachingBehavior ?? 'IgnoreQueryString';
    let ruleSetIds: string[] | undefined;
    if (cached && caching.immutableForDays !== undefined) {
      const days = caching.immutableForDays;
      const ruleSet = new CdnFrontdoorRuleSet(this, `${prefix}CacheRules`, { name: `immutable${name.replace(/[^A-Za-z0-9]/g, '')}`, cdnFrontdoorProfileId: this.profile.id });
      new CdnFrontdoorRule(this, `${prefix}ImmutableRule`, {
        name: 'CacheImmutable',
        cdnFrontdoorRuleSetId: ruleSet.id,
        order: 1,
        behaviorOnMatch: 'Continue',
        actions: {
          routeConfigurationOverrideAction: {
            cacheBehavior: 'OverrideAlways',
            cacheDuration: `${days}.00:00:00`,
            compressionEnabled: compress,
            queryStringCachingBehavior: queryStrings,
          },
          responseHeaderAction: [{ headerAction: 'Overwrite', headerName: 'Cache-Control', value: `public, max-age=${days * 86400}, immutable` }],
        },
        // The provider asks rules that override the route configuration to wait for the origins.
        dependsOn: [originGroup, ...origins],
      });
      ruleSetIds = [ruleSet.id];
    }

    const route = new CdnFrontdoorRoute(this, prefix === '' ? 'Route' : `${prefix}Route`, {
      name,
      cdnFrontdoorEndpointId: this.endpoint.id,
      cdnFrontdoorOriginGroupId: originGroup.id,
      cdnFrontdoorOriginIds: origins.map((o) => o.id),
      cdnFrontdoorOriginPath: spec.originPath,
      cdnFrontdoorRuleSetIds: ruleSetIds,
      enabled: true,
      patternsToMatch: spec.patterns,
      supportedProtocols: ['Http', 'Https'],
      httpsRedirectEnabled: true,
      forwardingProtocol: 'HttpsOnly',
      linkToDefaultDomain: true,
      cache: cached
        ? {
            queryStringCachingBehavior: queryStrings,
            compressionEnabled: compress,
            contentTypesToCompress: compress ? (caching.contentTypesToCompress ?? DEFAULT_COMPRESSED_TYPES) : undefined,
          }
        : undefined,
    });
    this.routes.push(route);
    return { originGroup, origins, route };
  }
}
