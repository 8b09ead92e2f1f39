/*
 * The synthesized Terraform JSON of every stack, as a small graph model the
 * generators (diagram, envdiff, cost) read. Nothing here knows a stack: it
 * works on any `cdk.tf.json`.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** One stack's synthesized Terraform JSON (`cdktf.out/stacks/<stack>/cdk.tf.json`). */
export interface TfJson {
  resource?: Record<string, Record<string, Record<string, unknown>>>;
  data?: Record<string, Record<string, Record<string, unknown>>>;
  provider?: Record<string, Array<Record<string, unknown>>>;
  [k: string]: unknown;
}

export interface Ref {
  /** dotted attribute path where the reference appears, e.g. `vpc_config.subnet_ids` */
  attr: string;
  /** referenced resource address `type.name` */
  target: string;
}

export interface Resource {
  type: string;
  name: string;
  /** `type.name` */
  addr: string;
  /** construct path without the stack name, e.g. `Vpc/PublicSubnet1` */
  path: string;
  attrs: Record<string, unknown>;
  refs: Ref[];
}

export type Cloud = 'aws' | 'azure' | 'other';

export interface Stack {
  name: string;
  /** `canalco` for `canalco-prod`; the stack name when it has no environment suffix */
  arch: string;
  /** `prod` for `canalco-prod`; undefined for single stacks like `tfstate-aws` */
  env?: string;
  cloud: Cloud;
  region: string;
  resources: Resource[];
  byAddr: Map<string, Resource>;
  /** addr → resources referencing it */
  referrers: Map<string, Resource[]>;
}

/** Environment names recognised as the last `-` part of a stack name (DESIGN.md's contract). */
export const ENVIRONMENTS = ['dev', 'test', 'qa', 'uat', 'staging', 'prod'];

export function splitStackName(name: string): { arch: string; env?: string } {
  const i = name.lastIndexOf('-');
  if (i > 0 && ENVIRONMENTS.includes(name.slice(i + 1))) return { arch: name.slice(0, i), env: name.slice(i + 1) };
  return { arch: name };
}

const REF_RE = /(?<![\w.])((?:aws|azurerm|azuread|random|tls|time|null|archive)_[a-z0-9_]+)\.([A-Za-z_][\w-]*)/g;

/** Every `${type.name...}` reference inside a string, except `data.` sources. */
export function refsIn(s: string): string[] {
  const out: string[] = [];
  if (!s.includes('${')) return out;
  for (const seg of s.split('${').slice(1)) {
    const body = seg.split('}')[0];
    for (const m of body.matchAll(REF_RE)) out.push(`${m[1]}.${m[2]}`);
  }
  return out;
}

function collectRefs(v: unknown, at: string, out: Ref[]): void {
  if (typeof v === 'string') {
    for (const t of refsIn(v)) out.push({ attr: at, target: t });
  } else if (Array.isArray(v)) {
    for (const x of v) collectRefs(x, at, out);
  } else if (v && typeof v === 'object') {
    for (const k of Object.keys(v as object).sort()) {
      if (k === '//') continue;
      collectRefs((v as Record<string, unknown>)[k], at ? `${at}.${k}` : k, out);
    }
  }
}

/** Value at a dotted path, looking through single-element arrays (cdktf writes blocks either way). */
export function get(obj: unknown, dotted: string): unknown {
  let cur: unknown = obj;
  for (const part of dotted.split('.')) {
    if (Array.isArray(cur)) cur = cur[0];
    if (!cur || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

export function str(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

export function buildStack(name: string, json: TfJson): Stack {
  const { arch, env } = splitStackName(name);
  const resources: Resource[] = [];
  for (const type of Object.keys(json.resource ?? {}).sort()) {
    const block = json.resource![type];
    for (const rname of Object.keys(block).sort()) {
      const attrs = block[rname];
      const meta = (attrs['//'] as { metadata?: { path?: string } } | undefined)?.metadata;
      const p = (meta?.path ?? rname).split('/').slice(1).join('/');
      const refs: Ref[] = [];
      collectRefs(attrs, '', refs);
      resources.push({ type, name: rname, addr: `${type}.${rname}`, path: p, attrs, refs });
    }
  }
  const byAddr = new Map(resources.map((r) => [r.addr, r]));
  for (const r of resources) r.refs = r.refs.filter((x) => byAddr.has(x.target) && x.target !== r.addr);
  const referrers = new Map<string, Resource[]>();
  for (const r of resources) {
    for (const t of new Set(r.refs.map((x) => x.target))) {
      if (!referrers.has(t)) referrers.set(t, []);
      referrers.get(t)!.push(r);
    }
  }
  const providers = Object.keys(json.provider ?? {});
  const cloud: Cloud = providers.includes('aws') ? 'aws' : providers.includes('azurerm') ? 'azure' : 'other';
  let region = '';
  if (cloud === 'aws') region = str(get(json.provider!.aws, 'region')) ?? '';
  if (cloud === 'azure') {
    const locs = resources.map((r) => str(r.attrs.location)).filter((x): x is string => !!x && !x.includes('${'));
    region = mostCommon(locs) ?? '';
  }
  return { name, arch, env, cloud, region: region.toLowerCase().replace(/\s+/g, ''), resources, byAddr, referrers };
}

function mostCommon(xs: string[]): string | undefined {
  const c = new Map<string, number>();
  for (const x of xs) c.set(x, (c.get(x) ?? 0) + 1);
  return [...c.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
}

/** Reads `<dir>/stacks/<stack>/cdk.tf.json` for every stack, sorted by name. */
export function readSynthDir(dir: string): Map<string, TfJson> {
  const out = new Map<string, TfJson>();
  const stacksDir = path.join(dir, 'stacks');
  for (const s of fs.readdirSync(stacksDir).sort()) {
    const f = path.join(stacksDir, s, 'cdk.tf.json');
    if (fs.existsSync(f)) out.set(s, JSON.parse(fs.readFileSync(f, 'utf8')) as TfJson);
  }
  return out;
}

/**
 * Synthesizes the app (`main.ts`) in this process into a scratch directory and
 * returns every stack's JSON. Whatever stacks main.ts builds are included.
 */
export function synthInProcess(root = path.resolve(__dirname, '..', '..')): Map<string, TfJson> {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'docs-synth-'));
  const saved = process.env.CDKTF_OUTDIR;
  const cwd = process.cwd();
  process.env.CDKTF_OUTDIR = out;
  try {
    process.chdir(root);
    require(path.join(root, 'main.ts'));
    return readSynthDir(out);
  } finally {
    process.chdir(cwd);
    if (saved === undefined) delete process.env.CDKTF_OUTDIR;
    else process.env.CDKTF_OUTDIR = saved;
    fs.rmSync(out, { recursive: true, force: true });
  }
}

export function buildStacks(jsons: Map<string, TfJson>): Stack[] {
  return [...jsons.entries()].sort((a, b) => a[0].localeCompare(b[0])).map(([n, j]) => buildStack(n, j));
}

/** Architectures with their stacks in environment order (dev, test, qa, uat, staging, prod). */
export function architectures(stacks: Stack[]): Map<string, Stack[]> {
  const m = new Map<string, Stack[]>();
  for (const s of stacks) {
    if (!m.has(s.arch)) m.set(s.arch, []);
    m.get(s.arch)!.push(s);
  }
  for (const v of m.values()) v.sort((a, b) => ENVIRONMENTS.indexOf(a.env ?? '') - ENVIRONMENTS.indexOf(b.env ?? ''));
  return new Map([...m.entries()].sort((a, b) => a[0].localeCompare(b[0])));
}
