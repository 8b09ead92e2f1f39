import { AcmCertificate } from '@cdktf/provider-aws/lib/acm-certificate';
import { AcmCertificateValidation } from '@cdktf/provider-aws/lib/acm-certificate-validation';
import { CloudfrontDistribution } from '@cdktf/provider-aws/lib/cloudfront-distribution';
import { CloudfrontFunction } from '@cdktf/provider-aws/lib/cloudfront-function';
import { CloudfrontOriginAccessControl } from '@cdktf/provider-aws/lib/cloudfront-origin-access-control';
import { CloudfrontResponseHeadersPolicy } from '@cdktf/provider-aws/lib/cloudfront-response-headers-policy';
import { CloudwatchLogDelivery } from '@cdktf/provider-aws/lib/cloudwatch-log-delivery';
import { CloudwatchLogDeliverySource } from '@cdktf/provider-aws/lib/cloudwatch-log-delivery-source';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { Testing } from 'cdktf';
import { DEFAULT_CSP, MANAGED_POLICIES, SpaDistribution, SpaDistributionProps } from '../../lib/aws/cdn';
import { HostedZone } from '../../lib/aws/dns';
import { Certificate } from '../../lib/aws/security';
import { SecureBucket } from '../../lib/aws/storage';
import { AwsStack } from '../../lib/aws/aws-stack';
import { expectValidationError } from '../helpers';

const zone = HostedZone.fromAttributes({ hostedZoneId: 'Z123ABC', zoneName: 'example.com' });
const newStack = (region = 'us-east-1') => new AwsStack(Testing.app(), 'test', { architecture: 't', environment: 'dev', region, backend: { type: 'local' } });
type Json = { resource: Record<string, Record<string, Record<string, unknown>>> };

const synth = (props: Partial<SpaDistributionProps> = {}, region?: string) => {
  const stack = newStack(region);
  const logs = new SecureBucket(stack, 'Logs', { bucketName: 'site-logs' });
  const spa = new SpaDistribution(stack, 'Site', { name: 'site', bucketName: 'site-build', logsBucket: logs, ...props });
  const out = Testing.synth(stack);
  return { out, json: JSON.parse(out) as Json, spa };
};
const distribution = (json: Json) => Object.values(json.resource.aws_cloudfront_distribution)[0];
const policies = (json: Json) => Object.values(json.resource.aws_s3_bucket_policy).map((p) => JSON.parse(p.policy as string) as { Statement: Record<string, unknown>[] });

describe('SpaDistribution', () => {
  test('private bucket read only by this distribution (OAC, SigV4), HTTPS redirect, compression, index.html and SPA error mapping', () => {
    const { out, json } = synth();
    expect(out).toHaveResourceWithProperties(CloudfrontOriginAccessControl, { origin_access_control_origin_type: 's3', signing_behavior: 'always', signing_protocol: 'sigv4' });
    expect(out).toHaveResourceWithProperties(S3BucketPublicAccessBlock, { block_public_policy: true, restrict_public_buckets: true });
    expect(out).toHaveResourceWithProperties(CloudfrontDistribution, {
      enabled: true,
      default_root_object: 'index.html',
      is_ipv6_enabled: true,
      http_version: 'http2and3',
      price_class: 'PriceClass_100',
      viewer_certificate: { cloudfront_default_certificate: true },
      restrictions: { geo_restriction: { restriction_type: 'none' } },
      default_cache_behavior: expect.objectContaining({
        viewer_protocol_policy: 'redirect-to-https',
        compress: true,
        allowed_methods: ['GET', 'HEAD', 'OPTIONS'],
        cache_policy_id: MANAGED_POLICIES.cachingOptimized,
        response_headers_policy_id: expect.stringMatching(/aws_cloudfront_response_headers_policy\.Site_SecurityHeaders_[0-9A-F]+\.id/),
      }),
      custom_error_response: [
        { error_code: 403, response_code: 200, response_page_path: '/index.html', error_caching_min_ttl: 10 },
        { error_code: 404, response_code: 200, response_page_path: '/index.html', error_caching_min_ttl: 10 },
      ],
    });
    const d = distribution(json) as { origin: Record<string, unknown>[] };
    expect(d.origin).toEqual([
      { origin_id: 'site-bucket', domain_name: expect.stringMatching(/aws_s3_bucket\.Site_Bucket_[0-9A-F]+\.bucket_regional_domain_name/), origin_access_control_id: expect.stringMatching(/aws_cloudfront_origin_access_control\./) },
    ]);
    const read = policies(json).flatMap((p) => p.Statement).find((s) => s.Sid === 'CloudFrontReadsBuild');
    expect(read).toEqual({
      Sid: 'CloudFrontReadsBuild',
      Effect: 'Allow',
      Principal: { Service: 'cloudfront.amazonaws.com' },
      Action: 's3:GetObject',
      Resource: expect.stringMatching(/aws_s3_bucket\.Site_Bucket_[0-9A-F]+\.arn\}\/\*$/),
      Condition: { StringEquals: { 'AWS:SourceArn': expect.stringMatching(/aws_cloudfront_distribution\.Site_[0-9A-F]+\.arn/) } },
    });
    expect(out).not.toHaveResource(AcmCertificate);
  });

  test('security headers: HSTS with preload, CSP, DENY frames, nosniff, referrer policy', () => {
    const { out } = synth();
    expect(out).toHaveResourceWithProperties(CloudfrontResponseHeadersPolicy, {
      security_headers_config: {
        strict_transport_security: { access_control_max_age_sec: 63_072_000, include_subdomains: true, preload: true, override: true },
        content_type_options: { override: true },
        frame_options: { frame_option: 'DENY', override: true },
        referrer_policy: { referrer_policy: 'strict-origin-when-cross-origin', override: true },
        xss_protection: { protection: true, mode_block: true, override: true },
        content_security_policy: { content_security_policy: DEFAULT_CSP, override: true },
      },
    });
  });

  test('access logs: CloudFront standard logging v2 from us-east-1 into the log bucket, which lets only that delivery source write', () => {
    const { out, json } = synth({}, 'eu-west-1');
    expect(out).toHaveResourceWithProperties(CloudwatchLogDeliverySource, { log_type: 'ACCESS_LOGS', region: 'us-east-1', name: 'site-access-logs' });
    expect(out).toHaveResourceWithProperties(CloudwatchLogDelivery, { region: 'us-east-1', s3_delivery_configuration: [{ suffix_path: 'site/{yyyy}/{MM}/{dd}', enable_hive_compatible_path: false }] });
    const write = policies(json).flatMap((p) => p.Statement).find((s) => s.Sid === 'CloudFrontLogsWritesite');
    expect(write).toMatchObject({
      Principal: { Service: 'delivery.logs.amazonaws.com' },
      Action: 's3:PutObject',
      Condition: {
        StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceAccount': '${data.aws_caller_identity.caller-identity.account_id}' },
        ArnLike: { 'aws:SourceArn': 'arn:aws:logs:us-east-1:${data.aws_caller_identity.caller-identity.account_id}:delivery-source:site-access-logs' },
      },
    });
  });

  test('with a domain: a certificate in us-east-1 (provider 6 per-resource Region), SNI, TLS 1.2_2021, aliases; DNS validation and A/AAAA with a zone', () => {
    const { out, spa } = synth({ domainNames: ['app.example.com'], hostedZone: zone, webAclArn: 'arn:aws:wafv2:us-east-1:111122223333:global/webacl/site/abc' }, 'sa-east-1');
    expect(spa.certificate).toBeDefined();
    expect(out).toHaveResourceWithProperties(AcmCertificate, { domain_name: 'app.example.com', validation_method: 'DNS', region: 'us-east-1', lifecycle: { create_before_destroy: true } });
    expect(out).toHaveResourceWithProperties(AcmCertificateValidation, { region: 'us-east-1' });
    expect(out).toHaveResourceWithProperties(CloudfrontDistribution, {
      aliases: ['app.example.com'],
      web_acl_id: 'arn:aws:wafv2:us-east-1:111122223333:global/webacl/site/abc',
      viewer_certificate: {
        acm_certificate_arn: expect.stringMatching(/aws_acm_certificate_validation\.Site_Certificate_Validation_[0-9A-F]+\.certificate_arn/),
        ssl_support_method: 'sni-only',
        minimum_protocol_version: 'TLSv1.2_2021',
      },
    });
    expect(out).toHaveResourceWithProperties(Route53Record, { name: 'app.example.com', type: 'A', alias: expect.objectContaining({ evaluate_target_health: false }) });
    expect(out).toHaveResourceWithProperties(Route53Record, { name: 'app.example.com', type: 'AAAA' });
    expect(out).toHaveResourceWithProperties(Route53Record, { for_each: expect.stringContaining('domain_validation_options'), zone_id: 'Z123ABC', ttl: 300 });
  });

  test('an existing certificate is used as is', () => {
    const arn = 'arn:aws:acm:us-east-1:111122223333:certificate/abc';
    const { out } = synth({ domainNames: ['app.example.com'], certificateArn: arn });
    expect(out).not.toHaveResource(AcmCertificate);
    expect(out).toHaveResourceWithProperties(CloudfrontDistribution, { viewer_certificate: expect.objectContaining({ acm_certificate_arn: arn, minimum_protocol_version: 'TLSv1.2_2021' }) });
  });

  test('API origin: uncached /api/* behaviour over HTTPS, SPA routing by a CloudFront function so API errors keep their status', () => {
    const { out, json } = synth({ apiOrigin: { domainName: 'api.example.com' }, allowedCountries: ['CO', 'US'] });
    const d = distribution(json) as Record<string, unknown>;
    expect(d.custom_error_response).toBeUndefined();
    expect(d.origin).toContainEqual({ origin_id: 'api', domain_name: 'api.example.com', custom_origin_config: { http_port: 80, https_port: 443, origin_protocol_policy: 'https-only', origin_ssl_protocols: ['TLSv1.2'] } });
    expect(d.ordered_cache_behavior).toEqual([
      expect.objectContaining({
        path_pattern: '/api/*',
        target_origin_id: 'api',
        viewer_protocol_policy: 'https-only',
        cache_policy_id: MANAGED_POLICIES.cachingDisabled,
        origin_request_policy_id: MANAGED_POLICIES.allViewerExceptHostHeader,
        allowed_methods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'POST', 'PATCH', 'DELETE'],
      }),
    ]);
    expect(d.restrictions).toEqual({ geo_restriction: { restriction_type: 'whitelist', locations: ['CO', 'US'] } });
    expect(out).toHaveResourceWithProperties(CloudfrontFunction, { runtime: 'cloudfront-js-2.0', publish: true, code: expect.stringContaining("request.uri = '/index.html'") });
    expect((d.default_cache_behavior as Record<string, unknown>).function_association).toEqual([{ event_type: 'viewer-request', function_arn: expect.stringMatching(/aws_cloudfront_function\./) }]);
  });

  test.each([
    [{ name: 'my site' }, 'test/Site: name must be 1-64 characters of letters, digits, hyphens and underscores (got "my site")'],
    [{ domainNames: ['App.example.com'] }, 'test/Site: domainNames must be lowercase DNS names such as app.example.com (got "App.example.com")'],
    [{ hostedZone: zone }, 'test/Site: hostedZone needs domainNames (got "example.com")'],
    [
      { domainNames: ['app.example.com'] },
      "test/Site/Certificate: a DNS-validated certificate needs a hostedZone for its validation records (pass HostedZone.fromLookup(...) or a new HostedZone, or set validation: 'manual' and publish the records yourself) (got \"app.example.com\")",
    ],
    [{ domainNames: ['app.example.org'], hostedZone: zone }, 'test/Site/Certificate: every name must lie in the hosted zone example.com (got "app.example.org")'],
    [{ certificateArn: 'arn:aws:acm:us-east-1:111122223333:certificate/x' }, 'test/Site: certificateArn needs domainNames (got "arn:aws:acm:us-east-1:111122223333:certificate/x")'],
    [{ domainNames: ['a.example.com'], certificateArn: 'arn:aws:acm:eu-west-1:111122223333:certificate/x' }, 'test/Site: certificateArn must be an ACM certificate in us-east-1 (got "arn:aws:acm:eu-west-1:111122223333:certificate/x")'],
    [{ webAclArn: 'arn:aws:wafv2:us-east-1:111122223333:regional/webacl/x/y' }, 'test/Site: webAclArn must be a WAFv2 web ACL with CLOUDFRONT scope (arn:aws:wafv2:us-east-1:...:global/webacl/...) (got "arn:aws:wafv2:us-east-1:111122223333:regional/webacl/x/y")'],
    [{ apiOrigin: { domainName: 'https://api.example.com' } }, 'test/Site: apiOrigin.domainName must be a DNS name (got "https://api.example.com")'],
    [{ apiOrigin: { domainName: 'api.example.com', pathPatterns: ['/*'] } }, 'test/Site: apiOrigin.pathPatterns must start with "/" and not be "/*" (the bucket serves the rest) (got "/*")'],
    [{ allowedCountries: ['col'] }, 'test/Site: allowedCountries must be ISO 3166-1 alpha-2 codes (got "col")'],
    [{ bucketName: 'Site_Build' }, 'test/Site/Bucket: bucketName may contain only lowercase letters, digits, dots and hyphens'],
  ] as [Partial<SpaDistributionProps>, string][])('rejects %j', (props, message) => {
    expectValidationError(() => synth(props), message);
  });
});

describe('Certificate', () => {
  test("validation 'manual': the certificate is requested, no records, not waited for", () => {
    const stack = newStack();
    const cert = new Certificate(stack, 'Cert', { domainName: 'api.example.com', subjectAlternativeNames: ['www.example.com'], validation: 'manual' });
    stack.output('arn', cert.certificateArn, 'the ARN consumers get');
    const out = Testing.synth(stack, true);
    expect(out).toHaveResourceWithProperties(AcmCertificate, { domain_name: 'api.example.com', subject_alternative_names: ['www.example.com'], key_algorithm: 'RSA_2048' });
    expect(out).not.toHaveResource(AcmCertificateValidation);
    expect(out).not.toHaveResource(Route53Record);
    expect(JSON.parse(out).output.arn.value).toMatch(/^\$\{aws_acm_certificate\.Cert_[0-9A-F]+\.arn\}$/);
  });

  test('with a zone: one validation record per name in the zone, and the ARN only once issued (also for a us-east-1 certificate of another Region)', () => {
    const stack = newStack('eu-west-1');
    const cert = new Certificate(stack, 'Cert', { domainName: 'app.example.com', hostedZone: HostedZone.fromLookup(stack, 'Zone', { zoneName: 'example.com' }), region: 'us-east-1' });
    stack.output('arn', cert.certificateArn, 'the ARN consumers get');
    const json = JSON.parse(Testing.synth(stack, true));
    expect(Object.values(json.data.aws_route53_zone)[0]).toMatchObject({ name: 'example.com', private_zone: false });
    const record = Object.values(json.resource.aws_route53_record)[0] as Record<string, unknown>;
    expect(record).toMatchObject({ zone_id: expect.stringMatching(/^\$\{data\.aws_route53_zone\.Zone_Lookup_[0-9A-F]+\.zone_id\}$/), ttl: 300, allow_overwrite: true });
    expect(record.for_each).toEqual(expect.stringContaining('domain_validation_options'));
    expect(Object.values(json.resource.aws_acm_certificate_validation)[0]).toMatchObject({ region: 'us-east-1' });
    expect(json.output.arn.value).toMatch(/^\$\{aws_acm_certificate_validation\.Cert_Validation_[0-9A-F]+\.certificate_arn\}$/);
  });

  test.each([
    [() => new Certificate(newStack(), 'C', { domainName: 'bad_domain.com', validation: 'manual' }), 'test/C: domain names must be lowercase DNS names such as app.example.com (a leading *. is allowed) (got "bad_domain.com")'],
    [
      () => new Certificate(newStack(), 'C', { domainName: 'api.example.com' }),
      "test/C: a DNS-validated certificate needs a hostedZone for its validation records (pass HostedZone.fromLookup(...) or a new HostedZone, or set validation: 'manual' and publish the records yourself) (got \"api.example.com\")",
    ],
    [() => new Certificate(newStack(), 'C', { domainName: 'api.example.com', hostedZone: zone, validation: 'manual' }), `test/C: validation 'manual' creates no records; drop hostedZone or use validation 'dns' (got "example.com")`],
    [() => new Certificate(newStack(), 'C', { domainName: 'api.example.com', subjectAlternativeNames: ['*.other.com'], hostedZone: zone }), 'test/C: every name must lie in the hosted zone example.com (got "*.other.com")'],
  ])('rejects bad input (%#)', (make, message) => {
    expectValidationError(make, message);
  });
});
