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
      /**
       * The seed's nightly `pg_dump` kept 30 days, as Azure Backup: the server's backups go into a
       * Data Protection backup vault outside the server, daily at `timeOfDay` UTC, kept `retentionDays`.
       */
      vaultBackup: z.object({ enabled: z.boolean(), retentionDays: z.number().int().min(1).max(3650), timeOfDay: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM') }),
    }),
    redis: z.object({ sku: z.enum(['Basic', 'Standard', 'Premium']), capacity: z.number().int().min(0).max(6) }),
    /**
     * Public domain of the site on Front Door (seed: `personal-tech.com` and `www.personal-tech.com`,
     * managed certificates). Absent: the site answers on its default hostnames only.
     */
    domain: z
      .object({
        /** Azure DNS zone (the apex), e.g. `personal-tech.com`. */
        zoneName: z.string().regex(/^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'must be a lowercase DNS name'),
        /** Host names served, the apex and/or names inside the zone. */
        hostNames: z.array(z.string().min(1)).min(1),
        /**
         * `create`: the stack creates the zone (delegate it at the registrar to the `dns_zone_name_servers` output);
         * `{ resourceGroupName }`: an existing zone in that resource group.
         */
        zone: z.union([z.literal('create'), z.object({ resourceGroupName: z.string().min(1) })]),
      })
      .optional(),
    storage: z.object({
      /** Container behind the CDN (Django's collectstatic target). */
      staticContainer: z.string().min(3),
      /**
       * Redundancy of the static-files account: no geo copy, since collectstatic rebuilds it from the repository.
       * ZRS in prod survives a zone outage; LRS in dev.
       */
      staticReplication: z.enum(['LRS', 'ZRS']),
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
    /** The seed's build-and-deploy pipeline: its identity and where it pushes the image from. */
    ci: z.object({
      /**
       * `internet`: a hosted runner pushes over the registry's public endpoint (Basic/Standard, or Premium with `registry.allowedIpRanges`);
       * `vnet`: a self-hosted runner in the VNet (or a peered one) pushes through the registry's private endpoint.
       */
      pushFrom: z.enum(['internet', 'vnet']),
      /** GitHub Actions OIDC federation of the CI identity; absent: federate your CI with the `ci_client_id` output. */
      github: z.object({ repository: z.string().min(3), subjects: z.array(z.string()).min(1) }).optional(),
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
      /**
       * Front Door (and its WAF) fronts the whole site: `/*` goes to the web app, which then accepts
       * only this Front Door (service tag AzureFrontDoor.Backend + X-Azure-FDID). Otherwise it fronts `/static/*` only.
       */
      frontsSite: z.boolean(),
      /** Edge and browser cache lifetime of `/static/*` (the seed's `expires 1y`, `Cache-Control: public, immutable`). */
      staticCacheDays: z.number().int().min(1).max(365),
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
    if (c.domain && !c.frontDoor.frontsSite) {
      ctx.addIssue({ code: 'custom', path: ['frontDoor', 'frontsSite'], message: 'a custom domain is served by Front Door: set frontDoor.frontsSite: true (it would serve /static/* only)' });
    }
    for (const h of c.domain?.hostNames ?? []) {
      if (h !== c.domain!.zoneName && !h.endsWith(`.${c.domain!.zoneName}`)) ctx.addIssue({ code: 'custom', path: ['domain', 'hostNames'], message: `host names must be the zone apex or inside the zone ${c.domain!.zoneName} (got ${h})` });
    }
    if (c.trafficManager.enabled && c.frontDoor.frontsSite) {
      ctx.addIssue({
        code: 'custom',
        path: ['trafficManager', 'enabled'],
        message: 'Traffic Manager probes and routes to the web app directly, which admits only Front Door when frontDoor.frontsSite: fail over with a second Front Door origin instead',
      });
    }
    if (c.registry.sku === 'Premium' && c.registry.allowedIpRanges.length === 0 && c.ci.pushFrom === 'internet') {
      ctx.addIssue({
        code: 'custom',
        path: ['ci', 'pushFrom'],
        message: "the Premium registry is private (no allowedIpRanges): a hosted runner cannot push; set ci.pushFrom: 'vnet' (self-hosted runner in the VNet) or registry.allowedIpRanges",
      });
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
  // Backups: the server's own 7-day point-in-time restore in dev; prod adds the vault (the seed's 30-day nightly dumps).
  postgres: {
    version: '15',
    sku: 'B_Standard_B1ms',
    storageMiB: 65536,
    backupRetentionDays: 7,
    geoRedundantBackup: false,
    highAvailability: 'Disabled',
    databaseName: 'personal_tech',
    vaultBackup: { enabled: false, retentionDays: 30, timeOfDay: '02:00' },
  },
  redis: { sku: 'Basic', capacity: 0 },
  storage: { staticContainer: 'static', staticReplication: 'LRS', backupsContainer: 'backups', backupsRetentionDays: 30 },
  registry: { sku: 'Basic', allowedIpRanges: [] },
  // dev: the Basic registry is public, a GitHub-hosted runner pushes (signing in as the CI identity).
  // To federate: ci: { pushFrom: 'internet', github: { repository: '<owner>/<repo>', subjects: ['ref:refs/heads/main'] } }.
  ci: { pushFrom: 'internet' },
  // The vault is private (private endpoint only): Terraform runs on a self-hosted runner that reaches
  // the private endpoint. Deploying from outside? Use `deployer: { ipRanges: ['<runner egress IP>'] }`.
  keyVault: { softDeleteRetentionDays: 7, deployer: { runsInsideVnet: true } },
  // dev: Front Door serves /static/* only; the site stays on https://<app>.azurewebsites.net (Microsoft's certificate).
  frontDoor: { sku: 'Standard_AzureFrontDoor', frontsSite: false, staticCacheDays: 365 },
  trafficManager: { enabled: false, secondaryEndpoints: [] },
  logAnalytics: { retentionDays: 30 },
};

const prod: PersonalTechConfig = merge(base, {
  stage: 'production',
  network: { addressSpace: '10.21.0.0/22', appSubnet: '10.21.0.0/24', privateEndpointSubnet: '10.21.1.0/24' },
  appService: { sku: 'P1v3' },
  autoscale: { enabled: true },
  postgres: { sku: 'GP_Standard_D2ds_v5', highAvailability: 'ZoneRedundant', vaultBackup: { enabled: true } },
  redis: { sku: 'Standard', capacity: 1 },
  // The seed's domain on Front Door with managed certificates; the stack creates the zone (placeholder until delegated).
  domain: { zoneName: 'personal-tech.com', hostNames: ['personal-tech.com', 'www.personal-tech.com'], zone: 'create' },
  storage: { staticReplication: 'ZRS' },
  registry: { sku: 'Premium' },
  // The Premium registry is private: the image is pushed by the self-hosted runner in the VNet (the same runner Key Vault needs).
  ci: { pushFrom: 'vnet' },
  keyVault: { softDeleteRetentionDays: 90 },
  frontDoor: { frontsSite: true, wafRateLimitPerMinute: 2000 },
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
