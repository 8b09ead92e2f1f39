/**
 * lib/aws/network/vpc.ts at its documented limits and in its modes (VPC /16-/28, subnets at index 0 and
 * flush with the end, NAT layouts and which gateway each private subnet uses, flow logs on, off and
 * encrypted), found unpinned by `npm run test:mutation`.
 */
import { Testing } from 'cdktf';
import { AwsStack } from '../../lib/aws/aws-stack';
import { NatGateways, Vpc, VpcProps } from '../../lib/aws/network';
import { collectErrors } from '../../lib/core/validation';

const newStack = () => new AwsStack(Testing.app(), 'test', { architecture: 't', environment: 'dev', region: 'us-east-1', backend: { type: 'local' } });
type R = Record<string, unknown>;
type Json = { resource: Record<string, Record<string, R>> };
const base: VpcProps = { name: 'dev', cidr: '10.0.0.0/16', publicSubnets: [{ cidr: '10.0.1.0/24', az: 'us-east-1a' }] };
const build = (props: Partial<VpcProps>) => {
  const stack = newStack();
  const vpc = new Vpc(stack, 'Vpc', { ...base, ...props });
  return { vpc, json: JSON.parse(Testing.synth(stack)) as Json };
};
const errorsOf = (props: Partial<VpcProps>) => collectErrors(() => new Vpc(newStack(), 'Vpc', { ...base, ...props }));
const all = (json: Json, type: string) => Object.entries(json.resource[type] ?? {});
const values = (json: Json, type: string) => Object.values(json.resource[type] ?? {}).map(({ tags, ...r }) => ((tags as R | undefined)?.Name ? { ...r, tags: { Name: (tags as R).Name, ...((tags as R).tier ? { tier: (tags as R).tier } : {}) } } : r));
const keyOf = (json: Json, type: string, prefix: string) => all(json, type).find(([k]) => k.startsWith(prefix))![0];

describe('VPC size limits (AWS: /16 to /28)', () => {
  test.each([
    ['10.0.0.0/16', []],
    ['10.0.0.0/28', []],
    ['10.0.0.0/15', ['test/Vpc: cidr prefix must be between /16 and /28 (the sizes AWS allows for a VPC) (got "10.0.0.0/15")']],
    ['10.0.0.0/29', ['test/Vpc: cidr prefix must be between /16 and /28 (the sizes AWS allows for a VPC) (got "10.0.0.0/29")']],
  ])('%s', (cidr, expected) => {
    expect(errorsOf({ cidr, publicSubnets: [{ cidr, az: 'us-east-1a' }] })).toEqual(expected);
  });

  test('a malformed VPC block is reported once: the containment rule waits for a valid one', () => {
    expect(errorsOf({ cidr: '10.0.0.0/164' })).toEqual(['test/Vpc: cidr must be an IPv4 CIDR block with no host bits set (got "10.0.0.0/164")']);
  });

  test('a malformed subnet block is reported once: the overlap rule waits', () => {
    expect(errorsOf({ publicSubnets: [{ cidr: '10.0.1.0/24', az: 'us-east-1a' }, { cidr: '10.0.1.0/24', az: 'us-east-1b' }, { cidr: '10.0.9.1/24', az: 'us-east-1c' }] })).toEqual([
      'test/Vpc: every subnet cidr must be an IPv4 CIDR block with no host bits set (got "10.0.9.1/24")',
    ]);
  });
});

describe('subnets at the edges of the VPC', () => {
  test.each([
    ['at index 0', '10.0.0.0/24'],
    ['flush with the end', '10.0.255.0/24'],
    ['the last /28', '10.0.255.240/28'],
    ['as large as the VPC', '10.0.0.0/16'],
  ])('%s is accepted', (_label, cidr) => {
    const { json } = build({ publicSubnets: [{ cidr, az: 'us-east-1a' }] });
    expect(values(json, 'aws_subnet').map((s) => s.cidr_block)).toEqual([cidr]);
  });

  test.each(['10.1.0.0/24', '9.255.255.0/24', '10.0.0.0/15'])('%s is outside 10.0.0.0/16', (cidr) => {
    expect(errorsOf({ publicSubnets: [{ cidr, az: 'us-east-1a' }] })).toEqual([`test/Vpc: every subnet must lie inside the VPC CIDR 10.0.0.0/16 (got "${cidr}")`]);
  });

  test('isolated subnets are checked too', () => {
    expect(errorsOf({ isolatedSubnets: [{ cidr: '10.2.0.0/24', az: 'us-east-1a' }] })).toEqual(['test/Vpc: every subnet must lie inside the VPC CIDR 10.0.0.0/16 (got "10.2.0.0/24")']);
    expect(errorsOf({ isolatedSubnets: [{ cidr: '10.0.1.0/25', az: 'us-east-1a' }] })).toEqual(['test/Vpc: subnets must not overlap (got ["10.0.1.0/24","10.0.1.0/25"])']);
  });
});

describe('resources', () => {
  test('VPC, closed default group, internet gateway, public route table and subnets, all named after the VPC', () => {
    const { vpc, json } = build({ publicSubnets: [{ cidr: '10.0.1.0/24', az: 'us-east-1a' }, { cidr: '10.0.2.0/24', az: 'us-east-1b' }], flowLogRetentionDays: 0 });
    expect(values(json, 'aws_vpc')).toEqual([{ cidr_block: '10.0.0.0/16', enable_dns_hostnames: true, enable_dns_support: true, tags: { Name: 'dev-vpc' } }]);
    expect(values(json, 'aws_default_security_group')).toEqual([{ vpc_id: expect.stringMatching(/aws_vpc\.Vpc_/), tags: { Name: 'dev-default-deny' } }]);
    expect(values(json, 'aws_internet_gateway')).toEqual([{ vpc_id: expect.stringMatching(/aws_vpc\.Vpc_/), tags: { Name: 'dev-igw' } }]);
    expect(values(json, 'aws_route_table')).toEqual([{ vpc_id: expect.stringMatching(/aws_vpc\.Vpc_/), tags: { Name: 'dev-public-rt' } }]);
    const igw = keyOf(json, 'aws_internet_gateway', 'Vpc_InternetGateway');
    const rt = keyOf(json, 'aws_route_table', 'Vpc_PublicRouteTable');
    expect(values(json, 'aws_route')).toEqual([{ route_table_id: `\${aws_route_table.${rt}.id}`, destination_cidr_block: '0.0.0.0/0', gateway_id: `\${aws_internet_gateway.${igw}.id}` }]);
    expect(values(json, 'aws_subnet')).toEqual([
      { vpc_id: expect.any(String), cidr_block: '10.0.1.0/24', availability_zone: 'us-east-1a', map_public_ip_on_launch: false, tags: { Name: 'dev-public-us-east-1a', tier: 'public' } },
      { vpc_id: expect.any(String), cidr_block: '10.0.2.0/24', availability_zone: 'us-east-1b', map_public_ip_on_launch: false, tags: { Name: 'dev-public-us-east-1b', tier: 'public' } },
    ]);
    expect(values(json, 'aws_route_table_association').map((a) => a.route_table_id)).toEqual([`\${aws_route_table.${rt}.id}`, `\${aws_route_table.${rt}.id}`]);
    expect(vpc.public.azs).toEqual(['us-east-1a', 'us-east-1b']);
    expect(vpc.public.ids).toHaveLength(2);
    expect(vpc.private).toEqual({ subnets: [], ids: [], azs: [] });
    expect(vpc.isolated.subnets).toEqual([]);
    expect(vpc.cidr).toBe('10.0.0.0/16');
    expect(json.resource.aws_nat_gateway).toBeUndefined();
  });

  test('isolated subnets share one route table with no routes; tiers are tagged', () => {
    const { json } = build({ isolatedSubnets: [{ cidr: '10.0.20.0/24', az: 'us-east-1a' }, { cidr: '10.0.21.0/24', az: 'us-east-1b' }], flowLogRetentionDays: 0 });
    const rt = keyOf(json, 'aws_route_table', 'Vpc_IsolatedRouteTable');
    expect(values(json, 'aws_route_table').map((r) => (r.tags as R).Name)).toEqual(['dev-isolated-rt', 'dev-public-rt']);
    expect(values(json, 'aws_route_table_association').filter((a) => a.route_table_id === `\${aws_route_table.${rt}.id}`)).toHaveLength(2);
    expect(values(json, 'aws_route')).toHaveLength(1);
    expect(values(json, 'aws_subnet').filter((s) => (s.tags as R).tier === 'isolated').map((s) => (s.tags as R).Name)).toEqual(['dev-isolated-us-east-1a', 'dev-isolated-us-east-1b']);
  });
});

describe('NAT layouts', () => {
  const publicSubnets = [{ cidr: '10.0.2.0/24', az: 'us-east-1b' }, { cidr: '10.0.1.0/24', az: 'us-east-1a' }];
  const privateSubnets = [{ cidr: '10.0.11.0/24', az: 'us-east-1a' }, { cidr: '10.0.12.0/24', az: 'us-east-1b' }, { cidr: '10.0.13.0/24', az: 'us-east-1a' }];

  test('per AZ: one gateway (and EIP) in each private AZ\'s own public subnet; each private subnet routes through its AZ\'s gateway', () => {
    const { vpc, json } = build({ publicSubnets, privateSubnets, flowLogRetentionDays: 0 });
    expect(vpc.natGateways).toHaveLength(2);
    const nats = all(json, 'aws_nat_gateway');
    const pubA = keyOf(json, 'aws_subnet', 'Vpc_PublicSubnet2'); // us-east-1a is the second public subnet
    const pubB = keyOf(json, 'aws_subnet', 'Vpc_PublicSubnet1');
    expect(nats.map(([, n]) => [n.subnet_id, (n.tags as R).Name])).toEqual([
      [`\${aws_subnet.${pubA}.id}`, 'dev-nat-us-east-1a'],
      [`\${aws_subnet.${pubB}.id}`, 'dev-nat-us-east-1b'],
    ]);
    expect(nats.every(([, n]) => (n.depends_on as string[]).some((d) => d.startsWith('aws_internet_gateway.')))).toBe(true);
    const eips = values(json, 'aws_eip');
    expect(eips).toEqual([{ domain: 'vpc', tags: { Name: 'dev-nat-eip-us-east-1a' } }, { domain: 'vpc', tags: { Name: 'dev-nat-eip-us-east-1b' } }]);
    expect(nats.map(([, n]) => n.allocation_id)).toEqual(all(json, 'aws_eip').map(([k]) => `\${aws_eip.${k}.id}`));
    const natA = `\${aws_nat_gateway.${nats[0][0]}.id}`;
    const natB = `\${aws_nat_gateway.${nats[1][0]}.id}`;
    const privateRoutes = values(json, 'aws_route').filter((r) => r.nat_gateway_id !== undefined);
    expect(privateRoutes.map((r) => [String(r.route_table_id).replace(/_[0-9A-F]+\.id\}$/, ''), r.nat_gateway_id, r.destination_cidr_block])).toEqual([
      ['${aws_route_table.Vpc_PrivateRouteTable1', natA, '0.0.0.0/0'],
      ['${aws_route_table.Vpc_PrivateRouteTable2', natB, '0.0.0.0/0'],
      ['${aws_route_table.Vpc_PrivateRouteTable3', natA, '0.0.0.0/0'],
    ]);
    expect(values(json, 'aws_route_table').map((r) => (r.tags as R).Name).sort()).toEqual(['dev-private-rt-us-east-1a', 'dev-private-rt-us-east-1a', 'dev-private-rt-us-east-1b', 'dev-public-rt']);
    expect(vpc.private.azs).toEqual(['us-east-1a', 'us-east-1b', 'us-east-1a']);
  });

  test('single: one gateway in the first public subnet, used by every private subnet', () => {
    const { json } = build({ publicSubnets, privateSubnets, natGateways: NatGateways.SINGLE, flowLogRetentionDays: 0 });
    const nats = all(json, 'aws_nat_gateway');
    expect(nats.map(([, n]) => [n.subnet_id, (n.tags as R).Name])).toEqual([[`\${aws_subnet.${keyOf(json, 'aws_subnet', 'Vpc_PublicSubnet1')}.id}`, 'dev-nat-us-east-1b']]);
    const routes = values(json, 'aws_route').filter((r) => r.nat_gateway_id !== undefined);
    expect(routes.map((r) => r.nat_gateway_id)).toEqual(Array(3).fill(`\${aws_nat_gateway.${nats[0][0]}.id}`));
  });

  test('a private AZ without a public subnet is an error only per AZ', () => {
    const privateC = [{ cidr: '10.0.11.0/24', az: 'us-east-1c' }];
    const rule = 'test/Vpc: NAT per AZ needs a public subnet in every AZ that has a private subnet (got "us-east-1c")';
    expect(errorsOf({ privateSubnets: privateC })).toEqual([rule]);
    expect(errorsOf({ privateSubnets: privateC, natGateways: NatGateways.PER_AZ })).toEqual([rule]);
    expect(errorsOf({ privateSubnets: privateC, natGateways: NatGateways.SINGLE })).toEqual([]);
    expect(errorsOf({ privateSubnets: privateC, natGateways: NatGateways.NONE })).toEqual([]);
  });

  test('no NAT without private subnets, whatever the layout; NONE leaves private route tables without routes', () => {
    for (const natGateways of [NatGateways.SINGLE, NatGateways.PER_AZ]) {
      const { json } = build({ natGateways, flowLogRetentionDays: 0 });
      expect([natGateways, json.resource.aws_nat_gateway, json.resource.aws_eip]).toEqual([natGateways, undefined, undefined]);
    }
    const { vpc, json } = build({ privateSubnets: [{ cidr: '10.0.11.0/24', az: 'us-east-1a' }], natGateways: NatGateways.NONE, flowLogRetentionDays: 0 });
    expect(vpc.natGateways).toEqual([]);
    expect(values(json, 'aws_route_table').map((r) => (r.tags as R).Name).sort()).toEqual(['dev-private-rt-us-east-1a', 'dev-public-rt']);
    expect(values(json, 'aws_route')).toHaveLength(1);
    expect(values(json, 'aws_route_table_association')).toHaveLength(2);
  });
});

describe('flow logs', () => {
  test('on by default: a year in CloudWatch Logs, written by a role only VPC Flow Logs can assume, with only the log actions', () => {
    const { json } = build({});
    const [group] = values(json, 'aws_cloudwatch_log_group');
    expect(group).toMatchObject({ name: '/vpc/dev/flow-logs', retention_in_days: 365 });
    expect(group.kms_key_id).toMatch(/^\$\{aws_kms_key.DefaultLogsKey_[0-9A-F]+.arn\}$/);
    const [role] = values(json, 'aws_iam_role');
    expect(role.name_prefix).toBe('dev-vpc-flow-logs-');
    expect(JSON.parse(role.assume_role_policy as string)).toEqual({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'vpc-flow-logs.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
    const [policy] = values(json, 'aws_iam_role_policy');
    const groupKey = keyOf(json, 'aws_cloudwatch_log_group', 'Vpc_FlowLogGroup');
    expect(JSON.parse(policy.policy as string)).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'], Resource: `\${aws_cloudwatch_log_group.${groupKey}.arn}:*` }],
    });
    expect(policy.role).toMatch(/aws_iam_role\.Vpc_FlowLogRole_.*\.id/);
    expect(values(json, 'aws_flow_log')).toEqual([
      { vpc_id: expect.stringMatching(/aws_vpc\.Vpc_/), traffic_type: 'ALL', log_destination_type: 'cloud-watch-logs', log_destination: `\${aws_cloudwatch_log_group.${groupKey}.arn}`, iam_role_arn: expect.stringMatching(/aws_iam_role\.Vpc_FlowLogRole_.*\.arn/) },
    ]);
  });

  test('a given retention and KMS key are used; 1 day still logs', () => {
    const { json } = build({ flowLogRetentionDays: 1, flowLogKmsKeyArn: 'arn:aws:kms:us-east-1:111111111111:key/k' });
    expect(values(json, 'aws_cloudwatch_log_group')).toEqual([expect.objectContaining({ retention_in_days: 1, kms_key_id: 'arn:aws:kms:us-east-1:111111111111:key/k' })]);
    expect(values(json, 'aws_flow_log')).toHaveLength(1);
  });
});
