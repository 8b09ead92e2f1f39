import { TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { AwsStack } from '../../lib/aws/aws-stack';
import { LogGroup } from '../../lib/aws/monitoring';

const newStack = () => new AwsStack(Testing.app(), 'shop-dev', { architecture: 'shop', environment: 'dev', region: 'eu-west-1', backend: { type: 'local' } });
const resources = (stack: TerraformStack) => JSON.parse(Testing.synth(stack)).resource;

describe('LogGroup encryption by default', () => {
  test('log groups given no key share the stack\'s default customer-managed key (alias <stack>-logs)', () => {
    const stack = newStack();
    new LogGroup(stack, 'A', { name: '/app/a' });
    new LogGroup(stack, 'B', { name: '/app/b' });
    const r = resources(stack);
    const keys = Object.keys(r.aws_kms_key);
    expect(keys).toHaveLength(1);
    expect(r.aws_kms_key[keys[0]].enable_key_rotation).toBe(true);
    expect(Object.values(r.aws_kms_alias).map((a) => (a as { name: string }).name)).toEqual(['alias/shop-dev-logs']);
    for (const g of Object.values(r.aws_cloudwatch_log_group) as { kms_key_id: string }[]) expect(g.kms_key_id).toBe(`\${aws_kms_key.${keys[0]}.arn}`);
  });

  test('a given key wins and no default key is created', () => {
    const stack = newStack();
    new LogGroup(stack, 'A', { name: '/app/a', kmsKeyArn: 'arn:aws:kms:eu-west-1:111111111111:key/abc' });
    const r = resources(stack);
    expect(r.aws_kms_key).toBeUndefined();
    expect(Object.values(r.aws_cloudwatch_log_group)[0]).toMatchObject({ kms_key_id: 'arn:aws:kms:eu-west-1:111111111111:key/abc' });
  });

  test('outside an AwsStack there is no default key (service-owned encryption)', () => {
    const stack = new TerraformStack(Testing.app(), 'plain');
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    new LogGroup(stack, 'A', { name: '/app/a' });
    const r = resources(stack);
    expect(r.aws_kms_key).toBeUndefined();
    expect((Object.values(r.aws_cloudwatch_log_group)[0] as Record<string, unknown>).kms_key_id).toBeUndefined();
  });
});
