import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..', '..');

/** Runs `entry` under the caching loader with its caches in `cacheDir`; returns stdout, trimmed. */
function load(entry: string, cacheDir: string, env: Record<string, string> = {}, cwd = ROOT): string {
  return execFileSync(process.execPath, ['-r', path.join(ROOT, 'scripts', 'register.js'), entry], { cwd, env: { ...process.env, CDKTF_SYNTH_CACHE_DIR: cacheDir, ...env }, encoding: 'utf8' }).trim();
}

describe('scripts/register.js (the caching loader synth uses)', () => {
  test('an ES-module package required from TypeScript loads (Node 20.19+ passes format "module" to _compile)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'register-'));
    const entry = path.join(ROOT, 'scripts', `.esm-probe-${process.pid}.ts`);
    fs.writeFileSync(entry, "const { Graphviz } = require('@hpcc-js/wasm-graphviz');\nconsole.log(typeof Graphviz.load);\n");
    try {
      // Twice: the cold run fills the caches, the warm run reads them.
      for (let i = 0; i < 2; i++) {
        expect(load(entry, dir)).toBe('function');
      }
    } finally {
      fs.rmSync(entry, { force: true });
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  test('an installed package edited in place (same length, same mtime) runs its new code, not the cached one', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'register-pkg-'));
    const cache = path.join(dir, 'cache');
    const pkg = path.join(dir, 'node_modules', 'probe');
    fs.mkdirSync(pkg, { recursive: true });
    const file = path.join(pkg, 'index.js');
    fs.writeFileSync(path.join(dir, 'entry.js'), "console.log(require('probe')());\n");
    const run = () => load(path.join(dir, 'entry.js'), cache, {}, dir);
    const entries = () => fs.readdirSync(cache, { recursive: true }).filter((f) => String(f).endsWith('.bin')).length;
    try {
      // npm extracts every file of every version with the same mtime (1985-10-26T08:15:00Z).
      const npmTime = 499162500;
      fs.writeFileSync(file, "module.exports = () => 'aaaa';\n");
      fs.utimesSync(file, npmTime, npmTime);
      expect(run()).toBe('aaaa');
      const cached = entries();
      expect(cached).toBeGreaterThanOrEqual(2); // entry.js and the package
      expect(run()).toBe('aaaa');
      expect(entries()).toBe(cached); // a warm run reuses every entry
      fs.writeFileSync(file, "module.exports = () => 'bbbb';\n");
      fs.utimesSync(file, npmTime, npmTime);
      expect(fs.statSync(file).mtimeMs).toBe(npmTime * 1000);
      expect(run()).toBe('bbbb');
      expect(entries()).toBe(cached + 1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  test("cdktf's archiver is not loaded until called (only cdktf's child-process zip CLI uses it)", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'register-lazy-'));
    const entry = path.join(ROOT, 'scripts', `.lazy-probe-${process.pid}.ts`);
    fs.writeFileSync(
      entry,
      [
        "import { App } from 'cdktf';",
        'void App;',
        "const loaded = () => Object.keys(require.cache).some((f) => f.includes('/node_modules/archiver/'));",
        'const before = loaded();',
        // Requiring it explicitly still gives the real package.
        "const archiver = require(require.resolve('archiver', { paths: [require.resolve('cdktf')] }));",
        "console.log(JSON.stringify({ before, type: typeof archiver('zip').pipe, after: loaded() }));",
      ].join('\n'),
    );
    try {
      expect(JSON.parse(load(entry, dir))).toEqual({ before: false, type: 'function', after: true });
      expect(JSON.parse(load(entry, dir, { CDKTF_SYNTH_LAZY: '0' })).before).toBe(true);
    } finally {
      fs.rmSync(entry, { force: true });
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  test("a provider package's inline source map is not read: a copy without it is cached, code and line numbers unchanged", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'register-map-'));
    const cache = path.join(dir, 'cache');
    const pkg = path.join(dir, 'node_modules', '@cdktf', 'provider-probe', 'lib');
    fs.mkdirSync(pkg, { recursive: true });
    const map = `//# sourceMappingURL=data:application/json;base64,${Buffer.from('{"version":3}').toString('base64')}`;
    fs.writeFileSync(path.join(pkg, 'index.js'), `\nmodule.exports = () => new Error('x').stack.split('\\n')[1];\n${map}\n`);
    fs.writeFileSync(path.join(dir, 'entry.js'), "console.log(require('@cdktf/provider-probe/lib')());\n");
    const run = () => load(path.join(dir, 'entry.js'), cache, {}, dir);
    try {
      for (let i = 0; i < 2; i++) expect(run()).toMatch(/provider-probe[\\/]lib[\\/]index\.js:2:\d+\)$/); // cold, then from the copy
      const copies = fs
        .readdirSync(cache, { recursive: true })
        .map((f) => path.join(cache, String(f)))
        .filter((f) => f.endsWith('.js') && fs.readFileSync(f, 'utf8').includes("new Error('x')"));
      expect(copies).toHaveLength(1);
      expect(fs.readFileSync(copies[0], 'utf8')).toBe("\nmodule.exports = () => new Error('x').stack.split('\\n')[1];\n");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
