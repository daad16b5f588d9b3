import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// @cloud-copilot/iam-simulate is AGPL-3.0. It is the evaluator's test oracle and must never ship:
// a dev dependency only, named only by tests, test helpers and the benchmark. ESLint refuses the
// import (eslint.config.test.ts proves it); this test also catches require(), import() and re-exports.

const ROOT = process.cwd();
const SHIPPING_DIRS = ['app', 'components', 'lib', 'server', 'scripts', 'blueprints', 'proxy.ts', 'instrumentation.ts', 'next.config.js'];
const isExempt = (file: string) =>
  /\.test\.tsx?$/.test(file) || file.includes('/test-support/') || file.startsWith('scripts/bench/') || file.startsWith('server/generated/');

// `from '…'`, `import '…'`, `import('…')`, `require('…')`: comments may name the package.
const IMPORT = /(\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)['"]@cloud-copilot\//;

function walk(entry: string): string[] {
  const full = path.join(ROOT, entry);
  let names: string[];
  try {
    names = readdirSync(full);
  } catch {
    return /\.(ts|tsx|js|mjs|cjs)$/.test(entry) ? [entry] : [];
  }
  return names.filter((n) => n !== 'node_modules').flatMap((n) => walk(path.posix.join(entry, n)));
}

describe('the AGPL oracle', () => {
  it('is a dev dependency only', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
    expect(pkg.dependencies?.['@cloud-copilot/iam-simulate']).toBeUndefined();
    expect(pkg.devDependencies?.['@cloud-copilot/iam-simulate']).toBeDefined();
  });

  it('is named by no file that ships', () => {
    const offenders = SHIPPING_DIRS.flatMap(walk)
      .filter((file) => !isExempt(file))
      .filter((file) => IMPORT.test(readFileSync(path.join(ROOT, file), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('is named by the differential test (so the check above looks at real files)', () => {
    expect(readFileSync(path.join(ROOT, 'server/abac/test-support/oracle.ts'), 'utf8')).toMatch(IMPORT);
  });
});
