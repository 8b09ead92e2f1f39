import { App } from 'cdktf';
import { Construct } from 'constructs';
import { PersonalTechConfig, personalTechConfig } from '../config/personal-tech';
import { RedisCache } from '../lib/azure/cache';
import { AppServicePlan, Autoscale, keyVaultReference, LinuxWebApp } from '../lib/azure/compute';
import { ContainerRegistry } from '../lib/azure/containers';
import { LockSpec, PrivateEndpointSpec } from '../lib/azure/core';
import { PostgresFlexibleServer } from '../lib/azure/database';
import { FrontDoor, TrafficManagerProfile } from '../lib/azure/frontend';
import { PRIVATE_DNS_ZONES, VirtualNetwork } from '../lib/azure/network';
import { ApplicationInsights, LogAnalyticsWorkspace } from '../lib/azure/observability';
import { KeyVault } from '../lib/azure/security';
import { StorageAccount } from '../lib/azure/storage';
import { AzureStack } from '../lib/core/azure-stack';

export const PERSONAL_TECH_ENVIRONMENTS = ['dev', 'prod'] as const;

/**
 * Personal Technology (seed 001): a Django container on App Service with
 * PostgreSQL, Redis, Blob Storage behind a CDN, Key Vault and Azure Monitor.
 *
 * Where the seed is outdated or unsafe, the stack follows its intent:
 * PostgreSQL single server → flexible server; classic Azure CDN → Front Door
 * Standard; registry username/password app settings → managed-identity pulls;
 * parameters for DATABASE_URL and SECRET_KEY → generated secrets in Key Vault
 * read through Key Vault references. Data services sit behind private
 * endpoints in a VNet the web app is integrated with. Static files live in
 * their own storage account (the CDN needs anonymous read access on it), apart
 * from the private account holding the database backups.
 */
export class PersonalTechStack extends AzureStack {
  public readonly webApp: LinuxWebApp;
  public readonly frontDoor: FrontDoor;

  constructor(scope: Construct, id: string, env: string, config: PersonalTechConfig) {
    super(scope, id, {
      architecture: 'personal-tech',
      environment: env,
      stage: config.stage,
      backend: config.backend,
      location: config.location,
      subscriptionId: config.subscriptionId,
      tenantId: config.tenantId,
    });
    const prod = this.isProduction;
    // Storage account names allow 24 characters: `stpt<purpose><env><region><hash>` keeps the purpose readable.
    const storageName = (purpose: string) => `stpt${purpose}${env}${this.locationShort}${this.azureNaming.suffix('storageAccount', purpose)}`;
    const protect: LockSpec | undefined = prod ? { kind: 'CanNotDelete', notes: 'personal-tech production data' } : undefined;

    // --- observability first: every resource below sends its logs and metrics to this workspace
    const logs = new LogAnalyticsWorkspace(this, 'Logs', { retentionInDays: config.logAnalytics.retentionInDays });
    const insights = new ApplicationInsights(this, 'Insights', { workspace: logs, applicationType: 'web' });
    const diagnosticSettings = [logs.diagnosticSetting()];

    // --- networking: app integration subnet + private endpoint subnet (the seed's "NSG rules para controlar tráfico")
    const vnet = new VirtualNetwork(this, 'Network', {
      addressSpace: [config.network.addressSpace],
      subnets: [
        { name: 'snet-app', addressPrefix: config.network.appSubnet, delegation: 'Microsoft.Web/serverFarms' },
        { name: 'snet-pe', addressPrefix: config.network.privateEndpointSubnet },
      ],
      diagnosticSettings,
    });
    const appSubnet = vnet.subnet('snet-app');
    const peSubnet = vnet.subnet('snet-pe');
    // Only the web app reaches the data services: HTTPS (Key Vault, Blob, ACR), PostgreSQL, Redis over TLS.
    peSubnet.allowInbound('AllowAppToPrivateEndpoints', 100, appSubnet, [443, 5432, 6380]);
    const privately = (zone: string): PrivateEndpointSpec[] => [{ subnetResourceId: peSubnet.id, privateDnsZoneResourceIds: [vnet.addPrivateDnsZone(zone).id] }];

    // --- secrets: Key Vault with the generated Django SECRET_KEY (and, below, the database password and URLs)
    const deployers = config.keyVault.deployerIpRanges;
    // Purge protection everywhere: a destroyed vault or secret is recovered on the next apply (provider feature), never lost.
    const vault = new KeyVault(this, 'Secrets', {
      purgeProtection: true,
      softDeleteRetentionDays: config.keyVault.softDeleteRetentionDays,
      privateEndpoints: privately(PRIVATE_DNS_ZONES.keyVault),
      publicNetworkAccess: deployers.length > 0,
      networkAcls: deployers.length > 0 ? { ipRules: deployers } : undefined,
      diagnosticSettings,
    });
    const secretKey = vault.addGeneratedSecret('SECRET-KEY', { length: 50, overrideSpecial: '-_' });

    // --- data: PostgreSQL 15 (flexible server), Redis, Blob Storage (static files + backups)
    const db = new PostgresFlexibleServer(this, 'Database', {
      version: config.postgres.version,
      sku: config.postgres.sku,
      storageMb: config.postgres.storageMb,
      backupRetentionDays: config.postgres.backupRetentionDays,
      geoRedundantBackup: config.postgres.geoRedundantBackup,
      highAvailability: config.postgres.highAvailability,
      keyVault: vault,
      databases: [config.postgres.databaseName],
      privateEndpoints: privately(PRIVATE_DNS_ZONES.postgresql),
      diagnosticSettings,
      lock: protect,
    });
    const databaseUrl = vault.addSecret('DATABASE-URL', db.connectionUrl(config.postgres.databaseName));

    const cache = new RedisCache(this, 'Cache', {
      sku: config.redis.sku,
      capacity: config.redis.capacity,
      privateEndpoints: privately(PRIVATE_DNS_ZONES.redis),
      diagnosticSettings,
    });
    const redisUrl = vault.addSecret('REDIS-URL', `rediss://:${cache.primaryAccessKey}@${cache.hostname}:${cache.sslPort}/0`);

    // Static files are public by nature and Front Door Standard reaches origins over the internet,
    // so they get an account of their own with anonymous read on the `static` container only.
    const staticFiles = new StorageAccount(this, 'StaticFiles', {
      name: storageName('static'),
      allowBlobPublicAccess: true,
      publicNetworkAccess: true,
      networkRules: { defaultAction: 'Allow' },
      containers: [{ name: config.storage.staticContainer, access: 'blob' }],
      diagnosticSettings,
    });
    // Database dumps: private account, reached through a private endpoint, deleted after 30 days (the seed's backup script).
    const backups = new StorageAccount(this, 'Backups', {
      name: storageName('backup'),
      containers: [config.storage.backupsContainer],
      lifecycleRules: [{ name: `${config.storage.backupsContainer}-${config.storage.backupsRetentionDays}d`, prefixes: [`${config.storage.backupsContainer}/`], deleteAfterDays: config.storage.backupsRetentionDays }],
      privateEndpoints: privately(PRIVATE_DNS_ZONES.blob),
      diagnosticSettings,
      lock: protect,
    });

    // --- registry: ACR holding the `personal-tech` image (private behind an endpoint on Premium)
    const premiumRegistry = config.registry.sku === 'Premium';
    const registry = new ContainerRegistry(this, 'Registry', {
      sku: config.registry.sku,
      privateEndpoints: premiumRegistry ? privately(PRIVATE_DNS_ZONES.containerRegistry) : undefined,
      publicNetworkAccess: premiumRegistry ? config.registry.allowedIpRanges.length > 0 : undefined,
      allowedIpRanges: premiumRegistry && config.registry.allowedIpRanges.length > 0 ? config.registry.allowedIpRanges : undefined,
      diagnosticSettings,
    });

    // --- edge: Front Door (the seed's "Azure CDN") in front of the static files, /static/* → container `static`
    this.frontDoor = new FrontDoor(this, 'Cdn', {
      sku: config.frontDoor.sku,
      origins: [{ hostName: staticFiles.primaryBlobHost }],
      patterns: [`/${config.storage.staticContainer}/*`],
      waf: config.frontDoor.wafRateLimitPerMinute !== undefined ? { rateLimitPerMinute: config.frontDoor.wafRateLimitPerMinute } : undefined,
      diagnosticSettings,
    });

    // --- compute: App Service plan + the `personal-tech` container + autoscale
    const plan = new AppServicePlan(this, 'Plan', { sku: config.appService.sku, zoneBalancing: config.appService.zoneBalancing, diagnosticSettings });
    this.webApp = new LinuxWebApp(this, 'Web', {
      nameQualifier: 'web',
      plan,
      registry,
      image: config.appService.image,
      imageManagedByPipeline: config.appService.imageManagedByPipeline,
      containerPort: config.appService.containerPort,
      healthCheckPath: config.appService.healthCheckPath,
      applicationInsights: insights,
      virtualNetworkSubnetId: appSubnet.id,
      appSettings: {
        DEBUG: 'False',
        DATABASE_URL: keyVaultReference(databaseUrl),
        SECRET_KEY: keyVaultReference(secretKey),
        REDIS_URL: keyVaultReference(redisUrl),
        STATIC_URL: `https://${this.frontDoor.endpointHostName}/${config.storage.staticContainer}/`,
        AZURE_STATIC_ACCOUNT_NAME: staticFiles.name,
        AZURE_STATIC_CONTAINER: config.storage.staticContainer,
        AZURE_BACKUP_ACCOUNT_NAME: backups.name,
        AZURE_BACKUP_CONTAINER: config.storage.backupsContainer,
      },
      diagnosticSettings,
    });
    // The app's identity: pull the image, read its secrets, upload static files (collectstatic) and backups.
    registry.grantPull(this.webApp.principalId);
    vault.grantSecretsRead(this.webApp.principalId);
    staticFiles.grantBlobWrite(this.webApp.principalId);
    backups.grantBlobWrite(this.webApp.principalId);

    if (config.autoscale.enabled) {
      const a = config.autoscale;
      new Autoscale(this, 'Autoscale', {
        plan,
        minimum: a.minimum,
        maximum: a.maximum,
        default: a.default,
        // The seed's rule: CPU > 70 % averaged over 5 minutes → +1 instance, 5-minute cooldown.
        scaleOut: { threshold: a.scaleOutCpuAbove, windowMinutes: a.scaleOutWindowMinutes, cooldownMinutes: a.scaleOutCooldownMinutes, changeBy: 1 },
        // Added (the seed has none, so instances would never be removed): CPU < 30 % over 10 minutes → −1.
        scaleIn: { threshold: a.scaleInCpuBelow, windowMinutes: a.scaleInWindowMinutes, cooldownMinutes: a.scaleInCooldownMinutes, changeBy: 1 },
        diagnosticSettings,
      });
    }

    // --- failover: Traffic Manager (the seed's recovery plan), optional
    if (config.trafficManager.enabled) {
      new TrafficManagerProfile(this, 'Failover', {
        routingMethod: 'Priority',
        endpoints: [{ name: 'primary', targetResourceId: this.webApp.id }, ...config.trafficManager.secondaryEndpoints.map((e) => ({ name: e.name, target: e.target }))],
        monitor: { protocol: 'HTTPS', port: 443, path: config.appService.healthCheckPath },
        diagnosticSettings,
      });
    }
  }
}

/** Adds `personal-tech-dev` and `personal-tech-prod`. */
export function addPersonalTechStacks(app: App): PersonalTechStack[] {
  return PERSONAL_TECH_ENVIRONMENTS.map((env) => new PersonalTechStack(app, `personal-tech-${env}`, env, personalTechConfig(env)));
}
