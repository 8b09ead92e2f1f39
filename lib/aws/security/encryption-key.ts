import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { Lazy, Token } from 'cdktf';
import { Construct } from 'constructs';
import { AwsStack } from '../aws-stack';
import { Rule, validateProps } from '../../core/validation';
import { requireProps } from '../../core/validation';
import { AccountRootPrincipal, PolicyDocument, PolicyStatement, ServicePrincipal } from './policy';

/**
 * A KMS key, created here (`EncryptionKey`) or imported (`EncryptionKey.fromKeyArn`):
 * what a construct encrypting with a customer-managed key needs.
 */
export interface IKey {
  readonly keyArn: string;
  /**
   * Appends a statement to the key policy; a no-op returning false for an imported key, whose policy is managed elsewhere.
   */
  addToResourcePolicy(statement: PolicyStatement): boolean;
}

const KEY_ARN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/.+$/;

class ImportedKey extends Construct implements IKey {
  constructor(
    scope: Construct,
    id: string,
    public readonly keyArn: string,
  ) {
    super(scope, id);
    validateProps(this, { keyArn }, [
      { rule: 'keyArn must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>)', check: (p) => (Token.isUnresolved(p.keyArn) || KEY_ARN.test(p.keyArn) ? undefined : p.keyArn) },
    ]);
  }

  addToResourcePolicy(): boolean {
    return false;
  }
}

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
export class EncryptionKey extends Construct implements IKey {
  /** An existing key by ARN (its key policy is not managed here: grants go through IAM only). */
  static fromKeyArn(scope: Construct, id: string, keyArn: string): IKey {
    return new ImportedKey(scope, id, keyArn);
  }

  public readonly key: KmsKey;
  public readonly keyArn: string;
  public readonly keyId: string;
  /** The key policy. */
  public readonly policyDocument: PolicyDocument;

  constructor(scope: Construct, id: string, props: EncryptionKeyProps) {
    super(scope, id);
    requireProps(this, props, ['alias']);
    validateProps(this, props, RULES);
    const stack = AwsStack.of(this);
    const account = stack.accountId;
    const services = props.servicePrincipals ?? ['cloudwatch.amazonaws.com'];
    this.policyDocument = new PolicyDocument({
      statements: [
        new PolicyStatement({ sid: 'AccountAdministers', principals: [new AccountRootPrincipal(account)], actions: 'kms:*', resources: '*' }),
        new PolicyStatement({
          sid: 'CloudWatchLogs',
          principals: [new ServicePrincipal(`logs.${stack.region}.amazonaws.com`)],
          actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
          resources: '*',
          conditions: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:aws:logs:${stack.region}:${account}:*` } },
        }),
        new PolicyStatement({ sid: 'ServiceIntegrations', principals: [new ServicePrincipal(services)], actions: ['kms:Decrypt', 'kms:GenerateDataKey*'], resources: '*' }),
      ],
    });
    this.key = new KmsKey(this, 'Resource', {
      description: `${props.alias}: encryption at rest for logs, topics, images and data`,
      enableKeyRotation: true,
      deletionWindowInDays: props.deletionWindowDays ?? 30,
      policy: Lazy.stringValue({ produce: () => this.policyDocument.render() }),
    });
    new KmsAlias(this, 'Alias', { name: `alias/${props.alias}`, targetKeyId: this.key.keyId });
    this.keyArn = this.key.arn;
    this.keyId = this.key.keyId;
  }

  /**
   * Appends a statement to the key policy, e.g. for a service-linked role
   * that IAM policies cannot reach (Auto Scaling launching encrypted volumes).
   */
  addToResourcePolicy(statement: PolicyStatement): boolean {
    this.policyDocument.addStatements(statement);
    return true;
  }
}
