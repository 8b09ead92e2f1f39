/*
 * `npm run policy:coverage [-- --checkov <path>] [--json <file>]`: synthesizes the insecure fixture app
 * (__tests__/policy/fixture/insecure-app.ts) to a temporary directory, runs the policy packs and checkov
 * on the same JSON, and prints, per checkov id that fails there, the rule of ours that flags the same
 * resource, or "missing". The headline is the share of checkov failures (check id x resource) we match.
 *
 * A failure counts as matched when a rule of ours that names that checkov id flags the same resource, or a
 * resource directly connected to it by a reference (checkov's graph checks report a bucket for what its
 * aws_s3_bucket_acl says, or the load balancer for what its listener does; we report the resource holding
 * the attribute).
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildInsecureApp, MISCONFIGURATIONS } from '../__tests__/policy/fixture/insecure-app';
import { AWS_PACK, AZURE_PACK, checkTerraform } from '../lib/policy';

const args = process.argv.slice(2);
const opt = (name: string, dflt?: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : dflt);
const checkov = opt('--checkov', fs.existsSync('/work/venv-checkov/bin/checkov') ? '/work/venv-checkov/bin/checkov' : fs.existsSync('.venv/bin/checkov') ? '.venv/bin/checkov' : 'checkov')!;
const RULES = [...AWS_PACK.rules, ...AZURE_PACK.rules];

interface Failure {
  stack: string;
  id: string;
  name: string;
  resource: string;
  type: string;
}

function main(): void {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-coverage-'));
  // Plain synth (no packs attached): the fixture is meant to fail them; the JSON is what both tools read.
  const app = buildInsecureApp(outdir);
  app.synth();
  const failures: Failure[] = [];
  const ours = new Map<string, Set<string>>(); // `${stack}/${resource name}` -> rule ids that flag it
  const ruleTypes = new Map<string, string>(); // resource name -> type
  const neighbours = new Map<string, Set<string>>(); // `${stack}/${name}` -> names it references or is referenced by
  for (const stack of ['insecure-aws', 'insecure-azure']) {
    const file = path.join(outdir, 'stacks', stack, 'cdk.tf.json');
    const json = JSON.parse(fs.readFileSync(file, 'utf8'));
    for (const [type, byName] of Object.entries(json.resource ?? {})) {
      for (const [name, attrs] of Object.entries(byName as Record<string, unknown>)) {
        ruleTypes.set(`${stack}/${name}`, type);
        for (const m of JSON.stringify(attrs).matchAll(/\$\{[a-z0-9_]+\.([A-Za-z0-9_-]+)\./g)) {
          for (const [a, b] of [[name, m[1]], [m[1], name]]) (neighbours.get(`${stack}/${a}`) ?? neighbours.set(`${stack}/${a}`, new Set()).get(`${stack}/${a}`)!).add(b);
        }
      }
    }
    // The fixture's Azure stack asks for private endpoints (Policy.of(stack).settings in insecure-app.ts).
    for (const v of checkTerraform(json, RULES, { stage: 'production', settings: stack === 'insecure-azure' ? { privateEndpoints: true } : {} })) {
      const key = `${stack}/${v.address.split('.').pop()}`;
      (ours.get(key) ?? ours.set(key, new Set()).get(key)!).add(v.ruleId);
    }
    let out: string;
    try {
      out = execFileSync(checkov, ['-f', file, '--framework', 'terraform_json', '-o', 'json', '--quiet', '--compact', '--skip-download'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    } catch (e) {
      out = (e as { stdout?: string }).stdout ?? '';
      if (!out) throw e;
    }
    const parsed = JSON.parse(out);
    for (const r of Array.isArray(parsed) ? parsed : [parsed]) {
      for (const c of r.results?.failed_checks ?? []) {
        const name = String(c.resource).split('.').pop()!;
        failures.push({ stack, id: c.check_id, name: c.check_name, resource: name, type: ruleTypes.get(`${stack}/${name}`) ?? '?' });
      }
    }
  }
  fs.rmSync(outdir, { recursive: true, force: true });

  // Per failure: one of our rules that names this checkov id flags the same resource.
  const byId = new Map<string, { name: string; types: Set<string>; total: number; matched: number; rules: Set<string> }>();
  for (const f of failures) {
    const row = byId.get(f.id) ?? byId.set(f.id, { name: f.name, types: new Set(), total: 0, matched: 0, rules: new Set() }).get(f.id)!;
    row.types.add(f.type);
    row.total++;
    const near = [f.resource, ...(neighbours.get(`${f.stack}/${f.resource}`) ?? [])];
    const flagged = new Set(near.flatMap((n) => [...(ours.get(`${f.stack}/${n}`) ?? [])]));
    const rule = RULES.find((r) => r.checkov?.includes(f.id) && flagged.has(r.id));
    if (rule) {
      row.matched++;
      row.rules.add(rule.id);
    }
  }
  const rows = [...byId.entries()].sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }));
  console.log(`checkov on the insecure fixture (${MISCONFIGURATIONS.length} deliberate misconfigurations): ${failures.length} failures of ${rows.length} checks`);
  console.log(`${'checkov id'.padEnd(16)} ${'our rule'.padEnd(22)} ${'matched'.padStart(7)}  resource types · check`);
  for (const [id, r] of rows) {
    const rule = r.rules.size ? [...r.rules].join(',') : r.matched === 0 ? 'missing' : '';
    console.log(`${id.padEnd(16)} ${rule.padEnd(22)} ${`${r.matched}/${r.total}`.padStart(7)}  ${[...r.types].join(',')} · ${r.name}`);
  }
  const matched = failures.length ? rows.reduce((n, [, r]) => n + r.matched, 0) : 0;
  const ids = rows.filter(([, r]) => r.matched === r.total).length;
  const pct = (a: number, b: number) => (b ? ((100 * a) / b).toFixed(1) : '100.0');
  console.log(`\ncoverage: ${matched}/${failures.length} checkov failures matched by our rules (${pct(matched, failures.length)} %); ${ids}/${rows.length} checkov ids fully matched (${pct(ids, rows.length)} %)`);
  const json = opt('--json');
  if (json) fs.writeFileSync(json, JSON.stringify({ failures: failures.length, matched, ids: rows.length, idsMatched: ids, rows: rows.map(([id, r]) => ({ id, ...r, types: [...r.types], rules: [...r.rules] })) }, null, 2));
  process.exitCode = matched / Math.max(1, failures.length) >= 0.9 ? 0 : 1;
}

main();
