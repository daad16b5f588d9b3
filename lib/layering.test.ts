import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// lib/ is code the browser also runs; whatever only the server runs is in server/, even when it is
// pure (docs/ARCHITECTURE.md, "Layers"). ESLint keeps lib/ from importing server code; this keeps
// server-only code out of lib/: every lib/ module must be reachable from a browser entry point —
// a 'use client' file or components/ — through imports (type imports count: a DTO the browser types
// its data with belongs in lib/). And nothing the browser reaches may live in server/.

const root = process.cwd();
const SKIP = new Set(['node_modules', '.next', '.sandbox', '.data', '.git', 'generated', 'e2e', 'blueprints', 'infra', 'prisma', 'public']);
const SOURCE = /\.(ts|tsx)$/;
const isTest = (file: string) => /\.test\.tsx?$/.test(file) || file.includes('__fixtures__/') || file.includes('/test-support/');

/**
 * lib/ files that are shared by definition, not by an import the browser makes today:
 * - lib/schemas/: the API's request schemas, the contract the browser's forms send (STYLE.md:
 *   "schemas in lib/schemas/<domain>.ts"), kept together per domain even where only the server parses one;
 * - lib/cost/bench.ts: what scripts/bench/cost-grid.mjs bundles into Chromium.
 */
const SHARED_BY_DEFINITION = [/^lib\/schemas\//, /^lib\/cost\/bench\.ts$/];

function listSources(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const rel = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...listSources(rel));
    else if (SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(rel);
  }
  return out;
}

function resolveImport(from: string, specifier: string): string | null {
  const base = specifier.startsWith('@/') ? specifier.slice(2) : specifier.startsWith('.') ? path.posix.join(path.posix.dirname(from), specifier) : null;
  if (base === null) return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`]) {
    if (SOURCE.test(candidate) && existsSync(path.join(root, candidate))) return candidate;
  }
  return null;
}

const directive = (text: string) => /^\s*(?:\/\/[^\n]*\n\s*)*(['"])use (client|server)\1/.exec(text)?.[2];

function browserReach(): { reached: Set<string>; importers: Map<string, string> } {
  const cache = new Map<string, string>();
  const text = (file: string) => cache.get(file) ?? cache.set(file, readFileSync(path.join(root, file), 'utf8')).get(file)!;
  const entries = listSources('').filter((f) => !isTest(f) && (directive(text(f)) === 'client' || f.startsWith('components/')));
  const reached = new Set(entries);
  const importers = new Map<string, string>();
  const queue = [...entries];
  while (queue.length) {
    const file = queue.pop()!;
    for (const { fileName } of ts.preProcessFile(text(file), true, true).importedFiles) {
      const target = resolveImport(file, fileName);
      // A server action module is a reference the browser calls over HTTP, not code it runs.
      if (!target || reached.has(target) || directive(text(target)) === 'server') continue;
      reached.add(target);
      importers.set(target, file);
      queue.push(target);
    }
  }
  return { reached, importers };
}

describe('lib/ vs server/', () => {
  const { reached, importers } = browserReach();

  it('finds the browser entry points', () => {
    // Sanity: the walk sees the portal's client components and what they import.
    expect(reached.has('lib/sfn/graph-svg.ts')).toBe(true);
    expect(reached.has('lib/kafka/dto.ts')).toBe(true);
  });

  it('every lib/ module is code the browser runs (or types it uses)', () => {
    const serverOnly = listSources('lib').filter((f) => !isTest(f) && !reached.has(f) && !SHARED_BY_DEFINITION.some((re) => re.test(f)));
    expect(serverOnly, "only the server uses these: move them to server/ (with `import 'server-only'`)").toEqual([]);
  });

  it('nothing the browser reaches lives in server/', () => {
    const chain = (file: string) => {
      const steps = [file];
      for (let at = importers.get(file); at; at = importers.get(at)) steps.unshift(at);
      return steps.join(' → ');
    };
    expect([...reached].filter((f) => f.startsWith('server/')).map(chain)).toEqual([]);
  });
});
