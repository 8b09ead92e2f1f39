import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Testing } from 'cdktf';
import { AwsStack } from '../../lib/aws/aws-stack';
import { NatGateways, Peer, Port, SecurityGroup, Vpc, VpcProps } from '../../lib/aws/network';
import { expectValidationError } from '../helpers';

const backend = { type: 'local' as const };
const newStack = () => new AwsStack(Testing.app(), 'test', { architecture: 't', environment: 'dev', region: 'us-east-1', backend });
const base: VpcProps = {
  name: 'dev',
  cidr: '10.0.0.0/16',
  publicSubnets: [
    { cidr: '10.0.1.0/24', az: 'us-east-1a' },
    { cidr: '10.0.2.0/24', az: 'us-east-1b' },
  ],
  privateSubnets: [
    { cidr: '10.0.11.0/24', az: 'us-east-1a' },
    { cidr: '10.0.12.0/24', az: 'us-east-1b' },
  ],
};

const synth = (props: Partial<VpcProps>) => {
  const stack = newStack();
  new Vpc(stack, 'Vpc', { ...base, ...props });
  return JSON.parse(Testing.synth(stack));
};

describe('Vpc', () => {
  test('NatGateways.NONE with private subnets: no NAT gateway and no default route out of the private subnets', () => {
    const json = synth({ natGateways: NatGateways.NONE });
    expect(json.resource.aws_nat_gateway).toBeUndefined();
    const routes = Object.values(json.resource.aws_route ?? {}) as { route_table_id: string; nat_gateway_id?: string; gateway_id?: string }[];
    expect(routes.filter((r) => /PrivateRouteTable/.test(r.route_table_id))).toEqual([]);
    expect(routes.filter((r) => r.nat_gateway_id !== undefined)).toEqual([]);
    expect(Object.keys(json.resource.aws_subnet)).toHaveLength(4);
  });

  test('flow logs off (flowLogRetentionDays: 0): no flow log, no log group, no flow-log role', () => {
    const json = synth({ flowLogRetentionDays: 0 });
    expect(json.resource.aws_flow_log).toBeUndefined();
    expect(json.resource.aws_cloudwatch_log_group).toBeUndefined();
    expect(json.resource.aws_iam_role).toBeUndefined();
  });

  test('creates tiers, one NAT per AZ by default, flow logs and a closed default SG', () => {
    const json = synth({});
    const subnets = Object.values(json.resource.aws_subnet) as { cidr_block: string; availability_zone: string }[];
    expect(subnets.map((s) => [s.cidr_block, s.availability_zone]).sort()).toEqual([
      ['10.0.1.0/24', 'us-east-1a'],
      ['10.0.11.0/24', 'us-east-1a'],
      ['10.0.12.0/24', 'us-east-1b'],
      ['10.0.2.0/24', 'us-east-1b'],
    ]);
    expect(Object.keys(json.resource.aws_nat_gateway)).toHaveLength(2);
    expect(Object.keys(json.resource.aws_internet_gateway)).toHaveLength(1);
    expect(Object.values(json.resource.aws_flow_log)).toEqual([expect.objectContaining({ traffic_type: 'ALL', log_destination_type: 'cloud-watch-logs' })]);
    expect(json.resource.aws_default_security_group).toBeDefined();
    const dsg = Object.values(json.resource.aws_default_security_group) as Record<string, unknown>[];
    expect(dsg).toHaveLength(1);
    expect(dsg[0].ingress).toBeUndefined();
    expect(dsg[0].egress).toBeUndefined();
  });

  test('single NAT gateway shared by every private subnet', () => {
    const json = synth({ natGateways: NatGateways.SINGLE });
    expect(Object.keys(json.resource.aws_nat_gateway)).toHaveLength(1);
    const routes = Object.values(json.resource.aws_route) as { nat_gateway_id?: string }[];
    expect(routes.filter((r) => r.nat_gateway_id)).toHaveLength(2);
  });

  test('isolated subnets get no route to the internet', () => {
    const json = synth({ isolatedSubnets: [{ cidr: '10.0.20.0/24', az: 'us-east-1a' }] });
    expect(Object.keys(json.resource.aws_route)).toHaveLength(3); // 1 public + 2 private
    expect(Testing.synth(newStackWith({ isolatedSubnets: [{ cidr: '10.0.20.0/24', az: 'us-east-1a' }] }))).toHaveResourceWithProperties(Subnet, { cidr_block: '10.0.20.0/24' });
  });

  test.each([
    [{ cidr: '10.0.0.0/33' }, 'test/Vpc: cidr must be an IPv4 CIDR block with no host bits set (got "10.0.0.0/33")'],
    [{ cidr: '10.0.0.0/8' }, 'test/Vpc: cidr prefix must be between /16 and /28 (the sizes AWS allows for a VPC) (got "10.0.0.0/8")'],
    [{ publicSubnets: [] }, 'test/Vpc: at least one public subnet is required (got [])'],
    [{ privateSubnets: [{ cidr: '10.0.11.0/33', az: 'us-east-1a' }] }, 'every subnet cidr must be an IPv4 CIDR block with no host bits set (got "10.0.11.0/33")'],
    [{ privateSubnets: [{ cidr: '10.1.11.0/24', az: 'us-east-1a' }] }, 'test/Vpc: every subnet must lie inside the VPC CIDR 10.0.0.0/16 (got "10.1.11.0/24")'],
    [{ privateSubnets: [{ cidr: '10.0.0.0/23', az: 'us-east-1a' }] }, 'test/Vpc: subnets must not overlap (got ["10.0.0.0/23","10.0.1.0/24"])'],
    [{ privateSubnets: [{ cidr: '10.0.11.0/24', az: 'us-east-1c' }] }, 'test/Vpc: NAT per AZ needs a public subnet in every AZ that has a private subnet (got "us-east-1c")'],
  ])('rejects %j', (props, message) => {
    expectValidationError(() => synth(props as Partial<VpcProps>), message);
  });
});

function newStackWith(props: Partial<VpcProps>) {
  const stack = newStack();
  new Vpc(stack, 'Vpc', { ...base, ...props });
  return stack;
}

describe('SecurityGroup', () => {
  test('allowFrom writes one ingress rule per peer and port', () => {
    const stack = newStack();
    const alb = new SecurityGroup(stack, 'Alb', { vpcId: 'vpc-1', name: 'dev-alb-sg' });
    const ecs = new SecurityGroup(stack, 'Ecs', { vpcId: 'vpc-1', name: 'dev-ecs-sg' });
    alb.allowFrom(Peer.anyIpv4(), Port.tcp(443));
    ecs.allowFrom(alb, Port.tcpRange(8000, 8002));
    const out = Testing.synth(stack);
    expect(out).toHaveResourceWithProperties(VpcSecurityGroupIngressRule, { cidr_ipv4: '0.0.0.0/0', from_port: 443, to_port: 443, ip_protocol: 'tcp' });
    expect(out).toHaveResourceWithProperties(VpcSecurityGroupIngressRule, {
      from_port: 8000,
      to_port: 8002,
      referenced_security_group_id: expect.stringMatching(/^\$\{aws_security_group\.Alb_[0-9A-F]+\.id\}$/),
    });
  });

  test.each([
    [() => Port.tcp(70000), 'test/Sg: port must be an integer between 0 and 65535 (got 70000)'],
    [() => Port.tcpRange(9000, 8000), 'test/Sg: port range start must not exceed its end (got "9000-8000")'],
  ])('rejects bad ports', (port, message) => {
    const sg = new SecurityGroup(newStack(), 'Sg', { vpcId: 'vpc-1', name: 'sg' });
    expect(() => sg.allowFrom(Peer.anyIpv4(), port())).toThrow(message);
  });

  test('rejects a bad peer CIDR', () => {
    const sg = new SecurityGroup(newStack(), 'Sg', { vpcId: 'vpc-1', name: 'sg' });
    expect(() => sg.allowFrom(Peer.cidr('10.0.0.1/16'), Port.tcp(22))).toThrow('test/Sg: peer must be an IPv4 CIDR block with no host bits set (got "10.0.0.1/16")');
  });
});
