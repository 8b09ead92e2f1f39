import { AnnotationMetadataEntryType, App, TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { checkApp, finishApp } from '../policy/synth';
import { adviseStacks } from './advice';
import { stateLocationOf } from './backend';
import { errorLines, validationMessages } from './validation';

/** One error of an app: the stack (or architecture module) it belongs to, and its one-line message. */
export interface AppError {
  /** Stack id, or the name of the architecture module when the error has no stack. */
  readonly source: string;
  /** `<construct path>: <rule> (got <value>)` for library rules. */
  readonly message: string;
}

/** Thrown by {@link synthApp} when the app has errors; its message is the grouped report. */
export class SynthError extends Error {
  constructor(public readonly errors: readonly AppError[]) {
    super(formatReport(errors));
    this.name = 'SynthError';
  }
}

/** An architecture module: adds its stacks to the app (`addStockwizStacks(app)`). */
export type StackBuilder = (app: App) => void;

const constructionErrors = new WeakMap<App, AppError[]>();

/**
 * Calls each architecture module in turn. An error thrown while one builds its
 * stacks is kept (reported by {@link synthApp} with every other error) instead of
 * stopping the app, so one architecture's mistake does not hide the others'.
 */
export function buildStacks(app: App, builders: readonly StackBuilder[]): void {
  for (const build of builders) {
    try {
      build(app);
    } catch (e) {
      const list = constructionErrors.get(app) ?? [];
      const stackIds = new Set(stacksOf(app).map((s) => s.node.id));
      const name = build.name || 'stack builder';
      for (const line of errorLines(e)) {
        const head = line.split('/')[0].split(':')[0];
        list.push({ source: stackIds.has(head) ? head : name, message: stackIds.has(head) ? line : `${name}: construction stopped: ${line}` });
      }
      constructionErrors.set(app, list);
    }
  }
}

function stacksOf(app: App): TerraformStack[] {
  return app.node.children.filter((c): c is TerraformStack => c instanceof TerraformStack);
}

/**
 * Every error of the app, each once: errors kept by {@link buildStacks}, then
 * the validation failures of every construct of every stack, in stack order.
 */
export function appErrors(app: App): AppError[] {
  const out: AppError[] = [...(constructionErrors.get(app) ?? [])];
  for (const stack of stacksOf(app)) {
    for (const message of validationMessages(stack)) out.push({ source: stack.node.id, message });
  }
  const owners = new Map<string, string>();
  for (const stack of stacksOf(app)) {
    const where = stateLocationOf(stack);
    if (where === undefined) continue;
    const first = owners.get(where);
    if (first === undefined) owners.set(where, stack.node.id);
    else out.push({ source: stack.node.id, message: `${stack.node.id}: state location must be unique in the app, ${first} already uses it (got "${where}")` });
  }
  const seen = new Set<string>();
  const unique = out.filter((e) => !seen.has(e.message) && seen.add(e.message) !== undefined);
  // Stacks in the order the app created them, then errors that belong to no stack.
  const order = stacksOf(app).map((s) => s.node.id);
  const rank = (e: AppError) => (order.includes(e.source) ? order.indexOf(e.source) : order.length);
  return unique.map((e, i) => ({ e, i })).sort((a, b) => rank(a.e) - rank(b.e) || a.i - b.i).map(({ e }) => e);
}

/** The grouped report: a header, then each stack's errors, one line each. */
export function formatReport(errors: readonly AppError[]): string {
  const groups = new Map<string, string[]>();
  for (const e of errors) groups.set(e.source, [...(groups.get(e.source) ?? []), e.message]);
  const head = `synth aborted, nothing was written: ${errors.length} error${errors.length === 1 ? '' : 's'} in ${groups.size} stack${groups.size === 1 ? '' : 's'}`;
  return [head, ...[...groups].flatMap(([source, lines]) => [`${source}:`, ...lines.map((l) => `  ${l}`)])].join('\n');
}

/** Warnings added with `Annotations.of(scope).addWarning(...)` anywhere in the app, one line each (`<path>: <message>`). */
export function appWarnings(app: App): string[] {
  const out = new Set<string>();
  for (const c of app.node.findAll() as IConstruct[]) {
    for (const m of c.node.metadata) {
      if (m.type === AnnotationMetadataEntryType.WARN) out.add(`${c.node.path}: ${String(m.data)}`);
    }
  }
  return [...out];
}

export interface SynthAppOptions {
  /**
   * On errors, print the report to stderr and exit with status 1 instead of
   * throwing a {@link SynthError} (whose stack trace would bury the report). For `main.ts`.
   * @default false
   */
  readonly exitOnError?: boolean;
}

/**
 * Validates every stack of the app before writing anything, then synthesizes.
 * Every error of every stack is reported at once, each once, one line each,
 * grouped by stack; if there is any, `cdktf.out` is not touched. Warnings are
 * printed to stderr, one line each.
 */
export function synthApp(app: App, options: SynthAppOptions = {}): void {
  // Policy packs (when `Policy.enable(app, ...)` turned them on) run the aspects and read every stack's
  // resolved JSON once; their errors reach appErrors through each stack's validation, their reports follow the synth.
  const reports = checkApp(app);
  const errors = appErrors(app);
  adviseStacks(app);
  const warnings = appWarnings(app);
  if (warnings.length > 0) process.stderr.write(`${warnings.map((w) => `warning: ${w}`).join('\n')}\n`);
  if (errors.length > 0) {
    const err = new SynthError(errors);
    if (!options.exitOnError) throw err;
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  }
  app.synth();
  if (reports) finishApp(app, reports);
}
