import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: ['.next/**', 'node_modules/**', '.sandbox/**', '.data/**', 'server/generated/**', 'next-env.d.ts', 'scripts/sandbox/aws/**'],
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Domain code talks to AWS only through server/aws/clients.ts.
      'no-restricted-syntax': [
        'error',
        {
          selector: 'NewExpression[callee.name=/^[A-Z][A-Za-z0-9]*Client$/][callee.name!=/^(QueryClient|SqliteClient|PostgresClient|PrismaClient)$/]',
          message: 'Build AWS SDK clients with createAwsClient() from server/aws/clients.ts.',
        },
        // Instants are written one way, by lib/date-time.ts (UTC, zone named, same on server and browser).
        ...[
          'CallExpression[callee.property.name=/^toLocale(Date|Time)String$/]',
          "CallExpression[callee.property.name='toLocaleString'][callee.object.type='NewExpression'][callee.object.callee.name='Date']",
          "CallExpression[callee.property.name='toLocaleString'] > ObjectExpression > Property[key.name=/^(dateStyle|timeStyle|weekday|month|hour|minute|timeZone)$/]",
          "NewExpression[callee.object.name='Intl'][callee.property.name='DateTimeFormat']",
        ].map((selector) => ({ selector, message: 'Format dates and times with formatDateTime() or formatTime() from lib/date-time.ts.' })),
      ],
    },
  },
  {
    // Blueprint function code runs in Lambda, tests and scripts build what they test.
    files: ['server/aws/clients.ts', '**/*.test.ts', '**/*.int.test.ts', 'scripts/**', 'e2e/**', 'blueprints/**'],
    rules: { 'no-restricted-syntax': 'off' },
  },
];

export default config;
