/*
 * Everything `npm run docs` writes, computed in memory from one synthesis:
 * docs/diagrams/<stack>.dot (+ .svg rendered from it), docs/envdiff/<arch>.md,
 * docs/cost/<stack>.md + README.md, and the generated README sections.
 * Deterministic: the same stacks give byte-identical files.
 */
import * as fs from 'fs';
import * as path from 'path';
import { costTotalsTable, generateCost, loadPriceTables, loadSeedEstimates, ROOT, seedComparison, StackCost } from './cost';
import { buildDiagram, dotHash } from './diagram';
import { envDiff, EnvDiff, envDiffSummary } from './envdiff';
import { architectures, Stack } from './model';

export interface Generated {
  /** path relative to the repo → content (SVGs excluded: rendered from the .dot by `writeAll`) */
  files: Map<string, string>;
  /** dot path → its sha256, which the committed SVG must carry */
  dots: Map<string, string>;
  diffs: EnvDiff[];
  costs: StackCost[];
}

/** The stack shown inline in the README. */
export const README_DIAGRAM = 'canalco-prod';

export function generateDiagrams(stacks: Stack[]): Map<string, string> {
  const files = new Map<string, string>();
  for (const s of stacks) files.set(`docs/diagrams/${s.name}.dot`, buildDiagram(s).dot);
  return files;
}

export function generateEnvdiffs(stacks: Stack[]): EnvDiff[] {
  return [...architectures(stacks).entries()].filter(([, ss]) => ss.length > 1).map(([a, ss]) => envDiff(a, ss));
}

export function generateAll(stacks: Stack[]): Generated {
  const files = generateDiagrams(stacks);
  const dots = new Map([...files.entries()].map(([p, d]) => [p, dotHash(d)]));
  const diffs = generateEnvdiffs(stacks);
  for (const d of diffs) files.set(`docs/envdiff/${d.arch}.md`, `${d.markdown}\n`);
  const tables = loadPriceTables();
  const seeds = loadSeedEstimates();
  const cost = generateCost(stacks, tables, seeds);
  for (const [p, c] of cost.files) files.set(p, c);
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  files.set('README.md', applySections(readme, readmeSections(stacks, diffs, cost.costs, seeds)));
  return { files, dots, diffs, costs: cost.costs };
}

export function readmeSections(stacks: Stack[], diffs: EnvDiff[], costs: StackCost[], seeds = loadSeedEstimates()): Map<string, string> {
  const m = new Map<string, string>();
  const diag: string[] = [];
  diag.push('## Architecture diagrams');
  diag.push('');
  diag.push('Drawn from the synthesized stacks by `npm run diagram` (Graphviz compiled to WebAssembly, in-process; no browser or system package):');
  diag.push('VPC / VNet → subnet groups with their CIDRs, resources labelled with kind, name and SKU / size, red edges for traffic the');
  diag.push('security groups / NSGs allow (with ports), blue dashed edges for references (app → database, queue → function, origin),');
  diag.push('the Internet and the entry points on top. Plumbing (route tables, rules, policies, diagnostic settings, IAM) is folded');
  diag.push('into its parent (`+N attached`) and repeated siblings are collapsed (`×N`). The DOT sources sit next to the SVGs.');
  diag.push('`npm run docs` regenerates every diagram, environment diff and cost page (and these README sections) from one');
  diag.push('in-process synthesis, byte for byte; `__tests__/docs/generated.test.ts` fails, naming the stale files and this command,');
  diag.push('when a committed output is out of date.');
  diag.push('');
  if (stacks.some((s) => s.name === README_DIAGRAM)) {
    diag.push(`![${README_DIAGRAM}](docs/diagrams/${README_DIAGRAM}.svg)`);
    diag.push('');
  }
  diag.push('| stack | diagram | resources |');
  diag.push('| --- | --- | ---: |');
  for (const s of stacks) diag.push(`| \`${s.name}\` | [svg](docs/diagrams/${s.name}.svg) · [dot](docs/diagrams/${s.name}.dot) | ${s.resources.length} |`);
  m.set('diagrams', diag.join('\n'));

  const ed: string[] = [];
  ed.push('## Differences between environments');
  ed.push('');
  ed.push('`npm run envdiff -- <architecture>` prints and writes `docs/envdiff/<architecture>.md`: named settings, SKUs and sizes,');
  ed.push('resources present in some environments only, and every attribute value that differs (read from the synthesized JSON).');
  ed.push('');
  for (const d of diffs) {
    ed.push(`### ${d.arch} ([full diff](docs/envdiff/${d.arch}.md))`);
    ed.push('');
    ed.push(envDiffSummary(d));
    ed.push('');
  }
  m.set('envdiff', ed.join('\n').trimEnd());

  const co: string[] = [];
  co.push('## Monthly cost');
  co.push('');
  co.push('`npm run cost` prints a monthly estimate per stack, line by line (resource, SKU, quantity, unit price, monthly), from the');
  co.push('dated price tables in `prices/` (list prices; no pricing API, no account, no network: where you would reach for');
  co.push('infracost, this works offline and in CI). Usage-based lines state');
  co.push('their assumption; unknown SKUs are listed, never priced at $0. The figures are **list prices as of the table\'s month and');
  co.push('drift**; each row names its source page, and the tables were compiled without access to those pages (see each file\'s');
  co.push('`note`): check a figure at its source before you quote it.');
  co.push(`Tables: ${loadPriceTables().map((t) => `\`${t.file}\``).join(', ')} (the newest file for a stack's cloud and region is used;`);
  co.push('add a new dated file when prices change). Line items: `docs/cost/<stack>.md`; summary: `docs/cost/README.md`.');
  co.push('');
  const byArch = architectures(costs.map((c) => c.stack));
  co.push('| architecture | ' + ['stack', 'monthly'].join(' | ') + ' |');
  co.push('| --- | --- | ---: |');
  for (const [a, ss] of byArch) {
    for (const s of ss) {
      const c = costs.find((x) => x.stack === s)!;
      const unpriced = c.unknownMeters.length + c.unpricedTypes.size + c.opaque.length;
      co.push(`| ${a} | [\`${s.name}\`](docs/cost/${s.name}.md) | $${c.total.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}${unpriced > 0 ? ` + ${unpriced} unpriced` : ''} |`);
    }
  }
  co.push('');
  co.push('Next to the seeds\' own estimates:');
  co.push('');
  co.push(seedComparison(costs, seeds, 'docs/cost/'));
  void costTotalsTable;
  m.set('cost', co.join('\n'));
  return m;
}

/** Replaces `<!-- name:begin -->…<!-- name:end -->`; appends the section at the end when the markers are missing. */
export function applySections(readme: string, sections: Map<string, string>): string {
  let out = readme;
  for (const [name, body] of sections) {
    const begin = `<!-- ${name}:begin -->`;
    const end = `<!-- ${name}:end -->`;
    const block = `${begin}\n${body}\n${end}`;
    const i = out.indexOf(begin);
    const j = out.indexOf(end);
    if (i >= 0 && j > i) out = out.slice(0, i) + block + out.slice(j + end.length);
    else out = `${out.trimEnd()}\n\n${block}\n`;
  }
  return out;
}
