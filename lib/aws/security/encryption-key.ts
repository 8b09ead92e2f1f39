import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { Lazy } from 'cdktf';
import { Construct } from 'constructs';
import { AwsStack } from '../aws-stack';
import { Rule, validateProps } from '../../core/validation';
import { requireProps } from '../../core/validation';

export interface EncryptionKeyProps {
  /** Alias without the `alias/` prefix, e.g. `stockwiz-dev`. */
  readonly alias: string;
  /**
   * Days KMS waits before deleting the key after it is scheduled for deletion (7–30).
   * @default 30
   */
  readonly deletionWindowDays?: number;
  /**
   * AWS service principals (besides the account) that may use the key through
   * their service integration, e.g. `sns.amazonaws.com`.
   * @default `cloudwatch.amazonaws.com` (alarms publishing to encrypted SNS topics); CloudWatch Logs is always allowed, for this account's log groups only
   */
  readonly servicePrincipals?: string[];
}

const RULES: Rule<EncryptionKeyProps>[] = [
  {
    rule: 'deletionWindowDays must be an integer between 7 and 30',
    check: (p) => (p.deletionWindowDays !== undefined && !(Number.isInteger(p.deletionWindowDays) && p.deletionWindowDays >= 7 && p.deletionWindowDays <= 30) ? p.deletionWindowDays : undefined),
  },
  { rule: 'alias must be 1-250 characters of [A-Za-z0-9/_-] and not start with "aws/"', check: (p) => (/^(?!aws\/)[A-Za-z0-9/_-]{1,250}$/.test(p.alias) ? undefined : p.alias) },
];

/**
 * A customer-managed KMS key with yearly rotation, shared by a stack's log
 * groups, SNS topics, ECR repositories and data stores. The key policy gives
 * the account full control (IAM decides who uses it) and lets CloudWatch Logs
 * and CloudWatch alarms use it for their service integrations.
 */
export class EncryptionKey extends Construct {
  public readonly key: KmsKey;
  public readonly keyArn: string;
  public readonly keyId: string;
  private readonly statements: Record<string, unknown>[];

  constructor(scope: Construct, id: string, props: EncryptionKeyProps) {
    super(scope, id);
    requireProps(this, props, ['alias']);
    validateProps(this, props, RULES);
    const stack = AwsStack.of(this);
    const account = stack.accountId;
    const services = props.servicePrincipals ?? ['cloudwatch.amazonaws.com'];
    this.statements = [
      { Sid: 'AccountAdministers', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: 'kms:*', Resource: '*' },
      {
        Sid: 'CloudWatchLogs',
        Effect: 'Allow',
        Principal: { Service: `logs.${stack.region}.amazonaws.com` },
        Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        Resource: '*',
        Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:aws:logs:${stack.region}:${account}:*` } },
      },
      {
        Sid: 'ServiceIntegrations',
        Effect: 'Allow',
        Principal: { Service: services },
        Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        Resource: '*',
      },
    ];
    this.key = new KmsKey(this, 'Resource', {
      description: `${props.alias}: encryption at rest for logs, topics, images and data`,
      enableKeyRotation: true,
      deletionWindowInDays: props.deletionWindowDays ?? 30,
      policy: Lazy.stringValue({ produce: () => JSON.stringify({ Version: '2012-10-17', Statement: this.statements }) }),
    });
    new KmsAlias(this, 'Alias', { name: `alias/${props.alias}`, targetKeyId: this.key.keyId });
    this.keyArn = this.key.arn;
    this.keyId = this.key.keyId;
  }

  /**
   * Appends a statement to the key policy, e.g. for a service-linked role
   * that IAM policies cannot reach (Auto Scaling launching encrypted volumes).
   */
  addToResourcePolicy(statement: Record<string, unknown>): void {
    this.statements.push(statement);
  }
}
