import { App } from 'cdktf';
import { BackupVault } from '../lib/azure/backup';
import { Construct } from 'constructs';
import { PersonalTechConfig, personalTechConfig } from '../config/personal-tech';
import { RedisCache } from '../lib/azure/cache';
import { AppServicePlan, AppSetting, Autoscale, LinuxWebApp } from '../lib/azure/compute';
import { ContainerRegistry } from '../lib/azure/containers';
import { LockSpec, PrivateEndpointSpec } from '../lib/azure/core';
import { PostgresFlexibleServer } from '../lib/azure/database';
import { FrontDoor, FrontDoorCustomDomain, TrafficManagerProfile } from '../lib/azure/frontend';
import { DnsZone, IDnsZone, PRIVATE_DNS_ZONES, VirtualNetwork } from '../lib/azure/network';
import { ApplicationInsights, LogAnalyticsWorkspace } from '../lib/azure/observability';
import { KeyVault, PipelineIdentity } from '../lib/azure/security';
import { StorageAccount } from '../lib/azure/storage';
import { AzureStack } from '../lib/azure/azure-stack';
import { Policy } from '../lib/policy';
import { Port } from '../lib/core/peer-port';

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
 *
 * Production puts the whole site behind Front Door and its WAF: `/*` goes to
 * the web app, `/static/*` to the static-files account (cached a year at the
 * edge and in browsers, the seed's nginx `expires 1y` + `Cache-Control:
 * public, immutable`), on the seed's `personal-tech.com` and `www` with
 * Front Door–managed certificates; the web app then accepts only that Front
 * Door. The seed's nightly `pg_dump` cron becomes Azure Backup (a backup vault,
 * daily, 30 days). The seed's pipeline signs in as a user-assigned identity
 * with AcrPush on the registry and Website Contributor on the app.
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
    const protect: LockSpec | undefined = prod ? { kind: 'CanNotDelete', notes: 'personal-tech production data' } : undefined;

    // --- observability first: every resource below sends its logs and metrics to this workspace
    const logs = new LogAnalyticsWorkspace(this, 'Logs', { retentionDays: config.logAnalytics.retentionDays });
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
    for (const port of [443, 5432, 6380]) peSubnet.allowFrom(appSubnet, Port.tcp(port));
    const privately = (zone: string): PrivateEndpointSpec[] => [{ subnetResourceId: peSubnet.id, privateDnsZoneResourceIds: [vnet.addPrivateDnsZone(zone).id] }];

    // --- secrets: Key Vault with the generated Django SECRET_KEY (and, below, the database password and URLs)
    // Purge protection everywhere: a destroyed vault or secret is recovered on the next apply (provider feature), never lost.
    // Terraform writes the secrets: `deployer` says how it reaches the private vault (synth fails without it).
    const vault = new KeyVault(this, 'Secrets', {
      purgeProtection: true,
      // Terraform owns and rotates these secrets (replace the random_password; the URLs follow the server and cache):
      // an expiry it would have to ignore renews nothing, so they carry none.
      expireSecrets: false,
      softDeleteRetentionDays: config.keyVault.softDeleteRetentionDays,
      privateEndpoints: privately(PRIVATE_DNS_ZONES.keyVault),
      deployer: config.keyVault.deployer,
      diagnosticSettings,
    });
    Policy.suppress(vault, 'AZ-PROT-001', 'KeyVault has no preventDestroy option yet; purge protection and 90-day soft delete make a destroyed vault recoverable');
    Policy.suppress(vault, 'AZ-LOCK-001', 'purge protection and soft delete make a deleted vault and its secrets recoverable; the data stores behind it are locked');
    const secretKey = vault.addGeneratedSecret('SECRET-KEY', { length: 50, overrideSpecial: '-_' });

    // --- data: PostgreSQL 15 (flexible server), Redis, Blob Storage (static files + backups)
    const db = new PostgresFlexibleServer(this, 'Database', {
      version: config.postgres.version,
      sku: config.postgres.sku,
      storageMiB: config.postgres.storageMiB,
      backupRetentionDays: config.postgres.backupRetentionDays,
      geoRedundantBackup: config.postgres.geoRedundantBackup,
      highAvailability: config.postgres.highAvailability,
      keyVault: vault,
      databases: [config.postgres.databaseName],
      privateEndpoints: privately(PRIVATE_DNS_ZONES.postgresql),
      diagnosticSettings,
      lock: protect,
    });
    if (!config.postgres.geoRedundantBackup) Policy.suppress(db, 'AZ-DB-001', 'the seed sets geoRedundantBackup Disabled (config postgres.geoRedundantBackup turns it on)');
    Policy.suppress(db, 'AZ-PROT-001', 'PostgresFlexibleServer has no preventDestroy option yet; prod carries a CanNotDelete lock');
    const databaseUrl = vault.addSecret('DATABASE-URL', db.connectionUrl(config.postgres.databaseName));
    // The seed's nightly pg_dump to the backups container (kept 30 days) runs on no machine here; Azure Backup does
    // the same without a job to host: daily backups of the server into a vault outside it, kept 30 days.
    if (config.postgres.vaultBackup.enabled) {
      const b = config.postgres.vaultBackup;
      const backupVault = new BackupVault(this, 'BackupVault', { lock: protect });
      backupVault.protectPostgresFlexibleServer(db, { retentionDays: b.retentionDays, timeOfDay: b.timeOfDay, frequency: 'daily' });
    }

    // Azure Cache for Redis is being retired (2028) in favour of Azure Managed Redis: see RedisCache and
    // docs/architectures/personal-tech.md for the migration path (azurerm_managed_redis, then repoint REDIS-URL).
    const cache = new RedisCache(this, 'Cache', {
      sku: config.redis.sku,
      capacity: config.redis.capacity,
      privateEndpoints: privately(PRIVATE_DNS_ZONES.redis),
      diagnosticSettings,
    });
    if (config.redis.sku === 'Basic') Policy.suppressCheckov(cache, 'CKV_AZURE_230', 'Basic C0 Redis in dev for cost (prod is Standard, replicated)');
    const redisUrl = vault.addSecret('REDIS-URL', `rediss://:${cache.primaryAccessKey}@${cache.hostname}:${cache.sslPort}/0`);

    // Static files are public by nature and Front Door Standard reaches origins over the internet,
    // so they get an account of their own with anonymous read on the `static` container only.
    const staticFiles = new StorageAccount(this, 'StaticFiles', {
      nameQualifier: 'static',
      // Rebuilt from the repository by collectstatic: no geo copy (ZRS in prod, LRS in dev).
      replication: config.storage.staticReplication,
      allowBlobPublicAccess: true,
      publicNetworkAccess: true,
      networkRules: { defaultAction: 'Allow' },
      containers: [{ name: config.storage.staticContainer, access: 'blob' }],
      diagnosticSettings,
    });
    Policy.suppress(staticFiles, 'AZ-ST-005', 'static-files account: Front Door Standard reaches origins over the internet (backups account is private)');
    Policy.suppress(staticFiles, 'AZ-ST-006', 'static-files account: Front Door has no fixed egress IPs to allow-list (backups account is default-Deny)');
    Policy.suppress(staticFiles, 'AZ-ST-004', 'static-files account: Front Door reads public static assets anonymously (backups account disallows it)');
    Policy.suppress(staticFiles, 'AZ-ST-007', 'the `static` container is public-read as Front Door\'s origin; `backups` is private');
    Policy.suppressCheckov(staticFiles, 'CKV2_AZURE_33', 'static-files account: Front Door Standard has no private origins (backups account has a private endpoint)');
    Policy.suppress(staticFiles, 'AZ-PROT-001', 'static assets are re-published from the repository by collectstatic; nothing here is the only copy');
    Policy.suppress(staticFiles, 'AZ-LOCK-001', 'static assets are re-published from the repository by collectstatic; nothing here is the only copy');
    // Database dumps: private account, reached through a private endpoint, deleted after 30 days (the seed's backup script).
    const backups = new StorageAccount(this, 'Backups', {
      nameQualifier: 'backup',
      containers: [config.storage.backupsContainer],
      lifecycleRules: [{ name: `${config.storage.backupsContainer}-${config.storage.backupsRetentionDays}d`, prefixes: [`${config.storage.backupsContainer}/`], deleteAfterDays: config.storage.backupsRetentionDays }],
      privateEndpoints: privately(PRIVATE_DNS_ZONES.blob),
      diagnosticSettings,
      lock: protect,
      preventDestroy: prod,
    });
    for (const account of [staticFiles, backups]) {
      Policy.suppressCheckov(account, 'CKV2_AZURE_1', 'Microsoft-managed keys plus infrastructure encryption; StorageAccount has no customer-managed-key option yet');
    }
    if (!prod) Policy.suppress(backups, 'AZ-ST-009', 'LRS in dev, the seed\'s cost choice (prod is GRS)');
    Policy.suppress(staticFiles, 'AZ-ST-009', 'static files are re-published from the repository by collectstatic: a geo copy protects nothing (ZRS in prod)');

    // --- registry: ACR holding the `personal-tech` image (private behind an endpoint on Premium)
    const premiumRegistry = config.registry.sku === 'Premium';
    const registry = new ContainerRegistry(this, 'Registry', {
      sku: config.registry.sku,
      privateEndpoints: premiumRegistry ? privately(PRIVATE_DNS_ZONES.containerRegistry) : undefined,
      publicNetworkAccess: premiumRegistry ? config.registry.allowedIpRanges.length > 0 : undefined,
      allowedIpRanges: premiumRegistry && config.registry.allowedIpRanges.length > 0 ? config.registry.allowedIpRanges : undefined,
      diagnosticSettings,
    });
    Policy.suppressCheckov(registry, 'CKV_AZURE_165', 'single-region architecture: no other region to replicate images to');
    Policy.suppressCheckov(registry, 'CKV_AZURE_166', 'quarantine blocks every pull until a scanner marks images verified; the seed has none');
    Policy.suppress(registry, 'AZ-PROT-001', 'images are rebuilt and pushed by the pipeline from the repository; nothing here is the only copy');
    Policy.suppress(registry, 'AZ-LOCK-001', 'images are rebuilt and pushed by the pipeline from the repository; nothing here is the only copy');
    if (!premiumRegistry) {
      Policy.suppress(registry, 'AZ-ACR-001', 'Basic registry in dev cannot turn public access off (Premium only; prod is private)');
      Policy.suppressCheckov(registry, 'CKV_AZURE_163', 'Basic registry in dev for cost (prod is Premium)');
      Policy.suppressCheckov(registry, 'CKV_AZURE_164', 'trust policy is Premium-only; Basic registry in dev (prod has it)');
      Policy.suppressCheckov(registry, 'CKV_AZURE_167', 'retention of untagged manifests is Premium-only; Basic registry in dev (prod has it)');
      Policy.suppressCheckov(registry, 'CKV_AZURE_233', 'zone redundancy is Premium-only; Basic registry in dev (prod has it)');
      Policy.suppressCheckov(registry, 'CKV_AZURE_237', 'dedicated data endpoints are Premium-only; Basic registry in dev (prod has them)');
    }

    // --- edge: Front Door (the seed's "Azure CDN" and nginx). /static/* → container `static`, cached a year;
    // in prod also /* → the web app (added below, once the app exists) on the seed's domain.
    const frontsSite = config.frontDoor.frontsSite;
    this.frontDoor = new FrontDoor(this, 'Cdn', {
      sku: config.frontDoor.sku,
      origins: [{ hostName: staticFiles.primaryBlobHost }],
      patterns: [`/${config.storage.staticContainer}/*`],
      caching: { immutableForDays: config.frontDoor.staticCacheDays },
      waf: config.frontDoor.wafRateLimitPerMinute !== undefined ? { rateLimitPerMinute: config.frontDoor.wafRateLimitPerMinute } : undefined,
      diagnosticSettings,
    });
    let zone: IDnsZone | undefined;
    if (config.domain) {
      const d = config.domain;
      zone = d.zone === 'create' ? new DnsZone(this, 'Dns', { zoneName: d.zoneName }) : DnsZone.fromName(this, 'Dns', d.zoneName, d.zone.resourceGroupName);
      // Front Door–managed certificates, validated through `_dnsauth` TXT records in the zone; apex by alias A record, www by CNAME.
      for (const host of d.hostNames) new FrontDoorCustomDomain(this, `Domain-${host}`, { frontDoor: this.frontDoor, zone, hostName: host });
    }

    // --- compute: App Service plan + the `personal-tech` container + autoscale
    const plan = new AppServicePlan(this, 'Plan', { sku: config.appService.sku, zoneBalancing: config.appService.zoneBalancing, diagnosticSettings });
    Policy.suppressCheckov(plan, 'CKV_AZURE_212', "the seed's autoscale minimum is 1 instance");
    Policy.suppressCheckov(plan, 'CKV_AZURE_225', "zone balancing needs 2+ instances; the seed's autoscale minimum is 1");
    if (config.appService.sku === 'B1') Policy.suppressCheckov(plan, 'CKV_AZURE_211', "the seed's B1 plan for development (prod is P1v3)");
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
      // In prod only this Front Door reaches the app (service tag + X-Azure-FDID); its SCM site denies everything
      // (the pipeline deploys through ARM: webapps-deploy, az webapp config appsettings).
      frontDoorOnly: frontsSite ? { frontDoorId: this.frontDoor.resourceGuid } : undefined,
      appSettings: {
        DEBUG: 'False',
        DATABASE_URL: AppSetting.fromKeyVaultSecret(databaseUrl),
        SECRET_KEY: AppSetting.fromKeyVaultSecret(secretKey),
        REDIS_URL: AppSetting.fromKeyVaultSecret(redisUrl),
        // Behind Front Door the static files share the site's host; otherwise they come from the Front Door endpoint.
        STATIC_URL: frontsSite ? `/${config.storage.staticContainer}/` : `https://${this.frontDoor.endpointHostName}/${config.storage.staticContainer}/`,
        ...(config.domain ? { CSRF_TRUSTED_ORIGINS: config.domain.hostNames.map((h) => `https://${h}`).join(',') } : {}),
        AZURE_STATIC_ACCOUNT_NAME: staticFiles.name,
        AZURE_STATIC_CONTAINER: config.storage.staticContainer,
        AZURE_BACKUP_ACCOUNT_NAME: backups.name,
        AZURE_BACKUP_CONTAINER: config.storage.backupsContainer,
      },
      diagnosticSettings,
    });
    Policy.suppress(
      this.webApp,
      'AZ-APP-005',
      frontsSite
        ? 'Front Door Standard reaches origins over the public endpoint, which admits only this Front Door (AzureFrontDoor.Backend + X-Azure-FDID)'
        : "dev: the seed's site is public on App Service; its data services stay behind private endpoints",
    );
    Policy.suppressCheckov(this.webApp, 'CKV_AZURE_17', 'public website for browsers; requesting client certificates would prompt every visitor');
    Policy.suppressCheckov(this.webApp, 'CKV_AZURE_13', 'Django authenticates its users; App Service Authentication would gate the public site');
    Policy.suppressCheckov(this.webApp, 'CKV_AZURE_88', 'stateless container; static files and backups go to Blob Storage, nothing mounts Azure Files');
    // The app's identity pulls the image and reads its secrets (granted by LinuxWebApp and AppSetting.fromKeyVaultSecret);
    // it also uploads static files (collectstatic) and backups.
    staticFiles.grantBlobWrite(this.webApp.principalId);
    backups.grantBlobWrite(this.webApp.principalId);
    if (frontsSite) {
      // The Django site itself, uncached (sessions, CSRF); Front Door sends the app's own host name, which App Service routes on.
      this.frontDoor.addRoute('site', { origins: [{ hostName: this.webApp.defaultHostname }], patterns: ['/*'], caching: { enabled: false } });
    }

    // --- CI/CD: the seed's pipeline signs in as this identity (OIDC, no stored secret), pushes the image, deploys it.
    // The prod registry is private: ci.pushFrom 'vnet' means a self-hosted runner in the VNet (checked by the config).
    const ci = new PipelineIdentity(this, 'Ci', { github: config.ci.github });
    registry.grantPush(ci.principalId);
    this.webApp.grantDeploy(ci.principalId);

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

    // --- outputs: where the user goes next (no secrets)
    this.output('web_app_hostname', this.webApp.defaultHostname, 'Default hostname of the Django web app (https://<this>)');
    this.output('front_door_hostname', this.frontDoor.endpointHostName, frontsSite ? 'Front Door endpoint serving the site and its static files' : 'Front Door endpoint serving the static files');
    if (config.domain) this.output('site_urls', config.domain.hostNames.map((h) => `https://${h}`), 'Public URLs of the site (Front Door, managed certificates)');
    if (zone instanceof DnsZone) this.output('dns_zone_name_servers', zone.nameServers, 'Name servers to delegate the DNS zone to at the registrar');
    this.output('ci_client_id', ci.clientId, 'Client id of the CI identity (azure/login client-id; federate your CI with it)');
    this.output('ci_push_from', config.ci.pushFrom, "Where CI must push the image from: 'internet' (hosted runner) or 'vnet' (self-hosted runner in the VNet)");
    this.output('registry_login_server', registry.loginServer, 'Container registry the pipeline pushes the image to');
    this.output('database_fqdn', db.fqdn, 'PostgreSQL flexible server host (private endpoint)');
    this.output('redis_hostname', cache.hostname, 'Azure Cache for Redis host (private endpoint)');
    this.output('key_vault_uri', vault.vaultUri, 'Key Vault holding the app secrets');
    this.output('static_storage_account_name', staticFiles.name, 'Storage account of the static files');
    this.output('backups_storage_account_name', backups.name, 'Storage account of the database backups');
  }
}

/** Adds `personal-tech-dev` and `personal-tech-prod`. */
export function addPersonalTechStacks(app: App): PersonalTechStack[] {
  return PERSONAL_TECH_ENVIRONMENTS.map((env) => new PersonalTechStack(app, `personal-tech-${env}`, env, personalTechConfig(env)));
}
