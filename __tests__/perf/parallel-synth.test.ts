/**
 * The parallel runner (scripts/synth.js) and the caching loader (scripts/register.js) must write
 * exactly what a serial run writes: every file of cdktf.out is compared byte for byte.
 * Timings are measured by `npm run bench`, never asserted here.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..', '..');

function synth(args: string[], env: Record<string, string>): { outdir: string; stderr: string } {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'perf-synth-'));
  const r = spawnSync(process.execPath, args, {
    cwd: ROOT,
    // The type-check (issue 12) is tested in synth-typecheck.test.ts; here it runs once, in the serial runner run.
    env: { ...process.env, CDKTF_STACKS: '', CDKTF_OUTDIR: outdir, CDKTF_SYNTH_VERBOSE: '1', CDKTF_TYPECHECK: '0', ...env },
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed (${r.status}):\n${r.stderr}`);
  return { outdir, stderr: r.stderr };
}

/** Every file under `dir`, relative, sorted. */
function files(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(path.relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

function expectIdentical(a: string, b: string): void {
  const fa = files(a);
  expect(files(b)).toEqual(fa);
  for (const f of fa) {
    const same = fs.readFileSync(path.join(a, f)).equals(fs.readFileSync(path.join(b, f)));
    if (!same) throw new Error(`${f} differs between ${a} and ${b}`);
  }
}

jest.setTimeout(180_000); // fresh-process synths on a shared machine

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('parallel synth writes what a serial synth writes', () => {
  let reference: string;

  beforeAll(() => {
    // No caches, no lazy imports, no runner: the loader as it was (@swc-node/register).
    reference = synth(['-r', './scripts/register.js', 'main.ts'], { CDKTF_SYNTH_CACHE: '0' }).outdir;
    dirs.push(reference);
  });

  test('the whole app: serial runner (which also writes the plan), then two worker groups, byte-identical', () => {
    // With the type-check on, the serial runner synthesizes into a staging dir and moves the result.
    const serial = synth(['scripts/synth.js', 'main.ts'], { CDKTF_SYNTH_WORKERS: '1', CDKTF_TYPECHECK: '1', CDKTF_TYPECHECK_STAMPS: '0' });
    dirs.push(serial.outdir);
    expect(serial.stderr).toMatch(/typecheck: tsc -b exited 0/);
    expectIdentical(reference, serial.outdir);

    const parallel = synth(['scripts/synth.js', 'main.ts'], { CDKTF_SYNTH_WORKERS: '2', CDKTF_SYNTH_WORKER_COST: '0' });
    dirs.push(parallel.outdir);
    expect(parallel.stderr).toMatch(/group 1: /); // it really ran in two groups
    expectIdentical(reference, parallel.outdir);
    expect(fs.readdirSync(parallel.outdir).sort()).toEqual(['manifest.json', 'policy', 'stacks']); // no staging directory left
  });

  test('a selection in two groups writes exactly the selected stacks, byte-identical to those of the whole app', () => {
    const selection = ['canalco-prod', 'stockwiz-dev', 'tfstate-aws'];
    const parallel = synth(['scripts/synth.js', 'main.ts'], { CDKTF_STACKS: selection.join(','), CDKTF_SYNTH_WORKERS: '2', CDKTF_SYNTH_WORKER_COST: '0' });
    dirs.push(parallel.outdir);
    expect(parallel.stderr).toMatch(/group 1: /);
    expect(fs.readdirSync(path.join(parallel.outdir, 'stacks')).sort()).toEqual(selection);
    for (const s of selection) expectIdentical(path.join(reference, 'stacks', s), path.join(parallel.outdir, 'stacks', s));
    // The manifest holds the same entries as the whole app's, for these stacks only.
    const whole = JSON.parse(fs.readFileSync(path.join(reference, 'manifest.json'), 'utf8'));
    const part = JSON.parse(fs.readFileSync(path.join(parallel.outdir, 'manifest.json'), 'utf8'));
    expect(part).toEqual({ version: whole.version, stacks: Object.fromEntries(selection.map((s) => [s, whole.stacks[s]])) });
  });
});

describe('the runner\'s partition', () => {
  const { partition } = require('../../scripts/synth.js') as { partition: (plan: unknown, n: number) => { groups: { stacks: string[]; load: number }[]; total: number } };
  const stack = (constructs: number, providers: string[]) => ({ constructs, dependencies: [], providers });
  // By construct counts alone, a-big + z-small against z-big + a-small balance best (2.2 x 1200 vs 2.2 x 1600);
  // loading a provider costs 500, so each cloud in its own group ends lower (max 2.2 x 1700 + 500 against 2.2 x 1600 + 1000).
  const plan = {
    version: 1,
    architectures: ['a-big', 'a-small', 'z-big', 'z-small'],
    stacks: {
      'a-big-dev': stack(1000, ['aws']),
      'a-small-dev': stack(700, ['aws']),
      'z-big-dev': stack(900, ['azurerm']),
      'z-small-dev': stack(200, ['azurerm']),
    },
  };

  test('keeps the stacks of one provider in one group, so each worker loads one provider', () => {
    const { groups, total } = partition(plan, 2);
    expect(groups.map((g) => [...g.stacks].sort())).toEqual([
      ['a-big-dev', 'a-small-dev'],
      ['z-big-dev', 'z-small-dev'],
    ]);
    // Serial: every construct built (2.2x with synthesis) and each provider loaded once.
    expect(total).toBeCloseTo(2.2 * 2800 + 2 * 500);
    expect(groups[0].load).toBeCloseTo(2.2 * 1700 + 500);
  });

  test('without provider costs (CDKTF_SYNTH_PROVIDER_COST=0) it balances construct counts only', () => {
    process.env.CDKTF_SYNTH_PROVIDER_COST = '0';
    try {
      const { groups } = partition(plan, 2);
      expect(groups.map((g) => [...g.stacks].sort())).toEqual([
        ['a-small-dev', 'z-big-dev'],
        ['a-big-dev', 'z-small-dev'],
      ]);
    } finally {
      delete process.env.CDKTF_SYNTH_PROVIDER_COST;
    }
  });
});
