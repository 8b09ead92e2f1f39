/**
 * The whole app exactly as main.ts builds it (its `add...(app)` calls, in
 * order, then `synthApp`), without `Policy.enable`: the packs-off baseline for
 * bench/run.js's "packs on / off" figure.
 */
import { App } from 'cdktf';
import * as fs from 'fs';
import * as path from 'path';
import { synthApp } from '../../lib/core/app';
import { readRegistrations } from './per-stack';

const ROOT = path.resolve(__dirname, '..', '..');
const app = new App();
for (const r of readRegistrations(fs.readFileSync(path.join(ROOT, 'main.ts'), 'utf8'))) {
  (require(path.join(ROOT, r.module)) as Record<string, (a: App) => void>)[r.fn](app);
}
synthApp(app);
