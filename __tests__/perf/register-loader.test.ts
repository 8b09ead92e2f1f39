import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..', '..');

describe('scripts/register.js (the caching loader synth uses)', () => {
  test('an ES-module package required from TypeScript loads (Node 20.19+ passes format "module" to _compile)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'register-'));
    const entry = path.join(ROOT, 'scripts', `.esm-probe-${process.pid}.ts`);
    fs.writeFileSync(entry, "const { Graphviz } = require('@hpcc-js/wasm-graphviz');\nconsole.log(typeof Graphviz.load);\n");
    try {
      // Twice: the cold run fills the caches, the warm run reads them.
      for (let i = 0; i < 2; i++) {
        const out = execFileSync(process.execPath, ['-r', './scripts/register.js', entry], { cwd: ROOT, env: { ...process.env, CDKTF_SYNTH_CACHE_DIR: dir }, encoding: 'utf8' });
        expect(out.trim()).toBe('function');
      }
    } finally {
      fs.rmSync(entry, { force: true });
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
