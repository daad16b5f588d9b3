import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTokenSchema } from '@/lib/schemas/tokens';
import { ApiError, fetchJson, jsonBody } from './fetch-json';

const repoRoot = process.cwd();

afterEach(() => vi.unstubAllGlobals());

describe('fetchJson', () => {
  it('sends a jsonBody as JSON and hands back the answer', async () => {
    const fetchMock = vi.fn(async () => new Response(JSON.stringify({ id: 't1' }), { status: 201 }));
    vi.stubGlobal('fetch', fetchMock);
    expect(await fetchJson('/api/v1/tokens', { method: 'POST', json: jsonBody(createTokenSchema, { name: 'ci' }) })).toEqual({ id: 't1' });
    expect(fetchMock).toHaveBeenCalledWith('/api/v1/tokens', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"name":"ci"}',
    });
  });

  it("turns the API's error shape into an ApiError with its field messages", async () => {
    const body = { error: { code: 'VALIDATION', message: 'Invalid input', fields: { name: ['name is required'] } } };
    vi.stubGlobal('fetch', async () => new Response(JSON.stringify(body), { status: 422 }));
    const error = await fetchJson('/api/v1/tokens').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 422, code: 'VALIDATION', fields: { name: ['name is required'] } });
  });
});

// Bodies typed by the route's schema: each marked line is a mistake tsc must reject, and nothing else.
const program = `import { fetchJson, jsonBody } from '@/lib/api/fetch-json';
import { createTokenSchema } from '@/lib/schemas/tokens';
import { startExecutionSchema } from '@/lib/schemas/sfn';
import { teardownSchema } from '@/lib/schemas/launches';

export async function calls(arn: string) {
  await fetchJson('/api/v1/tokens', { method: 'POST', json: jsonBody(createTokenSchema, { name: 'ci', expiresInDays: 30 }) });
  await fetchJson('/api/v1/stepfunctions/executions', { method: 'POST', json: jsonBody(startExecutionSchema, { stateMachineArn: arn, input: { a: 1 } }) });
  await fetchJson('/api/v1/launches/l1', { method: 'DELETE', json: jsonBody(teardownSchema, {}) });

  await fetchJson('/api/v1/tokens', { method: 'POST', json: jsonBody(createTokenSchema, { tokenName: 'ci' }) }); // WRONG: the field is name
  await fetchJson('/api/v1/tokens', { method: 'POST', json: jsonBody(createTokenSchema, { name: 'ci', expiresInDays: '30' }) }); // WRONG: a number
  await fetchJson('/api/v1/stepfunctions/executions', { method: 'POST', json: jsonBody(startExecutionSchema, { stateMachineArn: arn, inputs: {} }) }); // WRONG: input
  await fetchJson('/api/v1/launches/l1', { method: 'DELETE', json: jsonBody(teardownSchema, { retain: ['Queue'] }) }); // WRONG: retainResources
  await fetchJson('/api/v1/tokens', { method: 'POST', json: { name: 'ci' } }); // WRONG: a body the schema has not typed
}
`;

describe('request bodies typed by the route schema', () => {
  it('compile when they match and fail to compile, line by line, when a field is wrong', { timeout: 120_000 }, () => {
    mkdirSync(path.join(repoRoot, '.data'), { recursive: true });
    // Inside the repository, so the program resolves zod and the project's own modules.
    const dir = mkdtempSync(path.join(repoRoot, '.data', 'typed-bodies-'));
    try {
      writeFileSync(path.join(dir, 'calls.ts'), program);
      const tsconfig = {
        compilerOptions: {
          target: 'ES2022',
          lib: ['ES2023', 'DOM'],
          module: 'ESNext',
          moduleResolution: 'Bundler',
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          types: [],
          paths: { '@/*': [`${repoRoot}/*`] },
        },
        files: ['calls.ts'],
      };
      writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify(tsconfig));
      const tsc = spawnSync(process.execPath, [path.join(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json', '--pretty', 'false'], {
        cwd: dir,
        encoding: 'utf8',
      });
      const where = [...new Set([...tsc.stdout.matchAll(/^(\S+)\((\d+),\d+\): error TS\d+/gm)].map((m) => `${m[1]}:${m[2]}`))];
      const marked = program.split('\n').flatMap((line, i) => (line.includes('// WRONG') ? [`calls.ts:${i + 1}`] : []));
      expect(marked).toHaveLength(5);
      expect(where, tsc.stdout + tsc.stderr).toEqual(marked);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
