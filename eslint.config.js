// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/** Layers point one way (DESIGN.md): shared ← domain ← services ← http; services → db; web → shared. */
const layer = (files, forbidden, message) => ({
  files,
  rules: {
    'no-restricted-imports': [
      'error',
      { patterns: forbidden.map((group) => ({ group: [group], message })) },
    ],
  },
});

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'data/', 'test-results/', 'bench/results/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  ...tseslint.configs.stylisticTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-definitions': ['error', 'type'],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['src/web/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', 'test/**', 'e2e/**', 'bench/**'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
  layer(
    ['src/shared/**'],
    ['**/server/**', '**/web/**', '**/cli/**', 'fastify', 'kysely'],
    'src/shared is imported by all and imports none of them',
  ),
  layer(
    ['src/server/domain/**'],
    [
      '**/services/**',
      '**/db/**',
      '**/http/**',
      '**/jobs/**',
      'fastify',
      'kysely',
      'pg',
      'better-sqlite3',
      'node:fs',
      'node:child_process',
    ],
    'the domain is pure: no IO, no DB, no HTTP',
  ),
  layer(
    ['src/server/services/**'],
    ['**/http/**', 'fastify'],
    'services throw AppError and never know HTTP',
  ),
  layer(
    ['src/server/db/**'],
    ['**/services/**', '**/http/**'],
    'repositories hold no rules and know no HTTP',
  ),
  layer(
    ['src/server/http/**'],
    ['**/db/**', 'kysely', 'pg', 'better-sqlite3'],
    'routes call services; they never touch the DB',
  ),
  layer(
    ['src/web/**'],
    ['**/server/**', '**/cli/**', 'node:*'],
    'the web app talks to the server only through the shared contract',
  ),
);
