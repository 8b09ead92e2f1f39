/*
 * npm run diagram            → docs/diagrams/<stack>.dot + .svg, README diagram section
 * npm run envdiff -- [arch]  → prints the diff, writes docs/envdiff/<arch>.md, README envdiff section
 * npm run cost -- [stack]    → prints the estimates, writes docs/cost/*.md, README cost section
 * npm run docs               → all of the above from one synthesis
 * Options: --from <dir> reads an existing synth (e.g. cdktf.out) instead of synthesizing main.ts in-process.
 */
import * as fs from 'fs';
import * as path from 'path';
import { costText, ROOT } from './cost';
import { renderSvg } from './diagram';
import { applySections, generateAll } from './generate';
import { buildStacks, readSynthDir, synthInProcess } from './model';

function write(rel: string, content: string): boolean {
  const f = path.join(ROOT, rel);
  fs.mkdirSync(path.dirname(f), { recursive: true });
  if (fs.existsSync(f) && fs.readFileSync(f, 'utf8') === content) return false;
  fs.writeFileSync(f, content);
  return true;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const cmd = args[0] ?? 'docs';
  const fromIdx = args.indexOf('--from');
  const from = fromIdx >= 0 ? args[fromIdx + 1] : undefined;
  const rest = args.slice(1).filter((_, i, a) => a[i] !== '--from' && a[i - 1] !== '--from');
  if (!['diagram', 'envdiff', 'cost', 'docs'].includes(cmd)) throw new Error(`unknown command ${cmd}: use diagram | envdiff [arch] | cost [stack] | docs`);

  const stacks = buildStacks(from ? readSynthDir(path.resolve(from)) : synthInProcess(ROOT));
  const g = generateAll(stacks);
  const changed: string[] = [];
  const put = (rel: string, content: string) => {
    if (write(rel, content)) changed.push(rel);
  };
  const section = (name: string) => {
    // only this command's README section
    const readmePath = path.join(ROOT, 'README.md');
    const cur = fs.readFileSync(readmePath, 'utf8');
    const gen = g.files.get('README.md')!;
    const begin = `<!-- ${name}:begin -->`;
    const end = `<!-- ${name}:end -->`;
    const body = gen.slice(gen.indexOf(begin) + begin.length + 1, gen.indexOf(end) - 1);
    put('README.md', applySections(cur, new Map([[name, body]])));
  };

  if (cmd === 'diagram' || cmd === 'docs') {
    for (const [rel, dot] of g.files) {
      if (!rel.startsWith('docs/diagrams/')) continue;
      const svgRel = rel.replace(/\.dot$/, '.svg');
      const svgPath = path.join(ROOT, svgRel);
      const stamp = `dot-sha256: ${g.dots.get(rel)}`;
      put(rel, dot);
      if (!fs.existsSync(svgPath) || !fs.readFileSync(svgPath, 'utf8').includes(stamp)) put(svgRel, await renderSvg(dot));
    }
    if (cmd === 'diagram') section('diagrams');
  }
  if (cmd === 'envdiff' || cmd === 'docs') {
    for (const d of g.diffs) {
      put(`docs/envdiff/${d.arch}.md`, g.files.get(`docs/envdiff/${d.arch}.md`)!);
      if (cmd === 'envdiff' && (rest.length === 0 || rest.includes(d.arch))) process.stdout.write(`${d.markdown}\n`);
    }
    if (cmd === 'envdiff' && rest.length > 0 && !g.diffs.some((d) => rest.includes(d.arch))) {
      throw new Error(`no architecture with several environments named ${rest.join(', ')}: ${g.diffs.map((d) => d.arch).join(', ')}`);
    }
    if (cmd === 'envdiff') section('envdiff');
  }
  if (cmd === 'cost' || cmd === 'docs') {
    for (const [rel, c] of g.files) if (rel.startsWith('docs/cost/')) put(rel, c);
    if (cmd === 'cost') {
      for (const c of g.costs) if (rest.length === 0 || rest.includes(c.stack.name)) process.stdout.write(`${costText(c)}\n`);
      section('cost');
    }
  }
  if (cmd === 'docs') put('README.md', g.files.get('README.md')!);
  // stale outputs of stacks that no longer exist
  for (const dir of ['docs/diagrams', 'docs/envdiff', 'docs/cost']) {
    const abs = path.join(ROOT, dir);
    if (!fs.existsSync(abs) || (cmd !== 'docs' && !dir.includes(cmd === 'diagram' ? 'diagrams' : cmd))) continue;
    for (const f of fs.readdirSync(abs)) {
      const rel = `${dir}/${f}`;
      const key = rel.endsWith('.svg') ? rel.replace(/\.svg$/, '.dot') : rel;
      if (!g.files.has(key)) {
        fs.rmSync(path.join(abs, f));
        changed.push(`${rel} (removed)`);
      }
    }
  }
  process.stderr.write(changed.length > 0 ? `updated: ${changed.join(', ')}\n` : 'docs up to date\n');
}

main().catch((e: Error) => {
  process.stderr.write(`${e.message}\n`);
  process.exit(1);
});
