import { IConstruct } from 'constructs';
import { IPeer, Port } from '../../core/peer-port';
import { ValidationError } from '../../core/validation';
import type { SecurityGroup } from './security-group';

/**
 * Something with security groups whose traffic can be opened, as aws-cdk-lib's
 * `ec2.IConnectable`: a security group, a Fargate service, an Auto Scaling group,
 * a Lambda function in a VPC, a load balancer, a database, a cache.
 */
export interface IConnectable {
  readonly connections: Connections;
}

export interface ConnectionsProps {
  /** The security groups of the construct. */
  readonly securityGroups: SecurityGroup[];
  /**
   * The port clients use (5432 for PostgreSQL, 6379 for Redis).
   * @default none: `allowDefaultPortFrom` throws
   */
  readonly defaultPort?: Port;
  /**
   * The construct these are the connections of (named in error messages).
   * @default the first security group
   */
  readonly owner?: IConstruct;
}

const isConnectable = (x: IConnectable | IPeer): x is IConnectable => (x as IConnectable).connections instanceof Connections;

/**
 * The network rules of a construct. Between two connectables a rule opens both
 * sides, as aws-cdk-lib does: egress on the client's groups, ingress on the server's.
 *
 * ```ts
 * db.connections.allowDefaultPortFrom(service);           // service → db:5432
 * alb.connections.allowFrom(Peer.anyIpv4(), Port.tcp(443));
 * ```
 */
export class Connections implements IConnectable {
  public readonly securityGroups: SecurityGroup[];
  public readonly defaultPort?: Port;
  private readonly owner?: IConstruct;

  constructor(props: ConnectionsProps) {
    this.securityGroups = props.securityGroups;
    this.defaultPort = props.defaultPort;
    this.owner = props.owner;
  }

  get connections(): Connections {
    return this;
  }

  /** Inbound `port` from `other`; when `other` is a connectable, also outbound from its groups to these. */
  allowFrom(other: IConnectable | IPeer, port: Port, description?: string): this {
    if (isConnectable(other)) {
      for (const theirs of other.connections.securityGroups) {
        for (const mine of this.securityGroups) {
          mine.allowFrom(theirs, port, description);
          theirs.allowTo(mine, port, description);
        }
      }
    } else {
      for (const mine of this.securityGroups) mine.allowFrom(other, port, description);
    }
    return this;
  }

  /** Outbound `port` to `other`; when `other` is a connectable, also inbound on its groups from these. */
  allowTo(other: IConnectable | IPeer, port: Port, description?: string): this {
    if (isConnectable(other)) {
      other.connections.allowFrom(this, port, description);
    } else {
      for (const mine of this.securityGroups) mine.allowTo(other, port, description);
    }
    return this;
  }

  /**
   * Inbound on the default port (`defaultPort`) from `other`.
   * @throws ValidationError naming the construct when it has no default port (a database or cache has one; a security group, service or load balancer does not)
   */
  allowDefaultPortFrom(other: IConnectable | IPeer, description?: string): this {
    if (!this.defaultPort) {
      const path = (this.owner ?? this.securityGroups[0])?.node.path ?? '<connections without security groups>';
      throw new ValidationError(path, 'allowDefaultPortFrom needs a default port and this construct has none: name the port with allowFrom(other, Port.tcp(<port>))', this.defaultPort);
    }
    return this.allowFrom(other, this.defaultPort, description);
  }

  /** Outbound to `other` on its default port. */
  allowToDefaultPort(other: IConnectable, description?: string): this {
    other.connections.allowDefaultPortFrom(this, description);
    return this;
  }

  /** Traffic between members of these groups (ingress from themselves). */
  allowInternally(port: Port, description?: string): this {
    for (const sg of this.securityGroups) sg.allowFrom(sg, port, description);
    return this;
  }
}
