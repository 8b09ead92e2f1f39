import { App, TerraformProvider, TerraformStack } from 'cdktf';

/**
 * Building only some stacks: `CDKTF_STACKS=stockwiz-dev npx cdktf deploy stockwiz-dev`.
 *
 * `CDKTF_STACKS` (or the cdktf context key `stacks`, e.g. `"context": { "stacks": "canalco" }` in
 * cdktf.json) lists stack names, architecture names or globs, separated by commas or spaces:
 *
 * - `stockwiz-dev`: that stack;
 * - `stockwiz`: every stack of the architecture (`stockwiz-dev`, `stockwiz-prod`), i.e. a plain name
 *   selects the stack of that name and every stack named `<name>-...`;
 * - `*-dev`, `canalco-*`: globs over stack names (`*` is any run of characters).
 *
 * Unset or empty means every stack (what `npx cdktf synth` always did).
 *
 * Two levels, so that building one stack costs about what that stack costs:
 * - main.ts guards each architecture with `selected('<architecture>')`: an architecture none of whose
 *   stacks can match is not constructed, and (through scripts/register.js, which loads the entry
 *   file's `stacks/` imports on first use) its modules are never even loaded;
 * - `selectStacks(app)` removes the constructed stacks that do not match (keeping the stacks they
 *   depend on) right before `app.synth()`, so `stockwiz-dev` alone is prepared and written.
 *
 * The parallel runner (scripts/synth.js) uses the same two hooks to give each worker its share of the
 * stacks (`CDKTF_SYNTH_WORKER`, set by the runner only).
 */
export const STACKS_ENV = 'CDKTF_STACKS';
export const STACKS_CONTEXT_KEY = 'stacks';
/** Set by scripts/synth.js for its workers: which architectures and stacks this worker builds. */
export const WORKER_ENV = 'CDKTF_SYNTH_WORKER';

/** The share of a parallel synth one worker builds (scripts/synth.js). */
export interface WorkerAssignment {
  readonly index: number;
  /** Architectures this worker constructs. */
  readonly architectures: readonly string[];
  /** Stacks this worker synthesizes. */
  readonly stacks: readonly string[];
  /** Every architecture and stack the runner's plan knows: anything else is new and worker 0 builds it. */
  readonly knownArchitectures: readonly string[];
  readonly knownStacks: readonly string[];
  /** For each architecture, the lowest worker index that builds it: that worker keeps its new (unplanned) stacks. */
  readonly owners: Readonly<Record<string, number>>;
}

/** What one run constructed and kept, read by scripts/synth.js to plan the next parallel run. */
export interface SelectionReport {
  /** Architectures in the order main.ts guards them, and whether each was constructed. */
  readonly architectures: { name: string; built: boolean }[];
  /** Every stack constructed, in construction order, with its construct count (the planner's cost). */
  readonly stacks: { name: string; constructs: number; kept: boolean; dependencies?: string[]; providers?: string[] }[];
  /** In a worker: the manifest entries this worker's stacks would have written. */
  manifest?: { version: string; stacks: Record<string, unknown> };
}

const REPORT = Symbol.for('cdktf-synth.selection-report');

/** The selection patterns from the environment or the context JSON the cdktf CLI passes; undefined = everything. */
export function requestedPatterns(env: NodeJS.ProcessEnv = process.env): string[] | undefined {
  let raw: unknown = env[STACKS_ENV];
  if (raw === undefined || raw === '') {
    try {
      const context = env.CDKTF_CONTEXT_JSON ? JSON.parse(env.CDKTF_CONTEXT_JSON) : {};
      raw = context[STACKS_CONTEXT_KEY];
    } catch {
      raw = undefined;
    }
  }
  const list = Array.isArray(raw) ? raw.map(String) : typeof raw === 'string' ? raw.split(/[\s,]+/) : [];
  const patterns = list.map((s) => s.trim()).filter((s) => s !== '');
  return patterns.length > 0 ? patterns : undefined;
}

function globRegex(pattern: string): RegExp {
  return new RegExp(`^${pattern.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
}

/** True when `pattern` selects the stack named `stack` (see the rules above). */
export function patternMatchesStack(pattern: string, stack: string): boolean {
  if (pattern.includes('*')) return globRegex(pattern).test(stack);
  return stack === pattern || stack.startsWith(`${pattern}-`);
}

/**
 * True when `pattern` may select a stack of `architecture` (named `<architecture>` or
 * `<architecture>-...`). Conservative for globs: building an architecture too many only costs time,
 * its stacks are still filtered by name.
 */
export function patternMayMatchArchitecture(pattern: string, architecture: string): boolean {
  if (pattern.includes('*')) {
    const literal = pattern.slice(0, pattern.indexOf('*'));
    const arch = `${architecture}-`;
    return arch.startsWith(literal) || literal.startsWith(arch) || globRegex(pattern).test(architecture);
  }
  return pattern === architecture || pattern.startsWith(`${architecture}-`) || architecture.startsWith(`${pattern}-`);
}

function workerAssignment(env: NodeJS.ProcessEnv = process.env): WorkerAssignment | undefined {
  const raw = env[WORKER_ENV];
  return raw ? (JSON.parse(raw) as WorkerAssignment) : undefined;
}

function report(): SelectionReport {
  const g = globalThis as unknown as Record<symbol, SelectionReport | undefined>;
  return (g[REPORT] ??= { architectures: [], stacks: [] });
}

/** The report of this process's run (read by scripts/synth.js after main.ts has run). */
export function selectionReport(): SelectionReport | undefined {
  return (globalThis as unknown as Record<symbol, SelectionReport | undefined>)[REPORT];
}

/**
 * Guard for one architecture in main.ts: `if (selected('stockwiz')) addStockwizStacks(app);`.
 * The name is the architecture's stack-name prefix (`stockwiz` for `stockwiz-dev`, `tfstate-aws`).
 */
export function selected(architecture: string): boolean {
  const worker = workerAssignment();
  let built: boolean;
  if (worker) {
    built = worker.architectures.includes(architecture) || (!worker.knownArchitectures.includes(architecture) && worker.index === 0);
  } else {
    const patterns = requestedPatterns();
    built = patterns === undefined || patterns.some((p) => patternMayMatchArchitecture(p, architecture));
  }
  report().architectures.push({ name: architecture, built });
  return built;
}

/** The architecture name of an `add<Architecture>Stack(s)` function: `addPersonalTechStacks` -> `personal-tech`. */
export function architectureOf(fn: { name: string }): string {
  const m = /^add(\w+?)Stacks?$/.exec(fn.name);
  if (!m) throw new Error(`architectureOf: ${fn.name || 'an anonymous function'} is not named add<Architecture>Stack(s)`);
  return m[1].replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}

/**
 * For a list of `add...Stacks` functions (e.g. `buildStacks(app, selectArchitectures([addA, addB]))`):
 * the ones whose architecture is selected, each named by `architectureOf`.
 */
export function selectArchitectures<F extends { name: string }>(fns: readonly F[]): F[];
/**
 * The same for a map of architecture name to builder, e.g.
 * `buildStacks(app, selectArchitectures({ stockwiz: (a) => addStockwizStacks(a), canalco: (a) => addCanalcoStacks(a) }))`:
 * the builders only name the `add...` functions inside their bodies, so an architecture that is not
 * selected does not even load its module (scripts/register.js loads main.ts's `stacks/` imports on first use).
 */
export function selectArchitectures<F>(builders: Readonly<Record<string, F>>): F[];
export function selectArchitectures<F>(arg: readonly F[] | Readonly<Record<string, F>>): F[] {
  if (Array.isArray(arg)) return arg.filter((fn) => selected(architectureOf(fn as { name: string })));
  return Object.entries(arg as Record<string, F>)
    .filter(([name]) => selected(name))
    .map(([, fn]) => fn);
}

/** The architecture a stack belongs to by name: the longest of `architectures` that is `<name>` or a `<name>-` prefix. */
export function architectureOfStack(stack: string, architectures: readonly string[]): string | undefined {
  return architectures.filter((a) => stack === a || stack.startsWith(`${a}-`)).sort((a, b) => b.length - a.length)[0];
}

/** Stacks to keep: the selected ones and, transitively, the stacks they depend on. */
function stacksToKeep(stacks: TerraformStack[], keep: (name: string) => boolean): Set<TerraformStack> {
  const kept = new Set(stacks.filter((s) => keep(s.node.id)));
  const queue = [...kept];
  while (queue.length > 0) {
    for (const dep of queue.pop()!.dependencies) {
      if (dep instanceof TerraformStack && !kept.has(dep)) {
        kept.add(dep);
        queue.push(dep);
      }
    }
  }
  return kept;
}

/**
 * Wraps `app.synth()` so that it synthesizes only the selected stacks: `const app = selectStacks(new App());`.
 * Without a selection it changes nothing but recording what was built.
 */
export function selectStacks<A extends App>(app: A): A {
  const synth = app.synth.bind(app);
  app.synth = () => {
    const worker = workerAssignment();
    const patterns = requestedPatterns();
    const r = report();
    const keep = (name: string): boolean => {
      const userSelected = patterns === undefined || patterns.some((p) => patternMatchesStack(p, name));
      if (!worker) return userSelected;
      if (worker.stacks.includes(name)) return true;
      if (worker.knownStacks.includes(name) || !userSelected) return false;
      // A stack the plan does not know yet: kept by the first worker that builds its architecture.
      const arch = architectureOfStack(name, r.architectures.map((a) => a.name));
      return (arch === undefined ? 0 : (worker.owners[arch] ?? 0)) === worker.index;
    };
    const stacks = app.node.children.filter((c): c is TerraformStack => c instanceof TerraformStack);
    const kept = stacksToKeep(stacks, keep);
    for (const s of stacks) {
      const all = s.node.findAll();
      // The provider types a stack configures (`aws`, `azurerm`, ...): the runner keeps the stacks of one
      // provider in one group, so a worker loads one provider's classes, not both.
      const providers = [...new Set(all.filter((c): c is TerraformProvider => c instanceof TerraformProvider).map((p) => p.terraformResourceType))].sort();
      r.stacks.push({ name: s.node.id, constructs: all.length, kept: kept.has(s), providers });
      if (!kept.has(s)) app.node.tryRemoveChild(s.node.id);
    }
    if (worker) {
      // The runner writes the one manifest.json from every worker's entries.
      app.manifest.writeToFile = () => {
        r.manifest = app.manifest.buildManifest() as SelectionReport['manifest'];
      };
    }
    synth();
    for (const entry of r.stacks) {
      const s = stacks.find((x) => x.node.id === entry.name);
      if (s && kept.has(s)) entry.dependencies = s.dependencies.map((d) => d.node.id);
    }
  };
  return app;
}
