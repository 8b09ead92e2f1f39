import { App } from 'cdktf';
import { Construct } from 'constructs';
import { tfstateAwsConfig, TfstateAwsConfig } from '../config/tfstate-aws';
import { EncryptionKey } from '../lib/aws/security';
import { SecureBucket } from '../lib/aws/storage';
import { AwsStack } from '../lib/aws/aws-stack';
import { Policy } from '../lib/policy';

/**
 * Bootstrap of the AWS remote state: the S3 bucket that config/tfstate-aws.ts
 * points the AWS stacks at (seed 003: `stockwiz-terraform-state-493930199663`,
 * key `<env>/terraform.tfstate`, locked with an S3 lock file). It keeps its
 * own state locally (it cannot live in what it creates).
 */
export class TfstateAwsStack extends AwsStack {
  public readonly bucket: SecureBucket;
  /** The other architectures' state buckets (`extraStateBuckets`). */
  public readonly extraBuckets: SecureBucket[];
  public readonly accessLogs: SecureBucket;

  constructor(scope: Construct, id: string, config: TfstateAwsConfig) {
    super(scope, id, { architecture: 'tfstate', environment: 'shared', region: config.region, allowedAccountIds: config.allowedAccountIds, backend: { type: 'local' }, tags: { purpose: 'terraform-state' } });

    Policy.of(this).stage = 'production'; // the state of every AWS stack: held to production protection
    const key = new EncryptionKey(this, 'Key', { alias: 'tfstate-aws', deletionWindowDays: config.keyDeletionWindowDays });

    // Server access logs of the state bucket (S3 log delivery needs SSE-S3 on the target).
    this.accessLogs = new SecureBucket(this, 'AccessLogs', {
      bucketName: config.accessLogsBucketName,
      lifecycleRules: [{ id: 'expire-access-logs', expireAfterDays: config.accessLogsDays, noncurrentExpireAfterDays: 7 }],
      preventDestroy: true,
    });
    Policy.suppress(this.accessLogs, 'AWS-S3-008', 'S3 server access logs can only be delivered to an SSE-S3 bucket (the state bucket itself uses SSE-KMS)');
    const bucketExceptions = (b: SecureBucket) => {
      Policy.suppressCheckov(b, 'CKV_AWS_144', 'state is versioned and protected from destroy; cross-Region replication needs a second Region the seed does not have');
      Policy.suppressCheckov(b, 'CKV2_AWS_62', 'nothing consumes object events of the state and log buckets');
      return b;
    };
    bucketExceptions(this.accessLogs);

    // State: versioned, SSE-KMS, public access blocked, TLS only, never destroyed by Terraform.
    const stateBucket = (id: string, bucketName: string) =>
      bucketExceptions(new SecureBucket(this, id, {
        bucketName,
        versioned: true,
        kmsKeyArn: key.keyArn,
        accessLogsBucket: this.accessLogs,
        lifecycleRules: [{ id: 'expire-old-state-versions', noncurrentExpireAfterDays: config.noncurrentVersionDays }],
        preventDestroy: true,
      }));
    this.bucket = stateBucket('State', config.bucketName);
    this.extraBuckets = config.extraStateBuckets.map((name) => stateBucket(`State-${name}`, name));

    // --- outputs: the backend settings the AWS stacks use
    this.output('state_bucket_name', this.bucket.bucketName, 'S3 bucket holding the Terraform state');
    this.output('extra_state_bucket_names', this.extraBuckets.map((b) => b.bucketName), 'State buckets of the other architectures');
    this.output('access_logs_bucket_name', this.accessLogs.bucketName, 'Server access logs of the state buckets');
  }
}

/** Adds the `tfstate-aws` stack. */
export function addTfstateAwsStack(app: App): TfstateAwsStack {
  return new TfstateAwsStack(app, 'tfstate-aws', tfstateAwsConfig());
}
