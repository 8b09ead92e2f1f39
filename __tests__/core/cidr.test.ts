import { TerraformVariable, Testing, TerraformStack } from 'cdktf';
import { cidrContains, findOverlap, isCidr, parseCidr } from '../../lib/core/cidr';

describe('cidr', () => {
  test('parses a network block', () => {
    expect(parseCidr('10.0.0.0/16')).toEqual({ text: '10.0.0.0/16', network: 0x0a000000, prefix: 16, size: 65536 });
  });

  test.each([
    ['10.0.0/16', 'is not an IPv4 CIDR block'],
    ['10.0.0.256/24', 'has an octet above 255'],
    ['10.0.0.0/33', 'has a prefix length above 32'],
    ['10.0.1.5/24', 'has host bits set (the network address is 10.0.1.0/24)'],
  ])('rejects %s', (text, message) => {
    expect(() => parseCidr(text)).toThrow(message);
    expect(isCidr(text)).toBe(false);
  });

  test('contains and overlaps', () => {
    expect(cidrContains('10.0.0.0/16', '10.0.11.0/24')).toBe(true);
    expect(cidrContains('10.0.0.0/16', '10.1.0.0/24')).toBe(false);
    expect(cidrContains('10.0.0.0/24', '10.0.0.0/16')).toBe(false);
    expect(findOverlap(['10.0.1.0/24', '10.0.11.0/24', '10.0.0.0/23'])).toEqual(['10.0.0.0/23', '10.0.1.0/24']);
    expect(findOverlap(['10.0.1.0/24', '10.0.2.0/24'])).toBeUndefined();
  });

  test('an unresolved token is unknown, so it passes and is left out of overlap checks', () => {
    const stack = new TerraformStack(Testing.app(), 's');
    const v = new TerraformVariable(stack, 'cidr', { type: 'string' }).stringValue;
    expect(isCidr(v)).toBe(true);
    expect(cidrContains(v, '10.0.1.0/24')).toBe(true);
    expect(cidrContains('10.0.0.0/16', v)).toBe(true);
    expect(findOverlap([v, '10.0.1.0/24', v])).toBeUndefined();
    expect(findOverlap([v, '10.0.1.0/24', '10.0.1.0/25'])).toEqual(['10.0.1.0/24', '10.0.1.0/25']);
    expect(() => parseCidr(v)).toThrow('is not an IPv4 CIDR block');
  });
});
