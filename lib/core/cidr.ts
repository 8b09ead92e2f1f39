import { Token } from 'cdktf';

/**
 * IPv4 CIDR arithmetic used by the network constructs to reject a subnet that
 * lies outside its VPC / VNet or overlaps a sibling, at synth time.
 *
 * A block that is an unresolved Terraform token (a `TerraformVariable`, a
 * resource attribute) is unknown until apply: the predicates below treat it as
 * acceptable (`isCidr` is true, `cidrContains` is true, `findOverlap` ignores
 * it), so rules built on them validate only what they can.
 */
export interface Cidr {
  /** The original text, e.g. `10.0.1.0/24`. */
  readonly text: string;
  /** Network address as an unsigned 32-bit integer. */
  readonly network: number;
  /** Prefix length, 0–32. */
  readonly prefix: number;
  /** Number of addresses in the block. */
  readonly size: number;
}

const CIDR_RE = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** Error raised for malformed CIDR text; callers wrap it with their construct path. */
export class CidrError extends Error {}

/**
 * Parses `a.b.c.d/n`. Rejects octets > 255, prefixes > 32 and host bits set
 * (`10.0.1.5/24` is an address, not a network).
 */
export function parseCidr(text: string): Cidr {
  const m = CIDR_RE.exec(text);
  if (!m) throw new CidrError(`"${text}" is not an IPv4 CIDR block (expected a.b.c.d/n)`);
  const octets = m.slice(1, 5).map(Number);
  const prefix = Number(m[5]);
  if (octets.some((o) => o > 255)) throw new CidrError(`"${text}" has an octet above 255`);
  if (prefix > 32) throw new CidrError(`"${text}" has a prefix length above 32`);
  const addr = ((octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3]) >>> 0;
  const size = 2 ** (32 - prefix);
  const network = Math.floor(addr / size) * size;
  if (network !== addr) {
    throw new CidrError(`"${text}" has host bits set (the network address is ${formatAddress(network)}/${prefix})`);
  }
  return { text, network, prefix, size };
}

/** True when `text` is an unresolved token (its value is known only at apply). */
export function isUnknown(text: string | Cidr): boolean {
  return typeof text === 'string' && Token.isUnresolved(text);
}

/** True when `text` parses as a network CIDR, or is an unresolved token. */
export function isCidr(text: string): boolean {
  if (isUnknown(text)) return true;
  try {
    parseCidr(text);
    return true;
  } catch {
    return false;
  }
}

export function formatAddress(n: number): string {
  return [24, 16, 8, 0].map((s) => (n >>> s) & 255).join('.');
}

function asCidr(c: string | Cidr): Cidr {
  return typeof c === 'string' ? parseCidr(c) : c;
}

/** True when every address of `inner` is inside `outer` (or either is an unresolved token). */
export function cidrContains(outer: string | Cidr, inner: string | Cidr): boolean {
  if (isUnknown(outer) || isUnknown(inner)) return true;
  const o = asCidr(outer);
  const i = asCidr(inner);
  return i.prefix >= o.prefix && i.network >= o.network && i.network + i.size <= o.network + o.size;
}

/** Returns the first pair of overlapping blocks in `cidrs`, or undefined; unresolved tokens are left out. */
export function findOverlap(cidrs: readonly string[]): [string, string] | undefined {
  const parsed = cidrs.filter((c) => !isUnknown(c)).map(parseCidr).sort((a, b) => a.network - b.network);
  for (let k = 1; k < parsed.length; k++) {
    const prev = parsed[k - 1];
    if (prev.network + prev.size > parsed[k].network) return [prev.text, parsed[k].text];
  }
  return undefined;
}
