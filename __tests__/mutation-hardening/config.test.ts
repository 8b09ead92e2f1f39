/**
 * lib/core/config.ts: every schema helper, the backend variants at their limits, the error format and
 * merge's edge cases, found unpinned by `npm run test:mutation`.
 */
import { z } from 'zod';
import { awsRegion, backendSchema, cidr, CLOUDWATCH_RETENTION_DAYS, ConfigError, email, loadConfig, merge, stageSchema } from '../../lib/core/config';

const messages = (schema: z.ZodType, value: unknown) => {
  const r = schema.safeParse(value);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('field helpers', () => {
  test('cidr accepts a network block and says what is wrong with anything else', () => {
    expect(messages(cidr(), '10.0.0.0/16')).toEqual([]);
    expect(messages(cidr(), '10.0.0.0/164')).toEqual([': must be an IPv4 CIDR block such as 10.0.0.0/16 with no host bits set (got "10.0.0.0/164")']);
    expect(messages(cidr(), '10.0.0.1/16')).toEqual([': must be an IPv4 CIDR block such as 10.0.0.0/16 with no host bits set (got "10.0.0.1/16")']);
    expect(messages(cidr(), 16)).toHaveLength(1);
  });

  test('awsRegion accepts a region, suggests the likely one for a typo, and none for nonsense', () => {
    expect(messages(awsRegion(), 'us-east-1')).toEqual([]);
    expect(messages(awsRegion(), 'eu-central-1')).toEqual([]);
    expect(messages(awsRegion(), 'us-east-l')).toEqual([': must be an AWS region such as us-east-1 (got "us-east-l"); did you mean "us-east-1"?']);
    expect(messages(awsRegion(), 'nowhere-at-all-zzz')).toEqual([': must be an AWS region such as us-east-1 (got "nowhere-at-all-zzz")']);
  });

  test('email', () => {
    expect(messages(email(), 'ops@example.com')).toEqual([]);
    expect(messages(email(), 'ops.example.com')).toHaveLength(1);
  });

  test('stage is production or non-production', () => {
    expect(stageSchema().parse('production')).toBe('production');
    expect(stageSchema().parse('non-production')).toBe('non-production');
    expect(messages(stageSchema(), 'prod')).toHaveLength(1);
    expect(stageSchema().options).toEqual(['production', 'non-production']);
  });

  test('the retention values are the ones CloudWatch Logs accepts', () => {
    expect(CLOUDWATCH_RETENTION_DAYS).toEqual([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653]);
  });
});

describe('backendSchema', () => {
  const s3 = { type: 's3', bucket: 'abc', region: 'us-east-1' };
  const azurerm = { type: 'azurerm', resourceGroupName: 'r', storageAccountName: 'abc', containerName: 'tfs' };

  test('the three variants parse, keeping optional key and prefix', () => {
    expect(backendSchema.parse({ type: 'local' })).toEqual({ type: 'local' });
    expect(backendSchema.parse(s3)).toEqual(s3);
    expect(backendSchema.parse({ ...s3, key: 'k', keyPrefix: 'p/' })).toEqual({ ...s3, key: 'k', keyPrefix: 'p/' });
    expect(backendSchema.parse(azurerm)).toEqual(azurerm);
    expect(backendSchema.parse({ ...azurerm, key: 'k', keyPrefix: 'p' })).toEqual({ ...azurerm, key: 'k', keyPrefix: 'p' });
    expect(messages(backendSchema, { type: 'gcs' })).toHaveLength(1);
  });

  test.each([
    [{ ...s3, bucket: 'a'.repeat(63) }, 0],
    [{ ...s3, bucket: 'ab' }, 1],
    [{ ...s3, bucket: 'a'.repeat(64) }, 1],
    [{ ...s3, region: '' }, 1],
    [{ ...s3, key: '' }, 1],
    [{ ...s3, keyPrefix: '' }, 0],
    [{ ...s3, bucket: undefined }, 1],
    [{ ...azurerm, storageAccountName: 'a'.repeat(24) }, 0],
    [{ ...azurerm, storageAccountName: 'ab' }, 1],
    [{ ...azurerm, storageAccountName: 'a'.repeat(25) }, 1],
    [{ ...azurerm, storageAccountName: 'Abc' }, 1],
    [{ ...azurerm, storageAccountName: 'ab-c' }, 1],
    [{ ...azurerm, resourceGroupName: '' }, 1],
    [{ ...azurerm, containerName: 'ab' }, 1],
    [{ ...azurerm, containerName: 'abc' }, 0],
    [{ ...azurerm, key: '' }, 1],
  ])('%j: %d issue(s)', (value, count) => {
    expect(messages(backendSchema, value)).toHaveLength(count);
  });

  test('a bad storage account name says what is allowed', () => {
    expect(messages(backendSchema, { ...azurerm, storageAccountName: 'Bad_Name' })).toEqual(['storageAccountName: must be 3-24 lowercase letters and digits']);
  });
});

describe('loadConfig', () => {
  const schema = z.object({ network: z.object({ vpcCidr: cidr() }), desiredCount: z.number().int().min(1), items: z.array(z.string()).optional() });
  const envs = {
    dev: { network: { vpcCidr: '10.0.0.0/16' }, desiredCount: 2 },
    bad: { network: { vpcCidr: '10.0.0.1/16' }, desiredCount: 0, items: ['a', 3] },
  };

  test('returns the parsed data', () => {
    expect(loadConfig('demo', schema, envs, 'dev')).toEqual({ network: { vpcCidr: '10.0.0.0/16' }, desiredCount: 2 });
  });

  test('every issue on its own indented line, named <architecture>.<environment>.<path> (array indexes included)', () => {
    let thrown: unknown;
    try {
      loadConfig('demo', schema, envs, 'bad');
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect((thrown as Error).name).toBe('ConfigError');
    const lines = (thrown as Error).message.split('\n');
    expect(lines[0]).toBe('invalid configuration:');
    expect(lines.slice(1).map((l) => l.replace(/: .*/, ''))).toEqual(['  demo.bad.network.vpcCidr', '  demo.bad.desiredCount', '  demo.bad.items.1']);
    expect(lines[1]).toBe('  demo.bad.network.vpcCidr: must be an IPv4 CIDR block such as 10.0.0.0/16 with no host bits set (got "10.0.0.1/16")');
  });

  test('an unknown environment is a ConfigError naming the choices; a missing top-level value is an issue at the root', () => {
    expect(() => loadConfig('demo', schema, envs, 'qa')).toThrow(ConfigError);
    expect(() => loadConfig('demo', schema, envs, 'qa')).toThrow('demo: unknown environment "qa" (expected one of dev, bad)');
    expect(() => loadConfig('demo', schema, { dev: null }, 'dev')).toThrow(/^invalid configuration:\n {2}demo\.dev: /);
  });
});

describe('merge', () => {
  test('deep-merges plain objects, replaces arrays and scalars, skips undefined overrides', () => {
    const base = { a: { b: 1, c: [1, 2], d: { e: 'x', f: 'y' } }, g: 'x', h: 1 };
    expect(merge(base, { a: { d: { f: 'z' } }, g: undefined, h: 2 })).toEqual({ a: { b: 1, c: [1, 2], d: { e: 'x', f: 'z' } }, g: 'x', h: 2 });
    expect(merge(base, { a: { c: [9] } }).a.c).toEqual([9]);
    expect(base.a.d.f).toBe('y'); // the base is not changed
  });

  test('an undefined override adds no key', () => {
    expect(Object.keys(merge<Record<string, unknown>>({ a: 1 }, { b: undefined, a: undefined }))).toEqual(['a']);
  });

  test('adds keys the base does not have, and null replaces', () => {
    expect(merge<Record<string, unknown>>({ a: 1 }, { b: { c: 2 } })).toEqual({ a: 1, b: { c: 2 } });
    expect(merge<Record<string, unknown>>({ a: { b: 1 } }, { a: null })).toEqual({ a: null });
  });

  test('a scalar or array base is replaced; an undefined override keeps the base', () => {
    expect(merge<unknown>(1, 2)).toBe(2);
    expect(merge<unknown>([1], [2, 3])).toEqual([2, 3]);
    expect(merge<unknown>({ a: 1 }, undefined as never)).toEqual({ a: 1 });
    expect(merge<unknown>(undefined, { a: 1 })).toEqual({ a: 1 });
    expect(merge<unknown>([1, 2], { 0: 5 } as never)).toEqual({ 0: 5 });
    expect(merge<unknown>({ a: 1 }, [1] as never)).toEqual([1]);
  });
});
