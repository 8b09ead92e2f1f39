import { DataAzurermKeyVault } from '@cdktf/provider-azurerm/lib/data-azurerm-key-vault';
import { KeyVault as KeyVaultResource } from '@cdktf/provider-azurerm/lib/key-vault';
import { KeyVaultSecret } from '@cdktf/provider-azurerm/lib/key-vault-secret';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { Password } from '@cdktf/provider-random/lib/password';
import { Fn, Token } from 'cdktf';
import { Construct } from 'constructs';
import { AzureStack } from '../azure-stack';
import { isCidr } from '../../core/cidr';
import { ensure, Rule, validateProps, ValidationError, requireProps } from '../../core/validation';
import { Grant, grantRole } from '../core/grants';
import { AppliedAvmInterfaces, applyAvmInterfaces, AvmCommonProps, BuiltInRoles, DiagnosticSettingsProps, PrincipalType, PrivateEndpointsProps, specList } from '../core/interfaces';
import { AzureResourceProps, resolvePlacement } from '../core/placement';
import { randomProvider } from '../../core/random';
import { Policy } from '../../policy';

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

/**
 * Where the principal running Terraform reaches the vault from. Secrets added
 * with `addSecret` / `addGeneratedSecret` are written through the vault's data
 * plane during apply, so the deployer must get through its network rules.
 */
export interface KeyVaultDeployer {
  /**
   * Public IPv4 addresses or CIDR ranges Terraform runs from (CI runner egress,
   * an admin's address). Added to `networkAcls.ipRules`, and they turn the
   * public endpoint on (filtered, default action Deny).
   * @default none
   */
  readonly ipRanges?: string[];
  /**
   * Terraform runs inside the vault's network (a self-hosted runner in the
   * VNet or a peered one, VPN) and reaches it through a private endpoint or a
   * subnet in `networkAcls.virtualNetworkSubnetIds`.
   * @default false
   */
  readonly runsInsideVnet?: boolean;
}

/** A Key Vault: one made here ({@link KeyVault}) or an existing one ({@link KeyVault.fromAttributes}, {@link KeyVault.fromName}). */
export interface IKeyVault {
  /** ARM resource id. */
  readonly id: string;
  readonly name: string;
  /** `https://<name>.vault.azure.net/`. */
  readonly vaultUri: string;
  /** Key Vault Secrets User (read secret values) for `principalId` on this vault. */
  grantSecretsRead(principalId: string, principalType?: PrincipalType): Grant;
  /** Key Vault Secrets Officer (read and write secrets) for `principalId` on this vault. */
  grantSecretsWrite(principalId: string, principalType?: PrincipalType): Grant;
}

/** What identifies an existing vault. */
export interface KeyVaultAttributes {
  /** ARM resource id. */
  readonly id: string;
  readonly name: string;
  /**
   * Vault URI.
   * @default `https://<name>.vault.azure.net/`
   */
  readonly vaultUri?: string;
}

class ImportedKeyVault extends Construct implements IKeyVault {
  constructor(
    scope: Construct,
    id: string,
    private readonly attrs: KeyVaultAttributes,
  ) {
    super(scope, id);
  }
  get id(): string {
    return this.attrs.id;
  }
  get name(): string {
    return this.attrs.name;
  }
  get vaultUri(): string {
    return this.attrs.vaultUri ?? `https://${this.attrs.name}.vault.azure.net/`;
  }
  grantSecretsRead(principalId: string, principalType: PrincipalType = 'ServicePrincipal'): Grant {
    return grantRole(this, this.id, BuiltInRoles.keyVaultSecretsUser, principalId, principalType);
  }
  grantSecretsWrite(principalId: string, principalType: PrincipalType = 'ServicePrincipal'): Grant {
    return grantRole(this, this.id, BuiltInRoles.keyVaultSecretsOfficer, principalId, principalType);
  }
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
   * @default true when the stack's stage is `production` (`isProduction`), false otherwise
   */
  readonly purgeProtection?: boolean;
  /**
   * Expose the vault's public endpoint (still filtered by `networkAcls`, default action Deny).
   * Without it only private endpoints reach the data plane, so Terraform must run inside the network to write secrets.
   * @default true when `deployer.ipRanges` are given, false otherwise
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
  /**
   * Where Terraform runs from. Required (an IP range, or `runsInsideVnet`) once
   * the vault holds secrets written here and its network rules would keep the
   * deployer out: synth fails otherwise, naming what to set.
   * @default none declared
   */
  readonly deployer?: KeyVaultDeployer;
  /**
   * Give secrets without an explicit `expirationDate` an expiry `expiresAfterDays` after creation.
   * That expiry is set once and then ignored (`ignore_changes`), so nothing renews it: after a year
   * the secret is flagged expired while still in use. With `false`, secrets Terraform owns carry no
   * expiry: they are rotated by Terraform (replace the `random_password`, or change the attribute a
   * computed secret is built from), and the expiry policy (AZ-KV-005 / CKV_AZURE_41) is excused on them
   * with that reason. An explicit `expirationDate` is always honoured (and updated when changed).
   * @default true (kept for compatibility; prefer false for secrets Terraform generates)
   */
  readonly expireSecrets?: boolean;
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
   * @default `text/plain`, expiring 365 days after creation (no expiry with the vault's `expireSecrets: false`)
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
   * replacing the secret). Ignored when `expirationDate` is set, or when the vault has `expireSecrets: false`.
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
   * The vault holding the secret (what `AppSetting.fromKeyVaultSecret` grants read on).
   * @default set by `KeyVault.addSecret` / `addGeneratedSecret`
   */
  readonly vault?: IKeyVault;
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
    rule: 'deployer.ipRanges must be IPv4 addresses or CIDR blocks',
    check: (p) => (p.deployer?.ipRanges ?? []).find((ip) => !Token.isUnresolved(ip) && !isCidr(ip.includes('/') ? ip : `${ip}/32`)),
  },
  {
    rule: 'deployer.ipRanges need the public endpoint: drop publicNetworkAccess: false, or use deployer.runsInsideVnet',
    check: (p) => (p.publicNetworkAccess === false && (p.deployer?.ipRanges ?? []).length > 0 ? p.deployer!.ipRanges : undefined),
  },
  {
    rule: 'deployer.runsInsideVnet needs a way in from the network: privateEndpoints or networkAcls.virtualNetworkSubnetIds',
    check: (p) => (p.deployer?.runsInsideVnet && specList(p.privateEndpoints).length === 0 && (p.networkAcls?.virtualNetworkSubnetIds ?? []).length === 0 ? p.deployer : undefined),
  },
  {
    rule: 'networkAcls only apply with publicNetworkAccess: true',
    check: (p) => (!(p.publicNetworkAccess ?? (p.deployer?.ipRanges ?? []).length > 0) && ((p.networkAcls?.ipRules ?? []).length > 0 || (p.networkAcls?.virtualNetworkSubnetIds ?? []).length > 0) ? p.networkAcls : undefined),
  },
];

/**
 * A Key Vault with RBAC authorization (no access policies), soft delete
 * (90 days by default, 7–90 validated), purge protection in production stages, the public
 * endpoint off (or filtered by ACLs with default action Deny), and
 * secrets generated with `random_password` so no value appears in the
 * synthesized JSON. `grantSecretsRead` gives an identity the Key Vault
 * Secrets User role.
 */
export class KeyVault extends Construct implements IKeyVault {
  public readonly resource: KeyVaultResource;
  public readonly id: string;
  public readonly name: string;
  /** `https://<name>.vault.azure.net/`. */
  public readonly vaultUri: string;
  public readonly purgeProtection: boolean;
  public readonly interfaces: AppliedAvmInterfaces;
  private readonly secrets: VaultSecret[] = [];
  private readonly deployerSecretsOfficer: boolean;
  private readonly expireSecrets: boolean;
  private deployerAssignment?: RoleAssignment;

  /** An existing vault by its id and name (no lookup): grant on it, reference its secrets. */
  static fromAttributes(scope: Construct, id: string, attrs: KeyVaultAttributes): IKeyVault {
    return new ImportedKeyVault(scope, id, attrs);
  }

  /**
   * An existing vault looked up by name (an `azurerm_key_vault` data source).
   * @param resourceGroupName the vault's resource group (default: the stack's)
   */
  static fromName(scope: Construct, id: string, name: string, resourceGroupName?: string): IKeyVault {
    const holder = new Construct(scope, id);
    const data = new DataAzurermKeyVault(holder, 'Lookup', { name, resourceGroupName: resourceGroupName ?? AzureStack.of(scope).resourceGroupName });
    return new ImportedKeyVault(holder, 'Imported', { id: data.id, name: data.name, vaultUri: data.vaultUri });
  }

  constructor(scope: Construct, id: string, props: KeyVaultProps = {}) {
    super(scope, id);
    requireProps(this, props, []);
    validateProps(this, props, RULES);
    const { stack, name, location, resourceGroupName } = resolvePlacement(this, 'keyVault', props, 'Microsoft.KeyVault');
    this.purgeProtection = props.purgeProtection ?? stack.isProduction;
    this.deployerSecretsOfficer = props.deployerSecretsOfficer ?? true;
    this.expireSecrets = props.expireSecrets ?? true;
    const acls = props.networkAcls ?? {};
    const deployerIps = props.deployer?.ipRanges ?? [];
    const ipRules = [...(acls.ipRules ?? []), ...deployerIps.filter((ip) => !(acls.ipRules ?? []).includes(ip))];
    const publicAccess = props.publicNetworkAccess ?? deployerIps.length > 0;

    this.resource = new KeyVaultResource(this, 'Resource', {
      name,
      location,
      resourceGroupName,
      tenantId: stack.tenantId,
      skuName: props.sku ?? 'standard',
      rbacAuthorizationEnabled: true,
      softDeleteRetentionDays: props.softDeleteRetentionDays ?? 90,
      purgeProtectionEnabled: this.purgeProtection,
      publicNetworkAccessEnabled: publicAccess,
      enabledForDeployment: false,
      enabledForDiskEncryption: false,
      enabledForTemplateDeployment: false,
      networkAcls: {
        defaultAction: 'Deny',
        bypass: (acls.bypassAzureServices ?? true) ? 'AzureServices' : 'None',
        ipRules: ipRules.length > 0 ? ipRules : undefined,
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
    // Secrets are added after construction, so whether the deployer can write them is checked at synth.
    const runsInside = props.deployer?.runsInsideVnet ?? false;
    this.node.addValidation({
      validate: () =>
        this.secrets.length > 0 && !runsInside && ipRules.length === 0
          ? [
              new ValidationError(
                this.node.path,
                `Terraform writes ${this.secrets.length} secret(s) into this vault through its data plane, but ${publicAccess ? 'its public endpoint allows no IP' : 'its public endpoint is off'} and no deployer network is declared: set deployer.ipRanges (the public IPs Terraform runs from) or deployer.runsInsideVnet: true (Terraform runs in the vault's network)`,
                this.secrets.map((x) => x.name),
              ).message,
            ]
          : [],
    });
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
  grantSecretsRead(principalId: string, principalType: PrincipalType = 'ServicePrincipal'): Grant {
    return grantRole(this, this.id, BuiltInRoles.keyVaultSecretsUser, principalId, principalType);
  }

  /** Key Vault Secrets Officer (read and write secrets) for `principalId` on this vault. */
  grantSecretsWrite(principalId: string, principalType: PrincipalType = 'ServicePrincipal'): Grant {
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
    const rolling = options.expirationDate === undefined && this.expireSecrets;
    const secret = new KeyVaultSecret(this, `${name}-secret`, {
      name,
      keyVaultId: this.id,
      value,
      contentType: options.contentType ?? 'text/plain',
      expirationDate: options.expirationDate ?? (rolling ? Fn.timeadd(Fn.timestamp(), `${days * 24}h`) : undefined),
      lifecycle: rolling ? { ignoreChanges: ['expiration_date'] } : undefined,
      tags: options.tags,
      dependsOn: this.deployerAssignment ? [this.deployerAssignment] : undefined,
    });
    if (options.expirationDate === undefined && !this.expireSecrets) {
      Policy.suppressCheckov(
        secret,
        'CKV_AZURE_41',
        password
          ? 'generated by Terraform (random_password) and rotated by replacing it; an expiry Terraform would have to ignore renews nothing'
          : 'computed by Terraform from the resource it describes and rewritten whenever that changes; an expiry Terraform would have to ignore renews nothing',
      );
    }
    const entry: VaultSecret = {
      secret,
      name,
      versionlessId: secret.versionlessId,
      appSettingReference: `@Microsoft.KeyVault(SecretUri=${secret.versionlessId})`,
      vault: this,
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
