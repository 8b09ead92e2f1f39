/**
 * Issue 15: the synth command does not record a stack trace for every token cdktf creates (~12,000
 * captures, ~0.2 s of a whole-app synth); `creationStack` says how to get it, and CDKTF_SYNTH_TRACES=1
 * records it again, pointing at the line that created the token.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..', '..');
const DIR = path.join(ROOT, '.scratch', 'token-traces-test');
const ENTRY = path.join(DIR, 'app.ts');
const APP = `import { Lazy } from 'cdktf';

const token = Lazy.anyValue({ produce: () => 1 }) as unknown as { creationStack: string[] };
process.stdout.write(JSON.stringify(token.creationStack));
`;

function run(env: Record<string, string>): string[] {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'token-traces-'));
  try {
    const r = spawnSync(process.execPath, ['scripts/synth.js', ENTRY], {
      cwd: ROOT,
      env: { ...process.env, CDKTF_STACKS: '', CDKTF_OUTDIR: outdir, CDKTF_TYPECHECK: '0', CDKTF_SYNTH_WORKERS: '1', CDKTF_SYNTH_TRACES: '', ...env },
      encoding: 'utf8',
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    return JSON.parse(r.stdout);
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

jest.setTimeout(60_000);

beforeAll(() => {
  fs.mkdirSync(DIR, { recursive: true });
  if (!fs.existsSync(ENTRY) || fs.readFileSync(ENTRY, 'utf8') !== APP) fs.writeFileSync(ENTRY, APP);
});

test('by default a token records no creation stack, only how to get one', () => {
  expect(run({})).toEqual(['(token creation stack not recorded: rerun the synth with CDKTF_SYNTH_TRACES=1 to see where this token was created)']);
});

test('CDKTF_SYNTH_TRACES=1 records where the token was created', () => {
  const stack = run({ CDKTF_SYNTH_TRACES: '1' });
  expect(stack.length).toBeGreaterThan(1);
  expect(stack.some((l) => l.includes(path.join('.scratch', 'token-traces-test', 'app.ts:')))).toBe(true);
});

test("CDKTF_SYNTH_LAZY_TRACES=0 keeps cdktf's own capture", () => {
  const stack = run({ CDKTF_SYNTH_LAZY_TRACES: '0' });
  expect(Array.isArray(stack)).toBe(true);
  expect(stack.some((l) => l.includes(path.join('token-traces-test', 'app.ts:')))).toBe(true);
});
