import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

/**
 * Besides the usual checks, lint holds the architecture: `client/` and `server/` meet only in
 * `shared/`, and `shared/` imports nothing from Node or the DOM.
 */
const forbid = (patterns, message) => ['error', { patterns: patterns.map((group) => ({ group: [group], message })) }];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'data/', 'test/artifacts/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  // Type-aware: rules that read the types (floating and misused promises, unsafe use of `any`,
  // assertions the types already prove) on every TypeScript file, through the project's tsconfig.
  ...tseslint.configs.recommendedTypeChecked.map((config) => ({ ...config, files: ['**/*.{ts,tsx}'] })),
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      // better-auth's hooks and similar contracts take a function returning a promise; one that
      // has nothing to wait for is still written async to meet it.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Tests and the bench read HTTP bodies, acks and messages from child processes as untyped JSON
    // (test/support/json.ts) and look at their shape; requiring a type for every such read would
    // add casts, not safety. `any` written out is still refused.
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    files: ['client/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': forbid(['**/server/**', '../server/*'], 'The client meets the server only through shared/.'),
    },
  },
  {
    files: ['server/**/*.ts'],
    rules: { 'no-restricted-imports': forbid(['**/client/**'], 'The server meets the client only through shared/.') },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': forbid(
        ['node:*', 'fs', 'path', 'os', 'crypto', 'http', 'net', 'react', 'react-dom', '**/server/**', '**/client/**'],
        'shared/ is pure: no Node, no DOM, no server or client code.',
      ),
      // Time enters shared/ only as data: no clocks, no browser or Node globals.
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage', 'process', 'Buffer', 'performance'],
      'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: 'shared/ takes time as data.' }],
    },
  },
);
