import { SecurityGroup as SecurityGroupResource } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { isCidr } from '../../core/cidr';
import { IPeer, Port } from '../../core/peer-port';
import { ensure, ValidationError } from '../../core/validation';
import { requireProps } from '../../core/validation';
import type { IVpc } from './vpc';
import { Connections, IConnectable } from './connections';

// The cloud-neutral rule vocabulary, re-exported so AWS callers import it from here too.
export { IPeer, Peer, Port } from '../../core/peer-port';

export interface SecurityGroupProps {
  /**
   * The VPC of the group.
   * @default none: `vpcId` is required instead
   */
  readonly vpc?: IVpc;
  /**
   * VPC id; older form of `vpc`.
   * @default `vpc.vpcId`
   */
  readonly vpcId?: string;
  /** Group name. */
  readonly name: string;
  /**
   * Description shown in the console.
   * @default the name
   */
  readonly description?: string;
}

/**
 * A security group that starts closed (no ingress, no egress) and opens with
 * `allowFrom` / `allowTo`, one `aws_vpc_security_group_*_rule` per rule, so the
 * code reads like the architecture's security-group table:
 *
 * ```ts
 * alb.allowFrom(Peer.anyIpv4(), Port.tcp(443));
 * backend.allowFrom(alb, Port.tcp(8000));
 * ```
 */
export class SecurityGroup extends Construct implements IPeer, IConnectable {
  public readonly resource: SecurityGroupResource;
  public readonly securityGroupId: string;
  public readonly name: string;
  private readonly rules = new Map<string, VpcSecurityGroupIngressRule | VpcSecurityGroupEgressRule>();

  constructor(scope: Construct, id: string, props: SecurityGroupProps) {
    super(scope, id);
    requireProps(this, props, ['name']);
    const vpcId = props.vpc?.vpcId ?? props.vpcId;
    if (vpcId === undefined) throw new ValidationError(this.node.path, 'vpc (or vpcId) is required', vpcId);
    this.name = props.name;
    this.resource = new SecurityGroupResource(this, 'Resource', {
      name: props.name,
      description: props.description ?? props.name,
      vpcId,
      tags: { Name: props.name },
      lifecycle: { createBeforeDestroy: true },
    });
    this.securityGroupId = this.resource.id;
  }

  /** The group's own connections (a group is a connectable of itself). */
  get connections(): Connections {
    this._connections ??= new Connections({ securityGroups: [this] });
    return this._connections;
  }
  private _connections?: Connections;

  get peerSecurityGroupId(): string {
    return this.securityGroupId;
  }

  get peerLabel(): string {
    return this.name;
  }

  /**
   * Allows inbound `port` from `peer`. The same peer and port twice is one
   * rule (AWS rejects a duplicate at apply), so callers may repeat it freely.
   */
  allowFrom(peer: IPeer, port: Port, description?: string): this {
    this.addRule('In', peer, port, description ?? `${port.label} from ${peer.peerLabel}`);
    return this;
  }

  /** Allows outbound `port` to `peer`; repeating a rule is a no-op. */
  allowTo(peer: IPeer, port: Port, description?: string): this {
    this.addRule('Out', peer, port, description ?? `${port.label} to ${peer.peerLabel}`);
    return this;
  }

  /** Allows `port` between two groups: egress on `this`, ingress on `target`. */
  connectTo(target: SecurityGroup, port: Port): this {
    this.allowTo(target, port);
    target.allowFrom(this, port);
    return this;
  }

  private addRule(dir: 'In' | 'Out', peer: IPeer, port: Port, description: string): void {
    const fields = this.ruleFields(peer, port);
    const id = `${dir}-${port.protocol}-${port.label}-${peer.peerLabel}`.replace(/[^A-Za-z0-9-]/g, '_');
    if (this.rules.has(id)) return;
    const Rule = dir === 'In' ? VpcSecurityGroupIngressRule : VpcSecurityGroupEgressRule;
    this.rules.set(id, new Rule(this, id, { securityGroupId: this.securityGroupId, description, ...fields }));
  }

  /** Maps the cloud-neutral port and peer onto the rule's fields, after checking them. */
  private ruleFields(peer: IPeer, port: Port) {
    const bad = port.problem();
    if (bad) throw new ValidationError(this.node.path, bad.rule, bad.value);
    ensure(this, !peer.peerIsServiceTag, 'security group rules take a CIDR block or a security group, not an Azure service tag', peer.peerLabel);
    const cidr = peer.peerSecurityGroupId === undefined ? peer.peerAddress : undefined;
    if (cidr !== undefined) ensure(this, Token.isUnresolved(cidr) || isCidr(cidr), 'peer must be an IPv4 CIDR block with no host bits set', cidr);
    const ipProtocol = port.protocol === 'all' ? '-1' : port.protocol;
    const icmp = port.protocol === 'icmp';
    return {
      ipProtocol,
      fromPort: icmp ? -1 : port.from,
      toPort: icmp ? -1 : port.to,
      ...(peer.peerSecurityGroupId !== undefined ? { referencedSecurityGroupId: peer.peerSecurityGroupId } : { cidrIpv4: cidr }),
    };
  }
}
