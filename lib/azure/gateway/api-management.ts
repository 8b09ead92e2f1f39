import { ApiManagement as ApiManagementResource } from '@cdktf/provider-azurerm/lib/api-management';
import { ApiManagementApi } from '@cdktf/provider-azurerm/lib/api-management-api';
import { ApiManagementApiPolicy } from '@cdktf/provider-azurerm/lib/api-management-api-policy';
import { ApiManagementBackend } from '@cdktf/provider-azurerm/lib/api-management-backend';
import { ApiManagementNamedValue } from '@cdktf/provider-azurerm/lib/api-management-named-value';
import { ApiManagementProduct } from '@cdktf/provider-azurerm/lib/api-management-product';
import { ApiManagementProductApi } from '@cdktf/provider-azurerm/lib/api-management-product-api';
import { ApiManagementProductPolicy } from '@cdktf/provider-azurerm/lib/api-management-product-policy';
import { PublicIp } from '@cdktf/provider-azurerm/lib/public-ip';
import { Construct } from 'constructs';
import { isCidr, parseCidr } from '../../core/cidr';
import { Rule, validateProps, requireProps, firstDuplicate } from '../../core/validation';
import { AppliedAvmInterfaces, applyAvmInterfaces, AvmCommonProps, DiagnosticSettingsProps } from '../core/interfaces';
import { AzureResourceProps, resolvePlacement } from '../core/placement';
import { dimension, Metric } from '../observability/metric';

/**
 * API Management SKUs (`<tier>_<units>`). VNet reach to private backends:
 * Developer and Premium by VNet injection, StandardV2 and PremiumV2 by VNet
 * integration; classic Basic, Standard and Consumption (and BasicV2) have none.
 */
export type ApiManagementSku = string;

const INJECTION = /^(Developer|Premium)_\d+$/;
const INTEGRATION = /^(StandardV2|PremiumV2)_\d+$/;
const NO_VNET = /^(Basic|Standard|BasicV2)_\d+$|^Consumption_0$/;
const SKU = /^(Developer_1|(Basic|Standard|BasicV2|StandardV2|Premium|PremiumV2)_\d+|Consumption_0)$/;

/** One API behind the gateway. */
export interface ApiSpec {
  /** API id, e.g. `users-api`. */
  readonly name: string;
  /** Public path under the gateway, e.g. `users`. */
  readonly path: string;
  /** Backend URL, e.g. `https://<container app fqdn>`. */
  readonly backendUrl: string;
  /**
   * Display name.
   * @default name
   */
  readonly displayName?: string;
}

/** The gateway's access policies (the seed's "Basic Auth + API Key", rate limiting, caching). */
export interface GatewayPolicies {
  /** Calls per subscription key per minute. */
  readonly rateLimitCallsPerMinute: number;
  /**
   * Seconds GET responses are cached (0: no caching).
   * @default 0
   */
  readonly cacheDurationSeconds?: number;
  /**
   * Require an `Authorization: Basic ...` header equal to this Key Vault secret (its versionless id):
   * the value `Basic <base64(user:password)>`, read by the gateway's identity.
   * @default no basic authentication
   */
  readonly basicAuthSecretId?: string;
  /**
   * Client IP ranges allowed (CIDR blocks); everything else gets 403.
   * @default no IP filter
   */
  readonly allowedIpRanges?: string[];
}

export interface ApiManagementProps extends AzureResourceProps, AvmCommonProps, DiagnosticSettingsProps {
  /** SKU, e.g. `Developer_1` or `StandardV2_1`. */
  readonly sku: ApiManagementSku;
  readonly publisherName: string;
  readonly publisherEmail: string;
  /**
   * Subnet that gives the gateway reach into the VNet: injected (Developer / Premium, `External` mode:
   * public gateway, private backends) or integrated (StandardV2 / PremiumV2: the subnet must be
   * delegated to `Microsoft.Web/serverFarms`).
   * @default none: the gateway reaches public backends only
   */
  readonly subnetId?: string;
  /** APIs, one per backend. */
  readonly apis: ApiSpec[];
  /** Product policies. */
  readonly policies: GatewayPolicies;
  /**
   * Product id; callers subscribe to it and send `Ocp-Apim-Subscription-Key`.
   * @default 'platform'
   */
  readonly productId?: string;
}

const RULES: Rule<ApiManagementProps>[] = [
  { rule: 'sku must look like Developer_1, StandardV2_1, Premium_1, ... or Consumption_0', check: (p) => (!SKU.test(p.sku) ? p.sku : undefined) },
  {
    rule: 'classic Basic, Standard, BasicV2 and Consumption tiers cannot reach private backends: use Developer (VNet injection), StandardV2 (VNet integration) or Premium',
    check: (p) => (NO_VNET.test(p.sku) && p.subnetId !== undefined ? p.sku : undefined),
  },
  { rule: 'at least one API is needed', check: (p) => (p.apis.length === 0 ? p.apis : undefined) },
  { rule: 'API names and paths must be unique', check: (p) => firstDuplicate([...p.apis.map((a) => a.name), ...p.apis.map((a) => `/${a.path}`)]) },
  { rule: 'API paths must be lowercase segments without leading or trailing slash', check: (p) => p.apis.map((a) => a.path).find((x) => !/^[a-z0-9-]+(\/[a-z0-9-]+)*$/.test(x)) },
  { rule: 'rateLimitCallsPerMinute must be a positive integer', check: (p) => (!(Number.isInteger(p.policies.rateLimitCallsPerMinute) && p.policies.rateLimitCallsPerMinute > 0) ? p.policies.rateLimitCallsPerMinute : undefined) },
  { rule: 'cacheDurationSeconds must be a non-negative integer', check: (p) => (p.policies.cacheDurationSeconds !== undefined && !(Number.isInteger(p.policies.cacheDurationSeconds) && p.policies.cacheDurationSeconds >= 0) ? p.policies.cacheDurationSeconds : undefined) },
  { rule: 'allowedIpRanges must be IPv4 CIDR blocks', check: (p) => (p.policies.allowedIpRanges ?? []).find((c) => !isCidr(c)) },
];

const ipRange = (block: string) => {
  const { prefix } = parseCidr(block);
  const [a, b, c, d] = block.split('/')[0].split('.').map(Number);
  const start = ((a << 24) >>> 0) + (b << 16) + (c << 8) + d;
  const end = start + 2 ** (32 - prefix) - 1;
  const ip = (n: number) => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
  return `<address-range from="${ip(start)}" to="${ip(end)}" />`;
};

/**
 * API Management with one API and backend per service, a product that
 * requires a subscription key and carries the access policies (optional IP
 * filter, basic authentication against a Key Vault named value, per-key rate
 * limit, response caching), TLS 1.0/1.1 and 3DES off, a system-assigned
 * identity (reads the Key Vault named value). VNet reach: injection on
 * Developer/Premium (`External`), integration on StandardV2/PremiumV2; classic
 * Standard/Basic/Consumption with a subnet is a validation error.
 */
export class ApiManagement extends Construct {
  public readonly resource: ApiManagementResource;
  public readonly id: string;
  public readonly name: string;
  /** `https://<name>.azure-api.net`. */
  public readonly gatewayUrl: string;
  /** Object id of the gateway's system-assigned identity. */
  public readonly principalId: string;
  public readonly apis: Record<string, ApiManagementApi> = {};
  public readonly product: ApiManagementProduct;
  public readonly interfaces: AppliedAvmInterfaces;

  constructor(scope: Construct, id: string, props: ApiManagementProps) {
    super(scope, id);
    requireProps(this, props, ['sku', 'publisherName', 'publisherEmail', 'apis', 'policies']);
    validateProps(this, props, RULES);
    const { stack, name, location, resourceGroupName } = resolvePlacement(this, 'apiManagement', props, 'Microsoft.ApiManagement');
    const injected = props.subnetId !== undefined && INJECTION.test(props.sku);
    const integrated = props.subnetId !== undefined && INTEGRATION.test(props.sku);
    // stv2 VNet injection needs a Standard public IP with a DNS label.
    const pip = injected
      ? new PublicIp(this, 'PublicIp', {
          name: stack.azureNaming.name('publicIp', 'apim'),
          location,
          resourceGroupName,
          sku: 'Standard',
          allocationMethod: 'Static',
          domainNameLabel: name,
          tags: props.tags,
        })
      : undefined;
    this.resource = new ApiManagementResource(this, 'Resource', {
      name,
      location,
      resourceGroupName,
      skuName: props.sku,
      publisherName: props.publisherName,
      publisherEmail: props.publisherEmail,
      virtualNetworkType: injected || integrated ? 'External' : 'None',
      virtualNetworkConfiguration: props.subnetId !== undefined ? { subnetId: props.subnetId } : undefined,
      publicIpAddressId: pip?.id,
      identity: { type: 'SystemAssigned' },
      minApiVersion: '2021-08-01',
      protocols: { http2Enabled: true },
      security: {
        backendSsl30Enabled: false,
        backendTls10Enabled: false,
        backendTls11Enabled: false,
        frontendSsl30Enabled: false,
        frontendTls10Enabled: false,
        frontendTls11Enabled: false,
        tripleDesCiphersEnabled: false,
      },
      tags: props.tags,
    });
    this.id = this.resource.id;
    this.name = this.resource.name;
    this.gatewayUrl = this.resource.gatewayUrl;
    this.principalId = this.resource.identity.principalId;
    const apim = { apiManagementName: this.name, resourceGroupName };

    this.product = new ApiManagementProduct(this, 'Product', {
      ...apim,
      productId: props.productId ?? 'platform',
      displayName: 'Platform APIs',
      subscriptionRequired: true,
      approvalRequired: true,
      subscriptionsLimit: 10,
      published: true,
    });

    for (const api of props.apis) {
      const backend = new ApiManagementBackend(this, `Backend-${api.name}`, { ...apim, name: api.name, protocol: 'http', url: api.backendUrl, tls: { validateCertificateChain: true, validateCertificateName: true } });
      const a = new ApiManagementApi(this, `Api-${api.name}`, {
        ...apim,
        name: api.name,
        displayName: api.displayName ?? api.name,
        path: api.path,
        revision: '1',
        protocols: ['https'],
        subscriptionRequired: true,
      });
      this.apis[api.name] = a;
      new ApiManagementProductApi(this, `ProductApi-${api.name}`, { ...apim, productId: this.product.productId, apiName: a.name });
      new ApiManagementApiPolicy(this, `ApiPolicy-${api.name}`, {
        ...apim,
        apiName: a.name,
        xmlContent: `<policies><inbound><base /><set-backend-service backend-id="${backend.name}" /></inbound><backend><base /></backend><outbound><base /></outbound><on-error><base /></on-error></policies>`,
      });
    }

    const pol = props.policies;
    const named = pol.basicAuthSecretId
      ? new ApiManagementNamedValue(this, 'BasicAuth', { ...apim, name: 'basic-auth-header', displayName: 'basic-auth-header', secret: true, valueFromKeyVault: { secretId: pol.basicAuthSecretId }, tags: ['managed-by-cdktf'] })
      : undefined;
    const inbound = [
      '<base />',
      ...((pol.allowedIpRanges ?? []).length > 0 ? [`<ip-filter action="allow">${pol.allowedIpRanges!.map(ipRange).join('')}</ip-filter>`] : []),
      ...(named ? [`<check-header name="Authorization" failed-check-httpcode="401" failed-check-error-message="Unauthorized" ignore-case="false"><value>{{basic-auth-header}}</value></check-header>`] : []),
      `<rate-limit-by-key calls="${pol.rateLimitCallsPerMinute}" renewal-period="60" counter-key="@(context.Subscription.Id)" />`,
      ...((pol.cacheDurationSeconds ?? 0) > 0 ? ['<cache-lookup vary-by-developer="false" vary-by-developer-groups="false" downstream-caching-type="none" />'] : []),
    ];
    const outbound = ['<base />', ...((pol.cacheDurationSeconds ?? 0) > 0 ? [`<cache-store duration="${pol.cacheDurationSeconds}" />`] : [])];
    new ApiManagementProductPolicy(this, 'ProductPolicy', {
      ...apim,
      productId: this.product.productId,
      xmlContent: `<policies><inbound>${inbound.join('')}</inbound><backend><base /></backend><outbound>${outbound.join('')}</outbound><on-error><base /></on-error></policies>`,
      dependsOn: named ? [named] : undefined,
    });

    this.interfaces = applyAvmInterfaces(this, { resourceId: this.id, resourceName: name, location, resourceGroupName }, props);
  }

  /** Gateway requests (`Requests`, total), optionally of one response code category (`5xx`). */
  metricRequests(responseCodeCategory?: '1xx' | '2xx' | '3xx' | '4xx' | '5xx'): Metric {
    return new Metric({ resourceId: this.id, namespace: 'Microsoft.ApiManagement/service', metricName: 'Requests', aggregation: 'Total', dimensions: responseCodeCategory ? [dimension('GatewayResponseCodeCategory', responseCodeCategory)] : undefined });
  }
}
