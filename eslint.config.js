import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Architecture boundaries (DESIGN §2) are enforced here, not left to review.
// `packages` are bare module names; `patterns` are folders of this repository.
const forbidImports = (packages, patterns) => ({
  'no-restricted-imports': [
    'error',
    {
      paths: packages.names.map((name) => ({ name, message: packages.message })),
      patterns: [
        ...(packages.prefixes ?? []).map((prefix) => ({ regex: `^${prefix}`, message: packages.message })),
        ...patterns,
      ],
    },
  ],
});

export default tseslint.config(
  { ignores: ['dist/', 'release/', 'node_modules/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['electron/contract/**'],
    rules: forbidImports(
      { names: ['electron', 'react', 'react-dom', 'better-sqlite3'], prefixes: ['node:'], message: 'The contract is plain data and zod: importable by every side.' },
      [{ group: ['../core/**', '../main/**', '../server/**', '../cli/**', '../preload/**', '../host/**', '**/renderer/**'], message: 'The contract depends on nothing else in Vigil.' }],
    ),
  },
  {
    files: ['electron/core/**'],
    rules: forbidImports(
      { names: ['electron', 'react', 'react-dom'], prefixes: ['@mantine/'], message: 'The core runs in Node, a utility process or a test alike: no shell, no screen.' },
      [{ group: ['**/renderer/**', '**/main/**', '**/preload/**', '**/server/**', '**/cli/**', '**/host/**'], message: 'The core never reaches out to a transport.' }],
    ),
  },
  {
    // Services never hold a database handle (docs/storage.md): only the store's own tools (the
    // engines, migrations, backups) and the build that wires them may touch the driver or the
    // query builder; domains reach tables through their repositories, handed to them by the port.
    files: ['electron/core/**'],
    ignores: ['electron/core/store/**', 'electron/core/audit/**', 'electron/core/create-core.ts', 'electron/core/build-services.ts', 'electron/core/**/*-repository.ts'],
    rules: forbidImports(
      { names: ['electron', 'react', 'react-dom', 'better-sqlite3', 'kysely', 'pg'], prefixes: ['@mantine/'], message: 'Services reach stored data only through the storage port (store.read / run / tx) and the repositories it hands them.' },
      [{ group: ['**/renderer/**', '**/main/**', '**/preload/**', '**/server/**', '**/cli/**', '**/host/**'], message: 'The core never reaches out to a transport.' }],
    ),
  },
  {
    files: ['electron/server/**', 'electron/cli/**'],
    rules: forbidImports(
      { names: ['electron', 'react', 'react-dom'], message: 'Browser mode and the CLI run without Electron.' },
      [{ group: ['**/renderer/**', '**/main/**', '**/preload/**'], message: 'Transports do not import each other.' }],
    ),
  },
  {
    files: ['electron/preload/**'],
    rules: forbidImports(
      { names: ['better-sqlite3'], prefixes: ['node:'], message: 'The preload only bridges contract methods to IPC.' },
      [{ group: ['../core/**', '../host/**', '../server/**'], message: 'The preload only bridges contract methods to IPC.' }],
    ),
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...forbidImports(
        { names: ['electron', 'better-sqlite3'], prefixes: ['node:'], message: 'The renderer reaches the core only through its ApiClient.' },
        [{ group: ['**/electron/core/**', '**/electron/main/**', '**/electron/server/**', '**/electron/cli/**', '**/electron/preload/**', '**/electron/host/**'], message: 'The renderer may import the contract (types and schemas) only.' }],
      ),
    },
  },
);
