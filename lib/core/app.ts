import { App, TerraformStack } from 'cdktf';

/**
 * Validates every stack of the app before writing anything, then synthesizes.
 * A stack that fails validation therefore leaves nothing behind: `cdktf.out`
 * is not touched, and the error lists each failure with its construct path.
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
  if (errors.length > 0) {
    throw new Error(`synth aborted, nothing was written:\n${errors.join('\n')}`);
  }
  app.synth();
}
