/**
 * The package layout and the documentation a user of the library reads without `../shared/`:
 * `exports` ↔ the index files, the build config, the README section "Use the constructs in your
 * own stack", and one page per architecture in docs/architectures/. (The build itself and a real
 * consumer are `npm run check:package`, kept out of the test loop for CPU.)
 */
import * as fs from 'fs';
import * as path from 'path';

const REPO = path.resolve(__dirname, '..', '..');
const read = (...p: string[]) => fs.readFileSync(path.join(REPO, ...p), 'utf8');
const pkg = JSON.parse(read('package.json')) as {
  name: string;
  main: string;
  types: string;
  exports: Record<string, string | { types: string; default: string }>;
  typesVersions: Record<string, Record<string, string[]>>;
  files: string[];
  scripts: Record<string, string>;
};
// tsconfig.build.json has comments (JSONC): strip them before parsing.
const buildConfig = JSON.parse(read('tsconfig.build.json').replace(/^\s*\/\/.*$/gm, '')) as { extends: string; compilerOptions: Record<string, unknown>; include: string[]; exclude: string[] };

describe('package layout', () => {
  const ENTRY_POINTS = { '.': 'core', './core': 'core', './aws': 'aws', './azure': 'azure', './policy': 'policy' } as const;

  test.each(Object.entries(ENTRY_POINTS))('exports %s → dist/lib/%s/index.js with its declarations (built from the matching lib/ index file)', (entry, dir) => {
    expect(pkg.exports[entry]).toEqual({ types: `./dist/lib/${dir}/index.d.ts`, default: `./dist/lib/${dir}/index.js` });
    expect(fs.existsSync(path.join(REPO, 'lib', dir, 'index.ts'))).toBe(true);
    if (entry !== '.') expect(pkg.typesVersions['*'][entry.slice(2)]).toEqual([`dist/lib/${dir}/index.d.ts`]);
  });

  test('nothing else is exported (deep dist paths are refused), main/types are the core entry point', () => {
    expect(Object.keys(pkg.exports).sort()).toEqual(['.', './aws', './azure', './core', './package.json', './policy']);
    expect([pkg.main, pkg.types]).toEqual(['dist/lib/core/index.js', 'dist/lib/core/index.d.ts']);
    expect(pkg.files).toEqual(['dist/lib/**/*.js', 'dist/lib/**/*.d.ts']);
  });

  test('tsconfig.build.json emits JavaScript and declarations of lib/ only into dist/, keeping the lib/ paths', () => {
    expect(buildConfig.extends).toBe('./tsconfig.json');
    expect(buildConfig.compilerOptions).toMatchObject({ noEmit: false, outDir: 'dist', rootDir: '.', declaration: true });
    expect(buildConfig.include).toEqual(['lib/**/*.ts']);
    expect(pkg.scripts.build).toBe('tsc -p tsconfig.build.json');
    expect(pkg.scripts['check:package']).toBe('node scripts/check-package.js');
    expect(read('.gitignore').split('\n')).toContain('dist/');
  });
});

describe('README: "Use the constructs in your own stack"', () => {
  const readme = read('README.md');
  const section = readme.split(/^## Use the constructs in your own stack$/m)[1]?.split(/^## /m)[0] ?? '';

  test('the section exists, about 20-40 lines, with a TypeScript snippet', () => {
    expect(section).not.toBe('');
    const lines = section.trim().split('\n').length;
    expect(lines).toBeGreaterThanOrEqual(15);
    expect(lines).toBeLessThanOrEqual(45);
    expect(section).toMatch(/```ts\n[\s\S]+?```/);
  });

  test('the snippet imports the package entry points only', () => {
    const snippet = /```ts\n([\s\S]+?)```/.exec(section)![1];
    const specs = [...snippet.matchAll(/from '([^']+)'/g)].map((m) => m[1]);
    expect(specs).toContain(`${pkg.name}/aws`);
    for (const spec of specs.filter((s) => s.startsWith(pkg.name))) {
      const sub = spec === pkg.name ? '.' : `./${spec.slice(pkg.name.length + 1)}`;
      expect(pkg.exports[sub]).toBeDefined();
    }
    expect(specs.filter((s) => !s.startsWith(pkg.name) && s !== 'cdktf')).toEqual([]);
  });

  test('the examples, scripts and commands it names exist', () => {
    for (const ex of ['aws', 'azure']) {
      expect(section).toContain(`examples/${ex}`);
      expect(JSON.parse(read('examples', ex, 'cdktf.json')).app).toBe('node ../../scripts/synth.js main.ts');
      expect(fs.existsSync(path.join(REPO, 'examples', ex, 'main.ts'))).toBe(true);
    }
    for (const script of [...section.matchAll(/npm run ([\w:]+)/g)].map((m) => m[1])) expect(pkg.scripts[script]).toBeDefined();
    expect(fs.existsSync(path.join(REPO, 'scripts', 'check-package.js'))).toBe(true);
  });
});

describe('docs/architectures: each architecture described in the repository (no ../shared/ needed)', () => {
  // Every architecture main.ts builds, except the state bootstrap stacks (described in the README's stacks table).
  const architectures = [...read('main.ts').matchAll(/^\s*'?([a-z][a-z-]*)'?: \(a: App\) =>/gm)].map((m) => m[1]).filter((a) => !a.startsWith('tfstate-'));
  const index = read('docs', 'architectures', 'README.md');

  test('main.ts names the five architectures', () => {
    expect([...architectures].sort()).toEqual(['canalco', 'flowlite', 'personal-tech', 'serverless-platform', 'stockwiz']);
  });

  test.each(architectures)('%s: its docs/architectures page has the design, the facts and the departures, linked from the index', (arch) => {
    const page = read('docs', 'architectures', `${arch}.md`);
    expect(page).toMatch(/^# .+\(seed \d{3}, (AWS|Azure)\)$/m);
    expect(page).toMatch(/^## The seed's design$/m);
    expect(page).toMatch(/^## Key facts/m);
    expect(page).toMatch(/^## Departures from the seed$/m);
    expect(index).toContain(`(${arch}.md)`);
    expect(page).not.toMatch(/\.\.\/shared\//);
  });
});
