import { App, IAspect, Aspects, TerraformResource, TerraformStack } from 'cdktf';
import * as cdktfTokens from 'cdktf/lib/_tokens';
import { IConstruct } from 'constructs';
import { Finding, PolicyPack, PolicyRule, ResourceView, RuleContext, Stage, StackReport, Suppression, Violation } from './types';
import { formatValue } from '../core/validation';

/** Options of `Policy.enable`. */
export interface PolicyOptions {
  /** Packs to run, e.g. `[AWS_PACK, AZURE_PACK]`. */
  readonly packs: readonly PolicyPack[];
  /**
   * Your own rules, run with the packs.
   * @default none
   */
  readonly rules?: readonly PolicyRule[];
  /**
   * Print one line per warning and the summary table at the end of synth.
   * @default true
   */
  readonly print?: boolean;
}

const MIN_REASON = 10;
const suppressions = new WeakMap<IConstruct, Suppression[]>();
const configs = new WeakMap<IConstruct, PolicyOptions>();

interface StackState {
  stage?: Stage;
  settings: Record<string, unknown>;
  report?: StackReport;
  /** Construct count when the report and JSON were taken (a changed tree invalidates both). */
  constructs?: number;
}
const stackStates = new WeakMap<TerraformStack, StackState>();

function stateOf(stack: TerraformStack): StackState {
  let s = stackStates.get(stack);
  if (!s) stackStates.set(stack, (s = { settings: {} }));
  return s;
}

/** Per-stack policy settings: `Policy.of(stack).stage = 'production'`. */
export class StackPolicy {
  constructor(private readonly stack: TerraformStack) {}

  /**
   * The stage the stack is held to.
   * @default the stack's own typed `stage` property when it has one
   *   (`'production'` or `'prod'` -> production), else the cdktf context key
   *   `policy:stage`, else environment name `prod`/`production` -> production.
   */
  get stage(): Stage {
    const set = stateOf(this.stack).stage;
    if (set) return set;
    const typed = (this.stack as unknown as { stage?: unknown }).stage;
    if (typeof typed === 'string') return normalizeStage(typed);
    const ctx = this.stack.node.tryGetContext('policy:stage');
    if (typeof ctx === 'string') return normalizeStage(ctx);
    const env = (this.stack as unknown as { environment?: unknown }).environment;
    return typeof env === 'string' && /^prod(uction)?$/i.test(env) ? 'production' : 'non-production';
  }

  set stage(stage: Stage) {
    stateOf(this.stack).stage = stage;
  }

  /** Settings rules may read (e.g. `{ privateEndpoints: true }` for AZ-NET-003). */
  get settings(): Record<string, unknown> {
    return stateOf(this.stack).settings;
  }
}

function normalizeStage(s: string): Stage {
  return /^prod(uction)?$/i.test(s) ? 'production' : 'non-production';
}

/**
 * Indexes a stack's provider resources by address while aspects run, so
 * findings map back to constructs (and their suppressions).
 */
class PolicyAspect implements IAspect {
  public readonly index = new Map<string, IConstruct>();
  visit(node: IConstruct): void {
    if (node instanceof TerraformResource) this.index.set(`${node.terraformResourceType}.${node.friendlyUniqueId}`, node);
  }
}
const aspects = new WeakMap<TerraformStack, PolicyAspect>();

/** Synth-time policy packs: enable, suppress, evaluate. */
export class Policy {
  /**
   * Turns the packs on for every stack of `app` (stacks created later too,
   * when the app is synthesized with `synthApp`).
   */
  static enable(app: App, options: PolicyOptions): void {
    configs.set(app, options);
    Policy.attach(app);
  }

  /** The options `enable` registered on the app, if any. */
  static optionsOf(app: IConstruct): PolicyOptions | undefined {
    return configs.get(app.node.root);
  }

  /** Adds the aspect and the validation to every stack of the app that has none yet. */
  static attach(app: App): void {
    if (!configs.has(app)) return;
    for (const stack of app.node.findAll().filter((c): c is TerraformStack => c instanceof TerraformStack)) {
      if (aspects.has(stack)) continue;
      const aspect = new PolicyAspect();
      aspects.set(stack, aspect);
      Aspects.of(stack).add(aspect);
      // With a plain app.synth() the packs still run, per stack, after the aspects and before the stack is written.
      stack.node.addValidation({ validate: () => (aspect.index.size > 0 ? [...Policy.evaluate(stack).errors] : []) });
    }
  }

  /** Per-stack settings (stage). */
  static of(stack: TerraformStack): StackPolicy {
    return new StackPolicy(stack);
  }

  /**
   * Excuses `construct` and everything under it from one of our rules (and
   * the checkov ids the rule maps to). The reason is required (>= 10
   * characters) and goes into the report; a suppression that excuses nothing
   * is a warning.
   */
  static suppress(construct: IConstruct, ruleId: string, reason: string): void {
    Policy.addSuppression(construct, 'rule', ruleId, reason);
  }

  /**
   * Excuses `construct` and everything under it from a checkov check (for
   * checks no rule of ours covers, or to keep checkov's wording); goes into
   * the generated `.checkov-skips`, and also excuses every rule of ours that
   * maps to that checkov id.
   */
  static suppressCheckov(construct: IConstruct, checkovId: string, reason: string): void {
    if (!/^CKV2?_[A-Z0-9]+_\d+$/.test(checkovId)) throw new Error(`${construct.node.path}: Policy.suppressCheckov needs a checkov id such as CKV_AZURE_33 (got ${formatValue(checkovId)})`);
    Policy.addSuppression(construct, 'checkov', checkovId, reason);
  }

  private static addSuppression(construct: IConstruct, kind: 'rule' | 'checkov', id: string, reason: string): void {
    if (typeof reason !== 'string' || reason.trim().length < MIN_REASON) {
      throw new Error(`${construct.node.path}: suppression of ${id} needs a reason of at least ${MIN_REASON} characters (got ${formatValue(reason)})`);
    }
    const list = suppressions.get(construct) ?? [];
    list.push({ kind, id, reason: reason.trim(), construct });
    suppressions.set(construct, list);
  }

  /** Suppressions declared on `construct` itself. */
  static suppressionsOn(construct: IConstruct): readonly Suppression[] {
    return suppressions.get(construct) ?? [];
  }

  /** Every suppression declared on `scope` or below, in tree order. */
  static suppressionsUnder(scope: IConstruct): Suppression[] {
    const out: Suppression[] = [];
    for (const c of scope.node.findAll()) out.push(...(suppressions.get(c) ?? []));
    return out;
  }

  /** The rules in force for a stack: packs of the app's options (or `options`), plus custom rules. */
  static rulesFor(stack: TerraformStack, options?: PolicyOptions): PolicyRule[] {
    const o = options ?? configs.get(stack.node.root);
    if (!o) return [];
    const rules = [...o.packs.flatMap((p) => p.rules), ...(o.rules ?? [])];
    const seen = new Set<string>();
    for (const r of rules) {
      if (seen.has(r.id)) throw new Error(`policy: rule id ${r.id} is defined twice`);
      seen.add(r.id);
    }
    return rules;
  }

  /**
   * Evaluates the rules over the stack's synthesized resources. The result is
   * cached while the tree does not change, and the resolved JSON is handed to
   * the next `stack.toTerraform()` call, so enabling the packs does not resolve
   * the stack twice.
   */
  static evaluate(stack: TerraformStack, options?: PolicyOptions): StackReport {
    const state = stateOf(stack);
    const count = stack.node.findAll().length;
    if (!options && state.report && state.constructs === count) return state.report;
    const json = (options ? stack.toTerraform() : toTerraformPreparing(stack)) as TfJson;
    const report = evaluateJson(stack, json, Policy.rulesFor(stack, options), options?.packs ?? configs.get(stack.node.root)?.packs ?? []);
    if (!options) {
      state.report = report;
      state.constructs = count;
      memoizeToTerraform(stack, json, count);
    }
    return report;
  }
}

/**
 * `stack.toTerraform()` with every resolve in cdktf's preparing mode, i.e. the resolve that
 * `app.synth()` runs first in `stack.prepareStack()` and the one `toTerraform` runs, in one pass.
 * Preparing only differs for a reference to another stack's resource (cdktf then adds the output
 * and remote state the reference needs, and the reference resolves to them); anything else resolves
 * to the same value. When such a reference adds constructs, the construct count changes and both
 * memos below fall back to cdktf's own passes.
 */
function toTerraformPreparing(stack: TerraformStack): unknown {
  const mod = cdktfTokens as { resolve: typeof cdktfTokens.resolve };
  const resolve = mod.resolve;
  if (typeof resolve !== 'function') return stack.toTerraform();
  try {
    mod.resolve = (scope, obj) => resolve(scope, obj, true);
  } catch {
    return stack.toTerraform(); // a read-only module namespace: resolve twice, as cdktf does
  }
  try {
    return stack.toTerraform();
  } finally {
    mod.resolve = resolve;
  }
}

/**
 * The next toTerraform() of an unchanged tree returns `json` instead of resolving again, and the
 * next prepareStack() of an unchanged tree skips its resolve pass, which `json`'s preparing resolve
 * already was ({@link toTerraformPreparing}): ~0.6 s of a whole-app synth.
 */
function memoizeToTerraform(stack: TerraformStack, json: unknown, count: number): void {
  const proto = Object.getPrototypeOf(stack) as { toTerraform: () => unknown; prepareStack: () => void };
  const self = stack as unknown as { toTerraform?: () => unknown; prepareStack?: () => void };
  self.toTerraform = function (this: TerraformStack) {
    delete self.toTerraform;
    return this.node.findAll().length === count ? json : proto.toTerraform.call(this);
  };
  self.prepareStack = function (this: TerraformStack) {
    delete self.prepareStack;
    if (this.node.findAll().length !== count) return proto.prepareStack.call(this);
    this.ensureBackendExists();
  };
}

interface ActiveSuppression extends Suppression {
  used: boolean;
  path: string;
}

type TfJson = { resource?: Record<string, Record<string, Record<string, unknown>>> };

/** Resource views of a synthesized stack and the context rules get. */
function buildContext(json: TfJson, opts: { stackPath: string; stage: Stage; settings: Record<string, unknown>; index?: Map<string, IConstruct>; stack?: TerraformStack }) {
  const resources: ResourceView[] = [];
  const byType = new Map<string, ResourceView[]>();
  for (const [type, byName] of Object.entries(json.resource ?? {})) {
    const list: ResourceView[] = [];
    for (const [name, attrs] of Object.entries(byName)) {
      const meta = (attrs['//'] as { metadata?: { path?: string } } | undefined)?.metadata;
      const address = `${type}.${name}`;
      const view: ResourceView = { type, name, address, path: meta?.path ?? `${opts.stackPath}/${name}`, attrs, construct: opts.index?.get(address) };
      list.push(view);
      resources.push(view);
    }
    byType.set(type, list);
  }
  // References: one pass over every resource's strings, address -> [referencing resources].
  let refIndex: Map<string, ResourceView[]> | undefined;
  const referencedBy = (target: ResourceView) => {
    if (!refIndex) {
      refIndex = new Map();
      for (const r of resources) {
        const found = new Set<string>();
        collectRefs(r.attrs, found);
        for (const a of found) {
          const l = refIndex.get(a);
          if (l) l.push(r);
          else refIndex.set(a, [r]);
        }
      }
    }
    return refIndex.get(target.address) ?? [];
  };
  const ctx: RuleContext = {
    stack: opts.stack,
    stage: opts.stage,
    resources,
    byType: (t) => byType.get(t) ?? [],
    referencing: (target, type, attr) => {
      const types = typeof type === 'string' ? [type] : type;
      return referencedBy(target).filter((r) => types.includes(r.type) && (!attr || JSON.stringify(r.attrs[attr] ?? '').includes(`${target.address}.`)));
    },
    referencedBy: (target) => referencedBy(target),
    settings: opts.settings,
  };
  return { resources, byType, ctx };
}

/** One failed check of `checkTerraform`. */
export interface RawViolation extends Violation {
  readonly ruleId: string;
  readonly address: string;
  readonly path: string;
}

/**
 * Runs rules over Terraform JSON (a synthesized `cdk.tf.json`), without
 * suppressions: for tests, and for checking JSON that cdktf did not produce.
 */
export function checkTerraform(json: TfJson, rules: readonly PolicyRule[], opts: { stage?: Stage; settings?: Record<string, unknown> } = {}): RawViolation[] {
  const stage = opts.stage ?? 'non-production';
  const { byType, ctx } = buildContext(json, { stackPath: 'stack', stage, settings: opts.settings ?? {} });
  const out: RawViolation[] = [];
  for (const rule of rules) {
    if (rule.stage && rule.stage !== stage) continue;
    for (const type of rule.resourceTypes) {
      for (const r of byType.get(type) ?? []) {
        const res = rule.check(r, ctx);
        if (!res) continue;
        for (const v of Array.isArray(res) ? res : [res as Violation]) out.push({ ruleId: rule.id, address: r.address, path: r.path, ...v });
      }
    }
  }
  return out;
}

function evaluateJson(stack: TerraformStack, json: TfJson, rules: PolicyRule[], packs: readonly PolicyPack[]): StackReport {
  const stage = Policy.of(stack).stage;
  const { resources, byType, ctx } = buildContext(json, { stackPath: stack.node.path, stage, settings: Policy.of(stack).settings, index: aspects.get(stack)?.index, stack });

  // Suppressions by path, for the walk up from each resource's construct path.
  const all: ActiveSuppression[] = Policy.suppressionsUnder(stack).map((s) => ({ ...s, used: false, path: s.construct.node.path }));
  const byPath = new Map<string, ActiveSuppression[]>();
  for (const s of all) {
    const l = byPath.get(s.path);
    if (l) l.push(s);
    else byPath.set(s.path, [s]);
  }
  // A rule suppression names the rule; a checkov suppression also excuses every rule of ours that maps to that checkov id.
  const findSuppression = (path: string, rule: PolicyRule) => {
    for (let p = path; p; p = p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '') {
      const here = byPath.get(p);
      const hit = here?.find((s) => s.kind === 'rule' && s.id === rule.id) ?? here?.find((s) => s.kind === 'checkov' && (rule.checkov ?? []).includes(s.id));
      if (hit) return hit;
    }
    return undefined;
  };

  const findings: Finding[] = [];
  const errors: string[] = [];
  const warnings: string[] = [];
  let checks = 0;
  for (const rule of rules) {
    if (rule.stage && rule.stage !== stage) continue;
    for (const type of rule.resourceTypes) {
      for (const r of byType.get(type) ?? []) {
        checks++;
        const out = rule.check(r, ctx);
        if (!out) continue;
        const violations: readonly Violation[] = Array.isArray(out) ? out : [out as Violation];
        for (const v of violations) {
          const message = `${rule.id} ${r.path}: ${rule.description} (got ${v.attribute}=${formatValue(v.value)}${v.detail ? `; ${v.detail}` : ''})`;
          const s = findSuppression(r.path, rule);
          if (s) s.used = true;
          findings.push({
            ruleId: rule.id,
            severity: rule.severity,
            address: r.address,
            path: r.path,
            result: s ? 'suppressed' : 'fail',
            message,
            fix: rule.fix,
            checkov: rule.checkov ?? [],
            attribute: v.attribute,
            value: v.value,
            suppression: s?.reason,
          });
          if (s) continue;
          if (rule.severity === 'error') errors.push(`${message}. Fix: ${rule.fix}`);
          else warnings.push(`warning ${message}. Fix: ${rule.fix}`);
        }
      }
    }
  }
  const known = new Map(rules.map((r) => [r.id, r]));
  // A suppression of a rule that does not run for this stage (production-only rules in dev) is not "unused".
  const applies = (s: ActiveSuppression) => s.kind === 'rule' && known.has(s.id) && (!known.get(s.id)!.stage || known.get(s.id)!.stage === stage);
  const unused = all.filter((s) => applies(s) && !s.used).map((s) => ({ id: s.id, path: s.path, reason: s.reason }));
  for (const s of all) if (s.kind === 'rule' && !known.has(s.id)) warnings.push(`warning ${s.path}: suppression of unknown rule ${s.id}`);
  for (const u of unused) warnings.push(`warning ${u.path}: suppression of ${u.id} is unused ("${u.reason}")`);
  const checkovSuppressions = all.flatMap((s) =>
    s.kind === 'checkov' ? [{ id: s.id, path: s.path, reason: s.reason }] : (known.get(s.id)?.checkov ?? []).map((id) => ({ id, path: s.path, reason: s.reason })),
  );
  return {
    stack: stack.node.id,
    stage,
    packs: packs.map((p) => p.name),
    rules: rules.filter((r) => !r.stage || r.stage === stage).length,
    resources: resources.length,
    checks,
    findings,
    unusedSuppressions: unused,
    checkovSuppressions,
    errors,
    warnings,
  };
}

const REF = /\$\{([a-z0-9_]+\.[A-Za-z0-9_-]+)\./g;
function collectRefs(v: unknown, out: Set<string>): void {
  if (typeof v === 'string') {
    if (v.includes('${')) for (const m of v.matchAll(REF)) out.add(m[1]);
  } else if (Array.isArray(v)) for (const x of v) collectRefs(x, out);
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) if (k !== '//') collectRefs(x, out);
}
