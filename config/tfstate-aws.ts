import { z } from 'zod';
import { BackendConfig, backendSchema, loadConfig } from '../lib/core/config';
import { CANALCO_STATE_BUCKET } from './canalco';

/**
 * Where the AWS stacks keep their Terraform state (seed 003: bucket
 * `stockwiz-terraform-state-493930199663`, key `<env>/terraform.tfstate`).
 * The `tfstate-aws` stack creates exactly this bucket.
 *
 * Bucket names are global across AWS: change `bucket` before bootstrapping your own copy.
 */
export const AWS_STATE = {
  region: 'us-east-1',
  bucket: 'stockwiz-terraform-state-493930199663',
  /** The account the seed's bucket name carries: the bootstrap's provider refuses any other (replace with yours). */
  account: '493930199663',
} as const;

/** The S3 backend of the AWS architecture stacks (encrypted, `use_lockfile`, key `<env>/terraform.tfstate`). */
export const awsBackend: BackendConfig = backendSchema.parse({ type: 's3', bucket: AWS_STATE.bucket, region: AWS_STATE.region, keyPrefix: '', key: '{environment}/terraform.tfstate' });

/** Settings of the `tfstate-aws` bootstrap stack. */
export const tfstateAwsSchema = z.object({
  region: z.string().min(1),
  /** Accounts the bootstrap may touch (provider `allowed_account_ids`); unset lets any account's credentials apply. */
  allowedAccountIds: z.array(z.string().regex(/^\d{12}$/, 'must be a 12-digit account id')).optional(),
  /** The state bucket (S3 naming rules are checked again by SecureBucket). */
  bucketName: z.string().min(3).max(63),
  /** State buckets of other architectures with their own bucket (Canalco), created with the same protections. */
  extraStateBuckets: z.array(z.string().min(3).max(63)),
  /** Bucket receiving the state buckets' server access logs. */
  accessLogsBucketName: z.string().min(3).max(63),
  /** Days an overwritten state version stays recoverable. */
  noncurrentVersionDays: z.number().int().min(1),
  /** Days server access logs are kept. */
  accessLogsDays: z.number().int().min(1),
  /** KMS key deletion window. */
  keyDeletionWindowDays: z.number().int().min(7).max(30),
});
export type TfstateAwsConfig = z.infer<typeof tfstateAwsSchema>;

const environments: Record<string, TfstateAwsConfig> = {
  shared: {
    region: AWS_STATE.region,
    allowedAccountIds: [AWS_STATE.account],
    bucketName: AWS_STATE.bucket,
    extraStateBuckets: [CANALCO_STATE_BUCKET],
    accessLogsBucketName: `${AWS_STATE.bucket}-logs`,
    noncurrentVersionDays: 365,
    accessLogsDays: 365,
    keyDeletionWindowDays: 30,
  },
};

/** The validated configuration (one environment: `shared`). */
export function tfstateAwsConfig(environment = 'shared'): TfstateAwsConfig {
  return loadConfig('tfstate-aws', tfstateAwsSchema, environments, environment);
}
