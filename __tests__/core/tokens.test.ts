import { TerraformVariable, Testing } from 'cdktf';
import { Vpc } from '../../lib/aws/network';
import { PostgresDatabase } from '../../lib/aws/database';
import { VirtualNetwork } from '../../lib/azure/network';
import { AwsStack } from '../../lib/aws/aws-stack';
import { AzureStack } from '../../lib/azure/azure-stack';
import { collectErrors, containsToken, Rule, validateProps } from '../../lib/core/validation';

const awsStack = () => new AwsStack(Testing.app(), 'test', { architecture: 't', environment: 'dev', region: 'us-east-1', backend: { type: 'local' } });
const azureStack = () => new AzureStack(Testing.app(), 'test', { architecture: 't', environment: 'dev', location: 'eastus', backend: { type: 'local' } });

describe('validation skips unresolved Terraform tokens', () => {
  test('a VPC CIDR from a TerraformVariable synthesizes, and literal mistakes next to it are still reported', () => {
    const stack = awsStack();
    const cidr = new TerraformVariable(stack, 'vpc_cidr', { type: 'string' }).stringValue;
    const subnetCidr = new TerraformVariable(stack, 'subnet_cidr', { type: 'string' }).stringValue;
    const errors = collectErrors(() => {
      new Vpc(stack, 'Vpc', {
        name: 'dev',
        cidr,
        publicSubnets: [
          { cidr: subnetCidr, az: 'us-east-1a' },
          { cidr: '10.0.2.0/24', az: 'us-east-1b' },
        ],
      });
      new Vpc(stack, 'Bad', { name: 'bad', cidr: '10.0.0.0/16', publicSubnets: [{ cidr: subnetCidr, az: 'us-east-1a' }, { cidr: '10.1.0.0/24', az: 'us-east-1b' }] });
    });
    expect(errors).toEqual(['test/Bad: every subnet must lie inside the VPC CIDR 10.0.0.0/16 (got "10.1.0.0/24")']);
    const json = JSON.parse(Testing.synth(stack));
    expect(Object.values(json.resource.aws_vpc as Record<string, { cidr_block: string }>).map((v) => v.cidr_block)).toEqual(['${var.vpc_cidr}']);
  });

  test('a VNet address space and subnet prefix from TerraformVariables pass', () => {
    const stack = azureStack();
    const space = new TerraformVariable(stack, 'space', { type: 'string' }).stringValue;
    const prefix = new TerraformVariable(stack, 'prefix', { type: 'string' }).stringValue;
    const errors = collectErrors(() => new VirtualNetwork(stack, 'Vnet', { addressSpace: [space], subnets: [{ name: 'snet-app', addressPrefix: prefix }, { name: 'snet-db', addressPrefix: '10.0.2.0/24' }] }));
    expect(errors).toEqual([]);
    expect(() => Testing.synth(stack, true)).not.toThrow();
  });

  test('a port from a TerraformVariable passes the port range rule', () => {
    const stack = awsStack();
    const port = new TerraformVariable(stack, 'port', { type: 'number' }).numberValue;
    const errors = collectErrors(() => new PostgresDatabase(stack, 'Db', { identifier: 'dev-db', vpcId: 'vpc-1', subnets: { ids: ['a', 'b'], azs: ['us-east-1a', 'us-east-1b'] }, port }));
    expect(errors).toEqual([]);
  });

  test('validateProps skips a failure whose value contains a token, at any depth, and a check that throws on a token', () => {
    const stack = awsStack();
    const token = new TerraformVariable(stack, 'x', { type: 'string' }).stringValue;
    const rules: Rule<{ v: unknown }>[] = [
      { rule: 'v must be short', check: (p) => p.v },
      { rule: 'v must parse', check: (p) => { throw new Error(`cannot parse ${String(p.v)}`); } },
    ];
    expect(containsToken({ a: [{ b: token }] })).toBe(true);
    expect(containsToken({ a: ['x'] })).toBe(false);
    expect(collectErrors(() => validateProps(stack, { v: { list: ['a', token] } }, rules))).toEqual([]);
    expect(collectErrors(() => validateProps(stack, { v: 'literal' }, rules))).toEqual([
      'test: v must be short (got "literal")',
      'test: v must parse (got "<check failed: cannot parse literal>")',
    ]);
  });
});
