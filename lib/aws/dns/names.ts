import { Token } from 'cdktf';

/** A DNS name: labels of letters, digits and hyphens, optionally a leading `*.`. */
export const DOMAIN_NAME = /^(\*\.)?(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** True when `name` (e.g. `api.example.com` or `*.example.com`) is `zoneName` or lies below it; unknown (token) names count as inside. */
export function isInZone(name: string, zoneName: string): boolean {
  if (Token.isUnresolved(name) || Token.isUnresolved(zoneName)) return true;
  const n = name.replace(/^\*\./, '').replace(/\.$/, '');
  const z = zoneName.replace(/\.$/, '');
  return n === z || n.endsWith(`.${z}`);
}

/** A Route 53 hosted zone id. */
export const ZONE_ID = /^Z[A-Z0-9]{1,32}$/;
