import { DataAzurermClientConfig } from '@cdktf/provider-azurerm/lib/data-azurerm-client-config';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { Lazy } from 'cdktf';
import { Construct } from 'constructs';
import { AZURE_REGION_SHORT_NAMES, AzureNaming, normalizeLocation, regionShortName, validateAzureName } from './core/naming';
import { BaseStack, BaseStackProps } from '../core/base-stack';
import { didYouMean } from '../core/regions';
import { isGuid, Rule, validateProps } from '../core/validation';

/** Values of the provider's `resource_provider_registrations`. */
export type ResourceProviderRegistrations = 'none' | 'legacy' | 'core' | 'extended' | 'all';

export interface AzureStackProps extends BaseStackProps {
  /** Azure region of the stack's resource group and resources, e.g. `eastus` or `East US`. */
  readonly location: string;
  /**
   * Subscription the provider deploys to (a GUID).
   * @default the `ARM_SUBSCRIPTION_ID` environment variable, which azurerm 4.x then requires
   */
  readonly subscriptionId?: string;
  /**
   * Entra ID tenant (a GUID), used by Key Vault and the provider.
   * @default the tenant of the credentials in use (`azurerm_client_config`)
   */
  readonly tenantId?: string;
  /**
   * Workload part of CAF names (`rg-<workload>-<env>-<region>`).
   * @default the architecture name
   */
  readonly workload?: string;
  /**
   * Name of the resource group the stack creates.
   * @default `rg-<workload>-<environment>-<region short>`
   */
  readonly resourceGroupName?: string;
  /**
   * Set of resource providers the azurerm provider registers on the subscription.
   * Constructs add the namespaces they need (`requireResourceProvider`) to
   * `resource_providers_to_register`, so nothing beyond what the stack uses is registered.
   * @default 'core'
   */
  readonly resourceProviderRegistrations?: ResourceProviderRegistrations;
  /**
   * Mixed into the hashed suffix of globally unique names.
   * @default the subscription id, or nothing when it is not configured
   */
  readonly nameSeed?: string;
}

const RULES: Rule<AzureStackProps>[] = [
  {
    rule: 'location must be a known Azure region such as eastus or westeurope',
    check: (p) => (typeof p.location !== 'string' || regionShortName(p.location) === undefined ? p.location : undefined),
    hint: (bad) => didYouMean(bad, Object.keys(AZURE_REGION_SHORT_NAMES)),
  },
  { rule: 'subscriptionId must be a GUID', check: (p) => (p.subscriptionId !== undefined && !isGuid(p.subscriptionId) ? p.subscriptionId : undefined) },
  { rule: 'tenantId must be a GUID', check: (p) => (p.tenantId !== undefined && !isGuid(p.tenantId) ? p.tenantId : undefined) },
];

/**
 * Base stack for Azure architectures: the `azurerm` provider (subscription
 * from configuration, Key Vaults neither purged nor left behind on destroy,
 * resource groups that still hold resources never deleted, Entra ID for
 * storage data-plane calls and no data-plane probing of storage accounts, so
 * locked-down accounts deploy from outside their network), the azurerm backend (Azure AD auth, one
 * `<stack>.tfstate` key per stack), a CAF-named resource group in the
 * configured region, and the standard tags on every resource.
 */
export class AzureStack extends BaseStack {
  /** Normalized region, e.g. `eastus`. */
  public readonly location: string;
  /** Short region code used in names, e.g. `eus`. */
  public readonly locationShort: string;
  public readonly provider: AzurermProvider;
  public readonly resourceGroup: ResourceGroup;
  /** Name of the stack's resource group, as a reference (resources using it depend on the group). */
  public readonly resourceGroupName: string;
  /** CAF names for this workload, environment and region. */
  public readonly azureNaming: AzureNaming;
  private readonly configuredSubscriptionId?: string;
  private readonly configuredTenantId?: string;
  private readonly resourceProviders = new Set<string>();
  private clientConfig?: DataAzurermClientConfig;

  constructor(scope: Construct, id: string, props: AzureStackProps) {
    super(scope, id, props);
    validateProps(this, props, RULES, { eager: true }); // eager: names and the provider are built from the location
    this.location = normalizeLocation(props.location);
    this.locationShort = regionShortName(this.location)!;
    this.configuredSubscriptionId = props.subscriptionId;
    this.configuredTenantId = props.tenantId;
    this.azureNaming = new AzureNaming(props.workload ?? props.architecture, props.environment, this.location, props.nameSeed ?? props.subscriptionId ?? '');

    this.provider = new AzurermProvider(this, 'azurerm', {
      subscriptionId: props.subscriptionId,
      tenantId: props.tenantId,
      // Containers and blobs are managed with Entra ID, so storage accounts can keep shared keys off.
      storageUseAzuread: true,
      resourceProviderRegistrations: props.resourceProviderRegistrations ?? 'core',
      resourceProvidersToRegister: Lazy.listValue({ produce: () => [...this.resourceProviders].sort() }, { omitEmpty: true }),
      features: [
        {
          keyVault: [{ purgeSoftDeleteOnDestroy: false, purgeSoftDeletedSecretsOnDestroy: false, purgeSoftDeletedKeysOnDestroy: false, recoverSoftDeletedKeyVaults: true }],
          resourceGroup: [{ preventDeletionIfContainsResources: true }],
          logAnalyticsWorkspace: [{ permanentlyDeleteOnDestroy: false }],
          // Storage accounts are managed through ARM only (no inline queue_properties / static_website),
          // so the provider need not reach their data plane, which network rules usually block.
          storage: [{ dataPlaneAvailable: false }],
        },
      ],
    });

    // The generated provider declares the short source `azurerm`; spell it in full like `hashicorp/random`.
    this.addOverride('terraform.required_providers.azurerm.source', 'hashicorp/azurerm');

    const rgName = props.resourceGroupName ?? this.azureNaming.name('resourceGroup');
    this.resourceGroup = new ResourceGroup(this, 'ResourceGroup', { name: rgName, location: this.location });
    validateAzureName(this.resourceGroup, 'resourceGroup', rgName);
    // A reference, not the literal: resources placed in the group then depend on it.
    this.resourceGroupName = this.resourceGroup.name;
  }

  /**
   * Adds a resource provider namespace (e.g. `Microsoft.KeyVault`) to the
   * provider's `resource_providers_to_register`. Constructs call this for the
   * services they create.
   */
  requireResourceProvider(namespace: string): void {
    this.resourceProviders.add(namespace);
  }

  /** The subscription id: configured, or read from the credentials. */
  get subscriptionId(): string {
    return this.configuredSubscriptionId ?? this.client().subscriptionId;
  }

  /** `/subscriptions/<id>`, the scope of built-in role definition ids. */
  get subscriptionResourceId(): string {
    return `/subscriptions/${this.subscriptionId}`;
  }

  /** The Entra ID tenant: configured, or read from the credentials. */
  get tenantId(): string {
    return this.configuredTenantId ?? this.client().tenantId;
  }

  /** Object id of the principal running Terraform (a data source, created once). */
  get deployerObjectId(): string {
    return this.client().objectId;
  }

  private client(): DataAzurermClientConfig {
    this.clientConfig ??= new DataAzurermClientConfig(this, 'client-config');
    return this.clientConfig;
  }

  /** Finds the enclosing AzureStack of any construct. */
  static of(scope: Construct): AzureStack {
    let node: Construct | undefined = scope;
    while (node) {
      if (node instanceof AzureStack) return node;
      node = node.node.scope as Construct | undefined;
    }
    throw new Error(`${scope.node.path}: this construct must be created inside an AzureStack`);
  }
}
