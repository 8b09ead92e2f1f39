import { BackupPlan as BackupPlanResource } from '@cdktf/provider-aws/lib/backup-plan';
import { BackupSelection } from '@cdktf/provider-aws/lib/backup-selection';
import { BackupVault } from '@cdktf/provider-aws/lib/backup-vault';
import { Testing } from 'cdktf';
import { BACKUP_RESOURCE_ARNS, BackupPlan, BackupPlanProps, WEEKLY_SUNDAY_5AM } from '../../lib/aws/backup';
import { AwsStack } from '../../lib/aws/aws-stack';
import { expectValidationError } from '../helpers';

const KEY = 'arn:aws:kms:us-east-1:111122223333:key/abc';
const newStack = () => new AwsStack(Testing.app(), 'test', { architecture: 't', environment: 'dev', region: 'us-east-1', backend: { type: 'local' } });
const base: BackupPlanProps = { name: 'ebs-weekly', selectionTag: { key: 'backup-plan', value: 'ebs-weekly' } };

describe('BackupPlan', () => {
  test('weekly EBS snapshots into a KMS-encrypted vault, selected by tag, kept 35 days by default', () => {
    const stack = newStack();
    new BackupPlan(stack, 'Backup', { ...base, kmsKeyArn: KEY });
    const out = Testing.synth(stack);
    expect(WEEKLY_SUNDAY_5AM).toBe('cron(0 5 ? * SUN *)');
    expect(out).toHaveResourceWithProperties(BackupVault, { name: 'ebs-weekly-vault', kms_key_arn: KEY });
    expect(out).toHaveResourceWithProperties(BackupPlanResource, {
      name: 'ebs-weekly',
      rule: [
        {
          rule_name: 'ebs-weekly-rule',
          target_vault_name: expect.stringMatching(/aws_backup_vault\.Backup_Vault_[0-9A-F]+\.name/),
          schedule: 'cron(0 5 ? * SUN *)',
          start_window: 60,
          completion_window: 360,
          lifecycle: { delete_after: 35 },
          recovery_point_tags: { plan: 'ebs-weekly' },
        },
      ],
    });
    expect(out).toHaveResourceWithProperties(BackupSelection, {
      name: 'ebs-weekly-tagged',
      resources: [BACKUP_RESOURCE_ARNS.ebsVolumes],
      selection_tag: [{ type: 'STRINGEQUALS', key: 'backup-plan', value: 'ebs-weekly' }],
      iam_role_arn: expect.stringMatching(/aws_iam_role\.Backup_Role_[0-9A-F]+\.arn/),
    });
    const attachments = Object.values(JSON.parse(out).resource.aws_iam_role_policy_attachment as Record<string, { policy_arn: string }>).map((a) => a.policy_arn);
    expect(attachments).toEqual([
      'arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup',
      'arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores',
    ]);
  });

  test('custom schedule, retention and windows', () => {
    const stack = newStack();
    new BackupPlan(stack, 'Backup', { ...base, schedule: 'cron(0 3 ? * SAT *)', retentionDays: 90, windows: { startMinutes: 120, completionMinutes: 600 } });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(BackupPlanResource, {
      rule: [expect.objectContaining({ schedule: 'cron(0 3 ? * SAT *)', lifecycle: { delete_after: 90 }, start_window: 120, completion_window: 600 })],
    });
  });

  test.each([
    [{ name: 'ebs weekly' }, 'test/B: name must be 1-40 characters of letters, digits, hyphens and underscores (got "ebs weekly")'],
    [{ schedule: 'rate(7 days)' }, 'test/B: schedule must be a six-field cron(...) expression (got "rate(7 days)")'],
    [{ retentionDays: 0 }, 'test/B: retentionDays must be an integer between 1 and 36500 (got 0)'],
    [{ selectionTag: { key: '', value: 'x' } }, 'test/B: selectionTag needs a key and a value (got {"key":"","value":"x"})'],
    [{ windows: { startMinutes: 30 } }, 'test/B: windows.startMinutes must be at least 60 and below windows.completionMinutes (got {"startMinutes":30})'],
  ] as [Partial<BackupPlanProps>, string][])('rejects %j', (props, message) => {
    expectValidationError(() => new BackupPlan(newStack(), 'B', { ...base, ...props }), message);
  });
});
