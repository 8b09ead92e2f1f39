import { PrivateEndpoint } from '@cdktf/provider-azurerm/lib/private-endpoint';
import { RedisCache as RedisResource } from '@cdktf/provider-azurerm/lib/redis-cache';
import { Testing } from 'cdktf';
import { RedisCache, RedisCacheProps } from '../../lib/azure/cache';
import { AzureStack } from '../../lib/azure/azure-stack';
import { expectValidationError } from '../helpers';

const newStack = () => new AzureStack(Testing.app(), 'test', { architecture: 'personal-tech', environment: 'dev', location: 'eastus', backend: { type: 'local' } });
const build = (props: RedisCacheProps = {}) => {
  const stack = newStack();
  const redis = new RedisCache(stack, 'Redis', props);
  return { stack, redis, out: Testing.synth(stack) };
};

describe('RedisCache', () => {
  test('Standard C1, TLS 1.2 only, non-TLS port off, Entra ID auth, Redis 6', () => {
    const { out, redis } = build();
    expect(out).toHaveResourceWithProperties(RedisResource, {
      name: expect.stringMatching(/^redis-personal-tech-dev-eus-[0-9a-f]{6}$/),
      sku_name: 'Standard',
      family: 'C',
      capacity: 1,
      minimum_tls_version: '1.2',
      non_ssl_port_enabled: false,
      public_network_access_enabled: true,
      access_keys_authentication_enabled: true,
      redis_version: '6',
      redis_configuration: { active_directory_authentication_enabled: true },
    });
    expect(redis.hostname).toMatch(/TOKEN/);
  });

  test('public access turns off when private endpoints are used', () => {
    const { out } = build({ privateEndpoints: [{ subnetResourceId: 'snet', privateDnsZoneResourceIds: ['zone'] }] });
    expect(out).toHaveResourceWithProperties(RedisResource, { public_network_access_enabled: false });
    expect(out).toHaveResourceWithProperties(PrivateEndpoint, { private_service_connection: expect.objectContaining({ subresource_names: ['redisCache'] }) });
  });

  test('Premium: family P, shards, zones, patch window, Entra-only', () => {
    const { out } = build({ sku: 'Premium', capacity: 2, shardCount: 2, zones: ['1', '2'], patchSchedule: { dayOfWeek: 'Sunday', startHourUtc: 3 }, accessKeysAuthentication: false, maxmemoryPolicy: 'allkeys-lru' });
    expect(out).toHaveResourceWithProperties(RedisResource, {
      sku_name: 'Premium',
      family: 'P',
      capacity: 2,
      shard_count: 2,
      zones: ['1', '2'],
      access_keys_authentication_enabled: false,
      patch_schedule: [{ day_of_week: 'Sunday', start_hour_utc: 3 }],
      redis_configuration: { active_directory_authentication_enabled: true, maxmemory_policy: 'allkeys-lru' },
    });
  });

  test('Basic C0 is allowed (dev)', () => {
    expect(build({ sku: 'Basic', capacity: 0 }).out).toHaveResourceWithProperties(RedisResource, { sku_name: 'Basic', family: 'C', capacity: 0 });
  });

  test.each([
    [{ sku: 'Enterprise' }, 'test/Redis: sku must be Basic, Standard or Premium (got "Enterprise")'],
    [{ sku: 'Standard', family: 'P' }, 'test/Redis: family must be C for the Standard SKU (got "P")'],
    [{ sku: 'Premium', family: 'C' }, 'test/Redis: family must be P for the Premium SKU (got "C")'],
    [{ capacity: 7 }, 'test/Redis: capacity must be an integer between 0 and 6 for Basic and Standard (C0-C6) (got 7)'],
    [{ sku: 'Premium', capacity: 0 }, 'test/Redis: capacity must be an integer between 1 and 5 for Premium (P1-P5) (got 0)'],
    [{ shardCount: 2 }, 'test/Redis: shardCount needs the Premium SKU (got 2)'],
    [{ sku: 'Premium', shardCount: 11 }, 'test/Redis: shardCount must be an integer between 1 and 10 (got 11)'],
    [{ zones: ['1'] }, 'test/Redis: zones need the Premium SKU (got ["1"])'],
    [{ patchSchedule: { dayOfWeek: 'Caturday', startHourUtc: 3 } }, 'test/Redis: patchSchedule needs a dayOfWeek (Monday, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday, Everyday, Weekend) and a startHourUtc 0-23 (got {"dayOfWeek":"Caturday","startHourUtc":3})'],
    [{ name: 'redis_cache' }, 'test/Redis: Redis cache name may contain only letters, digits and hyphens, and must start and end with a letter or digit (got "redis_cache")'],
  ])('rejects %j', (props, message) => {
    expectValidationError(() => build(props as RedisCacheProps), message);
  });
});
