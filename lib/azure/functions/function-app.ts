import { FunctionAppFlexConsumption } from '@cdktf/provider-azurerm/lib/function-app-flex-consumption';
import { LinuxFunctionApp } from '@cdktf/provider-azurerm/lib/linux-function-app';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { ServicePlan } from '@cdktf/provider-azurerm/lib/service-plan';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { Rule, validateProps, requireProps } from '../../core/validation';
import { grantRole } from '../core/grants';
import { AppliedAvmInterfaces, applyAvmInterfaces, AvmCommonProps, DiagnosticSettingsProps, PrivateEndpointsProps } from '../core/interfaces';
import { AzureResourceProps, resolvePlacement } from '../core/placement';
import { IManagedIdentity, ManagedIdentity } from '../security/managed-identity';

/**
 * Hosting of a Linux function app:
 * - `FlexConsumption` (FC1): serverless, scales to zero, joins a VNet (subnet delegated to `Microsoft.App/environments`), one app per plan;
 * - `ElasticPremium` (EP1-EP3): pre-warmed instances, VNet integration (subnet delegated to `Microsoft.Web/serverFarms`), several apps per plan;
 * - `Consumption` (Y1): classic serverless, **no VNet integration** (being superseded by Flex Consumption).
 */
export type FunctionsHosting = 'FlexConsumption' | 'ElasticPremium' | 'Consumption';

/** Subnet delegation each hosting needs for VNet integration. */
export const FUNCTIONS_SUBNET_DELEGATION: Readonly<Record<FunctionsHosting, string | undefined>> = {
  FlexConsumption: 'Microsoft.App/environments',
  ElasticPremium: 'Microsoft.Web/serverFarms',
  Consumption: undefined,
};

export interface FunctionsPlanProps extends AzureResourceProps, AvmCommonProps {
  readonly hosting: FunctionsHosting;
  /**
   * Elastic Premium size.
   * @default 'EP1'
   */
  readonly premiumSku?: 'EP1' | 'EP2' | 'EP3';
  /**
   * Most instances an Elastic Premium plan bursts to.
   * @default 20
   */
  readonly maximumElasticWorkerCount?: number;
}

/** A Linux App Service plan for functions: FC1, EP1-EP3 or Y1. */
export class FunctionsPlan extends Construct {
  public readonly resource: ServicePlan;
  public readonly id: string;
  public readonly hosting: FunctionsHosting;
  public readonly sku: string;

  constructor(scope: Construct, id: string, props: FunctionsPlanProps) {
    super(scope, id);
    requireProps(this, props, ['hosting']);
    const { name, location, resourceGroupName } = resolvePlacement(this, 'appServicePlan', props, 'Microsoft.Web');
    this.hosting = props.hosting;
    this.sku = props.hosting === 'FlexConsumption' ? 'FC1' : props.hosting === 'Consumption' ? 'Y1' : (props.premiumSku ?? 'EP1');
    this.resource = new ServicePlan(this, 'Resource', {
      name,
      location,
      resourceGroupName,
      osType: 'Linux',
      skuName: this.sku,
      maximumElasticWorkerCount: props.hosting === 'ElasticPremium' ? (props.maximumElasticWorkerCount ?? 20) : undefined,
      tags: props.tags,
    });
    this.id = this.resource.id;
  }
}

/** The host storage account of a function app (a `StorageAccount`). */
export interface IFunctionsStorage extends Construct {
  readonly id: string;
  readonly name: string;
  readonly primaryBlobEndpoint: string;
  addContainer(spec: string): { readonly name: string };
}

/** An identity-based connection (`<name>__fullyQualifiedNamespace`), e.g. a Service Bus namespace. */
export interface IdentityConnection {
  /** Connection name used by the triggers' `connection` property, e.g. `ServiceBusConnection`. */
  readonly name: string;
  /** `<namespace>.servicebus.windows.net`. */
  readonly fullyQualifiedNamespace: string;
}

export interface FunctionAppProps extends AzureResourceProps, AvmCommonProps, DiagnosticSettingsProps, PrivateEndpointsProps {
  /** Plan hosting the app (Flex Consumption: one app per plan). */
  readonly plan: FunctionsPlan;
  /** Host storage (AzureWebJobsStorage), reached with the app's identity: no account key. */
  readonly storage: IFunctionsStorage;
  /**
   * Subnet of the regional VNet integration (all outbound traffic goes through it).
   * @default none: no VNet integration
   */
  readonly virtualNetworkSubnetId?: string;
  /**
   * Language runtime.
   * @default python 3.11
   */
  readonly runtime?: { readonly name: 'python' | 'node' | 'dotnet-isolated' | 'java'; readonly version: string };
  /**
   * User-assigned identity of the app (storage, Service Bus, Key Vault references).
   * @default a new identity
   */
  readonly identity?: IManagedIdentity;
  /**
   * Identity-based connections (`<name>__fullyQualifiedNamespace`, `__credential`, `__clientId`).
   * @default none
   */
  readonly connections?: IdentityConnection[];
  /**
   * App settings. Values of secret-looking names must be Key Vault references (`@Microsoft.KeyVault(...)`).
   * @default none
   */
  readonly appSettings?: Record<string, string>;
  /**
   * Application Insights connection string (goes into `site_config`, not app settings).
   * @default none
   */
  readonly applicationInsightsConnectionString?: string;
  /**
   * Accept requests on the public endpoint. Off: HTTP triggers are reachable only through private endpoints (internal only).
   * @default false
   */
  readonly publicNetworkAccess?: boolean;
  /**
   * Flex Consumption: most instances.
   * @default 100
   */
  readonly maximumInstanceCount?: number;
}

const SECRET_LIKE = /(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CONNECTION_?STRING)/i;

const RULES: Rule<FunctionAppProps>[] = [
  {
    rule: 'classic Consumption (Y1) plans cannot join a virtual network: use FlexConsumption or ElasticPremium',
    check: (p) => (p.plan.hosting === 'Consumption' && p.virtualNetworkSubnetId !== undefined ? p.plan.sku : undefined),
  },
  {
    rule: 'secret-looking app settings must be Key Vault references (@Microsoft.KeyVault(...)), never values',
    check: (p) => Object.entries(p.appSettings ?? {}).find(([k, v]) => SECRET_LIKE.test(k) && !Token.isUnresolved(v) && !v.startsWith('@Microsoft.KeyVault('))?.[0],
  },
  { rule: 'connection names must be letters, digits and underscores', check: (p) => (p.connections ?? []).map((c) => c.name).find((n) => !/^[A-Za-z_][A-Za-z0-9_]*$/.test(n)) },
  {
    rule: 'maximumInstanceCount must be an integer between 1 and 1000 (Flex Consumption)',
    check: (p) => (p.maximumInstanceCount !== undefined && !(Number.isInteger(p.maximumInstanceCount) && p.maximumInstanceCount >= 1 && p.maximumInstanceCount <= 1000) ? p.maximumInstanceCount : undefined),
  },
];

/**
 * A Linux function app on Flex Consumption (`azurerm_function_app_flex_consumption`)
 * or Elastic Premium / Consumption (`azurerm_linux_function_app`): HTTPS only,
 * TLS 1.2, FTP and basic publishing off, public endpoint off by default
 * (HTTP triggers internal only), a user-assigned identity used for the host
 * storage (`AzureWebJobsStorage__accountName`, Storage Blob Data Owner
 * granted here) and for identity-based connections (Service Bus), VNet
 * integration with all traffic routed through the subnet. Classic Consumption
 * with VNet integration is a validation error.
 */
export class FunctionApp extends Construct {
  public readonly resource: FunctionAppFlexConsumption | LinuxFunctionApp;
  public readonly id: string;
  public readonly name: string;
  public readonly identity: IManagedIdentity;
  /** Object id of the app's identity. */
  public readonly principalId: string;
  public readonly appSettings: Record<string, string>;
  public readonly interfaces: AppliedAvmInterfaces;

  constructor(scope: Construct, id: string, props: FunctionAppProps) {
    super(scope, id);
    requireProps(this, props, ['plan', 'storage']);
    validateProps(this, props, RULES);
    const { stack, name, location, resourceGroupName } = resolvePlacement(this, 'functionApp', props, 'Microsoft.Web');
    this.identity =
      props.identity ?? new ManagedIdentity(this, 'Identity', { name: stack.azureNaming.name('userAssignedIdentity', ...(props.nameQualifier ? [props.nameQualifier] : [])), location, resourceGroupName, tags: props.tags });
    this.principalId = this.identity.principalId;
    const grants: RoleAssignment[] = [
      // The Functions host keeps leases, timers and keys in blobs; Flex also reads its deployment package there.
      grantRole(props.storage, props.storage.id, 'Storage Blob Data Owner', this.principalId, 'ServicePrincipal'),
    ];
    const runtime = props.runtime ?? { name: 'python', version: '3.11' };

    this.appSettings = {
      AzureWebJobsStorage__accountName: props.storage.name,
      AzureWebJobsStorage__credential: 'managedidentity',
      AzureWebJobsStorage__clientId: this.identity.clientId,
      AZURE_CLIENT_ID: this.identity.clientId,
      ...Object.fromEntries(
        (props.connections ?? []).flatMap((c) => [
          [`${c.name}__fullyQualifiedNamespace`, c.fullyQualifiedNamespace],
          [`${c.name}__credential`, 'managedidentity'],
          [`${c.name}__clientId`, this.identity.clientId],
        ]),
      ),
      ...(props.appSettings ?? {}),
    };
    const common = {
      name,
      location,
      resourceGroupName,
      servicePlanId: props.plan.id,
      httpsOnly: true,
      publicNetworkAccessEnabled: props.publicNetworkAccess ?? false,
      webdeployPublishBasicAuthenticationEnabled: false,
      clientCertificateMode: 'Required',
      virtualNetworkSubnetId: props.virtualNetworkSubnetId,
      identity: { type: 'UserAssigned', identityIds: [this.identity.id] },
      tags: props.tags,
      dependsOn: grants,
    };

    if (props.plan.hosting === 'FlexConsumption') {
      const container = props.storage.addContainer(`deploy-${name}`.slice(0, 63).replace(/-+$/, ''));
      this.resource = new FunctionAppFlexConsumption(this, 'Resource', {
        ...common,
        runtimeName: runtime.name,
        runtimeVersion: runtime.version,
        storageContainerType: 'blobContainer',
        storageContainerEndpoint: `${props.storage.primaryBlobEndpoint}${container.name}`,
        storageAuthenticationType: 'UserAssignedIdentity',
        storageUserAssignedIdentityId: this.identity.id,
        maximumInstanceCount: props.maximumInstanceCount ?? 100,
        instanceMemoryInMb: 2048,
        appSettings: this.appSettings,
        siteConfig: {
          minimumTlsVersion: '1.2',
          scmMinimumTlsVersion: '1.2',
          http2Enabled: true,
          remoteDebuggingEnabled: false,
          applicationInsightsConnectionString: props.applicationInsightsConnectionString,
        },
      });
    } else {
      this.resource = new LinuxFunctionApp(this, 'Resource', {
        ...common,
        functionsExtensionVersion: '~4',
        ftpPublishBasicAuthenticationEnabled: false,
        keyVaultReferenceIdentityId: this.identity.id,
        // Identity-based host storage: no account key, no Azure Files content share (the package runs from blob).
        contentShareForceDisabled: true,
        builtinLoggingEnabled: false,
        appSettings: this.appSettings,
        siteConfig: {
          minimumTlsVersion: '1.2',
          scmMinimumTlsVersion: '1.2',
          ftpsState: 'Disabled',
          http2Enabled: true,
          remoteDebuggingEnabled: false,
          vnetRouteAllEnabled: props.virtualNetworkSubnetId !== undefined,
          // Elastic Premium scales on Service Bus queue length through the runtime scale monitor (VNet-integrated triggers).
          runtimeScaleMonitoringEnabled: props.plan.hosting === 'ElasticPremium',
          elasticInstanceMinimum: props.plan.hosting === 'ElasticPremium' ? 1 : undefined,
          applicationInsightsConnectionString: props.applicationInsightsConnectionString,
          applicationStack: runtime.name === 'python' ? { pythonVersion: runtime.version } : runtime.name === 'node' ? { nodeVersion: runtime.version } : runtime.name === 'java' ? { javaVersion: runtime.version } : { dotnetVersion: runtime.version, useDotnetIsolatedRuntime: true },
        },
      });
    }
    this.id = this.resource.id;
    this.name = this.resource.name;
    this.interfaces = applyAvmInterfaces(
      this,
      { resourceId: this.id, resourceName: name, location, resourceGroupName, defaultPrivateEndpointSubresource: 'sites', diagnosticDefaults: { logCategoryGroups: ['allLogs'], metricCategories: ['AllMetrics'] } },
      props,
    );
  }
}
