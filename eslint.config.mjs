// Lint guards the process boundaries (a file's folder decides which process it runs in) plus a
// few correctness rules, some type-aware (promises, shadowing, type-only imports): tsc checks
// types, these catch the bugs tsc lets through. The renderer's layers (stores never import
// features) and the absence of import cycles are lint rules too (issue 21).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { noImportCycle } from './scripts/lint/no-import-cycle.mjs';

const NODE_BUILTINS = [
  'assert',
  'buffer',
  'child_process',
  'cluster',
  'crypto',
  'dgram',
  'dns',
  'events',
  'fs',
  'fs/promises',
  'http',
  'http2',
  'https',
  'module',
  'net',
  'os',
  'path',
  'perf_hooks',
  'process',
  'readline',
  'stream',
  'timers',
  'tls',
  'url',
  'util',
  'v8',
  'vm',
  'worker_threads',
  'zlib',
];
const noNode = [{ group: ['node:*'], message: 'Node APIs belong in src-main/services.' }];
const electron = {
  name: 'electron',
  message: 'Only the glue imports electron: src-main/*.ts, src-main/ipc/register.ts and src-preload/.',
};
const builtins = NODE_BUILTINS.map((name) => ({ name, message: 'Node APIs belong in src-main/services.' }));
const uiFree = (message) => ['react', 'react-dom', 'zustand'].map((name) => ({ name, message }));

const rendererPaths = [
  electron,
  ...builtins,
  { name: 'keytar', message: 'Secrets are main-process only.' },
  { name: 'undici', message: 'Network I/O belongs in main.' },
];
const rendererPatterns = [
  ...noNode,
  {
    group: ['**/src-main/**', '../src-main/*', '../../src-main/*'],
    message: 'The renderer talks to main only through window.lw (src-renderer/api).',
  },
];
// The shell (app/) composes the views; a view or a store importing it runs the layers backwards.
const noApp = {
  group: ['**/app/**', '../app/*', '../../app/*'],
  message: 'Only the shell imports app/: move the shared piece into stores/ or api/.',
};

export const BOUNDARY_RULES = {
  // Stores hold state that features read; a store importing a feature makes the layers circular.
  stores: {
    paths: rendererPaths,
    patterns: [
      ...rendererPatterns,
      noApp,
      {
        group: ['**/features/**', '../features/*'],
        message: 'Stores never import features: move the shared piece into the store or src-shared.',
      },
    ],
  },
  features: { paths: rendererPaths, patterns: [...rendererPatterns, noApp] },
  renderer: { paths: rendererPaths, patterns: rendererPatterns },
  services: {
    paths: [electron, ...uiFree('Services are UI-free.')],
    patterns: [
      { group: ['**/src-renderer/**'], message: 'Services never import the renderer.' },
      { group: ['**/ipc/register*'], message: 'register.ts is Electron glue.' },
    ],
  },
  shared: {
    paths: [
      electron,
      ...builtins,
      { name: 'react', message: 'src-shared is process-neutral.' },
      { name: 'undici', message: 'src-shared is process-neutral.' },
      { name: 'keytar', message: 'src-shared is process-neutral.' },
      { name: 'zustand', message: 'src-shared is process-neutral.' },
    ],
    patterns: [
      ...noNode,
      {
        group: ['**/src-main/**', '**/src-renderer/**', '**/emulator/**'],
        message: 'src-shared imports only zod, croner and src-shared.',
      },
      // An allow-list: zod (schemas) and croner (the cron library LangWatch validates pullSchedule with).
      { regex: '^(?!zod$|croner$|\\.)', message: 'src-shared imports only zod, croner and src-shared.' },
    ],
  },
  emulator: {
    paths: [electron],
    patterns: [
      {
        group: ['**/src-main/**', '**/src-renderer/**', '**/src-shared/**'],
        message: 'The emulator declares its own schemas from the contract documents.',
      },
    ],
  },
  mainNonGlue: { paths: [electron], patterns: [] },
  // The preload runs in the renderer's sandbox: require() there knows only 'electron', and the
  // bundle inlines everything else, so it may import electron and src-shared and nothing more.
  preload: {
    paths: builtins.map((b) => ({ ...b, message: 'The sandboxed preload has no Node APIs.' })),
    patterns: [
      { group: ['node:*'], message: 'The sandboxed preload has no Node APIs.' },
      {
        group: ['**/src-main/**', '**/src-renderer/**', '**/emulator/**'],
        message: 'The preload imports only electron and src-shared.',
      },
      { regex: '^(?!electron$|\\.)', message: 'The preload imports only electron and src-shared.' },
    ],
  },
  // The Electron glue at the src-main root (index.ts, security.ts, browser-sign-in.ts, ...) runs
  // in main: no UI libraries, never the renderer or the preload (they live in other processes).
  mainRoot: {
    paths: uiFree('The main process is UI-free: UI lives in src-renderer.'),
    patterns: [
      {
        group: ['**/src-renderer/**', '**/src-preload/**', '../src-renderer/*', '../src-preload/*'],
        message: 'Main talks to the renderer only over IPC (src-shared/ipc); the preload is its own bundle.',
      },
    ],
  },
};

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      '.tmp/**',
      'bench/results/**',
      'dist/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-console': 'off',
    },
  },
  {
    files: ['**/*.{ts,tsx,mts}'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      // A named function expression initialising its own const (memo(function Row…)) is fine.
      '@typescript-eslint/no-shadow': ['error', { ignoreOnInitialization: true }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  { files: ['src-renderer/**/*.{ts,tsx}'], rules: { 'no-restricted-imports': ['error', BOUNDARY_RULES.renderer] } },
  {
    files: ['src-renderer/features/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', BOUNDARY_RULES.features] },
  },
  {
    files: ['src-renderer/stores/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', BOUNDARY_RULES.stores] },
  },
  {
    files: ['{src-main,src-preload,src-renderer,src-shared,emulator}/**/*.{ts,tsx,mts}'],
    plugins: { local: { rules: { 'no-import-cycle': noImportCycle } } },
    rules: { 'local/no-import-cycle': 'error' },
  },
  { files: ['src-main/services/**/*.ts'], rules: { 'no-restricted-imports': ['error', BOUNDARY_RULES.services] } },
  {
    files: ['src-main/ipc/**/*.ts'],
    ignores: ['src-main/ipc/register.ts'],
    rules: { 'no-restricted-imports': ['error', BOUNDARY_RULES.mainNonGlue] },
  },
  { files: ['src-preload/**/*.ts'], rules: { 'no-restricted-imports': ['error', BOUNDARY_RULES.preload] } },
  { files: ['src-main/*.ts'], rules: { 'no-restricted-imports': ['error', BOUNDARY_RULES.mainRoot] } },
  { files: ['src-shared/**/*.ts'], rules: { 'no-restricted-imports': ['error', BOUNDARY_RULES.shared] } },
  { files: ['emulator/**/*.ts'], rules: { 'no-restricted-imports': ['error', BOUNDARY_RULES.emulator] } },
  // CommonJS scripts and fixtures load modules with require() by nature.
  { files: ['**/*.cjs'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        Buffer: 'readonly',
        AbortController: 'readonly',
        __dirname: 'readonly',
        require: 'readonly',
        module: 'writable',
      },
    },
  },
);
