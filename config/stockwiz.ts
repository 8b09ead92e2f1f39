import { z } from 'zod';
import { backendSchema, cidr, CLOUDWATCH_RETENTION_DAYS, email, loadConfig, merge, stageSchema } from '../lib/core/config';
import { hostedZoneConfigSchema } from '../lib/aws/dns/zone-config';
import { AWS_STATE, awsBackend } from './tfstate-aws';

/**
 * StockWiz (seed 003): dev exactly as the seed's diagram, prod with the
 * seed's production recommendations (RDS, ElastiCache, ECS autoscaling, WAF,
 * Multi-AZ) and HTTPS on a custom domain. The domain `stockwiz.example.com`
 * is a placeholder: set yours (and how its Route 53 zone is found) before
 * deploying. The account id is the one in the seed's state bucket name
 * (`stockwiz-terraform-state-493930199663`): the provider refuses any other.
 */

const retention = () =>
  z
    .number()
    .int()
    .refine((d) => (CLOUDWATCH_RETENTION_DAYS as readonly number[]).includes(d), { message: `must be one of ${CLOUDWATCH_RETENTION_DAYS.join(', ')}` });
const subnet = z.object({ cidr: cidr(), az: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d[a-z]$/, 'must be an availability zone such as us-east-1a') });
const percent = () => z.number().min(1).max(100);

export const stockwizSchema = z.object({
  region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'must be an AWS region such as us-east-1'),
  /** Protection level of the environment's stack. */
  stage: stageSchema(),
  /** Accounts Terraform may touch; unset lets any account's credentials plan and apply. */
  allowedAccountIds: z.array(z.string().regex(/^\d{12}$/, 'must be a 12-digit account id')).optional(),
  backend: backendSchema,
  network: z.object({
    vpcCidr: cidr(),
    publicSubnets: z.array(subnet).min(2),
    privateSubnets: z.array(subnet).min(2),
    /** Data subnets with no route to the internet (RDS, ElastiCache); empty puts data stores in the private subnets. */
    isolatedSubnets: z.array(subnet),
    natGateways: z.enum(['single', 'per-az']),
    flowLogRetentionDays: retention(),
  }),
  /** Receives every alarm (the subscription must be confirmed from the e-mail). */
  alertEmail: email(),
  /** Retention of the containers' log group `/ecs/<env>`. */
  logRetentionDays: retention(),
  loadBalancer: z.object({
    /**
     * Custom domain of the ALB: an ACM certificate for `name` validated in `zone`, HTTPS (TLS 1.2/1.3) carrying the
     * path rules, HTTP answering 301 → HTTPS, and an alias record `name` → the ALB. Unset: HTTP on port 80 only.
     */
    domain: z
      .object({
        name: z.string().regex(/^([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'must be a lowercase DNS name such as stockwiz.example.com'),
        /** Route 53 zone holding `name`: `create` (delegate the output `name_servers`), `lookup`, or `unmanaged` (validate by hand). */
        zone: hostedZoneConfigSchema,
        /** An existing ACM certificate for `name` in the stack's Region instead of a new DNS-validated one. */
        certificateArn: z.string().regex(/^arn:aws:acm:[a-z0-9-]+:\d{12}:certificate\/[0-9a-f-]+$/, 'must be an ACM certificate ARN').optional(),
      })
      .optional(),
    deletionProtection: z.boolean(),
    accessLogsRetentionDays: z.number().int().min(1),
  }),
  service: z.object({
    cpu: z.number().int(),
    memoryMiB: z.number().int(),
    desiredCount: z.number().int().min(0),
    /** Tag of the images the task definition runs. */
    imageTag: z.string().regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/, 'must be a Docker tag'),
    autoScaling: z
      .object({ minCapacity: z.number().int().min(0), maxCapacity: z.number().int().min(1), cpuTargetPercent: percent(), memoryTargetPercent: percent() })
      .refine((a) => a.minCapacity <= a.maxCapacity, { message: 'minCapacity must not exceed maxCapacity' })
      .optional(),
  }),
  ecr: z.object({
    immutableTags: z.boolean(),
    /** Tags that stay movable in immutable repositories (the dev pipeline pushes `latest`). */
    mutableTagExceptions: z.array(z.string()),
    keepLastImages: z.number().int().min(1),
  }),
  /** `container`: PostgreSQL in the task (dev, as in the seed); `rds`: RDS for PostgreSQL. */
  database: z.discriminatedUnion('mode', [
    z.object({ mode: z.literal('container'), name: z.string(), user: z.string() }),
    z.object({
      mode: z.literal('rds'),
      name: z.string(),
      user: z.string(),
      engineVersion: z.string(),
      instanceClass: z.string().startsWith('db.'),
      allocatedStorageGiB: z.number().int().min(20),
      maxAllocatedStorageGiB: z.number().int().min(20),
      multiAz: z.boolean(),
      backupRetentionDays: z.number().int().min(0).max(35),
      deletionProtection: z.boolean(),
      readReplicas: z.number().int().min(0),
    }),
  ]),
  /** `container`: redis:7-alpine in the task (dev, as in the seed); `elasticache`: ElastiCache for Redis OSS. */
  cache: z.discriminatedUnion('mode', [
    z.object({ mode: z.literal('container'), image: z.string() }),
    z.object({ mode: z.literal('elasticache'), engineVersion: z.string(), nodeType: z.string().startsWith('cache.'), nodes: z.number().int().min(1).max(6), snapshotRetentionDays: z.number().int().min(0).max(35) }),
  ]),
  waf: z.object({ enabled: z.boolean(), rateLimit: z.number().int().min(10) }),
  /** Seed 003's alarms. */
  alarms: z.object({ cpuPercent: percent(), memoryPercent: percent(), unhealthyTargets: z.number().int().min(0), http5xxCount: z.number().int().min(0) }),
  /** Days a deleted generated secret stays recoverable (0 or 7-30). */
  secretRecoveryDays: z.number().int().min(0).max(30),
});
export type StockwizConfig = z.infer<typeof stockwizSchema>;

/** The account of the seed (its state bucket is `stockwiz-terraform-state-493930199663`); replace it with yours. */
export const STOCKWIZ_ACCOUNT_ID = AWS_STATE.account;

const dev: StockwizConfig = {
  region: 'us-east-1',
  stage: 'non-production',
  allowedAccountIds: [STOCKWIZ_ACCOUNT_ID],
  backend: awsBackend,
  network: {
    vpcCidr: '10.0.0.0/16',
    publicSubnets: [
      { cidr: '10.0.1.0/24', az: 'us-east-1a' },
      { cidr: '10.0.2.0/24', az: 'us-east-1b' },
    ],
    privateSubnets: [
      { cidr: '10.0.11.0/24', az: 'us-east-1a' },
      { cidr: '10.0.12.0/24', az: 'us-east-1b' },
    ],
    isolatedSubnets: [],
    natGateways: 'single',
    flowLogRetentionDays: 7,
  },
  alertEmail: 'alerts@example.com',
  logRetentionDays: 7,
  loadBalancer: { deletionProtection: false, accessLogsRetentionDays: 30 },
  service: { cpu: 2048, memoryMiB: 4096, desiredCount: 1, imageTag: 'latest' },
  // The seed's pipeline pushes `latest` and the commit SHA: SHA tags are immutable, `latest` moves.
  ecr: { immutableTags: true, mutableTagExceptions: ['latest'], keepLastImages: 30 },
  database: { mode: 'container', name: 'microservices_db', user: 'admin' },
  cache: { mode: 'container', image: 'redis:7-alpine' },
  waf: { enabled: false, rateLimit: 2000 },
  alarms: { cpuPercent: 80, memoryPercent: 80, unhealthyTargets: 0, http5xxCount: 10 },
  secretRecoveryDays: 7,
};

// Production follows the seed's recommendations; where the seed is silent the values are a careful default.
const prod: StockwizConfig = merge(dev, {
  stage: 'production',
  network: {
    // Seed is silent on prod subnets: data stores get their own subnets with no internet route.
    isolatedSubnets: [
      { cidr: '10.0.21.0/24', az: 'us-east-1a' },
      { cidr: '10.0.22.0/24', az: 'us-east-1b' },
    ],
    natGateways: 'per-az',
    flowLogRetentionDays: 365,
  },
  // A year of container logs in prod (audit); dev keeps the seed's 7 days.
  logRetentionDays: 365,
  // Production serves HTTPS on its own domain (placeholder); dev keeps the seed's HTTP listener on the ALB's DNS name.
  loadBalancer: { domain: { name: 'stockwiz.example.com', zone: { mode: 'create', name: 'stockwiz.example.com' } }, deletionProtection: true, accessLogsRetentionDays: 365 },
  // Immutable tags: CI deploys the commit SHA; this is the released tag the task definition starts from.
  service: { desiredCount: 2, imageTag: '1.0.0', autoScaling: { minCapacity: 2, maxCapacity: 6, cpuTargetPercent: 70, memoryTargetPercent: 75 } },
  ecr: { immutableTags: true, mutableTagExceptions: [] },
  database: {
    mode: 'rds',
    name: 'microservices_db',
    // "admin" is reserved by RDS for PostgreSQL.
    user: 'stockwiz',
    engineVersion: '17',
    instanceClass: 'db.t4g.medium',
    allocatedStorageGiB: 20,
    maxAllocatedStorageGiB: 100,
    multiAz: true,
    backupRetentionDays: 14,
    deletionProtection: true,
    readReplicas: 0,
  },
  cache: { mode: 'elasticache', engineVersion: '7.1', nodeType: 'cache.t4g.small', nodes: 2, snapshotRetentionDays: 7 },
  waf: { enabled: true, rateLimit: 2000 },
  secretRecoveryDays: 30,
});

export const STOCKWIZ_ENVIRONMENTS: Record<string, unknown> = { dev, prod };

/** The validated configuration of one environment (`dev` or `prod`). */
export function stockwizConfig(environment: string): StockwizConfig {
  return loadConfig('stockwiz', stockwizSchema, STOCKWIZ_ENVIRONMENTS, environment);
}
