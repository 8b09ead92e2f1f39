import { AcmCertificate } from '@cdktf/provider-aws/lib/acm-certificate';
import { AcmCertificateValidation } from '@cdktf/provider-aws/lib/acm-certificate-validation';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { TerraformIterator, Token } from 'cdktf';
import { Construct } from 'constructs';
import { Rule, validateProps } from '../../core/validation';
import { requireProps } from '../../core/validation';
import type { IHostedZone } from '../dns/hosted-zone';
import { DOMAIN_NAME, isInZone } from '../dns/names';

export { DOMAIN_NAME };

/** How ACM learns that we own the names. */
export type CertificateValidation = 'dns' | 'manual';

export interface CertificateProps {
  /** Domain the certificate is for, e.g. `api.example.com`. */
  readonly domainName: string;
  /**
   * More names on the same certificate.
   * @default none
   */
  readonly subjectAlternativeNames?: string[];
  /**
   * Route 53 public hosted zone that holds the names: the DNS validation records are
   * created there and `certificateArn` waits until ACM has issued the certificate.
   * Required with `validation: 'dns'`.
   * @default none (only allowed with `validation: 'manual'`)
   */
  readonly hostedZone?: IHostedZone;
  /**
   * `dns`: the validation records are created in `hostedZone` and consumers get the ARN once issued.
   * `manual`: no records; publish `certificate.domainValidationOptions` yourself (output them):
   * until then the certificate stays pending and every listener or distribution using it fails to apply.
   * @default 'dns'
   */
  readonly validation?: CertificateValidation;
  /**
   * Region the certificate lives in (AWS provider 6 per-resource Region, no aliased provider needed):
   * CloudFront only takes certificates from `us-east-1`.
   * @default the stack's Region
   */
  readonly region?: string;
}

const RULES: Rule<CertificateProps>[] = [
  {
    rule: 'domain names must be lowercase DNS names such as app.example.com (a leading *. is allowed)',
    check: (p) => [p.domainName, ...(p.subjectAlternativeNames ?? [])].find((d) => !DOMAIN_NAME.test(d)),
  },
  {
    rule: "a DNS-validated certificate needs a hostedZone for its validation records (pass HostedZone.fromLookup(...) or a new HostedZone, or set validation: 'manual' and publish the records yourself)",
    check: (p) => ((p.validation ?? 'dns') === 'dns' && !p.hostedZone ? p.domainName : undefined),
  },
  {
    rule: "validation 'manual' creates no records; drop hostedZone or use validation 'dns'",
    check: (p) => (p.validation === 'manual' && p.hostedZone ? p.hostedZone.zoneName : undefined),
  },
  {
    rule: (p) => `every name must lie in the hosted zone ${p.hostedZone?.zoneName}`,
    check: (p) => (p.hostedZone ? [p.domainName, ...(p.subjectAlternativeNames ?? [])].find((d) => !isInZone(d, p.hostedZone!.zoneName)) : undefined),
  },
];

/**
 * A public ACM certificate validated through DNS. The validation records are
 * created in the hosted zone and the certificate ARN is only handed out once
 * ACM has issued it, so listeners and distributions never see a pending
 * certificate; without a zone the construct refuses to synthesize unless
 * `validation: 'manual'` says the records are published by hand. Replaced
 * before destroyed, so renaming does not break HTTPS. With `region` (CloudFront:
 * us-east-1) the certificate and its validation live there, the records in the
 * same global zone.
 */
export class Certificate extends Construct {
  public readonly certificate: AcmCertificate;
  /** ARN of the issued certificate (of the requested, maybe pending, one with manual validation). */
  public readonly certificateArn: string;
  public readonly domainName: string;

  constructor(scope: Construct, id: string, props: CertificateProps) {
    super(scope, id);
    requireProps(this, props, ['domainName']);
    validateProps(this, props, RULES);
    this.domainName = props.domainName;
    this.certificate = new AcmCertificate(this, 'Resource', {
      domainName: props.domainName,
      subjectAlternativeNames: props.subjectAlternativeNames,
      validationMethod: 'DNS',
      keyAlgorithm: 'RSA_2048',
      region: props.region,
      lifecycle: { createBeforeDestroy: true },
      tags: { Name: props.domainName },
    });
    if (!props.hostedZone || props.validation === 'manual') {
      this.certificateArn = this.certificate.arn;
      return;
    }
    const options = TerraformIterator.fromComplexList(this.certificate.domainValidationOptions, 'domain_name');
    const records = new Route53Record(this, 'ValidationRecords', {
      forEach: options,
      zoneId: props.hostedZone.hostedZoneId,
      name: options.getString('resource_record_name'),
      type: options.getString('resource_record_type'),
      records: [options.getString('resource_record_value')],
      ttl: 300,
      allowOverwrite: true,
    });
    const validation = new AcmCertificateValidation(this, 'Validation', {
      certificateArn: this.certificate.arn,
      validationRecordFqdns: Token.asList(TerraformIterator.fromResources(records).pluckProperty('fqdn')),
      region: props.region,
    });
    this.certificateArn = validation.certificateArn;
  }
}
