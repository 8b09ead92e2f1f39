/**
 * Per-stack breakdown of the whole app, in one fresh process.
 *
 * Builds the same app as main.ts (the `add<Name>Stacks(app)` calls are read
 * from main.ts, in order) and replays what `synthApp(app)` and `App.synth()`
 * do, timing each step: loading each architecture module, constructing its
 * stacks, validating, preparing and synthesizing each stack (aspects, JSON,
 * write), then the manifest. Resources are counted from the written JSON.
 *
 * Run by bench/run.js as `node -r @swc-node/register bench/apps/per-stack.ts`
 * with CDKTF_OUTDIR set to a temporary directory.
 */
import { App, ISynthesisSession, TerraformAsset, TerraformStack } from 'cdktf';
import * as fs from 'fs';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { countStack, now, report } from './report';

const ROOT = path.resolve(__dirname, '..', '..');

export interface Registration {
  /** The registering function, e.g. `addStockwizStacks`. */
  readonly fn: string;
  /** Module path relative to the repository root, e.g. `./stacks/stockwiz`. */
  readonly module: string;
}

/**
 * Reads main.ts and returns its `add<Name>Stacks(app)` calls in order, each
 * with the module it is imported from.
 */
export function readRegistrations(mainSource: string): Registration[] {
  const importedFrom = new Map<string, string>();
  for (const m of mainSource.matchAll(/import\s*\{([^}]*)\}\s*from\s*['"](\.[^'"]+)['"]/g)) {
    for (const name of m[1].split(',').map((s) => s.trim().split(/\s+as\s+/).pop()!.trim())) {
      if (name) importedFrom.set(name, m[2]);
    }
  }
  // The registrations are the calls (or list entries) between the `// --- architectures` markers (or, without markers, every `add...(app)` call).
  const block = /\/\/ --- architectures[^\n]*\n([\s\S]*?)\/\/ --- end architectures/.exec(mainSource);
  // A registration is an imported function called with the app, or named in a list such as
  // `buildStacks(app, selectArchitectures([addA, addB]))`; guards like `if (selected('x'))` are skipped.
  const text = block ? block[1] : mainSource;
  const calls = [...text.matchAll(/\b(add[A-Z][\w$]*)\b/g)].map((m) => m[1]).filter((fn, i, all) => importedFrom.has(fn) && all.indexOf(fn) === i);
  return calls.map((fn) => {
    const module = importedFrom.get(fn);
    if (!module) throw new Error(`main.ts calls ${fn}(app) but no relative import of it was found`);
    return { fn, module };
  });
}

interface StackRow {
  stack: string;
  architecture: string;
  constructs: number;
  /** TerraformAsset constructs (archives are zipped during synth). */
  assets: number;
  resources: number;
  dataSources: number;
  validateMs: number;
  prepareMs: number;
  synthMs: number;
}

function main(): void {
  const startupMs = performance.now(); // node boot + register hook + cdktf and this file's imports
  const outdir = process.env.CDKTF_OUTDIR;
  if (!outdir) throw new Error('set CDKTF_OUTDIR to a scratch directory');
  const registrations = readRegistrations(fs.readFileSync(path.join(ROOT, 'main.ts'), 'utf8'));

  // As main.ts builds it.
  const app = new App({ outdir, stackTraces: process.env.CDKTF_STACK_TRACES === '1' });
  const architectures: { fn: string; module: string; loadMs: number; constructMs: number; stacks: string[] }[] = [];
  const owner = new Map<string, string>();
  for (const r of registrations) {
    let t = now();
    const mod = require(path.join(ROOT, r.module)) as Record<string, unknown>;
    const loadMs = now() - t;
    const fn = mod[r.fn];
    if (typeof fn !== 'function') throw new Error(`${r.module} does not export a function ${r.fn}`);
    const before = new Set(app.node.children);
    t = now();
    (fn as (a: App) => void)(app);
    const constructMs = now() - t;
    const stacks = app.node.children.filter((c) => !before.has(c) && c instanceof TerraformStack).map((c) => c.node.id);
    stacks.forEach((s) => owner.set(s, r.fn));
    architectures.push({ ...r, loadMs, constructMs, stacks });
  }

  const stacks = app.node.children.filter((c): c is TerraformStack => c instanceof TerraformStack);
  const rows = new Map<string, StackRow>();
  for (const s of stacks) {
    rows.set(s.node.id, {
      stack: s.node.id,
      architecture: owner.get(s.node.id) ?? '(main.ts)',
      constructs: s.node.findAll().length,
      assets: s.node.findAll().filter((c) => c instanceof TerraformAsset).length,
      resources: 0,
      dataSources: 0,
      validateMs: 0,
      prepareMs: 0,
      synthMs: 0,
    });
  }
  // synthApp: validate every stack first.
  for (const s of stacks) {
    const t = now();
    s.runAllValidations();
    rows.get(s.node.id)!.validateMs = now() - t;
  }
  // App.synth: prepare every stack, then synthesize each (aspects, validations, JSON, write).
  for (const s of stacks) {
    const t = now();
    s.prepareStack();
    rows.get(s.node.id)!.prepareMs = now() - t;
  }
  const session: ISynthesisSession = { outdir, skipValidation: false, manifest: app.manifest };
  for (const s of stacks) {
    const t = now();
    s.synthesizer.synthesize(session);
    rows.get(s.node.id)!.synthMs = now() - t;
  }
  const t = now();
  app.manifest.writeToFile();
  const manifestMs = now() - t;
  for (const row of rows.values()) Object.assign(row, countStack(outdir, row.stack));

  report({ startupMs, manifestMs, architectures, stacks: [...rows.values()], totalMs: performance.now() });
}

// Run directly (`node -r ./scripts/register.js <file>`) or as the app command's entry (`node scripts/synth.js <file>`,
// which requires the entry, so it is not require.main).
if (require.main === module || (globalThis as { __cdktfSynthEntry?: string }).__cdktfSynthEntry === __filename) main();
