import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketCorsConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-cors-configuration';
import { S3BucketLifecycleConfiguration, S3BucketLifecycleConfigurationRule } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketLoggingA } from '@cdktf/provider-aws/lib/s3-bucket-logging';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { ITerraformDependable, Lazy } from 'cdktf';
import { Construct } from 'constructs';
import { Rule, validateProps } from '../../core/validation';
import { requireProps } from '../../core/validation';
import { PolicyDocument, PolicyStatement } from '../security/policy';

/** A lifecycle rule in days. */
export interface BucketLifecycleRule {
  /** Rule id. */
  readonly id: string;
  /**
   * Key prefix the rule applies to.
   * @default every object
   */
  readonly prefix?: string;
  /**
   * Move current objects to Glacier Flexible Retrieval after this many days.
   * @default never
   */
  readonly glacierAfterDays?: number;
  /**
   * Delete current objects after this many days.
   * @default never
   */
  readonly expireAfterDays?: number;
  /**
   * Delete noncurrent versions after this many days.
   * @default never
   */
  readonly noncurrentExpireAfterDays?: number;
}

/** One CORS rule. */
export interface BucketCorsRule {
  /** Origins allowed to call the bucket, e.g. `https://app.example.com`. */
  readonly allowedOrigins: string[];
  /**
   * HTTP methods allowed.
   * @default ['GET', 'HEAD']
   */
  readonly allowedMethods?: string[];
  /**
   * Headers the browser may send.
   * @default ['*']
   */
  readonly allowedHeaders?: string[];
  /**
   * Seconds the browser caches the preflight answer.
   * @default 3000
   */
  readonly maxAgeSeconds?: number;
}

export interface SecureBucketProps {
  /** Globally unique bucket name; checked against S3's naming rules. */
  readonly bucketName: string;
  /**
   * Keep every version of every object.
   * @default true
   */
  readonly versioned?: boolean;
  /**
   * KMS key ARN for SSE-KMS (with S3 bucket keys).
   * @default SSE-S3 (AES-256), the only encryption some writers accept (ALB and CloudFront access logs)
   */
  readonly kmsKeyArn?: string;
  /**
   * Lifecycle rules. Incomplete multipart uploads are always aborted after 7 days.
   * @default none besides the multipart cleanup
   */
  readonly lifecycleRules?: BucketLifecycleRule[];
  /**
   * Write server access logs to this bucket under `<bucket name>/`.
   * @default no access logs
   */
  readonly accessLogsBucket?: SecureBucket;
  /**
   * CORS rules for browser clients.
   * @default no CORS
   */
  readonly cors?: BucketCorsRule[];
  /**
   * Let `terraform destroy` delete a bucket that still holds objects.
   * @default false
   */
  readonly forceDestroy?: boolean;
  /**
   * Refuse to destroy the bucket at all (`lifecycle.prevent_destroy`), for state and backups.
   * @default false
   */
  readonly preventDestroy?: boolean;
}

/** S3's bucket naming rules, one row each so the error says which one broke. */
const RULES: Rule<SecureBucketProps>[] = [
  { rule: 'bucketName must be 3-63 characters long', check: (p) => (p.bucketName.length < 3 || p.bucketName.length > 63 ? p.bucketName : undefined) },
  {
    rule: 'bucketName may contain only lowercase letters, digits, dots and hyphens, and must start and end with a letter or digit',
    check: (p) => (/^[a-z0-9][a-z0-9.-]*[a-z0-9]$/.test(p.bucketName) ? undefined : p.bucketName),
  },
  { rule: 'bucketName must not contain two adjacent dots', check: (p) => (p.bucketName.includes('..') ? p.bucketName : undefined) },
  { rule: 'bucketName must not look like an IP address', check: (p) => (/^\d+\.\d+\.\d+\.\d+$/.test(p.bucketName) ? p.bucketName : undefined) },
  {
    rule: 'bucketName must not start with "xn--", "sthree-" or "amzn-s3-demo-", nor end with "-s3alias" or "--ol-s3"',
    check: (p) => (/^(xn--|sthree-|amzn-s3-demo-)|(-s3alias|--ol-s3)$/.test(p.bucketName) ? p.bucketName : undefined),
  },
  {
    rule: 'lifecycle days must be positive integers',
    check: (p) =>
      (p.lifecycleRules ?? [])
        .flatMap((r) => [r.glacierAfterDays, r.expireAfterDays, r.noncurrentExpireAfterDays])
        .find((d) => d !== undefined && !(Number.isInteger(d) && d > 0)),
  },
  {
    rule: 'a lifecycle rule must expire objects after their Glacier transition',
    check: (p) => (p.lifecycleRules ?? []).find((r) => r.glacierAfterDays !== undefined && r.expireAfterDays !== undefined && r.expireAfterDays <= r.glacierAfterDays)?.id,
  },
];

/**
 * An S3 bucket that is private and encrypted whatever the caller forgets:
 * public access blocked, ACLs disabled (bucket owner enforced), SSE on,
 * versioning on, TLS-only bucket policy, multipart uploads cleaned up.
 * `addToResourcePolicy` appends statements to the bucket policy.
 */
export class SecureBucket extends Construct {
  public readonly bucket: S3Bucket;
  public readonly bucketName: string;
  public readonly bucketArn: string;
  public readonly bucketId: string;
  private readonly policy: S3BucketPolicy;
  /** Regional domain name, for CloudFront origins. */
  public readonly regionalDomainName: string;
  /** The bucket policy. */
  public readonly policyDocument = new PolicyDocument();

  constructor(scope: Construct, id: string, props: SecureBucketProps) {
    super(scope, id);
    requireProps(this, props, ['bucketName']);
    validateProps(this, props, RULES);
    this.bucket = new S3Bucket(this, 'Resource', {
      bucket: props.bucketName,
      forceDestroy: props.forceDestroy ?? false,
      lifecycle: props.preventDestroy ? { preventDestroy: true } : undefined,
    });
    this.bucketName = this.bucket.bucket;
    this.bucketArn = this.bucket.arn;
    this.bucketId = this.bucket.id;
    this.regionalDomainName = this.bucket.bucketRegionalDomainName;

    const pab = new S3BucketPublicAccessBlock(this, 'PublicAccessBlock', {
      bucket: this.bucketId,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketOwnershipControls(this, 'Ownership', { bucket: this.bucketId, rule: { objectOwnership: 'BucketOwnerEnforced' } });
    new S3BucketServerSideEncryptionConfigurationA(this, 'Encryption', {
      bucket: this.bucketId,
      rule: [
        props.kmsKeyArn
          ? { applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: props.kmsKeyArn }, bucketKeyEnabled: true }
          : { applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } },
      ],
    });
    new S3BucketVersioningA(this, 'Versioning', {
      bucket: this.bucketId,
      versioningConfiguration: { status: (props.versioned ?? true) ? 'Enabled' : 'Suspended' },
    });

    const rules: S3BucketLifecycleConfigurationRule[] = [
      { id: 'abort-incomplete-multipart', status: 'Enabled', filter: [{ prefix: '' }], abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }] },
      ...(props.lifecycleRules ?? []).map((r) => ({
        id: r.id,
        status: 'Enabled',
        filter: [{ prefix: r.prefix ?? '' }],
        transition: r.glacierAfterDays !== undefined ? [{ days: r.glacierAfterDays, storageClass: 'GLACIER' }] : undefined,
        expiration: r.expireAfterDays !== undefined ? [{ days: r.expireAfterDays }] : undefined,
        noncurrentVersionExpiration: r.noncurrentExpireAfterDays !== undefined ? [{ noncurrentDays: r.noncurrentExpireAfterDays }] : undefined,
      })),
    ];
    new S3BucketLifecycleConfiguration(this, 'Lifecycle', { bucket: this.bucketId, rule: rules });

    if (props.accessLogsBucket) {
      new S3BucketLoggingA(this, 'AccessLogs', {
        bucket: this.bucketId,
        targetBucket: props.accessLogsBucket.bucketId,
        targetPrefix: `${props.bucketName}/`,
      });
      props.accessLogsBucket.allowServerAccessLogsFrom(this);
    }
    if (props.cors && props.cors.length > 0) {
      new S3BucketCorsConfiguration(this, 'Cors', {
        bucket: this.bucketId,
        corsRule: props.cors.map((c) => ({
          allowedOrigins: c.allowedOrigins,
          allowedMethods: c.allowedMethods ?? ['GET', 'HEAD'],
          allowedHeaders: c.allowedHeaders ?? ['*'],
          maxAgeSeconds: c.maxAgeSeconds ?? 3000,
        })),
      });
    }

    this.policyDocument.addStatements(
      PolicyStatement.fromJson({
        Sid: 'DenyInsecureTransport',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: [this.bucketArn, `${this.bucketArn}/*`],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
    );
    this.policy = new S3BucketPolicy(this, 'Policy', {
      bucket: this.bucketId,
      policy: Lazy.stringValue({ produce: () => this.policyDocument.render() }),
      dependsOn: [pab],
    });
  }

  /** The bucket policy: what depends on a statement of it (ELB access-log delivery) depends on these. */
  get policyDependables(): ITerraformDependable[] {
    return [this.policy];
  }

  /** Appends a statement to the bucket policy (resources are ARNs of this bucket). */
  addToResourcePolicy(statement: PolicyStatement): void {
    this.policyDocument.addStatements(statement);
  }

  /** Lets the S3 logging service write server access logs of `source` into this bucket. */
  allowServerAccessLogsFrom(source: SecureBucket): void {
    this.addToResourcePolicy(
      PolicyStatement.fromJson({
        Sid: `ServerAccessLogs${this.policyDocument.statements.length}`,
        Effect: 'Allow',
        Principal: { Service: 'logging.s3.amazonaws.com' },
        Action: 's3:PutObject',
        Resource: `${this.bucketArn}/*`,
        Condition: { ArnLike: { 'aws:SourceArn': source.bucketArn } },
      }),
    );
  }
}
