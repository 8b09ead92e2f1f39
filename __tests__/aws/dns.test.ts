import { DataAwsRoute53Zone } from '@cdktf/provider-aws/lib/data-aws-route53-zone';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { Route53Zone } from '@cdktf/provider-aws/lib/route53-zone';
import { Testing } from 'cdktf';
import { addRecord, HostedZone, hostedZoneConfigSchema } from '../../lib/aws/dns';
import { ApplicationLoadBalancer } from '../../lib/aws/loadbalancing';
import { AwsStack } from '../../lib/aws/aws-stack';
import { expectValidationError } from '../helpers';

const newStack = () => new AwsStack(Testing.app(), 'test', { architecture: 't', environment: 'dev', region: 'us-east-1', backend: { type: 'local' } });

describe('HostedZone', () => {
  test('a new public zone: no force-destroy by default, its id and name servers exposed', () => {
    const stack = newStack();
    const zone = new HostedZone(stack, 'Zone', { zoneName: 'example.com' });
    stack.output('ns', zone.nameServers, 'name servers');
    stack.output('id', zone.hostedZoneId, 'zone id');
    const out = Testing.synth(stack, true);
    expect(out).toHaveResourceWithProperties(Route53Zone, { name: 'example.com', force_destroy: false, comment: 'Managed by Terraform (cdktf)' });
    const json = JSON.parse(out);
    expect(json.output.ns.value).toMatch(/^\$\{aws_route53_zone\.Zone_[0-9A-F]+\.name_servers\}$/);
    expect(json.output.id.value).toMatch(/^\$\{aws_route53_zone\.Zone_[0-9A-F]+\.zone_id\}$/);
    expect(zone.zoneName).toBe('example.com');
  });

  test('preventDestroy refuses terraform destroy (production zones: the delegation would break)', () => {
    const stack = newStack();
    HostedZone.fromConfig(stack, 'Zone', { mode: 'create', name: 'example.com' }, { preventDestroy: true });
    expect(Testing.synth(stack, true)).toHaveResourceWithProperties(Route53Zone, { name: 'example.com', lifecycle: { prevent_destroy: true } });
  });

  test('fromLookup reads a public zone by name, or by id when given', () => {
    const stack = newStack();
    const byName = HostedZone.fromLookup(stack, 'ByName', { zoneName: 'example.com' });
    HostedZone.fromLookup(stack, 'ById', { zoneName: 'example.org', hostedZoneId: 'Z0123456789ABC' });
    const out = Testing.synth(stack, true);
    expect(out).toHaveDataSourceWithProperties(DataAwsRoute53Zone, { name: 'example.com', private_zone: false });
    expect(out).toHaveDataSourceWithProperties(DataAwsRoute53Zone, { zone_id: 'Z0123456789ABC', private_zone: false });
    expect(byName.zoneName).toBe('example.com');
    expect(out).not.toHaveResource(Route53Zone);
  });

  test('fromConfig: create, lookup, or no zone for unmanaged DNS', () => {
    const stack = newStack();
    expect(HostedZone.fromConfig(stack, 'A', hostedZoneConfigSchema.parse({ mode: 'create', name: 'a.example.com' }))).toBeInstanceOf(HostedZone);
    expect(HostedZone.fromConfig(stack, 'B', hostedZoneConfigSchema.parse({ mode: 'lookup', name: 'b.example.com' }))).toMatchObject({ zoneName: 'b.example.com' });
    expect(HostedZone.fromConfig(stack, 'C', hostedZoneConfigSchema.parse({ mode: 'unmanaged' }))).toBeUndefined();
    const out = Testing.synth(stack, true);
    expect(out).toHaveResourceWithProperties(Route53Zone, { name: 'a.example.com' });
    expect(out).toHaveDataSourceWithProperties(DataAwsRoute53Zone, { name: 'b.example.com' });
    expect(() => hostedZoneConfigSchema.parse({ mode: 'lookup', name: 'Example.com' })).toThrow(/must be a lowercase DNS name such as example.com/);
  });

  test('addRecord creates a record in the zone', () => {
    const stack = newStack();
    addRecord(stack, 'Dmarc', HostedZone.fromAttributes({ hostedZoneId: 'Z1', zoneName: 'example.com' }), { name: '_dmarc.example.com', type: 'TXT', ttl: 1800, values: ['v=DMARC1; p=reject'] });
    expect(Testing.synth(stack, true)).toHaveResourceWithProperties(Route53Record, { zone_id: 'Z1', name: '_dmarc.example.com', type: 'TXT', ttl: 1800, records: ['v=DMARC1; p=reject'] });
  });

  test('ApplicationLoadBalancer.addDnsAlias takes a zone: A alias in it', () => {
    const stack = newStack();
    const alb = new ApplicationLoadBalancer(stack, 'Alb', { name: 'dev-alb', vpcId: 'vpc-1', subnets: { ids: ['subnet-a', 'subnet-b'], azs: ['us-east-1a', 'us-east-1b'] } });
    alb.addDnsAlias('Dns', new HostedZone(stack, 'Zone', { zoneName: 'example.com' }), 'api.example.com');
    expect(Testing.synth(stack, true)).toHaveResourceWithProperties(Route53Record, {
      zone_id: expect.stringMatching(/aws_route53_zone\.Zone_[0-9A-F]+\.zone_id/),
      name: 'api.example.com',
      type: 'A',
      alias: expect.objectContaining({ evaluate_target_health: true }),
    });
  });

  const zone = HostedZone.fromAttributes({ hostedZoneId: 'Z1', zoneName: 'example.com' });
  test.each([
    [() => new HostedZone(newStack(), 'Z', { zoneName: 'Example.com' }), 'test/Z: zoneName must be a lowercase DNS name such as example.com (no wildcard, no trailing dot) (got "Example.com")'],
    [() => new HostedZone(newStack(), 'Z', { zoneName: '*.example.com' }), 'test/Z: zoneName must be a lowercase DNS name such as example.com (no wildcard, no trailing dot) (got "*.example.com")'],
    [() => HostedZone.fromLookup(newStack(), 'Z', { zoneName: 'example.com.' }), 'test/Z: zoneName must be a lowercase DNS name such as example.com (no wildcard, no trailing dot) (got "example.com.")'],
    [() => HostedZone.fromLookup(newStack(), 'Z', { zoneName: 'example.com', hostedZoneId: 'abc' }), 'test/Z: hostedZoneId must be a Route 53 zone id such as Z0123456789ABC (got "abc")'],
    [
      () => addRecord(newStack(), 'R', zone, { name: '_dmarc.example.org', type: 'TXT', ttl: 60, values: ['x'] }),
      'test: record name must lie in the hosted zone example.com (got "_dmarc.example.org")',
    ],
    [
      () => {
        const stack = newStack();
        new ApplicationLoadBalancer(stack, 'Alb', { name: 'dev-alb', vpcId: 'vpc-1', subnets: { ids: ['subnet-a', 'subnet-b'], azs: ['us-east-1a', 'us-east-1b'] } }).addDnsAlias('Dns', zone, 'api.example.net');
        return stack;
      },
      'test/Alb: alias name must lie in the hosted zone example.com (got "api.example.net")',
    ],
  ])('rejects bad input (%#)', (make, message) => {
    expectValidationError(make, message);
  });
});
