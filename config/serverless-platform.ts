import { z } from 'zod';
import { cidrContains, findOverlap, isCidr } from '../lib/core/cidr';
import { backendSchema, cidr, CLOUDWATCH_RETENTION_DAYS, email, loadConfig, merge, stageSchema } from '../lib/core/config';
import { azureBackend } from './azure-backend';

/**
 * Settings of the serverless platform (seed 004), one object per environment,
 * mirroring the seed's Pydantic classes: `NetworkSettings`, `SecuritySettings`,
 * `MonitoringSettings`, `FeatureFlags`, plus the tiers of its cost table.
 */

export const SERVERLESS_PLATFORM_ENVIRONMENTS = ['dev', 'qa', 'staging', 'prod'] as const;
export type ServerlessPlatformEnvironment = (typeof SERVERLESS_PLATFORM_ENVIRONMENTS)[number];

/** The seed's six /24 subnets. */
export const SUBNET_ROLES = ['gateway', 'app', 'functions', 'integration', 'data', 'management'] as const;

/** `NetworkSettings`: VNet CIDR, subnets, DDoS, firewall. */
export const networkSettings = z.object({
  vnetCidr: cidr(),
  /** gateway (APIM), app (Container Apps), functions, integration (Service Bus endpoints), data (SQL + storage endpoints), management. */
  subnets: z.object(Object.fromEntries(SUBNET_ROLES.map((r) => [r, cidr()])) as Record<(typeof SUBNET_ROLES)[number], ReturnType<typeof cidr>>),
  /** `AzureFirewallSubnet` (/26 or larger), needed when the firewall is on. */
  firewallSubnet: cidr().optional(),
  enableDdosProtection: z.boolean(),
  enableFirewall: z.boolean(),
  /** FQDNs the third-party sync function may call (Azure Firewall application rule; with the NAT gateway alone, any). */
  thirdPartyFqdns: z.array(z.string().regex(/^(\*\.)?([a-z0-9-]+\.)+[a-z]{2,}$/, 'must be a lowercase FQDN such as api.example.com')),
});

/** `SecuritySettings`: Key Vault and private endpoints. */
export const securitySettings = z.object({
  enablePrivateEndpoints: z.boolean(),
  enablePurgeProtection: z.boolean(),
  softDeleteRetentionDays: z.number().int().min(7).max(90),
  /** Public IPs of the machines running Terraform (they write Key Vault secrets); empty: network-restricted only. */
  deployerIpRanges: z.array(z.string()),
});

/** `MonitoringSettings`: retention and quota. */
export const monitoringSettings = z.object({
  logRetentionDays: z.number().int().min(30).max(730).refine((d) => (CLOUDWATCH_RETENTION_DAYS as readonly number[]).includes(d), { message: 'must be a standard retention period (30, 60, 90, 120, 180, 365, ...)' }),
  /** GB per day; -1 is unlimited. */
  dailyQuotaGb: z.number().refine((n) => n === -1 || n > 0, { message: 'must be -1 (unlimited) or positive' }),
  alertEmails: z.array(email()).min(1),
});

/** `FeatureFlags`: which resources deploy. */
export const featureFlags = z.object({
  enableContainerApps: z.boolean(),
  enableFunctions: z.boolean(),
  enableServiceBus: z.boolean(),
  enableSqlDatabase: z.boolean(),
  enableApiManagement: z.boolean(),
  enableCdn: z.boolean(),
  enableDataFactory: z.boolean(),
  enableRedis: z.boolean(),
  enableCosmosDb: z.boolean(),
});
export type FeatureFlags = z.infer<typeof featureFlags>;

/** What each feature needs on: a flag on with its dependency off is a configuration error. */
export const FEATURE_DEPENDENCIES: Readonly<Partial<Record<keyof FeatureFlags, (keyof FeatureFlags)[]>>> = {
  // Every worker is triggered by a queue or topic.
  enableFunctions: ['enableServiceBus'],
  // The gateway's backends are the microservices.
  enableApiManagement: ['enableContainerApps'],
  // Data Factory orchestrates the ETL functions' staging storage.
  enableDataFactory: ['enableFunctions'],
};

/** The cost table's tiers. */
export const tierSettings = z.object({
  /**
   * `Developer_1` (VNet injection, no SLA) or `StandardV2_1` (VNet integration to private backends). Classic
   * `Standard_*`, `Basic_*` and `Consumption_0` cannot reach private backends and are rejected.
   */
  apiManagementSku: z.enum(['Developer_1', 'StandardV2_1', 'PremiumV2_1', 'Premium_1', 'Standard_1', 'Basic_1', 'BasicV2_1', 'Consumption_0']),
  /** Seed "consumption" is Flex Consumption (classic Consumption cannot join a VNet); "Premium (VNet)" is Elastic Premium. */
  functionsPlan: z.enum(['FlexConsumption', 'ElasticPremium', 'Consumption']),
  /** Elastic Premium size (EP1-EP3), with `functionsPlan: ElasticPremium`. */
  functionsPremiumSku: z.enum(['EP1', 'EP2', 'EP3']),
  sqlDatabaseSku: z.enum(['Basic', 'S0', 'S1', 'S2', 'S3', 'S4', 'GP_S_Gen5_1', 'GP_Gen5_2']),
  /** Seed says Basic/Standard; Basic has no topics (the seed's two topics) and only Premium has private endpoints. */
  serviceBusSku: z.enum(['Basic', 'Standard', 'Premium']),
  serviceBusCapacity: z.number().int().refine((n) => [1, 2, 4, 8, 16].includes(n), { message: 'must be 1, 2, 4, 8 or 16' }),
  redisSku: z.enum(['Basic', 'Standard', 'Premium']),
  redisCapacity: z.number().int().min(0).max(6),
  /** Point-in-time restore window of the SQL database (Basic allows at most 7 days). */
  sqlBackupRetentionDays: z.number().int().min(1).max(35),
  frontDoorSku: z.enum(['Standard_AzureFrontDoor', 'Premium_AzureFrontDoor']),
});

/** `EnvironmentSettings`: everything of one environment. */
export const serverlessPlatformSchema = z
  .object({
    environment: z.enum(SERVERLESS_PLATFORM_ENVIRONMENTS),
    /** Protection level: production turns on locks and geo-redundancy. */
    stage: stageSchema(),
    location: z.string().min(1),
    /** The second Static Web App region (the diagram's West EU). */
    secondaryLocation: z.string().min(1),
    subscriptionId: z.guid().optional(),
    tenantId: z.guid().optional(),
    backend: backendSchema,
    network: networkSettings,
    security: securitySettings,
    monitoring: monitoringSettings,
    features: featureFlags,
    tiers: tierSettings,
    gateway: z.object({
      publisherName: z.string().min(1),
      publisherEmail: email(),
      rateLimitCallsPerMinute: z.number().int().min(1),
      cacheDurationSeconds: z.number().int().min(0),
      /** Client IP ranges allowed through the gateway; empty: no IP filter. */
      allowedIpRanges: z.array(cidr()),
    }),
    frontend: z.object({
      /** Custom domain of the SPA behind Front Door (zone in Azure DNS), e.g. `app.dev.example.com`. */
      customDomain: z.string().regex(/^([a-z0-9-]+\.)+[a-z]{2,}$/),
      dnsZone: z.string().regex(/^([a-z0-9-]+\.)+[a-z]{2,}$/),
      wafRateLimitPerMinute: z.number().int().min(10),
    }),
    microservices: z.object({
      /** Images of users-api, orders-api, products-api, payments-api. */
      images: z.object({ users: z.string().min(1), orders: z.string().min(1), products: z.string().min(1), payments: z.string().min(1) }),
      targetPort: z.number().int().min(1).max(65535),
      minReplicas: z.number().int().min(0),
      maxReplicas: z.number().int().min(1),
      httpConcurrency: z.number().int().min(1),
      ordersQueueMessagesPerReplica: z.number().int().min(1),
    }),
    etl: z.object({
      /** NCRONTAB of the ETL timer trigger (app setting read by the function's `%ETL_SCHEDULE%`). */
      schedule: z.string().regex(/^(\S+\s+){5}\S+$/, 'must be a six-field NCRONTAB expression'),
    }),
  })
  .superRefine((c, ctx) => {
    const n = c.network;
    const all = [...SUBNET_ROLES.map((r) => [r, n.subnets[r]] as const), ...(n.firewallSubnet ? ([['firewallSubnet', n.firewallSubnet]] as const) : [])];
    if (isCidr(n.vnetCidr)) {
      for (const [role, block] of all) {
        if (isCidr(block) && !cidrContains(n.vnetCidr, block)) {
          ctx.addIssue({ code: 'custom', path: role === 'firewallSubnet' ? ['network', 'firewallSubnet'] : ['network', 'subnets', role], message: `${block} is outside the VNet ${n.vnetCidr}` });
        }
      }
    }
    const blocks = all.map(([, b]) => b);
    if (blocks.every(isCidr)) {
      const overlap = findOverlap(blocks);
      if (overlap) ctx.addIssue({ code: 'custom', path: ['network', 'subnets'], message: `subnets overlap (${JSON.stringify(overlap)})` });
    }
    if (n.enableFirewall && !n.firewallSubnet) ctx.addIssue({ code: 'custom', path: ['network', 'firewallSubnet'], message: 'the firewall needs an AzureFirewallSubnet' });
    for (const [feature, needs] of Object.entries(FEATURE_DEPENDENCIES)) {
      for (const dep of needs ?? []) {
        if (c.features[feature as keyof FeatureFlags] && !c.features[dep]) {
          ctx.addIssue({ code: 'custom', path: ['features', feature], message: `needs ${dep}, which is off` });
        }
      }
    }
    if (c.features.enableFunctions && c.tiers.functionsPlan === 'Consumption') {
      ctx.addIssue({ code: 'custom', path: ['tiers', 'functionsPlan'], message: 'classic Consumption (Y1) cannot join a VNet: use FlexConsumption or ElasticPremium' });
    }
    if (c.features.enableServiceBus && c.tiers.serviceBusSku === 'Basic') {
      ctx.addIssue({ code: 'custom', path: ['tiers', 'serviceBusSku'], message: 'Basic has no topics (events-topic, notifications-topic): use Standard or Premium' });
    }
    if (c.features.enableServiceBus && c.security.enablePrivateEndpoints && c.tiers.serviceBusSku !== 'Premium') {
      ctx.addIssue({ code: 'custom', path: ['tiers', 'serviceBusSku'], message: `private endpoints need a Premium Service Bus namespace (got ${c.tiers.serviceBusSku})` });
    }
    if (c.features.enableApiManagement && /^(Standard|Basic|Consumption)_/.test(c.tiers.apiManagementSku)) {
      ctx.addIssue({ code: 'custom', path: ['tiers', 'apiManagementSku'], message: `${c.tiers.apiManagementSku} cannot reach the private microservices (no VNet): use Developer_1, StandardV2_1 or a Premium tier` });
    }
    if (c.tiers.sqlDatabaseSku === 'Basic' && c.tiers.sqlBackupRetentionDays > 7) {
      ctx.addIssue({ code: 'custom', path: ['tiers', 'sqlBackupRetentionDays'], message: 'a Basic database keeps point-in-time backups at most 7 days' });
    }
    if (c.microservices.minReplicas > c.microservices.maxReplicas) ctx.addIssue({ code: 'custom', path: ['microservices'], message: 'needs minReplicas <= maxReplicas' });
  });
export type ServerlessPlatformConfig = z.infer<typeof serverlessPlatformSchema>;

/** `10.x.0.0/16` → the six /24 subnets (x.0-x.5) and the firewall subnet x.6.0/26. */
const subnetsOf = (second: number) => ({
  vnetCidr: `10.${second}.0.0/16`,
  subnets: Object.fromEntries(SUBNET_ROLES.map((r, i) => [r, `10.${second}.${i}.0/24`])) as Record<(typeof SUBNET_ROLES)[number], string>,
  firewallSubnet: `10.${second}.6.0/26`,
});

const dev: ServerlessPlatformConfig = {
  environment: 'dev',
  stage: 'non-production',
  location: 'westus2',
  secondaryLocation: 'westeurope',
  backend: azureBackend,
  network: { ...subnetsOf(0), enableDdosProtection: false, enableFirewall: false, thirdPartyFqdns: ['api.stripe.com', 'api.sendgrid.com'] },
  security: { enablePrivateEndpoints: false, enablePurgeProtection: false, softDeleteRetentionDays: 7, deployerIpRanges: [] },
  monitoring: { logRetentionDays: 30, dailyQuotaGb: 1, alertEmails: ['platform-alerts@example.com'] },
  features: {
    enableContainerApps: true,
    enableFunctions: true,
    enableServiceBus: true,
    enableSqlDatabase: true,
    enableApiManagement: true,
    enableCdn: false,
    enableDataFactory: true,
    enableRedis: true,
    enableCosmosDb: true,
  },
  tiers: {
    apiManagementSku: 'Developer_1',
    functionsPlan: 'FlexConsumption',
    functionsPremiumSku: 'EP1',
    sqlDatabaseSku: 'Basic',
    serviceBusSku: 'Standard',
    serviceBusCapacity: 1,
    redisSku: 'Basic',
    redisCapacity: 0,
    sqlBackupRetentionDays: 7,
    frontDoorSku: 'Standard_AzureFrontDoor',
  },
  gateway: { publisherName: 'Serverless Platform', publisherEmail: 'api-team@example.com', rateLimitCallsPerMinute: 100, cacheDurationSeconds: 60, allowedIpRanges: [] },
  frontend: { customDomain: 'app.dev.serverless-platform.example.com', dnsZone: 'dev.serverless-platform.example.com', wafRateLimitPerMinute: 1000 },
  microservices: {
    images: {
      users: 'mcr.microsoft.com/k8se/quickstart:latest',
      orders: 'mcr.microsoft.com/k8se/quickstart:latest',
      products: 'mcr.microsoft.com/k8se/quickstart:latest',
      payments: 'mcr.microsoft.com/k8se/quickstart:latest',
    },
    targetPort: 80,
    minReplicas: 0,
    maxReplicas: 5,
    httpConcurrency: 50,
    ordersQueueMessagesPerReplica: 20,
  },
  etl: { schedule: '0 0 2 * * *' },
};

const qa = merge(dev, {
  environment: 'qa',
  network: subnetsOf(3),
  security: { softDeleteRetentionDays: 14 },
  monitoring: { dailyQuotaGb: 2 },
  features: { enableApiManagement: false, enableDataFactory: false, enableRedis: false, enableCosmosDb: false },
  frontend: { customDomain: 'app.qa.serverless-platform.example.com', dnsZone: 'qa.serverless-platform.example.com' },
}) as ServerlessPlatformConfig;

const staging = merge(dev, {
  environment: 'staging',
  network: subnetsOf(1),
  security: { enablePrivateEndpoints: true, softDeleteRetentionDays: 30 },
  monitoring: { logRetentionDays: 60, dailyQuotaGb: 5 },
  features: { enableCdn: true, enableDataFactory: false, enableRedis: false, enableCosmosDb: false },
  tiers: { serviceBusSku: 'Premium' },
  frontend: { customDomain: 'app.staging.serverless-platform.example.com', dnsZone: 'staging.serverless-platform.example.com' },
  microservices: { minReplicas: 1 },
}) as ServerlessPlatformConfig;

const prod = merge(dev, {
  environment: 'prod',
  stage: 'production',
  network: { ...subnetsOf(2), enableDdosProtection: true, enableFirewall: true },
  security: { enablePrivateEndpoints: true, enablePurgeProtection: true, softDeleteRetentionDays: 90 },
  monitoring: { logRetentionDays: 365, dailyQuotaGb: -1 },
  features: { enableCdn: true, enableDataFactory: false, enableRedis: true, enableCosmosDb: false },
  tiers: {
    apiManagementSku: 'StandardV2_1',
    functionsPlan: 'ElasticPremium',
    sqlDatabaseSku: 'S2',
    serviceBusSku: 'Premium',
    redisSku: 'Standard',
    redisCapacity: 1,
    sqlBackupRetentionDays: 35,
    frontDoorSku: 'Premium_AzureFrontDoor',
  },
  gateway: { rateLimitCallsPerMinute: 1000, cacheDurationSeconds: 300 },
  frontend: { customDomain: 'app.serverless-platform.example.com', dnsZone: 'serverless-platform.example.com', wafRateLimitPerMinute: 2000 },
  microservices: { minReplicas: 2, maxReplicas: 20 },
}) as ServerlessPlatformConfig;

/** Raw settings per environment (validated by {@link serverlessPlatformConfig}). */
export const SERVERLESS_PLATFORM_SETTINGS: Record<string, unknown> = { dev, qa, staging, prod };

/** The validated settings of one environment; an unknown environment or a bad value fails with its field path. */
export function serverlessPlatformConfig(environment: string, settings: Record<string, unknown> = SERVERLESS_PLATFORM_SETTINGS): ServerlessPlatformConfig {
  return loadConfig('serverless-platform', serverlessPlatformSchema, settings, environment);
}

/** The settings table as Markdown, from the validated settings (the README shows exactly this). */
export function serverlessPlatformSettingsTable(): string {
  const envs = SERVERLESS_PLATFORM_ENVIRONMENTS.map((e) => serverlessPlatformConfig(e));
  const on = (b: boolean) => (b ? 'on' : 'off');
  const has = (b: boolean, what = '✓') => (b ? what : '✗');
  const rows: [string, (c: ServerlessPlatformConfig) => string][] = [
    ['VNet', (c) => c.network.vnetCidr],
    ['DDoS protection, Azure Firewall', (c) => `${on(c.network.enableDdosProtection)}, ${on(c.network.enableFirewall)}`],
    ['private endpoints', (c) => on(c.security.enablePrivateEndpoints)],
    ['purge protection', (c) => on(c.security.enablePurgeProtection)],
    ['Key Vault soft delete (days)', (c) => `${c.security.softDeleteRetentionDays}`],
    ['log retention (days)', (c) => `${c.monitoring.logRetentionDays}`],
    ['Log Analytics daily quota (GB)', (c) => (c.monitoring.dailyQuotaGb === -1 ? 'unlimited' : `${c.monitoring.dailyQuotaGb}`)],
    ['API Management', (c) => has(c.features.enableApiManagement, `✓ ${c.tiers.apiManagementSku}`)],
    ['CDN / Front Door', (c) => has(c.features.enableCdn, `✓ ${c.tiers.frontDoorSku}`)],
    ['Data Factory, Cosmos DB', (c) => `${has(c.features.enableDataFactory)}, ${has(c.features.enableCosmosDb)}`],
    ['Redis', (c) => has(c.features.enableRedis, `✓ ${c.tiers.redisSku}`)],
    ['Functions plan', (c) => (c.tiers.functionsPlan === 'ElasticPremium' ? `Elastic Premium ${c.tiers.functionsPremiumSku} (VNet)` : 'Flex Consumption FC1 (VNet)')],
    ['SQL Database', (c) => `${c.tiers.sqlDatabaseSku}, PITR ${c.tiers.sqlBackupRetentionDays} days`],
    ['Service Bus', (c) => (c.tiers.serviceBusSku === 'Premium' ? `Premium ${c.tiers.serviceBusCapacity} MU` : c.tiers.serviceBusSku)],
  ];
  return [
    `| setting | ${SERVERLESS_PLATFORM_ENVIRONMENTS.join(' | ')} |`,
    `| --- | ${SERVERLESS_PLATFORM_ENVIRONMENTS.map(() => '---').join(' | ')} |`,
    ...rows.map(([label, cell]) => `| ${label} | ${envs.map(cell).join(' | ')} |`),
  ].join('\n');
}
