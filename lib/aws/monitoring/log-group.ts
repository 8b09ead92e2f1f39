import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { Construct } from 'constructs';
import { CLOUDWATCH_RETENTION_DAYS } from '../../core/config';
import { Rule, validateProps } from '../../core/validation';
import { requireProps } from '../../core/validation';

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
   * @default CloudWatch Logs' service-owned encryption
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
      kmsKeyId: props.kmsKeyArn,
    });
    this.name = this.resource.name;
    this.arn = this.resource.arn;
  }
}
