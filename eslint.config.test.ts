import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

// The layering rules of eslint.config.mjs, each proven on a small fixture linted with the project's
// own config: deleting or loosening a rule fails here, not silently in review.

let eslint: ESLint;
beforeAll(async () => {
  eslint = new ESLint({ cwd: process.cwd() });
  // Loading the config and its plugins takes seconds the first time; pay it once, here.
  await eslint.lintText('export {};\n', { filePath: 'lib/warm-up.ts' });
}, 60_000);

const LAYER_RULES = new Set(['no-restricted-imports', 'no-restricted-syntax']);

/** The layering messages ESLint gives `code` as if it were the file at `filePath`. */
async function layeringErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId && LAYER_RULES.has(m.ruleId)).map((m) => m.message);
}

const importing = (specifier: string, names = 'thing') => `import { ${names} } from '${specifier}';\nexport const used = [${names}];\n`;

describe('lib/ is code the browser also runs', () => {
  it.each([
    ['@/server/errors', /lib\/ is code the browser also runs/],
    ['@/server/db', /lib\/ is code the browser also runs/],
    ['@/app/(portal)/actions', /lib\/ is code the browser also runs/],
    ['../../server/log', /lib\/ is code the browser also runs/],
    ['node:fs', /Node\.js modules belong in server\//],
    ['crypto', /Node\.js modules belong in server\//],
    ['@aws-sdk/client-s3', /AWS SDK calls live in server\/aws/],
  ])('refuses %s in a lib/ module', async (specifier, message) => {
    expect(await layeringErrors('lib/sfn/example.ts', importing(specifier))).toEqual([expect.stringMatching(message)]);
  });

  it("refuses `import 'server-only'` in lib/", async () => {
    expect(await layeringErrors('lib/cost/example.ts', "import 'server-only';\nexport const x = 1;\n")).toEqual([
      expect.stringMatching(/lib\/ is code the browser also runs/),
    ]);
  });

  it('lets lib/ import lib/ and packages, and lets lib/ tests build inputs with server code', async () => {
    expect(await layeringErrors('lib/sfn/example.ts', importing('@/lib/sfn/arn') + importing('zod', 'z'))).toEqual([]);
    expect(await layeringErrors('lib/sfn/example.test.ts', importing('@/server/sfn/history'))).toEqual([]);
  });
});

describe('only server/<domain>/queries.ts files import the database', () => {
  it.each([
    'server/launches/sync.ts',
    'server/health/check.ts',
    'server/jobs/worker.ts',
    'app/api/v1/example/route.ts',
    'scripts/token.ts',
    'server/kafka/lag.test.ts',
  ])('refuses `db` in %s', async (filePath) => {
    expect(await layeringErrors(filePath, importing('@/server/db', 'db'))).toEqual([expect.stringMatching(/Only server\/<domain>\/queries\.ts files/)]);
  });

  it('refuses a relative import of the client and the generated Prisma clients', async () => {
    expect(await layeringErrors('server/example.ts', importing('./db', 'db'))).toHaveLength(1);
    expect(await layeringErrors('server/launches/example.ts', importing('../db', 'db'))).toHaveLength(1);
    expect(await layeringErrors('server/launches/example.ts', importing('@/server/generated/sqlite/client', 'PrismaClient'))).toHaveLength(1);
  });

  it('allows queries.ts files, database and integration tests, and closing the pool anywhere', async () => {
    for (const filePath of [
      'server/launches/queries.ts',
      'server/kafka/queries.db.test.ts',
      'server/seed/showcase.int.test.ts',
      'server/launches/test-support/x.ts',
    ]) {
      expect(await layeringErrors(filePath, importing('@/server/db', 'db'))).toEqual([]);
    }
    expect(await layeringErrors('server/jobs/worker.ts', importing('@/server/db', 'disconnectDatabase'))).toEqual([]);
  });
});

describe('the AGPL test oracle (@cloud-copilot/iam-simulate) never ships', () => {
  it.each([
    'server/abac/evaluate.ts',
    'app/api/v1/abac/simulate/route.ts',
    'lib/schemas/abac.ts',
    'server/aws/iam.ts',
    'scripts/token.ts',
    'blueprints/x/index.ts',
  ])('refuses it in %s', async (filePath) => {
    expect(await layeringErrors(filePath, importing('@cloud-copilot/iam-simulate', 'runSimulation'))).toEqual([expect.stringMatching(/AGPL-3\.0/)]);
  });

  it('lets tests, their helpers and the benchmark use it', async () => {
    for (const filePath of ['server/abac/differential.test.ts', 'server/abac/test-support/oracle.ts', 'scripts/bench/abac-matrix.ts']) {
      expect(await layeringErrors(filePath, importing('@cloud-copilot/iam-simulate', 'runSimulation'))).toEqual([]);
    }
  });
});

describe('only server/aws/ calls the AWS SDK', () => {
  it.each(['server/launches/artefacts.ts', 'server/kafka/connection.ts', 'server/seed/showcase.ts', 'app/api/v1/example/route.ts'])(
    'refuses @aws-sdk/* in %s',
    async (filePath) => {
      expect(await layeringErrors(filePath, importing('@aws-sdk/client-s3', 'PutObjectCommand'))).toEqual([
        expect.stringMatching(/AWS SDK calls live in server\/aws/),
      ]);
    },
  );

  it('allows server/aws/, tests, e2e support and the benchmarks', async () => {
    for (const filePath of [
      'server/aws/s3.ts',
      'server/aws/s3.test.ts',
      'server/kafka/reset.int.test.ts',
      'e2e/support/lambda.ts',
      'scripts/bench/kafka-lag.ts',
    ]) {
      expect(await layeringErrors(filePath, importing('@aws-sdk/client-s3', 'PutObjectCommand'))).toEqual([]);
    }
  });

  it('builds SDK clients only in server/aws/clients.ts', async () => {
    const code = "import { S3Client } from '@aws-sdk/client-s3';\nexport const s3 = new S3Client({});\n";
    expect(await layeringErrors('server/aws/s3.ts', code)).toEqual([expect.stringMatching(/createAwsClient\(\)/)]);
    expect(await layeringErrors('server/aws/clients.ts', code)).toEqual([]);
  });
});

describe('Prisma error codes stay in the data layer', () => {
  const code = "export const isTaken = (err: { code?: string }) => err.code === 'P2002';\n";

  it.each(['server/http.ts', 'server/launches/create.ts', 'server/tenancy/assignments.ts', 'app/api/v1/example/route.ts'])(
    'refuses a P#### literal in %s',
    async (filePath) => {
      expect(await layeringErrors(filePath, code)).toEqual([expect.stringMatching(/Prisma error codes belong to the data layer/)]);
    },
  );

  it('allows them in queries.ts files and server/db.ts, and other strings anywhere', async () => {
    expect(await layeringErrors('server/launches/queries.ts', code)).toEqual([]);
    expect(await layeringErrors('server/db.ts', code)).toEqual([]);
    expect(await layeringErrors('server/http.ts', "export const label = 'P20';\nexport const id = 'P2002X';\n")).toEqual([]);
  });
});
