import { CognitiveAccount } from '@cdktf/provider-azurerm/lib/cognitive-account';
import { CognitiveDeployment } from '@cdktf/provider-azurerm/lib/cognitive-deployment';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { Construct } from 'constructs';
import { Rule, validateProps, firstDuplicate, requireProps } from '../../core/validation';
import { grantRole } from '../core/grants';
import { AppliedAvmInterfaces, applyAvmInterfaces, AvmCommonProps, DiagnosticSettingsProps, identityBlock, ManagedIdentitiesProps, PrincipalType, PrivateEndpointsProps } from '../core/interfaces';
import { AzureResourceProps, resolvePlacement } from '../core/placement';

/** A model deployment. */
export interface OpenAiDeploymentSpec {
  /** Deployment name the clients use (`gpt-4o-mini`). */
  readonly name: string;
  /** Model name, e.g. `gpt-4o-mini`. */
  readonly model: string;
  /** Model version, e.g. `2024-07-18`. */
  readonly version: string;
  /**
   * Deployment type: `Standard` (regional, pay as you go), `GlobalStandard`, `DataZoneStandard`, `ProvisionedManaged`.
   * @default 'Standard'
   */
  readonly sku?: 'Standard' | 'GlobalStandard' | 'DataZoneStandard' | 'ProvisionedManaged';
  /**
   * Capacity in thousands of tokens per minute (pay as you go) or PTUs (provisioned).
   * @default 10
   */
  readonly capacity?: number;
}

export interface OpenAiAccountProps extends AzureResourceProps, AvmCommonProps, DiagnosticSettingsProps, PrivateEndpointsProps, ManagedIdentitiesProps {
  /**
   * Model deployments.
   * @default none
   */
  readonly deployments?: OpenAiDeploymentSpec[];
  /**
   * Expose the public endpoint.
   * @default false (private endpoints)
   */
  readonly publicNetworkAccess?: boolean;
  /**
   * Allow API keys; off means Entra ID tokens only (managed identities).
   * @default false
   */
  readonly localAuth?: boolean;
  /**
   * The only hosts the account itself may call (data sources of "on your data", say); outbound access is restricted.
   * @default the account's own host: no outbound destination
   */
  readonly allowedOutboundFqdns?: string[];
}

/** Entries of a list-or-map prop (the AVM interfaces accept both forms). */
const countOf = (x: unknown): number => (Array.isArray(x) ? x.length : x && typeof x === 'object' ? Object.keys(x).length : 0);

const RULES: Rule<OpenAiAccountProps>[] = [
  { rule: 'deployment names must be 2-64 letters, digits, hyphens, underscores or periods', check: (p) => (p.deployments ?? []).map((d) => d.name).find((n) => !/^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$/.test(n)) },
  { rule: 'deployment names must be unique', check: (p) => firstDuplicate((p.deployments ?? []).map((d) => d.name)) },
  { rule: 'deployment capacity must be a positive integer', check: (p) => (p.deployments ?? []).map((d) => d.capacity).find((c) => c !== undefined && !(Number.isInteger(c) && c > 0)) },
  { rule: 'a private account (publicNetworkAccess false) needs a private endpoint to be reachable', check: (p) => (p.publicNetworkAccess !== true && countOf(p.privateEndpoints) === 0 ? 'privateEndpoints' : undefined) },
];

/**
 * An Azure OpenAI account (`kind: OpenAI`, S0, pay as you go) with its custom
 * subdomain, a system-assigned identity unless told, Entra ID authentication only (API keys off), restricted
 * outbound access, the public endpoint
 * off behind private endpoints, and model deployments. `grantUse` gives an
 * identity the Cognitive Services OpenAI User role.
 */
export class OpenAiAccount extends Construct {
  public readonly resource: CognitiveAccount;
  public readonly id: string;
  public readonly name: string;
  /** `https://<name>.openai.azure.com/`. */
  public readonly endpoint: string;
  public readonly deployments: Record<string, CognitiveDeployment> = {};
  public readonly interfaces: AppliedAvmInterfaces;

  constructor(scope: Construct, id: string, props: OpenAiAccountProps = {}) {
    super(scope, id);
    requireProps(this, props, []);
    validateProps(this, props, RULES);
    const { name, location, resourceGroupName } = resolvePlacement(this, 'cognitiveAccount', props, 'Microsoft.CognitiveServices');
    const publicAccess = props.publicNetworkAccess ?? false;
    this.resource = new CognitiveAccount(this, 'Resource', {
      name,
      location,
      resourceGroupName,
      kind: 'OpenAI',
      skuName: 'S0',
      customSubdomainName: name,
      localAuthEnabled: props.localAuth ?? false,
      publicNetworkAccessEnabled: publicAccess,
      outboundNetworkAccessRestricted: true,
      fqdns: props.allowedOutboundFqdns ?? [`${name}.openai.azure.com`],
      networkAcls: { defaultAction: 'Deny', bypass: 'AzureServices' },
      identity: identityBlock(props.managedIdentities ?? { systemAssigned: true }),
      tags: props.tags,
    });
    this.id = this.resource.id;
    this.name = this.resource.name;
    this.endpoint = this.resource.endpoint;
    let previous: CognitiveDeployment | undefined;
    for (const d of props.deployments ?? []) {
      // One deployment at a time: the account rejects concurrent deployment writes.
      previous = new CognitiveDeployment(this, `Deployment-${d.name}`, {
        name: d.name,
        cognitiveAccountId: this.id,
        model: { format: 'OpenAI', name: d.model, version: d.version },
        sku: { name: d.sku ?? 'Standard', capacity: d.capacity ?? 10 },
        versionUpgradeOption: 'NoAutoUpgrade',
        dependsOn: previous ? [previous] : undefined,
      });
      this.deployments[d.name] = previous;
    }
    this.interfaces = applyAvmInterfaces(this, { resourceId: this.id, resourceName: name, location, resourceGroupName, defaultPrivateEndpointSubresource: 'account' }, props);
  }

  /** Cognitive Services OpenAI User (call the deployments) for `principalId`. */
  grantUse(principalId: string, principalType: PrincipalType = 'ServicePrincipal'): RoleAssignment {
    return grantRole(this, this.id, 'Cognitive Services OpenAI User', principalId, principalType);
  }
}
