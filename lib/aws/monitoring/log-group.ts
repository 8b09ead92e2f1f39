import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { Construct } from 'constructs';
import { CLOUDWATCH_RETENTION_DAYS } from '../../core/config';
import { Rule, validateProps } from '../../core/validation';
import { requireProps } from '../../core/validation';
import { AwsStack } from '../aws-stack';
import { EncryptionKey } from '../security/encryption-key';

export interface LogGroupProps {
  /** Log group name, e.g. `/ecs/dev`. */
  readonly name: string;
  /**
   * Days to keep events; one of the values CloudWatch accepts.
   * @default 365
   */
  readonly retentionDays?: number;
  /**
   * KMS key ARN that encrypts the events.
   * @default the stack's default logs key (`LogGroup.defaultKey`: one customer-managed key per AwsStack, created on
   * first use, alias `<stack>-logs`); outside an AwsStack, CloudWatch Logs' service-owned encryption
   */
  readonly kmsKeyArn?: string;
}

const RULES: Rule<LogGroupProps>[] = [
  {
    rule: `retentionDays must be one of ${CLOUDWATCH_RETENTION_DAYS.join(', ')}`,
    check: (p) =>
      p.retentionDays !== undefined && !(CLOUDWATCH_RETENTION_DAYS as readonly number[]).includes(p.retentionDays) ? p.retentionDays : undefined,
  },
  { rule: 'name must be 1-512 characters of [A-Za-z0-9_/.#-]', check: (p) => (/^[A-Za-z0-9_/.#-]{1,512}$/.test(p.name) ? undefined : p.name) },
];

/** A CloudWatch log group with a retention period (never "keep forever" by accident). */
export class LogGroup extends Construct {
  public readonly resource: CloudwatchLogGroup;
  public readonly name: string;
  public readonly arn: string;

  constructor(scope: Construct, id: string, props: LogGroupProps) {
    super(scope, id);
    requireProps(this, props, ['name']);
    validateProps(this, props, RULES);
    this.resource = new CloudwatchLogGroup(this, 'Resource', {
      name: props.name,
      retentionInDays: props.retentionDays ?? 365,
      kmsKeyId: props.kmsKeyArn ?? LogGroup.defaultKey(this)?.keyArn,
    });
    this.name = this.resource.name;
    this.arn = this.resource.arn;
  }

  /**
   * The key that encrypts the stack's log groups given no `kmsKeyArn`: secure by default (AWS-CW-003 / CKV_AWS_158)
   * without a key prop on every construct. One per AwsStack, created on first use; none outside an AwsStack.
   */
  static defaultKey(scope: Construct): EncryptionKey | undefined {
    let stack: AwsStack;
    try {
      stack = AwsStack.of(scope);
    } catch {
      return undefined;
    }
    let key = DEFAULT_KEYS.get(stack);
    if (!key) {
      key = new EncryptionKey(stack, 'DefaultLogsKey', { alias: `${stack.node.id}-logs` });
      DEFAULT_KEYS.set(stack, key);
    }
    return key;
  }
}

const DEFAULT_KEYS = new WeakMap<AwsStack, EncryptionKey>();
