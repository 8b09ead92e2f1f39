'use strict';
/**
 * The TypeScript loader `cdktf synth` starts the app with (cdktf.json: `node scripts/synth.js`, which
 * preloads this file; `node -r ./scripts/register.js main.ts` also works).
 *
 * Two caches under node_modules/.cache/cdktf-synth/ make a warm run load no compiler at all:
 *
 * 1. Transpiled TypeScript, keyed by content. A `.ts` file is hashed (with its path, tsconfig.json and
 *    the @swc-node/register and @swc/core versions); on a hit the cached CommonJS is used as is. Only on a
 *    miss is @swc-node/register's `compile` loaded (it reads tsconfig.json through `typescript`, ~0.2 s),
 *    so the output is exactly what `-r @swc-node/register` emits. Transpile only, no type-check (that is
 *    `npm run typecheck`), and no stored source maps: with them every Error stack is rewritten through
 *    source-map-support, which made synth several times slower (the map stays inline for debuggers).
 *
 * 2. V8 code cache for every CommonJS module the app loads (cdktf, constructs, the provider classes and
 *    our transpiled files): `vm.Script` with `cachedData`, produced after the run (so it holds the
 *    functions that actually ran) and keyed by the file's content hash, since V8 itself only checks the
 *    source length. Node 20 has no `module.enableCompileCache()` (that is Node 22), so this is done here.
 *
 * Switches: CDKTF_SYNTH_CACHE=0 disables both caches (plain @swc-node/register behaviour),
 * CDKTF_SYNTH_CODE_CACHE=0 only the V8 code cache, CDKTF_SYNTH_CACHE_DIR moves the cache.
 * Delete the directory to start cold; entries are never reused for changed content.
 */
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const Module = require('module');
const vm = require('vm');

process.env.SWC_NODE_SOURCE_MAP_MODE = process.env.SWC_NODE_SOURCE_MAP_MODE || 'inline';

const ROOT = path.resolve(__dirname, '..');
const ENABLED = process.env.CDKTF_SYNTH_CACHE !== '0';
const CODE_CACHE = ENABLED && process.env.CDKTF_SYNTH_CODE_CACHE !== '0';

if (!ENABLED) {
  require('@swc-node/register');
} else if (!global.__cdktfSynthRegister) {
  global.__cdktfSynthRegister = true;
  install();
}

function sha1(...parts) {
  const h = crypto.createHash('sha1');
  for (const p of parts) h.update(p);
  return h.digest('hex');
}

function versionOf(pkg) {
  try {
    return JSON.parse(fs.readFileSync(require.resolve(`${pkg}/package.json`, { paths: [ROOT] }), 'utf8')).version;
  } catch {
    return '?';
  }
}

/** Writes a file atomically (temp file + rename): concurrent runs never see half a cache entry. */
function writeAtomic(file, data) {
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    fs.writeFileSync(tmp, data);
    fs.renameSync(tmp, file);
  } catch {
    try {
      fs.rmSync(tmp, { force: true });
    } catch {
      /* a cache that cannot be written only costs speed */
    }
  }
}

function install() {
  const base = process.env.CDKTF_SYNTH_CACHE_DIR || path.join(ROOT, 'node_modules', '.cache', 'cdktf-synth');
  // One directory per Node version and architecture: V8 rejects code cache from another build anyway.
  const dir = path.join(base, `${process.version}-${process.arch}`);
  const jsDir = path.join(dir, 'js');
  const v8Dir = path.join(dir, 'v8');
  try {
    fs.mkdirSync(jsDir, { recursive: true });
    fs.mkdirSync(v8Dir, { recursive: true });
  } catch {
    /* unwritable: every lookup misses, every write is dropped */
  }

  // ---- 1. transpiled TypeScript, content-keyed
  let tsconfig = '';
  try {
    tsconfig = fs.readFileSync(path.join(ROOT, 'tsconfig.json'), 'utf8');
  } catch {
    /* no tsconfig: @swc-node/register's defaults, keyed as such */
  }
  const salt = [versionOf('@swc-node/register'), versionOf('@swc/core'), process.env.SWC_NODE_SOURCE_MAP_MODE, process.env.SWCRC || '', tsconfig].join('\0');
  let swc; // { compile, options }, loaded on the first miss only
  const loadSwc = () => {
    if (!swc) {
      const { compile } = require('@swc-node/register/register');
      const { readDefaultTsConfig } = require('@swc-node/register/read-default-tsconfig');
      const options = readDefaultTsConfig();
      options.module = 1; // ts.ModuleKind.CommonJS, as @swc-node/register's register() sets it
      swc = { compile, options };
    }
    return swc;
  };
  const transpile = (source, filename) => {
    const file = path.join(jsDir, `${sha1(salt, '\0', filename, '\0', source)}.js`);
    try {
      return fs.readFileSync(file, 'utf8');
    } catch {
      const { compile, options } = loadSwc();
      const code = compile(source, filename, { ...options });
      writeAtomic(file, code);
      return code;
    }
  };
  const compileTs = (module, filename) => {
    module._compile(transpile(fs.readFileSync(filename, 'utf8'), filename), filename);
  };
  for (const ext of ['.ts', '.tsx', '.mts', '.cts']) require.extensions[ext] = compileTs;

  if (!CODE_CACHE) return;

  // ---- 2. V8 code cache for every CommonJS module
  const pending = []; // scripts whose cache is missing or was rejected: written at exit
  const importModuleDynamically = vm.constants && vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER;
  const originalCompile = Module.prototype._compile;

  Module.prototype._compile = function compileWithCodeCache(content, filename) {
    // Leave anything unusual to Node: policy manifests, inspector break-on-start.
    if (typeof content !== 'string' || process.execArgv.some((a) => a.startsWith('--inspect-brk') || a.startsWith('--experimental-policy'))) {
      return originalCompile.call(this, content, filename);
    }
    const mod = this;
    const body = content.startsWith('#!') ? `//${content.slice(2)}` : content; // a shebang is not valid inside the wrapper
    const hash = sha1(filename, '\0', body);
    const cacheFile = path.join(v8Dir, `${hash}.bin`);
    let cachedData;
    try {
      cachedData = fs.readFileSync(cacheFile);
    } catch {
      cachedData = undefined;
    }
    const script = new vm.Script(Module.wrap(body), { filename, cachedData, importModuleDynamically });
    if (cachedData === undefined || script.cachedDataRejected) pending.push({ script, cacheFile });

    const require = function require(id) {
      return mod.require(id);
    };
    require.resolve = (request, options) => Module._resolveFilename(request, mod, false, options);
    require.resolve.paths = (request) => Module._resolveLookupPaths(request, mod);
    require.main = process.mainModule;
    require.extensions = Module._extensions;
    require.cache = Module._cache;

    const fn = script.runInThisContext({ displayErrors: true });
    return fn.call(mod.exports, mod.exports, require, mod, filename, path.dirname(filename));
  };

  // After the run the cache also holds the functions that were compiled lazily while it ran.
  process.once('exit', () => {
    for (const { script, cacheFile } of pending) {
      try {
        writeAtomic(cacheFile, script.createCachedData());
      } catch {
        /* skip */
      }
    }
  });
}
