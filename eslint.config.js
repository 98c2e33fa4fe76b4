import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import importX from 'eslint-plugin-import-x';
import layers from './eslint-rules/layers.js';

/**
 * Besides the usual checks, lint holds the architecture: `client/` and `server/` meet only in
 * `shared/`, `shared/` imports nothing from Node or the DOM, and inside each of the three, imports
 * go down the layers of docs/architecture.md (keep the two tables the same), so no two folders
 * import each other; `import-x/no-cycle` keeps files from doing so within a folder.
 */
const layer = (name, ...parts) => ({ name, parts });

const SERVER_LAYERS = [
  layer('entry points', 'server/index.ts', 'server/cli/'),
  layer('composition root', 'server/app.ts'),
  layer('the storage chosen', 'server/storage.ts'),
  layer('processes together', 'server/peers/'),
  layer('transports', 'server/http/', 'server/http/rating-pages/', 'server/socket/'),
  layer('services', 'server/live/', 'server/accounts/', 'server/tls/', 'server/ratings/'),
  layer('decisions', 'server/auth/', 'server/access/'),
  layer('records', 'server/privacy/'),
  layer('HTTP hardening', 'server/security/'),
  layer('ownership across nodes', 'server/cluster/'),
  layer('storage engines', 'server/store/sqlite/', 'server/store/postgres/'),
  layer('storage and the REST error', 'server/store/', 'server/http/errors.ts'),
  layer('base', 'server/clock.ts', 'server/config.ts', 'server/logger.ts', 'server/validation.ts'),
];

const CLIENT_LAYERS = [
  layer('entry point', 'client/main.tsx'),
  layer('app', 'client/app/'),
  layer('pages', 'client/features/session/', 'client/features/admin/', 'client/features/review/', 'client/features/planning/'),
  layer('page parts', 'client/features/lobby/', 'client/features/groups/'),
  layer('feature parts', 'client/features/live/', 'client/features/home/', 'client/features/security/'),
  layer('shell', 'client/shell/'),
  layer('who is signed in', 'client/features/auth/'),
  layer('ui', 'client/ui/'),
  layer('api', 'client/api/'),
];

const SHARED_LAYERS = [
  layer('clients', 'shared/sync/', 'shared/rest/'),
  layer('protocol', 'shared/protocol.ts'),
  layer('review', 'shared/review/'),
  layer('session', 'shared/session/'),
  layer('schemas', 'shared/schemas/'),
  layer('base', 'shared/clock.ts', 'shared/phases.ts', 'shared/time.ts'),
];

// Our sources import `./x.js` for `./x.ts`: the resolver `import-x/no-cycle` follows says so.
const resolver = importX.createNodeResolver({ extensions: ['.ts', '.tsx', '.js'], extensionAlias: { '.js': ['.ts', '.tsx', '.js'] } });

const layered = (root, order) => ({
  files: [`${root}**/*.{ts,tsx}`],
  plugins: { holdspace: { rules: { layers } }, 'import-x': importX },
  settings: {
    'import-x/resolver-next': [resolver],
    'import-x/extensions': ['.ts', '.tsx', '.js'],
    'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
  },
  rules: { 'holdspace/layers': ['error', { root, layers: order }], 'import-x/no-cycle': 'error' },
});

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
  {
    // Which node may write a session is judged by the database's clock and each node's monotonic
    // one, never a wall clock that may be off (server/cluster/ownership.ts).
    files: ['server/cluster/**/*.ts'],
    rules: {
      'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: 'Ownership never reads the wall clock.' }],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date']", message: 'Ownership never reads the wall clock.' },
      ],
    },
  },
  layered('server/', SERVER_LAYERS),
  layered('client/', CLIENT_LAYERS),
  layered('shared/', SHARED_LAYERS),
);
