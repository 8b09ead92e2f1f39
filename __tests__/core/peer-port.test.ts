import { SecurityGroup as SgResource } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { TerraformStack, Testing } from 'cdktf';
import { SecurityGroup } from '../../lib/aws/network/security-group';
import { NetworkSecurityGroup, VirtualNetwork } from '../../lib/azure/network';
import { AzureStack } from '../../lib/azure/azure-stack';
import { Peer, Port } from '../../lib/core/peer-port';

const azureStack = () => new AzureStack(Testing.app(), 'test', { architecture: 'flowlite', environment: 'dev', location: 'eastus', backend: { type: 'local' } });
type Json = { resource: Record<string, Record<string, Record<string, unknown>>> };
const synth = (s: TerraformStack): Json => JSON.parse(Testing.synth(s));
const nsgRules = (j: Json) => Object.values(j.resource.azurerm_network_security_rule ?? {});

describe('Port', () => {
  test.each([
    [Port.tcp(443), 'tcp', 443, 443, '443', '443'],
    [Port.tcpRange(8000, 8003), 'tcp', 8000, 8003, '8000-8003', '8000-8003'],
    [Port.allTcp(), 'tcp', 0, 65535, 'all-tcp', '*'],
    [Port.udp(53), 'udp', 53, 53, 'udp53', '53'],
    [Port.udpRange(1000, 2000), 'udp', 1000, 2000, 'udp1000-2000', '1000-2000'],
    [Port.icmp(), 'icmp', undefined, undefined, 'icmp', '*'],
    [Port.allTraffic(), 'all', undefined, undefined, 'all', '*'],
  ])('%# protocol, range, label, NSG range', (port, protocol, from, to, label, range) => {
    expect([port.protocol, port.from, port.to, port.label, port.portRange]).toEqual([protocol, from, to, label, range]);
    expect(port.problem()).toBeUndefined();
  });

  test.each([
    [Port.tcp(65536), 'port must be an integer between 0 and 65535', 65536],
    [Port.tcp(-1), 'port must be an integer between 0 and 65535', -1],
    [Port.tcp(80.5), 'port must be an integer between 0 and 65535', 80.5],
    [Port.tcpRange(9000, 8000), 'port range start must not exceed its end', '9000-8000'],
  ])('%# invalid port', (port, rule, value) => {
    expect(port.problem()).toEqual({ rule, value });
  });

  test('bounds 0 and 65535 are valid; equals compares protocol and range', () => {
    expect(Port.tcp(0).problem()).toBeUndefined();
    expect(Port.tcp(65535).problem()).toBeUndefined();
    expect(Port.tcp(443).equals(Port.tcpRange(443, 443))).toBe(true);
    expect(Port.tcp(443).equals(Port.udp(443))).toBe(false);
  });
});

describe('Peer', () => {
  test('address peers and service tags', () => {
    expect(Peer.anyIpv4()).toEqual({ peerLabel: '0.0.0.0/0', peerAddress: '0.0.0.0/0' });
    expect(Peer.cidr('10.0.1.0/24').peerAddress).toBe('10.0.1.0/24');
    expect(Peer.serviceTag('GatewayManager')).toEqual({ peerLabel: 'GatewayManager', peerAddress: 'GatewayManager', peerIsServiceTag: true });
    expect(Peer.internet().peerAddress).toBe('Internet');
    expect(Peer.any().peerAddress).toBe('*');
  });
});

describe('the same vocabulary on AWS security groups', () => {
  const sg = () => {
    const stack = new TerraformStack(Testing.app(), 's');
    return { stack, sg: new SecurityGroup(stack, 'Sg', { vpcId: 'vpc-1', name: 'web' }) };
  };

  test('repeating a rule creates it once (AWS rejects duplicates at apply)', () => {
    const { stack, sg: g } = sg();
    g.allowFrom(Peer.anyIpv4(), Port.tcp(443)).allowFrom(Peer.anyIpv4(), Port.tcp(443));
    g.allowFrom(g, Port.tcp(5432)).allowFrom(g, Port.tcp(5432));
    const j = synth(stack);
    expect(Object.keys(j.resource.aws_vpc_security_group_ingress_rule)).toHaveLength(2);
    expect(Testing.synth(stack)).toHaveResourceWithProperties(SgResource, { name: 'web' });
  });

  test('UDP, ICMP and all traffic map to AWS protocols', () => {
    const { stack, sg: g } = sg();
    g.allowFrom(Peer.cidr('10.0.0.0/16'), Port.udp(53)).allowFrom(Peer.cidr('10.0.0.0/16'), Port.icmp()).allowFrom(Peer.cidr('10.0.0.0/16'), Port.allTraffic());
    const out = Testing.synth(stack);
    expect(out).toHaveResourceWithProperties(VpcSecurityGroupIngressRule, { ip_protocol: 'udp', from_port: 53, to_port: 53, cidr_ipv4: '10.0.0.0/16' });
    expect(out).toHaveResourceWithProperties(VpcSecurityGroupIngressRule, { ip_protocol: 'icmp', from_port: -1, to_port: -1 });
    expect(out).toHaveResourceWithProperties(VpcSecurityGroupIngressRule, { ip_protocol: '-1' });
  });

  test('rejects a service tag, a bad port and a bad CIDR', () => {
    expect(() => sg().sg.allowFrom(Peer.serviceTag('Internet'), Port.tcp(443))).toThrow(
      's/Sg: security group rules take a CIDR block or a security group, not an Azure service tag (got "Internet")',
    );
    expect(() => sg().sg.allowFrom(Peer.anyIpv4(), Port.tcp(70000))).toThrow('s/Sg: port must be an integer between 0 and 65535 (got 70000)');
    expect(() => sg().sg.allowFrom(Peer.cidr('10.0.0.1/16'), Port.tcp(443))).toThrow('s/Sg: peer must be an IPv4 CIDR block with no host bits set (got "10.0.0.1/16")');
  });
});

describe('the same vocabulary on Azure NSGs and subnets', () => {
  const vnet = () => {
    const stack = azureStack();
    const v = new VirtualNetwork(stack, 'Vnet', {
      addressSpace: ['10.0.0.0/16'],
      subnets: [
        { name: 'snet-api', addressPrefix: '10.0.1.0/24' },
        { name: 'snet-agw', addressPrefix: '10.0.10.0/24' },
      ],
    });
    return { stack, api: v.subnet('snet-api'), agw: v.subnet('snet-agw') };
  };

  test('subnet.allowFrom names the rule, assigns priorities from 100 by 10, and targets the subnet', () => {
    const { stack, api, agw } = vnet();
    api.allowFrom(agw, Port.tcp(8000));
    api.allowFrom(agw, Port.tcpRange(8001, 8003));
    agw.allowFrom(Peer.serviceTag('GatewayManager'), Port.tcpRange(65200, 65535));
    const rules = nsgRules(synth(stack)).filter((r) => r.name !== 'DenyAllInbound');
    const rows = rules.map((r) => [r.name, r.priority, r.source_address_prefix, r.destination_address_prefix, r.destination_port_range, r.protocol]);
    expect(rows.sort((a, b) => String(a[0]).localeCompare(String(b[0])))).toEqual([
      ['Allow-65200-65535-From-GatewayManager', 100, 'GatewayManager', '10.0.10.0/24', '65200-65535', 'Tcp'],
      ['Allow-8000-From-snet-agw', 100, '10.0.10.0/24', '10.0.1.0/24', '8000', 'Tcp'],
      ['Allow-8001-8003-From-snet-agw', 110, '10.0.10.0/24', '10.0.1.0/24', '8001-8003', 'Tcp'],
    ]);
  });

  test('automatic priorities skip explicit ones given later; the same flow twice is one rule', () => {
    const { stack, api, agw } = vnet();
    api.allowFrom(agw, Port.tcp(8000));
    api.allowFrom(agw, Port.tcp(8000));
    api.allowFrom(Peer.cidr('10.0.3.0/24'), Port.tcp(3306), { priority: 100, name: 'AllowMysql' });
    api.allowTo(Peer.internet(), Port.tcp(443));
    const rules = nsgRules(synth(stack)).filter((r) => r.name !== 'DenyAllInbound');
    const by = Object.fromEntries(rules.map((r) => [r.name, r]));
    expect(rules).toHaveLength(3);
    expect(by['AllowMysql'].priority).toBe(100);
    expect(by['Allow-8000-From-snet-agw'].priority).toBe(110);
    expect(by['Allow-443-To-Internet']).toMatchObject({ direction: 'Outbound', priority: 100, source_address_prefix: '10.0.1.0/24', destination_address_prefix: 'Internet' });
  });

  test('UDP and all traffic map to NSG protocols and ranges', () => {
    const stack = azureStack();
    const nsg = new NetworkSecurityGroup(stack, 'Nsg', { denyAllInbound: false });
    nsg.allowFrom(Peer.cidr('10.0.0.0/16'), Port.udp(53));
    nsg.allowFrom(Peer.any(), Port.allTraffic(), { name: 'AllowAll' });
    const rules = nsgRules(synth(stack));
    expect(rules.map((r) => [r.name, r.protocol, r.destination_port_range, r.source_address_prefix])).toEqual([
      ['Allow-UDP-53-From-10.0.0.0-16', 'Udp', '53', '10.0.0.0/16'],
      ['AllowAll', '*', '*', '*'],
    ]);
  });

  test('rejects an AWS security group, a bad port and a full band of priorities', () => {
    const stack = azureStack();
    const nsg = new NetworkSecurityGroup(stack, 'Nsg');
    expect(() => nsg.allowFrom({ peerLabel: 'sg', peerSecurityGroupId: 'sg-1' }, Port.tcp(443))).toThrow(
      'test/Nsg: NSG rules take an address block, a subnet or a service tag, not an AWS security group (got "sg")',
    );
    expect(() => nsg.allowFrom(Peer.anyIpv4(), Port.tcpRange(10, 5))).toThrow('test/Nsg: port range start must not exceed its end (got "10-5")');
    const full = new NetworkSecurityGroup(stack, 'Full', { denyAllInbound: false });
    for (let p = 100; p < 4096; p += 10) full.addRule({ name: `R${p}`, priority: p, direction: 'Inbound', access: 'Allow' });
    full.allowFrom(Peer.anyIpv4(), Port.tcp(443));
    expect(() => Testing.synth(stack)).toThrow('test/Full: rule Allow-443-From-0.0.0.0-0: no free priority below 4096 is left for automatic assignment (got 4100)');
  });

  test('an explicit priority clash is an error naming both rules', () => {
    const { api, agw } = vnet();
    api.allowFrom(agw, Port.tcp(8000), { priority: 200, name: 'A' });
    expect(() => api.allowFrom(agw, Port.tcp(8001), { priority: 200, name: 'B' })).toThrow('rule B: priority 200 is already used by A (Inbound)');
  });
});
