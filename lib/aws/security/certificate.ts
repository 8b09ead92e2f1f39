import { AcmCertificate } from '@cdktf/provider-aws/lib/acm-certificate';
import { AcmCertificateValidation } from '@cdktf/provider-aws/lib/acm-certificate-validation';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { TerraformIterator, Token } from 'cdktf';
import { Construct } from 'constructs';
import { Rule, validateProps } from '../../core/validation';
import { requireProps } from '../../core/validation';

/** A DNS name: labels of letters, digits and hyphens, optionally a leading `*.`. */
export const DOMAIN_NAME = /^(\*\.)?(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

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
   * @default no records: validate the certificate yourself (its consumers fail until it is issued)
   */
  readonly hostedZoneId?: string;
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
];

/**
 * A public ACM certificate validated through DNS. With a hosted zone the
 * validation records are created and the certificate ARN is only handed out
 * once ACM has issued it, so listeners and distributions never see a pending
 * certificate. Replaced before destroyed, so renaming does not break HTTPS.
 */
export class Certificate extends Construct {
  public readonly certificate: AcmCertificate;
  /** ARN of the issued certificate (of the requested one without a hosted zone). */
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
    if (!props.hostedZoneId) {
      this.certificateArn = this.certificate.arn;
      return;
    }
    const options = TerraformIterator.fromComplexList(this.certificate.domainValidationOptions, 'domain_name');
    const records = new Route53Record(this, 'ValidationRecords', {
      forEach: options,
      zoneId: props.hostedZoneId,
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
