'use strict';
/**
 * Summarizes a V8 CPU profile (`node --cpu-prof`): the functions with the most
 * self time and the most inclusive time, named `function file:line` with
 * paths shortened to the package or repository file.
 *
 * CLI: node bench/lib/profile.js <file.cpuprofile> [top]
 */
const fs = require('fs');

const path = require('path');

const REPO = path.resolve(__dirname, '..', '..') + path.sep;

function frameName(node) {
  const f = node.callFrame;
  let url = f.url.replace(/^file:\/\//, '');
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) url = url.slice(nm + 'node_modules/'.length);
  else if (url.startsWith(REPO)) url = url.slice(REPO.length);
  return `${f.functionName || '(anonymous)'} ${url}${url ? `:${f.lineNumber + 1}` : ''}`;
}

/** Returns { totalMs, self: [[name, ms]...], inclusive: [[name, ms]...] } sorted by time. */
function summarize(profile, top = 15) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children || []) parent.set(c, n.id);
  const selfUs = new Map();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) || 0) + (profile.timeDeltas[i] || 0)));
  const self = new Map();
  const inclusive = new Map();
  let total = 0;
  for (const [id, us] of selfUs) {
    total += us;
    const name = frameName(byId.get(id));
    self.set(name, (self.get(name) || 0) + us);
    const seen = new Set();
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const k = frameName(byId.get(cur));
      if (seen.has(k)) continue;
      seen.add(k);
      inclusive.set(k, (inclusive.get(k) || 0) + us);
    }
  }
  const sorted = (m) =>
    [...m]
      .filter(([k]) => !/^\((root|program|idle)\)/.test(k))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, us]) => [k, us / 1000]);
  // Inclusive time of Node's own module loader frames only says "most time is under require()": leave them out.
  for (const k of [...inclusive.keys()]) if (/ node:|^\(anonymous\) $| pirates\//.test(k)) inclusive.delete(k);
  return { totalMs: total / 1000, self: sorted(self), inclusive: sorted(inclusive) };
}

function format(summary) {
  const lines = [`  sampled ${summary.totalMs.toFixed(0)} ms`, '  self ms  function'];
  for (const [k, ms] of summary.self) lines.push(`  ${ms.toFixed(0).padStart(7)}  ${k}`);
  lines.push('  incl ms  function');
  for (const [k, ms] of summary.inclusive) lines.push(`  ${ms.toFixed(0).padStart(7)}  ${k}`);
  return lines.join('\n');
}

if (require.main === module) {
  const [file, top] = process.argv.slice(2);
  console.log(format(summarize(JSON.parse(fs.readFileSync(file, 'utf8')), Number(top) || 25)));
}

module.exports = { summarize, format };
