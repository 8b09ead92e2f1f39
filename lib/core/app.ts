import { App, TerraformStack } from 'cdktf';
import { checkApp, finishApp } from '../policy/synth';

/**
 * Validates every stack of the app before writing anything, then synthesizes.
 * A stack that fails validation therefore leaves nothing behind: `cdktf.out`
 * is not touched, and the error lists each failure with its construct path.
 * With policy packs on (`Policy.enable(app, ...)`), their errors count as
 * validation failures too; reports and the summary follow the synth.
 */
export function synthApp(app: App): void {
  const errors: string[] = [];
  for (const child of app.node.children) {
    if (!(child instanceof TerraformStack)) continue;
    try {
      child.runAllValidations();
    } catch (e) {
      errors.push((e as Error).message);
    }
  }
  const reports = checkApp(app);
  for (const r of reports ?? []) errors.push(...r.errors.map((e) => `[${r.stack}] ${e}`));
  if (errors.length > 0) {
    throw new Error(`synth aborted, nothing was written:\n${errors.join('\n')}`);
  }
  app.synth();
  if (reports) finishApp(app, reports);
}
