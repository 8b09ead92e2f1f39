import { z } from 'zod';
import { backendSchema, cidr, CLOUDWATCH_RETENTION_DAYS, email, loadConfig, merge, stageSchema } from '../lib/core/config';

/**
 * Canalco (seed 002): React frontend on S3 + CloudFront, FastAPI/Django
 * backend on an EC2 Auto Scaling group behind an ALB, RDS PostgreSQL, four S3
 * buckets, four Python Lambda functions, SES, CloudWatch.
 *
 * Environments as the seed's "Ambientes" section says: dev has smaller
 * instances and runs single-AZ; staging mirrors production at lower size;
 * prod is Multi-AZ with full redundancy. Where the seed gives a range
 * (automated backups 7–30 days) prod takes the safe end and dev the cheap end.
 *
 * The domain `canalco.example.com` and the e-mail addresses are placeholders:
 * set your own (and the Route 53 zone that holds the domain) before deploying.
 */

const retention = () =>
  z
    .number()
    .int()
    .refine((d) => (CLOUDWATCH_RETENTION_DAYS as readonly number[]).includes(d), { message: `must be one of ${CLOUDWATCH_RETENTION_DAYS.join(', ')}` });
const az = () => z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d[a-z]$/, 'must be an availability zone such as us-east-1a');
const percent = () => z.number().min(1).max(99);
const dnsName = () => z.string().regex(/^([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'must be a lowercase DNS name such as canalco.example.com');
const lambdaFunction = z.object({
  memoryMiB: z.number().int().min(128).max(10_240),
  timeoutSeconds: z.number().int().min(1).max(900),
  /** Concurrent executions reserved for (and capped at) the function. */
  reservedConcurrency: z.number().int().min(1),
});
const python = z.string().regex(/^python3\.(1[1-9]|[2-9]\d)$/, 'must be python3.11 or newer');

export const canalcoSchema = z.object({
  region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'must be an AWS region such as us-east-1'),
  /** Protection level of the environment's stack. */
  stage: stageSchema(),
  /** Accounts Terraform may touch; unset lets any account's credentials plan and apply. */
  allowedAccountIds: z.array(z.string().regex(/^\d{12}$/, 'must be a 12-digit account id')).optional(),
  /** S3 state bucket; each stack's key is `<env>/terraform.tfstate`. */
  state: backendSchema,
  dns: z.object({
    /** Domain of this environment: the app is `app.<domain>`, the API `api.<domain>`, e-mail comes from `<domain>`. */
    domain: dnsName(),
    /** Route 53 public hosted zone of `domain`: certificates are validated there and the records created. Unset: do it by hand. */
    hostedZoneId: z.string().regex(/^Z[A-Z0-9]+$/, 'must be a Route 53 hosted zone id').optional(),
  }),
  network: z.object({
    vpcCidr: cidr(),
    /** The seed's two AZs (a and b). */
    azs: z.tuple([az(), az()]),
    /** ALB and NAT, one per AZ. */
    publicSubnets: z.tuple([cidr(), cidr()]),
    /** EC2 backend and Lambda functions, one per AZ. */
    privateSubnets: z.tuple([cidr(), cidr()]),
    /** RDS, one per AZ, no route to the internet. */
    databaseSubnets: z.tuple([cidr(), cidr()]),
    /** `single`: one NAT gateway (dev); `per-az`: one per AZ (no cross-AZ dependency). */
    natGateways: z.enum(['single', 'per-az']),
    /** AZs the workloads (Auto Scaling group, Lambda) run in: 1 = single-AZ (dev), 2 = Multi-AZ. */
    workloadAzs: z.union([z.literal(1), z.literal(2)]),
    flowLogRetentionDays: retention(),
  }),
  compute: z
    .object({
      /** Seed: t3.medium (2 vCPU, 4 GB). */
      instanceType: z.string().regex(/^[a-z][a-z0-9-]*\.[a-z0-9]+$/, 'must be an instance type such as t3.medium'),
      /** The custom (golden) AMI of the seed's launch template; unset: the latest Amazon Linux 2023 from its public SSM parameter. */
      amiId: z.string().regex(/^ami-([0-9a-f]{8}|[0-9a-f]{17})$/, 'must be an AMI id').optional(),
      rootVolumeGiB: z.number().int().min(8),
      minSize: z.number().int().min(0),
      maxSize: z.number().int().min(1),
      desiredCapacity: z.number().int().min(0),
      /** The backend listens here (seed's security groups). */
      port: z.number().int().min(1).max(65_535),
      healthCheckPath: z.string().startsWith('/'),
      /** Seed: health checks every 30 seconds. */
      healthCheckIntervalSeconds: z.number().int().min(5).max(300),
      /** Seed: CPU > 80% → scale out. */
      scaleOutCpuPercent: percent(),
      scaleInCpuPercent: percent(),
      /** Image tag of the backend in ECR; changing it rolls the instances (instance refresh). */
      imageTag: z.string().regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/, 'must be a Docker tag'),
      /** Tags that stay movable in the otherwise immutable repository. */
      mutableImageTags: z.array(z.string()),
      /** Days of weekly EBS snapshots kept (AWS Backup). */
      snapshotRetentionDays: z.number().int().min(7),
    })
    .refine((c) => c.minSize <= c.desiredCapacity && c.desiredCapacity <= c.maxSize, { message: 'minSize ≤ desiredCapacity ≤ maxSize must hold' })
    .refine((c) => c.scaleInCpuPercent < c.scaleOutCpuPercent, { message: 'scaleInCpuPercent must be below scaleOutCpuPercent' }),
  database: z.object({
    /** Seed: PostgreSQL 15.x. */
    engineVersion: z.string().regex(/^15(\.\d+)?$/, 'must be PostgreSQL 15 (the seed)'),
    /** Seed: db.t3.medium. */
    instanceClass: z.string().startsWith('db.'),
    databaseName: z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,62}$/),
    masterUsername: z.string(),
    allocatedStorageGiB: z.number().int().min(20),
    maxAllocatedStorageGiB: z.number().int().min(20),
    multiAz: z.boolean(),
    /** Seed: 7–30 days of automated backups. */
    backupRetentionDays: z.number().int().min(7).max(30),
    deletionProtection: z.boolean(),
    finalSnapshot: z.boolean(),
    /** Seed: read replicas optional, for reports. */
    readReplicas: z.number().int().min(0).max(5),
    /** Set in the parameter group so the "connections > 80%" alarm knows the ceiling. */
    maxConnections: z.number().int().min(10),
    performanceInsightsRetentionDays: z.number().int(),
    /** Free storage below which "low disk" alarms. */
    minFreeStorageGiB: z.number().int().min(1),
  }),
  storage: z.object({
    /** Seed: archive to Glacier after one year. */
    glacierAfterDays: z.number().int().min(1),
    /** Old versions of documents are kept this long. */
    noncurrentVersionDays: z.number().int().min(1),
    /** Days access logs (S3, ALB, CloudFront) are kept. */
    accessLogDays: z.number().int().min(1),
    /** Buckets refuse `terraform destroy` (prod). */
    preventDestroy: z.boolean(),
    /** Buckets may be destroyed with their objects (dev). */
    forceDestroy: z.boolean(),
  }),
  frontend: z.object({ priceClass: z.enum(['PriceClass_100', 'PriceClass_200', 'PriceClass_All']) }),
  lambda: z.object({
    /** Seed: Python 3.11+. */
    runtime: python,
    architecture: z.enum(['arm64', 'x86_64']),
    logRetentionDays: retention(),
    notifications: lambdaFunction,
    audit: lambdaFunction,
    cleanup: lambdaFunction,
    reports: lambdaFunction,
    /** EventBridge schedule of the notifications digest (UTC). */
    notificationsSchedule: z.string().startsWith('cron('),
    /** EventBridge cron of the cleanup (UTC). */
    cleanupSchedule: z.string().startsWith('cron('),
    /** Temporary uploads older than this are deleted by the cleanup. */
    tempObjectMaxAgeDays: z.number().int().min(1),
  }),
  email: z.object({
    /** Local part of the sender address (`<sender>@<dns.domain>`). */
    sender: z.string().regex(/^[a-z0-9._-]+$/),
    dmarcPolicy: z.enum(['none', 'quarantine', 'reject']),
  }),
  monitoring: z.object({
    /** Receive every alarm (subscriptions must be confirmed from the e-mail). */
    alertEmails: z.array(email()).min(1),
    /** Retention of the application log group. */
    logRetentionDays: retention(),
    /** HTTP 5xx per 5 minutes above which "errors > threshold → SNS" fires. */
    http5xxThreshold: z.number().int().min(0),
    /** Root-disk usage above which "low disk" fires. */
    diskUsedPercent: percent(),
  }),
  security: z.object({
    /** WAF (AWS managed rules + per-IP rate limit) on CloudFront and the ALB. */
    waf: z.object({ enabled: z.boolean(), rateLimit: z.number().int().min(10) }),
    /** Refuse ALB deletion through the API. */
    loadBalancerDeletionProtection: z.boolean(),
    /** Days a deleted secret stays recoverable (0 or 7-30). */
    secretRecoveryDays: z.number().int().min(0).max(30),
  }),
})
  // The CloudFront web ACL, its logs and the CloudFront certificate live in us-east-1; WebAcl uses the stack's provider.
  .refine((c) => !c.security.waf.enabled || c.region === 'us-east-1', { message: 'security.waf needs region us-east-1 (the CloudFront web ACL lives there)', path: ['region'] });
export type CanalcoConfig = z.infer<typeof canalcoSchema>;

/** The seed's e-mail templates ("Tipos de correos"), shared by every environment. */
export const CANALCO_EMAIL_TEMPLATES = [
  {
    key: 'requisicion',
    subject: 'Nueva requisición {{numero}} pendiente',
    html: '<p>Hola {{nombre}},</p><p>La requisición <strong>{{numero}}</strong> de {{solicitante}} requiere su atención.</p><p><a href="{{enlace}}">Ver requisición</a></p>',
    text: 'Hola {{nombre}}, la requisición {{numero}} de {{solicitante}} requiere su atención: {{enlace}}',
  },
  {
    key: 'aprobacion',
    subject: 'Aprobación requerida: {{documento}}',
    html: '<p>Hola {{nombre}},</p><p>{{documento}} espera su aprobación desde {{fecha}}.</p><p><a href="{{enlace}}">Revisar</a></p>',
    text: 'Hola {{nombre}}, {{documento}} espera su aprobación desde {{fecha}}: {{enlace}}',
  },
  {
    key: 'orden-confirmada',
    subject: 'Orden {{numero}} confirmada',
    html: '<p>La orden <strong>{{numero}}</strong> por {{total}} fue confirmada por {{proveedor}}.</p>',
    text: 'La orden {{numero}} por {{total}} fue confirmada por {{proveedor}}.',
  },
  {
    key: 'reporte',
    subject: 'Reporte {{report}} disponible',
    html: '<p>El reporte <strong>{{report}}</strong> está disponible en {{key}}.</p>',
    text: 'El reporte {{report}} está disponible en {{key}}.',
  },
  {
    key: 'alerta-sistema',
    subject: '[{{severidad}}] Alerta del sistema: {{titulo}}',
    html: '<p><strong>{{titulo}}</strong></p><p>{{detalle}}</p>',
    text: '{{titulo}}: {{detalle}}',
  },
] as const;

/** Canalco's state bucket; `tfstate-aws` creates it (config/tfstate-aws.ts). */
export const CANALCO_STATE_BUCKET = 'canalco-terraform-state';
const STATE = { type: 's3', bucket: CANALCO_STATE_BUCKET, region: 'us-east-1', keyPrefix: '', key: '{environment}/terraform.tfstate' } as const;

const prod: CanalcoConfig = {
  region: 'us-east-1',
  stage: 'production',
  state: STATE,
  dns: { domain: 'canalco.example.com' },
  network: {
    vpcCidr: '10.0.0.0/16',
    azs: ['us-east-1a', 'us-east-1b'],
    publicSubnets: ['10.0.1.0/24', '10.0.2.0/24'],
    privateSubnets: ['10.0.10.0/24', '10.0.11.0/24'],
    databaseSubnets: ['10.0.20.0/24', '10.0.21.0/24'],
    natGateways: 'per-az',
    workloadAzs: 2,
    flowLogRetentionDays: 365,
  },
  compute: {
    instanceType: 't3.medium',
    rootVolumeGiB: 30,
    // Seed: Auto Scaling group min 2, max 10.
    minSize: 2,
    maxSize: 10,
    desiredCapacity: 2,
    port: 8000,
    healthCheckPath: '/health',
    healthCheckIntervalSeconds: 30,
    scaleOutCpuPercent: 80,
    scaleInCpuPercent: 30,
    imageTag: '1.0.0',
    mutableImageTags: [],
    snapshotRetentionDays: 35,
  },
  database: {
    engineVersion: '15',
    instanceClass: 'db.t3.medium',
    databaseName: 'canalco',
    masterUsername: 'canalco_admin',
    allocatedStorageGiB: 50,
    maxAllocatedStorageGiB: 200,
    multiAz: true,
    backupRetentionDays: 30,
    deletionProtection: true,
    finalSnapshot: true,
    readReplicas: 0,
    // db.t3.medium (4 GiB): RDS's default formula gives about 410.
    maxConnections: 400,
    performanceInsightsRetentionDays: 7,
    minFreeStorageGiB: 10,
  },
  storage: { glacierAfterDays: 365, noncurrentVersionDays: 365, accessLogDays: 365, preventDestroy: true, forceDestroy: false },
  frontend: { priceClass: 'PriceClass_100' },
  lambda: {
    runtime: 'python3.12',
    architecture: 'arm64',
    logRetentionDays: 365,
    notifications: { memoryMiB: 256, timeoutSeconds: 30, reservedConcurrency: 10 },
    audit: { memoryMiB: 256, timeoutSeconds: 60, reservedConcurrency: 5 },
    cleanup: { memoryMiB: 256, timeoutSeconds: 300, reservedConcurrency: 1 },
    reports: { memoryMiB: 512, timeoutSeconds: 300, reservedConcurrency: 2 },
    notificationsSchedule: 'cron(0 12 ? * MON-FRI *)',
    cleanupSchedule: 'cron(0 6 * * ? *)',
    tempObjectMaxAgeDays: 7,
  },
  email: { sender: 'notificaciones', dmarcPolicy: 'quarantine' },
  monitoring: { alertEmails: ['ops@canalco.example.com'], logRetentionDays: 365, http5xxThreshold: 10, diskUsedPercent: 85 },
  security: { waf: { enabled: true, rateLimit: 2000 }, loadBalancerDeletionProtection: true, secretRecoveryDays: 30 },
};

// Staging mirrors production (Multi-AZ everywhere, WAF, deletion protection, a year of logs, same instance types)
// with fewer instances, less storage, shorter backups and document history, and destroyable buckets.
const staging: CanalcoConfig = merge(prod, {
  stage: 'non-production',
  dns: { domain: 'staging.canalco.example.com' },
  compute: { minSize: 2, maxSize: 4, desiredCapacity: 2, imageTag: '1.0.0', snapshotRetentionDays: 14 },
  database: { allocatedStorageGiB: 20, maxAllocatedStorageGiB: 50, backupRetentionDays: 14, minFreeStorageGiB: 4 },
  storage: { noncurrentVersionDays: 90, accessLogDays: 90, preventDestroy: false },
  security: { secretRecoveryDays: 7 },
});

// Dev: smaller instances, single-AZ workloads, one NAT gateway, the cheap end of every range.
const dev: CanalcoConfig = merge(prod, {
  stage: 'non-production',
  dns: { domain: 'dev.canalco.example.com' },
  network: { natGateways: 'single', workloadAzs: 1, flowLogRetentionDays: 30 },
  compute: { instanceType: 't3.small', minSize: 1, maxSize: 2, desiredCapacity: 1, imageTag: 'latest', mutableImageTags: ['latest'], snapshotRetentionDays: 14 },
  database: {
    instanceClass: 'db.t3.small',
    allocatedStorageGiB: 20,
    maxAllocatedStorageGiB: 50,
    multiAz: false,
    backupRetentionDays: 7,
    deletionProtection: false,
    finalSnapshot: false,
    // db.t3.small (2 GiB): RDS's default formula gives about 200.
    maxConnections: 180,
    minFreeStorageGiB: 4,
  },
  storage: { noncurrentVersionDays: 30, accessLogDays: 90, preventDestroy: false, forceDestroy: true },
  lambda: {
    logRetentionDays: 30,
    notifications: { reservedConcurrency: 2 },
    audit: { reservedConcurrency: 2 },
    reports: { reservedConcurrency: 1 },
  },
  monitoring: { logRetentionDays: 30 },
  security: { loadBalancerDeletionProtection: false, secretRecoveryDays: 0 },
});

export const CANALCO_ENVIRONMENTS: Record<string, unknown> = { dev, staging, prod };

/** The validated configuration of one environment (`dev`, `staging` or `prod`). */
export function canalcoConfig(environment: string): CanalcoConfig {
  return loadConfig('canalco', canalcoSchema, CANALCO_ENVIRONMENTS, environment);
}
