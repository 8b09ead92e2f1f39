// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'cdktf.out/**', 'dist/**', '.venv/**', 'coverage/**', 'bench/results/**', 'lambda/**', '.scratch/**', 'reports/**', '.stryker-tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.js', '**/*.mjs'],
    languageOptions: { globals: { require: 'readonly', module: 'writable', process: 'readonly', __dirname: 'readonly', console: 'readonly' } },
    rules: {
      // Provider package roots load every resource class (~3 s, ~930 MB): deep paths only.
      'no-restricted-imports': [
        'error',
        {
          paths: ['@cdktf/provider-aws', '@cdktf/provider-azurerm', '@cdktf/provider-random'].map((name) => ({
            name,
            message: `Import from a deep path such as '${name}/lib/<resource>' instead: the package root loads every resource class.`,
          })),
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.name='require'][arguments.0.value=/^@cdktf\\/provider-(aws|azurerm|random)$/]",
          message: 'Require a deep path such as @cdktf/provider-aws/lib/<resource>: the package root loads every resource class.',
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    // Layering: lib/core knows no cloud. Cloud stacks live in lib/aws/aws-stack.ts and lib/azure/azure-stack.ts.
    files: ['lib/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['../aws', '../aws/*', '../azure', '../azure/*'], message: 'lib/core knows no cloud: move the code into lib/aws or lib/azure, or pass what it needs in.' },
            { group: ['@cdktf/provider-aws', '@cdktf/provider-aws/*', '@cdktf/provider-azurerm', '@cdktf/provider-azurerm/*'], message: 'lib/core knows no cloud: provider classes belong in lib/aws or lib/azure.' },
          ],
        },
      ],
    },
  },
  {
    // examples/ are apps a user writes: the library's public entry points only (the package's exports), no provider classes.
    files: ['examples/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^@cdktf/provider-', message: 'examples use the library only: no provider classes (add what is missing to lib/, exported from its index file).' },
            { regex: '^(\\.\\./)+lib/(aws|azure|core|policy)/.', message: "import from the index files ('../../lib/aws', '../../lib/azure', '../../lib/core', '../../lib/policy'): the package's exports." },
            { regex: '^(\\.\\./)+(stacks|config|scripts|bench)(/|$)', message: "examples use the library only, not the repository's own stacks or config." },
          ],
        },
      ],
    },
  },
  {
    // Constructs are created for their side effect on the tree: `new Route(this, ...)` is the idiom.
    rules: { 'no-new': 'off' },
  },
);
