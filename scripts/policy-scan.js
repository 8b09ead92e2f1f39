#!/usr/bin/env node
/*
 * Runs checkov on every cdktf.out/stacks/<stack>/cdk.tf.json (Terraform JSON),
 * prints passed / failed / skipped per stack, and fails when a failed check is
 * not listed in .checkov-skips. Its lines are `CHECK_ID [stack-glob[,stack-glob]] [construct path]: reason`:
 * generated ones (npm run policy:skips, from Policy.suppress / Policy.suppressCheckov in the code) name the
 * construct path relative to the stack and skip only resources under it; hand-kept ones may omit it.
 */
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const args = process.argv.slice(2);
const checkov = args.includes('--checkov') ? args[args.indexOf('--checkov') + 1] : 'checkov';
const root = path.resolve(__dirname, '..');
// --outdir lets several people scan private synth folders (CDKTF_OUTDIR=/tmp/x node -r @swc-node/register main.ts).
const outdir = args.includes('--outdir') ? path.resolve(args[args.indexOf('--outdir') + 1]) : path.join(root, 'cdktf.out');
const only = args.includes('--stack') ? args[args.indexOf('--stack') + 1] : undefined;
const stacksDir = path.join(outdir, 'stacks');

function loadSkips() {
  const file = path.join(root, '.checkov-skips');
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const m = /^(\S+)(?:\s+([^\s:]+))?(?:\s+([^\s:]+))?\s*:\s*(.+)$/.exec(l);
      if (!m) throw new Error(`.checkov-skips: line without "CHECK_ID [stack-glob] [path]: reason": ${l}`);
      const globs = (m[2] ?? '*').split(',').map((glob) => new RegExp(`^${glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`));
      return { id: m[1], stack: { test: (s) => globs.some((re) => re.test(s)) }, path: m[3], reason: m[4] };
    });
}

const skips = loadSkips();
const stacks = fs.readdirSync(stacksDir).filter((s) => fs.existsSync(path.join(stacksDir, s, 'cdk.tf.json')) && (!only || s === only)).sort();
if (stacks.length === 0) {
  console.error('policy-scan: no synthesized stacks in cdktf.out/stacks');
  process.exit(1);
}

let unexpected = 0;
const rows = [];
const used = new Set();
for (const stack of stacks) {
  const file = scannableCopy(path.join(stacksDir, stack, 'cdk.tf.json'));
  let out;
  try {
    out = execFileSync(checkov, ['-f', file, '--framework', 'terraform_json', '-o', 'json', '--quiet', '--compact', '--skip-download'], {
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    });
  } catch (e) {
    // checkov exits 1 when checks fail; its JSON is still on stdout.
    out = e.stdout;
    if (!out) throw e;
  }
  // Resource name -> construct path (checkov names terraform_json resources `<type>.<name>` or `resource.<name>`).
  const paths = new Map();
  const tf = JSON.parse(fs.readFileSync(file, 'utf8'));
  for (const byName of Object.values(tf.resource || {})) {
    for (const [name, r] of Object.entries(byName)) paths.set(name, (r['//'] && r['//'].metadata && r['//'].metadata.path) || '');
  }
  const under = (resource, rel) => {
    if (!rel) return true;
    const p = paths.get(String(resource).split('.').pop()) || '';
    const prefix = `${stack}/${rel}`;
    return p === prefix || p.startsWith(`${prefix}/`);
  };
  const parsed = JSON.parse(out);
  const reports = Array.isArray(parsed) ? parsed : [parsed];
  let passed = 0;
  let skipped = 0;
  const failed = [];
  for (const r of reports) {
    if (!r.results) continue;
    passed += r.summary ? r.summary.passed : 0;
    for (const c of r.results.failed_checks) {
      const skip = skips.find((s) => s.id === c.check_id && s.stack.test(stack) && under(c.resource, s.path));
      if (skip) {
        skipped++;
        used.add(skip);
      } else failed.push(c);
    }
  }
  unexpected += failed.length;
  // A stack checkov could not parse reports no check at all: that is a failed scan, not a clean one.
  if (passed + failed.length + skipped === 0) {
    console.log(`  FAIL ${stack}: checkov ran no check (it could not parse the stack; run it on ${file} to see why)`);
    unexpected++;
  }
  rows.push({ stack, passed, failed: failed.length, skipped });
  for (const c of failed) console.log(`  FAIL ${stack}: ${c.check_id} ${c.check_name} — ${c.resource}`);
}

console.log('\nstack                          passed  failed  skipped');
for (const r of rows) console.log(`${r.stack.padEnd(30)} ${String(r.passed).padStart(6)}  ${String(r.failed).padStart(6)}  ${String(r.skipped).padStart(7)}`);
for (const s of skips) if (!used.has(s)) console.log(`note: skip ${s.id} is no longer needed by any stack`);
console.log('\nchecks: skipped = failed but listed, with a reason, in .checkov-skips');
console.log(`checkov: ${rows.reduce((a, r) => a + r.passed, 0)} passed, ${unexpected} failed, ${rows.reduce((a, r) => a + r.skipped, 0)} skipped`);
process.exit(unexpected === 0 ? 0 : 1);

/**
 * checkov's terraform_json parser fails, and then reports 0 checks, on top-level
 * `moved` blocks (a list) and on the string `terraform.required_version`. Neither
 * describes a resource, so the scan reads a copy without them.
 */
function scannableCopy(file) {
  const tf = JSON.parse(fs.readFileSync(file, 'utf8'));
  const hasVersion = tf.terraform && tf.terraform.required_version !== undefined;
  if (!tf.moved && !hasVersion) return file;
  delete tf.moved;
  if (hasVersion) delete tf.terraform.required_version;
  const copy = path.join(require('os').tmpdir(), `policy-scan-${process.pid}-${path.basename(path.dirname(file))}.tf.json`);
  fs.writeFileSync(copy, JSON.stringify(tf));
  return copy;
}
