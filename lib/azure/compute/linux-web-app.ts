import { LinuxWebApp as LinuxWebAppResource } from '@cdktf/provider-azurerm/lib/linux-web-app';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { Rule, validateProps } from '../../core/validation';
import {
  AppliedAvmInterfaces,
  applyAvmInterfaces,
  AvmCommonProps,
  DiagnosticSettingsProps,
  identityBlock,
  ManagedIdentitiesProps,
  PrincipalType,
  PrivateEndpointsProps,
} from '../core/interfaces';
import { Grant, grantRole } from '../core/grants';
import { AzureResourceProps, resolvePlacement } from '../core/placement';
import { AppServicePlan } from './app-service-plan';
import { requireProps } from '../../core/validation';

/** A container registry the app pulls from (a `ContainerRegistry`, or `ContainerRegistry.fromAttributes`). */
export interface IContainerRegistryRef {
  /** `<name>.azurecr.io`. */
  readonly loginServer: string;
  /** AcrPull for an identity; when present the app grants it to itself (see `grantRegistryPull`). */
  grantPull?(principalId: string, principalType?: PrincipalType): Grant;
}

/** A vault whose secrets an app setting reads (a `KeyVault`, or `KeyVault.fromAttributes` / `fromName`). */
export interface ISecretsReadable {
  grantSecretsRead(principalId: string, principalType?: PrincipalType): Grant;
}

/** Something holding an Application Insights connection string (an `ApplicationInsights`). */
export interface IApplicationInsightsRef {
  readonly connectionString: string;
}

/** A Key Vault secret (a `VaultSecret` from `KeyVault.addGeneratedSecret` / `addSecret`). */
export interface IKeyVaultSecretRef {
  /** Versionless secret URI: the reference follows the latest version. */
  readonly versionlessId: string;
}

const KV_REFERENCE_PREFIX = '@Microsoft.KeyVault(';

/**
 * An App Service Key Vault reference, `@Microsoft.KeyVault(SecretUri=<uri>)`:
 * the app setting's value is read from Key Vault with the app's identity at
 * runtime, so the secret never appears in the app's configuration or here.
 */
export function keyVaultReference(secret: IKeyVaultSecretRef | string): string {
  const uri = typeof secret === 'string' ? secret : secret.versionlessId;
  return `${KV_REFERENCE_PREFIX}SecretUri=${uri})`;
}

/**
 * An app setting value that comes with the access it needs:
 * `AppSetting.fromKeyVaultSecret(secret)` is a Key Vault reference, and the
 * web app it is given to gets Key Vault Secrets User on the secret's vault
 * (as `ecs.Secret.fromSecretsManager` grants read to the task role).
 */
export class AppSetting {
  /** A Key Vault reference to `secret`; the app is granted read on `vault` (default: the vault the secret came from). */
  static fromKeyVaultSecret(secret: IKeyVaultSecretRef & { readonly vault?: ISecretsReadable }, vault?: ISecretsReadable): AppSetting {
    const reader = vault ?? secret.vault;
    return new AppSetting(keyVaultReference(secret), reader ? (principalId) => reader.grantSecretsRead(principalId) : undefined);
  }

  /** A plain value (same as giving the string). */
  static fromValue(value: string): AppSetting {
    return new AppSetting(value);
  }

  private constructor(
    /** The value App Service stores. */
    public readonly value: string,
    private readonly grantTo?: (principalId: string) => Grant,
  ) {}

  /** Grants `principalId` what reading this setting needs; undefined when nothing is needed. */
  bind(principalId: string): Grant | undefined {
    return this.grantTo?.(principalId);
  }
}

const settingValue = (v: string | AppSetting) => (typeof v === 'string' ? v : v.value);

/** True when `value` is a Key Vault reference. */
export function isKeyVaultReference(value: string): boolean {
  return value.startsWith(KV_REFERENCE_PREFIX);
}

/**
 * App setting names that hold secrets: their values must be Key Vault
 * references. (`APPLICATIONINSIGHTS_CONNECTION_STRING` is wired by the
 * construct from the Application Insights resource.)
 */
export const SECRET_SETTING_NAME = /(SECRET|PASSWORD|PASSWD|PWD|TOKEN|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIAL|DATABASE_URL|REDIS_URL|CONNECTION_?STRING)/i;
const MANAGED_SETTINGS = ['APPLICATIONINSIGHTS_CONNECTION_STRING'];
const REGISTRY_CREDENTIAL_SETTINGS = ['DOCKER_REGISTRY_SERVER_USERNAME', 'DOCKER_REGISTRY_SERVER_PASSWORD'];
const IMAGE = /^[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?$/;

export interface LinuxWebAppProps extends AzureResourceProps, AvmCommonProps, DiagnosticSettingsProps, PrivateEndpointsProps, ManagedIdentitiesProps {
  /** The Linux plan the app runs on. */
  readonly plan: AppServicePlan;
  /** Registry holding the image; the app pulls with its managed identity (grant it `ContainerRegistry.grantPull`). */
  readonly registry: IContainerRegistryRef;
  /** Image as `<repository>[:<tag>]` inside the registry, e.g. `personal-tech:latest`. */
  readonly image: string;
  /**
   * App settings (environment variables). Names that look like secrets
   * ({@link SECRET_SETTING_NAME}) must be Key Vault references
   * ({@link keyVaultReference} or {@link AppSetting.fromKeyVaultSecret}, which
   * also grants the app read on the vault); registry credentials are refused.
   * @default none besides what the construct wires (Application Insights, port)
   */
  readonly appSettings?: Record<string, string | AppSetting>;
  /**
   * Give the app's identity AcrPull on `registry` (when it is a `ContainerRegistry` or has `grantPull`).
   * @default true
   */
  readonly grantRegistryPull?: boolean;
  /**
   * Application Insights the app reports to (`APPLICATIONINSIGHTS_CONNECTION_STRING`).
   * @default no Application Insights
   */
  readonly applicationInsights?: IApplicationInsightsRef;
  /**
   * Port the container listens on (`WEBSITES_PORT`).
   * @default 80 (App Service's default; WEBSITES_PORT is not set)
   */
  readonly containerPort?: number;
  /**
   * Path App Service probes; unhealthy instances leave the load balancer.
   * @default '/health/'
   */
  readonly healthCheckPath?: string;
  /**
   * Minutes an instance may fail health checks before it is replaced, 2–10.
   * @default 10
   */
  readonly healthCheckEvictionMinutes?: number;
  /**
   * Keep the app loaded when idle.
   * @default true when the plan's tier allows it (not on Free)
   */
  readonly alwaysOn?: boolean;
  /**
   * Subnet (delegated to `Microsoft.Web/serverFarms`) for regional VNet integration:
   * outbound traffic, Key Vault references and image pulls go through the network.
   * @default no VNet integration
   */
  readonly virtualNetworkSubnetId?: string;
  /**
   * Accept traffic on the app's public endpoint (`*.azurewebsites.net`).
   * @default true (the seed's site is public)
   */
  readonly publicNetworkAccess?: boolean;
  /**
   * Days App Service keeps HTTP logs on its file system (1–99999); logs also go to Log Analytics through `diagnosticSettings`.
   * @default 7
   */
  readonly httpLogsRetentionDays?: number;
  /**
   * Leave what the deployment pipeline owns to the pipeline: `ignore_changes` on the image name
   * (`site_config[0].application_stack[0].docker_image_name`, set by `webapps-deploy` to `personal-tech:<sha>`)
   * and on the app settings it writes ({@link PIPELINE_APP_SETTINGS}, e.g. `DOCKER_CUSTOM_IMAGE_NAME`),
   * so the next `terraform apply` does not roll the site back to `image` or remove them.
   * @default false: Terraform owns the image
   */
  readonly imageManagedByPipeline?: boolean;
  /**
   * App setting names the pipeline writes (ignored by Terraform when `imageManagedByPipeline`).
   * Must not be among `appSettings`.
   * @default {@link PIPELINE_APP_SETTINGS}
   */
  readonly pipelineAppSettings?: string[];
  /**
   * Accept requests only from this Azure Front Door profile: an access restriction allowing the
   * `AzureFrontDoor.Backend` service tag with the `X-Azure-FDID` header equal to the profile's
   * `resource_guid` (other profiles share the service tag), default action Deny. The SCM (Kudu) site
   * then denies everything: the pipeline deploys through the ARM API, not through Kudu.
   * @default no restriction (the app answers on `*.azurewebsites.net` to anyone)
   */
  readonly frontDoorOnly?: { readonly frontDoorId: string };
}

/** App settings the seed's pipeline writes (`az webapp config appsettings set --setting DOCKER_CUSTOM_IMAGE_NAME=...`). */
export const PIPELINE_APP_SETTINGS = ['DOCKER_CUSTOM_IMAGE_NAME'];

const settingsOf = (p: LinuxWebAppProps) => Object.entries(p.appSettings ?? {}).map(([k, v]) => [k, settingValue(v)] as const);

const RULES: Rule<LinuxWebAppProps>[] = [
  {
    rule: 'image must be <repository>[:<tag>] inside the registry (lowercase, no registry host)',
    check: (p) => (Token.isUnresolved(p.image) || IMAGE.test(p.image) ? undefined : p.image),
  },
  {
    rule: 'app setting names may contain only letters, digits and underscores (Linux containers)',
    check: (p) => settingsOf(p).map(([k]) => k).find((k) => !/^[A-Za-z_][A-Za-z0-9_]*$/.test(k)),
  },
  {
    rule: 'registry credentials must not be app settings: the app pulls with its managed identity',
    check: (p) => settingsOf(p).map(([k]) => k).find((k) => REGISTRY_CREDENTIAL_SETTINGS.includes(k.toUpperCase())),
  },
  {
    rule: 'app settings holding secrets must be Key Vault references (keyVaultReference(secret))',
    check: (p) => settingsOf(p).find(([k, v]) => SECRET_SETTING_NAME.test(k) && !MANAGED_SETTINGS.includes(k) && !isKeyVaultReference(v))?.[0],
  },
  {
    rule: 'APPLICATIONINSIGHTS_CONNECTION_STRING is wired from applicationInsights, not set by hand',
    check: (p) => (p.appSettings?.APPLICATIONINSIGHTS_CONNECTION_STRING !== undefined ? 'APPLICATIONINSIGHTS_CONNECTION_STRING' : undefined),
  },
  { rule: 'healthCheckPath must start with /', check: (p) => (p.healthCheckPath !== undefined && !p.healthCheckPath.startsWith('/') ? p.healthCheckPath : undefined) },
  {
    rule: 'healthCheckEvictionMinutes must be an integer between 2 and 10',
    check: (p) => (p.healthCheckEvictionMinutes !== undefined && !(Number.isInteger(p.healthCheckEvictionMinutes) && p.healthCheckEvictionMinutes >= 2 && p.healthCheckEvictionMinutes <= 10) ? p.healthCheckEvictionMinutes : undefined),
  },
  {
    rule: 'containerPort must be an integer between 1 and 65535',
    check: (p) => (p.containerPort !== undefined && !(Number.isInteger(p.containerPort) && p.containerPort >= 1 && p.containerPort <= 65535) ? p.containerPort : undefined),
  },
  {
    rule: 'httpLogsRetentionDays must be an integer between 1 and 99999',
    check: (p) => (p.httpLogsRetentionDays !== undefined && !(Number.isInteger(p.httpLogsRetentionDays) && p.httpLogsRetentionDays >= 1 && p.httpLogsRetentionDays <= 99999) ? p.httpLogsRetentionDays : undefined),
  },
  { rule: (p) => `alwaysOn is not available on the ${p.plan.sku} SKU`, check: (p) => (p.alwaysOn && !p.plan.capabilities.alwaysOn ? p.plan.sku : undefined) },
  { rule: (p) => `VNet integration is not available on the ${p.plan.sku} SKU`, check: (p) => (p.virtualNetworkSubnetId !== undefined && !p.plan.capabilities.vnetIntegration ? p.plan.sku : undefined) },
  {
    rule: 'pipelineAppSettings must not also be set in appSettings (Terraform would ignore its own value)',
    check: (p) => (p.pipelineAppSettings ?? PIPELINE_APP_SETTINGS).find((k) => p.imageManagedByPipeline && p.appSettings?.[k] !== undefined),
  },
  {
    rule: 'frontDoorOnly.frontDoorId must be the Front Door profile GUID (resource_guid)',
    check: (p) => (p.frontDoorOnly && !Token.isUnresolved(p.frontDoorOnly.frontDoorId) && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(p.frontDoorOnly.frontDoorId) ? p.frontDoorOnly.frontDoorId : undefined),
  },
  {
    rule: 'frontDoorOnly needs the public endpoint (Front Door Standard reaches the app over it): drop publicNetworkAccess: false',
    check: (p) => (p.frontDoorOnly && p.publicNetworkAccess === false ? p.publicNetworkAccess : undefined),
  },
  {
    rule: 'the web app keeps its system-assigned identity: it pulls images and reads Key Vault references with it',
    check: (p) => (p.managedIdentities?.systemAssigned === false ? p.managedIdentities : undefined),
  },
];

/**
 * A Linux web app running a container from Azure Container Registry, pulled
 * with the app's system-assigned identity (`container_registry_use_managed_identity`,
 * azurerm 4's name for `acr_use_managed_identity_credentials`; no registry
 * password anywhere). HTTPS only, TLS 1.2 minimum (site and SCM), FTP(S)
 * and basic-auth publishing off, HTTP/2, remote debugging off, health check on
 * `/health/`, always-on where the SKU allows, HTTP logs, failed-request
 * tracing and detailed errors on the file system, Application Insights wired
 * in, optional VNet integration with all outbound traffic routed through it.
 * Secret-looking app settings must be Key Vault references.
 */
export class LinuxWebApp extends Construct {
  public readonly resource: LinuxWebAppResource;
  public readonly id: string;
  public readonly name: string;
  /** `<name>.azurewebsites.net`. */
  public readonly defaultHostname: string;
  /** Object id of the system-assigned identity (for `grantPull`, `grantSecretsRead`, ...). */
  public readonly principalId: string;
  /** The app settings as deployed (caller's plus the wired ones). */
  public readonly appSettings: Readonly<Record<string, string>>;
  public readonly interfaces: AppliedAvmInterfaces;
  /** The role assignments the app gave itself (AcrPull on the registry, secret read for `AppSetting.fromKeyVaultSecret`). */
  public readonly grants: Grant[] = [];

  constructor(scope: Construct, id: string, props: LinuxWebAppProps) {
    super(scope, id);
    requireProps(this, props, ['plan', 'registry', 'image']);
    validateProps(this, props, RULES);
    const { name, location, resourceGroupName } = resolvePlacement(this, 'webApp', props, 'Microsoft.Web');
    const integrated = props.virtualNetworkSubnetId !== undefined;

    const settings: Record<string, string> = { WEBSITES_ENABLE_APP_SERVICE_STORAGE: 'false', ...Object.fromEntries(settingsOf(props)) };
    if (props.containerPort !== undefined) settings.WEBSITES_PORT = String(props.containerPort);
    if (props.applicationInsights) settings.APPLICATIONINSIGHTS_CONNECTION_STRING = props.applicationInsights.connectionString;
    this.appSettings = settings;

    this.resource = new LinuxWebAppResource(this, 'Resource', {
      name,
      location,
      resourceGroupName,
      servicePlanId: props.plan.id,
      httpsOnly: true,
      publicNetworkAccessEnabled: props.publicNetworkAccess ?? true,
      clientAffinityEnabled: false,
      ftpPublishBasicAuthenticationEnabled: false,
      webdeployPublishBasicAuthenticationEnabled: false,
      virtualNetworkSubnetId: props.virtualNetworkSubnetId,
      vnetImagePullEnabled: integrated ? true : undefined,
      appSettings: settings,
      identity: identityBlock({ ...props.managedIdentities, systemAssigned: true }),
      siteConfig: {
        alwaysOn: props.alwaysOn ?? props.plan.capabilities.alwaysOn,
        http2Enabled: true,
        minimumTlsVersion: '1.2',
        scmMinimumTlsVersion: '1.2',
        ftpsState: 'Disabled',
        remoteDebuggingEnabled: false,
        healthCheckPath: props.healthCheckPath ?? '/health/',
        healthCheckEvictionTimeInMin: props.healthCheckEvictionMinutes ?? 10,
        vnetRouteAllEnabled: integrated ? true : undefined,
        ...(props.frontDoorOnly
          ? {
              ipRestrictionDefaultAction: 'Deny',
              ipRestriction: [
                {
                  name: 'AllowFrontDoor',
                  priority: 100,
                  action: 'Allow',
                  serviceTag: 'AzureFrontDoor.Backend',
                  headers: [{ xAzureFdid: [props.frontDoorOnly.frontDoorId], xFdHealthProbe: [], xForwardedFor: [], xForwardedHost: [] }],
                },
              ],
              scmUseMainIpRestriction: false,
              scmIpRestrictionDefaultAction: 'Deny',
            }
          : {}),
        containerRegistryUseManagedIdentity: true,
        applicationStack: {
          dockerImageName: props.image,
          dockerRegistryUrl: `https://${props.registry.loginServer}`,
        },
      },
      logs: {
        detailedErrorMessages: true,
        failedRequestTracing: true,
        httpLogs: { fileSystem: { retentionInDays: props.httpLogsRetentionDays ?? 7, retentionInMb: 35 } },
      },
      lifecycle: props.imageManagedByPipeline
        ? { ignoreChanges: ['site_config[0].application_stack[0].docker_image_name', ...(props.pipelineAppSettings ?? PIPELINE_APP_SETTINGS).map((k) => `app_settings["${k}"]`)] }
        : undefined,
      tags: props.tags,
    });
    this.id = this.resource.id;
    this.name = this.resource.name;
    this.defaultHostname = this.resource.defaultHostname;
    this.principalId = this.resource.identity.principalId;
    if ((props.grantRegistryPull ?? true) && props.registry.grantPull) this.grants.push(props.registry.grantPull(this.principalId, 'ServicePrincipal'));
    for (const v of Object.values(props.appSettings ?? {})) {
      const grant = typeof v === 'string' ? undefined : v.bind(this.principalId);
      if (grant && !this.grants.includes(grant)) this.grants.push(grant);
    }
    this.interfaces = applyAvmInterfaces(this, { resourceId: this.id, resourceName: name, location, resourceGroupName, defaultPrivateEndpointSubresource: 'sites' }, props);
  }

  /**
   * Website Contributor on this app for a deployment pipeline: deploy an image
   * (`azure/webapps-deploy`), set app settings, restart. Nothing else in the resource group.
   */
  grantDeploy(principalId: string, principalType: PrincipalType = 'ServicePrincipal'): Grant {
    return grantRole(this, this.id, 'Website Contributor', principalId, principalType, 'the deployment pipeline deploys images and sets app settings');
  }
}
