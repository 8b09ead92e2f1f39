import { ContainerRegistry as ContainerRegistryResource } from '@cdktf/provider-azurerm/lib/container-registry';
import { DataAzurermContainerRegistry } from '@cdktf/provider-azurerm/lib/data-azurerm-container-registry';
import { AzureStack } from '../azure-stack';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { isCidr } from '../../core/cidr';
import { Rule, validateProps, requireProps } from '../../core/validation';
import { Grant, grantRole } from '../core/grants';
import {
  AppliedAvmInterfaces,
  applyAvmInterfaces,
  AvmCommonProps,
  BuiltInRoles,
  DiagnosticSettingsProps,
  identityBlock,
  ManagedIdentitiesProps,
  PrincipalType,
  PrivateEndpointsProps,
  specList,
} from '../core/interfaces';
import { AzureResourceProps, resolvePlacement } from '../core/placement';

export type RegistrySku = 'Basic' | 'Standard' | 'Premium';

export interface ContainerRegistryProps extends AzureResourceProps, AvmCommonProps, DiagnosticSettingsProps, PrivateEndpointsProps, ManagedIdentitiesProps {
  /**
   * Service tier. Private endpoints, network rules, retention, trust policy,
   * zone redundancy and geo-replication need Premium.
   * @default 'Standard'
   */
  readonly sku?: RegistrySku;
  /**
   * Expose the public endpoint. Only Premium can turn it off.
   * @default false on Premium with private endpoints, true otherwise
   */
  readonly publicNetworkAccess?: boolean;
  /**
   * Public IPv4 addresses or CIDR ranges allowed through the public endpoint (Premium); everything else is denied.
   * @default none: no network rule set, every address allowed (Basic and Standard cannot filter)
   */
  readonly allowedIpRanges?: string[];
  /**
   * Days untagged manifests are kept before deletion, 0–365 (Premium).
   * @default 7 on Premium, not set otherwise
   */
  readonly retentionDays?: number;
  /**
   * Docker Content Trust: only signed images are pulled by trust-enforcing clients (Premium).
   * @default true on Premium
   */
  readonly trustPolicy?: boolean;
  /**
   * Spread the registry across availability zones (Premium, in regions with zones).
   * @default true on Premium
   */
  readonly zoneRedundancy?: boolean;
  /**
   * Extra regions the registry is replicated to (Premium).
   * @default none
   */
  readonly georeplicationLocations?: string[];
  /**
   * Quarantine pushed images until a scanner marks them verified (Premium);
   * without such a scanner, quarantined images cannot be pulled.
   * @default false
   */
  readonly quarantinePolicy?: boolean;
}

const premiumOnly = (feature: string, used: (p: ContainerRegistryProps) => unknown): Rule<ContainerRegistryProps> => ({
  rule: `${feature} needs the Premium SKU`,
  check: (p) => ((p.sku ?? 'Standard') !== 'Premium' && used(p) ? p.sku ?? 'Standard' : undefined),
});

const RULES: Rule<ContainerRegistryProps>[] = [
  { rule: 'sku must be Basic, Standard or Premium', check: (p) => (p.sku !== undefined && !['Basic', 'Standard', 'Premium'].includes(p.sku) ? p.sku : undefined) },
  premiumOnly('private endpoints', (p) => specList(p.privateEndpoints).length > 0),
  premiumOnly('turning public network access off', (p) => p.publicNetworkAccess === false),
  premiumOnly('allowedIpRanges', (p) => (p.allowedIpRanges ?? []).length > 0),
  premiumOnly('retentionDays', (p) => p.retentionDays !== undefined),
  premiumOnly('trustPolicy', (p) => p.trustPolicy === true),
  premiumOnly('zoneRedundancy', (p) => p.zoneRedundancy === true),
  premiumOnly('georeplicationLocations', (p) => (p.georeplicationLocations ?? []).length > 0),
  premiumOnly('quarantinePolicy', (p) => p.quarantinePolicy === true),
  {
    rule: 'retentionDays must be an integer between 0 and 365',
    check: (p) => (p.retentionDays !== undefined && !(Number.isInteger(p.retentionDays) && p.retentionDays >= 0 && p.retentionDays <= 365) ? p.retentionDays : undefined),
  },
  {
    rule: 'allowedIpRanges must be IPv4 addresses or CIDR blocks',
    check: (p) => (p.allowedIpRanges ?? []).find((ip) => !Token.isUnresolved(ip) && !isCidr(ip.includes('/') ? ip : `${ip}/32`)),
  },
];

/** A container registry: one made here or an existing one ({@link ContainerRegistry.fromAttributes} / `fromName`). */
export interface IContainerRegistry {
  /** ARM resource id. */
  readonly id: string;
  readonly name: string;
  /** `<name>.azurecr.io`. */
  readonly loginServer: string;
  /** AcrPull for `principalId` on this registry. */
  grantPull(principalId: string, principalType?: PrincipalType): Grant;
  /** AcrPush (push and pull) for `principalId` on this registry. */
  grantPush(principalId: string, principalType?: PrincipalType): Grant;
}

/** What identifies an existing registry. */
export interface ContainerRegistryAttributes {
  readonly id: string;
  readonly name: string;
  /**
   * Login server.
   * @default `<name>.azurecr.io`
   */
  readonly loginServer?: string;
}

class ImportedRegistry extends Construct implements IContainerRegistry {
  constructor(
    scope: Construct,
    id: string,
    private readonly attrs: ContainerRegistryAttributes,
  ) {
    super(scope, id);
  }
  get id(): string {
    return this.attrs.id;
  }
  get name(): string {
    return this.attrs.name;
  }
  get loginServer(): string {
    return this.attrs.loginServer ?? `${this.attrs.name}.azurecr.io`;
  }
  grantPull(principalId: string, principalType: PrincipalType = 'ServicePrincipal'): Grant {
    return grantRole(this, this.id, BuiltInRoles.acrPull, principalId, principalType);
  }
  grantPush(principalId: string, principalType: PrincipalType = 'ServicePrincipal'): Grant {
    return grantRole(this, this.id, BuiltInRoles.acrPush, principalId, principalType);
  }
}

/**
 * An Azure Container Registry with the admin user off (pull with a managed
 * identity and `grantPull`), anonymous pull off, and on Premium: public
 * endpoint off behind private endpoints, 7-day retention of untagged
 * manifests, content trust, zone redundancy, dedicated data endpoints and
 * export blocked when the registry is private.
 */
export class ContainerRegistry extends Construct implements IContainerRegistry {
  /** An existing registry by id and name (no lookup): grant on it, pull from it. */
  static fromAttributes(scope: Construct, id: string, attrs: ContainerRegistryAttributes): IContainerRegistry {
    return new ImportedRegistry(scope, id, attrs);
  }

  /**
   * An existing registry looked up by name (an `azurerm_container_registry` data source).
   * @param resourceGroupName the registry's resource group (default: the stack's)
   */
  static fromName(scope: Construct, id: string, name: string, resourceGroupName?: string): IContainerRegistry {
    const holder = new Construct(scope, id);
    const data = new DataAzurermContainerRegistry(holder, 'Lookup', { name, resourceGroupName: resourceGroupName ?? AzureStack.of(scope).resourceGroupName });
    return new ImportedRegistry(holder, 'Imported', { id: data.id, name: data.name, loginServer: data.loginServer });
  }

  public readonly resource: ContainerRegistryResource;
  public readonly id: string;
  public readonly name: string;
  /** `<name>.azurecr.io`. */
  public readonly loginServer: string;
  public readonly sku: RegistrySku;
  public readonly interfaces: AppliedAvmInterfaces;

  constructor(scope: Construct, id: string, props: ContainerRegistryProps = {}) {
    super(scope, id);
    requireProps(this, props, []);
    validateProps(this, props, RULES);
    const { name, location, resourceGroupName } = resolvePlacement(this, 'containerRegistry', props, 'Microsoft.ContainerRegistry');
    this.sku = props.sku ?? 'Standard';
    const premium = this.sku === 'Premium';
    const publicAccess = props.publicNetworkAccess ?? !(premium && specList(props.privateEndpoints).length > 0);
    const ips = props.allowedIpRanges ?? [];
    const geo = props.georeplicationLocations ?? [];

    this.resource = new ContainerRegistryResource(this, 'Resource', {
      name,
      location,
      resourceGroupName,
      sku: this.sku,
      adminEnabled: false,
      anonymousPullEnabled: false,
      publicNetworkAccessEnabled: publicAccess,
      networkRuleBypassOption: 'AzureServices',
      networkRuleSet: premium && ips.length > 0 ? [{ defaultAction: 'Deny', ipRule: ips.map((ipRange) => ({ action: 'Allow', ipRange })) }] : undefined,
      retentionPolicyInDays: premium ? (props.retentionDays ?? 7) : undefined,
      trustPolicyEnabled: premium ? (props.trustPolicy ?? true) : undefined,
      zoneRedundancyEnabled: premium ? (props.zoneRedundancy ?? true) : undefined,
      dataEndpointEnabled: premium ? true : undefined,
      exportPolicyEnabled: premium && !publicAccess ? false : undefined,
      quarantinePolicyEnabled: premium ? (props.quarantinePolicy ?? false) : undefined,
      georeplications: geo.length > 0 ? geo.map((l) => ({ location: l, zoneRedundancyEnabled: props.zoneRedundancy ?? true })) : undefined,
      identity: identityBlock(props.managedIdentities),
      tags: props.tags,
    });
    this.id = this.resource.id;
    this.name = this.resource.name;
    this.loginServer = this.resource.loginServer;
    this.interfaces = applyAvmInterfaces(
      this,
      { resourceId: this.id, resourceName: name, location, resourceGroupName, defaultPrivateEndpointSubresource: 'registry' },
      props,
    );
  }

  /** AcrPull for `principalId` (a web app's managed identity) on this registry. */
  grantPull(principalId: string, principalType: PrincipalType = 'ServicePrincipal'): Grant {
    return grantRole(this, this.id, BuiltInRoles.acrPull, principalId, principalType);
  }

  /** AcrPush (push and pull) for `principalId` (a CI identity) on this registry. */
  grantPush(principalId: string, principalType: PrincipalType = 'ServicePrincipal'): Grant {
    return grantRole(this, this.id, BuiltInRoles.acrPush, principalId, principalType);
  }
}
