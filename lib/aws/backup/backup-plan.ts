import { BackupPlan as BackupPlanResource } from '@cdktf/provider-aws/lib/backup-plan';
import { BackupSelection } from '@cdktf/provider-aws/lib/backup-selection';
import { BackupVault } from '@cdktf/provider-aws/lib/backup-vault';
import { Construct } from 'constructs';
import { Rule, validateProps } from '../../core/validation';
import { ServiceRole } from '../security/role';
import { requireProps } from '../../core/validation';

/** Weekly, Sunday 05:00 UTC. */
export const WEEKLY_SUNDAY_5AM = 'cron(0 5 ? * SUN *)';

/** AWS Backup resource types a selection can be restricted to. */
export const BACKUP_RESOURCE_ARNS = {
  ebsVolumes: 'arn:aws:ec2:*:*:volume/*',
  ec2Instances: 'arn:aws:ec2:*:*:instance/*',
} as const;

export interface BackupPlanProps {
  /** Name of the plan, the vault (`<name>-vault`) and the role (`<name>-backup-role`): 1-40 letters, digits, hyphens and underscores. */
  readonly name: string;
  /** Resources carrying this tag are backed up, e.g. `{ key: 'backup', value: 'weekly' }`. */
  readonly selectionTag: { readonly key: string; readonly value: string };
  /**
   * ARNs (wildcards allowed) the selection is limited to.
   * @default EBS volumes only (`BACKUP_RESOURCE_ARNS.ebsVolumes`)
   */
  readonly resourceArns?: string[];
  /**
   * Schedule, a six-field `cron(...)` in UTC.
   * @default WEEKLY_SUNDAY_5AM
   */
  readonly schedule?: string;
  /**
   * Days a recovery point is kept (1-36500).
   * @default 35 (five weekly snapshots)
   */
  readonly retentionDays?: number;
  /**
   * KMS key ARN of the vault.
   * @default the AWS-managed `aws/backup` key
   */
  readonly kmsKeyArn?: string;
  /**
   * Minutes after the scheduled time a job may start (60-...) and must finish.
   * @default 60 to start, 360 to complete
   */
  readonly windows?: { readonly startMinutes?: number; readonly completionMinutes?: number };
}

const RULES: Rule<BackupPlanProps>[] = [
  { rule: 'name must be 1-40 characters of letters, digits, hyphens and underscores', check: (p) => (/^[A-Za-z0-9_-]{1,40}$/.test(p.name) ? undefined : p.name) },
  { rule: 'schedule must be a six-field cron(...) expression', check: (p) => (p.schedule === undefined || /^cron\(\S+ \S+ \S+ \S+ \S+ \S+\)$/.test(p.schedule) ? undefined : p.schedule) },
  {
    rule: 'retentionDays must be an integer between 1 and 36500',
    check: (p) => (p.retentionDays === undefined || (Number.isInteger(p.retentionDays) && p.retentionDays >= 1 && p.retentionDays <= 36_500) ? undefined : p.retentionDays),
  },
  { rule: 'selectionTag needs a key and a value', check: (p) => (p.selectionTag.key === '' || p.selectionTag.value === '' ? p.selectionTag : undefined) },
  {
    rule: 'windows.startMinutes must be at least 60 and below windows.completionMinutes',
    check: (p) => {
      const start = p.windows?.startMinutes ?? 60;
      const done = p.windows?.completionMinutes ?? 360;
      return start >= 60 && done > start ? undefined : p.windows;
    },
  },
];

/**
 * Scheduled snapshots with AWS Backup: a vault encrypted with KMS, a plan
 * (weekly by default, with a retention), and a selection of the resources
 * that carry a tag, through a role that holds only the AWS Backup service
 * policies. Launch templates tag their volumes so new instances are picked up.
 */
export class BackupPlan extends Construct {
  public readonly vault: BackupVault;
  public readonly plan: BackupPlanResource;
  public readonly role: ServiceRole;
  public readonly vaultName: string;

  constructor(scope: Construct, id: string, props: BackupPlanProps) {
    super(scope, id);
    requireProps(this, props, ['name', 'selectionTag']);
    validateProps(this, props, RULES);
    this.vault = new BackupVault(this, 'Vault', { name: `${props.name}-vault`, kmsKeyArn: props.kmsKeyArn });
    this.vaultName = this.vault.name;
    this.plan = new BackupPlanResource(this, 'Resource', {
      name: props.name,
      rule: [
        {
          ruleName: `${props.name}-rule`,
          targetVaultName: this.vault.name,
          schedule: props.schedule ?? WEEKLY_SUNDAY_5AM,
          startWindow: props.windows?.startMinutes ?? 60,
          completionWindow: props.windows?.completionMinutes ?? 360,
          lifecycle: { deleteAfter: props.retentionDays ?? 35 },
          recoveryPointTags: { plan: props.name },
        },
      ],
    });
    this.role = new ServiceRole(this, 'Role', {
      name: `${props.name}-backup-role`,
      assumedBy: ['backup.amazonaws.com'],
      description: `AWS Backup jobs of ${props.name}`,
      managedPolicyArns: [
        'arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup',
        'arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores',
      ],
    });
    new BackupSelection(this, 'Selection', {
      name: `${props.name}-tagged`,
      planId: this.plan.id,
      iamRoleArn: this.role.roleArn,
      resources: props.resourceArns ?? [BACKUP_RESOURCE_ARNS.ebsVolumes],
      selectionTag: [{ type: 'STRINGEQUALS', key: props.selectionTag.key, value: props.selectionTag.value }],
    });
  }
}
