#!/usr/bin/env node
'use strict';
/**
 * The app command of cdktf.json: `node scripts/synth.js [main.ts]`.
 *
 * Runs the entry file with the caching TypeScript loader (scripts/register.js), and synthesizes in
 * parallel when that pays: the stacks are split into groups (one per core, whole architectures where
 * possible, planned from the construct counts of the previous run), each group is built in its own
 * worker thread (the main thread builds group 0) into a staging directory, and the runner then moves
 * the stack directories into the output directory and writes the one manifest.json from every
 * group's entries (cdktf writes it with sorted keys, so the merge is byte-identical to a serial run;
 * __tests__/perf/parallel-synth.test.ts compares every file).
 *
 * A group that fails (e.g. a validation error) leaves the output directory as it was, like synthApp.
 *
 * Type-check (issue 12): an incremental `tsc -b` of the entry file, lib/ and every repository file
 * the entry imports runs in a child process while the app synthesizes into a staging directory;
 * the output moves into place only when tsc passed, otherwise the command prints tsc's
 * diagnostics (file:line:col) and exits 1 with nothing written. See startTypecheck().
 *
 * Environment:
 *   CDKTF_TYPECHECK=0         skip the type-check (CI that runs `npm run typecheck` as its own step)
 *   CDKTF_TYPECHECK_CACHE_DIR where tsc keeps its state (default node_modules/.cache/cdktf-typecheck)
 *   CDKTF_TYPECHECK_STAMPS=0  always start tsc (by default an app whose files all match the stamps
 *                             recorded by the last passing check skips it)
 *   CDKTF_SYNTH_VERSION_CACHE=0  run `terraform version` for every stack with a moved block, as cdktf does
 *   CDKTF_STACKS              stacks / architectures to build (lib/core/select.ts)
 *   CDKTF_SYNTH_WORKERS       number of groups; default: the idle cores (cores - 1-minute load average,
 *                             rounded, at least 1); 1 = always serial
 *   CDKTF_SYNTH_WORKER_COST   estimated cost of one extra worker, in constructs (default 1500): the runner
 *                             goes parallel only when the estimate saves more than that
 *   CDKTF_SYNTH_VERBOSE=1     print the plan and timings to stderr
 * The plan lives in node_modules/.cache/cdktf-synth/plan-<hash>.json; without one (first run, or after
 * the cache is deleted) the run is serial and writes it.
 */
require('./register');
const fs = require('fs');
const os = require('os');
const path = require('path');
const crypto = require('crypto');
const { Buffer } = require('buffer');
const { Worker, isMainThread, workerData, parentPort } = require('worker_threads');
const SELF = path.join(__dirname, 'synth.js');

const ROOT = path.resolve(__dirname, '..');
const SELECT = path.join(ROOT, 'lib', 'core', 'select.ts');
const WORKER_ENV = 'CDKTF_SYNTH_WORKER';
const verbose = process.env.CDKTF_SYNTH_VERBOSE === '1';
const log = (...a) => verbose && console.error('[synth]', ...a);

/**
 * cdktf captures a complete stack trace for every token it creates (Intrinsic, Lazy, ComplexObject,
 * ...: `creationStack`, only ever read for an error message): ~12,000 captures in a whole-app synth,
 * ~0.2 s of CPU whatever the depth (measured: capped at 15 or 30 frames it costs the same), plus
 * formatting them at once. As the AWS CDK CLI does for construct metadata (stack traces only with
 * `--debug`), they are not captured by default: `creationStack` then holds one line saying how to get
 * it. CDKTF_SYNTH_TRACES=1 captures every trace (formatted only if read); CDKTF_SYNTH_LAZY_TRACES=0
 * keeps cdktf's own function.
 */
const NOT_CAPTURED = Object.freeze(['(token creation stack not recorded: rerun the synth with CDKTF_SYNTH_TRACES=1 to see where this token was created)']);
function lazyTokenStackTraces() {
  if (process.env.CDKTF_SYNTH_LAZY_TRACES === '0') return;
  let mod;
  try {
    mod = require(require.resolve('cdktf/lib/tokens/private/stack-trace', { paths: [ROOT] }));
  } catch {
    return; // another cdktf layout: leave it alone
  }
  if (typeof mod.captureStackTrace !== 'function' || mod.captureStackTrace.lazy) return;
  if (process.env.CDKTF_SYNTH_TRACES !== '1') {
    const notCaptured = () => NOT_CAPTURED;
    notCaptured.lazy = true;
    mod.captureStackTrace = notCaptured;
    return;
  }
  const captureStackTrace = function captureStackTrace(below) {
    const holder = { stack: '' };
    const previousLimit = Error.stackTraceLimit;
    try {
      Error.stackTraceLimit = Number.MAX_SAFE_INTEGER;
      Error.captureStackTrace(holder, below || captureStackTrace);
    } finally {
      Error.stackTraceLimit = previousLimit;
    }
    let lines;
    const get = () =>
      (lines ??= holder.stack
        ? holder.stack
            .split('\n')
            .slice(1)
            .map((l) => l.replace(/^\s*at\s+/, ''))
        : []);
    return new Proxy([], {
      get: (_, key) => {
        const a = get();
        const v = a[key];
        return typeof v === 'function' ? v.bind(a) : v;
      },
      has: (_, key) => key in get(),
      ownKeys: () => Reflect.ownKeys(get()),
      getOwnPropertyDescriptor: (_, key) => Reflect.getOwnPropertyDescriptor(get(), key),
    });
  };
  captureStackTrace.lazy = true;
  mod.captureStackTrace = captureStackTrace;
}
lazyTokenStackTraces();

/**
 * cdktf adds a `ValidateTerraformVersion` to every stack with a `moved` block (our Azure role
 * assignments, lib/azure/core/grants.ts), and its `validate()` runs `terraform version` through
 * execSync each time: ~70 ms of a process start per stack, ~0.9 s of a whole-app synth. The output
 * of the same command is the same for the whole run, so it is run once per process, and kept on disk
 * keyed by the binary's resolved path, size and mtime (an upgraded terraform is a new key).
 * cdktf's own check (semver constraint, messages) still runs on that output. A failing command is
 * never cached. CDKTF_SYNTH_VERSION_CACHE=0 keeps cdktf's behaviour.
 */
function memoizeBinaryVersions() {
  if (process.env.CDKTF_SYNTH_VERSION_CACHE === '0') return;
  let proto;
  try {
    proto = require(require.resolve('cdktf/lib/validations/validate-binary-version', { paths: [ROOT] })).ValidateBinaryVersion.prototype;
  } catch {
    return;
  }
  if (typeof proto.validate !== 'function' || proto.validate.memoized) return;
  const cp = require('child_process');
  const original = proto.validate;
  const outputs = new Map();
  const file = path.join(process.env.CDKTF_SYNTH_CACHE_DIR || path.join(ROOT, 'node_modules', '.cache', 'cdktf-synth'), 'binary-versions.json');
  const diskKey = (command) => {
    const bin = command.trim().split(/\s+/)[0];
    const dirs = bin.includes(path.sep) ? [''] : (process.env.PATH || '').split(path.delimiter);
    for (const d of dirs) {
      try {
        const real = fs.realpathSync(d ? path.join(d, bin) : bin);
        const st = fs.statSync(real);
        if (st.isFile()) return `${command}\0${real}\0${st.size}\0${st.mtimeMs}`;
      } catch {
        /* not in this directory */
      }
    }
    return undefined;
  };
  const readDisk = () => {
    try {
      return JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch {
      return {};
    }
  };
  const cachedExecSync = (execSync) =>
    function execSyncOnce(command, options) {
      if (outputs.has(command)) return Buffer.from(outputs.get(command));
      const key = diskKey(command);
      const disk = key ? readDisk() : {};
      if (key && typeof disk[key] === 'string') {
        outputs.set(command, disk[key]);
        return Buffer.from(disk[key]);
      }
      const out = execSync(command, options); // throws on failure: nothing is cached
      const text = out.toString();
      outputs.set(command, text);
      if (key) {
        try {
          fs.mkdirSync(path.dirname(file), { recursive: true });
          const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
          fs.writeFileSync(tmp, JSON.stringify({ ...readDisk(), [key]: text }));
          fs.renameSync(tmp, file);
        } catch {
          /* in-process memo only */
        }
      }
      return out;
    };
  proto.validate = function validate() {
    const execSync = cp.execSync;
    cp.execSync = cachedExecSync(execSync);
    try {
      return original.call(this);
    } finally {
      cp.execSync = execSync;
    }
  };
  proto.validate.memoized = true;
}
memoizeBinaryVersions();

/** Runs the entry in this thread; returns what lib/core/select.ts recorded. */
function runEntry(entry) {
  globalThis.__cdktfSynthEntry = entry;
  require(entry);
  return require(SELECT).selectionReport();
}

if (!isMainThread) {
  const report = runEntry(workerData.entry);
  parentPort.postMessage(JSON.parse(JSON.stringify(report)));
  return;
}

// ---------------------------------------------------------------- plan

function planFile(entry) {
  const base = process.env.CDKTF_SYNTH_CACHE_DIR || path.join(ROOT, 'node_modules', '.cache', 'cdktf-synth');
  return path.join(base, `plan-${crypto.createHash('sha1').update(entry).digest('hex').slice(0, 12)}.json`);
}

function readPlan(file) {
  try {
    const plan = JSON.parse(fs.readFileSync(file, 'utf8'));
    return plan.version === 1 ? plan : undefined;
  } catch {
    return undefined;
  }
}

/** Folds the reports of a run into the plan: architecture order from the guards, construct counts and dependencies per stack. */
function updatePlan(file, old, reports) {
  const plan = { version: 1, architectures: reports[0].architectures.map((a) => a.name), stacks: { ...(old ? old.stacks : {}) } };
  for (const r of reports) {
    for (const s of r.stacks) {
      const prev = plan.stacks[s.name] || {};
      plan.stacks[s.name] = { constructs: s.constructs, dependencies: s.dependencies || prev.dependencies || [], providers: s.providers || prev.providers || [] };
    }
  }
  const text = JSON.stringify(plan, null, 1);
  if (old && JSON.stringify(old, null, 1) === text) return;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, text);
    fs.renameSync(tmp, file);
  } catch {
    /* no plan: the next run is serial again */
  }
}

/**
 * Splits the selected stacks into at most `n` groups. Cost model, in constructs: building an
 * architecture costs the constructs of all its stacks (every stack of it is constructed), synthesizing
 * a stack 1.2x its constructs (prepare + resolve + write measured ~1.2x construction). Whole
 * architectures first (longest first, to the lightest group), then single stacks of the heaviest
 * group move to the lightest one while that lowers the maximum (that group constructs the architecture too).
 * A group also pays once for each provider type (`aws`, `azurerm`: recorded per stack in the plan) its
 * architectures configure, the cost of loading that provider's classes (CDKTF_SYNTH_PROVIDER_COST,
 * default 500), so the stacks of one cloud tend to share a worker and each worker loads one provider.
 */
function partition(plan, n) {
  const { patternMatchesStack, architectureOfStack } = require(SELECT);
  const patterns = require(SELECT).requestedPatterns();
  const names = Object.keys(plan.stacks).filter((s) => patterns === undefined || patterns.some((p) => patternMatchesStack(p, s)));
  const SYNTH = 1.2;
  // Loading one provider's classes (and its share of our constructs) in a worker, in constructs: the
  // module loading of one architecture (~0.2 s for stockwiz's 291 constructs, about 550 of them).
  const PROVIDER = process.env.CDKTF_SYNTH_PROVIDER_COST ? Number(process.env.CDKTF_SYNTH_PROVIDER_COST) : 500;
  const archOf = (s) => architectureOfStack(s, plan.architectures) ?? null;
  const build = new Map(); // architecture -> construct cost of building it
  const providersOf = new Map(); // architecture -> provider types its stacks configure
  for (const [s, v] of Object.entries(plan.stacks)) {
    const a = archOf(s);
    if (a === null) continue;
    build.set(a, (build.get(a) || 0) + v.constructs);
    providersOf.set(a, new Set([...(providersOf.get(a) || []), ...(v.providers || [])]));
  }
  const newProviders = (g, a) => [...(providersOf.get(a) || [])].filter((p) => !g.providers.has(p));
  /** Adds `a` to group `g` with the providers it brings; returns how many `g` did not load yet. */
  const takeArchitecture = (g, a) => {
    const added = newProviders(g, a);
    for (const p of added) g.providers.add(p);
    g.architectures.add(a);
    return added.length;
  };
  // Stacks of no guarded architecture are constructed by every group: a fixed cost each.
  const unguarded = names.filter((s) => archOf(s) === null);
  const fixed = Object.entries(plan.stacks).filter(([s]) => archOf(s) === null).reduce((n0, [, v]) => n0 + v.constructs, 0);
  const groups = Array.from({ length: n }, () => ({ stacks: [], architectures: new Set(), providers: new Set(), load: fixed }));
  const units = new Map();
  for (const s of names) {
    const a = archOf(s);
    if (a === null) continue;
    if (!units.has(a)) units.set(a, []);
    units.get(a).push(s);
  }
  const unitCost = (a, stacks) => build.get(a) + stacks.reduce((n0, s) => n0 + SYNTH * plan.stacks[s].constructs, 0);
  const lightest = () => groups.reduce((m, g) => (g.load < m.load ? g : m));
  for (const [a, stacks] of [...units].sort((x, y) => unitCost(y[0], y[1]) - unitCost(x[0], x[1]))) {
    // The group whose load ends lowest, counting the providers it would load for this architecture.
    const g = groups.reduce((m, x) => (x.load + PROVIDER * newProviders(x, a).length < m.load + PROVIDER * newProviders(m, a).length ? x : m));
    g.stacks.push(...stacks);
    g.load += PROVIDER * takeArchitecture(g, a) + unitCost(a, stacks);
  }
  for (const s of unguarded) {
    const g = lightest();
    g.stacks.push(s);
    g.load += SYNTH * plan.stacks[s].constructs;
  }
  for (let moved = true; moved; ) {
    moved = false;
    const heavy = groups.reduce((m, g) => (g.load > m.load ? g : m));
    const light = lightest();
    let best;
    for (const s of heavy.stacks) {
      const a = archOf(s);
      if (a === null || heavy.stacks.filter((x) => archOf(x) === a).length < 2) continue; // moving a whole architecture is phase 1's job
      const c = SYNTH * plan.stacks[s].constructs;
      const lightLoad = light.load + c + (light.architectures.has(a) ? 0 : build.get(a) + PROVIDER * newProviders(light, a).length);
      const max = Math.max(heavy.load - c, lightLoad);
      if (max < heavy.load && (!best || max < best.max)) best = { s, a, c, lightLoad, max };
    }
    if (best) {
      heavy.stacks.splice(heavy.stacks.indexOf(best.s), 1);
      heavy.load -= best.c;
      light.stacks.push(best.s);
      takeArchitecture(light, best.a); // its cost is in lightLoad
      light.load = best.lightLoad;
      moved = true;
    }
  }
  const used = groups.filter((g) => g.stacks.length > 0).sort((x, y) => y.load - x.load);
  const serialProviders = new Set([...units.keys()].flatMap((a) => [...(providersOf.get(a) || [])]));
  const total =
    fixed + PROVIDER * serialProviders.size + [...units].reduce((n0, [a, stacks]) => n0 + unitCost(a, stacks), 0) + unguarded.reduce((n0, s) => n0 + SYNTH * plan.stacks[s].constructs, 0);
  return { groups: used, total };
}

// ---------------------------------------------------------------- parallel run

function loadStringify() {
  // cdktf writes manifest.json with json-stable-stringify (sorted keys); the merge uses the same module.
  return require(require.resolve('json-stable-stringify', { paths: [path.dirname(require.resolve('cdktf', { paths: [ROOT] }))] }));
}

function newStaging(outdir) {
  fs.mkdirSync(outdir, { recursive: true });
  return fs.mkdtempSync(path.join(outdir, '.synth-'));
}

/** Moves the stacks of `manifest` from `dir` (a group's output) into `outdir`, replacing what was there. */
function moveStacks(manifest, dir, outdir) {
  for (const name of Object.keys(manifest.stacks)) {
    const target = path.join(outdir, 'stacks', name);
    fs.rmSync(target, { recursive: true, force: true });
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.renameSync(path.join(dir, 'stacks', name), target);
  }
}

/**
 * Builds the groups in parallel into a staging directory. `done` resolves, once every group has
 * finished, to the reports and `commit()`, which moves the stacks into the output directory and
 * writes the merged manifest.json (the caller commits only when the type-check passed too).
 */
function runParallel(entry, plan, groups, outdir, staging) {
  const owners = {};
  groups.forEach((g, i) => g.architectures.forEach((a) => (owners[a] ??= i)));
  const assignment = (g, i) =>
    JSON.stringify({
      index: i,
      architectures: [...g.architectures],
      stacks: g.stacks,
      knownArchitectures: plan.architectures,
      knownStacks: Object.keys(plan.stacks),
      owners,
    });
  const dirs = groups.map((_, i) => path.join(staging, `g${i}`));
  const threads = [];
  try {
    const workers = groups.slice(1).map((g, j) => {
      const i = j + 1;
      const w = new Worker(SELF, { workerData: { entry }, env: { ...process.env, CDKTF_OUTDIR: dirs[i], [WORKER_ENV]: assignment(g, i) } });
      threads.push(w);
      return new Promise((resolve, reject) => {
        let report;
        w.once('message', (m) => (report = m));
        w.once('error', reject);
        w.once('exit', (code) => (code === 0 && report ? resolve(report) : reject(new Error(`synth worker ${i} exited with code ${code}`))));
      });
    });
    // Group 0 in this thread, while the workers run.
    const saved = { outdir: process.env.CDKTF_OUTDIR, worker: process.env[WORKER_ENV] };
    process.env.CDKTF_OUTDIR = dirs[0];
    process.env[WORKER_ENV] = assignment(groups[0], 0);
    let first;
    try {
      first = JSON.parse(JSON.stringify(runEntry(entry)));
    } finally {
      if (saved.outdir === undefined) delete process.env.CDKTF_OUTDIR;
      else process.env.CDKTF_OUTDIR = saved.outdir;
      delete process.env[WORKER_ENV];
    }
    const done = Promise.all(workers).then((rest) => {
      const reports = [first, ...rest];
      const manifest = { version: undefined, stacks: {} };
      reports.forEach((r, i) => {
        if (!r.manifest) throw new Error(`synth group ${i} wrote no manifest`);
        manifest.version = r.manifest.version;
        for (const [name, entryData] of Object.entries(r.manifest.stacks)) {
          if (manifest.stacks[name]) throw new Error(`stack ${name} was synthesized by two groups`);
          manifest.stacks[name] = entryData;
        }
      });
      const commit = () => {
        reports.forEach((r, i) => moveStacks(r.manifest, dirs[i], outdir));
        // Everything else a group wrote next to stacks/ (the policy reports in policy/<stack>.*): file by file.
        dirs.forEach((dir) => moveExtras(dir, outdir));
        fs.writeFileSync(path.join(outdir, 'manifest.json'), loadStringify()(manifest, { space: 2 }));
      };
      return { reports, commit };
    });
    return done;
  } catch (e) {
    // Group 0 failed: stop the others and leave the output directory as it was.
    for (const w of threads) w.terminate();
    throw e;
  }
}

/** A serial run into `dir` (a staging directory); `commit()` moves what it wrote into `outdir`. */
function runStaged(entry, dir, outdir) {
  const saved = process.env.CDKTF_OUTDIR;
  process.env.CDKTF_OUTDIR = dir;
  let report;
  try {
    report = runEntry(entry);
  } catch (e) {
    if (!(e && e[EXIT_CODE] === 0)) throw e; // process.exit(0): whatever the app wrote is committed
  } finally {
    if (saved === undefined) delete process.env.CDKTF_OUTDIR;
    else process.env.CDKTF_OUTDIR = saved;
  }
  const commit = () => {
    const manifestFile = path.join(dir, 'manifest.json');
    if (!fs.existsSync(manifestFile)) return; // the app did not synthesize: nothing to move
    moveStacks(JSON.parse(fs.readFileSync(manifestFile, 'utf8')), dir, outdir);
    moveExtras(dir, outdir);
    fs.renameSync(manifestFile, path.join(outdir, 'manifest.json'));
  };
  return { report, commit };
}

/** Moves every file under `from` except stacks/ and manifest.json into the same place under `to`. */
function moveExtras(from, to, rel = '') {
  for (const name of fs.readdirSync(path.join(from, rel))) {
    const r = path.join(rel, name);
    if (rel === '' && (name === 'stacks' || name === 'manifest.json')) continue;
    const src = path.join(from, r);
    if (fs.statSync(src).isDirectory()) {
      fs.mkdirSync(path.join(to, r), { recursive: true });
      moveExtras(from, to, r);
    } else {
      fs.rmSync(path.join(to, r), { force: true });
      fs.renameSync(src, path.join(to, r));
    }
  }
}

// ---------------------------------------------------------------- type-check

/**
 * synth transpiles without type-checking (swc strips the types), so a misspelled prop
 * (`deletionProtecton: false`) would synthesize the default. The runner therefore starts an
 * incremental `tsc -b` of the entry file and lib/ in a child process at once, synthesizes meanwhile
 * into a staging directory, and moves the result into the output directory only when tsc passed;
 * on a type error nothing is written and the command exits 1 with tsc's diagnostics (file:line:col).
 * tsc runs in build mode on a generated tsconfig (extends tsconfig.json; adds `incremental`, its
 * .tsbuildinfo and the file list), so a run after no change only compares file stamps and hashes
 * (~0.2 s CPU, on the other core); after an edit it re-parses the program and re-checks what changed.
 * The state lives in node_modules/.cache/cdktf-typecheck/ (CDKTF_TYPECHECK_CACHE_DIR), one per
 * checkout, entry file, TypeScript version and installed dependency set.
 * CDKTF_TYPECHECK=0 skips it (CI that runs `npm run typecheck` as its own step).
 */
let tscChild;
const EXIT_CODE = Symbol('exit code');
function startTypecheck(entry) {
  if (process.env.CDKTF_TYPECHECK === '0') return undefined;
  const t0 = Date.now();
  let tsc;
  try {
    tsc = require.resolve('typescript/bin/tsc', { paths: [ROOT] });
  } catch {
    return Promise.resolve({ ok: false, output: 'typescript is not installed, so the app cannot be type-checked (npm ci installs it; CDKTF_TYPECHECK=0 skips the check)', errors: 0 });
  }
  const stamp = (f) => {
    try {
      const st = fs.statSync(f);
      return `${st.size}:${st.mtimeMs}`;
    } catch {
      return '-';
    }
  };
  const key = crypto
    .createHash('sha1')
    .update([ROOT, entry, versionOfTypescript(), stamp(path.join(ROOT, 'node_modules', '.package-lock.json'))].join('\0'))
    .digest('hex')
    .slice(0, 12);
  const dir = path.join(process.env.CDKTF_TYPECHECK_CACHE_DIR || path.join(ROOT, 'node_modules', '.cache', 'cdktf-typecheck'), key);
  const config = path.join(dir, 'tsconfig.json');
  const buildInfo = path.join(dir, 'app.tsbuildinfo');
  // tsc -b decides "up to date" from the root files only, so every file of the repository the last
  // build's program contained (its tsbuildinfo's fileNames outside node_modules: the entry's stacks/,
  // config/, examples/ modules...) is made a root file too; an edit to any of them is then seen.
  const programFiles = () => {
    try {
      return JSON.parse(fs.readFileSync(buildInfo, 'utf8'))
        .fileNames.map((f) => path.resolve(dir, f))
        .filter((f) => f.startsWith(ROOT + path.sep) && !f.slice(ROOT.length).split(path.sep).includes('node_modules'))
        .sort();
    } catch {
      return [];
    }
  };
  const configText = (files) =>
    JSON.stringify(
      {
        extends: path.join(ROOT, 'tsconfig.json'),
        compilerOptions: { incremental: true, noEmit: true, tsBuildInfoFile: buildInfo, typeRoots: [path.join(ROOT, 'node_modules', '@types')] },
        files: [entry, ...files.filter((f) => f !== entry && fs.existsSync(f))],
        include: ['lib', 'stacks', 'config'].map((d) => path.join(ROOT, d, '**', '*.ts')),
      },
      null,
      1,
    );
  const files = programFiles();
  const text = configText(files);
  // Up to date without starting tsc (~0.3 s of process start and loading typescript.js on this
  // machine): the last passing check recorded the size and mtime of every repository file of its
  // program and the list of .ts files under its include globs; when none of them changed, neither
  // did the answer. Any difference (an edit, a new or deleted file, another tsconfig.json) runs tsc.
  const passFile = path.join(dir, 'passed.json');
  const passState = () =>
    JSON.stringify({ text, tsconfig: stamp(path.join(ROOT, 'tsconfig.json')), files: files.map((f) => `${f} ${stamp(f)}`), included: includedFiles() });
  if (process.env.CDKTF_TYPECHECK_STAMPS !== '0') {
    try {
      if (files.length && fs.readFileSync(passFile, 'utf8') === passState()) {
        log(`typecheck: up to date (stamps of ${files.length} files) in ${Date.now() - t0} ms`);
        return UP_TO_DATE;
      }
    } catch {
      /* no record: run tsc */
    }
  }
  const outFile = path.join(dir, `out-${process.pid}.txt`);
  // typescript.js is 9 MB of JavaScript: loaded through register.js it runs from the V8 code cache (-0.1 s CPU).
  const tscLoader = process.env.CDKTF_SYNTH_CACHE === '0' ? [] : ['-r', path.join(__dirname, 'register.js')];
  let out;
  try {
    fs.mkdirSync(dir, { recursive: true });
    let old;
    try {
      old = fs.readFileSync(config, 'utf8');
    } catch {
      old = undefined;
    }
    if (old !== text) writeAtomic(config, text);
    out = fs.openSync(outFile, 'w');
  } catch (e) {
    return Promise.resolve({ ok: false, output: `cannot prepare the type-check in ${dir}: ${e.message} (CDKTF_TYPECHECK_CACHE_DIR moves it, CDKTF_TYPECHECK=0 skips it)`, errors: 0 });
  }
  const child = (tscChild = require('child_process').spawn(process.execPath, [...tscLoader, tsc, '-b', config, '--pretty', 'false'], { cwd: process.cwd(), stdio: ['ignore', out, out] }));
  fs.closeSync(out);
  process.on('exit', () => {
    if (child.exitCode === null && child.signalCode === null) child.kill();
    fs.rmSync(outFile, { force: true });
  });
  return new Promise((resolve) => {
    const finish = (code, error) => {
      let output = '';
      try {
        output = fs.readFileSync(outFile, 'utf8');
      } catch {
        /* no output */
      }
      fs.rmSync(outFile, { force: true });
      log(`typecheck: tsc -b exited ${code} after ${Date.now() - t0} ms`);
      if (code !== 0) fs.rmSync(passFile, { force: true });
      if (code === 0) {
        try {
          // Same program, more of its files as roots: the build just made stays valid for it, so the
          // rewritten config keeps the old one's mtime (from before tsc started).
          const next = configText(programFiles());
          if (next !== text) {
            const before = fs.statSync(config);
            writeAtomic(config, next);
            fs.utimesSync(config, before.atime, before.mtime);
          }
          // tsc -b with noEmit does not always rewrite the tsbuildinfo after a build caused by a newer
          // config (then every later run would rebuild): it passed on the configs as they were before
          // it started, so its state is stamped just after them (never after tsc's start, so an
          // edit made while tsc ran is still seen).
          const inputs = [config, path.join(ROOT, 'tsconfig.json')].map((f) => fs.statSync(f).mtimeMs);
          const stamp = Math.ceil(Math.max(...inputs)) + 1;
          if (fs.statSync(buildInfo).mtimeMs < stamp) fs.utimesSync(buildInfo, stamp / 1000, stamp / 1000);
          // The record for the next run, only when no input was written after tsc started (tsc may
          // have read it before the edit). Taken on the files of the program tsc just checked.
          const checked = programFiles();
          recordPass(passFile, checked, configText(checked), t0);
        } catch {
          /* the next run rebuilds */
        }
      }
      resolve(formatTsc(code === 0 && !error, error ? `${output}\n${error.message}` : output));
    };
    child.once('error', (e) => finish(null, e));
    child.once('exit', (code) => finish(code));
  });
}

/** What startTypecheck returns when the stamps show nothing changed since the last passing check. */
const UP_TO_DATE = undefined;

/** The .ts files under the generated config's include globs (lib/, stacks/, config/), sorted. */
function includedFiles() {
  const out = [];
  for (const d of ['lib', 'stacks', 'config']) {
    let names;
    try {
      names = fs.readdirSync(path.join(ROOT, d), { recursive: true });
    } catch {
      continue;
    }
    for (const n of names) if (String(n).endsWith('.ts')) out.push(path.join(d, String(n)));
  }
  return out.sort();
}

/** Writes the record startTypecheck compares (same shape as its passState), or throws if an input is newer than t0. */
function recordPass(passFile, files, text, t0) {
  const stampOf = (f) => {
    const st = fs.statSync(f);
    if (st.mtimeMs >= t0) throw new Error(`${f} changed while tsc ran`);
    return `${st.size}:${st.mtimeMs}`;
  };
  const included = includedFiles();
  for (const f of included) stampOf(path.join(ROOT, f));
  writeAtomic(passFile, JSON.stringify({ text, tsconfig: stampOf(path.join(ROOT, 'tsconfig.json')), files: files.map((f) => `${f} ${stampOf(f)}`), included }));
}

/** Temp file + rename: a tsc of a concurrent synth never reads half a config. */
function writeAtomic(file, text) {
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
}

function versionOfTypescript() {
  try {
    return JSON.parse(fs.readFileSync(require.resolve('typescript/package.json', { paths: [ROOT] }), 'utf8')).version;
  } catch {
    return '?';
  }
}

/** `file(12,5): error TS2561: …` -> `file:12:5 - error TS2561: …`; continuation lines kept. */
function formatTsc(ok, output) {
  let errors = 0;
  const lines = output
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const m = /^(.+?)\((\d+),(\d+)\): (error|warning) (TS\d+): (.*)$/.exec(l);
      if (/\berror TS\d+/.test(l)) errors++;
      return m ? `${m[1]}:${m[2]}:${m[3]} - ${m[4]} ${m[5]}: ${m[6]}` : l;
    });
  return { ok, output: lines.join('\n'), errors };
}

/** Prints the type errors, exits 1. */
function failTypecheck(tc) {
  const head = tc.errors
    ? `synth aborted, nothing was written: ${tc.errors} type error${tc.errors === 1 ? '' : 's'} (tsc)`
    : 'synth aborted, nothing was written: the type-check failed (tsc)';
  process.stderr.write(`${head}\n${tc.output.replace(/^/gm, '  ')}\n(CDKTF_TYPECHECK=0 skips the type-check, for CI that runs npm run typecheck as its own step)\n`);
  process.exitCode = 1;
}

// ---------------------------------------------------------------- main

function main() {
  const t0 = Date.now();
  const entry = path.resolve(process.argv[2] || path.join(ROOT, 'main.ts'));
  // First, so tsc runs on the other core while this one synthesizes.
  const typecheck = startTypecheck(entry);
  const file = planFile(entry);
  const plan = readPlan(file);
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  // Default: one group per idle core. On a machine already busy (1-minute load average at or above
  // the core count) a second group only adds the CPU time of loading everything twice.
  const idle = Math.max(1, Math.round(cores - os.loadavg()[0] + 0.5));
  const n = Math.max(1, Number(process.env.CDKTF_SYNTH_WORKERS) || Math.min(cores, idle));
  const workerCost = process.env.CDKTF_SYNTH_WORKER_COST ? Number(process.env.CDKTF_SYNTH_WORKER_COST) : 1500;
  let split;
  if (plan && n > 1 && !Object.values(plan.stacks).some((s) => s.dependencies && s.dependencies.length)) {
    split = partition(plan, n);
    const max = split.groups.length ? split.groups[0].load : 0;
    log(`plan: ${split.groups.length} groups, est. cost ${Math.round(split.total)} serial vs ${Math.round(max)} + ${workerCost * (split.groups.length - 1)} parallel`);
    if (split.groups.length < 2 || split.total - max <= workerCost * (split.groups.length - 1)) split = undefined;
  }
  if (!split && !typecheck) {
    log(plan ? 'serial (parallel would not pay)' : 'serial (no plan yet)');
    const report = runEntry(entry);
    if (report && !process.env[WORKER_ENV]) updatePlan(file, plan, [report]);
    log(`done in ${Date.now() - t0} ms`);
    return;
  }
  // Staged: the output directory changes only once every group and the type-check have passed.
  const outdir = path.resolve(process.env.CDKTF_OUTDIR || 'cdktf.out');
  const staging = newStaging(outdir);
  // Also when the app exits on its own (synthApp's exitOnError) or throws.
  process.on('exit', () => fs.rmSync(staging, { recursive: true, force: true }));
  let done;
  // An app that stops (synthApp's exitOnError calls process.exit(1) after printing its errors, or a
  // construct throws) still gets its type errors reported: often the same mistake, told by tsc.
  const exit = process.exit;
  process.exit = (code) => {
    throw Object.assign(new Error('process.exit'), { [EXIT_CODE]: code ?? process.exitCode ?? 0 });
  };
  try {
    if (!split) {
      log(plan ? 'serial (parallel would not pay)' : 'serial (no plan yet)');
      const { report, commit } = runStaged(entry, path.join(staging, 'g0'), outdir);
      done = Promise.resolve({ reports: report ? [report] : [], commit });
    } else {
      split.groups.forEach((g, i) => log(`group ${i}: ${g.stacks.join(', ')} (build ${[...g.architectures].join(', ') || '-'}; est. ${Math.round(g.load)})`));
      done = runParallel(entry, plan, split.groups, outdir, staging);
    }
  } catch (e) {
    done = Promise.reject(e);
  } finally {
    process.exit = exit;
  }
  log(`synth finished in ${Date.now() - t0} ms`);
  Promise.all([done.catch((e) => ({ failed: e })), typecheck])
    .then(([result, tc]) => {
      if (result.failed) {
        const e = result.failed;
        const code = e && e[EXIT_CODE] !== undefined ? e[EXIT_CODE] : 1;
        if (!(e && e[EXIT_CODE] !== undefined)) console.error(e && e.stack ? e.stack : e);
        if (tc && !tc.ok) failTypecheck(tc);
        process.exitCode = code || 1;
        return;
      }
      if (tc && !tc.ok) return failTypecheck(tc);
      const t1 = Date.now();
      result.commit();
      log(`moved the output into place in ${Date.now() - t1} ms`);
      if (result.reports.length) updatePlan(file, plan, result.reports);
      log(`done in ${Date.now() - t0} ms`);
    })
    .catch((e) => {
      if (tscChild && tscChild.exitCode === null) tscChild.kill();
      console.error(e && e.stack ? e.stack : e);
      process.exitCode = 1;
    })
    .finally(() => fs.rmSync(staging, { recursive: true, force: true }));
}

module.exports = { partition };
if (require.main === module) main();
