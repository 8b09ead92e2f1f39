import { KeyVault as KeyVaultResource } from '@cdktf/provider-azurerm/lib/key-vault';
import { KeyVaultSecret } from '@cdktf/provider-azurerm/lib/key-vault-secret';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { Password } from '@cdktf/provider-random/lib/password';
import { Fn, Token } from 'cdktf';
import { Construct } from 'constructs';
import { AzureStack } from '../../core/azure-stack';
import { isCidr } from '../../core/cidr';
import { ensure, Rule, validateProps } from '../../core/validation';
import { grantRole } from '../core/grants';
import { AppliedAvmInterfaces, applyAvmInterfaces, AvmCommonProps, BuiltInRoles, DiagnosticSettingsProps, PrincipalType, PrivateEndpointsProps } from '../core/interfaces';
import { AzureResourceProps, resolvePlacement } from '../core/placement';
import { randomProvider } from '../../core/random';

/** Network ACLs of the vault's public endpoint. */
export interface KeyVaultNetworkAcls {
  /**
   * Public IPv4 addresses or CIDR ranges allowed through (e.g. the CI runner's egress).
   * @default none
   */
  readonly ipRules?: string[];
  /**
   * Subnets (with the `Microsoft.KeyVault` service endpoint) allowed through.
   * @default none
   */
  readonly virtualNetworkSubnetIds?: string[];
  /**
   * Let trusted Azure services (Azure Backup, Disk Encryption, ...) bypass the ACLs.
   * @default true
   */
  readonly bypassAzureServices?: boolean;
}

export interface KeyVaultProps extends AzureResourceProps, AvmCommonProps, DiagnosticSettingsProps, PrivateEndpointsProps {
  /**
   * `standard` or `premium` (HSM-backed keys).
   * @default 'standard'
   */
  readonly sku?: 'standard' | 'premium';
  /**
   * Days a deleted vault, secret or key stays recoverable, 7–90.
   * @default 90
   */
  readonly softDeleteRetentionDays?: number;
  /**
   * Purge protection: nobody can purge soft-deleted data before the retention ends. Cannot be turned off once on.
   * @default true in the `prod` environment, false elsewhere
   */
  readonly purgeProtection?: boolean;
  /**
   * Expose the vault's public endpoint (still filtered by `networkAcls`, default action Deny).
   * Without it only private endpoints reach the data plane, so Terraform must run inside the network to write secrets.
   * @default false
   */
  readonly publicNetworkAccess?: boolean;
  /**
   * Who gets through the public endpoint; everything else is denied.
   * @default deny all, trusted Azure services bypass
   */
  readonly networkAcls?: KeyVaultNetworkAcls;
  /**
   * Give the principal running Terraform the Key Vault Secrets Officer role on
   * this vault (needed to write the secrets added with `addSecret` / `addGeneratedSecret`).
   * @default true when the vault holds secrets managed here
   */
  readonly deployerSecretsOfficer?: boolean;
}

/** Options of a generated password secret. */
export interface GeneratedSecretOptions {
  /**
   * Password length, 16–256.
   * @default 32
   */
  readonly length?: number;
  /**
   * Include special characters.
   * @default true
   */
  readonly special?: boolean;
  /**
   * The special characters to draw from (e.g. `-_` for URL-safe secrets).
   * @default random's default set `!@#$%&*()-_=+[]{}<>:?`
   */
  readonly overrideSpecial?: string;
  /**
   * At least this many of each character class in use (upper, lower, digit, special).
   * @default 1
   */
  readonly minPerClass?: number;
  /**
   * Secret options (content type, expiry).
   * @default `text/plain`, expiring 365 days after creation
   */
  readonly secret?: SecretOptions;
}

/** Options of a Key Vault secret. */
export interface SecretOptions {
  /**
   * MIME-ish content type shown in the portal.
   * @default 'text/plain'
   */
  readonly contentType?: string;
  /**
   * Fixed expiry date (RFC 3339, `2027-01-01T00:00:00Z`).
   * @default `expiresAfterDays` from creation
   */
  readonly expirationDate?: string;
  /**
   * Days from creation until the secret expires, set once at creation
   * (`timeadd(timestamp())` with the attribute ignored afterwards; rotate by
   * replacing the secret). Ignored when `expirationDate` is set.
   * @default 365
   */
  readonly expiresAfterDays?: number;
  /**
   * Tags of the secret.
   * @default none
   */
  readonly tags?: Record<string, string>;
}

/** A secret written by this construct. */
export interface VaultSecret {
  readonly secret: KeyVaultSecret;
  /** Secret name. */
  readonly name: string;
  /** Versionless URI: always resolves to the latest version. */
  readonly versionlessId: string;
  /** `@Microsoft.KeyVault(SecretUri=<versionless uri>)`: an App Service / Functions app setting value. */
  readonly appSettingReference: string;
  /**
   * The generator, for `addGeneratedSecret` (its `result` is sensitive: pass it to
   * a resource, e.g. a database administrator password, never print it).
   * @default undefined for `addSecret`
   */
  readonly password?: Password;
}

const SECRET_NAME = /^[0-9A-Za-z-]{1,127}$/;

const RULES: Rule<KeyVaultProps>[] = [
  {
    rule: 'softDeleteRetentionDays must be an integer between 7 and 90',
    check: (p) => (p.softDeleteRetentionDays !== undefined && !(Number.isInteger(p.softDeleteRetentionDays) && p.softDeleteRetentionDays >= 7 && p.softDeleteRetentionDays <= 90) ? p.softDeleteRetentionDays : undefined),
  },
  { rule: 'sku must be standard or premium', check: (p) => (p.sku !== undefined && !['standard', 'premium'].includes(p.sku) ? p.sku : undefined) },
  {
    rule: 'networkAcls.ipRules must be IPv4 addresses or CIDR blocks',
    check: (p) => (p.networkAcls?.ipRules ?? []).find((ip) => !Token.isUnresolved(ip) && !isCidr(ip.includes('/') ? ip : `${ip}/32`)),
  },
  {
    rule: 'networkAcls only apply with publicNetworkAccess: true',
    check: (p) => (!p.publicNetworkAccess && ((p.networkAcls?.ipRules ?? []).length > 0 || (p.networkAcls?.virtualNetworkSubnetIds ?? []).length > 0) ? p.networkAcls : undefined),
  },
];

/**
 * A Key Vault with RBAC authorization (no access policies), soft delete
 * (90 days by default, 7–90 validated), purge protection in prod, the public
 * endpoint off (or filtered by ACLs with default action Deny), and
 * secrets generated with `random_password` so no value appears in the
 * synthesized JSON. `grantSecretsRead` gives an identity the Key Vault
 * Secrets User role.
 */
export class KeyVault extends Construct {
  public readonly resource: KeyVaultResource;
  public readonly id: string;
  public readonly name: string;
  /** `https://<name>.vault.azure.net/`. */
  public readonly vaultUri: string;
  public readonly purgeProtection: boolean;
  public readonly interfaces: AppliedAvmInterfaces;
  private readonly secrets: VaultSecret[] = [];
  private readonly deployerSecretsOfficer: boolean;
  private deployerAssignment?: RoleAssignment;

  constructor(scope: Construct, id: string, props: KeyVaultProps = {}) {
    super(scope, id);
    validateProps(this, props, RULES);
    const { stack, name, location, resourceGroupName } = resolvePlacement(this, 'keyVault', props, 'Microsoft.KeyVault');
    this.purgeProtection = props.purgeProtection ?? stack.isProduction;
    this.deployerSecretsOfficer = props.deployerSecretsOfficer ?? true;
    const acls = props.networkAcls ?? {};

    this.resource = new KeyVaultResource(this, 'Resource', {
      name,
      location,
      resourceGroupName,
      tenantId: stack.tenantId,
      skuName: props.sku ?? 'standard',
      rbacAuthorizationEnabled: true,
      softDeleteRetentionDays: props.softDeleteRetentionDays ?? 90,
      purgeProtectionEnabled: this.purgeProtection,
      publicNetworkAccessEnabled: props.publicNetworkAccess ?? false,
      enabledForDeployment: false,
      enabledForDiskEncryption: false,
      enabledForTemplateDeployment: false,
      networkAcls: {
        defaultAction: 'Deny',
        bypass: (acls.bypassAzureServices ?? true) ? 'AzureServices' : 'None',
        ipRules: acls.ipRules,
        virtualNetworkSubnetIds: acls.virtualNetworkSubnetIds,
      },
      tags: props.tags,
    });
    this.id = this.resource.id;
    this.name = this.resource.name;
    this.vaultUri = this.resource.vaultUri;
    this.interfaces = applyAvmInterfaces(
      this,
      { resourceId: this.id, resourceName: name, location, resourceGroupName, defaultPrivateEndpointSubresource: 'vault' },
      props,
    );
  }

  /**
   * Generates a password with `random_password` and stores it as a secret.
   * The value lives only in Terraform state and Key Vault, never in the
   * synthesized configuration.
   */
  addGeneratedSecret(name: string, options: GeneratedSecretOptions = {}): VaultSecret {
    this.checkSecretName(name);
    const length = options.length ?? 32;
    const min = options.minPerClass ?? 1;
    ensure(this, Number.isInteger(length) && length >= 16 && length <= 256, `generated secret ${name}: length must be an integer between 16 and 256`, length);
    ensure(this, Number.isInteger(min) && min >= 0 && min * 4 <= length, `generated secret ${name}: minPerClass must be an integer from 0 to a quarter of the length`, min);
    const special = options.special ?? true;
    const password = new Password(this, `${name}-password`, {
      provider: randomProvider(this),
      length,
      special,
      overrideSpecial: special ? options.overrideSpecial : undefined,
      minUpper: min,
      minLower: min,
      minNumeric: min,
      minSpecial: special ? min : 0,
    });
    return this.storeSecret(name, password.result, options.secret ?? {}, password);
  }

  /**
   * Stores a value computed by Terraform (a connection string built from
   * resource attributes, say) as a secret. Literal strings are refused: a
   * literal would end up in the synthesized JSON.
   */
  addSecret(name: string, value: string, options: SecretOptions = {}): VaultSecret {
    this.checkSecretName(name);
    ensure(this, Token.isUnresolved(value), `secret ${name} must get its value from a resource attribute or function (a token), never a literal`, '<literal withheld>');
    return this.storeSecret(name, value, options);
  }

  /** Key Vault Secrets User (read secret values) for `principalId` on this vault. */
  grantSecretsRead(principalId: string, principalType: PrincipalType = 'ServicePrincipal'): RoleAssignment {
    return grantRole(this, this.id, BuiltInRoles.keyVaultSecretsUser, principalId, principalType);
  }

  /** Key Vault Secrets Officer (read and write secrets) for `principalId` on this vault. */
  grantSecretsWrite(principalId: string, principalType: PrincipalType = 'ServicePrincipal'): RoleAssignment {
    return grantRole(this, this.id, BuiltInRoles.keyVaultSecretsOfficer, principalId, principalType);
  }

  /** Secrets added so far. */
  get secretList(): readonly VaultSecret[] {
    return this.secrets;
  }

  private checkSecretName(name: string): void {
    ensure(this, SECRET_NAME.test(name), 'secret name must be 1-127 letters, digits and hyphens', name);
    ensure(this, !this.secrets.some((s) => s.name === name), 'secret names must be unique in a vault', name);
  }

  private storeSecret(name: string, value: string, options: SecretOptions, password?: Password): VaultSecret {
    const days = options.expiresAfterDays ?? 365;
    ensure(this, Number.isInteger(days) && days > 0, `secret ${name}: expiresAfterDays must be a positive integer`, days);
    if (options.expirationDate !== undefined) {
      ensure(this, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(options.expirationDate), `secret ${name}: expirationDate must be an RFC 3339 UTC date such as 2027-01-01T00:00:00Z`, options.expirationDate);
    }
    if (this.deployerSecretsOfficer && !this.deployerAssignment) {
      this.deployerAssignment = addDeployerAssignment(this);
    }
    const secret = new KeyVaultSecret(this, `${name}-secret`, {
      name,
      keyVaultId: this.id,
      value,
      contentType: options.contentType ?? 'text/plain',
      expirationDate: options.expirationDate ?? Fn.timeadd(Fn.timestamp(), `${days * 24}h`),
      lifecycle: options.expirationDate === undefined ? { ignoreChanges: ['expiration_date'] } : undefined,
      tags: options.tags,
      dependsOn: this.deployerAssignment ? [this.deployerAssignment] : undefined,
    });
    const entry: VaultSecret = {
      secret,
      name,
      versionlessId: secret.versionlessId,
      appSettingReference: `@Microsoft.KeyVault(SecretUri=${secret.versionlessId})`,
      password,
    };
    this.secrets.push(entry);
    return entry;
  }
}

function addDeployerAssignment(vault: KeyVault): RoleAssignment {
  // The deployer may be a user or a service principal: let Azure look the type up.
  return grantRole(vault, vault.id, BuiltInRoles.keyVaultSecretsOfficer, AzureStack.of(vault).deployerObjectId, undefined, 'lets Terraform write the secrets it manages');
}
