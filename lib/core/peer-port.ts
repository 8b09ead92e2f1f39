import { Token } from 'cdktf';

/**
 * One network-rule vocabulary for both clouds: a {@link Port} says what
 * traffic, an {@link IPeer} says from (or to) where. AWS security groups
 * (`sg.allowFrom(peer, port)`) and Azure NSGs / subnets
 * (`subnet.allowFrom(peer, port)`) read the same:
 *
 * ```ts
 * albSg.allowFrom(Peer.anyIpv4(), Port.tcp(443));               // AWS
 * apiSubnet.allowFrom(gatewaySubnet, Port.tcpRange(8000, 8003)); // Azure
 * gwSubnet.allowFrom(Peer.serviceTag('GatewayManager'), Port.tcpRange(65200, 65535));
 * ```
 *
 * This module knows no cloud: each cloud's rule builder maps a port's
 * protocol and a peer's address (or security group) onto its own fields and
 * reports the combinations it cannot express (a service tag in an AWS rule, a
 * security group in an Azure rule).
 */

/** Transport protocol of a {@link Port}. `all` is every protocol. */
export type PortProtocol = 'tcp' | 'udp' | 'icmp' | 'all';

/** A port, a port range or a whole protocol, for network rules on either cloud. */
export class Port {
  /** One TCP port. */
  static tcp(port: number): Port {
    return new Port('tcp', port, port, `${port}`);
  }
  /** A TCP port range, inclusive. */
  static tcpRange(from: number, to: number): Port {
    return new Port('tcp', from, to, `${from}-${to}`);
  }
  /** Every TCP port. */
  static allTcp(): Port {
    return new Port('tcp', 0, 65535, 'all-tcp');
  }
  /** One UDP port. */
  static udp(port: number): Port {
    return new Port('udp', port, port, `udp${port}`);
  }
  /** A UDP port range, inclusive. */
  static udpRange(from: number, to: number): Port {
    return new Port('udp', from, to, `udp${from}-${to}`);
  }
  /** Every ICMP type. */
  static icmp(): Port {
    return new Port('icmp', undefined, undefined, 'icmp');
  }
  /** Every protocol and port. */
  static allTraffic(): Port {
    return new Port('all', undefined, undefined, 'all');
  }

  private constructor(
    /** The protocol. */
    public readonly protocol: PortProtocol,
    /** First port of the range; undefined for ICMP and all traffic. */
    public readonly from: number | undefined,
    /** Last port of the range; undefined for ICMP and all traffic. */
    public readonly to: number | undefined,
    /** Short label used in rule names and descriptions (`443`, `8000-8003`, `udp53`). */
    public readonly label: string,
  ) {}

  /** `443`, `8000-8003`, or `*` for every port (the form NSG rules use). */
  get portRange(): string {
    if (this.from === undefined || this.to === undefined) return '*';
    if (this.from === 0 && this.to === 65535) return '*';
    return this.from === this.to ? `${this.from}` : `${this.from}-${this.to}`;
  }

  /** Whether two ports describe the same traffic. */
  equals(other: Port): boolean {
    return this.protocol === other.protocol && this.from === other.from && this.to === other.to;
  }

  /**
   * What is wrong with the port, or `undefined` when it is valid: each end an
   * integer 0-65535 (unresolved tokens pass), start not after end.
   */
  problem(): { rule: string; value: unknown } | undefined {
    for (const p of [this.from, this.to]) {
      if (p === undefined || Token.isUnresolved(p)) continue;
      if (!Number.isInteger(p) || p < 0 || p > 65535) return { rule: 'port must be an integer between 0 and 65535', value: p };
    }
    if (this.from !== undefined && this.to !== undefined && !Token.isUnresolved(this.from) && !Token.isUnresolved(this.to) && this.from > this.to) {
      return { rule: 'port range start must not exceed its end', value: this.label };
    }
    return undefined;
  }
}

/**
 * Something a rule allows traffic from or to: an address block, a service
 * tag, or a construct that carries one (an Azure subnet, an AWS security group).
 */
export interface IPeer {
  /** Short label used in rule names and descriptions. */
  readonly peerLabel: string;
  /**
   * The peer as an address: an IPv4 CIDR block or address, an Azure service
   * tag (`GatewayManager`, `AzureLoadBalancer`, `Internet`) or `*`.
   * Undefined for peers that are not addresses (an AWS security group).
   */
  readonly peerAddress?: string;
  /** Whether {@link peerAddress} is a service tag (Azure only) rather than an address block. */
  readonly peerIsServiceTag?: boolean;
  /** The security group id, when the peer is an AWS security group. */
  readonly peerSecurityGroupId?: string;
}

/** Factory of address peers. */
export class Peer {
  /** Every IPv4 address, `0.0.0.0/0`. */
  static anyIpv4(): IPeer {
    return Peer.cidr('0.0.0.0/0');
  }
  /** An IPv4 CIDR block (or a single address on Azure). */
  static cidr(block: string): IPeer {
    return { peerLabel: block, peerAddress: block };
  }
  /**
   * An Azure service tag (`GatewayManager`, `AzureLoadBalancer`, `AzureFrontDoor.Backend`,
   * `Internet`, `VirtualNetwork`). AWS rules reject it.
   */
  static serviceTag(tag: string): IPeer {
    return { peerLabel: tag, peerAddress: tag, peerIsServiceTag: true };
  }
  /** Azure's `Internet` service tag (addresses outside the virtual network). */
  static internet(): IPeer {
    return Peer.serviceTag('Internet');
  }
  /** Any source or destination (`*` in an NSG rule). Azure only. */
  static any(): IPeer {
    return { peerLabel: 'any', peerAddress: '*', peerIsServiceTag: true };
  }
}
