import { DataAwsSubnets } from '@cdktf/provider-aws/lib/data-aws-subnets';
import { DataAwsVpc } from '@cdktf/provider-aws/lib/data-aws-vpc';
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
import { Fn, Token } from 'cdktf';
import { Construct } from 'constructs';
import { cidrContains, findOverlap, isCidr, parseCidr } from '../../core/cidr';
import { reportLater, Rule, validateProps, ValidationError } from '../../core/validation';
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

/** The three subnet tiers of a VPC (aws-cdk-lib's `SubnetType`: PUBLIC, PRIVATE_WITH_EGRESS, PRIVATE_ISOLATED). */
export type SubnetType = 'public' | 'private' | 'isolated';

const TIERS: readonly SubnetType[] = ['public', 'private', 'isolated'];

/** One subnet of a VPC, created here or imported. */
export interface ISubnet {
  readonly subnetId: string;
  readonly availabilityZone: string;
  readonly tier: SubnetType;
}

/** Which subnets of a VPC a construct is placed in (aws-cdk-lib's `SubnetSelection`). */
export interface SubnetSelection {
  /**
   * The tier to place in.
   * @default the consumer's default (databases: isolated when the VPC has isolated subnets; load balancers: public when internet-facing), otherwise private, else isolated, else public
   */
  readonly tier?: SubnetType;
  /**
   * Only subnets in these availability zones.
   * @default every AZ of the tier
   */
  readonly availabilityZones?: readonly string[];
  /**
   * At most one subnet per availability zone (the first of each AZ).
   * @default false
   */
  readonly onePerAz?: boolean;
  /**
   * Explicit subnets; `tier` is then ignored (`availabilityZones` and `onePerAz` still filter).
   * @default the subnets of the tier
   */
  readonly subnets?: readonly ISubnet[];
}

/** The result of `selectSubnets`: ids for the provider arguments, subnets and their AZs for rules. */
export interface SelectedSubnets {
  readonly subnetIds: string[];
  readonly subnets: ISubnet[];
  /** The AZ of each selected subnet, in order (for looked-up VPCs: the AZs selected). */
  readonly availabilityZones: string[];
}

/**
 * A VPC: created here (`Vpc`), imported by ids (`Vpc.fromAttributes`) or found
 * by Terraform data sources (`Vpc.fromLookup`). Constructs placed in a VPC take
 * an `IVpc` and an optional `SubnetSelection`.
 */
export interface IVpc {
  readonly vpcId: string;
  /**
   * The VPC's primary IPv4 CIDR block.
   * @default unknown (not given to `fromAttributes`)
   */
  readonly cidrBlock?: string;
  /** AZs the VPC has subnets in. */
  readonly availabilityZones: string[];
  readonly publicSubnets: ISubnet[];
  readonly privateSubnets: ISubnet[];
  readonly isolatedSubnets: ISubnet[];
  /**
   * The subnets matching `selection`. Selecting a tier (or AZs) with no subnets
   * is a validation error naming the tier, reported at synth.
   */
  selectSubnets(selection?: SubnetSelection): SelectedSubnets;
}

export interface VpcAttributes {
  readonly vpcId: string;
  /**
   * Primary CIDR block.
   * @default unknown
   */
  readonly cidrBlock?: string;
  /** AZs of the subnets: subnet `i` of each tier lies in `availabilityZones[i % availabilityZones.length]` (as aws-cdk-lib). */
  readonly availabilityZones: readonly string[];
  /** @default none */
  readonly publicSubnetIds?: readonly string[];
  /** @default none */
  readonly privateSubnetIds?: readonly string[];
  /** @default none */
  readonly isolatedSubnetIds?: readonly string[];
}

export interface VpcLookupOptions {
  /**
   * Id of the VPC.
   * @default found by `tags`
   */
  readonly vpcId?: string;
  /**
   * Tags the VPC carries, e.g. `{ Name: 'prod-vpc' }`.
   * @default found by `vpcId`
   */
  readonly tags?: Record<string, string>;
  /** AZs to look subnets up in (data sources cannot tell the synth which AZs exist). */
  readonly availabilityZones: readonly string[];
  /**
   * Tag naming a subnet's tier (`public`, `private`, `isolated`), as the library's `Vpc` tags its subnets.
   * @default 'tier'
   */
  readonly tierTag?: string;
}

const azList = (subnets: readonly ISubnet[]) => subnets.map((s) => s.availabilityZone);

/**
 * The selection logic shared by the VPC kinds that know their subnets
 * (created and imported): tier default, AZ filter, one per AZ, and the
 * deferred error when nothing matches.
 */
abstract class VpcBase extends Construct implements IVpc {
  abstract readonly vpcId: string;
  abstract readonly cidrBlock?: string;
  abstract readonly publicSubnets: ISubnet[];
  abstract readonly privateSubnets: ISubnet[];
  abstract readonly isolatedSubnets: ISubnet[];
  private readonly selectionErrors = new Set<string>();

  get availabilityZones(): string[] {
    return [...new Set(azList([...this.publicSubnets, ...this.privateSubnets, ...this.isolatedSubnets]))];
  }

  protected tierSubnets(tier: SubnetType): ISubnet[] {
    return tier === 'public' ? this.publicSubnets : tier === 'private' ? this.privateSubnets : this.isolatedSubnets;
  }

  private defaultTier(): SubnetType {
    return (['private', 'isolated', 'public'] as const).find((t) => this.tierSubnets(t).length > 0) ?? 'private';
  }

  selectSubnets(selection: SubnetSelection = {}): SelectedSubnets {
    const tier = selection.tier ?? this.defaultTier();
    let subnets = [...(selection.subnets ?? this.tierSubnets(tier))];
    if (selection.subnets === undefined && subnets.length === 0) {
      const available = TIERS.filter((t) => this.tierSubnets(t).length > 0);
      this.selectionError(`subnet selection: the VPC has no ${tier} subnets (tiers with subnets: ${available.join(', ') || 'none'})`, tier);
    }
    const azs = selection.availabilityZones;
    if (azs !== undefined && !azs.some((az) => Token.isUnresolved(az))) {
      const before = subnets;
      subnets = subnets.filter((s) => Token.isUnresolved(s.availabilityZone) || azs.includes(s.availabilityZone));
      if (before.length > 0 && subnets.length === 0) {
        this.selectionError(`subnet selection: no ${selection.subnets ? 'given' : tier} subnet in availability zones ${azs.join(', ')} (the ${selection.subnets ? 'given' : tier} subnets are in ${[...new Set(azList(before))].join(', ')})`, [...azs]);
      }
    }
    if (selection.onePerAz) {
      const seen = new Set<string>();
      subnets = subnets.filter((s) => (seen.has(s.availabilityZone) ? false : (seen.add(s.availabilityZone), true)));
    }
    return { subnetIds: subnets.map((s) => s.subnetId), subnets, availabilityZones: azList(subnets) };
  }

  private selectionError(rule: string, value: unknown): void {
    const message = new ValidationError(this.node.path, rule, value);
    if (this.selectionErrors.has(message.message)) return;
    this.selectionErrors.add(message.message);
    reportLater(this, [message]);
  }
}

const ATTRIBUTE_RULES: Rule<VpcAttributes>[] = [
  { rule: 'availabilityZones needs at least one AZ', check: (p) => (p.availabilityZones.length === 0 ? p.availabilityZones : undefined) },
  {
    rule: (p) => `each tier's subnet ids must be a multiple of the ${p.availabilityZones.length} availability zones (subnet i lies in availabilityZones[i % ${p.availabilityZones.length}])`,
    check: (p) =>
      p.availabilityZones.length === 0
        ? undefined
        : [p.publicSubnetIds, p.privateSubnetIds, p.isolatedSubnetIds].find((ids) => ids !== undefined && !ids.some((x) => Token.isUnresolved(x)) && ids.length % p.availabilityZones.length !== 0),
  },
];

class ImportedVpc extends VpcBase {
  public readonly vpcId: string;
  public readonly cidrBlock?: string;
  public readonly publicSubnets: ISubnet[];
  public readonly privateSubnets: ISubnet[];
  public readonly isolatedSubnets: ISubnet[];

  constructor(scope: Construct, id: string, attrs: VpcAttributes) {
    super(scope, id);
    requireProps(this, attrs, ['vpcId', 'availabilityZones']);
    validateProps(this, attrs, ATTRIBUTE_RULES);
    this.vpcId = attrs.vpcId;
    this.cidrBlock = attrs.cidrBlock;
    const n = Math.max(attrs.availabilityZones.length, 1);
    const subnets = (ids: readonly string[] | undefined, tier: SubnetType): ISubnet[] =>
      (ids ?? []).map((subnetId, i) => ({ subnetId, availabilityZone: attrs.availabilityZones[i % n], tier }));
    this.publicSubnets = subnets(attrs.publicSubnetIds, 'public');
    this.privateSubnets = subnets(attrs.privateSubnetIds, 'private');
    this.isolatedSubnets = subnets(attrs.isolatedSubnetIds, 'isolated');
  }
}

/**
 * A VPC found at plan time through `data "aws_vpc"` and, per selected tier and
 * AZ, `data "aws_subnets"` (filtered by the VPC, the tier tag and the AZ). The
 * synth cannot know how many subnets exist, so a selection renders as an
 * expression; a tier/AZ with no subnet fails the plan (data-source postcondition).
 */
class LookedUpVpc extends Construct implements IVpc {
  public readonly vpcId: string;
  public readonly cidrBlock: string;
  public readonly availabilityZones: string[];
  public readonly vpc: DataAwsVpc;
  private readonly tierTag: string;
  private readonly lookups = new Map<string, DataAwsSubnets>();

  constructor(scope: Construct, id: string, options: VpcLookupOptions) {
    super(scope, id);
    requireProps(this, options, ['availabilityZones']);
    validateProps(this, options, LOOKUP_RULES);
    this.vpc = new DataAwsVpc(this, 'Vpc', { id: options.vpcId, tags: options.tags });
    this.vpcId = this.vpc.id;
    this.cidrBlock = this.vpc.cidrBlock;
    this.availabilityZones = [...options.availabilityZones];
    this.tierTag = options.tierTag ?? 'tier';
  }

  /** Subnets of a looked-up VPC are known only at plan time: the lists are empty here; use `selectSubnets`. */
  get publicSubnets(): ISubnet[] {
    return [];
  }

  get privateSubnets(): ISubnet[] {
    return [];
  }

  get isolatedSubnets(): ISubnet[] {
    return [];
  }

  selectSubnets(selection: SubnetSelection = {}): SelectedSubnets {
    if (selection.subnets) {
      const subnets = [...selection.subnets];
      return { subnetIds: subnets.map((s) => s.subnetId), subnets, availabilityZones: azList(subnets) };
    }
    const tier = selection.tier ?? 'private';
    const azs = [...(selection.availabilityZones ?? this.availabilityZones)];
    const perAz = azs.map((az) => this.lookup(tier, az));
    if (selection.onePerAz) {
      const subnets = perAz.map((d, i) => ({ subnetId: Fn.element(d.ids, 0), availabilityZone: azs[i], tier }));
      return { subnetIds: subnets.map((s) => s.subnetId), subnets, availabilityZones: azs };
    }
    return { subnetIds: Token.asList(Fn.flatten(perAz.map((d) => d.ids))), subnets: [], availabilityZones: azs };
  }

  private lookup(tier: SubnetType, az: string): DataAwsSubnets {
    const key = `${tier}|${az}`;
    let d = this.lookups.get(key);
    if (!d) {
      const cap = tier[0].toUpperCase() + tier.slice(1);
      d = new DataAwsSubnets(this, `${cap}Subnets${Token.isUnresolved(az) ? this.lookups.size + 1 : az.replace(/[^A-Za-z0-9]/g, '')}`, {
        filter: [
          { name: 'vpc-id', values: [this.vpcId] },
          { name: `tag:${this.tierTag}`, values: [tier] },
          { name: 'availability-zone', values: [az] },
        ],
        lifecycle: { postcondition: [{ condition: '${length(self.ids) > 0}', errorMessage: `${this.node.path}: the VPC has no ${tier} subnet in ${az}` }] },
      });
      this.lookups.set(key, d);
    }
    return d;
  }
}

const LOOKUP_RULES: Rule<VpcLookupOptions>[] = [
  { rule: 'give vpcId or tags to find the VPC', check: (p) => (p.vpcId === undefined && (p.tags === undefined || Object.keys(p.tags).length === 0) ? {} : undefined) },
  { rule: 'availabilityZones needs at least one AZ', check: (p) => (p.availabilityZones.length === 0 ? p.availabilityZones : undefined) },
];

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
export class Vpc extends VpcBase {
  /** An existing VPC by ids (nothing is created; selections and rules work on the given subnets). */
  static fromAttributes(scope: Construct, id: string, attrs: VpcAttributes): IVpc {
    return new ImportedVpc(scope, id, attrs);
  }

  /** An existing VPC found by id or tags through Terraform data sources (`aws_vpc`, `aws_subnets` by tier tag and AZ). */
  static fromLookup(scope: Construct, id: string, options: VpcLookupOptions): IVpc {
    return new LookedUpVpc(scope, id, options);
  }

  public readonly vpcId: string;
  public readonly cidr: string;
  public readonly resource: VpcResource;
  public readonly public: SubnetTier;
  public readonly private: SubnetTier;
  public readonly isolated: SubnetTier;
  public readonly natGateways: NatGateway[] = [];
  public readonly publicSubnets: ISubnet[];
  public readonly privateSubnets: ISubnet[];
  public readonly isolatedSubnets: ISubnet[];

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

    const asSubnets = (t: SubnetTier, tier: SubnetType): ISubnet[] => t.ids.map((subnetId, i) => ({ subnetId, availabilityZone: t.azs[i], tier }));
    this.publicSubnets = asSubnets(this.public, 'public');
    this.privateSubnets = asSubnets(this.private, 'private');
    this.isolatedSubnets = asSubnets(this.isolated, 'isolated');

    const retention = props.flowLogRetentionDays ?? 365;
    if (retention > 0) this.addFlowLogs(name, retention, props.flowLogKmsKeyArn);
  }

  get cidrBlock(): string {
    return this.cidr;
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

/** Subnet ids with the AZ of each (a `Vpc` tier fits: `vpc.public`); the legacy form of a placement. */
export interface SubnetList {
  /** Subnet ids. */
  readonly ids: string[];
  /** Availability zone of each subnet, in the same order as `ids`. */
  readonly azs: string[];
}

/**
 * The network placement props shared by constructs placed in a VPC: `vpc` (an
 * `IVpc`) with an optional `vpcSubnets` selection, or the older `vpcId` +
 * `subnets` pair (kept so existing callers compile).
 */
export interface VpcPlacementProps {
  /**
   * The VPC (created here, `Vpc.fromAttributes` or `Vpc.fromLookup`).
   * @default none: `vpcId` and `subnets` are required instead
   */
  readonly vpc?: IVpc;
  /**
   * Which subnets of `vpc`.
   * @default the construct's default tier
   */
  readonly vpcSubnets?: SubnetSelection;
}

/** Props after {@link resolveVpcPlacement}: `vpcId` and `subnets` are known. */
export type Placed<P> = P & { readonly vpcId: string; readonly subnets: SubnetList };

/**
 * Resolves `vpc` + `vpcSubnets` into the `vpcId` and `subnets` a construct's
 * resources and rules use, so a consumer keeps one code path. Throws (eagerly:
 * nothing can be placed without a VPC) when neither form is given; giving both
 * is a deferred validation error.
 */
export function resolveVpcPlacement<P extends VpcPlacementProps & { readonly vpcId?: string; readonly subnets?: { readonly ids: string[]; readonly azs?: string[] } }>(
  scope: Construct,
  props: P,
  defaultSelection: (vpc: IVpc) => SubnetSelection,
): Placed<P> {
  if (props === undefined || props === null || typeof props !== 'object') return props as never; // requireProps reports it
  const { vpc } = props;
  if (vpc === undefined) {
    if (props.vpcId === undefined || props.subnets === undefined) {
      throw new ValidationError(scope.node.path, 'vpc is required (or the older vpcId and subnets)', props.vpcId ?? props.subnets);
    }
    return { ...props, vpcId: props.vpcId, subnets: { ids: props.subnets.ids, azs: props.subnets.azs ?? [] } };
  }
  if (props.vpcId !== undefined || props.subnets !== undefined) {
    reportLater(scope, [new ValidationError(scope.node.path, 'give vpc (with vpcSubnets), or vpcId and subnets, not both', { vpcId: props.vpcId, subnets: props.subnets?.ids })]);
  }
  const selected = vpc.selectSubnets(props.vpcSubnets ?? defaultSelection(vpc));
  return { ...props, vpcId: vpc.vpcId, subnets: { ids: selected.subnetIds, azs: selected.availabilityZones } };
}

/** The default placement of data stores: isolated subnets when the VPC has them, otherwise private. */
export const dataTierDefault = (vpc: IVpc): SubnetSelection => ({ tier: vpc.isolatedSubnets.length > 0 ? 'isolated' : 'private' });
