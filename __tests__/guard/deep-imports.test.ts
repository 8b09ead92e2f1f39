/**
 * Guard: provider classes must be imported by deep path
 * (`@cdktf/provider-aws/lib/vpc`). A provider package root (or its
 * `lib/index`) loads every resource class of the provider: seconds of startup
 * and close to 1 GB of memory for `@cdktf/provider-aws`. ESLint's
 * `no-restricted-imports` rule covers the exact root names; this test also
 * catches `require`, dynamic `import()`, re-exports, `jest.mock` and the
 * `/lib` and `/lib/index` spellings of the root, in every source the repo runs.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const REPO = path.resolve(__dirname, '..', '..');
/** What the guard scans, relative to the repository root. */
const SCANNED = ['main.ts', 'lib', 'stacks', 'config', 'bench', '__tests__'];
const SKIPPED_DIRS = new Set(['node_modules', 'cdktf.out', 'results', 'coverage', 'dist']);
const SOURCE_EXT = /\.(ts|tsx|js|mjs|cjs)$/;

/**
 * A module specifier naming a provider package root: the package itself or
 * its `lib` / `lib/index(.js)` entry point, each of which loads every class.
 */
const ROOT_IMPORT =
  /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*|\bjest\.(?:mock|requireActual)\s*\(\s*)(['"`])(@cdktf\/provider-(?:aws|azurerm|random)(?:\/|\/lib\/?|\/lib\/index(?:\.js)?)?)\1/g;

export interface RootImport {
  /** 1-based line of the module specifier. */
  readonly line: number;
  readonly specifier: string;
}

/** Finds imports / requires of provider package roots in a source text; commented-out lines are ignored. */
export function findRootImports(source: string): RootImport[] {
  const found: RootImport[] = [];
  for (const m of source.matchAll(ROOT_IMPORT)) {
    const at = m.index + m[0].length - m[2].length - 1;
    const lineStart = source.lastIndexOf('\n', at) + 1;
    const lineText = source.slice(lineStart, source.indexOf('\n', at) === -1 ? undefined : source.indexOf('\n', at)).trim();
    if (/^(\/\/|\/\*|\*)/.test(lineText)) continue;
    found.push({ line: source.slice(0, at).split('\n').length, specifier: m[2] });
  }
  return found;
}

/** Source files under `entries` (files or directories relative to `root`). */
export function sourceFiles(root: string, entries: readonly string[]): string[] {
  const files: string[] = [];
  const walk = (rel: string): void => {
    const abs = path.join(root, rel);
    if (!fs.existsSync(abs)) return;
    if (fs.statSync(abs).isDirectory()) {
      for (const name of fs.readdirSync(abs).sort()) {
        if (SKIPPED_DIRS.has(name) || name.startsWith('.')) continue;
        walk(path.join(rel, name));
      }
    } else if (SOURCE_EXT.test(rel)) {
      files.push(rel);
    }
  };
  entries.forEach(walk);
  return files;
}

/** `file:line: specifier` for every root import under `entries`. */
export function scanForRootImports(root: string, entries: readonly string[]): string[] {
  return sourceFiles(root, entries).flatMap((rel) =>
    findRootImports(fs.readFileSync(path.join(root, rel), 'utf8')).map((f) => `${rel}:${f.line}: imports '${f.specifier}' (use a deep path such as '${f.specifier.split('/').slice(0, 2).join('/')}/lib/<resource>')`),
  );
}

// Built at run time so this file never contains a root import itself.
const pkg = (name: 'aws' | 'azurerm' | 'random') => ['@cdktf', `provider-${name}`].join('/');

describe('provider deep-import guard', () => {
  test('no source file imports a provider package root', () => {
    const scanned = sourceFiles(REPO, SCANNED);
    expect(scanned).toContain('main.ts');
    expect(scanned).toContain(path.join('__tests__', 'guard', 'deep-imports.test.ts'));
    expect(scanForRootImports(REPO, SCANNED)).toEqual([]);
  });

  test('the detector finds every way of importing a root, with its line', () => {
    const source = [
      `import { Vpc } from '${pkg('aws')}';`,
      `import {`,
      `  LinuxWebApp,`,
      `} from "${pkg('azurerm')}";`,
      `const random = require('${pkg('random')}');`,
      `const lazy = () => import('${pkg('aws')}');`,
      `export * from '${pkg('aws')}/lib';`,
      `import '${pkg('azurerm')}/lib/index.js';`,
      `jest.mock('${pkg('random')}/');`,
      `import type { S3Bucket } from '${pkg('aws')}/lib/index';`,
    ].join('\n');
    expect(findRootImports(source)).toEqual([
      { line: 1, specifier: pkg('aws') },
      { line: 4, specifier: pkg('azurerm') },
      { line: 5, specifier: pkg('random') },
      { line: 6, specifier: pkg('aws') },
      { line: 7, specifier: `${pkg('aws')}/lib` },
      { line: 8, specifier: `${pkg('azurerm')}/lib/index.js` },
      { line: 9, specifier: `${pkg('random')}/` },
      { line: 10, specifier: `${pkg('aws')}/lib/index` },
    ]);
  });

  test('deep paths, other packages and comments pass', () => {
    const source = [
      `import { Vpc } from '${pkg('aws')}/lib/vpc';`,
      `import { Password } from '${pkg('random')}/lib/password';`,
      `const { ResourceGroup } = require("${pkg('azurerm')}/lib/resource-group");`,
      `import { Other } from '${pkg('aws')}-extra';`,
      `// never: import { Vpc } from '${pkg('aws')}';`,
      ` * e.g. require('${pkg('azurerm')}') loads every class`,
      `const text = 'see ${pkg('aws')} docs';`,
    ].join('\n');
    expect(findRootImports(source)).toEqual([]);
  });

  test('the scan fails listing file:line for a root import', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deep-imports-'));
    try {
      fs.mkdirSync(path.join(dir, 'lib', 'aws'), { recursive: true });
      fs.mkdirSync(path.join(dir, 'node_modules', 'x'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'main.ts'), `import { App } from 'cdktf';\n`);
      fs.writeFileSync(path.join(dir, 'lib', 'aws', 'bad.ts'), `import { Construct } from 'constructs';\n\nimport { Vpc } from '${pkg('aws')}';\n`);
      fs.writeFileSync(path.join(dir, 'node_modules', 'x', 'index.js'), `require('${pkg('aws')}');\n`);
      expect(scanForRootImports(dir, SCANNED)).toEqual([
        `${path.join('lib', 'aws', 'bad.ts')}:3: imports '${pkg('aws')}' (use a deep path such as '${pkg('aws')}/lib/<resource>')`,
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
