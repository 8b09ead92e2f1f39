import { KeyVaultCertificate as KeyVaultCertificateResource } from '@cdktf/provider-azurerm/lib/key-vault-certificate';
import { Construct } from 'constructs';
import { AzureStack } from '../azure-stack';
import { Rule, validateProps, requireProps } from '../../core/validation';
import { grantRole } from '../core/grants';
import { KeyVault } from './key-vault';

export interface KeyVaultCertificateProps {
  /** The vault that issues and stores the certificate. */
  readonly vault: KeyVault;
  /** Certificate name: 1-127 letters, digits and hyphens. */
  readonly name: string;
  /** Subject, e.g. `CN=api.flowlite.example`. */
  readonly subject: string;
  /**
   * DNS names of the certificate.
   * @default the subject's CN
   */
  readonly dnsNames?: string[];
  /**
   * Issuer: `Self` (self-signed: a fresh deploy works without a CA), `Unknown` (you merge a CSR), or the name of an
   * issuer configured in the vault (DigiCert, GlobalSign, ...).
   * @default 'Self'
   */
  readonly issuer?: string;
  /**
   * Validity, 1-12 months for public CAs (up to 120 for self-signed).
   * @default 12
   */
  readonly validityInMonths?: number;
  /**
   * Renew this many days before expiry.
   * @default 30
   */
  readonly renewDaysBeforeExpiry?: number;
  /**
   * Tags of the certificate.
   * @default none
   */
  readonly tags?: Record<string, string>;
}

const RULES: Rule<KeyVaultCertificateProps>[] = [
  { rule: 'certificate name must be 1-127 letters, digits and hyphens', check: (p) => (/^[0-9A-Za-z-]{1,127}$/.test(p.name) ? undefined : p.name) },
  { rule: 'subject must start with CN=', check: (p) => (/^CN=[^,]+/.test(p.subject) ? undefined : p.subject) },
  {
    rule: (p) => `validityInMonths must be an integer between 1 and ${(p.issuer ?? 'Self') === 'Self' ? 120 : 12}`,
    check: (p) => {
      const v = p.validityInMonths ?? 12;
      const max = (p.issuer ?? 'Self') === 'Self' ? 120 : 12;
      return Number.isInteger(v) && v >= 1 && v <= max ? undefined : v;
    },
  },
  {
    rule: 'renewDaysBeforeExpiry must be an integer of at least 1 and less than the validity',
    check: (p) => {
      const d = p.renewDaysBeforeExpiry ?? 30;
      return Number.isInteger(d) && d >= 1 && d < (p.validityInMonths ?? 12) * 28 ? undefined : d;
    },
  },
];

/**
 * A TLS certificate issued and auto-renewed by Key Vault (RSA 2048,
 * exportable so an Application Gateway can load it, PKCS#12). The issuer is
 * configurable; `Self` gives a self-signed certificate so a fresh deployment
 * works before a CA or a real domain is set up. The principal running
 * Terraform gets Key Vault Certificates Officer on the vault.
 * `secretId` (versionless) is what an Application Gateway listener takes.
 */
export class KeyVaultCertificate extends Construct {
  public readonly resource: KeyVaultCertificateResource;
  public readonly id: string;
  public readonly name: string;
  /** Versionless secret id: consumers follow renewals. */
  public readonly secretId: string;

  constructor(scope: Construct, id: string, props: KeyVaultCertificateProps) {
    super(scope, id);
    requireProps(this, props, ['vault', 'name', 'subject']);
    validateProps(this, props, RULES);
    const officer = grantRole(props.vault, props.vault.id, 'Key Vault Certificates Officer', AzureStack.of(this).deployerObjectId, undefined, 'lets Terraform issue the certificates it manages');
    const cn = props.subject.replace(/^CN=/, '').split(',')[0];
    this.resource = new KeyVaultCertificateResource(this, 'Resource', {
      name: props.name,
      keyVaultId: props.vault.id,
      certificatePolicy: {
        issuerParameters: { name: props.issuer ?? 'Self' },
        keyProperties: { exportable: true, keyType: 'RSA', keySize: 2048, reuseKey: false },
        secretProperties: { contentType: 'application/x-pkcs12' },
        lifetimeAction: [{ action: { actionType: 'AutoRenew' }, trigger: { daysBeforeExpiry: props.renewDaysBeforeExpiry ?? 30 } }],
        x509CertificateProperties: {
          subject: props.subject,
          validityInMonths: props.validityInMonths ?? 12,
          keyUsage: ['digitalSignature', 'keyEncipherment'],
          extendedKeyUsage: ['1.3.6.1.5.5.7.3.1'],
          subjectAlternativeNames: { dnsNames: props.dnsNames ?? [cn] },
        },
      },
      tags: props.tags,
      dependsOn: [officer],
    });
    this.id = this.resource.id;
    this.name = this.resource.name;
    this.secretId = this.resource.versionlessSecretId;
  }
}
