import { PolicyRule, ResourceView, RuleContext, Severity, Stage, Violation } from './types';

/** Reads a dotted path (`a.0.b`) from synthesized attributes; blocks are lists, so `0` picks the first. */
export function get(attrs: unknown, path: string): unknown {
  let cur: unknown = attrs;
  for (const part of path.split('.')) {
    if (cur === null || cur === undefined) return undefined;
    if (/^\d+$/.test(part) && !Array.isArray(cur)) continue; // a single block synthesizes as an object
    if (Array.isArray(cur) && !/^\d+$/.test(part)) cur = cur[0];
    if (cur === null || cur === undefined || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

/** A Terraform expression or reference (`${...}`): unknown at synth, counts as set. */
export function isExpression(v: unknown): boolean {
  return typeof v === 'string' && v.includes('${');
}

/** Set: present, not null, not an empty string/list/object. References count as set. */
export function isSet(v: unknown): boolean {
  if (v === undefined || v === null || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v as object).length > 0;
  return true;
}

/** True, `"true"`, or an expression (unknown counts as compliant). */
export function isTrue(v: unknown): boolean {
  return v === true || v === 'true' || isExpression(v);
}

/** Explicitly false (`false` / `"false"`). */
export function isFalse(v: unknown): boolean {
  return v === false || v === 'false';
}

/** A number, a numeric string, or undefined (expressions give undefined). */
export function num(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '' && !isNaN(Number(v))) return Number(v);
  return undefined;
}

/** Every string in a value (deep), for reference searches. */
export function strings(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) for (const x of v) strings(x, out);
  else if (v && typeof v === 'object') for (const x of Object.values(v)) strings(x, out);
  return out;
}

/** `${aws_s3_bucket.x.` appears in `v` (deep). */
export function references(v: unknown, target: ResourceView): boolean {
  const needle = `${target.address}.`;
  return strings(v).some((s) => s.includes(needle));
}

/** Parses a JSON policy document string; undefined when it is an expression or not JSON. */
export function parsePolicy(v: unknown): { Statement?: unknown } | undefined {
  if (typeof v !== 'string') return v && typeof v === 'object' ? (v as { Statement?: unknown }) : undefined;
  try {
    return JSON.parse(v);
  } catch {
    return undefined;
  }
}

/** Statements of a policy document, always as a list. */
export function statements(doc: { Statement?: unknown } | undefined): Record<string, unknown>[] {
  const s = doc?.Statement;
  if (!s) return [];
  return (Array.isArray(s) ? s : [s]) as Record<string, unknown>[];
}

/** A value or list as a list of strings. */
export function list(v: unknown): string[] {
  if (v === undefined || v === null) return [];
  return (Array.isArray(v) ? v : [v]).map((x) => String(x));
}

/** Common rule shape: a violation when `bad(attrs)` returns `[attribute, value]`. */
export interface RuleSpec {
  id: string;
  severity?: Severity;
  types: string | readonly string[];
  description: string;
  fix: string;
  checkov?: string | readonly string[];
  stage?: Stage;
  check: (r: ResourceView, ctx: RuleContext) => Violation | readonly Violation[] | undefined;
}

/** Builds a rule from a compact spec (severity defaults to `error`). */
export function rule(spec: RuleSpec): PolicyRule {
  return {
    id: spec.id,
    severity: spec.severity ?? 'error',
    resourceTypes: typeof spec.types === 'string' ? [spec.types] : spec.types,
    description: spec.description,
    fix: spec.fix,
    checkov: spec.checkov === undefined ? undefined : typeof spec.checkov === 'string' ? [spec.checkov] : spec.checkov,
    stage: spec.stage,
    check: spec.check,
  };
}

/** Violation when the attribute is not true (missing counts as a violation). */
export function requireTrue(attribute: string): RuleSpec['check'] {
  return (r) => {
    const v = get(r.attrs, attribute);
    return isTrue(v) ? undefined : { attribute, value: v };
  };
}

/** Violation when the attribute is explicitly false; missing passes (provider default is secure). */
export function forbidFalse(attribute: string): RuleSpec['check'] {
  return (r) => {
    const v = get(r.attrs, attribute);
    return isFalse(v) ? { attribute, value: v } : undefined;
  };
}

/** Violation when the attribute is true; missing passes unless `missingFails`. */
export function forbidTrue(attribute: string, missingFails = false): RuleSpec['check'] {
  return (r) => {
    const v = get(r.attrs, attribute);
    if (v === undefined) return missingFails ? { attribute, value: v } : undefined;
    return v === true || v === 'true' ? { attribute, value: v } : undefined;
  };
}

/** Violation when the attribute is not set. */
export function requireSet(attribute: string): RuleSpec['check'] {
  return (r) => {
    const v = get(r.attrs, attribute);
    return isSet(v) ? undefined : { attribute, value: v };
  };
}

/** Violation when the attribute is set to one of `bad` values (missing: `missingFails`). */
export function forbidValues(attribute: string, bad: readonly unknown[], missingFails = false): RuleSpec['check'] {
  return (r) => {
    const v = get(r.attrs, attribute);
    if (v === undefined) return missingFails ? { attribute, value: v } : undefined;
    return bad.includes(v) ? { attribute, value: v } : undefined;
  };
}

/** Violation unless the attribute is one of `good` (missing: `missingPasses`). Expressions pass. */
export function requireValues(attribute: string, good: readonly unknown[], missingPasses = false): RuleSpec['check'] {
  return (r) => {
    const v = get(r.attrs, attribute);
    if (v === undefined) return missingPasses ? undefined : { attribute, value: v };
    if (isExpression(v)) return undefined;
    return good.includes(v) ? undefined : { attribute, value: v };
  };
}

/** Violation when a numeric attribute is below `min` (missing: uses `whenMissing`). */
export function requireAtLeast(attribute: string, min: number, whenMissing?: number): RuleSpec['check'] {
  return (r) => {
    const raw = get(r.attrs, attribute);
    if (isExpression(raw)) return undefined;
    const v = raw === undefined ? whenMissing : num(raw);
    return v !== undefined && v >= min ? undefined : { attribute, value: raw };
  };
}

/** Violation when no resource of `types` references this one. */
export function requireCompanion(types: string | readonly string[], label: string): RuleSpec['check'] {
  return (r, ctx) => (ctx.referencing(r, types).length > 0 ? undefined : { attribute: label, value: undefined, detail: `no ${list(types).join(' / ')} references ${r.address}` });
}

/** `lifecycle.prevent_destroy` is true. */
export function preventDestroy(): RuleSpec['check'] {
  return requireTrue('lifecycle.prevent_destroy');
}

/** TLS version strings to comparable numbers: `TLS1_2` / `1.2` / `TLS1_2_2019` -> 1.2. */
export function tlsVersion(v: unknown): number | undefined {
  if (typeof v !== 'string') return typeof v === 'number' ? v : undefined;
  const m = /(\d)[._](\d)/.exec(v);
  return m ? Number(`${m[1]}.${m[2]}`) : undefined;
}

/** Violation when a TLS attribute is below 1.2 (missing: `missingPasses`). */
export function requireTls12(attribute: string, missingPasses = true): RuleSpec['check'] {
  return (r) => {
    const v = get(r.attrs, attribute);
    if (v === undefined) return missingPasses ? undefined : { attribute, value: v };
    if (isExpression(v)) return undefined;
    const n = tlsVersion(v);
    return n !== undefined && n >= 1.2 ? undefined : { attribute, value: v };
  };
}

/** Open to the world: `*`, `0.0.0.0/0`, `::/0`, `Internet`, `Any`. */
export function isWorld(v: unknown): boolean {
  return list(v).some((s) => ['*', '0.0.0.0/0', '::/0', 'internet', 'any', '0.0.0.0'].includes(s.toLowerCase()));
}

/** Ports considered web (open to the internet is expected): 80 and 443. */
export const WEB_PORTS: readonly number[] = [80, 443];

/** True when a port range `from..to` contains anything but the web ports. */
export function rangeBeyondWeb(from: number, to: number): boolean {
  if (from > to) return false;
  for (let p = from; p <= to; p++) if (!WEB_PORTS.includes(p)) return true;
  return false;
}

/** Parses an Azure port range (`*`, `22`, `1000-2000`) into [from, to]. */
export function azurePortRange(v: unknown): [number, number] | undefined {
  if (v === undefined || v === null) return undefined;
  const s = String(v).trim();
  if (s === '*') return [0, 65535];
  const m = /^(\d+)(?:-(\d+))?$/.exec(s);
  if (!m) return undefined;
  return [Number(m[1]), Number(m[2] ?? m[1])];
}
