/**
 * The "doubled app": every architecture main.ts registers, built twice, the second time under stack
 * names prefixed `x2-` (architecture `x2-stockwiz`, stack `x2-stockwiz-dev`, ...). It stands in for
 * the app once flowlite (2 stacks) and serverless-platform (4 stacks) have landed (about 2,000
 * resources in 15+ stacks), so the synth targets can be measured before that merge.
 *
 * It goes through the same selection and runner as main.ts (`node scripts/synth.js bench/apps/doubled.ts`,
 * CDKTF_STACKS works, the runner plans parallel groups for it), and loads each architecture module
 * on first use, as main.ts does through scripts/register.js.
 */
import { App } from 'cdktf';
import * as fs from 'fs';
import * as path from 'path';
import { synthApp } from '../../lib/core/app';
import { architectureOf, selected, selectStacks } from '../../lib/core/select';
import { readRegistrations } from './per-stack';

const ROOT = path.resolve(__dirname, '..', '..');
export const COPY_PREFIX = 'x2-';

/**
 * Runs `build`, then renames every stack it added directly under `app` to `<prefix><id>` (the
 * children map, the id and the cached address: the stack's manifest entry and output directory use
 * the new name; what the stack computed from its id while it was built keeps the old one).
 */
function withStackPrefix(app: App, prefix: string, build: () => void): void {
  const before = new Set(app.node.children);
  build();
  if (prefix === '') return;
  const children = (app.node as unknown as { _children: Record<string, unknown> })._children;
  for (const child of app.node.children.filter((c) => !before.has(c))) {
    const node = child.node as unknown as { id: string; _addr?: string };
    delete children[node.id];
    node.id = `${prefix}${node.id}`;
    node._addr = undefined;
    children[node.id] = child;
  }
}

const app = selectStacks(new App());
const registrations = readRegistrations(fs.readFileSync(path.join(ROOT, 'main.ts'), 'utf8'));
// The copy first: each copy is renamed right after it is built, so the originals' names are free again.
for (const prefix of [COPY_PREFIX, '']) {
  for (const r of registrations) {
    // The state bootstrap stacks (tfstate-*, local state themselves, 47 constructs) are not copied.
    if (prefix !== '' && architectureOf({ name: r.fn }).startsWith('tfstate')) continue;
    if (!selected(`${prefix}${architectureOf({ name: r.fn })}`)) continue;
    const add = (require(path.join(ROOT, r.module)) as Record<string, (a: App) => void>)[r.fn];
    // The copies keep their state locally (`CDKTF_BACKEND=local`, lib/core/backend.ts): with the
    // originals' S3 / azurerm keys they would share the originals' state, which synthApp refuses.
    const backend = process.env.CDKTF_BACKEND;
    if (prefix !== '') process.env.CDKTF_BACKEND = 'local';
    try {
      withStackPrefix(app, prefix, () => add(app));
    } finally {
      if (backend === undefined) delete process.env.CDKTF_BACKEND;
      else process.env.CDKTF_BACKEND = backend;
    }
  }
}
synthApp(app);
