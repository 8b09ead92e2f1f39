/*
 * Architecture diagram of one synthesized stack, as Graphviz DOT:
 * the Internet and the entry points on top, VPC / VNet → subnet groups with
 * their CIDRs, resources as labelled nodes (kind, name, SKU / size), solid
 * edges for traffic the security groups / NSGs allow (ports), dashed edges
 * for references between resources. Plumbing is folded into its parent;
 * same-type siblings are collapsed into one `×N` node.
 */
import { createHash } from 'crypto';
import { get, Resource, Stack, str } from './model';
import { Category, displayName, skuOf, typeInfo } from './types';

/** Plumbing dropped from the picture entirely (its meaning is drawn as edges or groups). */
const DROP = new Set([
  'aws_route_table',
  'aws_route',
  'aws_route_table_association',
  'aws_security_group',
  'aws_default_security_group',
  'aws_vpc_security_group_ingress_rule',
  'aws_vpc_security_group_egress_rule',
  'aws_security_group_rule',
  'azurerm_network_security_group',
  'azurerm_network_security_rule',
  'azurerm_subnet_network_security_group_association',
  'azurerm_subnet_route_table_association',
  'azurerm_subnet_nat_gateway_association',
  'azurerm_route_table',
  'azurerm_private_dns_zone',
  'azurerm_private_dns_zone_virtual_network_link',
  'azurerm_resource_group',
  'azurerm_role_assignment',
  'random_password',
  'random_string',
  'random_id',
]);

/** Associations that place a drawn resource in a subnet. */
const PLACING_ASSOCIATIONS = new Set(['azurerm_subnet_nat_gateway_association']);

/** Secrets whose references are followed: an app reading a connection string depends on the database. */
const THROUGH = new Set(['azurerm_key_vault_secret', 'aws_secretsmanager_secret_version']);
const ATTR_LABEL: Record<string, string> = {
  service_plan_id: 'runs on',
  container_app_environment_id: 'runs in',
  cluster: 'runs in',
  storage_account_name: 'storage',
  storage_account_access_key: 'storage',
};

const CAT_STYLE: Record<Category, { fill: string; title: string }> = {
  edge: { fill: '#fde2cf', title: 'Edge and entry points' },
  compute: { fill: '#d6e6f7', title: 'Compute' },
  data: { fill: '#d9efd4', title: 'Data' },
  storage: { fill: '#fff1c2', title: 'Storage' },
  messaging: { fill: '#ead7f4', title: 'Messaging and events' },
  security: { fill: '#ececec', title: 'Security and identity' },
  observability: { fill: '#e4e4e4', title: 'Observability' },
  network: { fill: '#dff3f3', title: 'Network' },
  other: { fill: '#f7f7f7', title: 'Other' },
};
const CAT_ORDER: Category[] = ['edge', 'compute', 'data', 'storage', 'messaging', 'network', 'security', 'observability', 'other'];

interface Group {
  id: string;
  label: string;
  parent?: string;
  kind: 'vpc' | 'subnet' | 'cat';
  subnets: string[];
  cidrs: string[];
}

interface Node {
  id: string;
  group: string;
  cat: Category;
  type: string;
  members: Resource[];
  attached: number;
}

interface Edge {
  from: string;
  to: string;
  style: 'traffic' | 'ref' | 'guard' | 'egress';
  labels: Set<string>;
  ltail?: string;
  lhead?: string;
}

const esc = (x: string) => x.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const trunc = (x: string, n = 42) => (x.length > n ? `${x.slice(0, n - 1)}…` : x);
const gid = (x: string) => x.replace(/[^A-Za-z0-9_]/g, '_');

function asList(v: unknown): unknown[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

export interface DiagramModel {
  dot: string;
  drawn: number;
  total: number;
}

export function buildDiagram(st: Stack): DiagramModel {
  const R = st.resources;
  const info = (r: Resource) => typeInfo(r.type);
  const visible = new Set(R.filter((r) => !info(r).hide && !info(r).group && !DROP.has(r.type)).map((r) => r.addr));

  // ---- parents of hidden resources ----
  const parentMemo = new Map<string, string | null>();
  const parentOf = (addr: string, seen = new Set<string>()): string | null => {
    if (visible.has(addr)) return addr;
    if (parentMemo.has(addr)) return parentMemo.get(addr)!;
    const r = st.byAddr.get(addr);
    if (!r || DROP.has(r.type) || info(r).group || seen.has(addr)) return null;
    seen.add(addr);
    let p: string | null = null;
    const t = info(r);
    for (const a of t.parent ?? []) {
      const ref = r.refs.find((x) => (x.attr === a || x.attr.startsWith(`${a}.`)) && (!t.parentTypes || t.parentTypes.includes(st.byAddr.get(x.target)!.type)));
      if (ref) p = parentOf(ref.target, seen);
      if (p) break;
    }
    if (!p && !t.connect && t.parent === undefined) {
      for (const ref of r.refs) {
        if (/log/i.test(ref.attr)) continue;
        const tc = info(st.byAddr.get(ref.target)!).cat;
        if (tc === 'security' || tc === 'observability') continue;
        p = parentOf(ref.target, seen);
        if (p) break;
      }
    }
    if (!p) {
      const via = t.referrerAttrs;
      for (const ref of st.referrers.get(addr) ?? []) {
        if (via && !ref.refs.some((x) => x.target === addr && via.some((v) => x.attr === v || x.attr.startsWith(`${v}.`)))) continue;
        p = parentOf(ref.addr, seen);
        if (p) break;
      }
    }
    parentMemo.set(addr, p);
    return p;
  };
  const attached = new Map<string, number>();
  const childrenOf = new Map<string, Resource[]>();
  for (const r of R) {
    if (visible.has(r.addr) || DROP.has(r.type) || info(r).group) continue;
    const p = parentOf(r.addr);
    if (!p) continue;
    attached.set(p, (attached.get(p) ?? 0) + 1);
    if (!childrenOf.has(p)) childrenOf.set(p, []);
    childrenOf.get(p)!.push(r);
  }

  // ---- network groups ----
  const groups = new Map<string, Group>();
  const vpcs = R.filter((r) => info(r).group === 'vpc');
  const subnets = R.filter((r) => info(r).group === 'subnet');
  const subnetGroup = new Map<string, string>();
  const vpcOfSubnet = (sn: Resource) => sn.refs.find((x) => st.byAddr.get(x.target) && info(st.byAddr.get(x.target)!).group === 'vpc')?.target;
  for (const v of vpcs) {
    const cidrs = [...asList(v.attrs.cidr_block), ...asList(v.attrs.address_space)].map(str).filter((x): x is string => !!x);
    groups.set(gid(v.addr), { id: gid(v.addr), label: `${typeInfo(v.type).kind} ${displayName(v)}`, kind: 'vpc', subnets: [], cidrs });
  }
  for (const sn of subnets) {
    const vpc = vpcOfSubnet(sn);
    const cidr = [...asList(sn.attrs.cidr_block), ...asList(sn.attrs.address_prefixes)].map(str).filter((x): x is string => !!x);
    const tags = (sn.attrs.tags ?? {}) as Record<string, unknown>;
    // AWS: one group per tier (public / private / isolated) across AZs; Azure: one group per subnet.
    const tier = st.cloud === 'aws' ? str(tags.tier) ?? str(tags.Name)?.replace(/-?[a-z]{2}-[a-z]+-\d[a-z]$/, '') : undefined;
    const id = gid(`${vpc ?? 'novpc'}_${tier ?? sn.addr}`);
    if (!groups.has(id)) {
      groups.set(id, {
        id,
        label: tier ? `${tier} subnets` : `subnet ${displayName(sn)}`,
        parent: vpc ? gid(vpc) : undefined,
        kind: 'subnet',
        subnets: [],
        cidrs: [],
      });
    }
    const g = groups.get(id)!;
    g.subnets.push(sn.addr);
    const az = str(sn.attrs.availability_zone);
    for (const c of cidr) g.cidrs.push(az ? `${c} (${az})` : c);
    subnetGroup.set(sn.addr, id);
  }

  // ---- placement ----
  const placing = new Set<string>();
  const placeOf = (r: Resource): string => {
    if (['observability', 'security'].includes(info(r).cat)) return `cat_${info(r).cat}`;
    const carriers = [r, ...(childrenOf.get(r.addr) ?? [])];
    const sns = new Set<string>();
    const vps = new Set<string>();
    const scan = (x: Resource, depth: number) => {
      for (const ref of x.refs) {
        const t = st.byAddr.get(ref.target)!;
        const g = info(t).group;
        if (g === 'subnet') sns.add(ref.target);
        else if (g === 'vpc' && x === r) vps.add(ref.target);
        else if (depth > 0 && !visible.has(ref.target) && !DROP.has(t.type) && /subnet/i.test(ref.attr)) scan(t, depth - 1);
      }
    };
    // the resource's own subnets (VNet injection / integration) win over those of its private endpoints
    scan(r, 1);
    if (sns.size === 0) for (const c of carriers.slice(1)) scan(c, 1);
    // associations dropped from the picture still place what they associate (Azure NAT gateway → subnets)
    for (const ref of st.referrers.get(r.addr) ?? []) {
      if (!PLACING_ASSOCIATIONS.has(ref.type)) continue;
      for (const x of ref.refs) if (info(st.byAddr.get(x.target)!).group === 'subnet') sns.add(x.target);
    }
    // hosted resources sit where their host sits (a Container App in its environment's subnet)
    if (sns.size === 0 && vps.size === 0) {
      for (const a of info(r).placeWith ?? []) {
        const host = r.refs.find((x) => x.attr === a)?.target;
        const h = host ? st.byAddr.get(host) : undefined;
        if (h && visible.has(h.addr) && !placing.has(h.addr)) {
          placing.add(r.addr);
          try {
            return placeOf(h);
          } finally {
            placing.delete(r.addr);
          }
        }
      }
    }
    const gs = new Set([...sns].map((s) => subnetGroup.get(s)!));
    if (gs.size === 1) return [...gs][0];
    if (gs.size > 1) {
      const parents = new Set([...gs].map((g) => groups.get(g)!.parent));
      if (parents.size === 1 && [...parents][0]) return [...parents][0]!;
    }
    if (vps.size >= 1) return gid([...vps].sort()[0]);
    return `cat_${info(r).cat}`;
  };

  // ---- nodes (with collapse) ----
  const byGroupType = new Map<string, Resource[]>();
  for (const r of R) {
    if (!visible.has(r.addr)) continue;
    const g = placeOf(r);
    const k = `${g}|${r.type}`;
    if (!byGroupType.has(k)) byGroupType.set(k, []);
    byGroupType.get(k)!.push(r);
  }
  const nodes = new Map<string, Node>();
  const nodeOf = new Map<string, string>();
  for (const [k, rs] of [...byGroupType.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
    const [g, type] = k.split('|');
    const t = typeInfo(type);
    const collapse = rs.length >= (t.collapseAt ?? 5);
    const chunks = collapse ? [rs] : rs.map((r) => [r]);
    for (const members of chunks) {
      const id = collapse ? gid(`n_${g}_${type}`) : gid(`n_${members[0].addr}`);
      nodes.set(id, { id, group: g, cat: t.cat, type, members, attached: members.reduce((n, m) => n + (attached.get(m.addr) ?? 0), 0) });
      for (const m of members) nodeOf.set(m.addr, id);
    }
    if (g.startsWith('cat_') && !groups.has(g)) {
      const cat = g.slice(4) as Category;
      groups.set(g, { id: g, label: CAT_STYLE[cat].title, kind: 'cat', subnets: [], cidrs: [] });
    }
  }
  const nodeFor = (addr: string): string | undefined => {
    const p = parentOf(addr);
    return p ? nodeOf.get(p) : undefined;
  };

  // ---- edges ----
  const edges = new Map<string, Edge>();
  const INTERNET = 'internet';
  /** node or group id → outbound-to-Internet ports (drawn as a label line, not an edge) */
  const egress = new Map<string, Set<string>>();
  const addEdge = (from: string | undefined, to: string | undefined, style: Edge['style'], label?: string, ends: { ltail?: string; lhead?: string } = {}) => {
    if (!from || !to || (from === to && !ends.ltail && !ends.lhead)) return;
    if (style === 'egress' && to === INTERNET) {
      const key = ends.ltail ?? from;
      if (!egress.has(key)) egress.set(key, new Set());
      if (label) egress.get(key)!.add(label);
      return;
    }
    const k = `${from}|${to}|${style}|${ends.ltail ?? ''}|${ends.lhead ?? ''}`;
    if (!edges.has(k)) edges.set(k, { from, to, style, labels: new Set(), ...ends });
    if (label) edges.get(k)!.labels.add(label);
  };
  const FLOW_SRC: Category[] = ['edge', 'compute', 'messaging'];
  const FLOW_DST: Category[] = ['edge', 'compute', 'data', 'storage', 'messaging'];
  for (const r of R) {
    const t = info(r);
    if (DROP.has(r.type) || t.group) continue;
    if (t.connect) {
      const f = r.refs.find((x) => x.attr === t.connect!.from || x.attr.startsWith(`${t.connect!.from}.`));
      const to = r.refs.find((x) => x.attr === t.connect!.to || x.attr.startsWith(`${t.connect!.to}.`));
      if (f && to) {
        const guard = typeInfo(st.byAddr.get(f.target)!.type).guard;
        addEdge(nodeFor(f.target), nodeFor(to.target), guard ? 'guard' : 'ref', t.connect.label);
      }
      continue;
    }
    const src = nodeFor(r.addr);
    if (!src) continue;
    // a reference to a secret is a reference to what the secret points at (connection strings)
    const refs = r.refs.flatMap((ref) =>
      THROUGH.has(st.byAddr.get(ref.target)!.type)
        ? [ref, ...st.byAddr.get(ref.target)!.refs.map((x) => ({ attr: ref.attr, target: x.target, via: 'secret' }))]
        : [ref],
    );
    for (const ref of refs) {
      if (/log/i.test(ref.attr)) continue;
      const target = st.byAddr.get(ref.target)!;
      const dst = nodeFor(ref.target);
      if (!dst || dst === src) continue;
      const tt = typeInfo(target.type);
      if (tt.guard) {
        addEdge(dst, src, 'guard', 'filters');
        continue;
      }
      const inbound = (t.inbound ?? []).some((a) => ref.attr === a || ref.attr.startsWith(`${a}.`));
      if (inbound) {
        addEdge(dst, src, 'ref');
        continue;
      }
      const sc = nodes.get(src)!.cat;
      const dc = nodes.get(dst)!.cat;
      if (FLOW_SRC.includes(sc) && FLOW_DST.includes(dc) && !(nodes.get(dst)!.type.startsWith('aws_ecr') || nodes.get(dst)!.type === 'azurerm_container_registry')) {
        const label = ATTR_LABEL[ref.attr.split('.').pop()!] ?? ('via' in ref ? 'via secret' : undefined);
        // hosting inside one group is already said by the grouping
        if (label === 'runs in' && nodes.get(src)!.group === nodes.get(dst)!.group) continue;
        addEdge(src, dst, 'ref', label);
      }
    }
  }

  // CloudFront origins named by domain: the load balancer whose listener certificate covers the domain.
  for (const r of R.filter((x) => x.type === 'aws_cloudfront_distribution')) {
    for (const o of asList(r.attrs.origin)) {
      const d = str(get(o, 'domain_name'));
      if (!d || d.includes('${')) continue;
      for (const c of R.filter((x) => x.type === 'aws_acm_certificate')) {
        const names = [str(c.attrs.domain_name), ...asList(c.attrs.subject_alternative_names).map(str)];
        if (!names.includes(d)) continue;
        for (const ref of st.referrers.get(c.addr) ?? []) {
          const n = nodeFor(ref.addr);
          if (n && nodes.get(n)!.type === 'aws_lb') addEdge(nodeFor(r.addr), n, 'ref', `origin ${d}`);
        }
      }
    }
  }

  // Traffic: AWS security groups.
  let internetUsed = false;
  const anchors = new Set<string>();
  const anchorOf = (g: string) => {
    anchors.add(g);
    return `anchor_${g}`;
  };
  const peerNodes = new Map<string, string>();
  const peerNode = (label: string) => {
    const id = gid(`peer_${label}`);
    peerNodes.set(id, label);
    return id;
  };
  const cidrTarget = (cidr: string): { node: string; group?: string } => {
    if (cidr === '0.0.0.0/0' || cidr === '::/0' || cidr === '*' || cidr.toLowerCase() === 'internet') {
      internetUsed = true;
      return { node: INTERNET };
    }
    for (const g of [...groups.values()].filter((x) => x.kind === 'subnet')) {
      if (g.cidrs.some((c) => c.split(' ')[0] === cidr)) return { node: anchorOf(g.id), group: g.id };
    }
    for (const g of [...groups.values()].filter((x) => x.kind === 'vpc')) {
      if (g.cidrs.includes(cidr)) return { node: anchorOf(g.id), group: g.id };
    }
    return { node: peerNode(cidr) };
  };
  const portLabel = (proto: unknown, from: unknown, to: unknown) => {
    const p = String(str(proto) ?? 'tcp').toLowerCase();
    if (p === '-1' || p === 'all' || p === '*') return 'all traffic';
    const f = str(from);
    const t = str(to);
    if (f === undefined || f === '*') return `${p} any`;
    return f === t || t === undefined ? `${p} ${f}` : `${p} ${f}-${t}`;
  };
  const sgMembers = (sg: string): string[] =>
    [...new Set((st.referrers.get(sg) ?? []).filter((x) => !x.type.includes('security_group')).map((x) => nodeFor(x.addr)).filter((x): x is string => !!x))].sort();
  const sgRules: Array<{ dir: 'in' | 'out'; sg: string; peerSg?: string; cidr?: string; label: string }> = [];
  for (const r of R) {
    const a = r.attrs;
    const sgRef = r.refs.find((x) => x.attr === 'security_group_id')?.target;
    const peerSg = r.refs.find((x) => x.attr === 'referenced_security_group_id' || x.attr === 'source_security_group_id')?.target;
    if (r.type === 'aws_vpc_security_group_ingress_rule' || r.type === 'aws_vpc_security_group_egress_rule') {
      if (!sgRef) continue;
      sgRules.push({ dir: r.type.endsWith('ingress_rule') ? 'in' : 'out', sg: sgRef, peerSg, cidr: str(a.cidr_ipv4) ?? str(a.cidr_ipv6), label: portLabel(a.ip_protocol, a.from_port, a.to_port) });
    } else if (r.type === 'aws_security_group_rule') {
      if (!sgRef) continue;
      for (const c of asList(a.cidr_blocks).map(str)) sgRules.push({ dir: str(a.type) === 'egress' ? 'out' : 'in', sg: sgRef, cidr: c, label: portLabel(a.protocol, a.from_port, a.to_port) });
      if (peerSg) sgRules.push({ dir: str(a.type) === 'egress' ? 'out' : 'in', sg: sgRef, peerSg, label: portLabel(a.protocol, a.from_port, a.to_port) });
    } else if (r.type === 'aws_security_group') {
      for (const [dir, key] of [['in', 'ingress'], ['out', 'egress']] as const) {
        for (const b of asList(a[key])) {
          const label = portLabel(get(b, 'protocol'), get(b, 'from_port'), get(b, 'to_port'));
          for (const c of asList(get(b, 'cidr_blocks')).map(str)) sgRules.push({ dir, sg: r.addr, cidr: c, label });
          for (const p of asList(get(b, 'security_groups')).map(str)) {
            const t = p ? r.refs.find((x) => p.includes(x.target))?.target : undefined;
            if (t) sgRules.push({ dir, sg: r.addr, peerSg: t, label });
          }
        }
      }
    }
  }
  const ingressPairs = new Set<string>();
  for (const rule of sgRules.filter((x) => x.dir === 'in')) {
    const dsts = sgMembers(rule.sg);
    if (rule.peerSg) {
      for (const s of sgMembers(rule.peerSg)) for (const d of dsts) {
        addEdge(s, d, 'traffic', rule.label);
        ingressPairs.add(`${s}|${d}|${rule.label}`);
      }
    } else if (rule.cidr) {
      const t = cidrTarget(rule.cidr);
      for (const d of dsts) addEdge(t.node, d, 'traffic', rule.label, t.group ? { ltail: t.group } : {});
    }
  }
  for (const rule of sgRules.filter((x) => x.dir === 'out')) {
    const srcs = sgMembers(rule.sg);
    if (rule.peerSg) {
      for (const d of sgMembers(rule.peerSg)) for (const s of srcs) if (!ingressPairs.has(`${s}|${d}|${rule.label}`)) addEdge(s, d, 'traffic', rule.label);
    } else if (rule.cidr) {
      const t = cidrTarget(rule.cidr);
      for (const s of srcs) addEdge(s, t.node, 'egress', rule.label, t.group ? { lhead: t.group } : {});
    }
  }

  // Traffic: Azure NSGs (inbound Allow rules; outbound Allow to the Internet).
  const nsgSubnets = new Map<string, string[]>();
  for (const r of R.filter((x) => x.type === 'azurerm_subnet_network_security_group_association')) {
    const sn = r.refs.find((x) => x.attr === 'subnet_id')?.target;
    const nsg = r.refs.find((x) => x.attr === 'network_security_group_id')?.target;
    if (sn && nsg) nsgSubnets.set(nsg, [...(nsgSubnets.get(nsg) ?? []), sn]);
  }
  const nsgRules: Array<{ nsg: string; a: Record<string, unknown> }> = [];
  for (const r of R) {
    if (r.type === 'azurerm_network_security_rule') {
      const nsg = r.refs.find((x) => x.attr === 'network_security_group_name')?.target;
      if (nsg) nsgRules.push({ nsg, a: r.attrs });
    } else if (r.type === 'azurerm_network_security_group') {
      for (const b of asList(r.attrs.security_rule)) nsgRules.push({ nsg: r.addr, a: b as Record<string, unknown> });
    }
  }
  const SKIP_TAGS = new Set(['azureloadbalancer']);
  const azPeer = (prefix: string): { node: string; group?: string } | undefined => {
    const p = prefix.toLowerCase();
    if (SKIP_TAGS.has(p)) return undefined;
    if (p === 'virtualnetwork') {
      const v = [...groups.values()].find((g) => g.kind === 'vpc');
      return v ? { node: anchorOf(v.id), group: v.id } : undefined;
    }
    if (/^[\d.:/]+$/.test(prefix) || prefix === '*' || p === 'internet') return cidrTarget(prefix);
    return { node: peerNode(`${prefix} (service tag)`) };
  };
  for (const { nsg, a } of nsgRules.sort((x, y) => Number(x.a.priority) - Number(y.a.priority))) {
    if (str(a.access) !== 'Allow') continue;
    const ports = [...asList(a.destination_port_range), ...asList(a.destination_port_ranges)].map(str).filter((x): x is string => !!x);
    const proto = String(str(a.protocol) ?? '*').toLowerCase();
    const label = ports.length === 0 || ports.includes('*') ? (proto === '*' ? 'all traffic' : `${proto} any`) : `${proto === '*' ? 'any' : proto} ${ports.join(', ')}`;
    const subnetGroups = [...new Set((nsgSubnets.get(nsg) ?? []).map((x) => subnetGroup.get(x)).filter((x): x is string => !!x))];
    const src = [...asList(a.source_address_prefix), ...asList(a.source_address_prefixes)].map(str).filter((x): x is string => !!x);
    const dst = [...asList(a.destination_address_prefix), ...asList(a.destination_address_prefixes)].map(str).filter((x): x is string => !!x);
    if (str(a.direction) === 'Inbound') {
      for (const g of subnetGroups) {
        for (const sp of src) {
          const peer = azPeer(sp);
          if (!peer || peer.group === g) continue;
          addEdge(peer.node, anchorOf(g), 'traffic', label, { ...(peer.group ? { ltail: peer.group } : {}), lhead: g });
        }
      }
    } else if (dst.some((d) => d.toLowerCase() === 'internet')) {
      for (const g of subnetGroups) {
        internetUsed = true;
        addEdge(anchorOf(g), INTERNET, 'egress', label, { ltail: g });
      }
    }
  }

  // Internet → entry points not reached by a rule already.
  for (const n of [...nodes.values()]) {
    const t = typeInfo(n.type);
    if (!t.entry || !n.members.some((m) => t.entry!(m.attrs))) continue;
    const groupsOfN = new Set<string>();
    for (let g: string | undefined = n.group; g; g = groups.get(g)?.parent) groupsOfN.add(g);
    const reached = [...edges.values()].some((e) => e.from === INTERNET && (e.to === n.id || (e.lhead !== undefined && groupsOfN.has(e.lhead))));
    const behindOther = [...edges.values()].some((e) => e.to === n.id && e.style === 'ref' && nodes.get(e.from) && typeInfo(nodes.get(e.from)!.type).entry);
    if (!reached && !behindOther) {
      internetUsed = true;
      addEdge(INTERNET, n.id, 'traffic', 'HTTPS');
    }
  }

  return { dot: renderDot(st, groups, nodes, edges, anchors, peerNodes, internetUsed, visible.size, egress), drawn: nodes.size, total: R.length };
}

function nodeLabel(n: Node, st: Stack, extra: string): string {
  const t = typeInfo(n.type);
  const lines: string[] = [];
  if (n.members.length > 1) {
    lines.push(`<b>${esc(t.kind)} ×${n.members.length}</b>`);
    const names = n.members.map(displayName);
    const shown = names.slice(0, 3).map((x) => esc(trunc(x, 34)));
    lines.push(`<font point-size="9">${shown.join('<br/>')}${names.length > 3 ? `<br/>+${names.length - 3} more` : ''}</font>`);
    const skus = [...new Set(n.members.map((m) => skuOf(m, st)).filter((x): x is string => !!x))];
    if (skus.length > 0 && skus.length <= 2) lines.push(`<font point-size="8" color="#444444">${esc(trunc(skus.join(' / '), 60))}</font>`);
  } else {
    const m = n.members[0];
    lines.push(`<b>${esc(t.kind)}</b>`);
    lines.push(esc(trunc(displayName(m))));
    const sku = skuOf(m, st);
    if (sku) lines.push(`<font point-size="8" color="#444444">${esc(trunc(sku, 60))}</font>`);
  }
  if (n.attached > 0) lines.push(`<font point-size="7" color="#777777">+${n.attached} attached</font>`);
  return `<${lines.join('<br/>')}${extra}>`;
}

function renderDot(
  st: Stack,
  groups: Map<string, Group>,
  nodes: Map<string, Node>,
  edges: Map<string, Edge>,
  anchors: Set<string>,
  peers: Map<string, string>,
  internet: boolean,
  visibleCount: number,
  egress: Map<string, Set<string>>,
): string {
  const egressLine = (id: string) => {
    const e = egress.get(id);
    return e && e.size > 0 ? `<br/><font point-size="7" color="#7f8c8d">egress to Internet: ${esc([...e].sort().join(', '))}</font>` : '';
  };
  const out: string[] = [];
  const cloud = st.cloud === 'aws' ? 'AWS' : st.cloud === 'azure' ? 'Azure' : st.cloud;
  const title = `${st.name} · ${cloud} ${st.region} · ${st.resources.length} resources, ${visibleCount} drawn as ${nodes.size} nodes, the rest folded into their parents`;
  const legend = 'red: traffic allowed by security groups / NSGs (ports) · blue dashed: reference (data, trigger, origin) · purple dotted: WAF · grey line in a box: its egress to the Internet';
  out.push(`digraph "${st.name}" {`);
  out.push(`  graph [rankdir=TB, compound=true, fontname="Helvetica,Arial,sans-serif", fontsize=12, nodesep=0.25, ranksep=0.45, labelloc=t, label=<<b>${esc(title)}</b><br/><font point-size="9">${esc(legend)}</font>>];`);
  out.push('  node [shape=box, style="rounded,filled", fontname="Helvetica,Arial,sans-serif", fontsize=10, margin="0.2,0.05", penwidth=0.8];');
  out.push('  edge [fontname="Helvetica,Arial,sans-serif", fontsize=8, color="#555555", arrowsize=0.6];');
  if (internet || [...edges.values()].some((e) => e.from === 'internet' || e.to === 'internet')) {
    out.push('  internet [label=<<b>Internet</b>>, shape=ellipse, style=filled, fillcolor="#ffffff", penwidth=1.2];');
    out.push('  { rank=min; internet; }');
  }
  for (const [id, label] of [...peers.entries()].sort()) out.push(`  ${id} [label="${esc(label)}", shape=ellipse, style="dashed", fontsize=9];`);

  const childGroups = (parent: string | undefined) =>
    [...groups.values()].filter((g) => g.parent === parent && (g.kind !== 'cat' || parent === undefined));
  const orderKey = (g: Group) => (g.kind === 'cat' ? CAT_ORDER.indexOf(g.id.slice(4) as Category) + 10 : g.kind === 'vpc' ? 5 : 0);
  const emit = (g: Group, indent: string) => {
    const used = [...nodes.values()].some((n) => n.group === g.id) || anchors.has(g.id) || childGroups(g.id).length > 0;
    if (!used && g.kind === 'cat') return;
    const cidrs = g.cidrs.length > 0 ? `<br/><font point-size="9">${g.cidrs.map(esc).join('<br/>')}</font>` : '';
    const style =
      g.kind === 'vpc'
        ? 'style="rounded,dashed"; color="#2b6cb0"; penwidth=1.4; bgcolor="#f5f9fd"'
        : g.kind === 'subnet'
          ? 'style="rounded"; color="#6b8fb5"; bgcolor="#ffffff"'
          : 'style="rounded"; color="#bbbbbb"; bgcolor="#fbfbfb"';
    out.push(`${indent}subgraph cluster_${g.id} {`);
    out.push(`${indent}  label=<<b>${esc(g.label)}</b>${cidrs}${egressLine(g.id)}>; ${style}; fontsize=10;`);
    if (anchors.has(g.id)) out.push(`${indent}  anchor_${g.id} [label="", shape=point, width=0.01, style=invis];`);
    for (const n of [...nodes.values()].filter((x) => x.group === g.id).sort((a, b) => a.id.localeCompare(b.id))) {
      out.push(`${indent}  ${n.id} [label=${nodeLabel(n, st, egressLine(n.id))}, fillcolor="${CAT_STYLE[n.cat].fill}"];`);
    }
    for (const c of childGroups(g.id).sort((a, b) => orderKey(a) - orderKey(b) || a.id.localeCompare(b.id))) emit(c, `${indent}  `);
    out.push(`${indent}}`);
  };
  for (const g of childGroups(undefined).sort((a, b) => orderKey(a) - orderKey(b) || a.id.localeCompare(b.id))) emit(g, '  ');

  // Stack the groups top to bottom (Internet, edge, networks and compute, data, support) with invisible edges.
  const tierOf = (g: Group): number => {
    if (g.kind !== 'cat') return 2;
    const c = g.id.slice(4) as Category;
    return c === 'edge' ? 1 : c === 'compute' || c === 'network' ? 2 : c === 'data' || c === 'storage' || c === 'messaging' ? 3 : 4;
  };
  const rootOf = (gidx: string): Group => {
    let g = groups.get(gidx)!;
    while (g.parent && groups.has(g.parent)) g = groups.get(g.parent)!;
    return g;
  };
  const tiers = new Map<number, string[]>();
  if (internet) tiers.set(0, ['internet']);
  for (const n of [...nodes.values()].sort((a, b) => a.id.localeCompare(b.id))) {
    const t = tierOf(rootOf(n.group));
    if (!tiers.has(t)) tiers.set(t, []);
    tiers.get(t)!.push(n.id);
  }
  const tierKeys = [...tiers.keys()].sort((a, b) => a - b);
  // marker_i -> every node of tier i -> marker_i+1: each tier sits wholly below the one above
  for (let i = 0; i <= tierKeys.length; i++) out.push(`  tier_${i} [label="", shape=point, width=0, style=invis];`);
  tierKeys.forEach((k, i) => {
    for (const n of tiers.get(k)!) out.push(`  tier_${i} -> ${n} [style=invis]; ${n} -> tier_${i + 1} [style=invis];`);
  });

  const traffic = new Set([...edges.values()].filter((e) => e.style === 'traffic').map((e) => `${e.from}|${e.to}`));
  const ordered = [...edges.values()]
    .filter((e) => e.style !== 'ref' || !traffic.has(`${e.from}|${e.to}`)).sort((a, b) => `${a.from}|${a.to}|${a.style}`.localeCompare(`${b.from}|${b.to}|${b.style}`));
  for (const e of ordered) {
    const attrs: string[] = [];
    const label = mergePortLabels([...e.labels]);
    if (label) attrs.push(`label="${esc(trunc(label, 40))}"`);
    if (e.style === 'traffic') attrs.push('color="#c0392b"', 'fontcolor="#c0392b"', 'penwidth=1.2');
    if (e.style === 'ref') attrs.push('style=dashed', 'color="#2b6cb0"', 'fontcolor="#2b6cb0"');
    if (e.style === 'guard') attrs.push('style=dotted', 'color="#8e44ad"', 'fontcolor="#8e44ad"');
    if (e.style === 'egress') attrs.push('style=dotted', 'color="#7f8c8d"', 'fontcolor="#7f8c8d"', 'constraint=false');
    if (e.ltail) attrs.push(`ltail=cluster_${e.ltail}`);
    if (e.lhead) attrs.push(`lhead=cluster_${e.lhead}`);
    out.push(`  ${e.from} -> ${e.to} [${attrs.join(', ')}];`);
  }
  out.push('}');
  return `${out.join('\n')}\n`;
}

export const dotHash = (dot: string) => createHash('sha256').update(dot).digest('hex');

/** Graphviz (WebAssembly, in-process) → SVG, stamped with the hash of its DOT source. */
export async function renderSvg(dot: string): Promise<string> {
  const { Graphviz } = require('@hpcc-js/wasm-graphviz') as typeof import('@hpcc-js/wasm-graphviz');
  const gv = await Graphviz.load();
  const svg = gv.dot(dot);
  return svg.replace(/<svg /, `<!-- dot-sha256: ${dotHash(dot)} (regenerate: npm run diagram) -->\n<svg `);
}

/** `tcp 443`, `tcp 5432` and `udp 53` become `tcp 443, 5432, udp 53`: one protocol word per protocol, ports in numeric order. */
function mergePortLabels(labels: string[]): string {
  const byProto = new Map<string, string[]>();
  const other: string[] = [];
  for (const l of labels) {
    const m = /^(tcp|udp|icmp|any) (\d[\d, -]*)$/.exec(l);
    if (!m) {
      other.push(l);
      continue;
    }
    const list = byProto.get(m[1]) ?? [];
    list.push(...m[2].split(', '));
    byProto.set(m[1], list);
  }
  const num = (p: string) => Number(p.split('-')[0]);
  const merged = [...byProto.keys()].sort().map((proto) => `${proto} ${[...new Set(byProto.get(proto))].sort((a, b) => num(a) - num(b)).join(', ')}`);
  return [...merged, ...other.sort()].join(', ');
}
