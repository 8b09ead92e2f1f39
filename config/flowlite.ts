import { z } from 'zod';
import { MYSQL_SKU, MYSQL_VERSIONS } from '../lib/azure/database/mysql-flexible-server';
import { WAF_MANAGED_RULE_SETS } from '../lib/azure/gateway/waf-policy';
import { backendSchema, cidr, email, loadConfig, merge, stageSchema } from '../lib/core/config';
import { azureBackend } from './azure-backend';

/*
 * Flowlite Personal Finance (seed 000). Every value says which seed line it comes from
 * ("seed: <section> · <line>"); "added:" marks what the seed does not say and a deployment needs.
 */

const app = z.object({
  /** Image in ACR (`<name>:<tag>`). */
  image: z.string().min(1),
  /** seed: diagrama · "Port: 8000" / 8001 / 8003 / 8002. */
  port: z.number().int().min(1).max(65535),
  /** Paths the Application Gateway routes to the app (added: the seed names the services, not their paths). */
  paths: z.array(z.string().startsWith('/')),
  /** Liveness / readiness paths (seed: "Health Probes: Liveness y Readiness checks en todos los servicios"). */
  livenessPath: z.string().startsWith('/'),
  readinessPath: z.string().startsWith('/'),
  cpu: z.number().positive(),
});

export const flowliteSchema = z
  .object({
    /** seed: "Estimación de Costos (Región: East US)". */
    location: z.string().min(1),
    subscriptionId: z.guid().optional(),
    tenantId: z.guid().optional(),
    backend: backendSchema,
    /** Protection of stateful resources (locks, purge protection); a typed stage, never inferred from the name. */
    stage: stageSchema(),
    network: z.object({
      addressSpace: cidr(),
      /** added: Application Gateway v2 needs a dedicated subnet ("RED PÚBLICA (DMZ)"). */
      gatewaySubnet: cidr(),
      /** seed: "SUBNET: API Services (10.0.1.0/24)". */
      apiSubnet: cidr(),
      /** seed: "SUBNET: Internal Services (10.0.2.0/24)". */
      internalSubnet: cidr(),
      /** seed: "SUBNET: Data Layer (10.0.3.0/24)". */
      dataSubnet: cidr(),
      /** added: private endpoints of the support services (Key Vault, ACR, Storage, Azure OpenAI). */
      privateEndpointSubnet: cidr(),
      /** added: the Ollama GPU VM (a Container Apps subnet can hold nothing else). */
      llmSubnet: cidr(),
      /** seed: "DDoS Protection Standard" (prod only: the plan costs ~USD 2,944/month). */
      ddosProtection: z.boolean(),
      /** seed: "NAT Gateway: Salida a Internet (para servicios privados)"; idle timeout is added. */
      natIdleTimeoutMinutes: z.number().int().min(4).max(120),
    }),
    gateway: z.object({
      /** seed: "Application Gateway | WAF V2 (1 instancia)": minimum instances. */
      minCapacity: z.number().int().min(0).max(125),
      maxCapacity: z.number().int().min(2).max(125),
      /** seed: "Multi-AZ Deployment" / "SLA Target: 99.9% uptime". */
      zones: z.array(z.enum(['1', '2', '3'])),
      /** seed: "Protección contra OWASP Top 10". */
      managedRuleSet: z.enum(Object.keys(WAF_MANAGED_RULE_SETS) as [keyof typeof WAF_MANAGED_RULE_SETS]),
      /** seed: "Rate Limiting: Límites por IP y por endpoint": requests per client IP per minute. */
      rateLimitPerMinute: z.number().int().min(10),
      /** seed: "Límites ... por endpoint": a stricter limit on uploads. */
      uploadRateLimitPerMinute: z.number().int().min(10),
      /** seed: "SSL/TLS Termination: Certificados gestionados": host name of the listener certificate. */
      hostName: z.string().min(1),
      /** Key Vault issuer of the certificate: `Self` (self-signed) for a fresh deploy, or a configured CA issuer. */
      certificateIssuer: z.string().min(1),
    }),
    containerApps: z.object({
      /** seed: "Multi-AZ Deployment" (prod). */
      zoneRedundant: z.boolean(),
      /** seed: "HPA: 2-10 replicas". */
      apiMinReplicas: z.number().int().min(0),
      apiMaxReplicas: z.number().int().min(1),
      /** seed: "Métricas: CPU > 70%, Memory > 80%, Request Rate". */
      cpuPercent: z.number().int().min(1).max(100),
      memoryPercent: z.number().int().min(1).max(100),
      /** seed "Request Rate" as concurrent requests per replica (added value). */
      httpConcurrency: z.number().int().min(1),
      /** seed: "InsightService: 1-5 replicas según volumen de mensajes". */
      insightMinReplicas: z.number().int().min(0),
      insightMaxReplicas: z.number().int().min(1),
      /** Messages per InsightService replica (added value). */
      insightMessagesPerReplica: z.number().int().min(1),
      identity: app,
      upload: app,
      data: app,
      insight: app,
    }),
    /** seed: "Ollama LLM Server (llama3.1:8b) Port: 11434 GPU VM (Standard_NC)"; prod only. */
    ollama: z.object({
      enabled: z.boolean(),
      /** seed "Standard_NC6s_v3" is retired: Standard_NC4as_T4_v3 (T4 16 GB holds llama3.1:8b at Q4). */
      size: z.string().min(1),
      model: z.string().min(1),
      port: z.number().int(),
      /** Data disk holding the models (added). */
      modelDiskGb: z.number().int().min(32),
      zone: z.enum(['1', '2', '3']).optional(),
      /** Administrator's OpenSSH public key (not a secret); Entra ID login is on as well. */
      sshPublicKey: z.string().min(1),
    }),
    /** seed: "Ollama VM → Azure OpenAI Pay-as-you-go" (dev). */
    openAi: z.object({
      enabled: z.boolean(),
      deployment: z.string().min(1),
      model: z.string().min(1),
      version: z.string().min(1),
      /** Thousands of tokens per minute. */
      capacity: z.number().int().min(1),
    }),
    mysql: z.object({
      version: z.enum(MYSQL_VERSIONS),
      /** seed: "Flexible B2s" (prod cost line) / "Burstable B1ms" (dev). */
      sku: z.string().regex(MYSQL_SKU, 'must be a MySQL flexible server SKU'),
      storageGb: z.number().int().min(20),
      /** seed: "Backups automatizados: Retención 30 días". */
      backupRetentionDays: z.number().int().min(1).max(35),
      /** added: backups copied to the paired region in prod (the seed: "Backups automatizados"). */
      geoRedundantBackup: z.boolean(),
      /** seed: "Database HA: Zone-redundant deployment". */
      highAvailability: z.enum(['Disabled', 'SameZone', 'ZoneRedundant']),
      /** seed: "Read Replicas para consultas de DataService". */
      readReplica: z.boolean(),
      /** seed: "Database: flowlite_db". */
      databaseName: z.string().regex(/^[A-Za-z0-9_]{1,64}$/),
      /**
       * Entra ID administrator: its login (display name / UPN) and object id; without an object id, the principal
       * running Terraform. Set both to your DBA group. The server's identity needs Microsoft Graph User.Read.All,
       * GroupMember.Read.All and Application.Read.All (or Directory Readers) before the admin can be set.
       */
      entraAdmin: z.object({ login: z.string().min(1), objectId: z.guid().optional() }),
    }),
    redis: z.object({
      /** seed: "Azure Cache for Redis (Premium Tier)" / dev "Standard C1". */
      sku: z.enum(['Basic', 'Standard', 'Premium']),
      /** seed: "Premium P1 (6GB)" / "Standard C1". */
      capacity: z.number().int().min(0).max(6),
      /** seed: "Clustering habilitado (99.95% SLA)". */
      shardCount: z.number().int().min(1).max(10).optional(),
      zones: z.array(z.enum(['1', '2', '3'])),
    }),
    serviceBus: z.object({
      /** seed: "Azure Service Bus (Premium Tier)" / dev "Standard Tier". */
      sku: z.enum(['Basic', 'Standard', 'Premium']),
      /** seed: "Premium (1 MU)". */
      capacity: z.number().int().min(0).max(16),
      /** seed: "Queue: batch_processed". */
      queueName: z.string().min(1),
      /** seed: "Dead Letter Queue Enabled": after this many deliveries a message goes to the DLQ (added value). */
      maxDeliveryCount: z.number().int().min(1).max(2000),
      /** Message time to live (added value); expired messages are dead-lettered. */
      messageTtl: z.string().regex(/^P/),
    }),
    storage: z.object({
      /** seed: "Storage Account | Standard LRS" (dev); prod keeps its backups geo-zone-redundant (GZRS). */
      replication: z.enum(['LRS', 'ZRS', 'GRS', 'GZRS']),
      /** seed: "Backups, archivos Excel procesados". */
      excelContainer: z.string().min(3),
      backupsContainer: z.string().min(3),
      /** Processed Excel files move to cool storage after this many days (added). */
      excelCoolAfterDays: z.number().int().min(1),
      /** seed: "Retención 30 días" for backups. */
      backupsRetentionDays: z.number().int().min(1),
      /** Private endpoint (the issue asks it in prod; dev has one too, it costs cents and keeps the account private). */
      privateEndpoint: z.boolean(),
    }),
    registry: z.object({
      /** seed: "Azure Container Registry | Basic"; prod Premium for the private endpoint. */
      sku: z.enum(['Basic', 'Standard', 'Premium']),
    }),
    keyVault: z.object({
      /** seed: "Key Vault | Standard". */
      sku: z.enum(['standard', 'premium']),
      purgeProtection: z.boolean(),
      softDeleteRetentionDays: z.number().int().min(7).max(90),
      /**
       * How Terraform reaches the vault's data plane (it writes the generated secrets and issues the certificate):
       * `runsInsideVnet` (a runner in the VNet or peered to it, through the private endpoint; the default), or the
       * public IPs it runs from (`ipRanges`: the public endpoint opens for those addresses only).
       * The deployer gets Key Vault Secrets Officer and Certificates Officer on the vault.
       */
      deployer: z.object({ runsInsideVnet: z.boolean(), ipRanges: z.array(z.string()) }),
    }),
    monitoring: z.object({
      logRetentionDays: z.number().int().min(30).max(730),
      /** seed: "Alertas automatizadas (CPU, Memory, Errors)": who gets them. */
      alertEmails: z.array(email()).min(1),
      /** Gateway 5xx responses per 5 minutes before paging (added value). */
      gateway5xxPer5Minutes: z.number().int().min(1),
      /** seed "Database Connection Pool": active connections before alerting (added value, below the SKU's max_connections). */
      mysqlConnectionsAbove: z.number().int().min(1),
      /** seed "Queue Length (Service Bus)": active messages before alerting (added value). */
      queueLengthAbove: z.number().int().min(1),
    }),
  })
  .superRefine((c, ctx) => {
    if (c.mysql.highAvailability !== 'Disabled' && c.mysql.sku.startsWith('B_')) {
      ctx.addIssue({ code: 'custom', path: ['mysql', 'highAvailability'], message: `${c.mysql.highAvailability} high availability needs a General Purpose or Business Critical SKU (got ${c.mysql.sku})` });
    }
    if (c.ollama.enabled === c.openAi.enabled) {
      ctx.addIssue({ code: 'custom', path: ['ollama', 'enabled'], message: 'exactly one of ollama and openAi must be enabled (the seed: Ollama VM, or Azure OpenAI instead)' });
    }
    if (c.containerApps.apiMinReplicas > c.containerApps.apiMaxReplicas || c.containerApps.insightMinReplicas > c.containerApps.insightMaxReplicas) {
      ctx.addIssue({ code: 'custom', path: ['containerApps'], message: 'min replicas must not exceed max replicas' });
    }
  });
export type FlowliteConfig = z.infer<typeof flowliteSchema>;

const service = (image: string, port: number, paths: string[]) => ({ image, port, paths, livenessPath: '/health/live', readinessPath: '/health/ready', cpu: 0.5 });

/** dev: the seed's "Opción Económica (Dev/Staging)". */
const dev: FlowliteConfig = {
  location: 'eastus',
  backend: azureBackend,
  stage: 'non-production',
  network: {
    addressSpace: '10.0.0.0/16',
    gatewaySubnet: '10.0.0.0/24',
    apiSubnet: '10.0.1.0/24',
    internalSubnet: '10.0.2.0/24',
    dataSubnet: '10.0.3.0/24',
    privateEndpointSubnet: '10.0.4.0/24',
    llmSubnet: '10.0.5.0/24',
    ddosProtection: false,
    natIdleTimeoutMinutes: 4,
  },
  gateway: {
    minCapacity: 1,
    maxCapacity: 2,
    zones: [],
    managedRuleSet: 'DRS-2.1',
    rateLimitPerMinute: 600,
    uploadRateLimitPerMinute: 60,
    hostName: 'dev.flowlite.example.com',
    certificateIssuer: 'Self',
  },
  containerApps: {
    zoneRedundant: false,
    apiMinReplicas: 2,
    apiMaxReplicas: 10,
    cpuPercent: 70,
    memoryPercent: 80,
    httpConcurrency: 50,
    insightMinReplicas: 1,
    insightMaxReplicas: 5,
    insightMessagesPerReplica: 10,
    // seed: IdentityService Java/Spring 8000 (JWT Auth, User Mgmt, OAuth2)
    identity: { ...service('identity-service:latest', 8000, ['/auth/*', '/users/*', '/oauth2/*']), cpu: 1 },
    // seed: UploadService Python/FastAPI 8001 (File Upload, Classification)
    upload: service('upload-service:latest', 8001, ['/upload/*', '/files/*']),
    // seed: DataService Python/FastAPI 8003 (Transactions, Insights, Dashboard)
    data: service('data-service:latest', 8003, ['/transactions/*', '/insights/*', '/dashboard/*']),
    // seed: InsightService Python/FastAPI 8002 (RabbitMQ consumer → Service Bus, AI insights)
    insight: service('insight-service:latest', 8002, []),
  },
  ollama: {
    enabled: false,
    size: 'Standard_NC4as_T4_v3',
    model: 'llama3.1:8b',
    port: 11434,
    modelDiskGb: 128,
    sshPublicKey: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAiQBz21V0En7QFRTKIbK2h2/rTyO72I1cVJkmInU9zI flowlite-placeholder',
  },
  openAi: { enabled: true, deployment: 'insights', model: 'gpt-4o-mini', version: '2024-07-18', capacity: 10 },
  mysql: {
    version: '8.0.21',
    sku: 'B_Standard_B1ms',
    storageGb: 20,
    backupRetentionDays: 7,
    geoRedundantBackup: false,
    highAvailability: 'Disabled',
    readReplica: false,
    databaseName: 'flowlite_db',
    entraAdmin: { login: 'flowlite-dba' },
  },
  redis: { sku: 'Standard', capacity: 1, zones: [] },
  serviceBus: { sku: 'Standard', capacity: 0, queueName: 'batch_processed', maxDeliveryCount: 10, messageTtl: 'P14D' },
  storage: { replication: 'LRS', excelContainer: 'processed-excel', backupsContainer: 'backups', excelCoolAfterDays: 30, backupsRetentionDays: 30, privateEndpoint: true },
  registry: { sku: 'Basic' },
  // Purge protection in every environment: the provider recovers a soft-deleted vault on the next apply.
  keyVault: { sku: 'standard', purgeProtection: true, softDeleteRetentionDays: 7, deployer: { runsInsideVnet: true, ipRanges: [] } },
  monitoring: { logRetentionDays: 30, alertEmails: ['ops@flowlite.example.com'], gateway5xxPer5Minutes: 10, mysqlConnectionsAbove: 120, queueLengthAbove: 500 },
};

/** prod: the seed's main design. */
const prod: FlowliteConfig = merge(dev, {
  stage: 'production',
  network: { ddosProtection: true },
  // seed: 1 instance; prod ≥ 2 across zones for the 99.9 % SLA.
  gateway: { minCapacity: 2, maxCapacity: 10, zones: ['1', '2', '3'], hostName: 'api.flowlite.example.com' },
  containerApps: { zoneRedundant: true },
  ollama: { enabled: true, zone: '1' },
  openAi: { enabled: false },
  // seed cost line "Flexible B2s" cannot do zone-redundant HA: General Purpose D2ds_v4 (2 vCPU, 8 GB) instead.
  mysql: { sku: 'GP_Standard_D2ds_v4', storageGb: 64, backupRetentionDays: 30, geoRedundantBackup: true, highAvailability: 'ZoneRedundant', readReplica: true },
  redis: { sku: 'Premium', capacity: 1, shardCount: 1, zones: ['1', '2', '3'] },
  serviceBus: { sku: 'Premium', capacity: 1 },
  storage: { replication: 'GZRS' },
  registry: { sku: 'Premium' },
  keyVault: { softDeleteRetentionDays: 90 },
  monitoring: { logRetentionDays: 90, mysqlConnectionsAbove: 300 },
});

export const FLOWLITE_ENVIRONMENTS: Record<string, unknown> = { dev, prod };

/** The validated configuration of one environment (`dev` or `prod`). */
export function flowliteConfig(environment: string): FlowliteConfig {
  return loadConfig('flowlite', flowliteSchema, FLOWLITE_ENVIRONMENTS, environment);
}
