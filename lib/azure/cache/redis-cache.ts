import { RedisCache as RedisCacheResource } from '@cdktf/provider-azurerm/lib/redis-cache';
import { Construct } from 'constructs';
import { Rule, validateProps, requireProps } from '../../core/validation';
import {
  AppliedAvmInterfaces,
  applyAvmInterfaces,
  AvmCommonProps,
  DiagnosticSettingsProps,
  identityBlock,
  ManagedIdentitiesProps,
  PrivateEndpointsProps,
  specList,
} from '../core/interfaces';
import { AzureResourceProps, resolvePlacement } from '../core/placement';

export type RedisSku = 'Basic' | 'Standard' | 'Premium';

export interface RedisCacheProps extends AzureResourceProps, AvmCommonProps, DiagnosticSettingsProps, PrivateEndpointsProps, ManagedIdentitiesProps {
  /**
   * Tier: Basic (one node, no SLA), Standard (replicated), Premium (clustering, zones, persistence).
   * @default 'Standard'
   */
  readonly sku?: RedisSku;
  /**
   * Size within the family: C0–C6 for Basic and Standard, P1–P5 for Premium.
   * @default 1
   */
  readonly capacity?: number;
  /**
   * `C` (Basic/Standard) or `P` (Premium); must match the SKU.
   * @default derived from the SKU
   */
  readonly family?: 'C' | 'P';
  /**
   * Expose the public endpoint (TLS only).
   * @default false when private endpoints are given, true otherwise
   */
  readonly publicNetworkAccess?: boolean;
  /**
   * Allow access keys; with false, clients must authenticate with Entra ID tokens.
   * @default true (most Redis clients, django-redis included, authenticate with a key)
   */
  readonly accessKeysAuthentication?: boolean;
  /**
   * Eviction policy.
   * @default 'volatile-lru' (Azure's default)
   */
  readonly maxmemoryPolicy?: 'volatile-lru' | 'allkeys-lru' | 'volatile-random' | 'allkeys-random' | 'volatile-ttl' | 'noeviction' | 'volatile-lfu' | 'allkeys-lfu';
  /**
   * Shards (Premium clustering), 1–10.
   * @default no clustering
   */
  readonly shardCount?: number;
  /**
   * Availability zones (Premium).
   * @default none
   */
  readonly zones?: string[];
  /**
   * Redis version.
   * @default '6'
   */
  readonly redisVersion?: '6';
  /**
   * Weekly maintenance window: day (`Sunday`…) and UTC start hour.
   * @default Azure picks
   */
  readonly patchSchedule?: { readonly dayOfWeek: string; readonly startHourUtc: number };
}

const familyOf = (sku: RedisSku) => (sku === 'Premium' ? 'P' : 'C');
const skuOf = (p: RedisCacheProps): RedisSku => p.sku ?? 'Standard';
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday', 'Everyday', 'Weekend'];

const RULES: Rule<RedisCacheProps>[] = [
  { rule: 'sku must be Basic, Standard or Premium', check: (p) => (!['Basic', 'Standard', 'Premium'].includes(skuOf(p)) ? p.sku : undefined) },
  {
    rule: (p) => `family must be ${familyOf(skuOf(p))} for the ${skuOf(p)} SKU`,
    check: (p) => (p.family !== undefined && p.family !== familyOf(skuOf(p)) ? p.family : undefined),
  },
  {
    rule: (p) => (skuOf(p) === 'Premium' ? 'capacity must be an integer between 1 and 5 for Premium (P1-P5)' : 'capacity must be an integer between 0 and 6 for Basic and Standard (C0-C6)'),
    check: (p) => {
      const c = p.capacity ?? 1;
      const [lo, hi] = skuOf(p) === 'Premium' ? [1, 5] : [0, 6];
      return Number.isInteger(c) && c >= lo && c <= hi ? undefined : c;
    },
  },
  { rule: 'shardCount needs the Premium SKU', check: (p) => (p.shardCount !== undefined && skuOf(p) !== 'Premium' ? p.shardCount : undefined) },
  {
    rule: 'shardCount must be an integer between 1 and 10',
    check: (p) => (p.shardCount !== undefined && !(Number.isInteger(p.shardCount) && p.shardCount >= 1 && p.shardCount <= 10) ? p.shardCount : undefined),
  },
  { rule: 'zones need the Premium SKU', check: (p) => ((p.zones ?? []).length > 0 && skuOf(p) !== 'Premium' ? p.zones : undefined) },
  {
    rule: `patchSchedule needs a dayOfWeek (${DAYS.join(', ')}) and a startHourUtc 0-23`,
    check: (p) =>
      p.patchSchedule && (!DAYS.includes(p.patchSchedule.dayOfWeek) || !(Number.isInteger(p.patchSchedule.startHourUtc) && p.patchSchedule.startHourUtc >= 0 && p.patchSchedule.startHourUtc <= 23))
        ? p.patchSchedule
        : undefined,
  },
];

/**
 * Azure Cache for Redis reachable over TLS 1.2 only (non-TLS port 6379 off),
 * Entra ID authentication on, the public endpoint off whenever private
 * endpoints are given, SKU / family / capacity validated together.
 *
 * Retirement: Microsoft has announced the retirement of Azure Cache for Redis
 * (Basic, Standard and Premium; retirement in 2028, with creation of new caches
 * closing earlier) in favour of Azure Managed Redis (Redis Enterprise based).
 * Migration path: provision `azurerm_managed_redis` (in azurerm 4.55: `sku_name`
 * such as `Balanced_B0`, `high_availability_enabled`, a `default_database` with
 * `client_protocol = "Encrypted"`, private endpoint sub-resource `redisEnterprise`,
 * private DNS zone `privatelink.redis.azure.net`, port 10000), point the app's
 * `REDIS_URL` secret at it, let the cache warm (Django's cache holds nothing that
 * cannot be recomputed), then remove this cache. A `ManagedRedis` construct
 * with the same interface (hostname, TLS port, access key) is the follow-up.
 */
export class RedisCache extends Construct {
  public readonly resource: RedisCacheResource;
  public readonly id: string;
  public readonly name: string;
  /** `<name>.redis.cache.windows.net`. */
  public readonly hostname: string;
  /** TLS port (6380). */
  public readonly sslPort: number;
  /** Primary access key (sensitive; store it in Key Vault with `KeyVault.addSecret`). */
  public readonly primaryAccessKey: string;
  public readonly interfaces: AppliedAvmInterfaces;

  constructor(scope: Construct, id: string, props: RedisCacheProps = {}) {
    super(scope, id);
    requireProps(this, props, []);
    validateProps(this, props, RULES);
    const { name, location, resourceGroupName } = resolvePlacement(this, 'redisCache', props, 'Microsoft.Cache');
    const sku = skuOf(props);
    const publicAccess = props.publicNetworkAccess ?? specList(props.privateEndpoints).length === 0;
    this.resource = new RedisCacheResource(this, 'Resource', {
      name,
      location,
      resourceGroupName,
      skuName: sku,
      family: familyOf(sku),
      capacity: props.capacity ?? 1,
      minimumTlsVersion: '1.2',
      nonSslPortEnabled: false,
      publicNetworkAccessEnabled: publicAccess,
      accessKeysAuthenticationEnabled: props.accessKeysAuthentication ?? true,
      redisVersion: props.redisVersion ?? '6',
      shardCount: props.shardCount,
      zones: props.zones,
      redisConfiguration: {
        activeDirectoryAuthenticationEnabled: true,
        maxmemoryPolicy: props.maxmemoryPolicy,
      },
      patchSchedule: props.patchSchedule ? [{ dayOfWeek: props.patchSchedule.dayOfWeek, startHourUtc: props.patchSchedule.startHourUtc }] : undefined,
      identity: identityBlock(props.managedIdentities),
      tags: props.tags,
    });
    this.id = this.resource.id;
    this.name = this.resource.name;
    this.hostname = this.resource.hostname;
    this.sslPort = this.resource.sslPort;
    this.primaryAccessKey = this.resource.primaryAccessKey;
    this.interfaces = applyAvmInterfaces(
      this,
      { resourceId: this.id, resourceName: name, location, resourceGroupName, defaultPrivateEndpointSubresource: 'redisCache' },
      props,
    );
  }
}
