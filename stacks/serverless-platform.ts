import { App, Fn } from 'cdktf';
import { Construct } from 'constructs';
import { SERVERLESS_PLATFORM_ENVIRONMENTS, ServerlessPlatformConfig, serverlessPlatformConfig } from '../config/serverless-platform';
import { RedisCache } from '../lib/azure/cache';
import { ContainerApp, ContainerAppsEnvironment } from '../lib/azure/containers';
import { PrivateEndpointSpec } from '../lib/azure/core';
import { CosmosAccount, SqlServer } from '../lib/azure/database';
import { DataFactory } from '../lib/azure/etl';
import { FrontDoor, FrontDoorCustomDomain, StaticWebApp } from '../lib/azure/frontend';
import { FUNCTIONS_SUBNET_DELEGATION, FunctionApp, FunctionsPlan } from '../lib/azure/functions';
import { ApiManagement } from '../lib/azure/gateway';
import { ServiceBusNamespace } from '../lib/azure/messaging';
import { DdosProtectionPlan, DnsZone, Firewall, NatGateway, PRIVATE_DNS_ZONES, PrivateEndpointTarget, RouteTable, SubnetSpec, VirtualNetwork } from '../lib/azure/network';
import { ActionGroup, ApplicationInsights, LogAnalyticsWorkspace, Workbook, dimension } from '../lib/azure/observability';
import { KeyVault } from '../lib/azure/security';
import { StorageAccount } from '../lib/azure/storage';
import { AzureStack } from '../lib/azure/azure-stack';
import { Policy } from '../lib/policy';
import { Peer, Port } from '../lib/core/peer-port';

/** The seed's queues, topics and the subscriptions of its topic worker. */
export const QUEUES = ['orders-queue', 'etl-queue', 'thirdparty-queue'] as const;
export const TOPICS = ['events-topic', 'notifications-topic'] as const;
/** The seed's four microservices. */
export const MICROSERVICES = ['users', 'orders', 'products', 'payments'] as const;
/** The seed's four workers. */
export const WORKERS = ['queue-worker', 'topic-worker', 'etl-processor', 'thirdparty-sync'] as const;

const ZONE_FOR_WEB_APPS = PRIVATE_DNS_ZONES.webApp;
const SQL_ZONE = 'privatelink.database.windows.net';

/**
 * The serverless platform (seed 004): a public API gateway in front of
 * private Container Apps microservices, Service Bus messaging, Functions
 * workers, Azure SQL, and a React SPA on Static Web Apps in two regions,
 * built from one typed settings object per environment
 * (`config/serverless-platform.ts`). A feature flag that is off leaves its
 * resources (and everything only they need) out of the stack.
 *
 * Layers follow the seed's deployment order, top to bottom:
 * 1 core, 2 networking, 3 security, 4 observability, 5 database,
 * 6 messaging, 7 functions, 8 microservices, 9 gateway, 10 frontend.
 */
export class ServerlessPlatformStack extends AzureStack {
  public readonly settings: ServerlessPlatformConfig;
  public readonly vnet: VirtualNetwork;
  public readonly serviceBus?: ServiceBusNamespace;
  public readonly functions: Record<string, FunctionApp> = {};
  public readonly microservices: Record<string, ContainerApp> = {};
  public readonly gateway?: ApiManagement;

  constructor(scope: Construct, id: string, settings: ServerlessPlatformConfig) {
    // ---- 1. Core: the resource group, provider and azurerm backend (one state key per environment)
    super(scope, id, {
      architecture: 'serverless-platform',
      environment: settings.environment,
      backend: settings.backend,
      location: settings.location,
      subscriptionId: settings.subscriptionId,
      tenantId: settings.tenantId,
      tags: { stage: settings.stage },
      stage: settings.stage,
    });
    this.settings = settings;
    const { network: net, security: sec, monitoring: mon, features: ff, tiers } = settings;
    const production = this.isProduction;
    const privateEndpoints = sec.enablePrivateEndpoints;
    const apimIntegrated = /^(StandardV2|PremiumV2)_/.test(tiers.apiManagementSku);

    // Production stages protect their stateful resources (lock + prevent_destroy); see DESIGN.md "Stages".
    const protect = production ? { lock: { kind: 'CanNotDelete' as const, notes: 'serverless-platform production data' }, preventDestroy: true } : {};
    // The workspace comes first (layer 4 is wired below): every layer sends its diagnostics to it.
    const logs = new LogAnalyticsWorkspace(this, 'Logs', { retentionInDays: mon.logRetentionDays, dailyQuotaGb: mon.dailyQuotaGb });
    const diagnosticSettings = [logs.diagnosticSetting()];
    // Without private endpoints (the settings table: dev, qa) data services keep a default-deny public endpoint
    // opened to the app and functions subnets only (VNet rules / service endpoints): say so once per rule.
    const publicByTable = (construct: Construct, ruleId: string) =>
      Policy.suppress(construct, ruleId, 'settings table: private endpoints off in this environment; default-deny public endpoint with VNet rules for the app and functions subnets');

    // ---- 2. Networking: VNet, the six /24 subnets, NSGs per the access-control table, NAT, DDoS and firewall (prod)
    const ddos = net.enableDdosProtection ? new DdosProtectionPlan(this, 'Ddos') : undefined;
    const serviceEndpoints = privateEndpoints ? undefined : ['Microsoft.Storage', 'Microsoft.Sql', 'Microsoft.KeyVault', 'Microsoft.ServiceBus', 'Microsoft.AzureCosmosDB'];
    const subnets: SubnetSpec[] = [
      // API Management: injected on Developer (no delegation), integrated on StandardV2 (delegated to serverFarms).
      { name: 'snet-gateway', addressPrefix: net.subnets.gateway, delegation: ff.enableApiManagement && apimIntegrated ? 'Microsoft.Web/serverFarms' : undefined },
      { name: 'snet-app', addressPrefix: net.subnets.app, delegation: 'Microsoft.App/environments', serviceEndpoints },
      { name: 'snet-functions', addressPrefix: net.subnets.functions, delegation: FUNCTIONS_SUBNET_DELEGATION[tiers.functionsPlan], serviceEndpoints },
      { name: 'snet-integration', addressPrefix: net.subnets.integration },
      { name: 'snet-data', addressPrefix: net.subnets.data },
      { name: 'snet-management', addressPrefix: net.subnets.management },
      ...(net.enableFirewall && net.firewallSubnet ? [{ name: 'AzureFirewallSubnet', addressPrefix: net.firewallSubnet }] : []),
    ];
    const vnet = new VirtualNetwork(this, 'Network', { addressSpace: [net.vnetCidr], subnets, ddosProtectionPlanId: ddos?.id });
    this.vnet = vnet;
    const gatewaySubnet = vnet.subnet('snet-gateway');
    const appSubnet = vnet.subnet('snet-app');
    const functionsSubnet = vnet.subnet('snet-functions');
    const integrationSubnet = vnet.subnet('snet-integration');
    const dataSubnet = vnet.subnet('snet-data');

    // Access control (seed's table): Internet → API Management only (the Static Web Apps are served by Azure, outside the VNet).
    if (ff.enableApiManagement) {
      gatewaySubnet.allowFrom(Peer.internet(), Port.tcp(443), { name: 'Allow-Https-From-Internet' });
      if (!apimIntegrated) {
        // VNet-injected gateways: management endpoint and the Azure load balancer's health probe.
        gatewaySubnet.allowFrom(Peer.serviceTag('ApiManagement'), Port.tcp(3443), { name: 'Allow-ApimManagement' });
        gatewaySubnet.allowFrom(Peer.serviceTag('AzureLoadBalancer'), Port.tcp(6390), { name: 'Allow-ApimLoadBalancer' });
      }
      // API Management → microservices (private, VNet).
      appSubnet.allowFrom(gatewaySubnet, Port.tcp(443));
      appSubnet.allowFrom(gatewaySubnet, Port.tcp(80));
    }
    // Microservices and functions → Service Bus (AMQP 5671-5672, HTTPS) and SQL (1433) through their private endpoints.
    for (const client of [appSubnet, functionsSubnet]) {
      integrationSubnet.allowFrom(client, Port.tcpRange(5671, 5672));
      integrationSubnet.allowFrom(client, Port.tcp(443));
      dataSubnet.allowFrom(client, Port.tcp(1433));
      dataSubnet.allowFrom(client, Port.tcp(443));
      if (ff.enableRedis) dataSubnet.allowFrom(client, Port.tcp(6380));
    }
    // Functions → third-party APIs: outbound HTTPS only (through the NAT gateway, or the firewall in prod).
    functionsSubnet.allowTo(Peer.internet(), Port.tcp(443), { name: 'Allow-Https-To-ThirdParty' });

    let firewall: Firewall | undefined;
    if (net.enableFirewall) {
      const fwSubnet = vnet.subnet('AzureFirewallSubnet');
      firewall = new Firewall(this, 'Firewall', {
        subnet: fwSubnet,
        fqdnRules: [{ name: 'third-party-apis', sourceAddresses: [net.subnets.functions], fqdns: net.thirdPartyFqdns }],
        serviceTagRules: [{ name: 'azure-platform', sourceAddresses: [net.subnets.functions, net.subnets.app], serviceTags: ['AzureMonitor', 'AzureActiveDirectory'], ports: [443] }],
        diagnosticSettings,
      });
      Policy.suppressCheckov(firewall, 'CKV_AZURE_216', 'threat intelligence is Deny on the attached firewall policy; the firewall-level attribute is ignored with a policy');
      Policy.suppressCheckov(firewall, 'CKV_AZURE_220', 'IDPS is an Azure Firewall Premium feature; the platform runs Standard (FQDN allow-list for function egress)');
      // Function egress goes through the firewall, which leaves through the NAT gateway.
      new RouteTable(this, 'FunctionsEgress', { routes: [{ name: 'default-via-firewall', addressPrefix: '0.0.0.0/0', nextHopType: 'VirtualAppliance', nextHopIp: firewall.privateIpAddress }], subnets: [functionsSubnet] });
      new NatGateway(this, 'Nat', { subnets: [fwSubnet, appSubnet] });
    } else {
      new NatGateway(this, 'Nat', { subnets: [functionsSubnet, appSubnet] });
    }
    const pe = new PrivateEndpointTarget(vnet, dataSubnet);
    const peIntegration = new PrivateEndpointTarget(vnet, integrationSubnet);
    const onData = (zone: string, subresourceName?: string): PrivateEndpointSpec[] | undefined => (privateEndpoints ? pe.endpoint(zone, { subresourceName }) : undefined);

    // ---- 3. Security: Key Vault with the table's soft delete and purge protection (managed identities come with each workload)
    const vaultProps = {
      softDeleteRetentionDays: sec.softDeleteRetentionDays,
      purgeProtection: sec.enablePurgeProtection,
      privateEndpoints: onData(PRIVATE_DNS_ZONES.keyVault),
      // Without private endpoints the workloads reach the vault over service endpoints of their subnets.
      publicNetworkAccess: !privateEndpoints || sec.deployerIpRanges.length > 0,
      networkAcls: !privateEndpoints ? { virtualNetworkSubnetIds: [appSubnet.id, functionsSubnet.id], ipRules: sec.deployerIpRanges } : sec.deployerIpRanges.length > 0 ? { ipRules: sec.deployerIpRanges } : undefined,
      // Terraform writes the gateway's basic-auth secret, so it must reach the vault's data plane: from inside the
      // VNet (the settings' default) or from the listed IPs. (Read by KeyVault's deployer-network check.)
      deployer: sec.deployerIpRanges.length > 0 ? { ipRanges: sec.deployerIpRanges } : { runsInsideVnet: true },
      diagnosticSettings,
      ...protect,
    };
    const vault = new KeyVault(this, 'Vault', vaultProps);
    if (!privateEndpoints) Policy.suppressCheckov(vault, 'CKV2_AZURE_32', 'settings table: private endpoints off in this environment; the vault is default-Deny, reached over subnet service endpoints');
    if (!sec.enablePurgeProtection) Policy.suppress(vault, 'AZ-KV-001', 'settings table: purge protection only in prod (soft delete keeps deleted secrets for the table\'s days)');

    // ---- 4. Observability: Log Analytics (table's retention and quota), App Insights, action group
    const insights = new ApplicationInsights(this, 'Insights', { workspace: logs, applicationType: 'web' });
    const oncall = new ActionGroup(this, 'Oncall', { emailReceivers: mon.alertEmails.map((email, i) => ({ name: `email-${i + 1}`, email })) });
    insights.metricFailedRequests().createAlarm(this, 'AlertFailedRequests', { nameQualifier: 'failed-requests', threshold: 10, severity: 1, actionGroups: [oncall] });
    insights.metricRequestDuration().createAlarm(this, 'AlertLatency', { nameQualifier: 'latency', threshold: 2000, windowSize: 'PT15M', severity: 2, actionGroups: [oncall] });

    // ---- 5. Database: Azure SQL (Entra ID admin, TLS 1.2, private endpoint or VNet rules), Cosmos DB and Redis where on
    if (ff.enableSqlDatabase) {
      const sql = new SqlServer(this, 'Sql', {
        databases: [{ name: 'platform', sku: tiers.sqlDatabaseSku, pitrDays: tiers.sqlBackupRetentionDays }],
        privateEndpoints: onData(SQL_ZONE),
        virtualNetworkSubnetIds: privateEndpoints ? undefined : [appSubnet.id, functionsSubnet.id],
        geoRedundantBackup: production,
        diagnosticSettings,
        ...protect,
      });
      if (!privateEndpoints) publicByTable(sql, 'AZ-SQL-002');
      if (!privateEndpoints) Policy.suppressCheckov(sql, 'CKV2_AZURE_45', 'settings table: private endpoints off in this environment; SQL allows only VNet rules for the app and functions subnets');
      Policy.suppressCheckov(sql, 'CKV2_AZURE_2', 'express vulnerability assessment is on; the classic storage-account assessment this check looks for is superseded');
      Policy.suppressCheckov(sql, 'CKV_AZURE_24', "audit events go to Log Analytics, whose retention is the settings table's; storage retention does not apply");
      Policy.suppressCheckov(sql, 'CKV_AZURE_224', 'ledger tables are for tamper-evidence requirements the seed does not have (ledger cannot be turned off once on)');
      if (/^(Basic|S\d+)$/.test(tiers.sqlDatabaseSku)) Policy.suppressCheckov(sql, 'CKV_AZURE_229', `the table's ${tiers.sqlDatabaseSku} database is a DTU tier without zone redundancy`);
      this.output('sql_server_fqdn', sql.fullyQualifiedDomainName, 'Azure SQL server host (Entra ID authentication)');
      sql.metricDtuConsumption('platform').createAlarm(this, 'AlertSqlDtu', { nameQualifier: 'sql-dtu', threshold: 80, windowSize: 'PT15M', actionGroups: [oncall] });
    }
    if (ff.enableCosmosDb) {
      const cosmos = new CosmosAccount(this, 'Cosmos', { privateEndpoints: onData(PRIVATE_DNS_ZONES.cosmosSql), virtualNetworkSubnetIds: privateEndpoints ? undefined : [appSubnet.id, functionsSubnet.id], diagnosticSettings, ...protect });
      if (!privateEndpoints) publicByTable(cosmos, 'AZ-COSMOS-001');
      Policy.suppressCheckov(cosmos, 'CKV_AZURE_100', 'Cosmos DB for testing (feature flag on in dev only) with Microsoft-managed keys');
      this.output('cosmos_endpoint', cosmos.endpoint, 'Cosmos DB account endpoint');
    }
    if (ff.enableRedis) {
      const cache = new RedisCache(this, 'Cache', { sku: tiers.redisSku, capacity: tiers.redisCapacity, privateEndpoints: privateEndpoints ? pe.endpoint(PRIVATE_DNS_ZONES.redis) : undefined, diagnosticSettings });
      if (!privateEndpoints) publicByTable(cache, 'AZ-REDIS-002');
      if (tiers.redisSku === 'Basic') Policy.suppressCheckov(cache, 'CKV_AZURE_230', 'Basic Redis (no replica) outside prod for cost; prod is Standard, replicated');
      this.output('redis_hostname', cache.hostname, 'Azure Cache for Redis host');
    }

    // ---- 6. Messaging: Service Bus queues, topics and subscriptions, dead-lettering everywhere
    let bus: ServiceBusNamespace | undefined;
    if (ff.enableServiceBus) {
      bus = new ServiceBusNamespace(this, 'Bus', {
        sku: tiers.serviceBusSku,
        capacity: tiers.serviceBusSku === 'Premium' ? tiers.serviceBusCapacity : undefined,
        queues: QUEUES.map((name) => ({ name, maxDeliveryCount: 10 })),
        topics: TOPICS.map((name) => ({ name })),
        subscriptions: TOPICS.map((topic) => ({ name: 'topic-worker', topic })),
        privateEndpoints: privateEndpoints ? peIntegration.endpoint(PRIVATE_DNS_ZONES.serviceBus) : undefined,
        diagnosticSettings,
        ...protect,
      });
      if (!privateEndpoints) publicByTable(bus, 'AZ-SB-002');
      Policy.suppressCheckov(bus, 'CKV_AZURE_201', 'Service Bus uses Microsoft-managed keys; a customer-managed key needs a Key Vault key the seed does not ask for');
      Policy.suppressCheckov(bus, 'CKV_AZURE_199', 'double encryption comes with a customer-managed key, which the seed does not ask for');
      this.serviceBus = bus;
      this.output('service_bus_namespace', bus.fullyQualifiedNamespace, 'Service Bus namespace (fully qualified)');
      bus.metricDeadLetteredMessages('*').createAlarm(this, 'AlertDeadLetters', { nameQualifier: 'dead-letters', threshold: 0, actionGroups: [oncall] });
    }

    // ---- 7. Functions: host and ETL staging storage, the table's plan, four VNet-integrated workers
    if (ff.enableFunctions && bus) {
      const storageNetwork = privateEndpoints
        ? { privateEndpoints: pe.endpoint(PRIVATE_DNS_ZONES.blob) }
        : { publicNetworkAccess: true, networkRules: { virtualNetworkSubnetIds: [functionsSubnet.id] } };
      const hostStorage = new StorageAccount(this, 'FunctionsStorage', { nameQualifier: 'func', ...storageNetwork, diagnosticSettings, ...protect });
      const etlStorage = new StorageAccount(this, 'EtlStaging', {
        nameQualifier: 'etl',
        containers: ['staging'],
        lifecycleRules: [{ name: 'staging-30d', prefixes: ['staging/'], deleteAfterDays: 30 }],
        ...(privateEndpoints ? { privateEndpoints: pe.endpoint(PRIVATE_DNS_ZONES.blob) } : { publicNetworkAccess: true, networkRules: { virtualNetworkSubnetIds: [functionsSubnet.id] } }),
        diagnosticSettings,
        ...protect,
      });
      for (const account of [hostStorage, etlStorage]) {
        if (!privateEndpoints) publicByTable(account, 'AZ-ST-005');
        if (!privateEndpoints) Policy.suppressCheckov(account, 'CKV2_AZURE_33', "settings table: private endpoints off in this environment; storage is default-Deny, reached from the functions subnet's service endpoint");
        Policy.suppressCheckov(account, 'CKV2_AZURE_1', 'Microsoft-managed keys plus infrastructure encryption; the seed asks for no customer-managed key');
        if (!production) Policy.suppressCheckov(account, 'CKV_AZURE_206', 'locally redundant outside prod for cost (prod is geo-redundant)');
      }
      // Elastic Premium hosts the four workers on one plan; Flex Consumption has one plan per app.
      const sharedPlan = tiers.functionsPlan === 'ElasticPremium' ? new FunctionsPlan(this, 'FunctionsPlan', { hosting: 'ElasticPremium', premiumSku: tiers.functionsPremiumSku }) : undefined;
      const planExceptions = (plan: FunctionsPlan) => {
        const flex = tiers.functionsPlan !== 'ElasticPremium';
        Policy.suppressCheckov(plan, 'CKV_AZURE_212', flex ? 'Flex Consumption plans have no instance count (they scale from zero per app)' : 'Elastic Premium keeps one always-ready instance and bursts to 20');
        Policy.suppressCheckov(plan, 'CKV_AZURE_225', flex ? 'Flex Consumption plans have no zone setting' : 'Elastic Premium zone redundancy needs 3 always-on instances the seed does not budget');
        return plan;
      };
      if (sharedPlan) planExceptions(sharedPlan);
      const connections = [{ name: 'ServiceBusConnection', fullyQualifiedNamespace: bus.fullyQualifiedNamespace }];
      const worker = (name: (typeof WORKERS)[number], appSettings: Record<string, string>) => {
        const plan = sharedPlan ?? planExceptions(new FunctionsPlan(this, `FunctionsPlan-${name}`, { hosting: tiers.functionsPlan, nameQualifier: name }));
        const app = new FunctionApp(this, `Function-${name}`, {
          nameQualifier: name,
          plan,
          storage: hostStorage,
          virtualNetworkSubnetId: functionsSubnet.id,
          connections,
          applicationInsightsConnectionString: insights.connectionString,
          appSettings,
          privateEndpoints: privateEndpoints ? peIntegration.endpoint(ZONE_FOR_WEB_APPS) : undefined,
          diagnosticSettings,
        });
        if (tiers.functionsPlan === 'ElasticPremium') {
          // Queue- and timer-triggered workers: no HTTP trigger, reached only by the platform over a private endpoint.
          const why = 'queue/timer-triggered worker with no HTTP endpoint for callers';
          Policy.suppress(app, 'AZ-APP-008', `${why}: no user sign-in for Easy Auth to protect`);
          Policy.suppress(app, 'AZ-APP-009', `${why}: no caller to present a client certificate`);
          Policy.suppress(app, 'AZ-APP-012', `${why}: the Functions host is monitored through Application Insights, not a health-check path`);
        }
        this.functions[name] = app;
        return app;
      };
      const queueWorker = worker('queue-worker', { ORDERS_QUEUE: 'orders-queue' });
      bus.grantReceive(queueWorker.principalId, 'orders-queue');
      bus.grantSend(queueWorker.principalId, 'notifications-topic');
      const topicWorker = worker('topic-worker', { EVENTS_TOPIC: 'events-topic', NOTIFICATIONS_TOPIC: 'notifications-topic', SUBSCRIPTION: 'topic-worker' });
      for (const t of TOPICS) bus.grantReceive(topicWorker.principalId, t);
      // The ETL runs on a timer (`%ETL_SCHEDULE%`) and on etl-queue messages, staging data in blob storage.
      const etl = worker('etl-processor', { ETL_QUEUE: 'etl-queue', ETL_SCHEDULE: settings.etl.schedule, ETL_STAGING_ACCOUNT: etlStorage.name, ETL_STAGING_CONTAINER: 'staging' });
      bus.grantReceive(etl.principalId, 'etl-queue');
      etlStorage.grantBlobWrite(etl.principalId);
      const thirdParty = worker('thirdparty-sync', { THIRDPARTY_QUEUE: 'thirdparty-queue' });
      bus.grantReceive(thirdParty.principalId, 'thirdparty-queue');
      vault.grantSecretsRead(thirdParty.principalId);

      insights
        .metricFailedRequests()
        .with({ dimensions: [dimension('cloud/roleName', ...Object.values(this.functions).map((f) => f.name))] })
        .createAlarm(this, 'AlertFunctionFailures', { nameQualifier: 'function-failures', threshold: 5, actionGroups: [oncall] });

      if (ff.enableDataFactory) {
        const adf = new DataFactory(this, 'DataFactory', { diagnosticSettings });
        Policy.suppressCheckov(adf, 'CKV2_AZURE_15', 'Data Factory for testing (feature flag on in dev only) with Microsoft-managed keys');
        Policy.suppressCheckov(adf, 'CKV_AZURE_103', 'the seed has no ADF pipelines to keep in Git yet');
        etlStorage.grantBlobWrite(adf.principalId);
      }
    }

    // ---- 8. Microservices: internal Container Apps environment in the app subnet, KEDA scaling
    if (ff.enableContainerApps) {
      const environment = new ContainerAppsEnvironment(this, 'Apps', { logAnalytics: logs, subnet: appSubnet, internal: true, privateDnsLinks: [vnet], zoneRedundant: production, diagnosticSettings });
      const ms = settings.microservices;
      for (const svc of MICROSERVICES) {
        const ordersQueue = svc === 'orders' && bus ? { namespace: bus, queueName: 'orders-queue', messageCount: ms.ordersQueueMessagesPerReplica } : undefined;
        const app = new ContainerApp(this, `Service-${svc}`, {
          // Container app names allow 32 characters: the CAF name would cut the service name off.
          name: `ca-${svc}-api-${settings.environment}`,
          nameQualifier: svc,
          environment,
          image: ms.images[svc],
          // Reachable in the VNet (from the gateway subnet only), never from the internet.
          ingress: { targetPort: ms.targetPort, external: true, allowedIpRanges: ff.enableApiManagement ? [net.subnets.gateway] : [net.vnetCidr] },
          minReplicas: ordersQueue ? 0 : ms.minReplicas,
          maxReplicas: ms.maxReplicas,
          scale: { httpConcurrency: ms.httpConcurrency, serviceBus: ordersQueue },
          env: { SERVICE_NAME: `${svc}-api`, SERVICE_BUS_NAMESPACE: bus?.fullyQualifiedNamespace ?? '' },
        });
        this.microservices[svc] = app;
        if (bus) {
          if (svc === 'orders') {
            bus.grantSend(app.principalId, 'orders-queue');
            bus.grantManage(app.principalId, 'orders-queue');
          }
          bus.grantSend(app.principalId, 'events-topic');
          if (svc === 'users' || svc === 'payments') bus.grantSend(app.principalId, 'notifications-topic');
        }
      }
    }

    // ---- 9. Gateway: API Management (table's tier), one API per microservice, product with subscription key
    if (ff.enableApiManagement) {
      const password = vault.addGeneratedSecret('apim-basic-auth-password', { length: 32, overrideSpecial: '-_' });
      const header = vault.addSecret('apim-basic-auth-header', `Basic ${Fn.base64encode(`platform:${password.password!.result}`)}`);
      const gw = new ApiManagement(this, 'Gateway', {
        sku: tiers.apiManagementSku,
        publisherName: settings.gateway.publisherName,
        publisherEmail: settings.gateway.publisherEmail,
        subnetId: gatewaySubnet.id,
        apis: MICROSERVICES.map((svc) => ({ name: `${svc}-api`, path: svc, backendUrl: `https://${this.microservices[svc].fqdn}` })),
        policies: {
          rateLimitCallsPerMinute: settings.gateway.rateLimitCallsPerMinute,
          cacheDurationSeconds: settings.gateway.cacheDurationSeconds,
          basicAuthSecretId: header.versionlessId,
          allowedIpRanges: settings.gateway.allowedIpRanges,
        },
        diagnosticSettings,
      });
      vault.grantSecretsRead(gw.principalId);
      Policy.suppressCheckov(gw, 'CKV_AZURE_174', "API Management is the seed's public entry point (Internet → APIM with API key + basic auth); backends stay private");
      this.gateway = gw;
      this.output('api_gateway_url', gw.gatewayUrl, 'API Management gateway URL (one API per microservice)');
      gw.metricRequests('5xx').createAlarm(this, 'AlertGateway5xx', { nameQualifier: 'gateway-5xx', threshold: 10, severity: 1, actionGroups: [oncall] });
    }

    // ---- 10. Frontend: the React SPA on Static Web Apps in two regions; Front Door + WAF + custom domain where CDN is on
    const spas = [settings.location, settings.secondaryLocation].map((location, i) => new StaticWebApp(this, `Spa${i}`, { location, nameQualifier: i === 0 ? 'primary' : 'secondary' }));
    if (ff.enableCdn) {
      const cdn = new FrontDoor(this, 'Cdn', {
        sku: tiers.frontDoorSku,
        origins: spas.map((s) => ({ hostName: s.defaultHostName })),
        healthProbe: { path: '/' },
        waf: { rateLimitPerMinute: settings.frontend.wafRateLimitPerMinute },
        diagnosticSettings,
      });
      const zone = new DnsZone(this, 'Dns', { zoneName: settings.frontend.dnsZone });
      new FrontDoorCustomDomain(this, 'CustomDomain', { frontDoor: cdn, zone, hostName: settings.frontend.customDomain });
      this.output('front_door_hostname', cdn.endpointHostName, 'Front Door endpoint in front of the SPA');
      this.output('custom_domain', settings.frontend.customDomain, 'Custom domain of the SPA (on Front Door)');
      this.output('dns_zone_name_servers', zone.nameServers, 'Name servers to delegate the DNS zone to');
    }

    new Workbook(this, 'Workbook', {
      displayName: `serverless-platform ${settings.environment}`,
      sourceId: logs.id,
      queries: [
        { title: 'Failed requests by service', query: 'AppRequests | where Success == false | summarize count() by AppRoleName, bin(TimeGenerated, 5m)', visualization: 'timechart' },
        { title: 'Request latency (p95)', query: 'AppRequests | summarize percentile(DurationMs, 95) by AppRoleName, bin(TimeGenerated, 5m)', visualization: 'timechart' },
        { title: 'Exceptions', query: 'AppExceptions | summarize count() by AppRoleName, ProblemId | top 20 by count_' },
        { title: 'Dead-lettered messages', query: "AzureMetrics | where MetricName == 'DeadletteredMessages' | summarize max(Maximum) by bin(TimeGenerated, 5m)", visualization: 'timechart' },
      ],
    });

    // --- outputs: where the user goes next (no secrets; the layers above add theirs)
    this.output('static_web_app_hostnames', spas.map((s) => s.defaultHostName), 'Default hostnames of the SPA (primary, secondary region)');
    this.output('key_vault_uri', vault.vaultUri, 'Key Vault of the platform secrets');
  }
}

/** Adds `serverless-platform-dev`, `-qa`, `-staging` and `-prod`. */
export function addServerlessPlatformStacks(app: App): ServerlessPlatformStack[] {
  return SERVERLESS_PLATFORM_ENVIRONMENTS.map((env) => new ServerlessPlatformStack(app, `serverless-platform-${env}`, serverlessPlatformConfig(env)));
}
