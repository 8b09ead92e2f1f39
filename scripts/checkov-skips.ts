/*
 * Generates .checkov-skips from the in-code suppressions (Policy.suppress of a
 * rule that names checkov ids, Policy.suppressCheckov), keeping the hand-kept
 * section at the end of the file as it is.
 *
 *   npm run policy:skips             rewrite .checkov-skips
 *   npm run policy:skips -- --check  exit 1 when .checkov-skips is stale (CI)
 *
 * Builds the stacks main.ts registers (the `add...(app)` calls between its
 * `// --- architectures` markers) without synthesizing anything.
 */
import { App, TerraformStack } from 'cdktf';
import * as fs from 'fs';
import * as path from 'path';
import { readRegistrations } from '../bench/apps/per-stack';
import { AWS_PACK, AZURE_PACK } from '../lib/policy';
import { checkovSkips, handKeptDuplicates, renderSkipsFile, splitSkipsFile } from '../lib/policy/checkov';

const ROOT = path.resolve(__dirname, '..');
const FILE = path.join(ROOT, '.checkov-skips');

/** The app as main.ts builds it (stacks only). */
export function buildMainStacks(): TerraformStack[] {
  const app = new App({ outdir: fs.mkdtempSync(path.join(require('os').tmpdir(), 'skips-')) });
  for (const r of readRegistrations(fs.readFileSync(path.join(ROOT, 'main.ts'), 'utf8'))) {
    (require(path.join(ROOT, r.module)) as Record<string, (a: App) => void>)[r.fn](app);
  }
  return app.node.children.filter((c): c is TerraformStack => c instanceof TerraformStack);
}

/** The expected file content and the current hand-kept duplicates. */
export function expectedSkipsFile(current: string): { text: string; duplicates: string[] } {
  const lines = checkovSkips(buildMainStacks(), [...AWS_PACK.rules, ...AZURE_PACK.rules]);
  const { handKept } = splitSkipsFile(current);
  return { text: renderSkipsFile(lines, handKept), duplicates: handKeptDuplicates(lines, handKept) };
}

function main(): void {
  const check = process.argv.includes('--check');
  const current = fs.existsSync(FILE) ? fs.readFileSync(FILE, 'utf8') : '';
  const { text, duplicates } = expectedSkipsFile(current);
  for (const d of duplicates) console.error(`.checkov-skips: hand-kept line repeats an in-code suppression, delete it (or narrow its stack glob): ${d}`);
  if (check) {
    if (text !== current) {
      console.error('.checkov-skips is out of date with the in-code suppressions: run `npm run policy:skips` and commit it');
      process.exit(1);
    }
    if (duplicates.length) process.exit(1);
    console.log('.checkov-skips: up to date with the in-code suppressions');
    return;
  }
  fs.writeFileSync(FILE, text);
  const n = text.split('\n').filter((l) => l && !l.startsWith('#')).length;
  console.log(`.checkov-skips: wrote ${n} lines`);
  if (duplicates.length) process.exit(1);
}

if (require.main === module) main();
