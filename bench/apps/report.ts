/**
 * Helpers shared by the in-process benchmark apps (per-stack.ts, scaling.ts):
 * a millisecond clock, resource counting from synthesized JSON and the result
 * hand-off to bench/run.js (a JSON file named by $BENCH_RESULT_FILE).
 */
import * as fs from 'fs';
import * as path from 'path';

/** Milliseconds since an arbitrary origin, sub-millisecond resolution. */
export function now(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

export interface Counts {
  /** Managed resources (`resource.<type>.<name>` entries). */
  readonly resources: number;
  /** Data sources (`data.<type>.<name>`). */
  readonly dataSources: number;
}

/** Counts resources and data sources in a synthesized `cdk.tf.json`. */
export function countSynthesized(json: { resource?: Record<string, object>; data?: Record<string, object> }): Counts {
  const count = (blocks?: Record<string, object>) => Object.values(blocks ?? {}).reduce((n, byName) => n + Object.keys(byName).length, 0);
  return { resources: count(json.resource), dataSources: count(json.data) };
}

/** Reads `<outdir>/stacks/<stack>/cdk.tf.json` and counts what it holds. */
export function countStack(outdir: string, stackName: string): Counts {
  const file = path.join(outdir, 'stacks', stackName, 'cdk.tf.json');
  return countSynthesized(JSON.parse(fs.readFileSync(file, 'utf8')));
}

/** Hands the result to the parent (or prints it when run by hand). */
export function report(result: unknown): void {
  const file = process.env.BENCH_RESULT_FILE;
  const text = JSON.stringify(result, null, 2);
  if (file) fs.writeFileSync(file, text);
  else console.log(text);
}
