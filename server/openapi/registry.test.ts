import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument, listOperations } from '@/server/openapi/registry';
import '@/server/openapi/operations';

const apiRoot = path.join(process.cwd(), 'app/api/v1');

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? routeFiles(full) : name === 'route.ts' ? [full] : [];
  });
}

/** Methods a route file exports, read from its source. */
function exportedMethods(source: string): string[] {
  const found = new Set<string>();
  for (const m of source.matchAll(/export\s+(?:const|async function|function)\s+(GET|POST|PUT|PATCH|DELETE)\b/g)) found.add(m[1]!);
  for (const m of source.matchAll(/as\s+(GET|POST|PUT|PATCH|DELETE)\b/g)) found.add(m[1]!);
  return [...found];
}

describe('the OpenAPI document', () => {
  it('lists every route under app/api/v1, and nothing that does not exist', () => {
    const actual = routeFiles(apiRoot).flatMap((file) => {
      const rel = path.relative(path.join(process.cwd(), 'app'), path.dirname(file));
      const openApiPath = `/${rel
        .split(path.sep)
        .map((seg) => seg.replace(/^\[\.{0,3}(\w+)\]$/, '{$1}'))
        .join('/')}`;
      return exportedMethods(readFileSync(file, 'utf8')).map((m) => `${m} ${openApiPath}`);
    });
    const documented = listOperations().map((o) => `${o.method} ${o.path}`);
    expect([...documented].sort()).toEqual([...actual].sort());
  });

  it('is valid-looking OpenAPI 3.1 with request schemas from zod', () => {
    const doc = buildOpenApiDocument('test');
    expect(doc.openapi).toBe('3.1.0');
    const post = doc.paths['/api/v1/tokens']?.post as { requestBody: { content: { 'application/json': { schema: { properties: object } } } } };
    expect(Object.keys(post.requestBody.content['application/json'].schema.properties)).toContain('name');
    expect(doc.paths['/api/v1/health']?.get).toMatchObject({ security: [] });
  });
});
