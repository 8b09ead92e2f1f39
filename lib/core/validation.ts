import { IConstruct } from 'constructs';

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
  ) {
    super(`${path}: ${rule} (got ${formatValue(value)})`);
    this.name = 'ValidationError';
  }
}

/** Formats a value for an error message: strings quoted, objects as JSON. */
export function formatValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') return JSON.stringify(value);
  try {
    return JSON.stringify(value);
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
}

/**
 * Runs a rule table against props and throws one {@link ValidationError} per
 * construct, listing every broken rule (the first one is the error's `rule`).
 */
export function validateProps<P>(scope: IConstruct, props: P, rules: readonly Rule<P>[]): void {
  const failures: ValidationError[] = [];
  for (const r of rules) {
    const bad = r.check(props);
    if (bad === undefined) continue;
    const text = typeof r.rule === 'function' ? r.rule(props) : r.rule;
    failures.push(new ValidationError(scope.node.path, text, bad));
  }
  if (failures.length === 1) throw failures[0];
  if (failures.length > 1) {
    const err = failures[0];
    err.message = failures.map((f) => f.message).join('\n');
    throw err;
  }
}

/** Throws a {@link ValidationError} for `scope` when `ok` is false. */
export function ensure(scope: IConstruct, ok: boolean, rule: string, value: unknown): void {
  if (!ok) throw new ValidationError(scope.node.path, rule, value);
}
