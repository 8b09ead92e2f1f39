import { NetworkSecurityGroup as NsgResource } from '@cdktf/provider-azurerm/lib/network-security-group';
import { NetworkSecurityRule } from '@cdktf/provider-azurerm/lib/network-security-rule';
import { Lazy, Token } from 'cdktf';
import { Construct } from 'constructs';
import { isCidr } from '../../core/cidr';
import { IPeer, Port } from '../../core/peer-port';
import { ensure, intInRange, isPort, Rule, validateProps, ValidationError, requireProps } from '../../core/validation';
import { AppliedAvmInterfaces, applyAvmInterfaces, AvmCommonProps, DiagnosticSettingsProps } from '../core/interfaces';
import { AzureResourceProps, resolvePlacement } from '../core/placement';

/** Where traffic comes from or goes to: a CIDR block, an IP, a service tag (`VirtualNetwork`, `AzureFrontDoor.Backend`, `Internet`, `*`), or anything with an address prefix (a subnet). */
export type NsgPeer = string | { readonly addressPrefix: string };

/** A port (`443`), a range (`'8000-8002'`) or every port (`'*'`). */
export type NsgPort = number | string;

export type NsgProtocol = 'Tcp' | 'Udp' | 'Icmp' | 'Esp' | 'Ah' | '*';

/** One security rule. */
export interface NsgRuleSpec {
  /** Rule name, e.g. `AllowHttpsFromFrontDoor`. */
  readonly name: string;
  /** 100–4096; lower wins. Unique per direction. */
  readonly priority: number;
  readonly direction: 'Inbound' | 'Outbound';
  readonly access: 'Allow' | 'Deny';
  /**
   * Protocol.
   * @default 'Tcp'
   */
  readonly protocol?: NsgProtocol;
  /**
   * Source.
   * @default '*'
   */
  readonly source?: NsgPeer;
  /**
   * Destination.
   * @default '*'
   */
  readonly destination?: NsgPeer;
  /**
   * Destination ports.
   * @default every port
   */
  readonly ports?: NsgPort[];
  /**
   * Description.
   * @default none
   */
  readonly description?: string;
}

export interface NetworkSecurityGroupProps extends AzureResourceProps, AvmCommonProps, DiagnosticSettingsProps {
  /**
   * Add `DenyAllInbound` at priority 4096, overriding Azure's default rules
   * that allow any traffic from the virtual network and the load balancer:
   * only what `allowInbound` opens gets in.
   * @default true
   */
  readonly denyAllInbound?: boolean;
  /**
   * Rules created with the group.
   * @default none (besides DenyAllInbound)
   */
  readonly rules?: NsgRuleSpec[];
}

/** Options of {@link NetworkSecurityGroup.allowFrom} / `allowTo`. */
export interface AllowRuleOptions {
  /**
   * Rule name.
   * @default `Allow-<port>-From-<peer>` (or `-To-`), made of the peer's label and the port
   */
  readonly name?: string;
  /**
   * Priority, 100-4095, unique per direction.
   * @default the lowest free multiple of 10 from 100 in that direction, assigned at synth after every explicit priority
   */
  readonly priority?: number;
  /**
   * The other end of the flow: the destination of an inbound rule, the source of an outbound one.
   * @default `*` (a subnet's `allowFrom` passes the subnet itself)
   */
  readonly other?: IPeer;
  /**
   * Description.
   * @default `<port> from <peer>`
   */
  readonly description?: string;
}

const PROTOCOL: Record<string, NsgProtocol> = { tcp: 'Tcp', udp: 'Udp', icmp: 'Icmp', all: '*' };

/** Lowest priority, reserved for the DenyAllInbound rule. */
export const DENY_ALL_PRIORITY = 4096;
const SERVICE_TAG = /^(\*|[A-Za-z][A-Za-z0-9]*(\.[A-Za-z0-9]+)*)$/;

/** The address-prefix text of a peer. */
export function peerPrefix(peer: NsgPeer | undefined): string {
  if (peer === undefined) return '*';
  return typeof peer === 'string' ? peer : peer.addressPrefix;
}

function validPeer(prefix: string): boolean {
  if (Token.isUnresolved(prefix)) return true;
  return SERVICE_TAG.test(prefix) || isCidr(prefix.includes('/') ? prefix : `${prefix}/32`);
}

function validPort(p: NsgPort): boolean {
  if (p === '*') return true;
  if (typeof p === 'number') return isPort(p);
  const m = /^(\d+)(?:-(\d+))?$/.exec(p);
  if (!m) return false;
  const lo = Number(m[1]);
  const hi = m[2] === undefined ? lo : Number(m[2]);
  return isPort(lo) && isPort(hi) && lo <= hi;
}

const RULE_CHECKS: Rule<NsgRuleSpec>[] = [
  {
    rule: (r) => `rule ${r.name}: priority must be an integer between 100 and 4096`,
    check: (r) => (intInRange(r.priority, 100, 4096) ? undefined : r.priority),
  },
  {
    rule: (r) => `rule ${r.name}: ports must be 1-65535, a range such as 8000-8002, or *`,
    check: (r) => (r.ports ?? []).find((p) => !validPort(p)),
  },
  {
    rule: (r) => `rule ${r.name}: source and destination must be a CIDR block, an IP address, a service tag or *`,
    check: (r) => [peerPrefix(r.source), peerPrefix(r.destination)].find((p) => !validPeer(p)),
  },
  {
    rule: (r) => `rule ${r.name}: name may contain only letters, digits, underscores, periods and hyphens (1-80)`,
    check: (r) => (/^[A-Za-z0-9]([A-Za-z0-9_.-]{0,78}[A-Za-z0-9_])?$/.test(r.name) ? undefined : r.name),
  },
];

/**
 * A network security group that denies every inbound flow it was not told to
 * allow (`DenyAllInbound` at 4096), one `azurerm_network_security_rule` per
 * rule. `allowInbound(name, priority, source, ports)` opens exactly one flow;
 * priorities are checked for range and uniqueness per direction.
 */
export class NetworkSecurityGroup extends Construct {
  public readonly resource: NsgResource;
  public readonly id: string;
  public readonly name: string;
  public readonly interfaces: AppliedAvmInterfaces;
  private readonly resourceGroupName: string;
  private readonly used = new Map<string, string>();
  private readonly names = new Set<string>();
  private readonly byFlow = new Map<string, NetworkSecurityRule>();
  private readonly autoPriority: { direction: 'Inbound' | 'Outbound'; name: string }[] = [];
  private autoAssigned?: Map<string, number>;

  constructor(scope: Construct, id: string, props: NetworkSecurityGroupProps = {}) {
    super(scope, id);
    requireProps(this, props, []);
    const { name, location, resourceGroupName } = resolvePlacement(this, 'networkSecurityGroup', props, 'Microsoft.Network');
    this.resourceGroupName = resourceGroupName;
    this.resource = new NsgResource(this, 'Resource', { name, location, resourceGroupName, tags: props.tags });
    this.id = this.resource.id;
    this.name = this.resource.name;
    for (const r of props.rules ?? []) this.addRule(r);
    if (props.denyAllInbound ?? true) {
      this.addRule({ name: 'DenyAllInbound', priority: DENY_ALL_PRIORITY, direction: 'Inbound', access: 'Deny', protocol: '*', description: 'Only flows allowed above get in' });
    }
    // NSGs emit logs (events, rule counters) but no platform metrics.
    this.interfaces = applyAvmInterfaces(
      this,
      { resourceId: this.id, resourceName: name, location, resourceGroupName, diagnosticDefaults: { logCategoryGroups: ['allLogs'], metricCategories: [] } },
      props,
    );
  }

  /**
   * Allows `port` from `peer` (inbound), naming the rule and picking its
   * priority unless told: `nsg.allowFrom(Peer.serviceTag('GatewayManager'), Port.tcpRange(65200, 65535))`.
   * The same flow twice is one rule.
   */
  allowFrom(peer: IPeer, port: Port, options: AllowRuleOptions = {}): NetworkSecurityRule {
    return this.allowFlow('Inbound', peer, port, options);
  }

  /** Allows `port` to `peer` (outbound); see {@link allowFrom}. */
  allowTo(peer: IPeer, port: Port, options: AllowRuleOptions = {}): NetworkSecurityRule {
    return this.allowFlow('Outbound', peer, port, options);
  }

  private allowFlow(direction: 'Inbound' | 'Outbound', peer: IPeer, port: Port, options: AllowRuleOptions): NetworkSecurityRule {
    ensure(this, peer.peerSecurityGroupId === undefined, 'NSG rules take an address block, a subnet or a service tag, not an AWS security group', peer.peerLabel);
    const bad = port.problem();
    if (bad) throw new ValidationError(this.node.path, bad.rule, bad.value);
    const address = peer.peerAddress ?? '*';
    const other = options.other?.peerAddress ?? '*';
    const flow = `${direction}|${port.protocol}|${port.portRange}|${address}|${other}`;
    const existing = this.byFlow.get(flow);
    if (existing) return existing;
    const word = direction === 'Inbound' ? 'From' : 'To';
    const proto = port.protocol === 'tcp' ? '' : `${port.protocol.toUpperCase()}-`;
    const portText = port.portRange === '*' ? 'Any' : port.portRange;
    const name = options.name ?? `Allow-${proto}${portText}-${word}-${peer.peerLabel}`.replace(/[^A-Za-z0-9_.-]/g, '-').slice(0, 80).replace(/[.-]+$/, '');
    const auto = options.priority === undefined;
    const spec: NsgRuleSpec = {
      name,
      priority: auto ? 100 : options.priority!,
      direction,
      access: 'Allow',
      protocol: PROTOCOL[port.protocol],
      source: direction === 'Inbound' ? address : other,
      destination: direction === 'Inbound' ? other : address,
      ports: [port.portRange],
      description: options.description ?? `${port.label} ${word.toLowerCase()} ${peer.peerLabel}`,
    };
    const rule = this.addRule(spec, auto);
    if (auto) this.autoPriority.push({ direction, name });
    if (auto) rule.priority = Lazy.numberValue({ produce: () => this.priorityOf(name) }) as unknown as number;
    this.byFlow.set(flow, rule);
    return rule;
  }

  /** Automatic priorities: the lowest free multiples of 10 from 100, in the order the rules were added. */
  private priorityOf(name: string): number {
    if (!this.autoAssigned) {
      this.autoAssigned = new Map();
      const taken = new Set(this.used.keys());
      for (const r of this.autoPriority) {
        let p = 100;
        while (taken.has(`${r.direction}/${p}`)) p += 10;
        if (p >= DENY_ALL_PRIORITY) throw new ValidationError(this.node.path, `rule ${r.name}: no free priority below ${DENY_ALL_PRIORITY} is left for automatic assignment`, p);
        taken.add(`${r.direction}/${p}`);
        this.autoAssigned.set(r.name, p);
      }
    }
    return this.autoAssigned.get(name)!;
  }

  /** Allows `protocol` traffic from `source` to `ports` (inbound). */
  allowInbound(name: string, priority: number, source: NsgPeer, ports: NsgPort[], protocol: NsgProtocol = 'Tcp', destination: NsgPeer = '*'): NetworkSecurityRule {
    return this.addRule({ name, priority, direction: 'Inbound', access: 'Allow', source, destination, ports, protocol });
  }

  /** Allows `protocol` traffic to `destination` on `ports` (outbound). */
  allowOutbound(name: string, priority: number, destination: NsgPeer, ports: NsgPort[], protocol: NsgProtocol = 'Tcp'): NetworkSecurityRule {
    return this.addRule({ name, priority, direction: 'Outbound', access: 'Allow', source: '*', destination, ports, protocol });
  }

  /** Denies traffic in `direction` between `source` and `destination` on `ports`. */
  deny(name: string, priority: number, direction: 'Inbound' | 'Outbound', source: NsgPeer, destination: NsgPeer, ports: NsgPort[] = ['*']): NetworkSecurityRule {
    return this.addRule({ name, priority, direction, access: 'Deny', source, destination, ports, protocol: '*' });
  }

  /** Adds one rule after checking its priority, ports, peers and name. */
  addRule(r: NsgRuleSpec, autoPriority = false): NetworkSecurityRule {
    validateProps(this, r, RULE_CHECKS);
    const key = `${r.direction}/${r.priority}`;
    ensure(this, autoPriority || !this.used.has(key), `rule ${r.name}: priority ${r.priority} is already used by ${this.used.get(key)} (${r.direction})`, r.priority);
    ensure(this, !this.names.has(r.name), 'rule names must be unique in a network security group', r.name);
    ensure(this, this.autoAssigned === undefined, 'rules cannot be added after automatic priorities were assigned (synth has started)', r.name);
    this.names.add(r.name);
    if (!autoPriority) this.used.set(key, r.name);
    const ports = (r.ports ?? ['*']).map(String);
    const src = peerPrefix(r.source);
    const dst = peerPrefix(r.destination);
    return new NetworkSecurityRule(this, r.name, {
      name: r.name,
      resourceGroupName: this.resourceGroupName,
      networkSecurityGroupName: this.name,
      priority: r.priority,
      direction: r.direction,
      access: r.access,
      protocol: r.protocol ?? 'Tcp',
      sourcePortRange: '*',
      ...(ports.length === 1 ? { destinationPortRange: ports[0] } : { destinationPortRanges: ports }),
      sourceAddressPrefix: src,
      destinationAddressPrefix: dst,
      description: r.description,
    });
  }
}
