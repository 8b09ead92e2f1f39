import { CloudfrontDistribution, CloudfrontDistributionOrderedCacheBehavior, CloudfrontDistributionOrigin } from '@cdktf/provider-aws/lib/cloudfront-distribution';
import { CloudfrontFunction } from '@cdktf/provider-aws/lib/cloudfront-function';
import { CloudfrontOriginAccessControl } from '@cdktf/provider-aws/lib/cloudfront-origin-access-control';
import { CloudfrontResponseHeadersPolicy } from '@cdktf/provider-aws/lib/cloudfront-response-headers-policy';
import { CloudwatchLogDelivery } from '@cdktf/provider-aws/lib/cloudwatch-log-delivery';
import { CloudwatchLogDeliveryDestination } from '@cdktf/provider-aws/lib/cloudwatch-log-delivery-destination';
import { CloudwatchLogDeliverySource } from '@cdktf/provider-aws/lib/cloudwatch-log-delivery-source';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { AwsStack } from '../aws-stack';
import { Rule, validateProps } from '../../core/validation';
import type { IHostedZone } from '../dns/hosted-zone';
import { Certificate, CertificateValidation, DOMAIN_NAME } from '../security/certificate';
import { SecureBucket } from '../storage/secure-bucket';
import { requireProps } from '../../core/validation';
import { PolicyStatement } from '../security/policy';

/** IDs of the CloudFront managed policies used here (stable across accounts). */
export const MANAGED_POLICIES = {
  cachingOptimized: '658327ea-f89d-4fab-a63d-7e88639e58f6',
  cachingDisabled: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
  allViewerExceptHostHeader: 'b689b0a8-53d0-40ab-baf2-68738e2966ac',
} as const;

/** CloudFront reads certificates, web ACLs and vended-log sources in this Region only. */
export const CLOUDFRONT_REGION = 'us-east-1';

/** The Content-Security-Policy of a React build served from its own origin. */
export const DEFAULT_CSP = "default-src 'self'; img-src 'self' data: https:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self' https:; font-src 'self' data:; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

/** A second origin behind a path pattern (e.g. the API behind the ALB). */
export interface ApiOrigin {
  /** Host name CloudFront connects to over HTTPS (it must match the origin's certificate), e.g. `api.example.com`. */
  readonly domainName: string;
  /**
   * Paths routed to this origin, never cached; every method and viewer header but Host is forwarded.
   * @default ['/api/*']
   */
  readonly pathPatterns?: string[];
}

export interface SpaDistributionProps {
  /** Name prefix of the distribution's parts, e.g. `canalco-frontend-dev`. */
  readonly name: string;
  /** Name of the private bucket that holds the build (S3 naming rules apply). */
  readonly bucketName: string;
  /** Bucket for access logs: CloudFront's (standard logging v2, no ACLs needed) and the site bucket's server access logs. */
  readonly logsBucket: SecureBucket;
  /**
   * Custom domain names (CNAMEs). The first one is the certificate's subject.
   * @default the `*.cloudfront.net` name and CloudFront's default certificate
   */
  readonly domainNames?: string[];
  /**
   * Route 53 public hosted zone of `domainNames`: the certificate is validated there and A/AAAA alias records are created.
   * @default no DNS records (then a new certificate needs `certificateValidation: 'manual'`; point the names yourself)
   */
  readonly hostedZone?: IHostedZone;
  /**
   * Validation of the certificate created for `domainNames` (see `Certificate`'s `validation`).
   * @default 'dns' (needs `hostedZone`)
   */
  readonly certificateValidation?: CertificateValidation;
  /**
   * ARN of an existing ACM certificate in us-east-1 covering `domainNames`.
   * @default a new DNS-validated certificate in us-east-1 when `domainNames` are given
   */
  readonly certificateArn?: string;
  /**
   * Second origin for API paths.
   * @default none: only the bucket
   */
  readonly apiOrigin?: ApiOrigin;
  /**
   * Edge locations used.
   * @default 'PriceClass_100' (North America and Europe)
   */
  readonly priceClass?: 'PriceClass_100' | 'PriceClass_200' | 'PriceClass_All';
  /**
   * ARN of a WAFv2 web ACL with CLOUDFRONT scope.
   * @default no WAF
   */
  readonly webAclArn?: string;
  /**
   * Content-Security-Policy header sent with every response.
   * @default {@link DEFAULT_CSP}
   */
  readonly contentSecurityPolicy?: string;
  /**
   * Countries (ISO 3166-1 alpha-2) allowed to reach the site.
   * @default every country
   */
  readonly allowedCountries?: string[];
  /**
   * Days old versions of the build stay in the bucket (for rollbacks).
   * @default 30
   */
  readonly noncurrentVersionDays?: number;
}

const RULES: Rule<SpaDistributionProps>[] = [
  { rule: 'name must be 1-64 characters of letters, digits, hyphens and underscores', check: (p) => (/^[A-Za-z0-9_-]{1,64}$/.test(p.name) ? undefined : p.name) },
  { rule: 'domainNames must be lowercase DNS names such as app.example.com', check: (p) => (p.domainNames ?? []).find((d) => !DOMAIN_NAME.test(d)) },
  { rule: 'hostedZone needs domainNames', check: (p) => (p.hostedZone && (p.domainNames ?? []).length === 0 ? p.hostedZone.zoneName : undefined) },
  { rule: 'certificateArn needs domainNames', check: (p) => (p.certificateArn && (p.domainNames ?? []).length === 0 ? p.certificateArn : undefined) },
  {
    rule: 'certificateArn must be an ACM certificate in us-east-1',
    check: (p) => (p.certificateArn && !Token.isUnresolved(p.certificateArn) && !p.certificateArn.startsWith('arn:aws:acm:us-east-1:') ? p.certificateArn : undefined),
  },
  {
    rule: 'webAclArn must be a WAFv2 web ACL with CLOUDFRONT scope (arn:aws:wafv2:us-east-1:...:global/webacl/...)',
    check: (p) => (p.webAclArn && !Token.isUnresolved(p.webAclArn) && !/^arn:aws:wafv2:us-east-1:\d{12}:global\/webacl\//.test(p.webAclArn) ? p.webAclArn : undefined),
  },
  { rule: 'apiOrigin.domainName must be a DNS name', check: (p) => (p.apiOrigin && !Token.isUnresolved(p.apiOrigin.domainName) && !DOMAIN_NAME.test(p.apiOrigin.domainName) ? p.apiOrigin.domainName : undefined) },
  {
    rule: 'apiOrigin.pathPatterns must start with "/" and not be "/*" (the bucket serves the rest)',
    check: (p) => (p.apiOrigin?.pathPatterns ?? []).find((x) => !x.startsWith('/') || x === '/*'),
  },
  { rule: 'allowedCountries must be ISO 3166-1 alpha-2 codes', check: (p) => (p.allowedCountries ?? []).find((c) => !/^[A-Z]{2}$/.test(c)) },
];

/** Rewrites extension-less paths to /index.html: SPA routing that leaves the API's own 403/404 alone. */
const SPA_REWRITE = `function handler(event) {
  var request = event.request;
  var last = request.uri.split('/').pop();
  if (last.indexOf('.') === -1) {
    request.uri = '/index.html';
  }
  return request;
}
`;

/**
 * A single-page application behind CloudFront: the build sits in a private,
 * versioned SecureBucket that only this distribution can read (origin access
 * control, SigV4, bucket policy conditioned on the distribution ARN); HTTPS
 * only (redirect), TLS 1.2_2021 with a custom certificate (DNS-validated in
 * us-east-1 when a domain is configured), HTTP/2 and 3, compression, managed
 * cache policies, security headers (HSTS, CSP, frame, content-type, referrer),
 * `index.html` as root and for client-side routes, access logs to the log
 * bucket, optional WAF, geo restriction and an API origin behind `/api/*`.
 *
 * SPA routes: without an API origin 403/404 from the bucket become
 * `/index.html` with 200; with one, a CloudFront function rewrites
 * extension-less paths on the bucket behaviour instead, so API errors keep
 * their status.
 */
export class SpaDistribution extends Construct {
  public readonly bucket: SecureBucket;
  public readonly distribution: CloudfrontDistribution;
  public readonly distributionId: string;
  public readonly distributionArn: string;
  /** `<id>.cloudfront.net`. */
  public readonly domainName: string;
  public readonly certificate?: Certificate;

  constructor(scope: Construct, id: string, props: SpaDistributionProps) {
    super(scope, id);
    requireProps(this, props, ['name', 'bucketName', 'logsBucket']);
    validateProps(this, props, RULES);
    const stack = AwsStack.of(this);
    const domains = props.domainNames ?? [];

    this.bucket = new SecureBucket(this, 'Bucket', {
      bucketName: props.bucketName,
      accessLogsBucket: props.logsBucket,
      lifecycleRules: [{ id: 'old-builds', noncurrentExpireAfterDays: props.noncurrentVersionDays ?? 30 }],
    });
    const oac = new CloudfrontOriginAccessControl(this, 'OriginAccessControl', {
      name: `${props.name}-oac`,
      description: `${props.name}: CloudFront reads the build bucket`,
      originAccessControlOriginType: 's3',
      signingBehavior: 'always',
      signingProtocol: 'sigv4',
    });
    const headers = new CloudfrontResponseHeadersPolicy(this, 'SecurityHeaders', {
      name: `${props.name}-security-headers`,
      comment: 'HSTS, CSP, frame, content-type and referrer headers',
      securityHeadersConfig: {
        strictTransportSecurity: { accessControlMaxAgeSec: 63_072_000, includeSubdomains: true, preload: true, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: 'DENY', override: true },
        referrerPolicy: { referrerPolicy: 'strict-origin-when-cross-origin', override: true },
        xssProtection: { protection: true, modeBlock: true, override: true },
        contentSecurityPolicy: { contentSecurityPolicy: props.contentSecurityPolicy ?? DEFAULT_CSP, override: true },
      },
    });

    let certificateArn = props.certificateArn;
    if (domains.length > 0 && !certificateArn) {
      this.certificate = new Certificate(this, 'Certificate', {
        domainName: domains[0],
        subjectAlternativeNames: domains.length > 1 ? domains.slice(1) : undefined,
        hostedZone: props.hostedZone,
        validation: props.certificateValidation,
        region: CLOUDFRONT_REGION,
      });
      certificateArn = this.certificate.certificateArn;
    }

    const s3OriginId = 'site-bucket';
    const origins: CloudfrontDistributionOrigin[] = [{ originId: s3OriginId, domainName: this.bucket.regionalDomainName, originAccessControlId: oac.id }];
    const behaviors: CloudfrontDistributionOrderedCacheBehavior[] = [];
    let rewrite: CloudfrontFunction | undefined;
    if (props.apiOrigin) {
      origins.push({
        originId: 'api',
        domainName: props.apiOrigin.domainName,
        customOriginConfig: { httpPort: 80, httpsPort: 443, originProtocolPolicy: 'https-only', originSslProtocols: ['TLSv1.2'] },
      });
      for (const pathPattern of props.apiOrigin.pathPatterns ?? ['/api/*']) {
        behaviors.push({
          pathPattern,
          targetOriginId: 'api',
          viewerProtocolPolicy: 'https-only',
          allowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'POST', 'PATCH', 'DELETE'],
          cachedMethods: ['GET', 'HEAD'],
          compress: true,
          cachePolicyId: MANAGED_POLICIES.cachingDisabled,
          originRequestPolicyId: MANAGED_POLICIES.allViewerExceptHostHeader,
          responseHeadersPolicyId: headers.id,
        });
      }
      rewrite = new CloudfrontFunction(this, 'SpaRewrite', {
        name: `${props.name}-spa-rewrite`,
        runtime: 'cloudfront-js-2.0',
        comment: 'Client-side routes to /index.html',
        code: SPA_REWRITE,
        publish: true,
      });
    }

    this.distribution = new CloudfrontDistribution(this, 'Resource', {
      enabled: true,
      comment: props.name,
      aliases: domains.length > 0 ? domains : undefined,
      defaultRootObject: 'index.html',
      isIpv6Enabled: true,
      httpVersion: 'http2and3',
      priceClass: props.priceClass ?? 'PriceClass_100',
      webAclId: props.webAclArn,
      origin: origins,
      defaultCacheBehavior: {
        targetOriginId: s3OriginId,
        viewerProtocolPolicy: 'redirect-to-https',
        allowedMethods: ['GET', 'HEAD', 'OPTIONS'],
        cachedMethods: ['GET', 'HEAD'],
        compress: true,
        cachePolicyId: MANAGED_POLICIES.cachingOptimized,
        responseHeadersPolicyId: headers.id,
        functionAssociation: rewrite ? [{ eventType: 'viewer-request', functionArn: rewrite.arn }] : undefined,
      },
      orderedCacheBehavior: behaviors.length > 0 ? behaviors : undefined,
      customErrorResponse: rewrite
        ? undefined
        : [403, 404].map((errorCode) => ({ errorCode, responseCode: 200, responsePagePath: '/index.html', errorCachingMinTtl: 10 })),
      restrictions: {
        geoRestriction: props.allowedCountries?.length ? { restrictionType: 'whitelist', locations: props.allowedCountries } : { restrictionType: 'none' },
      },
      viewerCertificate: certificateArn
        ? { acmCertificateArn: certificateArn, sslSupportMethod: 'sni-only', minimumProtocolVersion: 'TLSv1.2_2021' }
        : { cloudfrontDefaultCertificate: true },
      tags: { Name: props.name },
    });
    this.distributionId = this.distribution.id;
    this.distributionArn = this.distribution.arn;
    this.domainName = this.distribution.domainName;

    this.bucket.addToResourcePolicy(PolicyStatement.fromJson({
      Sid: 'CloudFrontReadsBuild',
      Effect: 'Allow',
      Principal: { Service: 'cloudfront.amazonaws.com' },
      Action: 's3:GetObject',
      Resource: `${this.bucket.bucketArn}/*`,
      Condition: { StringEquals: { 'AWS:SourceArn': this.distributionArn } },
    }));

    this.addAccessLogs(props.name, props.logsBucket, stack);

    if (props.hostedZone) {
      for (const [i, name] of domains.entries()) {
        for (const type of ['A', 'AAAA']) {
          new Route53Record(this, `Alias${type}${i + 1}`, {
            zoneId: props.hostedZone.hostedZoneId,
            name,
            type,
            alias: { name: this.domainName, zoneId: this.distribution.hostedZoneId, evaluateTargetHealth: false },
          });
        }
      }
    }
  }

  /** CloudFront standard logging (v2): vended logs delivered to the log bucket under `cloudfront/`. */
  private addAccessLogs(name: string, bucket: SecureBucket, stack: AwsStack): void {
    const source = new CloudwatchLogDeliverySource(this, 'LogSource', {
      name: `${name}-access-logs`,
      logType: 'ACCESS_LOGS',
      resourceArn: this.distributionArn,
      region: CLOUDFRONT_REGION,
    });
    const destination = new CloudwatchLogDeliveryDestination(this, 'LogDestination', {
      name: `${name}-access-logs-s3`,
      outputFormat: 'json',
      deliveryDestinationConfiguration: [{ destinationResourceArn: `${bucket.bucketArn}/cloudfront` }],
      region: CLOUDFRONT_REGION,
    });
    new CloudwatchLogDelivery(this, 'LogDelivery', {
      deliverySourceName: source.name,
      deliveryDestinationArn: destination.arn,
      s3DeliveryConfiguration: [{ suffixPath: `${name}/{yyyy}/{MM}/{dd}`, enableHiveCompatiblePath: false }],
      region: CLOUDFRONT_REGION,
    });
    const account = stack.accountId;
    const fromLogDelivery = {
      StringEquals: { 'aws:SourceAccount': account },
      ArnLike: { 'aws:SourceArn': `arn:aws:logs:${CLOUDFRONT_REGION}:${account}:delivery-source:${name}-access-logs` },
    };
    bucket.addToResourcePolicy(PolicyStatement.fromJson({
      Sid: `CloudFrontLogsAclCheck${name.replace(/[^A-Za-z0-9]/g, '')}`,
      Effect: 'Allow',
      Principal: { Service: 'delivery.logs.amazonaws.com' },
      Action: 's3:GetBucketAcl',
      Resource: bucket.bucketArn,
      Condition: fromLogDelivery,
    }));
    bucket.addToResourcePolicy(PolicyStatement.fromJson({
      Sid: `CloudFrontLogsWrite${name.replace(/[^A-Za-z0-9]/g, '')}`,
      Effect: 'Allow',
      Principal: { Service: 'delivery.logs.amazonaws.com' },
      Action: 's3:PutObject',
      Resource: `${bucket.bucketArn}/cloudfront/*`,
      Condition: { ...fromLogDelivery, StringEquals: { ...fromLogDelivery.StringEquals, 's3:x-amz-acl': 'bucket-owner-full-control' } },
    }));
  }
}
