'use strict';
/**
 * PROPOSAL (measured by `npm run bench` as "main.ts, lean hook"): a minimal
 * TypeScript require hook for `cdktf synth`, in place of
 * `-r ./scripts/register.js` (which wraps @swc-node/register).
 *
 * scripts/register.js already stops @swc-node/register from installing
 * source-map-support (which rewrote every stack trace cdktf captures, one per
 * token it creates). What @swc-node/register still costs every synth is
 * loading the whole `typescript` compiler (~9 MB of JS) only to read
 * tsconfig.json: about 0.2-0.3 s and 30 MB of peak RSS here.
 *
 * This hook only strips types with @swc/core (already a devDependency) and
 * emits CommonJS; no source maps, so stack traces point at the emitted
 * JavaScript. Type-checking stays `tsc --noEmit`.
 *
 * Use: node -r ./bench/lib/fast-register.js main.ts
 */
const fs = require('fs');
const { transformSync } = require('@swc/core');

const OPTIONS = {
  swcrc: false,
  configFile: false,
  jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
  module: { type: 'commonjs' },
  sourceMaps: false,
};

function compileTs(module, filename) {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), { ...OPTIONS, filename });
  module._compile(code, filename);
}

// require.extensions is deprecated for new loaders but remains the supported hook for CommonJS (pirates uses it too).
require.extensions['.ts'] = compileTs;
