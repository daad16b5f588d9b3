import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));
const alias = {
  '@/': root,
  'server-only': fileURLToPath(new URL('./test/server-only-stub.ts', import.meta.url)),
};

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          // `*.test.ts` at the root: eslint.config.test.ts, which proves the layering rules.
          include: ['*.test.ts', '{server,lib,scripts,sandbox,components}/**/*.test.ts', '{server,lib,components}/**/*.test.tsx'],
          exclude: ['**/*.int.test.ts', '**/*.db.test.ts', 'node_modules/**', '.sandbox/**'],
          environment: 'node',
        },
      },
      {
        resolve: { alias },
        test: {
          // Against DATABASE_URL (SQLite or PostgreSQL), migrated by scripts/test.mjs.
          name: 'db',
          include: ['{server,lib,scripts}/**/*.db.test.ts'],
          environment: 'node',
          fileParallelism: false,
          testTimeout: 30_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          include: ['{server,lib,scripts,sandbox}/**/*.int.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
