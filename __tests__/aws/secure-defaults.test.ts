import { TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { AwsStack } from '../../lib/aws/aws-stack';
import { LogGroup } from '../../lib/aws/monitoring';
import { PostgresDatabase } from '../../lib/aws/database';
import { EcrRepository } from '../../lib/aws/containers';

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

describe('preventDestroy on the AWS stateful constructs', () => {
  test('PostgresDatabase (instance and replicas) and EcrRepository refuse terraform destroy when asked, not by default', () => {
    const build = (preventDestroy?: boolean) => {
      const stack = newStack();
      const subnets = { ids: ['subnet-a', 'subnet-b'], azs: ['eu-west-1a', 'eu-west-1b'] };
      new PostgresDatabase(stack, 'Db', { identifier: 'shop-db', vpcId: 'vpc-1', subnets, readReplicas: 1, preventDestroy });
      new EcrRepository(stack, 'Repo', { name: 'shop', preventDestroy });
      return resources(stack);
    };
    const on = build(true);
    for (const i of Object.values(on.aws_db_instance) as { lifecycle?: object }[]) expect(i.lifecycle).toEqual({ prevent_destroy: true });
    expect(Object.values(on.aws_db_instance)).toHaveLength(2);
    expect((Object.values(on.aws_ecr_repository)[0] as { lifecycle?: object }).lifecycle).toEqual({ prevent_destroy: true });
    const off = build();
    for (const i of Object.values(off.aws_db_instance) as { lifecycle?: object }[]) expect(i.lifecycle).toBeUndefined();
    expect((Object.values(off.aws_ecr_repository)[0] as { lifecycle?: object }).lifecycle).toBeUndefined();
  });
});
