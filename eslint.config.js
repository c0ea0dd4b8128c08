// @ts-check
const tseslint = require('typescript-eslint');

module.exports = tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '.custos/**', '.nx/**', 'coverage/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
      'no-console': 'error',
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', '**/bench/**', 'deploy/**', '**/test/**'],
    rules: { 'no-console': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    // The console's web app: browser code, TSX, generated API types.
    files: ['services/console/web/**/*.ts', 'services/console/web/**/*.tsx', 'services/console/web/**/*.mts'],
    rules: { '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }] },
  },
  {
    // Issue 15: no production function over 80 lines (every line counts: blanks and comments too).
    files: ['services/**/*.ts', 'services/**/*.tsx', 'libs/**/*.ts', 'libs/**/*.tsx'],
    rules: { 'max-lines-per-function': ['error', { max: 80, skipBlankLines: false, skipComments: false, IIFEs: true }] },
  },
  {
    // Tests, benchmarks, fixtures, migrations and generated types are not production functions.
    files: [
      '**/*.spec.ts',
      '**/*.spec.tsx',
      '**/*.int-spec.ts',
      '**/*.e2e-spec.ts',
      '**/*.test.ts',
      '**/*.test.tsx',
      '**/*.test-support.ts',
      '**/test-support/**',
      '**/testing/**',
      '**/bench/**',
      '**/test/**',
      '**/e2e/**',
      '**/migrations/**',
      '**/*.d.ts',
    ],
    rules: { 'max-lines-per-function': 'off' },
  },
  {
    files: ['**/*.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
