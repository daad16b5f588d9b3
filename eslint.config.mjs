import { builtinModules } from 'node:module';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

// The layering rules of docs/ARCHITECTURE.md ("Layers"), held by lint. ESLint gives a file the rule
// options of the last config object that matches it, so each group of files below lists every
// restriction that applies to it; eslint.config.test.ts lints a small fixture against each one.

const DB = {
  regex: '^(@/server/db|@/server/generated(/.*)?|(\\.\\./)+db|\\./db)$',
  // A process that is done (the worker, a script) may close the connections.
  allowImportNames: ['disconnectDatabase'],
  message: 'Only server/<domain>/queries.ts files talk to the database: add a query function there.',
};
const AWS_SDK = {
  group: ['@aws-sdk/*'],
  message: 'AWS SDK calls live in server/aws/<service>.ts: call a function from there.',
};
// @cloud-copilot/iam-simulate is AGPL-3.0: the ABAC evaluator's test oracle, a dev dependency that
// only tests, their helpers and the benchmark may import, so nothing that ships links it.
const AGPL_ORACLE = {
  group: ['@cloud-copilot/*'],
  message: '@cloud-copilot/* is AGPL-3.0 and a dev dependency: only tests, test-support/ and scripts/bench/ may import it.',
};
const LIB_BOUNDARY = [
  {
    regex: '^(@/(server|app)(/.*)?|(\\.\\./)+(server|app)(/.*)?|server-only)$',
    message: 'lib/ is code the browser also runs: it may not import server/, app/ or server-only. Move server-only code to server/.',
  },
  {
    regex: `^(node:.*|${builtinModules.filter((m) => !m.startsWith('_')).join('|')})(/.*)?$`,
    message: 'lib/ is code the browser also runs: Node.js modules belong in server/.',
  },
];
const restrictImports = (...patterns) => ['error', { patterns }];

const SDK_CLIENT = {
  selector: 'NewExpression[callee.name=/^[A-Z][A-Za-z0-9]*Client$/][callee.name!=/^(QueryClient|SqliteClient|PostgresClient|PrismaClient)$/]',
  message: 'Build AWS SDK clients with createAwsClient() from server/aws/clients.ts.',
};
const PRISMA_CODE = {
  selector: 'Literal[value=/^P\\d{4}$/]',
  message: 'Prisma error codes belong to the data layer: map them to an AppError in server/<domain>/queries.ts (helpers in server/db.ts).',
};
// Instants are written one way, by lib/date-time.ts (UTC, zone named, same on server and browser).
const DATE_FORMAT = [
  'CallExpression[callee.property.name=/^toLocale(Date|Time)String$/]',
  "CallExpression[callee.property.name='toLocaleString'][callee.object.type='NewExpression'][callee.object.callee.name='Date']",
  "CallExpression[callee.property.name='toLocaleString'] > ObjectExpression > Property[key.name=/^(dateStyle|timeStyle|weekday|month|hour|minute|timeZone)$/]",
  "NewExpression[callee.object.name='Intl'][callee.property.name='DateTimeFormat']",
].map((selector) => ({ selector, message: 'Format dates and times with formatDateTime() or formatTime() from lib/date-time.ts.' }));
const restrictSyntax = (...selectors) => ['error', ...selectors];

const TESTS = ['**/*.test.ts', '**/*.test.tsx'];

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: ['.next/**', 'dist/**', 'node_modules/**', '.sandbox/**', '.data/**', 'server/generated/**', 'next-env.d.ts', 'sandbox/aws/**'],
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': restrictImports(DB, AWS_SDK, AGPL_ORACLE),
      'no-restricted-syntax': restrictSyntax(SDK_CLIENT, PRISMA_CODE, ...DATE_FORMAT),
    },
  },
  {
    // The data layer: the Prisma client and its error codes.
    files: ['server/**/queries.ts', 'server/db.ts'],
    rules: { 'no-restricted-imports': restrictImports(AWS_SDK, AGPL_ORACLE), 'no-restricted-syntax': restrictSyntax(SDK_CLIENT, ...DATE_FORMAT) },
  },
  {
    // The AWS layer: SDK commands, and (clients.ts only) SDK clients.
    files: ['server/aws/**'],
    rules: { 'no-restricted-imports': restrictImports(DB, AGPL_ORACLE) },
  },
  {
    files: ['server/aws/clients.ts'],
    rules: { 'no-restricted-syntax': restrictSyntax(PRISMA_CODE, ...DATE_FORMAT) },
  },
  {
    files: ['lib/**'],
    rules: { 'no-restricted-imports': restrictImports(AWS_SDK, AGPL_ORACLE, ...LIB_BOUNDARY) },
  },
  {
    // Tests arrange and inspect state directly: unit tests build SDK inputs and fake Prisma errors,
    // database and integration tests (and their helpers) read and write rows and call the sandbox.
    // None of them ship, so lib/'s browser boundary does not bind them either.
    files: [...TESTS, '**/test-support/**', '**/__fixtures__/**'],
    rules: { 'no-restricted-imports': restrictImports(DB), 'no-restricted-syntax': 'off' },
  },
  {
    files: ['**/*.db.test.ts', '**/*.int.test.ts', '**/test-support/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // e2e support and the benchmarks talk to the sandbox directly; blueprint function code runs in Lambda.
    files: ['e2e/**', 'scripts/bench/**', 'blueprints/**'],
    rules: { 'no-restricted-imports': restrictImports(DB), 'no-restricted-syntax': 'off' },
  },
  {
    // Blueprint code ships to Lambda: no oracle there either.
    files: ['blueprints/**'],
    rules: { 'no-restricted-imports': restrictImports(DB, AGPL_ORACLE) },
  },
];

export default config;
