import { App, TerraformStack } from 'cdktf';
import { invokeAspects } from 'cdktf/lib/synthesize/synthesizer';
import { Policy } from './engine';
import { summary, writeReports } from './report';
import { StackReport } from './types';

/**
 * Runs the enabled packs over every stack of the app (after its aspects, as
 * synth would) and returns the reports; `synthApp` fails on their errors
 * before anything is written. Returns `undefined` when the packs are off.
 */
export function checkApp(app: App): StackReport[] | undefined {
  if (!Policy.optionsOf(app)) return undefined;
  Policy.attach(app);
  const stacks = app.node.findAll().filter((c): c is TerraformStack => c instanceof TerraformStack);
  return stacks.map((stack) => {
    invokeAspects(stack);
    return Policy.evaluate(stack);
  });
}

/** After a successful synth: per-stack reports, one line per warning, the summary. */
export function finishApp(app: App, reports: readonly StackReport[]): void {
  writeReports(app.outdir, reports);
  if (Policy.optionsOf(app)?.print === false) return;
  for (const r of reports) for (const w of r.warnings) console.log(`${w}`);
  console.log(summary(reports));
}
