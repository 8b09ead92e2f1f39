import { createHash } from 'crypto';

/**
 * Builds resource names from the environment and architecture so every
 * stack names things the same way: `naming.env('alb')` → `dev-alb`,
 * `naming.arch('assets')` → `canalco-assets-dev`.
 */
export class Naming {
  constructor(
    public readonly architecture: string,
    public readonly environment: string,
  ) {}

  /** `<environment>-<parts>`: the seed-003 style (`dev-alb`, `dev-cluster`). */
  env(...parts: string[]): string {
    return joinName([this.environment, ...parts]);
  }

  /** `<architecture>-<parts>-<environment>` (`canalco-facturas-dev`). */
  arch(...parts: string[]): string {
    return joinName([this.architecture, ...parts, this.environment]);
  }
}

/** Joins parts with `-`, lower-cased, dropping empty parts. */
export function joinName(parts: readonly string[], separator = '-'): string {
  return parts
    .filter((p) => p !== '')
    .join(separator)
    .toLowerCase();
}

/** A lowercase hex hash of `input`, `length` characters long. */
export function shortHash(input: string, length = 6): string {
  return createHash('sha256').update(input).digest('hex').slice(0, length);
}
