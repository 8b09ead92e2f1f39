import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { Eip } from '@cdktf/provider-aws/lib/eip';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
import { Route } from '@cdktf/provider-aws/lib/route';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc as VpcResource } from '@cdktf/provider-aws/lib/vpc';
import { Construct } from 'constructs';
import { cidrContains, findOverlap, isCidr, parseCidr } from '../../core/cidr';
import { Rule, validateProps } from '../../core/validation';
import { LogGroup } from '../monitoring/log-group';
import { PolicyStatement, ServiceRole } from '../security/role';
import { requireProps } from '../../core/validation';

/** One subnet: its CIDR block and availability zone. */
export interface SubnetSpec {
  readonly cidr: string;
  readonly az: string;
}

/** How private subnets reach the internet. */
export enum NatGateways {
  /** No NAT: private subnets have no route to the internet. */
  NONE = 'none',
  /** One NAT gateway in the first public subnet, shared by every AZ (cheap, not AZ-resilient). */
  SINGLE = 'single',
  /** One NAT gateway per AZ, each private subnet routes through its own AZ's gateway. */
  PER_AZ = 'per-az',
}

export interface VpcProps {
  /** Name prefix for the VPC and its parts, e.g. `dev`. */
  readonly name: string;
  /** The VPC's CIDR block, /16 to /28. */
  readonly cidr: string;
  /** Public subnets (ALB, NAT): route to the internet gateway. At least one. */
  readonly publicSubnets: readonly SubnetSpec[];
  /**
   * Private subnets (compute): outbound through NAT.
   * @default none
   */
  readonly privateSubnets?: readonly SubnetSpec[];
  /**
   * Isolated subnets (databases): no route to or from the internet.
   * @default none
   */
  readonly isolatedSubnets?: readonly SubnetSpec[];
  /**
   * NAT gateway layout for the private subnets.
   * @default NatGateways.PER_AZ when there are private subnets, otherwise NONE
   */
  readonly natGateways?: NatGateways;
  /**
   * Days of VPC flow logs kept in CloudWatch Logs; `0` turns flow logs off.
   * @default 365
   */
  readonly flowLogRetentionDays?: number;
  /**
   * KMS key ARN for the flow log group.
   * @default CloudWatch Logs' service-owned encryption
   */
  readonly flowLogKmsKeyArn?: string;
}

/** The L1 resources of one subnet tier. */
export interface SubnetTier {
  readonly subnets: Subnet[];
  readonly ids: string[];
  readonly azs: string[];
}

const allSubnets = (p: VpcProps) => [...p.publicSubnets, ...(p.privateSubnets ?? []), ...(p.isolatedSubnets ?? [])];

const RULES: Rule<VpcProps>[] = [
  { rule: 'cidr must be an IPv4 CIDR block with no host bits set', check: (p) => (isCidr(p.cidr) ? undefined : p.cidr) },
  {
    rule: 'cidr prefix must be between /16 and /28 (the sizes AWS allows for a VPC)',
    check: (p) => (isCidr(p.cidr) && (parseCidr(p.cidr).prefix < 16 || parseCidr(p.cidr).prefix > 28) ? p.cidr : undefined),
  },
  { rule: 'at least one public subnet is required', check: (p) => (p.publicSubnets.length === 0 ? p.publicSubnets : undefined) },
  {
    rule: 'every subnet cidr must be an IPv4 CIDR block with no host bits set',
    check: (p) => allSubnets(p).find((s) => !isCidr(s.cidr))?.cidr,
  },
  {
    rule: (p) => `every subnet must lie inside the VPC CIDR ${p.cidr}`,
    check: (p) => (isCidr(p.cidr) ? allSubnets(p).find((s) => isCidr(s.cidr) && !cidrContains(p.cidr, s.cidr))?.cidr : undefined),
  },
  {
    rule: 'subnets must not overlap',
    check: (p) => {
      const cidrs = allSubnets(p).map((s) => s.cidr);
      return cidrs.every(isCidr) ? findOverlap(cidrs) : undefined;
    },
  },
  {
    rule: 'NAT per AZ needs a public subnet in every AZ that has a private subnet',
    check: (p) => {
      if ((p.natGateways ?? NatGateways.PER_AZ) !== NatGateways.PER_AZ) return undefined;
      const publicAzs = new Set(p.publicSubnets.map((s) => s.az));
      return (p.privateSubnets ?? []).find((s) => !publicAzs.has(s.az))?.az;
    },
  },
];

/**
 * A VPC with up to three subnet tiers (public, private behind NAT, isolated),
 * an internet gateway, NAT gateways, route tables, flow logs to CloudWatch
 * Logs, and a default security group stripped of every rule.
 *
 * Subnets are validated at synth: each must be a valid CIDR inside the VPC
 * and none may overlap another.
 */
export class Vpc extends Construct {
  public readonly vpcId: string;
  public readonly cidr: string;
  public readonly resource: VpcResource;
  public readonly public: SubnetTier;
  public readonly private: SubnetTier;
  public readonly isolated: SubnetTier;
  public readonly natGateways: NatGateway[] = [];

  constructor(scope: Construct, id: string, props: VpcProps) {
    super(scope, id);
    requireProps(this, props, ['name', 'cidr', 'publicSubnets']);
    validateProps(this, props, RULES, { eager: true }); // eager: subnets, NAT and routes are built from these props
    this.cidr = props.cidr;
    const name = props.name;

    this.resource = new VpcResource(this, 'Resource', {
      cidrBlock: props.cidr,
      enableDnsHostnames: true,
      enableDnsSupport: true,
      tags: { Name: `${name}-vpc` },
    });
    this.vpcId = this.resource.id;

    // Secure default: the default security group allows nothing.
    new DefaultSecurityGroup(this, 'DefaultSecurityGroup', { vpcId: this.vpcId, tags: { Name: `${name}-default-deny` } });

    const igw = new InternetGateway(this, 'InternetGateway', { vpcId: this.vpcId, tags: { Name: `${name}-igw` } });

    this.public = this.tier('public', props.publicSubnets, name);
    const publicRt = new RouteTable(this, 'PublicRouteTable', { vpcId: this.vpcId, tags: { Name: `${name}-public-rt` } });
    new Route(this, 'PublicDefaultRoute', { routeTableId: publicRt.id, destinationCidrBlock: '0.0.0.0/0', gatewayId: igw.id });
    this.public.subnets.forEach((s, i) => new RouteTableAssociation(this, `PublicRta${i + 1}`, { subnetId: s.id, routeTableId: publicRt.id }));

    const privateSpecs = props.privateSubnets ?? [];
    this.private = this.tier('private', privateSpecs, name);
    const nat = privateSpecs.length === 0 ? NatGateways.NONE : (props.natGateways ?? NatGateways.PER_AZ);
    if (nat !== NatGateways.NONE) {
      const natAzs = nat === NatGateways.SINGLE ? [this.public.azs[0]] : [...new Set(privateSpecs.map((s) => s.az))];
      for (const az of natAzs) {
        const idx = this.public.azs.indexOf(az);
        const eip = new Eip(this, `NatEip${this.natGateways.length + 1}`, { domain: 'vpc', tags: { Name: `${name}-nat-eip-${az}` } });
        const gw = new NatGateway(this, `NatGateway${this.natGateways.length + 1}`, {
          allocationId: eip.id,
          subnetId: this.public.subnets[idx].id,
          tags: { Name: `${name}-nat-${az}` },
          dependsOn: [igw],
        });
        this.natGateways.push(gw);
      }
    }
    this.private.subnets.forEach((s, i) => {
      const az = privateSpecs[i].az;
      const rt = new RouteTable(this, `PrivateRouteTable${i + 1}`, { vpcId: this.vpcId, tags: { Name: `${name}-private-rt-${az}` } });
      if (this.natGateways.length > 0) {
        const gw = nat === NatGateways.SINGLE ? this.natGateways[0] : this.natGateways[[...new Set(privateSpecs.map((x) => x.az))].indexOf(az)];
        new Route(this, `PrivateDefaultRoute${i + 1}`, { routeTableId: rt.id, destinationCidrBlock: '0.0.0.0/0', natGatewayId: gw.id });
      }
      new RouteTableAssociation(this, `PrivateRta${i + 1}`, { subnetId: s.id, routeTableId: rt.id });
    });

    this.isolated = this.tier('isolated', props.isolatedSubnets ?? [], name);
    if (this.isolated.subnets.length > 0) {
      const isoRt = new RouteTable(this, 'IsolatedRouteTable', { vpcId: this.vpcId, tags: { Name: `${name}-isolated-rt` } });
      this.isolated.subnets.forEach((s, i) => new RouteTableAssociation(this, `IsolatedRta${i + 1}`, { subnetId: s.id, routeTableId: isoRt.id }));
    }

    const retention = props.flowLogRetentionDays ?? 365;
    if (retention > 0) this.addFlowLogs(name, retention, props.flowLogKmsKeyArn);
  }

  private tier(kind: 'public' | 'private' | 'isolated', specs: readonly SubnetSpec[], name: string): SubnetTier {
    const cap = kind[0].toUpperCase() + kind.slice(1);
    const subnets = specs.map(
      (s, i) =>
        new Subnet(this, `${cap}Subnet${i + 1}`, {
          vpcId: this.vpcId,
          cidrBlock: s.cidr,
          availabilityZone: s.az,
          // Public subnets hold load balancers and NAT only; nothing gets a public IP by default.
          mapPublicIpOnLaunch: false,
          tags: { Name: `${name}-${kind}-${s.az}`, tier: kind },
        }),
    );
    return { subnets, ids: subnets.map((s) => s.id), azs: specs.map((s) => s.az) };
  }

  private addFlowLogs(name: string, retentionDays: number, kmsKeyArn?: string): void {
    const logGroup = new LogGroup(this, 'FlowLogGroup', { name: `/vpc/${name}/flow-logs`, retentionDays, kmsKeyArn });
    const role = new ServiceRole(this, 'FlowLogRole', { namePrefix: `${name}-vpc-flow-logs-`.slice(0, 38), assumedBy: ['vpc-flow-logs.amazonaws.com'] });
    role.movedFromLegacy('FlowLogRole'); // the role was a raw IamRole with a hand-written trust policy
    role.addToPolicy(new PolicyStatement({ actions: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'], resources: `${logGroup.arn}:*` }));
    new FlowLog(this, 'FlowLog', {
      vpcId: this.vpcId,
      trafficType: 'ALL',
      logDestinationType: 'cloud-watch-logs',
      logDestination: logGroup.arn,
      iamRoleArn: role.roleArn,
    });
  }
}
