import { TerraformStack, Token } from 'cdktf';
import { IConstruct } from 'constructs';
import { PROP_KEYS } from './prop-keys.generated';
import { didYouMean } from './regions';

/**
 * Thrown when a construct receives input that would produce a broken or unsafe
 * deployment. The message always names the construct path, the offending value
 * and the rule it breaks, so the fix is obvious from the synth output.
 */
export class ValidationError extends Error {
  constructor(
    public readonly path: string,
    public readonly rule: string,
    public readonly value: unknown,
    /** A likely fix, e.g. the region name the value is a typo of. */
    public readonly hint?: string,
  ) {
    super(`${path}: ${rule} (got ${formatValue(value)})${hint === undefined ? '' : `; did you mean ${formatValue(hint)}?`}`);
    this.name = 'ValidationError';
  }
}

/** Formats a value for an error message: strings quoted, objects as JSON. */
export function formatValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') return JSON.stringify(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/**
 * One row of a construct's validation table: `check` returns `undefined` when
 * the props are fine, or the offending value when they break `rule`.
 *
 * Keep every rule of a construct in one `const RULES: Rule<Props>[]` table so
 * the rules can be read (and tested) in one place.
 */
export interface Rule<P> {
  /** Human-readable rule, e.g. `"subnet CIDR must lie inside the VPC CIDR 10.0.0.0/16"`. */
  readonly rule: string | ((props: P) => string);
  /** Returns the offending value, or `undefined` when the rule holds. May return several values. */
  readonly check: (props: P) => unknown;
  /** A likely fix for the offending value, added to the message as `; did you mean "<hint>"?`. */
  readonly hint?: (bad: unknown, props: P) => string | undefined;
}

/** Options of {@link validateProps}. */
export interface ValidateOptions {
  /**
   * Throw at once instead of reporting at synth. Use it only for checks the
   * construct's own construction cannot survive (it would crash or build
   * something meaningless); everything else is reported with every other
   * error of the app when it is validated.
   * @default false
   */
  readonly eager?: boolean;
}

/**
 * True when `value` is, or contains (in an array or a plain object, at any
 * depth), an unresolved Terraform token: a value only Terraform knows, which a
 * rule cannot judge.
 */
export function containsToken(value: unknown, seen = new Set<unknown>()): boolean {
  if (value === undefined || value === null) return false;
  if (Token.isUnresolved(value)) return true;
  if (typeof value !== 'object' || seen.has(value)) return false;
  seen.add(value);
  const items = Array.isArray(value) ? value : value instanceof Set ? [...value] : isPlain(value) ? Object.values(value) : [];
  return items.some((v) => containsToken(v, seen));
}

function isPlain(v: object): boolean {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/**
 * Runs a rule table against props and returns one {@link ValidationError} per
 * broken rule. A failure whose offending value is or contains an unresolved
 * token is skipped (the value is unknown until apply), and so is a check that
 * throws on props that contain a token; a check that throws otherwise is
 * reported as a failure of its rule.
 */
export function evaluateRules<P>(path: string, props: P, rules: readonly Rule<P>[]): ValidationError[] {
  const failures: ValidationError[] = [];
  for (const r of rules) {
    let bad: unknown;
    try {
      bad = r.check(props);
    } catch (e) {
      if (containsToken(props)) continue;
      bad = `<check failed: ${(e as Error).message}>`;
    }
    if (bad === undefined || containsToken(bad)) continue;
    let text: string;
    try {
      text = typeof r.rule === 'function' ? r.rule(props) : r.rule;
    } catch {
      text = '<rule text unavailable>';
    }
    let hint: string | undefined;
    try {
      hint = r.hint?.(bad, props);
    } catch {
      hint = undefined;
    }
    failures.push(new ValidationError(path, text, bad, hint));
  }
  return failures;
}

/**
 * Checks props against a rule table.
 *
 * By default the rules are evaluated now (against the props and the
 * construct's state at the call) and every failure is registered with
 * `scope.node.addValidation`, so construction goes on and the app reports the
 * failures of every construct of every stack together when it is validated
 * (`synthApp`, `app.synth()`, `stack.runAllValidations()`,
 * `Testing.synth(stack, true)`). With `{ eager: true }` the failures are thrown
 * at once as one {@link ValidationError} (listing every broken rule).
 */
export function validateProps<P>(scope: IConstruct, props: P, rules: readonly Rule<P>[], options: ValidateOptions = {}): void {
  noteRoot(scope);
  const failures = evaluateRules(scope.node.path, props, rules);
  if (failures.length === 0) return;
  if (options.eager) throwAll(failures);
  reportLater(scope, failures);
}

/**
 * A prop key the construct's `<Class>Props` interface does not have (`deletionProtecton`) would be ignored
 * silently: TypeScript catches it only in object literals it checks, never for JavaScript or `any` callers.
 * The known keys come from lib/core/prop-keys.generated.ts (`npm run prop-keys`); a class without a
 * `<Class>Props` entry, or a key whose value is `undefined`, is not checked. `requireProps` runs it on the
 * constructor's props (reported at synth with every other error).
 */
export function unknownPropErrors(scope: IConstruct, props: unknown): ValidationError[] {
  if (props === null || typeof props !== 'object' || Array.isArray(props)) return [];
  const className = scope.constructor.name;
  const known = PROP_KEYS[`${className}Props`];
  if (!known) return [];
  return Object.keys(props)
    .filter((k) => !known.includes(k) && (props as Record<string, unknown>)[k] !== undefined)
    .map((k) => new ValidationError(scope.node.path, `${className} has no prop of this name, so it would be ignored`, k, didYouMean(k, known)));
}

/** Registers failures with `scope.node.addValidation`, reported when the app is validated. */
export function reportLater(scope: IConstruct, failures: readonly ValidationError[]): void {
  noteRoot(scope);
  const messages = failures.map((f) => f.message);
  scope.node.addValidation({ validate: () => messages });
}

function throwAll(failures: readonly ValidationError[]): never {
  const err = failures[0];
  if (failures.length > 1) err.message = failures.map((f) => f.message).join('\n');
  throw err;
}

/** Throws a {@link ValidationError} for `scope` when `ok` is false (an eager check). */
export function ensure(scope: IConstruct, ok: boolean, rule: string, value: unknown): void {
  noteRoot(scope);
  if (!ok) throw new ValidationError(scope.node.path, rule, value);
}

/**
 * Eagerly checks that `props` is an object and that each of `names` is set
 * (not `undefined` or `null`), so a JavaScript or `any` caller that leaves out a
 * required prop gets `<path>: <prop> is required (got undefined)` instead of a
 * `TypeError` from deep inside the construct; and reports, at synth, every key
 * the construct's `<Class>Props` does not have (`unknownPropErrors`). Use it
 * first in the constructor, with the constructor's props (`[]` when none is required).
 */
export function requireProps<P>(scope: IConstruct, props: P, names: readonly (keyof P & string)[]): void {
  noteRoot(scope);
  if (props === undefined || props === null || typeof props !== 'object') {
    throw new ValidationError(scope.node.path, `props are required (${names.join(', ')})`, props);
  }
  const missing = names.filter((n) => props[n] === undefined || props[n] === null);
  if (missing.length > 0) {
    throwAll(missing.map((n) => new ValidationError(scope.node.path, `${n} is required`, props[n])));
  }
  const unknown = unknownPropErrors(scope, props);
  if (unknown.length > 0) reportLater(scope, unknown);
}

// --- shared value checks (each returns true when the value is acceptable; unresolved tokens are) ---

/** An integer in `[min, max]`, or an unresolved token. */
export function intInRange(value: unknown, min: number, max: number): boolean {
  if (Token.isUnresolved(value)) return true;
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

/** A TCP/UDP port, 1-65535 (or 0-65535 with `allowZero`), or an unresolved token. */
export function isPort(value: unknown, allowZero = false): boolean {
  return intInRange(value, allowZero ? 0 : 1, 65535);
}

const GUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A GUID such as an Azure subscription or tenant id, or an unresolved token. */
export function isGuid(value: unknown): boolean {
  if (Token.isUnresolved(value)) return true;
  return typeof value === 'string' && GUID_RE.test(value);
}

/** The first value that occurs twice in `values` (by `key`), or `undefined`; unresolved tokens are ignored. */
export function firstDuplicate<T>(values: readonly T[], key: (v: T) => unknown = (v) => v): T | undefined {
  const seen = new Set<unknown>();
  for (const v of values) {
    const k = key(v);
    if (containsToken(k)) continue;
    if (seen.has(k)) return v;
    seen.add(k);
  }
  return undefined;
}

// --- collecting errors (used by lib/core/app.ts and the tests) ---

let roots: Set<IConstruct> | undefined;

function noteRoot(scope: IConstruct): void {
  roots?.add(scope.node.root);
}

/**
 * Runs `build` and returns every error it produced, each once: the error it
 * threw (if any) and the validation failures of every construct tree it
 * touched (deferred {@link validateProps} failures and any other
 * `node.addValidation`), one message per line. Construct trees built by
 * `build` are found through the validation calls made in them, or given as
 * `scopes`.
 */
export function collectErrors(build: () => unknown, scopes: readonly IConstruct[] = []): string[] {
  const outer = roots;
  roots = new Set(scopes.map((s) => s.node.root));
  const errors: string[] = [];
  try {
    try {
      build();
    } catch (e) {
      errors.push(...errorLines(e));
    }
    for (const root of roots) errors.push(...validationMessages(root));
  } finally {
    if (outer) for (const r of roots) outer.add(r);
    roots = outer;
  }
  return [...new Set(errors)];
}

/** The message lines of a thrown value (no stack trace). */
export function errorLines(e: unknown): string[] {
  if (e instanceof ValidationError) return e.message.split('\n');
  if (e instanceof Error) return [`${e.name && e.name !== 'Error' ? `${e.name}: ` : ''}${e.message}`];
  return [String(e)];
}

/**
 * Every validation message of `scope` and its descendants, each prefixed with
 * the construct path unless it already starts with it. The messages of a
 * construct inside one that already failed are left out: an L2 builds its
 * children from its own props, so their failures repeat the parent's mistake
 * in other words (a bad BackupPlan name also makes its role name bad). A
 * stack's own failures do not hide its constructs'.
 */
export function validationMessages(scope: IConstruct): string[] {
  const out: string[] = [];
  const failed: string[] = [];
  for (const c of scope.node.findAll()) {
    const path = c.node.path;
    if (failed.some((f) => path.startsWith(`${f}/`))) continue;
    let messages: string[];
    try {
      messages = c.node.validate();
    } catch (e) {
      messages = errorLines(e);
    }
    // A stack's own failures (its props, its provider) say nothing about its constructs.
    if (messages.length > 0 && path !== '' && !TerraformStack.isStack(c)) failed.push(path);
    for (const m of messages) {
      for (const line of m.split('\n')) {
        // Lines that already name a construct under this path (`<path>: …`, or a policy finding `<RULE-ID> <path>/…: …`) stay as they are.
        const named = path === '' || line.startsWith(path) || line.includes(` ${path}/`) || line.includes(` ${path}: `);
        out.push(named ? line : `${path}: ${line}`);
      }
    }
  }
  return [...new Set(out)];
}
