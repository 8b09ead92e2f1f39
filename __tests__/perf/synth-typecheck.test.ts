/**
 * Issue 12 point 2: the README's synth command (cdktf.json's app, `node scripts/synth.js <entry>`)
 * type-checks the app while it synthesizes, and a type error fails it with nothing written.
 * The app below misspells two props of PostgresDatabase: without the checks, synth silently
 * built the defaults (deletion_protection = true, multi_az = false). With the type-check off, the
 * runtime unknown-key check still refuses them.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..', '..');
// A fixed path (gitignored .scratch/): the type-check state is kept per entry file, so reruns are incremental.
const DIR = path.join(ROOT, '.scratch', 'synth-typecheck-test');
const ENTRY = path.join(DIR, 'app.ts');

const APP = `import { App } from 'cdktf';
import { AwsStack } from '../../lib/aws/aws-stack';
import { PostgresDatabase } from '../../lib/aws/database';
import { synthApp } from '../../lib/core/app';

const app = new App();
const stack = new AwsStack(app, 'typo', { architecture: 'typo', environment: 'prod', region: 'us-east-1', backend: { type: 'local' } });
new PostgresDatabase(stack, 'Db', {
  identifier: 'prod-typo-db',
  vpcId: 'vpc-1',
  subnets: { ids: ['subnet-a', 'subnet-b'], azs: ['us-east-1a', 'us-east-1b'] },
  deletionProtecton: false,
  multiAZ: true,
});
synthApp(app, { exitOnError: true });
`;

function synth(env: Record<string, string>) {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'synth-typecheck-'));
  outdirs.push(outdir);
  const r = spawnSync(process.execPath, ['scripts/synth.js', ENTRY], {
    cwd: ROOT,
    env: { ...process.env, CDKTF_STACKS: '', CDKTF_OUTDIR: outdir, CDKTF_SYNTH_WORKERS: '1', ...env },
    encoding: 'utf8',
  });
  return { ...r, outdir };
}

const outdirs: string[] = [];
afterAll(() => outdirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

jest.setTimeout(240_000); // one incremental tsc of lib/ on a shared 2-core machine

test('a misspelled prop fails the synth command with tsc file:line diagnostics, and no stack is written', () => {
  fs.mkdirSync(DIR, { recursive: true });
  if (!fs.existsSync(ENTRY) || fs.readFileSync(ENTRY, 'utf8') !== APP) fs.writeFileSync(ENTRY, APP);

  // With the type-check off, the runtime key check (requireProps → unknownPropErrors) still fails synth:
  // both typos at once, with the likely fix, and nothing written (before either check this synthesized
  // deletion_protection = true, multi_az = false).
  const unchecked = synth({ CDKTF_TYPECHECK: '0' });
  expect(unchecked.status).toBe(1);
  expect(unchecked.stderr).toContain('typo/Db: PostgresDatabase has no prop of this name, so it would be ignored (got "deletionProtecton"); did you mean "deletionProtection"?');
  expect(unchecked.stderr).toContain('(got "multiAZ"); did you mean "multiAz"?');
  // (cdktf's App creates an empty stacks/ folder up front; no file is written.)
  expect(fs.readdirSync(unchecked.outdir, { recursive: true }).filter((f) => fs.statSync(path.join(unchecked.outdir, String(f))).isFile())).toEqual([]);

  const checked = synth({});
  expect(checked.status).toBe(1);
  const rel = path.relative(ROOT, ENTRY);
  // tsc reports the first unknown key of an object literal (multiAZ shows once deletionProtecton is fixed).
  expect(checked.stderr).toContain('synth aborted, nothing was written: 1 type error (tsc)');
  expect(checked.stderr).toMatch(new RegExp(`${rel.replace(/[.]/g, '\\.')}:12:3 - error TS2561: .*'deletionProtecton' does not exist in type 'PostgresDatabaseProps'. Did you mean to write 'deletionProtection'\\?`));
  expect(checked.stderr).toContain('CDKTF_TYPECHECK=0');
  // Nothing written: no stacks, no manifest, no staging directory left behind.
  expect(fs.readdirSync(checked.outdir)).toEqual([]);
});

// Issue 15: a passing check is recorded (size + mtime of every repository file of tsc's program and the
// list of .ts files under lib/, stacks/, config/), so an unchanged app skips starting tsc (~0.3 s), and
// any edit after the record runs tsc again.
test('an unchanged app skips tsc after a passing check; an edit after it runs tsc again and is caught', () => {
  const dir = path.join(ROOT, '.scratch', 'synth-typecheck-stamps');
  const entry = path.join(dir, 'app.ts');
  const good = APP.replace('  deletionProtecton: false,\n  multiAZ: true,\n', '  deletionProtection: false,\n');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(entry, good);
  const run = (env: Record<string, string> = {}) => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'synth-typecheck-'));
    outdirs.push(outdir);
    const r = spawnSync(process.execPath, ['scripts/synth.js', entry], {
      cwd: ROOT,
      env: { ...process.env, CDKTF_STACKS: '', CDKTF_OUTDIR: outdir, CDKTF_SYNTH_WORKERS: '1', CDKTF_SYNTH_VERBOSE: '1', CDKTF_TYPECHECK_STAMPS: '', ...env },
      encoding: 'utf8',
    });
    return { ...r, outdir, ranTsc: /typecheck: tsc -b exited/.test(r.stderr), skipped: /typecheck: up to date \(stamps of \d+ files\)/.test(r.stderr) };
  };
  const first = run();
  expect(first.status).toBe(0);
  expect(first.ranTsc).toBe(true);
  const second = run();
  expect(second.status).toBe(0);
  expect(second.skipped).toBe(true);
  expect(second.ranTsc).toBe(false);
  expect(fs.readdirSync(path.join(second.outdir, 'stacks'))).toEqual(['typo']);
  // CDKTF_TYPECHECK_STAMPS=0 starts tsc anyway; its pass keeps the record, so the next run skips again.
  expect(run({ CDKTF_TYPECHECK_STAMPS: '0' }).ranTsc).toBe(true);
  expect(run().skipped).toBe(true);

  // A type error written after the record: the stamps differ, tsc runs and fails the synth.
  fs.writeFileSync(entry, `${good}const n: number = 'x';\nvoid n;\n`);
  const edited = run();
  expect(edited.ranTsc).toBe(true);
  expect(edited.status).toBe(1);
  expect(edited.stderr).toContain("error TS2322: Type 'string' is not assignable to type 'number'.");
  expect(fs.readdirSync(edited.outdir)).toEqual([]);
  // A failing check records nothing: the next run checks again (and still fails).
  const again = run();
  expect(again.ranTsc).toBe(true);
  expect(again.status).toBe(1);
});
