import { z } from 'zod';
import { ZONE_ID } from './names';

const dnsName = () => z.string().regex(/^([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'must be a lowercase DNS name such as example.com');

/**
 * Configuration of an environment's public zone:
 * - `create`: the stack creates the zone (output its name servers and delegate them before the first apply finishes),
 * - `lookup`: an existing public zone, found by name (and id when the name is ambiguous),
 * - `unmanaged`: DNS is not in Route 53; certificates use manual validation and the stack outputs the records to create.
 */
export const hostedZoneConfigSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('create'), name: dnsName(), forceDestroy: z.boolean().optional() }),
  z.object({ mode: z.literal('lookup'), name: dnsName(), hostedZoneId: z.string().regex(ZONE_ID, 'must be a Route 53 hosted zone id').optional() }),
  z.object({ mode: z.literal('unmanaged') }),
]);
export type HostedZoneConfig = z.infer<typeof hostedZoneConfigSchema>;
