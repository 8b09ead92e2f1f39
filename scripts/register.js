// Loads TypeScript through swc for `cdktf synth` (see cdktf.json): transpile only, no type-check
// (that is `npm run typecheck`), and no stored source maps: with them every Error stack is
// rewritten through source-map-support, which made synth several times slower.
process.env.SWC_NODE_SOURCE_MAP_MODE = process.env.SWC_NODE_SOURCE_MAP_MODE || 'inline';
require('@swc-node/register');
