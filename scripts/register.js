'use strict';
/* eslint-disable @typescript-eslint/no-this-alias -- the CommonJS wrapper needs the module as `mod` inside `require` */
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
 *    source length (installed packages by path, inode, size, mtime and ctime instead: see cacheKey).
 *    Node 20 has no `module.enableCompileCache()` (that is Node 22), so this is done here.
 *
 * 3. The entry file's imports of `stacks/` modules load on first use, so an architecture that
 *    `CDKTF_STACKS` (lib/core/select.ts) leaves out is never loaded; so does cdktf's `archiver`
 *    (only its child-process CLI zips with it).
 *
 * Switches: CDKTF_SYNTH_CACHE=0 disables all three (plain @swc-node/register behaviour),
 * CDKTF_SYNTH_CODE_CACHE=0 only the V8 code cache, CDKTF_SYNTH_LAZY=0 only the lazy imports,
 * CDKTF_SYNTH_CACHE_DIR moves the cache.
 * Delete the directory to start cold; entries are never reused for changed content.
 */
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const Module = require('module');
const vm = require('vm');

process.env.SWC_NODE_SOURCE_MAP_MODE = process.env.SWC_NODE_SOURCE_MAP_MODE || 'inline';

const ROOT = path.resolve(__dirname, '..');
const NODE_MODULES = `${path.sep}node_modules${path.sep}`;
const ENABLED = process.env.CDKTF_SYNTH_CACHE !== '0';
const CODE_CACHE = ENABLED && process.env.CDKTF_SYNTH_CODE_CACHE !== '0';
const LAZY_ENTRY = ENABLED && process.env.CDKTF_SYNTH_LAZY !== '0';

if (!ENABLED) {
  require('@swc-node/register');
} else if (!globalThis.__cdktfSynthRegister) {
  globalThis.__cdktfSynthRegister = true;
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

/**
 * The code-cache key of a module. Installed packages (~44 MB of JavaScript in a whole-app synth, ~60 ms
 * of hashing) are keyed by what git's index trusts: path, inode, size, mtime and ctime (a rewrite, a new
 * install or an edit in place changes ctime, which no tool can set back). Our own transpiled files are
 * keyed by content: their JavaScript also depends on the transpiler, not only on the file.
 */
function cacheKey(filename, body) {
  const stamp = filename.includes(NODE_MODULES) && filename.endsWith('.js') ? fileStamp(filename) : undefined;
  return stamp === undefined ? sha1(filename, '\0', body) : sha1('stat\0', filename, '\0', `${stamp}:${body.length}`);
}

/** `inode:size:mtime:ctime` (nanoseconds) of a file, or undefined when it cannot be read. */
function fileStamp(filename) {
  try {
    const st = fs.statSync(filename, { bigint: true });
    return `${st.ino}:${st.size}:${st.mtimeNs}:${st.ctimeNs}`;
  } catch {
    return undefined;
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

  // ---- 2. V8 code cache for every CommonJS module, and lazy `stacks/` imports of the entry file
  const pending = []; // scripts whose cache is missing or was rejected: written at exit
  const importModuleDynamically = vm.constants && vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER;
  const originalCompile = Module.prototype._compile;

  /**
   * cdktf and the provider classes ship an inline base64 source map at the end of every file: 70 % of
   * their bytes (~27 of the ~38 MB of installed JavaScript a whole-app synth reads, ~70 ms of reading and
   * decoding, and every byte of it kept in the heap as the module's source). Nothing in a synth reads
   * them (no --enable-source-maps, no source-map-support), so the loader keeps a copy of each file
   * without it next to its code cache (same key: path, inode, size, mtime, ctime) and reads that.
   * The code is unchanged, so are line and column numbers. CDKTF_SYNTH_STRIP_MAPS=0 (or
   * CDKTF_SYNTH_CODE_CACHE=0) reads the originals.
   */
  const originalJs = Module._extensions['.js'];
  const strippable = [`${NODE_MODULES}@cdktf${path.sep}provider-`, `${NODE_MODULES}cdktf${path.sep}lib${path.sep}`];
  const pendingSources = [];
  if (CODE_CACHE && process.env.CDKTF_SYNTH_STRIP_MAPS !== '0') {
    Module._extensions['.js'] = function loadWithoutInlineMap(module, filename) {
      if (!strippable.some((p) => filename.includes(p))) return originalJs.apply(this, arguments);
      const stamp = fileStamp(filename);
      if (stamp === undefined) return originalJs.apply(this, arguments);
      const copy = path.join(v8Dir, `${sha1('source\0', filename, '\0', stamp)}.js`);
      let content;
      try {
        content = fs.readFileSync(copy, 'utf8');
      } catch {
        content = fs.readFileSync(filename, 'utf8');
        const i = content.lastIndexOf('\n//# sourceMappingURL=data:');
        if (i < 0) return module._compile(content, filename);
        content = content.slice(0, i + 1);
        pendingSources.push({ copy, content });
      }
      return module._compile(content, filename);
    };
  }
  const stacksDir = path.join(ROOT, 'stacks') + path.sep;

  /**
   * The entry file (main.ts) imports every architecture module, but with a selection
   * (lib/core/select.ts) it calls only some `add...Stacks`. Its relative imports of `stacks/`
   * modules are therefore loaded on first use (what swc's `lazy` import option does): an
   * architecture that is not selected never loads its constructs or provider classes.
   * Without a selection every module is still loaded, each right before its `add...` call.
   */
  const lazyModule = (load) => {
    let exports;
    const target = () => (exports ??= load());
    return new Proxy(
      {},
      {
        get: (_, key) => target()[key],
        has: (_, key) => key in target(),
        ownKeys: () => Reflect.ownKeys(target()),
        getOwnPropertyDescriptor: (_, key) => {
          const d = Object.getOwnPropertyDescriptor(target(), key);
          return d && { ...d, configurable: true };
        },
      },
    );
  };
  // cdktf/lib/private/fs.js requires archiver (and through it glob, readable-stream, async...: ~200
  // modules, measured) at load, but only its CLI mode (`node fs.js src dest`, a child process that
  // archiveSync starts) ever calls it; lib/core/archive.ts zips in-process. It loads on first call.
  const cdktfFs = path.join('cdktf', 'lib', 'private', 'fs.js');
  const lazyCallable = (load) => {
    let fn;
    const target = () => (fn ??= load());
    return new Proxy(function lazyArchiver() {}, {
      apply: (_, self, args) => Reflect.apply(target(), self, args),
      construct: (_, args) => Reflect.construct(target(), args),
      get: (_, key) => target()[key],
      has: (_, key) => key in target(),
    });
  };
  const isEntry = (mod) => mod.id === '.' || mod.filename === globalThis.__cdktfSynthEntry;

  Module.prototype._compile = function compileWithCodeCache(content, filename, format) {
    // Leave anything unusual to Node: policy manifests, inspector break-on-start, and anything that is not
    // CommonJS: Node 20.19+ require()s ES modules (`"type": "module"` packages such as @hpcc-js/wasm-graphviz)
    // through _compile with format 'module', which the CommonJS wrapper below cannot parse.
    if (
      (format !== undefined && format !== 'commonjs') ||
      typeof content !== 'string' ||
      process.execArgv.some((a) => a.startsWith('--inspect-brk') || a.startsWith('--experimental-policy'))
    ) {
      return originalCompile.apply(this, arguments);
    }
    const mod = this;
    const body = content.startsWith('#!') ? `//${content.slice(2)}` : content; // a shebang is not valid inside the wrapper
    let cachedData;
    let cacheFile;
    if (CODE_CACHE) {
      cacheFile = path.join(v8Dir, `${cacheKey(filename, body)}.bin`);
      try {
        cachedData = fs.readFileSync(cacheFile);
      } catch {
        cachedData = undefined;
      }
    }
    const script = new vm.Script(Module.wrap(body), { filename, cachedData, importModuleDynamically });
    if (CODE_CACHE && (cachedData === undefined || script.cachedDataRejected)) pending.push({ script, cacheFile });

    const lazy = isEntry(mod) && LAZY_ENTRY;
    const lazyArchiver = LAZY_ENTRY && filename.endsWith(cdktfFs);
    const require = function require(id) {
      if (lazyArchiver && id === 'archiver') return lazyCallable(() => mod.require(id));
      if (lazy && id.startsWith('.')) {
        const resolved = Module._resolveFilename(id, mod, false);
        if (resolved.startsWith(stacksDir)) return lazyModule(() => mod.require(resolved));
      }
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
    for (const { copy, content } of pendingSources) writeAtomic(copy, content);
    for (const { script, cacheFile } of pending) {
      try {
        writeAtomic(cacheFile, script.createCachedData());
      } catch {
        /* skip */
      }
    }
  });
}
