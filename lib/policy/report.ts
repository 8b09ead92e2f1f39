import * as fs from 'fs';
import * as path from 'path';
import { StackReport } from './types';

/** Markdown table of a stack report: rule, resource, result, suppression reason. */
export function reportMarkdown(r: StackReport): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const lines = [
    `# Policy report: ${r.stack}`,
    '',
    `Stage ${r.stage}; packs ${r.packs.join(', ') || 'none'}; ${r.rules} rules, ${r.resources} resources, ${r.checks} checks; ` +
      `${r.errors.length} errors, ${r.warnings.length} warnings, ${r.findings.filter((f) => f.result === 'suppressed').length} suppressed.`,
    '',
    '| rule | resource | result | suppression reason |',
    '| --- | --- | --- | --- |',
  ];
  for (const f of r.findings) {
    const result = f.result === 'suppressed' ? 'suppressed' : f.severity === 'error' ? 'FAIL' : 'warning';
    lines.push(`| ${f.ruleId} | \`${f.path}\` | ${result} | ${esc(f.suppression ?? '')} |`);
  }
  for (const u of r.unusedSuppressions) lines.push(`| ${u.id} | \`${u.path}\` | unused suppression | ${esc(u.reason)} |`);
  if (r.findings.length === 0 && r.unusedSuppressions.length === 0) lines.push('| (none) | | pass | |');
  return `${lines.join('\n')}\n`;
}

/** Writes `<outdir>/policy/<stack>.json` and `.md`. */
export function writeReports(outdir: string, reports: readonly StackReport[]): void {
  const dir = path.join(outdir, 'policy');
  fs.mkdirSync(dir, { recursive: true });
  for (const r of reports) {
    fs.writeFileSync(path.join(dir, `${r.stack}.json`), `${JSON.stringify(r, null, 2)}\n`);
    fs.writeFileSync(path.join(dir, `${r.stack}.md`), reportMarkdown(r));
  }
}

/** The one-screen summary printed at the end of synth. */
export function summary(reports: readonly StackReport[]): string {
  const rows = reports.map((r) => ({
    stack: r.stack,
    stage: r.stage === 'production' ? 'prod' : 'non-prod',
    resources: r.resources,
    checks: r.checks,
    errors: r.errors.length,
    warnings: r.warnings.length,
    suppressed: r.findings.filter((f) => f.result === 'suppressed').length,
  }));
  const w = Math.max(24, ...rows.map((r) => r.stack.length));
  const out = [`policy: ${reports[0]?.packs.join(' + ') || 'no packs'}`, `  ${'stack'.padEnd(w)} stage     resources  checks  errors  warnings  suppressed`];
  for (const r of rows) {
    out.push(`  ${r.stack.padEnd(w)} ${r.stage.padEnd(9)} ${String(r.resources).padStart(9)} ${String(r.checks).padStart(7)} ${String(r.errors).padStart(7)} ${String(r.warnings).padStart(9)} ${String(r.suppressed).padStart(11)}`);
  }
  const sum = (k: 'errors' | 'warnings' | 'suppressed') => rows.reduce((n, r) => n + r[k], 0);
  out.push(`  total: ${sum('errors')} errors, ${sum('warnings')} warnings, ${sum('suppressed')} suppressed (reports in cdktf.out/policy/<stack>.md)`);
  return out.join('\n');
}
