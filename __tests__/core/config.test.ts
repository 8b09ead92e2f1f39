import { z } from 'zod';
import { cidr, loadConfig, merge } from '../../lib/core/config';

const schema = z.object({ network: z.object({ vpcCidr: cidr() }), desiredCount: z.number().int().min(1) });
const envs = { dev: { network: { vpcCidr: '10.0.0.0/16' }, desiredCount: 1 }, bad: { network: { vpcCidr: '10.0.0.1/16' }, desiredCount: 0 } };

describe('loadConfig', () => {
  test('returns validated settings', () => {
    expect(loadConfig('demo', schema, envs, 'dev').network.vpcCidr).toBe('10.0.0.0/16');
  });
  test('unknown environment names the choices', () => {
    expect(() => loadConfig('demo', schema, envs, 'qa')).toThrow('demo: unknown environment "qa" (expected one of dev, bad)');
  });
  test('a bad value fails with its field path', () => {
    expect(() => loadConfig('demo', schema, envs, 'bad')).toThrow(/demo\.bad\.network\.vpcCidr: must be an IPv4 CIDR block/);
    expect(() => loadConfig('demo', schema, envs, 'bad')).toThrow(/demo\.bad\.desiredCount: /);
  });
  test('merge overrides nested fields and replaces arrays', () => {
    expect(merge({ a: { b: 1, c: [1, 2] }, d: 'x' }, { a: { c: [3] } })).toEqual({ a: { b: 1, c: [3] }, d: 'x' });
  });
});
