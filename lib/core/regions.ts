import { Token } from 'cdktf';

/** AWS commercial regions (2026). */
export const AWS_REGIONS: readonly string[] = [
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2',
  'af-south-1',
  'ap-east-1', 'ap-east-2', 'ap-south-1', 'ap-south-2', 'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3', 'ap-southeast-4', 'ap-southeast-5', 'ap-southeast-6', 'ap-southeast-7',
  'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3',
  'ca-central-1', 'ca-west-1',
  'eu-central-1', 'eu-central-2', 'eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-south-1', 'eu-south-2', 'eu-north-1',
  'il-central-1', 'me-south-1', 'me-central-1', 'mx-central-1', 'sa-east-1',
  'us-gov-east-1', 'us-gov-west-1',
];

/** True for a known AWS region (or an unresolved token). */
export function isAwsRegion(region: string): boolean {
  return Token.isUnresolved(region) || AWS_REGIONS.includes(region);
}

/**
 * True when `az` is an availability zone name of `region` (`us-east-1a` in
 * `us-east-1`, also Local Zones such as `us-east-1-bos-1a`), or either is an unresolved token.
 */
export function isAzOfRegion(az: string, region: string): boolean {
  if (Token.isUnresolved(az) || Token.isUnresolved(region)) return true;
  return az.startsWith(region) && /^[a-z]$|^-[a-z0-9-]+[a-z]$/.test(az.slice(region.length));
}

/** Levenshtein distance. */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
  }
  return d[a.length][b.length];
}

/** The closest of `candidates` to `value` when it is close enough to be a typo (case-insensitive distance ≤ 3), else undefined. */
export function didYouMean(value: unknown, candidates: readonly string[]): string | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  const v = value.toLowerCase().replace(/\s+/g, '');
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const dist = distance(v, c.toLowerCase());
    if (dist < bestDistance) [best, bestDistance] = [c, dist];
  }
  return bestDistance <= Math.min(3, Math.max(1, Math.floor(v.length / 3))) ? best : undefined;
}
