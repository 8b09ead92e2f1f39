import { Grant } from './grant';
import { IGrantable, PolicyStatementProps } from './policy';

/**
 * IAM grants in the aws-cdk style: each helper adds the narrowest statement
 * that lets `grantee` do one thing with one resource. Constructs expose them
 * as methods (`queue.grantSendMessages(role)`); resources owned elsewhere
 * (buckets, secrets, keys, repositories) use these functions directly:
 *
 * ```ts
 * grantBucketReadWrite(facturas, backendRole);
 * grantSecretRead(db.masterSecretArn, backendRole);
 * ```
 */

/** Anything with a bucket ARN (`SecureBucket`, an imported bucket). */
export interface IBucketRef {
  readonly bucketArn: string;
}

const objects = (bucket: IBucketRef, keyPattern: string) => `${bucket.bucketArn}/${keyPattern}`;

function listStatement(bucket: IBucketRef, keyPattern: string): PolicyStatementProps {
  return {
    actions: 's3:ListBucket',
    resources: bucket.bucketArn,
    ...(keyPattern === '*' ? {} : { conditions: { StringLike: { 's3:prefix': [keyPattern] } } }),
  };
}

/** Read objects (and list keys) matching `keyPattern`. */
export function grantBucketRead(bucket: IBucketRef, grantee: IGrantable, keyPattern = '*'): Grant {
  return Grant.addToPrincipal(grantee, listStatement(bucket, keyPattern), { actions: ['s3:GetObject', 's3:GetObjectVersion'], resources: objects(bucket, keyPattern) });
}

/** Write objects matching `keyPattern` (no delete, no ACL or policy changes). */
export function grantBucketWrite(bucket: IBucketRef, grantee: IGrantable, keyPattern = '*'): Grant {
  return Grant.addToPrincipal(grantee, { actions: ['s3:PutObject', 's3:AbortMultipartUpload'], resources: objects(bucket, keyPattern) });
}

/** Read and write objects matching `keyPattern`. */
export function grantBucketReadWrite(bucket: IBucketRef, grantee: IGrantable, keyPattern = '*'): Grant {
  return Grant.combine(grantBucketRead(bucket, grantee, keyPattern), grantBucketWrite(bucket, grantee, keyPattern));
}

/** Delete objects matching `keyPattern` (versions stay: deletes add delete markers). */
export function grantBucketDelete(bucket: IBucketRef, grantee: IGrantable, keyPattern = '*'): Grant {
  return Grant.addToPrincipal(grantee, { actions: 's3:DeleteObject', resources: objects(bucket, keyPattern) });
}

/** Read one Secrets Manager secret; `kmsKeyArn` when it is encrypted with a customer-managed key. */
export function grantSecretRead(secretArn: string, grantee: IGrantable, kmsKeyArn?: string): Grant {
  const read = Grant.addToPrincipal(grantee, { actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], resources: secretArn });
  return Grant.combine(read, kmsKeyArn ? grantKeyDecrypt(kmsKeyArn, grantee) : undefined);
}

/** Decrypt with a KMS key (read encrypted queues, topics, secrets, environment variables). */
export function grantKeyDecrypt(keyArn: string, grantee: IGrantable): Grant {
  return Grant.addToPrincipal(grantee, { actions: 'kms:Decrypt', resources: keyArn });
}

/** Encrypt and decrypt with a KMS key (write to encrypted queues and topics). */
export function grantKeyEncryptDecrypt(keyArn: string, grantee: IGrantable): Grant {
  return Grant.addToPrincipal(grantee, { actions: ['kms:Decrypt', 'kms:GenerateDataKey'], resources: keyArn });
}

/** Pull images from one ECR repository (the authorization token is account-wide by design). */
export function grantEcrPull(repositoryArn: string, grantee: IGrantable): Grant {
  return Grant.addToPrincipal(
    grantee,
    { actions: 'ecr:GetAuthorizationToken', resources: '*' },
    { actions: ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'], resources: repositoryArn },
  );
}

/** Write events to one log group. */
export function grantLogsWrite(logGroupArn: string, grantee: IGrantable): Grant {
  return Grant.addToPrincipal(grantee, { actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: `${logGroupArn}:*` });
}

/** Publish custom CloudWatch metrics, only in `namespace` (e.g. the business metrics). */
export function grantPutMetricData(namespace: string, grantee: IGrantable): Grant {
  return Grant.addToPrincipal(grantee, { actions: 'cloudwatch:PutMetricData', resources: '*', conditions: { StringEquals: { 'cloudwatch:namespace': namespace } } });
}
