import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Testing } from 'cdktf';
import { z } from 'zod';
import { AwsStack } from '../../lib/aws/aws-stack';
import { AzureStack } from '../../lib/azure/azure-stack';
import { awsRegion, cidr, loadConfig } from '../../lib/core/config';
import { didYouMean, isAzOfRegion } from '../../lib/core/regions';
import { expectValidationError } from '../helpers';

const aws = (region: string) => new AwsStack(Testing.app(), 'test', { architecture: 't', environment: 'dev', region, backend: { type: 'local' } });

describe('regions and availability zones', () => {
  test('an unknown AWS region fails with a suggestion', () => {
    expectValidationError(() => aws('eu-wset-1'), 'test: region must be an AWS region such as us-east-1 or eu-west-1 (got "eu-wset-1"); did you mean "eu-west-1"?');
    expectValidationError(() => aws('mars-1'), 'test: region must be an AWS region such as us-east-1 or eu-west-1 (got "mars-1")');
    expect(() => aws('eu-west-1')).not.toThrow();
  });

  test('an availability zone must belong to the stack region', () => {
    expect(isAzOfRegion('us-east-1a', 'us-east-1')).toBe(true);
    expect(isAzOfRegion('us-east-1-bos-1a', 'us-east-1')).toBe(true);
    expect(isAzOfRegion('us-east-11a', 'us-east-1')).toBe(false);
    const stack = aws('us-east-1');
    new Subnet(stack, 'Good', { vpcId: 'vpc-1', cidrBlock: '10.0.1.0/24', availabilityZone: 'us-east-1a' });
    new Subnet(stack, 'Bad', { vpcId: 'vpc-1', cidrBlock: '10.0.2.0/24', availabilityZone: 'eu-west-1a' });
    expect(() => Testing.synth(stack, true)).toThrow(`test/Bad: availability zone must be in the stack's region us-east-1 (got "eu-west-1a")`);
  });

  test('an unknown Azure location fails with a suggestion', () => {
    expectValidationError(
      () => new AzureStack(Testing.app(), 'test', { architecture: 't', environment: 'dev', location: 'westeurop', backend: { type: 'local' } }),
      'test: location must be a known Azure region such as eastus or westeurope (got "westeurop"); did you mean "westeurope"?',
    );
    expect(didYouMean('zzzzzz', ['eastus'])).toBeUndefined();
  });

  test('config errors say what they got', () => {
    const schema = z.object({ vpc: cidr(), region: awsRegion() });
    expect(() => loadConfig('demo', schema, { dev: { vpc: '10.0.0.0/61', region: 'us-eest-1' } }, 'dev')).toThrow(
      'invalid configuration:\n  demo.dev.vpc: must be an IPv4 CIDR block such as 10.0.0.0/16 with no host bits set (got "10.0.0.0/61")\n  demo.dev.region: must be an AWS region such as us-east-1 (got "us-eest-1"); did you mean "us-east-1"?',
    );
  });
});
