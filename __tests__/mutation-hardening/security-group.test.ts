/**
 * lib/aws/network/security-group.ts at its limits (ports 0 / 65535 / negative / fractional, ICMP and
 * all-traffic fields, peers that are not CIDR blocks, rule identities), found unpinned by `npm run test:mutation`.
 */
import { TerraformVariable, Testing } from 'cdktf';
import { AwsStack } from '../../lib/aws/aws-stack';
import { Peer, Port, SecurityGroup } from '../../lib/aws/network';
import { collectErrors } from '../../lib/core/validation';

const newStack = () => new AwsStack(Testing.app(), 'test', { architecture: 't', environment: 'dev', region: 'us-east-1', backend: { type: 'local' } });
type Json = { resource: Record<string, Record<string, Record<string, unknown>>> };
const synth = (stack: AwsStack): Json => JSON.parse(Testing.synth(stack));
// The stack's default tags (architecture, environment, managed-by) are another construct's business: left out.
const all = (json: Json, type: string) => Object.values(json.resource[type] ?? {}).map(({ tags, ...r }) => ((tags as Record<string, string>)?.Name ? { ...r, tags: { Name: (tags as Record<string, string>).Name } } : r));
const ingress = (json: Json) => all(json, 'aws_vpc_security_group_ingress_rule');
const egress = (json: Json) => all(json, 'aws_vpc_security_group_egress_rule');

describe('SecurityGroup resource', () => {
  test('name, description defaulting to the name, VPC, Name tag, create-before-destroy; no inline rules', () => {
    const stack = newStack();
    const sg = new SecurityGroup(stack, 'Sg', { vpcId: 'vpc-1', name: 'dev-app' });
    new SecurityGroup(stack, 'Described', { vpcId: 'vpc-2', name: 'dev-db', description: 'database tier' });
    const groups = all(synth(stack), 'aws_security_group').sort((x, y) => String(x.name).localeCompare(String(y.name)));
    expect(groups).toEqual([
      { name: 'dev-app', description: 'dev-app', vpc_id: 'vpc-1', tags: { Name: 'dev-app' }, lifecycle: { create_before_destroy: true } },
      { name: 'dev-db', description: 'database tier', vpc_id: 'vpc-2', tags: { Name: 'dev-db' }, lifecycle: { create_before_destroy: true } },
    ]);
    expect(sg.name).toBe('dev-app');
    expect(sg.peerLabel).toBe('dev-app');
    expect(sg.peerSecurityGroupId).toBe(sg.securityGroupId);
    expect(sg.securityGroupId).toMatch(/^\$\{TfToken\[TOKEN\.\d+\]\}$/);
    expect(sg.connections).toBe(sg.connections);
    expect(sg.connections.securityGroups).toEqual([sg]);
  });

  test('name is required', () => {
    expect(collectErrors(() => new SecurityGroup(newStack(), 'Sg', { vpcId: 'vpc-1' } as never))).toEqual(['test/Sg: name is required (got undefined)']);
  });
});

describe('rule fields', () => {
  test('TCP from a CIDR block: ingress with the block, the port twice and a generated description', () => {
    const stack = newStack();
    new SecurityGroup(stack, 'Sg', { vpcId: 'vpc-1', name: 'sg' }).allowFrom(Peer.cidr('10.0.0.0/16'), Port.tcp(443));
    const json = synth(stack);
    expect(ingress(json)).toEqual([
      { security_group_id: expect.stringMatching(/^\$\{aws_security_group\.Sg_.*\.id\}$/), description: '443 from 10.0.0.0/16', ip_protocol: 'tcp', from_port: 443, to_port: 443, cidr_ipv4: '10.0.0.0/16' },
    ]);
    expect(egress(json)).toEqual([]);
  });

  test('egress to a group references it; a given description is used as it is', () => {
    const stack = newStack();
    const a = new SecurityGroup(stack, 'A', { vpcId: 'vpc-1', name: 'a' });
    const b = new SecurityGroup(stack, 'B', { vpcId: 'vpc-1', name: 'b' });
    a.allowTo(b, Port.tcpRange(8000, 8003)).allowTo(Peer.anyIpv4(), Port.udp(53), 'DNS');
    const json = synth(stack);
    expect(egress(json)).toEqual([
      { security_group_id: expect.stringMatching(/aws_security_group\.A_/), description: '8000-8003 to b', ip_protocol: 'tcp', from_port: 8000, to_port: 8003, referenced_security_group_id: expect.stringMatching(/aws_security_group\.B_/) },
      { security_group_id: expect.stringMatching(/aws_security_group\.A_/), description: 'DNS', ip_protocol: 'udp', from_port: 53, to_port: 53, cidr_ipv4: '0.0.0.0/0' },
    ]);
    expect(ingress(json)).toEqual([]);
  });

  test('ICMP rules carry -1 as both ports; all traffic is protocol -1 with no ports', () => {
    const stack = newStack();
    new SecurityGroup(stack, 'Sg', { vpcId: 'vpc-1', name: 'sg' })
      .allowFrom(Peer.cidr('10.0.0.0/8'), Port.icmp())
      .allowTo(Peer.anyIpv4(), Port.allTraffic())
      .allowFrom(Peer.cidr('10.1.0.0/16'), Port.allTcp());
    const json = synth(stack);
    expect(ingress(json)).toEqual([
      expect.objectContaining({ ip_protocol: 'icmp', from_port: -1, to_port: -1, cidr_ipv4: '10.0.0.0/8', description: 'icmp from 10.0.0.0/8' }),
      expect.objectContaining({ ip_protocol: 'tcp', from_port: 0, to_port: 65535, cidr_ipv4: '10.1.0.0/16' }),
    ]);
    const [out] = egress(json);
    expect(out).toEqual({ security_group_id: expect.any(String), description: 'all to 0.0.0.0/0', ip_protocol: '-1', cidr_ipv4: '0.0.0.0/0' });
  });

  test('connectTo opens egress on this group and ingress on the target', () => {
    const stack = newStack();
    const a = new SecurityGroup(stack, 'A', { vpcId: 'vpc-1', name: 'a' });
    const b = new SecurityGroup(stack, 'B', { vpcId: 'vpc-1', name: 'b' });
    expect(a.connectTo(b, Port.tcp(5432))).toBe(a);
    const json = synth(stack);
    expect(egress(json)).toEqual([expect.objectContaining({ security_group_id: expect.stringMatching(/\.A_/), referenced_security_group_id: expect.stringMatching(/\.B_/), from_port: 5432, description: '5432 to b' })]);
    expect(ingress(json)).toEqual([expect.objectContaining({ security_group_id: expect.stringMatching(/\.B_/), referenced_security_group_id: expect.stringMatching(/\.A_/), from_port: 5432, description: '5432 from a' })]);
  });
});

test('a peer that carries a security group id is referenced by it; its address is neither used nor checked', () => {
  const stack = newStack();
  const peer = { peerLabel: 'mixed', peerSecurityGroupId: 'sg-123', peerAddress: 'not-a-cidr' };
  expect(collectErrors(() => new SecurityGroup(stack, 'Sg', { vpcId: 'vpc-1', name: 'sg' }).allowFrom(peer, Port.tcp(443)))).toEqual([]);
  expect(ingress(synth(stack))).toEqual([expect.objectContaining({ referenced_security_group_id: 'sg-123' })]);
  expect(ingress(synth(stack))[0].cidr_ipv4).toBeUndefined();
});

describe('rule identities', () => {
  test('the construct id is <In|Out>-<protocol>-<label>-<peer> with other characters replaced by _', () => {
    const stack = newStack();
    const sg = new SecurityGroup(stack, 'Sg', { vpcId: 'vpc-1', name: 'sg' });
    const other = new SecurityGroup(stack, 'Other', { vpcId: 'vpc-1', name: 'db.tier' });
    sg.allowFrom(Peer.cidr('10.0.0.0/16'), Port.tcp(443)).allowTo(other, Port.udp(53)).allowFrom(Peer.anyIpv4(), Port.icmp());
    expect(sg.node.children.map((c) => c.node.id).sort()).toEqual(['In-icmp-icmp-0_0_0_0_0', 'In-tcp-443-10_0_0_0_16', 'Out-udp-udp53-db_tier', 'Resource'].sort());
  });

  test('the same rule twice is one rule; the same port in the other direction is another', () => {
    const stack = newStack();
    const sg = new SecurityGroup(stack, 'Sg', { vpcId: 'vpc-1', name: 'sg' });
    sg.allowFrom(Peer.anyIpv4(), Port.tcp(443)).allowFrom(Peer.anyIpv4(), Port.tcp(443), 'again').allowTo(Peer.anyIpv4(), Port.tcp(443));
    sg.allowFrom(Peer.anyIpv4(), Port.udp(443));
    const json = synth(stack);
    expect(ingress(json).map((r) => [r.ip_protocol, r.description])).toEqual([['tcp', '443 from 0.0.0.0/0'], ['udp', 'udp443 from 0.0.0.0/0']]);
    expect(egress(json)).toHaveLength(1);
  });
});

describe('rule checks', () => {
  const attempt = (port: () => Port, peer: () => ReturnType<typeof Peer.cidr> = () => Peer.anyIpv4()) =>
    collectErrors(() => new SecurityGroup(newStack(), 'Sg', { vpcId: 'vpc-1', name: 'sg' }).allowFrom(peer(), port()));

  test.each([
    ['0', () => Port.tcp(0)],
    ['65535', () => Port.tcp(65535)],
    ['0-65535', () => Port.tcpRange(0, 65535)],
    ['a one-port range', () => Port.tcpRange(22, 22)],
    ['udp 65535', () => Port.udp(65535)],
  ])('port %s is accepted', (_label, port) => {
    expect(attempt(port)).toEqual([]);
  });

  test.each([
    [() => Port.tcp(-1), 'port must be an integer between 0 and 65535 (got -1)'],
    [() => Port.tcp(65536), 'port must be an integer between 0 and 65535 (got 65536)'],
    [() => Port.tcp(443.5), 'port must be an integer between 0 and 65535 (got 443.5)'],
    [() => Port.tcpRange(80, 70000), 'port must be an integer between 0 and 65535 (got 70000)'],
    [() => Port.udpRange(-5, 10), 'port must be an integer between 0 and 65535 (got -5)'],
    [() => Port.tcpRange(8080, 8000), 'port range start must not exceed its end (got "8080-8000")'],
  ])('%s is rejected', (port, message) => {
    expect(attempt(port)).toEqual([`test/Sg: ${message}`]);
  });

  test('a port from a Terraform variable is not judged', () => {
    const stack = newStack();
    const p = new TerraformVariable(stack, 'port', { type: 'number' }).numberValue;
    expect(collectErrors(() => new SecurityGroup(stack, 'Sg', { vpcId: 'vpc-1', name: 'sg' }).allowFrom(Peer.anyIpv4(), Port.tcp(p)))).toEqual([]);
  });

  test.each([
    ['10.0.0.0/164', 'test/Sg: peer must be an IPv4 CIDR block with no host bits set (got "10.0.0.0/164")'],
    ['10.0.0.1/16', 'test/Sg: peer must be an IPv4 CIDR block with no host bits set (got "10.0.0.1/16")'],
    ['10.0.0.1', 'test/Sg: peer must be an IPv4 CIDR block with no host bits set (got "10.0.0.1")'],
  ])('peer %s is rejected', (block, message) => {
    expect(attempt(() => Port.tcp(443), () => Peer.cidr(block))).toEqual([message]);
  });

  test('a CIDR peer from a Terraform variable is not judged; a service tag or Azure "any" is rejected', () => {
    const stack = newStack();
    const block = new TerraformVariable(stack, 'cidr', { type: 'string' }).stringValue;
    const sg = new SecurityGroup(stack, 'Sg', { vpcId: 'vpc-1', name: 'sg' });
    expect(collectErrors(() => sg.allowFrom(Peer.cidr(block), Port.tcp(443)))).toEqual([]);
    expect(ingress(synth(stack))).toEqual([expect.objectContaining({ cidr_ipv4: '${var.cidr}' })]);
    const rule = 'security group rules take a CIDR block or a security group, not an Azure service tag';
    expect(attempt(() => Port.tcp(443), () => Peer.serviceTag('GatewayManager'))).toEqual([`test/Sg: ${rule} (got "GatewayManager")`]);
    expect(attempt(() => Port.tcp(443), () => Peer.any())).toEqual([`test/Sg: ${rule} (got "any")`]);
  });
});
