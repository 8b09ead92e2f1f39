import { ContainerApp as ContainerAppResource, ContainerAppTemplateCustomScaleRule } from '@cdktf/provider-azurerm/lib/container-app';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { ResourceGroupTemplateDeployment } from '@cdktf/provider-azurerm/lib/resource-group-template-deployment';
import { Fn, Token } from 'cdktf';
import { Construct } from 'constructs';
import { Rule, validateProps, requireProps, isPort, intInRange } from '../../core/validation';
import { AppliedAvmInterfaces, applyAvmInterfaces, AvmCommonProps, PrincipalType } from '../core/interfaces';
import { AzureResourceProps, resolvePlacement } from '../core/placement';
import { IManagedIdentity, ManagedIdentity } from '../security/managed-identity';
import { ContainerAppsEnvironment } from './container-apps-environment';

/** A registry the app pulls from with its identity (a `ContainerRegistry`). */
export interface IPullRegistry {
  /** `<name>.azurecr.io`. */
  readonly loginServer: string;
  /** Gives `principalId` AcrPull on the registry. */
  grantPull(principalId: string, principalType?: PrincipalType): RoleAssignment;
}

/** A Key Vault whose secrets the app reads (a `KeyVault`). */
export interface ISecretVault {
  /** Gives `principalId` Key Vault Secrets User on the vault. */
  grantSecretsRead(principalId: string, principalType?: PrincipalType): RoleAssignment;
}

/** A Key Vault secret (a `VaultSecret`). */
export interface IVaultSecretRef {
  readonly name: string;
  /** Versionless URI: the app follows the latest version. */
  readonly versionlessId: string;
}

/** Environment variables read from Key Vault through the app's identity. */
export interface KeyVaultSecretsSpec {
  /** The vault; the app's identity gets Key Vault Secrets User on it. */
  readonly vault: ISecretVault;
  /** Environment variable → secret, e.g. `{ DB_PASSWORD: vault.addGeneratedSecret('db') }`. */
  readonly env: Record<string, IVaultSecretRef>;
}

/** HTTP ingress of the app. */
export interface ContainerAppIngressSpec {
  /** Port the container listens on. */
  readonly targetPort: number;
  /**
   * Reachable from outside the environment: the internet for an external environment, the virtual network for an
   * internal one. Without it only apps of the same environment reach this one.
   * @default false
   */
  readonly external?: boolean;
  /**
   * `auto`, `http`, `http2` or `tcp`.
   * @default 'auto'
   */
  readonly transport?: 'auto' | 'http' | 'http2' | 'tcp';
  /**
   * Source IP ranges allowed in; everything else is denied.
   * @default no restriction (the network decides)
   */
  readonly allowedIpRanges?: string[];
}

/** A liveness, readiness or startup probe. */
export interface ProbeSpec {
  /**
   * HTTP path (HTTP/HTTPS probes).
   * @default none: a TCP probe
   */
  readonly path?: string;
  /**
   * Port probed.
   * @default the ingress target port
   */
  readonly port?: number;
  /**
   * Seconds before the first probe, 0-60.
   * @default 10
   */
  readonly initialDelaySeconds?: number;
  /**
   * Seconds between probes, 1-240.
   * @default 10
   */
  readonly intervalSeconds?: number;
  /**
   * Failures before the replica is restarted (liveness) or taken out of rotation (readiness), 1-10.
   * @default 3
   */
  readonly failureThreshold?: number;
}

/** KEDA `azure-servicebus` scaling on queue length, authenticated with the app's managed identity. */
export interface ServiceBusScaleRuleSpec {
  /**
   * The namespace: its name, or an object that declares its queues (a `ServiceBusNamespace`);
   * with an object the queue is checked to exist.
   */
  readonly namespace: string | { readonly name: string; readonly queueNames?: readonly string[] };
  /** Queue whose active message count drives the replicas. */
  readonly queueName: string;
  /**
   * Messages per replica.
   * @default 5
   */
  readonly messageCount?: number;
  /**
   * Messages that wake the app from zero replicas.
   * @default 1
   */
  readonly activationMessageCount?: number;
}

/** Scale rules (KEDA); replicas follow the most demanding rule. */
export interface ScaleRulesSpec {
  /**
   * Average CPU utilization per replica (percent) above which replicas are added.
   * @default no CPU rule
   */
  readonly cpuPercent?: number;
  /**
   * Average memory utilization per replica (percent) above which replicas are added.
   * @default no memory rule
   */
  readonly memoryPercent?: number;
  /**
   * Concurrent HTTP requests per replica.
   * @default no HTTP rule
   */
  readonly httpConcurrency?: number;
  /**
   * Service Bus queue length rule.
   * @default none
   */
  readonly serviceBus?: ServiceBusScaleRuleSpec;
}

export interface ContainerAppProps extends AzureResourceProps, AvmCommonProps {
  readonly environment: ContainerAppsEnvironment;
  /** Image, e.g. `identity-service:1.0` (prefixed with the registry's login server) or a full reference. */
  readonly image: string;
  /**
   * Registry the image comes from, pulled with the app's identity (AcrPull granted here). No registry password.
   * @default none: a public image
   */
  readonly registry?: IPullRegistry;
  /**
   * User-assigned identity of the app (registry pulls, Key Vault references, scale rules, the app's own Azure calls).
   * @default a new identity `id-<workload>-<app>-<env>-<region>`
   */
  readonly identity?: IManagedIdentity;
  /**
   * Workload profile the app runs on.
   * @default 'Consumption'
   */
  readonly workloadProfileName?: string;
  /**
   * vCPUs per replica: 0.25-4 in steps of 0.25 on Consumption.
   * @default 0.5
   */
  readonly cpu?: number;
  /**
   * Memory per replica; on Consumption exactly twice the vCPUs in Gi (`1Gi` for 0.5 vCPU).
   * @default twice `cpu` in Gi
   */
  readonly memory?: string;
  /**
   * Plain environment variables. Names that look like secrets (PASSWORD, SECRET, TOKEN, KEY, CONNECTION_STRING) must
   * come from `keyVaultSecrets` instead.
   * @default none
   */
  readonly env?: Record<string, string>;
  /**
   * Environment variables read from Key Vault through the app's identity.
   * @default none
   */
  readonly keyVaultSecrets?: KeyVaultSecretsSpec;
  /**
   * HTTP ingress.
   * @default none: the app takes no inbound traffic (a queue consumer)
   */
  readonly ingress?: ContainerAppIngressSpec;
  /**
   * Liveness probe (a failing replica is restarted).
   * @default none
   */
  readonly liveness?: ProbeSpec;
  /**
   * Readiness probe (a failing replica gets no traffic).
   * @default none
   */
  readonly readiness?: ProbeSpec;
  /**
   * Minimum replicas, 0-1000.
   * @default 1
   */
  readonly minReplicas?: number;
  /**
   * Maximum replicas, 1-1000, at least `minReplicas`.
   * @default 10
   */
  readonly maxReplicas?: number;
  /**
   * Scale rules.
   * @default none: Container Apps' default HTTP rule (10 concurrent requests)
   */
  readonly scale?: ScaleRulesSpec;
  /**
   * Container command.
   * @default the image's entrypoint
   */
  readonly command?: string[];
}

const SECRET_LIKE = /(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CONNECTION_?STRING)/i;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const portOk = (n: number | undefined) => n === undefined || isPort(n);
const between = (n: number | undefined, lo: number, hi: number) => n === undefined || intInRange(n, lo, hi);
const cpuOf = (p: ContainerAppProps) => p.cpu ?? 0.5;
const profileOf = (p: ContainerAppProps) => p.workloadProfileName ?? 'Consumption';
const minOf = (p: ContainerAppProps) => p.minReplicas ?? 1;
const maxOf = (p: ContainerAppProps) => p.maxReplicas ?? 10;
const queueNamesOf = (s: ServiceBusScaleRuleSpec) => (typeof s.namespace === 'string' ? undefined : s.namespace.queueNames);
const probeBad = (pr: ProbeSpec | undefined) =>
  pr !== undefined &&
  !(portOk(pr.port) && between(pr.initialDelaySeconds, 0, 60) && between(pr.intervalSeconds, 1, 240) && between(pr.failureThreshold, 1, 10) && (pr.path === undefined || pr.path.startsWith('/')));

const RULES: Rule<ContainerAppProps>[] = [
  { rule: 'image must not be empty', check: (p) => (p.image.trim() === '' ? p.image : undefined) },
  {
    rule: (p) => `workloadProfileName must be a profile of the environment (${p.environment.workloadProfileNames.join(', ')})`,
    check: (p) => (p.environment.hasWorkloadProfile(profileOf(p)) ? undefined : profileOf(p)),
  },
  {
    rule: 'cpu must be 0.25-4 vCPUs in steps of 0.25 on the Consumption profile',
    check: (p) => (profileOf(p) === 'Consumption' && !(cpuOf(p) >= 0.25 && cpuOf(p) <= 4 && Number.isInteger(cpuOf(p) * 4)) ? cpuOf(p) : undefined),
  },
  {
    rule: (p) => `memory must be ${cpuOf(p) * 2}Gi for ${cpuOf(p)} vCPU on the Consumption profile`,
    check: (p) => (profileOf(p) === 'Consumption' && p.memory !== undefined && p.memory !== `${cpuOf(p) * 2}Gi` ? p.memory : undefined),
  },
  { rule: 'minReplicas must be an integer between 0 and 1000', check: (p) => (between(p.minReplicas, 0, 1000) ? undefined : p.minReplicas) },
  { rule: 'maxReplicas must be an integer between 1 and 1000', check: (p) => (between(p.maxReplicas, 1, 1000) ? undefined : p.maxReplicas) },
  { rule: 'maxReplicas must be at least minReplicas', check: (p) => (maxOf(p) < minOf(p) ? { minReplicas: minOf(p), maxReplicas: maxOf(p) } : undefined) },
  { rule: 'ingress targetPort must be 1-65535', check: (p) => (p.ingress && !portOk(p.ingress.targetPort) ? p.ingress.targetPort : undefined) },
  {
    rule: 'probes need a port 1-65535 (or an ingress), a path starting with /, initialDelaySeconds 0-60, intervalSeconds 1-240, failureThreshold 1-10',
    check: (p) => {
      for (const pr of [p.liveness, p.readiness]) {
        if (probeBad(pr) || (pr && pr.port === undefined && !p.ingress)) return pr;
      }
      return undefined;
    },
  },
  {
    rule: 'scale cpuPercent and memoryPercent must be integers between 1 and 100',
    check: (p) => [p.scale?.cpuPercent, p.scale?.memoryPercent].find((n) => n !== undefined && !between(n, 1, 100)),
  },
  { rule: 'scale httpConcurrency must be an integer of at least 1', check: (p) => (p.scale?.httpConcurrency !== undefined && !between(p.scale.httpConcurrency, 1, 1e6) ? p.scale.httpConcurrency : undefined) },
  { rule: 'scale httpConcurrency needs an ingress', check: (p) => (p.scale?.httpConcurrency !== undefined && !p.ingress ? p.scale.httpConcurrency : undefined) },
  {
    rule: (p) => `the Service Bus scale rule's queue must exist in the namespace (queues: ${(queueNamesOf(p.scale!.serviceBus!) ?? []).join(', ') || 'none'})`,
    check: (p) => {
      const sb = p.scale?.serviceBus;
      const known = sb ? queueNamesOf(sb) : undefined;
      return sb && known && !Token.isUnresolved(sb.queueName) && !known.includes(sb.queueName) ? sb.queueName : undefined;
    },
  },
  {
    rule: 'the Service Bus scale rule needs messageCount >= 1 and activationMessageCount >= 0',
    check: (p) => {
      const sb = p.scale?.serviceBus;
      return sb && (!between(sb.messageCount, 1, 1e6) || !between(sb.activationMessageCount, 0, 1e6)) ? sb : undefined;
    },
  },
  { rule: 'environment variable names must be letters, digits and underscores', check: (p) => [...Object.keys(p.env ?? {}), ...Object.keys(p.keyVaultSecrets?.env ?? {})].find((n) => !ENV_NAME.test(n)) },
  {
    rule: 'secret-looking environment variables must come from keyVaultSecrets, not plain env',
    check: (p) => Object.entries(p.env ?? {}).find(([k, v]) => SECRET_LIKE.test(k) && !Token.isUnresolved(v))?.[0],
  },
  {
    rule: 'an environment variable cannot be both plain and a Key Vault secret',
    check: (p) => Object.keys(p.env ?? {}).find((k) => (p.keyVaultSecrets?.env ?? {})[k] !== undefined),
  },
];

/** The ARM template of a container app whose every value is a parameter (see ContainerApp's Service Bus rule). */
const ARM_TEMPLATE = {
  $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
  contentVersion: '1.0.0.0',
  parameters: {
    name: { type: 'string' },
    location: { type: 'string' },
    identityId: { type: 'string' },
    tags: { type: 'object' },
    properties: { type: 'object' },
  },
  resources: [
    {
      type: 'Microsoft.App/containerApps',
      apiVersion: '2024-03-01',
      name: "[parameters('name')]",
      location: "[parameters('location')]",
      tags: "[parameters('tags')]",
      identity: { type: 'UserAssigned', userAssignedIdentities: { "[parameters('identityId')]": {} } },
      properties: "[parameters('properties')]",
    },
  ],
  outputs: {
    id: { type: 'string', value: "[resourceId('Microsoft.App/containerApps', parameters('name'))]" },
    fqdn: { type: 'string', value: "[if(empty(parameters('properties').configuration.ingress), '', reference(resourceId('Microsoft.App/containerApps', parameters('name')), '2024-03-01').configuration.ingress.fqdn)]" },
  },
};

const secretName = (envName: string) => envName.toLowerCase().replace(/_/g, '-');

/**
 * A container app on a {@link ContainerAppsEnvironment}: one container, a
 * user-assigned identity that pulls the image from ACR (AcrPull granted here,
 * no registry password) and reads Key Vault secrets (Key Vault Secrets User
 * granted here; the secrets are Key Vault references, never values),
 * internal-only ingress unless told, liveness/readiness probes, replica
 * bounds and KEDA scale rules (CPU, memory, HTTP concurrency, Service Bus
 * queue length with the identity).
 */
export class ContainerApp extends Construct {
  /**
   * The `azurerm_container_app`.
   * @default undefined for an app deployed through ARM (a Service Bus scale rule with identity auth)
   */
  public readonly resource?: ContainerAppResource;
  /**
   * The ARM deployment holding the app when the provider cannot express it.
   * @default undefined for a plain `azurerm_container_app`
   */
  public readonly deployment?: ResourceGroupTemplateDeployment;
  public readonly id: string;
  public readonly name: string;
  public readonly identity: IManagedIdentity;
  /** Object id of the app's identity (role assignments). */
  public readonly principalId: string;
  /** Stable FQDN of the app (`<app>.<environment domain>`); empty without ingress. */
  public readonly fqdn: string;
  public readonly targetPort?: number;
  public readonly interfaces: AppliedAvmInterfaces;

  constructor(scope: Construct, id: string, props: ContainerAppProps) {
    super(scope, id);
    requireProps(this, props, ['environment', 'image']);
    validateProps(this, props, RULES);
    const { stack, name, location, resourceGroupName } = resolvePlacement(this, 'containerApp', props, 'Microsoft.App');
    this.identity = props.identity ?? new ManagedIdentity(this, 'Identity', { name: stack.azureNaming.name('userAssignedIdentity', ...(props.nameQualifier ? [props.nameQualifier] : [])), location, resourceGroupName, tags: props.tags });
    this.principalId = this.identity.principalId;
    this.targetPort = props.ingress?.targetPort;

    // Grants the app needs before its first revision starts (image pull, secret references).
    const grants: RoleAssignment[] = [];
    if (props.registry) grants.push(props.registry.grantPull(this.principalId));
    const kvEnv = Object.entries(props.keyVaultSecrets?.env ?? {});
    if (props.keyVaultSecrets && kvEnv.length > 0) grants.push(props.keyVaultSecrets.vault.grantSecretsRead(this.principalId));

    const cpu = cpuOf(props);
    const image = props.registry && !props.image.includes('/') ? `${props.registry.loginServer}/${props.image}` : props.image;
    const probePort = (pr: ProbeSpec) => pr.port ?? props.ingress!.targetPort;
    const probe = (pr: ProbeSpec) => ({
      transport: pr.path ? 'HTTP' : 'TCP',
      path: pr.path,
      port: probePort(pr),
      initialDelay: pr.initialDelaySeconds ?? 10,
      intervalSeconds: pr.intervalSeconds ?? 10,
      failureCountThreshold: pr.failureThreshold ?? 3,
    });

    const custom: ContainerAppTemplateCustomScaleRule[] = [];
    if (props.scale?.cpuPercent !== undefined) custom.push({ name: 'cpu', customRuleType: 'cpu', metadata: { type: 'Utilization', value: String(props.scale.cpuPercent) } });
    if (props.scale?.memoryPercent !== undefined) custom.push({ name: 'memory', customRuleType: 'memory', metadata: { type: 'Utilization', value: String(props.scale.memoryPercent) } });
    const sb = props.scale?.serviceBus;
    if (sb) {
      // No connection string and no SAS key: KEDA authenticates with the app's identity, which needs Azure Service Bus
      // Data Owner on the namespace (KEDA reads queue runtime properties; ServiceBusNamespace.grantReceive is not enough).
      custom.push({
        name: `servicebus-${sb.queueName.replace(/[^a-z0-9-]/gi, '-').toLowerCase()}`,
        customRuleType: 'azure-servicebus',
        metadata: {
          namespace: typeof sb.namespace === 'string' ? sb.namespace : sb.namespace.name,
          queueName: sb.queueName,
          messageCount: String(sb.messageCount ?? 5),
          activationMessageCount: String(sb.activationMessageCount ?? 1),
        },
      });
    }

    const containerName = name.replace(/^ca-/, '').slice(0, 32);
    const memory = props.memory ?? `${cpu * 2}Gi`;
    const plainEnv = [
      ...Object.entries(props.env ?? {}).map(([k, value]) => ({ name: k, value })),
      // SDKs (DefaultAzureCredential) pick the user-assigned identity with this.
      { name: 'AZURE_CLIENT_ID', value: this.identity.clientId },
    ];
    const ingressIps = props.ingress?.allowedIpRanges ?? [];

    if (!sb) {
      this.resource = new ContainerAppResource(this, 'Resource', {
        name,
        resourceGroupName,
        containerAppEnvironmentId: props.environment.id,
        workloadProfileName: profileOf(props),
        revisionMode: 'Single',
        identity: { type: 'UserAssigned', identityIds: [this.identity.id] },
        registry: props.registry ? [{ server: props.registry.loginServer, identity: this.identity.id }] : undefined,
        secret: kvEnv.length > 0 ? kvEnv.map(([envName, s]) => ({ name: secretName(envName), keyVaultSecretId: s.versionlessId, identity: this.identity.id })) : undefined,
        ingress: props.ingress
          ? {
              targetPort: props.ingress.targetPort,
              externalEnabled: props.ingress.external ?? false,
              transport: props.ingress.transport ?? 'auto',
              allowInsecureConnections: false,
              trafficWeight: [{ latestRevision: true, percentage: 100 }],
              ipSecurityRestriction: ingressIps.map((ipAddressRange, i) => ({ name: `allow-${i}`, action: 'Allow', ipAddressRange })),
            }
          : undefined,
        template: {
          minReplicas: minOf(props),
          maxReplicas: maxOf(props),
          container: [
            {
              name: containerName,
              image,
              cpu,
              memory,
              command: props.command,
              env: [...plainEnv, ...kvEnv.map(([k]) => ({ name: k, secretName: secretName(k) }))],
              livenessProbe: props.liveness ? [probe(props.liveness)] : undefined,
              readinessProbe: props.readiness ? [probe(props.readiness)] : undefined,
            },
          ],
          customScaleRule: custom.length > 0 ? custom : undefined,
          httpScaleRule: props.scale?.httpConcurrency !== undefined ? [{ name: 'http', concurrentRequests: String(props.scale.httpConcurrency) }] : undefined,
        },
        tags: props.tags,
        dependsOn: grants.length > 0 ? grants : undefined,
      });
      this.id = this.resource.id;
      this.name = this.resource.name;
      // The app's stable FQDN (`<app>.<environment domain>`), not the revision-specific one.
      this.fqdn = props.ingress ? this.resource.ingress.fqdn : '';
    } else {
      // A Service Bus rule authenticated with the app's identity needs `identity` on the scale rule, which the ARM API
      // has (2024-03-01) and azurerm 4.55 has not (hashicorp/terraform-provider-azurerm#29777 adds `identity_id` later).
      // Until the provider catches up, the app is an ARM deployment of the same shape; values travel as parameters.
      const armProbe = (type: string, pr: ProbeSpec) => ({
        type,
        ...(pr.path ? { httpGet: { path: pr.path, port: probePort(pr) } } : { tcpSocket: { port: probePort(pr) } }),
        initialDelaySeconds: pr.initialDelaySeconds ?? 10,
        periodSeconds: pr.intervalSeconds ?? 10,
        failureThreshold: pr.failureThreshold ?? 3,
      });
      const properties = {
        environmentId: props.environment.id,
        workloadProfileName: profileOf(props),
        configuration: {
          activeRevisionsMode: 'Single',
          ingress: props.ingress
            ? {
                external: props.ingress.external ?? false,
                targetPort: props.ingress.targetPort,
                transport: props.ingress.transport ?? 'auto',
                allowInsecure: false,
                traffic: [{ latestRevision: true, weight: 100 }],
                ipSecurityRestrictions: ingressIps.map((ipAddressRange, i) => ({ name: `allow-${i}`, action: 'Allow', ipAddressRange })),
              }
            : null,
          registries: props.registry ? [{ server: props.registry.loginServer, identity: this.identity.id }] : [],
          secrets: kvEnv.map(([envName, s]) => ({ name: secretName(envName), keyVaultUrl: s.versionlessId, identity: this.identity.id })),
        },
        template: {
          containers: [
            {
              name: containerName,
              image,
              command: props.command ?? [],
              resources: { cpu, memory },
              env: [...plainEnv, ...kvEnv.map(([k]) => ({ name: k, secretRef: secretName(k) }))],
              probes: [...(props.liveness ? [armProbe('Liveness', props.liveness)] : []), ...(props.readiness ? [armProbe('Readiness', props.readiness)] : [])],
            },
          ],
          scale: {
            minReplicas: minOf(props),
            maxReplicas: maxOf(props),
            rules: [
              ...custom.map((r) => ({
                name: r.name,
                custom: { type: r.customRuleType, metadata: r.metadata, ...(r.customRuleType === 'azure-servicebus' ? { identity: this.identity.id } : {}) },
              })),
              ...(props.scale?.httpConcurrency !== undefined ? [{ name: 'http', http: { metadata: { concurrentRequests: String(props.scale.httpConcurrency) } } }] : []),
            ],
          },
        },
      };
      this.deployment = new ResourceGroupTemplateDeployment(this, 'Deployment', {
        name: `deploy-${name}`,
        resourceGroupName,
        deploymentMode: 'Incremental',
        templateContent: JSON.stringify(ARM_TEMPLATE),
        parametersContent: Fn.jsonencode({
          name: { value: name },
          location: { value: location },
          identityId: { value: this.identity.id },
          tags: { value: { ...stack.tags, ...(props.tags ?? {}) } },
          properties: { value: properties },
        }),
        tags: props.tags,
        dependsOn: grants.length > 0 ? grants : undefined,
      });
      // Read back from the deployment, so whatever uses them (alerts, role assignments) waits for the app.
      const outputs = Fn.jsondecode(this.deployment.outputContent);
      this.id = Fn.lookup(Fn.lookup(outputs, 'id', {}), 'value', '');
      this.name = name;
      this.fqdn = Fn.lookup(Fn.lookup(outputs, 'fqdn', {}), 'value', '');
    }
    this.interfaces = applyAvmInterfaces(this, { resourceId: this.id, resourceName: name, location, resourceGroupName }, props);
  }
}
