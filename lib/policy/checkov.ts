import { TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { Policy } from './engine';
import { PolicyRule } from './types';

/**
 * `.checkov-skips` is generated: every in-code suppression that maps to a
 * checkov id (`Policy.suppress` of a rule with `checkov` ids, or
 * `Policy.suppressCheckov`) becomes one line
 * `CHECK_ID stack[,stack...] [construct path]: reason`, where the construct
 * path is relative to the stack and covers every resource under it.
 *
 * Below the HAND_KEPT marker the file keeps lines written by hand (stacks
 * whose exceptions have not moved into code yet); the generator preserves
 * them verbatim. That section shrinks to nothing as suppressions move into
 * code; a hand-kept line that duplicates a generated one is an error
 * (`handKeptDuplicates`, tested).
 */
export const GENERATED_BEGIN = '# --- generated from Policy.suppress / Policy.suppressCheckov in the code (npm run policy:skips); do not edit by hand ---';
export const GENERATED_END = '# --- end of generated lines ---';
export const HAND_KEPT = '# --- hand-kept: stacks whose exceptions are not in code yet (CHECK_ID [stack-glob]: reason). Move them into code with Policy.suppress/suppressCheckov; this section shrinks to nothing. ---';

const HEADER = [
  '# Checks that fail by design. Generated lines are `CHECK_ID stack[,stack] [construct path]: reason`',
  '# (the path is relative to the stack and covers everything under it); scripts/policy-scan.js applies them.',
  '# Keep this short: fix the construct instead wherever the seed allows.',
];

export interface SkipLine {
  readonly id: string;
  /** Stack names (or globs, in hand-kept lines). */
  readonly stacks: readonly string[];
  /** Construct path relative to the stack; empty for the whole stack. */
  readonly path: string;
  readonly reason: string;
}

/** The checkov skips of every stack's in-code suppressions, identical lines of several stacks merged. */
export function checkovSkips(stacks: readonly TerraformStack[], rules: readonly PolicyRule[]): SkipLine[] {
  const byRule = new Map(rules.map((r) => [r.id, r]));
  const merged = new Map<string, { id: string; stacks: string[]; path: string; reason: string }>();
  const seen = new Set<string>(); // one line per (checkov id, stack, path): the first suppression's reason
  for (const stack of stacks) {
    for (const s of Policy.suppressionsUnder(stack)) {
      const ids = s.kind === 'checkov' ? [s.id] : (byRule.get(s.id)?.checkov ?? []);
      const path = relativePath(stack, s.construct);
      for (const id of ids) {
        const where = `${id}\u0000${stack.node.id}\u0000${path}`;
        if (seen.has(where)) continue;
        seen.add(where);
        const key = `${id}\u0000${path}\u0000${s.reason}`;
        const line = merged.get(key);
        if (line) {
          if (!line.stacks.includes(stack.node.id)) line.stacks.push(stack.node.id);
        } else merged.set(key, { id, stacks: [stack.node.id], path, reason: s.reason });
      }
    }
  }
  return [...merged.values()];
}

function relativePath(stack: TerraformStack, c: IConstruct): string {
  const p = c.node.path;
  return p === stack.node.path ? '' : p.slice(stack.node.path.length + 1);
}

export function formatSkip(l: SkipLine): string {
  return `${l.id} ${l.stacks.join(',')}${l.path ? ` ${l.path}` : ''}: ${l.reason}`;
}

/** Splits an existing `.checkov-skips` into its generated lines and the hand-kept section (verbatim). */
export function splitSkipsFile(text: string): { generated: string[]; handKept: string[] } {
  const lines = text.split('\n');
  const h = lines.indexOf(HAND_KEPT);
  const b = lines.indexOf(GENERATED_BEGIN);
  const e = lines.indexOf(GENERATED_END);
  const generated = b >= 0 && e > b ? lines.slice(b + 1, e) : [];
  let handKept: string[];
  if (h >= 0) handKept = lines.slice(h + 1);
  else if (b >= 0) handKept = [];
  // A file never generated: every line is hand-kept.
  else handKept = lines.filter((l) => l.trim() && !l.startsWith('#'));
  while (handKept.length && handKept[handKept.length - 1].trim() === '') handKept.pop();
  return { generated, handKept };
}

/** The whole file: header, generated lines (grouped by first stack), hand-kept section. */
export function renderSkipsFile(lines: readonly SkipLine[], handKept: readonly string[]): string {
  const byStack = new Map<string, SkipLine[]>();
  for (const l of lines) {
    const k = l.stacks[0];
    byStack.set(k, [...(byStack.get(k) ?? []), l]);
  }
  const out = [...HEADER, GENERATED_BEGIN];
  for (const group of byStack.values()) out.push(...group.map(formatSkip));
  out.push(GENERATED_END, HAND_KEPT, ...handKept);
  return `${out.join('\n')}\n`;
}

/** Parses a skip line (generated or hand-kept); undefined for comments and blanks. */
export function parseSkip(line: string): SkipLine | undefined {
  const t = line.trim();
  if (!t || t.startsWith('#')) return undefined;
  const m = /^(\S+)(?:\s+([^\s:]+))?(?:\s+([^\s:]+))?\s*:\s*(.+)$/.exec(t);
  if (!m) throw new Error(`.checkov-skips: line without "CHECK_ID [stack-glob] [path]: reason": ${t}`);
  return { id: m[1], stacks: (m[2] ?? '*').split(','), path: m[3] ?? '', reason: m[4] };
}

function globToRegExp(glob: string): RegExp {
  return new RegExp(`^${glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
}

/**
 * Hand-kept lines that repeat a generated one (same checkov id, a stack both
 * cover): each must be deleted from the hand-kept section.
 */
export function handKeptDuplicates(generated: readonly SkipLine[], handKept: readonly string[]): string[] {
  const dupes: string[] = [];
  for (const raw of handKept) {
    const h = parseSkip(raw);
    if (!h) continue;
    const res = h.stacks.map(globToRegExp);
    if (generated.some((g) => g.id === h.id && g.stacks.some((s) => res.some((re) => re.test(s))))) dupes.push(raw);
  }
  return dupes;
}
