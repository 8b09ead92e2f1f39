import { z } from 'zod';
import { APP_SERVICE_SKUS } from '../lib/azure/compute/app-service-plan';
import { POSTGRES_STORAGE_MB, POSTGRES_VERSIONS } from '../lib/azure/database/postgres-flexible-server';
import { backendSchema, cidr, loadConfig, merge, stageSchema } from '../lib/core/config';
import { azureBackend } from './azure-backend';

/** Settings of the Personal Technology architecture (seed 001), per environment. */
export const personalTechSchema = z
  .object({
    /** Azure region (the seed deploys to East US). */
    location: z.string().min(1),
    /** Subscription GUID; without it the provider reads ARM_SUBSCRIPTION_ID. */
    subscriptionId: z.guid().optional(),
    /** Entra ID tenant GUID; without it the tenant of the credentials is used. */
    tenantId: z.guid().optional(),
    /** Protection level of the environment's stack. */
    stage: stageSchema(),
    backend: backendSchema,
    network: z.object({
      addressSpace: cidr(),
      /** App Service VNet integration subnet (delegated to Microsoft.Web/serverFarms). */
      appSubnet: cidr(),
      /** Private endpoints of Key Vault, PostgreSQL, Redis, backups storage (and ACR when Premium). */
      privateEndpointSubnet: cidr(),
    }),
    appService: z.object({
      /** Plan SKU: B1 in dev (seed's cost table), a production SKU in prod. */
      sku: z.string().refine((s) => Object.prototype.hasOwnProperty.call(APP_SERVICE_SKUS, s), { message: `must be one of ${Object.keys(APP_SERVICE_SKUS).join(', ')}` }),
      zoneBalancing: z.boolean(),
      /** Image in the registry: the seed's `personal-tech:latest`. */
      image: z.string().min(1),
      /** gunicorn binds 0.0.0.0:8000 in the seed's Dockerfile. */
      containerPort: z.number().int().min(1).max(65535),
      healthCheckPath: z.string().startsWith('/'),
      /** The CI pipeline deploys `personal-tech:<sha>`; Terraform then leaves the tag alone. */
      imageManagedByPipeline: z.boolean(),
    }),
    autoscale: z.object({
      /** Autoscale needs a Standard or Premium plan (Basic scales by hand). */
      enabled: z.boolean(),
      minimum: z.number().int().min(1),
      maximum: z.number().int().min(1),
      default: z.number().int().min(1),
      /** Seed: CPU > 70 % averaged over 5 minutes → +1 instance, 5-minute cooldown. */
      scaleOutCpuAbove: z.number().min(0).max(100),
      scaleOutWindowMinutes: z.number().int(),
      scaleOutCooldownMinutes: z.number().int(),
      /** Not in the seed (added): CPU < 30 % over 10 minutes → −1 instance, 10-minute cooldown. */
      scaleInCpuBelow: z.number().min(0).max(100),
      scaleInWindowMinutes: z.number().int(),
      scaleInCooldownMinutes: z.number().int(),
    }),
    postgres: z.object({
      version: z.enum(POSTGRES_VERSIONS),
      sku: z.string().min(1),
      storageMiB: z.number().refine((n) => (POSTGRES_STORAGE_MB as readonly number[]).includes(n), { message: `must be one of ${POSTGRES_STORAGE_MB.join(', ')}` }),
      backupRetentionDays: z.number().int().min(7).max(35),
      geoRedundantBackup: z.boolean(),
      highAvailability: z.enum(['Disabled', 'SameZone', 'ZoneRedundant']),
      databaseName: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lowercase identifier'),
    }),
    redis: z.object({ sku: z.enum(['Basic', 'Standard', 'Premium']), capacity: z.number().int().min(0).max(6) }),
    storage: z.object({
      /** Container behind the CDN (Django's collectstatic target). */
      staticContainer: z.string().min(3),
      /** Container of the nightly pg_dump files. */
      backupsContainer: z.string().min(3),
      /** The seed's backup script keeps the last 30 days. */
      backupsRetentionDays: z.number().int().min(1),
    }),
    registry: z.object({
      sku: z.enum(['Basic', 'Standard', 'Premium']),
      /** Public IPs of CI runners allowed to push (Premium, otherwise the registry is private). */
      allowedIpRanges: z.array(z.string()),
    }),
    keyVault: z.object({
      /** Days deleted secrets stay recoverable (purge protection is on in every environment). */
      softDeleteRetentionDays: z.number().int().min(7).max(90),
      /**
       * Where Terraform runs from: it writes the vault's secrets through the data plane.
       * `ipRanges`: public IPs of the runners (opens the vault's public endpoint to them only);
       * `runsInsideVnet`: a runner with a line of sight to the private endpoint (in the VNet, a peered one or over VPN).
       */
      deployer: z
        .object({ ipRanges: z.array(z.string()).optional(), runsInsideVnet: z.boolean().optional() })
        .refine((d) => (d.ipRanges ?? []).length > 0 || d.runsInsideVnet === true, { message: 'set ipRanges (the public IPs Terraform runs from) or runsInsideVnet: true' }),
    }),
    frontDoor: z.object({
      sku: z.enum(['Standard_AzureFrontDoor', 'Premium_AzureFrontDoor']),
      /** Per-client-IP requests per minute before the WAF blocks; absent: no WAF. */
      wafRateLimitPerMinute: z.number().int().min(10).optional(),
    }),
    trafficManager: z.object({
      /** Seed's disaster-recovery failover: optional, off by default. */
      enabled: z.boolean(),
      /** Failover targets after the web app (external FQDNs, e.g. a standby region's site). */
      secondaryEndpoints: z.array(z.object({ name: z.string().min(1), target: z.string().min(1) })),
    }),
    logAnalytics: z.object({ retentionDays: z.number().int().min(30).max(730) }),
  })
  .superRefine((c, ctx) => {
    const caps = APP_SERVICE_SKUS[c.appService.sku];
    if (!caps) return;
    if (c.autoscale.enabled && !caps.autoscale) {
      ctx.addIssue({ code: 'custom', path: ['autoscale', 'enabled'], message: `autoscale needs a Standard or Premium App Service SKU (got ${c.appService.sku})` });
    }
    if (c.trafficManager.enabled && !caps.autoscale) {
      ctx.addIssue({ code: 'custom', path: ['trafficManager', 'enabled'], message: `Traffic Manager endpoints need a Standard or Premium App Service SKU (got ${c.appService.sku})` });
    }
    if (c.autoscale.minimum > c.autoscale.maximum || c.autoscale.default < c.autoscale.minimum || c.autoscale.default > c.autoscale.maximum) {
      ctx.addIssue({ code: 'custom', path: ['autoscale'], message: 'needs minimum <= default <= maximum' });
    }
  });
export type PersonalTechConfig = z.infer<typeof personalTechSchema>;

const base: PersonalTechConfig = {
  location: 'eastus',
  stage: 'non-production',
  backend: azureBackend,
  network: { addressSpace: '10.20.0.0/22', appSubnet: '10.20.0.0/24', privateEndpointSubnet: '10.20.1.0/24' },
  appService: { sku: 'B1', zoneBalancing: false, image: 'personal-tech:latest', containerPort: 8000, healthCheckPath: '/health/', imageManagedByPipeline: true },
  // The seed's autoscale profile, exactly: 1 / 10 / 1, CPU > 70 % over 5 min → +1, cooldown 5 min.
  autoscale: {
    enabled: false,
    minimum: 1,
    maximum: 10,
    default: 1,
    scaleOutCpuAbove: 70,
    scaleOutWindowMinutes: 5,
    scaleOutCooldownMinutes: 5,
    scaleInCpuBelow: 30,
    scaleInWindowMinutes: 10,
    scaleInCooldownMinutes: 10,
  },
  // The seed's single server (B_Gen5_1, 51200 MB, 7 days, no geo backup) on flexible server:
  // B1ms and 64 GB, the smallest flexible storage size that holds the seed's 50 GB.
  postgres: { version: '15', sku: 'B_Standard_B1ms', storageMiB: 65536, backupRetentionDays: 7, geoRedundantBackup: false, highAvailability: 'Disabled', databaseName: 'personal_tech' },
  redis: { sku: 'Basic', capacity: 0 },
  storage: { staticContainer: 'static', backupsContainer: 'backups', backupsRetentionDays: 30 },
  registry: { sku: 'Basic', allowedIpRanges: [] },
  // The vault is private (private endpoint only): Terraform runs on a self-hosted runner that reaches
  // the private endpoint. Deploying from outside? Use `deployer: { ipRanges: ['<runner egress IP>'] }`.
  keyVault: { softDeleteRetentionDays: 7, deployer: { runsInsideVnet: true } },
  frontDoor: { sku: 'Standard_AzureFrontDoor' },
  trafficManager: { enabled: false, secondaryEndpoints: [] },
  logAnalytics: { retentionDays: 30 },
};

const prod: PersonalTechConfig = merge(base, {
  stage: 'production',
  network: { addressSpace: '10.21.0.0/22', appSubnet: '10.21.0.0/24', privateEndpointSubnet: '10.21.1.0/24' },
  appService: { sku: 'P1v3' },
  autoscale: { enabled: true },
  postgres: { sku: 'GP_Standard_D2ds_v5', highAvailability: 'ZoneRedundant' },
  redis: { sku: 'Standard', capacity: 1 },
  registry: { sku: 'Premium' },
  keyVault: { softDeleteRetentionDays: 90 },
  frontDoor: { wafRateLimitPerMinute: 2000 },
  logAnalytics: { retentionDays: 90 },
});

/**
 * Raw settings per environment. dev is the seed's "Plan B1 para desarrollo":
 * Basic plans have no autoscale, so dev runs one instance and the seed's
 * autoscale profile applies to prod (P1v3).
 */
export const PERSONAL_TECH_ENVIRONMENTS: Record<string, unknown> = { dev: base, prod };

/** The validated configuration of one environment (`dev` or `prod`). */
export function personalTechConfig(environment: string): PersonalTechConfig {
  return loadConfig('personal-tech', personalTechSchema, PERSONAL_TECH_ENVIRONMENTS, environment);
}
