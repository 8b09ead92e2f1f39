import { SecurityGroup as SecurityGroupResource } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Construct } from 'constructs';
import { isCidr } from '../../core/cidr';
import { ensure, ValidationError } from '../../core/validation';

/** A port or port range for a security group rule. */
export class Port {
  /** One TCP port. */
  static tcp(port: number): Port {
    return new Port('tcp', port, port, `${port}`);
  }
  /** A TCP port range, inclusive. */
  static tcpRange(from: number, to: number): Port {
    return new Port('tcp', from, to, `${from}-${to}`);
  }
  /** Every protocol and port. */
  static allTraffic(): Port {
    return new Port('-1', undefined, undefined, 'all');
  }

  private constructor(
    public readonly protocol: string,
    public readonly from: number | undefined,
    public readonly to: number | undefined,
    public readonly label: string,
  ) {}
}

/** Something a rule allows traffic from or to. */
export interface IPeer {
  /** Fills the rule's source / destination fields. */
  readonly peerProps: { cidrIpv4?: string; referencedSecurityGroupId?: string };
  /** Short label used in rule ids and descriptions. */
  readonly peerLabel: string;
}

/** Factory of peers. */
export class Peer {
  /** 0.0.0.0/0. */
  static anyIpv4(): IPeer {
    return Peer.cidr('0.0.0.0/0');
  }
  /** An IPv4 CIDR block. */
  static cidr(block: string): IPeer {
    return { peerProps: { cidrIpv4: block }, peerLabel: block };
  }
}

export interface SecurityGroupProps {
  /** VPC id. */
  readonly vpcId: string;
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
export class SecurityGroup extends Construct implements IPeer {
  public readonly resource: SecurityGroupResource;
  public readonly securityGroupId: string;
  public readonly name: string;
  private readonly ruleIds = new Set<string>();

  constructor(scope: Construct, id: string, props: SecurityGroupProps) {
    super(scope, id);
    this.name = props.name;
    this.resource = new SecurityGroupResource(this, 'Resource', {
      name: props.name,
      description: props.description ?? props.name,
      vpcId: props.vpcId,
      tags: { Name: props.name },
      lifecycle: { createBeforeDestroy: true },
    });
    this.securityGroupId = this.resource.id;
  }

  get peerProps() {
    return { referencedSecurityGroupId: this.securityGroupId };
  }

  get peerLabel(): string {
    return this.name;
  }

  /** Allows inbound `port` from `peer`. */
  allowFrom(peer: IPeer, port: Port, description?: string): this {
    this.checkRule(peer, port);
    new VpcSecurityGroupIngressRule(this, this.ruleId('In', peer, port), {
      securityGroupId: this.securityGroupId,
      ipProtocol: port.protocol,
      fromPort: port.from,
      toPort: port.to,
      description: description ?? `${port.label} from ${peer.peerLabel}`,
      ...peer.peerProps,
    });
    return this;
  }

  /** Allows outbound `port` to `peer`. */
  allowTo(peer: IPeer, port: Port, description?: string): this {
    this.checkRule(peer, port);
    new VpcSecurityGroupEgressRule(this, this.ruleId('Out', peer, port), {
      securityGroupId: this.securityGroupId,
      ipProtocol: port.protocol,
      fromPort: port.from,
      toPort: port.to,
      description: description ?? `${port.label} to ${peer.peerLabel}`,
      ...peer.peerProps,
    });
    return this;
  }

  /** Allows `port` between two groups: egress on `this`, ingress on `target`. */
  connectTo(target: SecurityGroup, port: Port): this {
    this.allowTo(target, port);
    target.allowFrom(this, port);
    return this;
  }

  private checkRule(peer: IPeer, port: Port): void {
    for (const p of [port.from, port.to]) {
      if (p !== undefined) ensure(this, Number.isInteger(p) && p >= 0 && p <= 65535, 'port must be an integer between 0 and 65535', p);
    }
    if (port.from !== undefined && port.to !== undefined && port.from > port.to) {
      throw new ValidationError(this.node.path, 'port range start must not exceed its end', port.label);
    }
    const cidr = peer.peerProps.cidrIpv4;
    if (cidr !== undefined) ensure(this, isCidr(cidr), 'peer must be an IPv4 CIDR block with no host bits set', cidr);
  }

  private ruleId(dir: string, peer: IPeer, port: Port): string {
    const base = `${dir}-${port.protocol}-${port.label}-${peer.peerLabel}`.replace(/[^A-Za-z0-9-]/g, '_');
    let id = base;
    for (let n = 2; this.ruleIds.has(id); n++) id = `${base}-${n}`;
    this.ruleIds.add(id);
    return id;
  }
}
