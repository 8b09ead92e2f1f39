import { App } from 'cdktf';
import { Construct } from 'constructs';
import { FlowliteConfig, flowliteConfig } from '../config/flowlite';
import { OpenAiAccount } from '../lib/azure/ai';
import { RedisCache } from '../lib/azure/cache';
import { LinuxVirtualMachine } from '../lib/azure/compute';
import { ContainerApp, ContainerAppsEnvironment, ContainerRegistry } from '../lib/azure/containers';
import { applyAvmInterfaces, LockSpec } from '../lib/azure/core';
import { MysqlFlexibleServer } from '../lib/azure/database';
import { ApplicationGateway, WafPolicy } from '../lib/azure/gateway';
import { DdosProtectionPlan, NatGateway, PRIVATE_DNS_ZONES, PrivateEndpointTarget, VirtualNetwork } from '../lib/azure/network';
import { grantRole } from '../lib/azure/core/grants';
import { SERVICE_BUS_ROLES, ServiceBusNamespace } from '../lib/azure/messaging';
import { ActionGroup, ApplicationInsights, LogAnalyticsWorkspace, Workbook } from '../lib/azure/observability';
import { KeyVault, KeyVaultCertificate } from '../lib/azure/security';
import { StorageAccount } from '../lib/azure/storage';
import { AzureStack } from '../lib/azure/azure-stack';
import { Policy } from '../lib/policy';
import { Peer, Port } from '../lib/core/peer-port';

export const FLOWLITE_ENVIRONMENTS = ['dev', 'prod'] as const;

/** Subnet names (CAF `snet-<role>`). */
export const FLOWLITE_SUBNETS = {
  gateway: 'snet-agw',
  api: 'snet-api',
  internal: 'snet-internal',
  data: 'snet-data',
  privateEndpoints: 'snet-pe',
  llm: 'snet-llm',
} as const;

/**
 * Flowlite Personal Finance (seed 000), top to bottom as the seed's diagram:
 * public DMZ (Application Gateway + WAF), private VNet with the API services,
 * the internal services (InsightService, Ollama) and the data layer (MySQL,
 * Redis, Service Bus), then the support services.
 *
 * Subnet layout (10.0.0.0/16). The seed's three prefixes keep their roles;
 * what cannot share them gets its own subnet:
 *   10.0.0.0/24 snet-agw       Application Gateway v2 (a dedicated subnet is mandatory; the seed's DMZ)
 *   10.0.1.0/24 snet-api       seed "API Services": Container Apps environment of Identity, Upload, Data
 *   10.0.2.0/24 snet-internal  seed "Internal Services": Container Apps environment of InsightService
 *   10.0.3.0/24 snet-data      seed "Data Layer": private endpoints of MySQL (+ replica), Redis, Service Bus
 *   10.0.4.0/24 snet-pe        private endpoints of Key Vault, ACR, Storage, Azure OpenAI (dev)
 *   10.0.5.0/24 snet-llm       the Ollama GPU VM (prod): a subnet delegated to Microsoft.App/environments
 *                              holds nothing else, so the VM cannot sit in 10.0.2.0/24 next to InsightService
 * AKS (the seed's first option) is replaced by Container Apps in both environments: the seed's
 * "AKS o Azure Container Apps" allows it, its cost option prefers it, and it needs no cluster operations.
 *
 * Other departures from the seed, each for a reason stated where it is built:
 * - MySQL "Flexible B2s" cannot run the seed's zone-redundant HA: prod uses GP_Standard_D2ds_v4 (validation error otherwise).
 * - Ollama's "Standard_NC6s_v3" (NCv3) is retired: Standard_NC4as_T4_v3 (T4, 16 GB) holds llama3.1:8b.
 * - Redis "6379" is the plain-text port: it stays closed, clients use TLS on 6380.
 * - InsightService's "RabbitMQ Consumer" consumes the seed's Service Bus queue instead.
 * - "Service Endpoints" → private endpoints; "Azure Disk Encryption" → encryption at host (ADE is being retired).
 * - "Rotación automática de secretos": secrets expire after a year; the TLS certificate auto-renews in Key Vault.
 * - The gateway reaches the apps through the Container Apps edge (HTTPS 443/31443), so those ports are opened beside
 *   the seed's 8000/8001/8003 rows.
 */
export class FlowliteStack extends AzureStack {
  public readonly vnet: VirtualNetwork;
  public readonly gateway: ApplicationGateway;
  public readonly apps: Record<'identity' | 'upload' | 'data' | 'insight', ContainerApp>;

  constructor(scope: Construct, id: string, env: string, c: FlowliteConfig) {
    super(scope, id, {
      architecture: 'flowlite',
      environment: env,
      backend: c.backend,
      location: c.location,
      subscriptionId: c.subscriptionId,
      tenantId: c.tenantId,
      stage: c.stage,
    });
    const production = this.isProduction;
    const protect: LockSpec | undefined = production ? { kind: 'CanNotDelete', notes: 'flowlite production data' } : undefined;
    const storageName = (purpose: string) => `stfl${purpose}${env}${this.locationShort}${this.azureNaming.suffix('storageAccount', purpose)}`;

    // --- observability first: every resource sends its logs and metrics here
    const logs = new LogAnalyticsWorkspace(this, 'Logs', { retentionInDays: c.monitoring.logRetentionDays });
    const insights = new ApplicationInsights(this, 'Insights', { workspace: logs, applicationType: 'web' });
    const diagnosticSettings = [logs.diagnosticSetting()];

    // ================================================================ network
    const ddos = c.network.ddosProtection ? new DdosProtectionPlan(this, 'Ddos') : undefined;
    const n = c.network;
    this.vnet = new VirtualNetwork(this, 'Network', {
      addressSpace: [n.addressSpace],
      ddosProtectionPlanId: ddos?.id,
      subnets: [
        { name: FLOWLITE_SUBNETS.gateway, addressPrefix: n.gatewaySubnet },
        { name: FLOWLITE_SUBNETS.api, addressPrefix: n.apiSubnet, delegation: 'Microsoft.App/environments' },
        { name: FLOWLITE_SUBNETS.internal, addressPrefix: n.internalSubnet, delegation: 'Microsoft.App/environments' },
        { name: FLOWLITE_SUBNETS.data, addressPrefix: n.dataSubnet },
        { name: FLOWLITE_SUBNETS.privateEndpoints, addressPrefix: n.privateEndpointSubnet },
        ...(c.ollama.enabled ? [{ name: FLOWLITE_SUBNETS.llm, addressPrefix: n.llmSubnet }] : []),
      ],
      diagnosticSettings,
    });
    // NSG event and rule-counter logs of every subnet to Log Analytics (NSGs have no platform metrics).
    for (const subnet of Object.values(this.vnet.subnets)) {
      if (!subnet.nsg) continue;
      applyAvmInterfaces(new Construct(subnet.nsg, 'Diagnostics'), { resourceId: subnet.nsg.id, resourceName: `nsg-${subnet.name}`, diagnosticDefaults: { logCategoryGroups: ['allLogs'], metricCategories: [] } }, { diagnosticSettings });
    }
    const gatewaySubnet = this.vnet.subnet(FLOWLITE_SUBNETS.gateway);
    const apiSubnet = this.vnet.subnet(FLOWLITE_SUBNETS.api);
    const internalSubnet = this.vnet.subnet(FLOWLITE_SUBNETS.internal);
    const dataSubnet = this.vnet.subnet(FLOWLITE_SUBNETS.data);
    const peSubnet = this.vnet.subnet(FLOWLITE_SUBNETS.privateEndpoints);
    const ports = c.containerApps;

    // NSGs: one rule per row of the seed's "Tabla de Comunicación" (rows sharing source and destination subnets
    // collapse into one flow), DenyAllInbound at 4096 on every subnet. Platform rules are marked as such.
    gatewaySubnet.allowFrom(Peer.internet(), Port.tcp(443), { name: 'Allow-Https-From-Internet' }); // Internet → App Gateway 443
    const httpRedirect = gatewaySubnet.allowFrom(Peer.internet(), Port.tcp(80), { name: 'Allow-Http-Redirect-From-Internet' }); // added: 80 → 443 redirect
    Policy.suppressCheckov(httpRedirect, 'CKV_AZURE_160', 'port 80 on the Application Gateway only answers with a permanent redirect to HTTPS');
    gatewaySubnet.allowFrom(Peer.serviceTag('GatewayManager'), Port.tcpRange(65200, 65535), { name: 'Allow-GatewayManager' }); // platform: App Gateway v2
    gatewaySubnet.allowFrom(Peer.serviceTag('AzureLoadBalancer'), Port.allTraffic(), { name: 'Allow-AzureLoadBalancer' }); // platform: App Gateway v2
    apiSubnet.allowFrom(gatewaySubnet, Port.tcp(ports.identity.port), { name: 'Allow-Identity-From-Gateway' }); // App Gateway → IdentityService 8000
    apiSubnet.allowFrom(gatewaySubnet, Port.tcp(ports.upload.port), { name: 'Allow-Upload-From-Gateway' }); // App Gateway → UploadService 8001
    apiSubnet.allowFrom(gatewaySubnet, Port.tcp(ports.data.port), { name: 'Allow-Data-From-Gateway' }); // App Gateway → DataService 8003
    apiSubnet.allowFrom(apiSubnet, Port.tcp(ports.identity.port), { name: 'Allow-Identity-From-Api' }); // Upload/Data → IdentityService 8000
    // platform: Container Apps ingress is the environment's edge proxy (443, behind the ILB on 31443) in front of
    // the apps' target ports, and Azure Load Balancer probes 30000-32767 (Container Apps NSG guidance).
    apiSubnet.allowFrom(gatewaySubnet, Port.tcp(443), { name: 'Allow-Edge-From-Gateway' });
    apiSubnet.allowFrom(gatewaySubnet, Port.tcp(31443), { name: 'Allow-Edge-Ilb-From-Gateway' });
    apiSubnet.allowFrom(apiSubnet, Port.tcp(443), { name: 'Allow-Edge-From-Api' });
    apiSubnet.allowFrom(apiSubnet, Port.tcp(31443), { name: 'Allow-Edge-Ilb-From-Api' });
    apiSubnet.allowFrom(Peer.serviceTag('AzureLoadBalancer'), Port.tcpRange(30000, 32767), { name: 'Allow-AzureLoadBalancer' });
    internalSubnet.allowFrom(Peer.serviceTag('AzureLoadBalancer'), Port.tcpRange(30000, 32767), { name: 'Allow-AzureLoadBalancer' });
    // platform: the nodes of one environment talk to each other inside its own subnet (edge proxy → replicas on their
    // target ports, node-to-node); DenyAllInbound would otherwise cut what Azure's default AllowVnetInBound allows.
    apiSubnet.allowFrom(apiSubnet, Port.allTraffic(), { name: 'Allow-Environment-Internal' });
    internalSubnet.allowFrom(internalSubnet, Port.allTraffic(), { name: 'Allow-Environment-Internal' });
    dataSubnet.allowFrom(apiSubnet, Port.tcp(3306), { name: 'Allow-MySql-From-Api' }); // Upload, Data, Identity → MySQL 3306
    dataSubnet.allowFrom(internalSubnet, Port.tcp(3306), { name: 'Allow-MySql-From-Internal' }); // InsightService → MySQL 3306
    // IdentityService → Redis: the seed's 6379 is Redis' plain-text port, which stays closed; TLS port 6380.
    dataSubnet.allowFrom(apiSubnet, Port.tcp(6380), { name: 'Allow-RedisTls-From-Api' });
    // A clustered (Premium) cache also answers on one TLS port per shard, 15000-15999, behind its private endpoint.
    if (c.redis.shardCount !== undefined) dataSubnet.allowFrom(apiSubnet, Port.tcpRange(15000, 15999), { name: 'Allow-RedisClusterTls-From-Api' });
    dataSubnet.allowFrom(apiSubnet, Port.tcp(5671), { name: 'Allow-Amqp-From-Api' }); // UploadService → Service Bus 5671
    dataSubnet.allowFrom(internalSubnet, Port.tcp(5671), { name: 'Allow-Amqp-From-Internal' }); // InsightService → Service Bus 5671
    // added: the support services' private endpoints (Key Vault references, image pulls, blobs, the certificate, OpenAI).
    peSubnet.allowFrom(apiSubnet, Port.tcp(443), { name: 'Allow-Https-From-Api' });
    peSubnet.allowFrom(internalSubnet, Port.tcp(443), { name: 'Allow-Https-From-Internal' });
    peSubnet.allowFrom(gatewaySubnet, Port.tcp(443), { name: 'Allow-Https-From-Gateway' });

    // "Servicios Internos · Comunicación interna exclusiva: No rutas a Internet": InsightService's subnet reaches the
    // VNet and only the Azure services Container Apps itself needs (Container Apps NSG guidance for workload profiles);
    // everything else on the internet is denied. dev adds the public endpoints of its Basic ACR and Standard Service Bus.
    internalSubnet.allowTo(Peer.serviceTag('VirtualNetwork'), Port.allTraffic(), { name: 'Allow-VirtualNetwork-Out' });
    const platformTags = ['AzureActiveDirectory', 'AzureMonitor', 'MicrosoftContainerRegistry', 'AzureFrontDoor.FirstParty'];
    if (c.registry.sku !== 'Premium') platformTags.push('AzureContainerRegistry');
    for (const tag of platformTags) internalSubnet.allowTo(Peer.serviceTag(tag), Port.tcp(443), { name: `Allow-${tag.replace('.', '-')}-Out` });
    if (c.serviceBus.sku !== 'Premium') internalSubnet.allowTo(Peer.serviceTag('ServiceBus'), Port.tcp(5671), { name: 'Allow-ServiceBus-Amqp-Out' });
    internalSubnet.nsg!.deny('DenyInternetOutbound', 4000, 'Outbound', '*', 'Internet');

    // "NAT Gateway: Salida a Internet (para servicios privados)": the only egress of the private subnets.
    new NatGateway(this, 'Nat', {
      idleTimeoutMinutes: n.natIdleTimeoutMinutes,
      subnets: [apiSubnet, internalSubnet, ...(c.ollama.enabled ? [this.vnet.subnet(FLOWLITE_SUBNETS.llm)] : [])],
    });
    const dataEndpoints = new PrivateEndpointTarget(this.vnet, dataSubnet);
    const supportEndpoints = new PrivateEndpointTarget(this.vnet, peSubnet);

    // ================================================================ support: secrets and images
    const deployers = c.keyVault.deployer.ipRanges;
    const vaultProps = {
      sku: c.keyVault.sku,
      purgeProtection: c.keyVault.purgeProtection,
      softDeleteRetentionDays: c.keyVault.softDeleteRetentionDays,
      privateEndpoints: supportEndpoints.endpoint(PRIVATE_DNS_ZONES.keyVault),
      publicNetworkAccess: deployers.length > 0,
      networkAcls: deployers.length > 0 ? { ipRules: deployers } : undefined,
      // How Terraform reaches the data plane to write secrets (KeyVault checks it where it supports `deployer`).
      deployer: c.keyVault.deployer,
      diagnosticSettings,
      lock: protect,
      preventDestroy: production,
    };
    const vault = new KeyVault(this, 'Secrets', vaultProps);
    const premiumRegistry = c.registry.sku === 'Premium';
    const registry = new ContainerRegistry(this, 'Registry', {
      sku: c.registry.sku,
      privateEndpoints: premiumRegistry ? supportEndpoints.endpoint(PRIVATE_DNS_ZONES.containerRegistry) : undefined,
      diagnosticSettings,
      lock: protect,
      preventDestroy: production,
    });
    Policy.suppressCheckov(registry, 'CKV_AZURE_165', 'single-region architecture: no other region to replicate images to');
    Policy.suppressCheckov(registry, 'CKV_AZURE_166', 'quarantine blocks every pull until a scanner marks images verified; the seed has no scanner');
    if (!premiumRegistry) {
      // Premium-only registry features (scanning, trust, untagged retention, zone redundancy, data endpoints).
      for (const id of ['CKV_AZURE_163', 'CKV_AZURE_164', 'CKV_AZURE_167', 'CKV_AZURE_233', 'CKV_AZURE_237']) {
        Policy.suppressCheckov(registry, id, `a Premium-only registry feature; the seed's ${c.registry.sku} registry in dev (prod is Premium and has it)`);
      }
    }

    // ================================================================ data layer
    const mysql = new MysqlFlexibleServer(this, 'Database', {
      version: c.mysql.version,
      sku: c.mysql.sku,
      storageGb: c.mysql.storageGb,
      backupRetentionDays: c.mysql.backupRetentionDays,
      geoRedundantBackup: c.mysql.geoRedundantBackup,
      highAvailability: c.mysql.highAvailability,
      keyVault: vault,
      entraAdministrator: { login: c.mysql.entraAdmin.login, objectId: c.mysql.entraAdmin.objectId ?? this.deployerObjectId },
      databases: [c.mysql.databaseName],
      replicas: c.mysql.readReplica ? [{ nameQualifier: 'read', privateEndpoints: dataEndpoints.endpoint(PRIVATE_DNS_ZONES.mysql) }] : undefined,
      privateEndpoints: dataEndpoints.endpoint(PRIVATE_DNS_ZONES.mysql),
      diagnosticSettings,
      lock: protect,
      preventDestroy: production,
    });
    if (!c.mysql.geoRedundantBackup) Policy.suppressCheckov(mysql, 'CKV_AZURE_94', "dev keeps locally redundant backups for cost (prod's primary is geo-redundant)");
    const cache = new RedisCache(this, 'Cache', {
      sku: c.redis.sku,
      capacity: c.redis.capacity,
      shardCount: c.redis.shardCount,
      zones: c.redis.zones.length > 0 ? c.redis.zones : undefined,
      privateEndpoints: dataEndpoints.endpoint(PRIVATE_DNS_ZONES.redis),
      diagnosticSettings,
    });
    const redisUrl = vault.addSecret('redis-url', `rediss://:${cache.primaryAccessKey}@${cache.hostname}:${cache.sslPort}/0`);
    const mysqlPassword = mysql.administratorPasswordSecret;
    const insightsConnection = vault.addSecret('appinsights-connection-string', insights.connectionString);

    // "Storage Account: Backups, archivos Excel procesados"
    const files = new StorageAccount(this, 'Files', {
      name: storageName('files'),
      replication: c.storage.replication,
      containers: [c.storage.excelContainer, c.storage.backupsContainer],
      lifecycleRules: [
        { name: 'excel-cool', prefixes: [`${c.storage.excelContainer}/`], coolAfterDays: c.storage.excelCoolAfterDays },
        { name: `backups-${c.storage.backupsRetentionDays}d`, prefixes: [`${c.storage.backupsContainer}/`], deleteAfterDays: c.storage.backupsRetentionDays },
      ],
      privateEndpoints: c.storage.privateEndpoint ? supportEndpoints.endpoint(PRIVATE_DNS_ZONES.blob) : undefined,
      diagnosticSettings,
      lock: protect,
      preventDestroy: production,
    });
    Policy.suppressCheckov(files, 'CKV2_AZURE_1', 'Microsoft-managed keys plus infrastructure encryption; the seed plans no customer-managed key');
    if (c.storage.replication === 'LRS') Policy.suppressCheckov(files, 'CKV_AZURE_206', 'LRS in dev, the seed\'s "Standard LRS" (prod is GZRS)');

    // "Azure Service Bus (Premium Tier) · Queue: batch_processed · Dead Letter Queue Enabled · Private Endpoint Enabled".
    // Private endpoints need Premium; dev's Standard namespace is reached over its public endpoint (Entra ID only, no SAS).
    const premiumBus = c.serviceBus.sku === 'Premium';
    const bus = new ServiceBusNamespace(this, 'Bus', {
      sku: c.serviceBus.sku,
      capacity: premiumBus ? c.serviceBus.capacity : undefined,
      queues: [{ name: c.serviceBus.queueName, maxDeliveryCount: c.serviceBus.maxDeliveryCount, deadLetterOnExpiration: true, defaultMessageTtl: c.serviceBus.messageTtl }],
      privateEndpoints: premiumBus ? dataEndpoints.endpoint(PRIVATE_DNS_ZONES.serviceBus) : undefined,
      managedIdentities: { systemAssigned: true },
      diagnosticSettings,
      lock: protect,
      preventDestroy: production,
    });
    if (!premiumBus) Policy.suppress(bus, 'AZ-SB-002', "dev's Standard namespace (the seed's economical option) cannot have a private endpoint; clients use Entra ID, SAS is off");
    Policy.suppressCheckov(bus, 'CKV_AZURE_201', 'Service Bus uses Microsoft-managed keys; a customer-managed key needs a Premium key vault key the seed does not plan for');
    Policy.suppressCheckov(bus, 'CKV_AZURE_199', 'infrastructure (double) encryption comes with a customer-managed key, which the seed does not plan for');
    if (!premiumRegistry) Policy.suppress(registry, 'AZ-ACR-001', "dev's Basic registry (the seed's cost table) cannot turn public access off; pulls use the apps' managed identity");
    const busEnv = { SERVICEBUS_FULLY_QUALIFIED_NAMESPACE: bus.fullyQualifiedNamespace, SERVICEBUS_QUEUE: c.serviceBus.queueName };

    // ================================================================ compute: API services and internal services
    const apiEnv = new ContainerAppsEnvironment(this, 'ApiEnvironment', {
      nameQualifier: 'api',
      logAnalytics: logs,
      subnet: apiSubnet,
      internal: true,
      zoneRedundant: c.containerApps.zoneRedundant,
      privateDnsLinks: [this.vnet],
      diagnosticSettings,
    });
    const internalEnv = new ContainerAppsEnvironment(this, 'InternalEnvironment', {
      nameQualifier: 'internal',
      logAnalytics: logs,
      subnet: internalSubnet,
      internal: true,
      zoneRedundant: c.containerApps.zoneRedundant,
      privateDnsLinks: [this.vnet],
      diagnosticSettings,
    });

    const common = {
      MYSQL_HOST: mysql.fqdn,
      MYSQL_PORT: '3306',
      MYSQL_DATABASE: c.mysql.databaseName,
      MYSQL_USER: mysql.administratorLogin,
      MYSQL_SSL_MODE: 'REQUIRED',
    };
    const dbSecrets = { MYSQL_PASSWORD: mysqlPassword, APPLICATIONINSIGHTS_CONNECTION_STRING: insightsConnection };
    const apiApp = (key: 'identity' | 'upload' | 'data', extraEnv: Record<string, string>, extraSecrets = {}) => {
      const s = c.containerApps[key];
      return new ContainerApp(this, `${key[0].toUpperCase()}${key.slice(1)}Service`, {
        nameQualifier: key,
        environment: apiEnv,
        image: s.image,
        registry,
        cpu: s.cpu,
        ingress: { targetPort: s.port, external: true }, // "external" to an internal environment: the VNet only
        liveness: { path: s.livenessPath },
        readiness: { path: s.readinessPath },
        minReplicas: c.containerApps.apiMinReplicas,
        maxReplicas: c.containerApps.apiMaxReplicas,
        scale: { cpuPercent: c.containerApps.cpuPercent, memoryPercent: c.containerApps.memoryPercent, httpConcurrency: c.containerApps.httpConcurrency },
        env: { ...common, APPLICATIONINSIGHTS_SERVICE_NAME: `${key}-service`, SERVICE_PORT: String(s.port), ...extraEnv },
        keyVaultSecrets: { vault, env: { ...dbSecrets, ...extraSecrets } },
      });
    };
    const identity = apiApp('identity', {}, { REDIS_URL: redisUrl });
    const identityUrl = `https://${identity.fqdn}`;
    const upload = apiApp('upload', { IDENTITY_SERVICE_URL: identityUrl, STORAGE_ACCOUNT_NAME: files.name, EXCEL_CONTAINER: c.storage.excelContainer, ...busEnv });
    bus.grantSend(upload.principalId, c.serviceBus.queueName); // UploadService → Service Bus: "Publish events"
    const data = apiApp('data', {
      IDENTITY_SERVICE_URL: identityUrl,
      // "Read Replicas para consultas de DataService"
      MYSQL_READ_HOST: mysql.replicaFqdns[0] ?? mysql.fqdn,
    });
    files.grantBlobWrite(upload.principalId);
    files.grantBlobRead(data.principalId);

    // ================================================================ internal services: AI
    let llmEnv: Record<string, string>;
    let ollama: LinuxVirtualMachine | undefined;
    let openAi: OpenAiAccount | undefined;
    if (c.ollama.enabled) {
      const llmSubnet = this.vnet.subnet(FLOWLITE_SUBNETS.llm);
      llmSubnet.allowFrom(internalSubnet, Port.tcp(c.ollama.port), { name: 'Allow-Ollama-From-Internal' }); // InsightService → Ollama 11434
      ollama = new LinuxVirtualMachine(this, 'Ollama', {
        nameQualifier: 'ollama',
        subnet: llmSubnet,
        size: c.ollama.size,
        gpu: true,
        zone: c.ollama.zone,
        sshPublicKey: c.ollama.sshPublicKey,
        dataDisks: [{ name: 'models', sizeGb: c.ollama.modelDiskGb, lun: 0 }],
        cloudInit: ollamaCloudInit(c.ollama.model, c.ollama.port),
        lock: protect,
      });
      Policy.suppressCheckov(ollama, 'CKV_AZURE_93', 'the model disk uses platform-managed keys plus encryption at host; the seed plans no disk encryption set (CMK)');
      Policy.suppressCheckov(ollama, 'CKV_AZURE_50', 'the VM runs the AADSSHLoginForLinux extension for Microsoft Entra ID SSH login');
      llmEnv = { LLM_PROVIDER: 'ollama', OLLAMA_BASE_URL: `http://${ollama.privateIpAddress}:${c.ollama.port}`, OLLAMA_MODEL: c.ollama.model };
    } else {
      openAi = new OpenAiAccount(this, 'OpenAi', {
        deployments: [{ name: c.openAi.deployment, model: c.openAi.model, version: c.openAi.version, capacity: c.openAi.capacity }],
        privateEndpoints: supportEndpoints.endpoint(PRIVATE_DNS_ZONES.openAi),
        diagnosticSettings,
      });
      Policy.suppressCheckov(openAi, 'CKV2_AZURE_22', 'Azure OpenAI uses Microsoft-managed keys; a CMK needs a key the seed does not plan for');
      llmEnv = { LLM_PROVIDER: 'azure-openai', AZURE_OPENAI_ENDPOINT: openAi.endpoint, AZURE_OPENAI_DEPLOYMENT: c.openAi.deployment };
    }
    const ins = c.containerApps.insight;
    const insight = new ContainerApp(this, 'InsightService', {
      nameQualifier: 'insight',
      environment: internalEnv,
      image: ins.image,
      registry,
      cpu: ins.cpu,
      // "InsightService solo accesible internamente": ingress only from its own environment.
      ingress: { targetPort: ins.port, external: false },
      liveness: { path: ins.livenessPath },
      readiness: { path: ins.readinessPath },
      minReplicas: c.containerApps.insightMinReplicas,
      maxReplicas: c.containerApps.insightMaxReplicas,
      env: { ...common, APPLICATIONINSIGHTS_SERVICE_NAME: 'insight-service', SERVICE_PORT: String(ins.port), ...busEnv, ...llmEnv },
      keyVaultSecrets: { vault, env: dbSecrets },
      // "Escalado basado en cola: Service Bus Queue Length", KEDA authenticating with the app's identity.
      scale: { serviceBus: { namespace: bus, queueName: c.serviceBus.queueName, messageCount: c.containerApps.insightMessagesPerReplica } },
    });
    bus.grantReceive(insight.principalId, c.serviceBus.queueName); // InsightService → Service Bus: "Consume events"
    // KEDA reads the queue's runtime properties (active message count), a Manage operation: Data Owner, on that queue only.
    grantRole(bus, bus.queues[c.serviceBus.queueName].id, SERVICE_BUS_ROLES.owner, insight.principalId, 'ServicePrincipal', 'KEDA queue-length scaling of InsightService');
    openAi?.grantUse(insight.principalId);
    this.apps = { identity, upload, data, insight };

    // ================================================================ edge: DMZ
    const waf = new WafPolicy(this, 'Waf', {
      managedRuleSet: c.gateway.managedRuleSet,
      mode: 'Prevention',
      rateLimits: [
        { requests: c.gateway.rateLimitPerMinute }, // "Límites por IP"
        { requests: c.gateway.uploadRateLimitPerMinute, pathPrefixes: c.containerApps.upload.paths.map((p) => p.replace(/\*$/, '')) }, // "... y por endpoint"
      ],
    });
    // "Certificados gestionados": issued and renewed by Key Vault; self-signed by default for a fresh deploy.
    const certificate = new KeyVaultCertificate(this, 'TlsCertificate', {
      vault,
      name: 'gateway-tls',
      subject: `CN=${c.gateway.hostName}`,
      issuer: c.gateway.certificateIssuer,
    });
    const backend = (key: 'identity' | 'upload' | 'data', app: ContainerApp) => ({ name: key, address: app.fqdn, paths: c.containerApps[key].paths, probePath: c.containerApps[key].readinessPath });
    this.gateway = new ApplicationGateway(this, 'Gateway', {
      subnet: gatewaySubnet,
      wafPolicy: waf,
      certificate: { secretId: certificate.secretId, vault },
      hostName: c.gateway.hostName,
      backends: [backend('identity', identity), backend('upload', upload), backend('data', data)],
      minCapacity: c.gateway.minCapacity,
      maxCapacity: c.gateway.maxCapacity,
      zones: c.gateway.zones.length > 0 ? c.gateway.zones : undefined,
      diagnosticSettings,
    });

    // ================================================================ monitoring: "Alertas automatizadas (CPU, Memory, Errors)"
    const team = new ActionGroup(this, 'Alerts', { emailReceivers: c.monitoring.alertEmails.map((email, i) => ({ name: `ops-${i + 1}`, email })) });
    const actionGroups = [team];
    for (const [key, app] of Object.entries(this.apps)) {
      const cpu = key === 'insight' ? ins.cpu : c.containerApps[key as 'identity' | 'upload' | 'data'].cpu;
      app.metricCpuUsage().createAlarm(this, `Cpu-${key}`, { nameQualifier: `${key}-cpu`, threshold: Math.round(cpu * 0.9e9), description: `${key}: CPU above 90 % of a replica's ${cpu} vCPU`, actionGroups });
      app.metricWorkingSet().createAlarm(this, `Memory-${key}`, { nameQualifier: `${key}-memory`, threshold: Math.round(cpu * 2 * 0.9 * 1024 ** 3), description: `${key}: memory above 90 % of a replica's ${cpu * 2} GiB`, actionGroups });
    }
    this.gateway.metricResponseStatus('5xx').createAlarm(this, 'Gateway5xx', { nameQualifier: 'agw-5xx', threshold: c.monitoring.gateway5xxPer5Minutes, severity: 1, actionGroups });
    this.gateway.metricUnhealthyHosts().createAlarm(this, 'GatewayUnhealthy', { nameQualifier: 'agw-unhealthy', threshold: 0, severity: 1, actionGroups });
    mysql.metricCpuPercent().createAlarm(this, 'MysqlCpu', { nameQualifier: 'mysql-cpu', threshold: 80, actionGroups });
    mysql.metricActiveConnections().createAlarm(this, 'MysqlConnections', { nameQualifier: 'mysql-connections', threshold: c.monitoring.mysqlConnectionsAbove, actionGroups });
    bus.metricActiveMessages(c.serviceBus.queueName).createAlarm(this, 'QueueLength', { nameQualifier: 'queue-length', threshold: c.monitoring.queueLengthAbove, actionGroups });
    bus.metricDeadLetteredMessages(c.serviceBus.queueName).createAlarm(this, 'DeadLetters', { nameQualifier: 'queue-deadletters', threshold: 0, severity: 1, actionGroups });
    if (ollama) {
      ollama.metricAvailability().createAlarm(this, 'OllamaAvailability', { nameQualifier: 'ollama-availability', operator: 'LessThan', threshold: 1, severity: 1, actionGroups });
    }

    // "Métricas Clave": request rate, p50/p95/p99, error rate (Application Insights, workspace-based), queue length, LLM time.
    new Workbook(this, 'Dashboard', {
      displayName: `Flowlite ${env}: key metrics`,
      sourceId: logs.id,
      queries: [
        { title: 'Request rate (req/s)', query: 'AppRequests | summarize rps = count() / 300.0 by bin(TimeGenerated, 5m), AppRoleName', visualization: 'timechart' },
        { title: 'Response time p50 / p95 / p99 (ms)', query: 'AppRequests | summarize percentiles(DurationMs, 50, 95, 99) by bin(TimeGenerated, 5m)', visualization: 'timechart' },
        { title: 'Error rate (%)', query: 'AppRequests | summarize errors = 100.0 * countif(Success == false) / count() by bin(TimeGenerated, 5m), AppRoleName', visualization: 'timechart' },
        { title: 'Queue length (batch_processed)', query: `AzureMetrics | where ResourceProvider == "MICROSOFT.SERVICEBUS" and MetricName == "ActiveMessages" | summarize avg(Average) by bin(TimeGenerated, 5m)`, visualization: 'timechart' },
        { title: 'Database connections', query: 'AzureMetrics | where ResourceProvider == "MICROSOFT.DBFORMYSQL" and MetricName == "active_connections" | summarize max(Maximum) by bin(TimeGenerated, 5m)', visualization: 'timechart' },
        { title: 'LLM response time (ms)', query: 'AppDependencies | where AppRoleName == "insight-service" and Target has_any ("11434", "openai") | summarize percentiles(DurationMs, 50, 95) by bin(TimeGenerated, 5m)', visualization: 'timechart' },
      ],
    });

    // --- outputs: where the user goes next (no secrets)
    this.output('gateway_public_ip', this.gateway.publicIpAddress, 'Public IP of the Application Gateway (point the gateway host name at it)');
    this.output('gateway_host_name', c.gateway.hostName, 'Host name the Application Gateway serves');
    this.output('registry_login_server', registry.loginServer, 'Container registry the pipeline pushes the images to');
    this.output('mysql_fqdn', mysql.fqdn, 'MySQL flexible server host (private endpoint)');
    this.output('redis_hostname', cache.hostname, 'Azure Cache for Redis host (private endpoint)');
    this.output('service_bus_namespace', bus.fullyQualifiedNamespace, 'Service Bus namespace (fully qualified)');
    this.output('files_storage_account_name', files.name, 'Storage account of the uploaded Excel files');
    this.output('key_vault_uri', vault.vaultUri, 'Key Vault of the application secrets and the gateway certificate');
  }
}

/**
 * cloud-init of the Ollama VM: the signed Ubuntu NVIDIA driver (works with Secure Boot), the models on the data
 * disk, Ollama listening on the VM's address (the NSG lets only InsightService in), and the seed's model pulled.
 */
export function ollamaCloudInit(model: string, port: number): string {
  return [
    '#cloud-config',
    'package_update: true',
    'packages: [ubuntu-drivers-common, curl]',
    'disk_setup:',
    '  /dev/disk/azure/scsi1/lun0: { table_type: gpt, layout: true, overwrite: false }',
    'fs_setup:',
    '  - { device: /dev/disk/azure/scsi1/lun0, partition: 1, filesystem: ext4, label: models }',
    'mounts:',
    '  - [LABEL=models, /var/lib/ollama, ext4, "defaults,nofail", "0", "2"]',
    'write_files:',
    '  - path: /etc/systemd/system/ollama.service.d/override.conf',
    '    content: |',
    '      [Service]',
    `      Environment="OLLAMA_HOST=0.0.0.0:${port}"`,
    '      Environment="OLLAMA_MODELS=/var/lib/ollama/models"',
    'runcmd:',
    '  - ubuntu-drivers install --gpgpu',
    '  - curl -fsSL https://ollama.com/install.sh | sh',
    '  - mkdir -p /var/lib/ollama/models && chown -R ollama:ollama /var/lib/ollama',
    '  - systemctl daemon-reload && systemctl enable --now ollama',
    `  - until curl -sf http://127.0.0.1:${port}/api/version; do sleep 5; done`,
    `  - OLLAMA_HOST=127.0.0.1:${port} ollama pull ${model}`,
    'power_state: { mode: reboot, condition: "! nvidia-smi" }',
    '',
  ].join('\n');
}

/** Adds `flowlite-dev` and `flowlite-prod`. */
export function addFlowliteStacks(app: App): FlowliteStack[] {
  return FLOWLITE_ENVIRONMENTS.map((env) => new FlowliteStack(app, `flowlite-${env}`, env, flowliteConfig(env)));
}
