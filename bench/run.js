#!/usr/bin/env node
'use strict';
/**
 * `npm run bench`: synth, scaling, test and type-check benchmarks with budgets.
 *
 *   npm run bench                          full run (~3-4 min on 2 cores)
 *   npm run bench -- --quick               1 run each, N = 10 and 100, no test/tsc (smoke test of the harness)
 *   npm run bench -- --compare <file.json> print deltas against an earlier result
 *   npm run bench -- --profile             also CPU-profile main.ts and the largest N, print the hottest functions
 *   synth cases: see synthCases() (whole app before/after, serial/parallel, one architecture, one stack,
 *   the doubled app bench/apps/doubled.ts); --skip takes their keys too (e.g. appCold,doubledParallel), and cli
 *   options: --runs <n> (fresh-process synth runs, default 5), --scaling-runs <n> (3), --suite-runs <n> (3),
 *            --sizes 10,100,1000, --skip <perstack,scaling,test,tsc,proposals>, --no-save
 *
 * Every figure is the median of several fresh-process runs; the runs are
 * printed beside it. Results go to bench/results/latest.json and a
 * timestamped copy; bench/results/baseline.json, when present, is compared
 * automatically.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');
const { hasGnuTime, rssMethod, runNode, runCommand, median, tempDir } = require('./lib/measure');
const profile = require('./lib/profile');

const ROOT = path.resolve(__dirname, '..');
const RESULTS = path.join(__dirname, 'results');
const LEAN_REGISTER = ['-r', './bench/lib/fast-register.js']; // the proposed startup hook

/**
 * How `cdktf synth` starts the app: cdktf.json's "app" command, e.g.
 * `node -r ./scripts/register.js main.ts`. The node options before the entry
 * file (the TypeScript hook) are reused for the floor, per-stack and scaling
 * children so every figure pays the same startup.
 */
function readAppCommand() {
  const text = JSON.parse(fs.readFileSync(path.join(ROOT, 'cdktf.json'), 'utf8')).app;
  const words = text.trim().split(/\s+/);
  if (words[0] !== 'node' || !/\.ts$/.test(words[words.length - 1])) {
    throw new Error(`cdktf.json "app" is not "node <options> <entry>.ts": ${text}`);
  }
  return { text, hook: words.slice(1, -1), entry: words[words.length - 1] };
}
const APP = readAppCommand();
const REGISTER = APP.hook;

/**
 * The environment `cdktf synth` gives the app command (@cdktf/cli-core synth-stack.js): a 4 GB old-space
 * limit, error annotations collected instead of thrown, the context JSON and JSON (not HCL) output.
 */
const CDKTF_SYNTH_ENV = {
  NODE_OPTIONS: '--max-old-space-size=4096',
  CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS: 'true',
  CDKTF_CONTEXT_JSON: JSON.stringify({ cdktfRelativeModules: [] }),
  SYNTH_HCL_OUTPUT: 'false',
};

const BUDGETS = {
  // Issue 15's targets, as ratios to the plain-JS floor measured in the same run.
  appFloorRatio: 4,
  appRssMB: 300,
  oneArchFloorRatio: 2,
  doubledFloorRatio: 4,
  // Policy packs on (main.ts) vs off (bench/apps/no-policy.ts): issue 13 allows 10 %.
  policyRatio: 1.1,
  scalingMsPerResourceRatio: 1.5,
  scalingRssMB: 1024,
  testWallMs: 60_000,
  tscWallMs: 30_000,
};

// ---------------------------------------------------------------- options

function parseArgs(argv) {
  const o = { runs: 5, scalingRuns: 3, suiteRuns: 3, sizes: [10, 100, 1000], skip: new Set(), compare: undefined, save: true, profile: false, quick: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--quick') o.quick = true;
    else if (a === '--runs') o.runs = positive(a, next());
    else if (a === '--scaling-runs') o.scalingRuns = positive(a, next());
    else if (a === '--suite-runs') o.suiteRuns = positive(a, next());
    else if (a === '--sizes') o.sizes = next().split(',').map((s) => positive('--sizes', s));
    else if (a === '--skip') next().split(',').forEach((s) => o.skip.add(s.trim()));
    else if (a === '--compare') o.compare = next();
    else if (a === '--no-save') o.save = false;
    else if (a === '--profile') o.profile = true;
    else if (a === '--help' || a === '-h') {
      console.log(fs.readFileSync(path.join(__dirname, 'run.js'), 'utf8').split('*/')[0]);
      process.exit(0);
    } else throw new Error(`unknown option ${a} (see --help)`);
  }
  if (o.quick) {
    o.runs = Math.min(o.runs, 1);
    o.scalingRuns = 1;
    o.suiteRuns = 1;
    o.sizes = o.sizes.filter((n) => n <= 100);
    o.skip.add('test').add('tsc');
  }
  return o;
}

function positive(flag, s) {
  const n = Number(s);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} expects a positive integer, got ${s}`);
  return n;
}

// ---------------------------------------------------------------- measuring

/** Summary of a series of runs: median plus the runs themselves. */
function series(values) {
  return { median: median(values), runs: values };
}

function fail(what, r) {
  const out = `${r.stdout}\n${r.stderr}`.trim().split('\n').slice(-25).join('\n');
  throw new Error(`${what} failed (exit ${r.status}${r.signal ? `, ${r.signal}` : ''}${r.error ? `, ${r.error.message}` : ''}):\n${out}`);
}

/** One fresh-process synth of a TypeScript entry point; returns wall, RSS and, if the child reports one, its result. */
function synthOnce(label, nodeArgs, extraEnv = {}) {
  const outdir = tempDir('out');
  const resultFile = path.join(outdir, '..', `${path.basename(outdir)}.result.json`);
  try {
    const r = runNode(nodeArgs, { cwd: ROOT, env: { ...CDKTF_SYNTH_ENV, CDKTF_OUTDIR: outdir, BENCH_RESULT_FILE: resultFile, ...extraEnv } });
    if (r.status !== 0) fail(label, r);
    const result = fs.existsSync(resultFile) ? JSON.parse(fs.readFileSync(resultFile, 'utf8')) : undefined;
    const stacks = fs.existsSync(path.join(outdir, 'stacks')) ? fs.readdirSync(path.join(outdir, 'stacks')) : [];
    let resources = 0;
    for (const s of stacks) {
      const json = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', s, 'cdk.tf.json'), 'utf8'));
      for (const byName of Object.values(json.resource || {})) resources += Object.keys(byName).length;
    }
    return { ms: r.ms, rssMB: r.rssMB, result, stacks: stacks.length, resources };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
    fs.rmSync(resultFile, { force: true });
  }
}

/** Runs each case `runs` times, interleaved (a, b, c, a, b, c...) so drift on a shared machine hits every case alike. */
function interleaved(cases, runs, progress, errors = {}) {
  const samples = Object.fromEntries(cases.map((c) => [c.key, []]));
  for (let i = 0; i < runs; i++) {
    for (const c of cases) {
      const n = c.runs ?? runs;
      if (i >= n || errors[c.key]) continue;
      progress(`${c.key} ${i + 1}/${n}`);
      try {
        samples[c.key].push(synthOnce(c.key, c.args, typeof c.env === 'function' ? c.env() : c.env));
      } catch (e) {
        errors[c.key] = e.message; // this case is reported as failed, the others still run
      }
    }
  }
  return samples;
}

function summarizeSynth(samples) {
  return {
    wallMs: series(samples.map((s) => s.ms)),
    rssMB: series(samples.map((s) => s.rssMB)),
    stacks: samples[0].stacks,
    resources: samples[0].resources,
  };
}

// ---------------------------------------------------------------- sections

/**
 * The cases of the SYNTH section, in print order. `app*` and `doubled*` run cdktf.json's app command
 * (scripts/synth.js: caching loader, selection, parallel groups when they pay); `appBefore` is the
 * same main.ts under the loader as it was before issue 15 (plain @swc-node/register, no caches, no
 * lazy imports, no runner). Every case runs once unmeasured first, so the caches are warm, except
 * `appCold`, which gets an empty cache directory every run.
 */
function synthCases(o) {
  const few = Math.min(o.runs, 3);
  const cases = [
    { key: 'node', label: 'node -e 0', args: ['-e', '0'] },
    { key: 'registerHook', label: 'app hook, empty .ts', args: [...REGISTER, 'bench/apps/empty.ts'] },
    { key: 'floorPlain', label: 'FLOOR, plain node (.js)', args: ['bench/apps/floor.js'] },
    { key: 'floor', label: 'floor, app hook (.ts)', args: [...REGISTER, 'bench/apps/floor.ts'] },
    { key: 'appBefore', label: 'whole app, loader before #15', args: ['-r', './scripts/register.js', APP.entry], env: { CDKTF_SYNTH_CACHE: '0' } },
    { key: 'appCold', label: 'whole app, cold caches', runs: few, args: [...REGISTER, APP.entry], env: () => ({ CDKTF_SYNTH_CACHE_DIR: tempDir('cache') }), noWarmup: true },
    { key: 'appSerial', label: 'whole app, serial', args: [...REGISTER, APP.entry], env: { CDKTF_SYNTH_WORKERS: '1' } },
    { key: 'appParallel', label: 'whole app, 2 groups (forced)', args: [...REGISTER, APP.entry], env: { CDKTF_SYNTH_WORKERS: '2', CDKTF_SYNTH_WORKER_COST: '0' } },
    { key: 'appNoTypecheck', label: 'whole app, typecheck off', args: [...REGISTER, APP.entry], env: { CDKTF_TYPECHECK: '0' } },
    { key: 'appTscStarted', label: 'whole app, tsc started (stamps off)', args: [...REGISTER, APP.entry], env: { CDKTF_TYPECHECK_STAMPS: '0' } },
    { key: 'appTraces', label: 'whole app, token traces recorded', args: [...REGISTER, APP.entry], env: { CDKTF_SYNTH_TRACES: '1' } },
    { key: 'appMaps', label: 'whole app, inline source maps read', args: [...REGISTER, APP.entry], env: { CDKTF_SYNTH_STRIP_MAPS: '0' } },
    { key: 'app', label: 'WHOLE APP (app command, type-check up to date)', args: [...REGISTER, APP.entry] },
    { key: 'oneArch', label: 'ONE ARCHITECTURE (stockwiz)', args: [...REGISTER, APP.entry], env: { CDKTF_STACKS: 'stockwiz' } },
    { key: 'largestArch', label: 'largest architecture (canalco)', args: [...REGISTER, APP.entry], env: { CDKTF_STACKS: 'canalco' } },
    { key: 'oneStack', label: 'one stack (stockwiz-dev)', args: [...REGISTER, APP.entry], env: { CDKTF_STACKS: 'stockwiz-dev' } },
    { key: 'doubledSerial', label: 'doubled app, serial', args: [...REGISTER, 'bench/apps/doubled.ts'], env: { CDKTF_SYNTH_WORKERS: '1' } },
    { key: 'doubledParallel', label: 'doubled app, 2 groups (forced)', args: [...REGISTER, 'bench/apps/doubled.ts'], env: { CDKTF_SYNTH_WORKERS: '2', CDKTF_SYNTH_WORKER_COST: '0' } },
    { key: 'doubled', label: 'DOUBLED APP (app command)', args: [...REGISTER, 'bench/apps/doubled.ts'] },
    { key: 'appNoPolicy', label: 'whole app, policy packs off', args: [...REGISTER, 'bench/apps/no-policy.ts'] },
  ];
  return cases.filter((c) => !o.skip.has(c.key));
}

function measureStartupAndApp(o, progress, errors = {}) {
  const cases = synthCases(o);
  const failed = {};
  for (const c of cases) {
    if (c.noWarmup) continue;
    progress(`warm-up ${c.key}`);
    try {
      synthOnce(c.key, c.args, typeof c.env === 'function' ? c.env() : c.env);
    } catch (e) {
      failed[c.key] = e.message;
    }
  }
  const samples = interleaved(cases, o.runs, progress, failed);
  // A case that failed is reported as an error (`synth: <case>`); the table shows the others.
  for (const [k, message] of Object.entries(failed)) errors[`synth: ${k}`] = message;
  const out = Object.fromEntries(Object.entries(samples).filter(([k, v]) => !failed[k] && v.length).map(([k, v]) => [k, summarizeSynth(v)]));
  if (!out.floorPlain) throw new Error(`the floor failed: ${failed.floorPlain || 'not measured'}`);
  for (const c of cases) {
    if (!out[c.key]) continue;
    out[c.key].label = c.label;
    out[c.key].ratioToFloor = out[c.key].wallMs.median / out.floorPlain.wallMs.median;
  }
  // The app command type-checks while it synthesizes (issue 12): warm = tsc -b finds nothing changed.
  if (out.app) out.app.typecheckRatio = out.appNoTypecheck ? out.app.wallMs.median / out.appNoTypecheck.wallMs.median : undefined;
  if (out.app) out.app.policyRatio = out.appNoPolicy ? out.app.wallMs.median / out.appNoPolicy.wallMs.median : undefined;
  return out;
}

/** `npx cdktf synth` end to end (the README's command) and the CLI without npx, each into a scratch --output. */
function measureCli(o, progress) {
  const runs = Math.min(o.runs, 3);
  const cli = path.join('node_modules', 'cdktf-cli', 'bundle', 'bin', 'cdktf.js');
  const cases = [
    { key: 'npx', label: 'npx cdktf synth', run: (out) => runCommand('npx', ['cdktf', 'synth', '--output', out], { cwd: ROOT, env: { CHECKPOINT_DISABLE: '1' } }) },
    { key: 'cli', label: 'cdktf synth (CLI without npx)', run: (out) => runNode([cli, 'synth', '--output', out], { cwd: ROOT, env: { CHECKPOINT_DISABLE: '1' } }) },
  ];
  const out = {};
  for (const c of cases) out[c.key] = { label: c.label, runs: [], rss: [] };
  for (let i = 0; i < runs; i++) {
    for (const c of cases) {
      progress(`${c.key} ${i + 1}/${runs}`);
      const dir = tempDir('cli');
      try {
        const r = c.run(dir);
        if (r.status !== 0) fail(c.label, r);
        out[c.key].runs.push(r.ms);
        if (Number.isFinite(r.rssMB)) out[c.key].rss.push(r.rssMB);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }
  }
  for (const c of cases) {
    const v = out[c.key];
    out[c.key] = { label: v.label, wallMs: series(v.runs), rssMB: v.rss.length ? series(v.rss) : undefined };
  }
  return out;
}

function measurePerStack(o, progress) {
  const samples = [];
  for (let i = 0; i < o.runs; i++) {
    progress(`per-stack ${i + 1}/${o.runs}`);
    samples.push(synthOnce('bench/apps/per-stack.ts', [...REGISTER, 'bench/apps/per-stack.ts']).result);
  }
  const first = samples[0];
  const med = (pick) => series(samples.map(pick));
  return {
    runs: o.runs,
    startupMs: med((s) => s.startupMs),
    manifestMs: med((s) => s.manifestMs),
    totalMs: med((s) => s.totalMs),
    architectures: first.architectures.map((a, i) => ({
      fn: a.fn,
      module: a.module,
      stacks: a.stacks,
      loadMs: med((s) => s.architectures[i].loadMs),
      constructMs: med((s) => s.architectures[i].constructMs),
    })),
    stacks: first.stacks.map((st, i) => ({
      stack: st.stack,
      architecture: st.architecture,
      constructs: st.constructs,
      assets: st.assets,
      resources: st.resources,
      dataSources: st.dataSources,
      validateMs: med((s) => s.stacks[i].validateMs),
      prepareMs: med((s) => s.stacks[i].prepareMs),
      synthMs: med((s) => s.stacks[i].synthMs),
    })),
  };
}

function measureScaling(o, progress) {
  const rows = [];
  let leanRow;
  const samplesByN = new Map(o.sizes.map((n) => [n, []]));
  for (let i = 0; i < o.scalingRuns; i++) {
    for (const n of o.sizes) {
      progress(`scaling N=${n} ${i + 1}/${o.scalingRuns}`);
      samplesByN.get(n).push(synthOnce(`scaling N=${n}`, [...REGISTER, 'bench/apps/scaling.ts', String(n)]));
    }
  }
  for (const n of o.sizes) {
    const s = samplesByN.get(n);
    const r = s[0].result;
    const inProcess = s.map((x) => x.result.constructMs + x.result.synthMs);
    const ms = median(inProcess);
    rows.push({
      n,
      chain: r.chain,
      resources: r.resources,
      constructs: r.constructs,
      ms: series(inProcess),
      constructMs: series(s.map((x) => x.result.constructMs)),
      synthMs: series(s.map((x) => x.result.synthMs)),
      msPerResource: ms / r.resources,
      wallMs: series(s.map((x) => x.ms)),
      rssMB: series(s.map((x) => x.rssMB)),
    });
  }
  if (!o.skip.has('proposals')) {
    // The proposed startup hook on the largest N: what the register hook's source-map support costs per resource.
    const n = Math.max(...o.sizes);
    const s = [];
    for (let i = 0; i < o.scalingRuns; i++) {
      progress(`scaling N=${n}, lean hook ${i + 1}/${o.scalingRuns}`);
      s.push(synthOnce(`scaling N=${n} (lean hook)`, [...LEAN_REGISTER, 'bench/apps/scaling.ts', String(n)]));
    }
    const inProcess = s.map((x) => x.result.constructMs + x.result.synthMs);
    leanRow = { n, lean: true, resources: s[0].result.resources, ms: series(inProcess), msPerResource: median(inProcess) / s[0].result.resources, wallMs: series(s.map((x) => x.ms)), rssMB: series(s.map((x) => x.rssMB)) };
  }
  for (let i = 1; i < rows.length; i++) {
    rows[i].marginalMsPerResource = (rows[i].ms.median - rows[i - 1].ms.median) / (rows[i].resources - rows[i - 1].resources);
  }
  return { rows, lean: leanRow };
}

function measureSuite(label, cmd, args, runs, progress) {
  const samples = [];
  let last;
  for (let i = 0; i < runs; i++) {
    progress(`${label} ${i + 1}/${runs}`);
    last = runCommand(cmd, args, { cwd: ROOT, env: { CI: 'true', FORCE_COLOR: '0' } });
    samples.push(last);
  }
  const text = `${last.stdout}\n${last.stderr}`;
  const summary = [
    ['Test Suites:', 'suites'],
    ['Tests:', 'tests'],
  ]
    .map(([k, label]) => {
      const m = text.match(new RegExp(`^${k}\\s+(.*)$`, 'm'));
      return m ? `${label} ${m[1].trim()}` : undefined;
    })
    .filter(Boolean)
    .join('; ');
  const errors = (text.match(/error TS\d+/g) || []).length;
  return {
    command: [cmd === process.execPath ? 'node' : cmd, ...args].join(' '),
    wallMs: series(samples.map((s) => s.ms)),
    exitCodes: samples.map((s) => s.status),
    summary: summary || (errors ? `${errors} type errors` : last.status === 0 ? 'ok' : `exit ${last.status}`),
  };
}

function profileRuns(o, progress) {
  const dir = tempDir('prof');
  const out = {};
  const targets = [[APP.entry, [...REGISTER, '--cpu-prof', '--cpu-prof-dir', dir, APP.entry]]];
  if (!o.skip.has('scaling')) {
    const n = Math.max(...o.sizes);
    targets.push([`scaling N=${n}`, [...REGISTER, '--cpu-prof', '--cpu-prof-dir', dir, 'bench/apps/scaling.ts', String(n)]]);
  }
  for (const [label, args] of targets) {
    progress(`profiling ${label}`);
    for (const f of fs.readdirSync(dir)) fs.rmSync(path.join(dir, f));
    synthOnce(label, args);
    const file = fs.readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
    if (file) out[label] = profile.summarize(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')), 12);
  }
  fs.rmSync(dir, { recursive: true, force: true });
  return out;
}

// ---------------------------------------------------------------- budgets, compare

function budgets(r) {
  const list = [];
  // A figure that was not measured shows as SKIP when its section was skipped on purpose, MISS when it failed.
  const add = (name, value, limit, unit, section) => {
    const measured = Number.isFinite(value);
    const failed = r.errors && Object.keys(r.errors).some((k) => k === section || k.startsWith(`${section}: `));
    const status = measured ? (value <= limit ? 'PASS' : 'MISS') : failed ? 'MISS' : 'SKIP';
    list.push({ name, value: measured ? value : null, limit, unit, status, pass: status === 'PASS' });
  };
  const app = r.synth && r.synth.app;
  const sy = r.synth || {};
  add('whole app / plain floor', app && app.ratioToFloor, BUDGETS.appFloorRatio, 'x', 'synth');
  add('whole app peak RSS', app && app.rssMB.median, BUDGETS.appRssMB, 'MB', 'synth');
  add('one architecture / floor', sy.oneArch && sy.oneArch.ratioToFloor, BUDGETS.oneArchFloorRatio, 'x', 'synth');
  add('doubled app / plain floor', sy.doubled && sy.doubled.ratioToFloor, BUDGETS.doubledFloorRatio, 'x', 'synth');
  add('doubled app peak RSS', sy.doubled && sy.doubled.rssMB.median, BUDGETS.appRssMB, 'MB', 'synth');
  add('policy packs on / off', app && app.policyRatio, BUDGETS.policyRatio, 'x', 'synth');
  const rows = r.scaling || [];
  const small = rows[0];
  const big = rows[rows.length - 1];
  const two = rows.length >= 2;
  add(`ms/resource N=${two ? big.n : '?'} / N=${two ? small.n : '?'}`, two && big.msPerResource / small.msPerResource, BUDGETS.scalingMsPerResourceRatio, 'x', 'scaling');
  add(`peak RSS N=${big ? big.n : '?'}`, big && big.rssMB.median, BUDGETS.scalingRssMB, 'MB', 'scaling');
  add('npm test wall', r.suites && r.suites.test && r.suites.test.wallMs.median, BUDGETS.testWallMs, 'ms', 'test');
  add('tsc --noEmit wall', r.suites && r.suites.typecheck && r.suites.typecheck.wallMs.median, BUDGETS.tscWallMs, 'ms', 'tsc');
  return list;
}

/** Flattens a result into comparable metrics: name -> [value, unit]. */
function metrics(r) {
  const m = new Map();
  const put = (k, v, unit) => Number.isFinite(v) && m.set(k, [v, unit]);
  if (r.synth) {
    for (const [k, v] of Object.entries(r.synth)) {
      put(`${k} wall`, v.wallMs.median, 'ms');
      put(`${k} RSS`, v.rssMB.median, 'MB');
    }
    const app = r.synth.app || {};
    put('app / plain floor', app.ratioToFloor, 'x');
    put('packs on / off', app.policyRatio, 'x');
    put('typecheck on / off', app.typecheckRatio, 'x');
    put('app resources', app.resources, '');
  }
  if (r.perStack) for (const s of r.perStack.stacks) put(`synth ${s.stack}`, s.synthMs.median, 'ms');
  for (const s of r.scaling || []) {
    put(`N=${s.n} ms/resource`, s.msPerResource, 'ms');
    put(`N=${s.n} RSS`, s.rssMB.median, 'MB');
  }
  if (r.scalingLean) put(`N=${r.scalingLean.n} ms/resource, lean hook`, r.scalingLean.msPerResource, 'ms');
  if (r.suites) for (const [k, v] of Object.entries(r.suites)) put(`${k} wall`, v.wallMs.median, 'ms');
  return m;
}

function compare(before, after) {
  const a = metrics(before);
  const b = metrics(after);
  const headline = /^(floor wall|app wall|app RSS|app \/ plain floor|app resources|N=\d+ (ms\/resource|RSS)|test wall|typecheck wall)$/;
  const lines = [`Compared with ${before.timestamp} (${before.git ? before.git.commit : '?'}); headline metrics and any change of 10% or more:`];
  lines.push(`  ${'metric'.padEnd(36)} ${'before'.padStart(9)} ${'now'.padStart(9)}  delta`);
  let quiet = 0;
  for (const [k, [v, unit]] of b) {
    if (!a.has(k)) continue;
    const old = a.get(k)[0];
    const pct = old === 0 ? 0 : ((v - old) / old) * 100;
    if (!headline.test(k) && Math.abs(pct) < 10) {
      quiet++;
      continue;
    }
    const mark = unit !== '' && Math.abs(pct) >= 10 ? (pct > 0 ? '  worse' : '  better') : '';
    lines.push(`  ${k.padEnd(36)} ${fmt(old, unit).padStart(9)} ${fmt(v, unit).padStart(9)}  ${pct >= 0 ? '+' : ''}${pct.toFixed(0)}%${mark}`);
  }
  if (quiet) lines.push(`  (${quiet} other metrics within ±10%)`);
  return lines.join('\n');
}

// ---------------------------------------------------------------- printing

function fmt(v, unit = '') {
  if (!Number.isFinite(v)) return 'n/a';
  if (unit === 'x') return `${v.toFixed(2)}x`;
  const digits = Math.abs(v) < 10 && unit !== '' ? (Math.abs(v) < 1 ? 3 : 2) : 0;
  return `${v.toFixed(digits)}${unit === 'ms' || unit === 'MB' ? '' : unit}`;
}

/** A duration with its unit: `850 ms`, `13.6 s`. */
function fmtMs(v) {
  if (!Number.isFinite(v)) return 'n/a';
  return v >= 10_000 ? `${(v / 1000).toFixed(1)} s` : `${fmt(v, 'ms')} ms`;
}

function runsText(s, unit) {
  return s.runs.map((v) => fmt(v, unit)).join(' ');
}

function printReport(r, o) {
  const p = (s = '') => console.log(s);
  p(`cdktf bench · ${r.timestamp} · ${r.git.commit}${r.git.dirty ? ' (uncommitted changes)' : ''}`);
  p(`app command (cdktf.json): ${r.appCommand}`);
  p(`machine: ${r.machine.cpus} cores ${r.machine.cpuModel}, ${r.machine.memGB} GB, node ${r.machine.node}, ${r.machine.platform}; peak RSS: ${r.rssMethod}`);
  p(`medians of ${o.runs} fresh-process synth runs, ${o.scalingRuns} scaling runs, ${o.suiteRuns} suite runs, [runs] in brackets; load average ${r.loadAverage.start.toFixed(2)} -> ${r.loadAverage.end.toFixed(2)}`);
  if (r.synth) {
    const s = r.synth;
    p();
    p(`SYNTH, fresh process              wall ms  / floor   peak MB   runs: wall ms | MB`);
    for (const [, v] of Object.entries(s)) {
      const what = v.stacks ? `  ${v.stacks} stacks, ${v.resources} resources` : '';
      p(`  ${(v.label || '').padEnd(32)} ${fmt(v.wallMs.median, 'ms').padStart(7)} ${fmt(v.ratioToFloor, 'x').padStart(7)}   ${fmt(v.rssMB.median, 'MB').padStart(7)}   [${runsText(v.wallMs, 'ms')} | ${runsText(v.rssMB, 'MB')}]${what}`);
    }
    p('  / floor = wall time over the plain-JS floor of this run; "2 groups" = the runner forced to two worker threads');
    p('  the app command (and every case run with it) type-checks in parallel (incremental tsc -b, warm: nothing changed); "typecheck off" = CDKTF_TYPECHECK=0');
    if (s.app && Number.isFinite(s.app.typecheckRatio)) p(`  synth with the type-check (up to date by stamps) / without: ${fmt(s.app.typecheckRatio, 'x')} (${fmt(s.app.ratioToFloor, 'x')} vs ${fmt(s.appNoTypecheck.ratioToFloor, 'x')} the floor)`);
  }
  if (r.cli) {
    p();
    p('CLI end to end (--output to a scratch dir, CHECKPOINT_DISABLE=1)');
    for (const v of Object.values(r.cli)) {
      p(`  ${v.label.padEnd(32)} ${fmt(v.wallMs.median, 'ms').padStart(7)}   [${runsText(v.wallMs, 'ms')}]${v.rssMB ? `  peak ${fmt(v.rssMB.median, 'MB')} MB (largest process)` : ''}`);
    }
    if (r.synth && r.synth.app) p(`  the CLI adds ${fmt(r.cli.npx.wallMs.median - r.synth.app.wallMs.median, 'ms')} ms to the app command (npx ${fmt(r.cli.npx.wallMs.median - r.cli.cli.wallMs.median, 'ms')} ms of it)`);
  }
  if (r.perStack) {
    const ps = r.perStack;
    p();
    p(`PER STACK (in-process, medians)   startup ${fmtMs(ps.startupMs.median)} (node + hook + cdktf), whole harness ${fmtMs(ps.totalMs.median)}`);
    for (const a of ps.architectures) {
      p(`  ${a.fn.padEnd(30)} load modules ${fmt(a.loadMs.median, 'ms').padStart(5)} ms   construct ${fmt(a.constructMs.median, 'ms').padStart(5)} ms   -> ${a.stacks.join(', ') || 'no stacks'}`);
    }
    if (ps.stacks.length) {
      p(`  ${'stack'.padEnd(30)} ${'resources'.padStart(9)} ${'data'.padStart(5)} ${'constructs'.padStart(10)} ${'assets'.padStart(6)} ${'validate'.padStart(9)} ${'prepare'.padStart(8)} ${'synth ms'.padStart(9)}   (synth runs)`);
      for (const st of ps.stacks) {
        p(`  ${st.stack.padEnd(30)} ${String(st.resources).padStart(9)} ${String(st.dataSources).padStart(5)} ${String(st.constructs).padStart(10)} ${String(st.assets).padStart(6)} ${fmt(st.validateMs.median, 'ms').padStart(9)} ${fmt(st.prepareMs.median, 'ms').padStart(8)} ${fmt(st.synthMs.median, 'ms').padStart(9)}   [${runsText(st.synthMs, 'ms')}]`);
      }
      const sum = (k) => ps.stacks.reduce((n, st) => n + (typeof st[k] === 'number' ? st[k] : st[k].median), 0);
      p(`  ${'total'.padEnd(30)} ${String(sum('resources')).padStart(9)} ${String(sum('dataSources')).padStart(5)} ${String(sum('constructs')).padStart(10)} ${String(sum('assets')).padStart(6)} ${fmt(sum('validateMs'), 'ms').padStart(9)} ${fmt(sum('prepareMs'), 'ms').padStart(8)} ${fmt(sum('synthMs'), 'ms').padStart(9)}`);
    } else p('  (main.ts registers no stacks yet)');
  }
  if (r.scaling) {
    p();
    p(`SCALING: one AwsStack, N services (${r.scaling[0].chain.join(', ')})`);
    p(`  ${'N'.padStart(5)} ${'resources'.padStart(9)} ${'ms'.padStart(7)} ${'ms/res'.padStart(7)} ${'marginal'.padStart(8)} ${'wall ms'.padStart(8)} ${'peak MB'.padStart(8)}   runs: in-process ms | MB`);
    for (const s of r.scaling) {
      p(`  ${String(s.n).padStart(5)} ${String(s.resources).padStart(9)} ${fmt(s.ms.median, 'ms').padStart(7)} ${fmt(s.msPerResource, 'ms').padStart(7)} ${fmt(s.marginalMsPerResource, 'ms').padStart(8)} ${fmt(s.wallMs.median, 'ms').padStart(8)} ${fmt(s.rssMB.median, 'MB').padStart(8)}   [${runsText(s.ms, 'ms')} | ${runsText(s.rssMB, 'MB')}]`);
    }
    if (r.scalingLean) {
      const s = r.scalingLean;
      p(`  ${String(s.n).padStart(5)} ${String(s.resources).padStart(9)} ${fmt(s.ms.median, 'ms').padStart(7)} ${fmt(s.msPerResource, 'ms').padStart(7)} ${''.padStart(8)} ${fmt(s.wallMs.median, 'ms').padStart(8)} ${fmt(s.rssMB.median, 'MB').padStart(8)}   [${runsText(s.ms, 'ms')} | ${runsText(s.rssMB, 'MB')}]  lean hook (proposal)`);
    }
    p('  ms = construct + validate + synth in the child (startup excluded); marginal = extra ms per extra resource vs the previous N');
  }
  if (r.suites) {
    p();
    p('SUITES');
    for (const [k, v] of Object.entries(r.suites)) {
      p(`  ${k.padEnd(10)} ${fmt(v.wallMs.median, 'ms').padStart(7)} ms   [${runsText(v.wallMs, 'ms')}]   ${v.command}: ${v.summary}${v.exitCodes.some((c) => c !== 0) ? `  (exit codes ${v.exitCodes.join(' ')})` : ''}`);
    }
  }
  if (r.profiles) {
    for (const [label, summary] of Object.entries(r.profiles)) {
      p();
      p(`PROFILE ${label}`);
      p(profile.format({ ...summary, inclusive: summary.inclusive.slice(0, 8), self: summary.self.slice(0, 8) }));
    }
  }
  for (const [name, message] of Object.entries(r.errors || {})) {
    p();
    p(`ERROR in ${name}: ${message.split('\n').slice(0, 12).join('\n    ')}`);
  }
  p();
  p('BUDGETS');
  for (const b of r.budgets) {
    const value = b.value === null ? 'n/a' : fmt(b.value, b.unit) + (b.unit === 'x' ? '' : ` ${b.unit}`);
    p(`  ${b.status}  ${b.name.padEnd(28)} ${value.padStart(9)}  (budget ${b.unit === 'x' ? '≤ ' + b.limit + 'x' : '≤ ' + b.limit + ' ' + b.unit})`);
  }
}

// ---------------------------------------------------------------- main

function gitInfo() {
  const git = (...args) => spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' });
  const head = git('rev-parse', '--short', 'HEAD');
  const status = git('status', '--porcelain');
  return { commit: head.status === 0 ? head.stdout.trim() : 'unknown', dirty: status.status === 0 ? status.stdout.trim() !== '' : undefined };
}

function main() {
  const o = parseArgs(process.argv.slice(2));
  const tty = process.stderr.isTTY;
  const progress = (msg) => {
    if (tty) process.stderr.write(`\r\x1b[K  bench: ${msg}`);
  };
  const started = Date.now();
  const cpus = os.cpus();
  const r = {
    version: 1,
    timestamp: new Date().toISOString(),
    command: `npm run bench${process.argv.length > 2 ? ' -- ' + process.argv.slice(2).join(' ') : ''}`,
    machine: { cpus: cpus.length, cpuModel: (cpus[0] && cpus[0].model) || 'unknown', memGB: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.release()}` },
    git: gitInfo(),
    appCommand: APP.text,
    // 1-minute load average before and after: other work on a shared machine makes every figure noisier.
    loadAverage: { start: os.loadavg()[0] },
    rssMethod: rssMethod(),
    options: { runs: o.runs, scalingRuns: o.scalingRuns, suiteRuns: o.suiteRuns, sizes: o.sizes, skip: [...o.skip] },
    budgetsDefined: BUDGETS,
  };
  if (!hasGnuTime()) progress('GNU time not found: peak RSS from a preload');

  // A section that fails (e.g. a stack that does not build) is reported and the others still run.
  r.errors = {};
  const section = (name, fn) => {
    try {
      fn();
    } catch (e) {
      r.errors[name] = e.message;
    }
  };
  section('synth', () => (r.synth = measureStartupAndApp(o, progress, r.errors)));
  if (!o.skip.has('cli')) section('cli', () => (r.cli = measureCli(o, progress)));
  if (!o.skip.has('perstack')) section('per-stack', () => (r.perStack = measurePerStack(o, progress)));
  if (!o.skip.has('scaling') && o.sizes.length) {
    section('scaling', () => {
      const { rows, lean } = measureScaling(o, progress);
      r.scaling = rows;
      if (lean) r.scalingLean = lean;
    });
  }
  const suites = {};
  if (!o.skip.has('test')) section('test', () => (suites.test = measureSuite('npm test', 'npm', ['test', '--silent'], o.suiteRuns, progress)));
  if (!o.skip.has('tsc')) section('tsc', () => (suites.typecheck = measureSuite('tsc --noEmit', process.execPath, [path.join('node_modules', 'typescript', 'bin', 'tsc'), '--noEmit'], o.suiteRuns, progress)));
  if (Object.keys(suites).length) r.suites = suites;
  if (o.profile) section('profile', () => (r.profiles = profileRuns(o, progress)));
  r.budgets = budgets(r);
  r.benchSeconds = (Date.now() - started) / 1000;
  r.loadAverage.end = os.loadavg()[0];
  if (tty) process.stderr.write('\r\x1b[K');

  printReport(r, o);
  if (Object.keys(r.errors).length) process.exitCode = 1;
  const compareWith = o.compare || (fs.existsSync(path.join(RESULTS, 'baseline.json')) ? path.join(RESULTS, 'baseline.json') : undefined);
  if (compareWith) {
    console.log();
    console.log(compare(JSON.parse(fs.readFileSync(compareWith, 'utf8')), r));
  }
  if (o.save) {
    fs.mkdirSync(RESULTS, { recursive: true });
    const text = JSON.stringify(r, null, 2) + '\n';
    fs.writeFileSync(path.join(RESULTS, 'latest.json'), text);
    const stamped = path.join(RESULTS, `${r.timestamp.replace(/[:.]/g, '-')}.json`);
    fs.writeFileSync(stamped, text);
    console.log();
    console.log(`bench took ${r.benchSeconds.toFixed(0)} s; results: ${path.relative(ROOT, path.join(RESULTS, 'latest.json'))} and ${path.relative(ROOT, stamped)}`);
  }
}

try {
  main();
} catch (e) {
  console.error(`bench: ${e.message}`);
  process.exit(1);
}
