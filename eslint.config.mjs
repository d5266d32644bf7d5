// ESLint (typescript-eslint) for the TypeScript tree, and the layering rules of docs/decisions/0007:
// which folder may import what. `npm run lint` runs it; `npm test` runs it first.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Bot Framework, Teams AI and restify: the edge's libraries. */
const frameworks = ['botbuilder', 'botbuilder-*', 'botframework-*', '@microsoft/teams-ai', '@microsoft/teams-ai/*', 'restify'];

/** Every file: relative imports without a `.js` suffix (one import style across the tree). */
const noJsSuffix = { regex: '^\\.{1,2}/.*\\.js$', message: 'Import relative modules without the .js suffix, as everywhere else.' };

/** `@typescript-eslint/no-restricted-imports` with these patterns, plus the import-style one. */
const restrictImports = (...patterns) => ['error', { patterns: [noJsSuffix, ...patterns] }];

/** A capability's Teams, HTTP and card files: the edge, which may speak Teams (decision 0007). */
const edgeFiles = ['**/*-routes.ts', '**/*-actions.ts', '**/*-api.ts', '**/*-card.ts', '**/*-cards.ts', 'src/notifications/proactive-send.ts'];

const capabilityFolders = [
  'answering',
  'ingestion',
  'language',
  'workstreams',
  'concerns',
  'access',
  'notifications',
  'feedback',
  'progress',
  'paper',
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.deploy/**', '.data/**', 'pglite-template/**', '**/*.cjs', '**/*.mjs', '**/*.js'] },
  {
    files: ['**/*.ts'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Type-aware, and worth their cost: a promise nobody awaits or handles loses its error.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-restricted-imports': restrictImports(),
    },
  },
  {
    // Our own code: `!` only where a comment says why (an eslint-disable line with its reason).
    files: ['src/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'error',
      // SQL lives in src/store: nothing else runs a query.
      'no-restricted-syntax': [
        'error',
        // (Teams AI's `app.messageExtensions.query(…)` registers a search handler: not SQL.)
        {
          selector: "CallExpression[callee.property.name='query']:not([callee.object.property.name='messageExtensions'])",
          message: 'SQL lives in src/store/: call a repository.',
        },
      ],
    },
  },
  {
    files: ['src/store/**/*.ts'],
    rules: {
      'no-restricted-syntax': 'off',
      '@typescript-eslint/no-restricted-imports': restrictImports(
        { group: frameworks, allowTypeImports: true, message: 'The store returns plain objects; it does not run Bot Framework code.' },
        {
          regex: `^\\.\\./(${[...capabilityFolders, 'teams', 'http'].join('|')})(/|$)`,
          allowTypeImports: true,
          message: 'The store imports no capability code (a repository may name a capability type with `import type`).',
        },
      ),
    },
  },
  {
    files: capabilityFolders.map((folder) => `src/${folder}/**/*.ts`),
    ignores: edgeFiles,
    rules: {
      '@typescript-eslint/no-restricted-imports': restrictImports(
        {
          group: frameworks,
          allowTypeImports: true,
          message:
            'Domain code says what happened; the edge (src/teams, *-routes/-actions/-api/-card(s).ts) speaks Teams and HTTP. `import type` is fine.',
        },
        {
          regex: '^(\\.\\./)+(teams|http)(/|$)',
          message: 'Domain code does not import src/teams or src/http: return data and let the edge render and send it.',
        },
      ),
    },
  },
);
