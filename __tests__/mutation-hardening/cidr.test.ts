/**
 * Boundaries of lib/core/cidr.ts that the mutation run (npm run test:mutation) found unpinned.
 */
import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { CidrError, cidrContains, findOverlap, formatAddress, isCidr, isUnknown, parseCidr } from '../../lib/core/cidr';

describe('parseCidr at its limits', () => {
  test.each([
    ['10.0.0.0/164', 'is not an IPv4 CIDR block'], // trailing junk after a valid prefix
    ['10.0.0.0/16x', 'is not an IPv4 CIDR block'],
    [' 10.0.0.0/16', 'is not an IPv4 CIDR block'], // leading junk
    ['x10.0.0.0/16', 'is not an IPv4 CIDR block'],
    ['1000.0.0.0/8', 'is not an IPv4 CIDR block'],
    ['10.0.0.0/', 'is not an IPv4 CIDR block'],
    ['10.0.0.0', 'is not an IPv4 CIDR block'],
    ['10.0.0.0/99', 'has a prefix length above 32'],
    ['10.0.0.0/33', 'has a prefix length above 32'],
    ['256.0.0.0/8', 'has an octet above 255'],
    ['0.0.0.256/32', 'has an octet above 255'],
    ['10.0.0.128/24', 'has host bits set (the network address is 10.0.0.0/24)'],
    ['10.255.0.0/8', 'has host bits set (the network address is 10.0.0.0/8)'],
  ])('rejects %s with "%s"', (text, message) => {
    expect(() => parseCidr(text)).toThrow(CidrError);
    expect(() => parseCidr(text)).toThrow(`"${text}" ${message}`);
    expect(isCidr(text)).toBe(false);
  });

  test.each([
    ['0.0.0.0/0', 0, 0, 2 ** 32],
    ['255.255.255.255/32', 0xffffffff, 32, 1],
    ['100.64.0.0/10', 0x64400000, 10, 2 ** 22],
    ['192.168.255.240/28', 0xc0a8fff0, 28, 16],
    ['10.0.0.0/8', 0x0a000000, 8, 2 ** 24],
    ['172.16.1.0/24', 0xac100100, 24, 256],
  ])('accepts %s', (text, network, prefix, size) => {
    expect(parseCidr(text)).toEqual({ text, network, prefix, size });
    expect(isCidr(text)).toBe(true);
  });

  test('every octet position counts in the network address', () => {
    expect(parseCidr('1.2.3.4/32').network).toBe(0x01020304);
    expect(parseCidr('128.0.0.0/1').network).toBe(0x80000000); // unsigned, not negative
  });
});

describe('formatAddress', () => {
  test('prints each octet in order', () => {
    expect(formatAddress(0x01020304)).toBe('1.2.3.4');
    expect(formatAddress(0xffffffff)).toBe('255.255.255.255');
    expect(formatAddress(0)).toBe('0.0.0.0');
    expect(formatAddress(0xc0a80100)).toBe('192.168.1.0');
  });
});

describe('cidrContains at the edges of the outer block', () => {
  test.each([
    ['10.0.0.0/16', '10.0.0.0/16', true], // as large as the outer block
    ['10.0.0.0/16', '10.0.0.0/24', true], // flush with the start
    ['10.0.0.0/16', '10.0.255.0/24', true], // flush with the end
    ['10.0.0.0/16', '10.0.255.255/32', true],
    ['10.0.0.0/16', '10.1.0.0/24', false], // just past the end
    ['10.0.0.0/16', '9.255.255.0/24', false], // just before the start
    ['10.0.0.0/16', '10.0.0.0/15', false], // larger, same start
    ['10.0.128.0/17', '10.0.0.0/16', false], // larger, starts before
    ['10.0.0.0/17', '10.0.128.0/24', false], // just past the end of a half
  ])('%s contains %s: %s', (outer, inner, expected) => {
    expect(cidrContains(outer, inner)).toBe(expected);
    expect(cidrContains(parseCidr(outer), parseCidr(inner))).toBe(expected);
  });

  test('malformed text throws rather than answering', () => {
    expect(() => cidrContains('10.0.0.0/16', '10.0.1.5/24')).toThrow('has host bits set');
    expect(() => cidrContains('10.0.0/16', '10.0.1.0/24')).toThrow('is not an IPv4 CIDR block');
  });
});

describe('findOverlap', () => {
  test('adjacent blocks do not overlap, one address more does', () => {
    expect(findOverlap(['10.0.0.0/24', '10.0.1.0/24'])).toBeUndefined();
    expect(findOverlap(['10.0.1.0/24', '10.0.0.0/24'])).toBeUndefined();
    expect(findOverlap(['10.0.0.0/23', '10.0.1.0/24'])).toEqual(['10.0.0.0/23', '10.0.1.0/24']);
  });

  test('sorts by network address before comparing neighbours, and reports the lower block first', () => {
    // Unsorted, the overlapping pair is not adjacent in the input.
    expect(findOverlap(['10.0.4.0/24', '10.0.0.0/22', '10.0.8.0/24', '10.0.2.0/24'])).toEqual(['10.0.0.0/22', '10.0.2.0/24']);
    expect(findOverlap(['10.0.9.0/24', '10.0.1.0/24', '10.0.5.0/24', '10.0.8.0/23'])).toEqual(['10.0.8.0/23', '10.0.9.0/24']);
  });

  test('the same block twice overlaps; no or one block does not', () => {
    expect(findOverlap(['10.0.1.0/24', '10.0.1.0/24'])).toEqual(['10.0.1.0/24', '10.0.1.0/24']);
    expect(findOverlap([])).toBeUndefined();
    expect(findOverlap(['10.0.0.0/16'])).toBeUndefined();
  });

  test('a malformed block throws', () => {
    expect(() => findOverlap(['10.0.0.0/24', '10.0.1.0/33'])).toThrow('has a prefix length above 32');
  });
});

describe('isUnknown', () => {
  test('only an unresolved token string is unknown', () => {
    const stack = new TerraformStack(Testing.app(), 's');
    const v = new TerraformVariable(stack, 'cidr', { type: 'string' }).stringValue;
    expect(isUnknown(v)).toBe(true);
    expect(isUnknown('10.0.0.0/16')).toBe(false);
    expect(isUnknown(parseCidr('10.0.0.0/16'))).toBe(false);
    expect(isCidr(v)).toBe(true);
  });
});
