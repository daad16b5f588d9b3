import 'server-only';

import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

import type { FunctionBuildPlan } from './plan';

// Bumped when the build steps change, so every cached artefact built the old way is rebuilt.
export const BUILDER_VERSION = '1';

// Installed or generated on the developer's machine, never part of what is built.
const SKIPPED = new Set(['node_modules', '.git', '__pycache__', '.pytest_cache', '.DS_Store', 'Thumbs.db', '.venv']);

/** A source file of a function folder: POSIX path relative to the folder and SHA-256 of its bytes. */
export interface SourceFile {
  path: string;
  sha256: string;
}

/** The files a build reads, sorted by path (installed dependencies and caches left out). */
export async function listSourceFiles(root: string, relative = ''): Promise<SourceFile[]> {
  const entries = await readdir(path.join(root, relative), { withFileTypes: true });
  const files: SourceFile[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (SKIPPED.has(entry.name) || entry.name.endsWith('.pyc')) continue;
    const child = relative ? `${relative}/${entry.name}` : entry.name;
    if (entry.isDirectory()) files.push(...(await listSourceFiles(root, child)));
    else if (entry.isFile())
      files.push({
        path: child,
        sha256: createHash('sha256')
          .update(await readFile(path.join(root, child)))
          .digest('hex'),
      });
  }
  return files;
}

/**
 * The cache key of a build: everything that can change its output (source bytes, lockfile, runtime,
 * handler, architecture, builder and tool versions) and nothing that cannot (folder location, logical ID).
 */
export function computeBuildKey(
  plan: Pick<FunctionBuildPlan, 'runtime' | 'handler' | 'architecture' | 'family'>,
  files: readonly SourceFile[],
  tools: Record<string, string>,
): string {
  const input = {
    builder: BUILDER_VERSION,
    family: plan.family,
    runtime: plan.runtime,
    handler: plan.handler,
    architecture: plan.architecture,
    tools: Object.fromEntries(Object.entries(tools).sort(([a], [b]) => (a < b ? -1 : 1))),
    files: [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)).map((f) => [f.path, f.sha256]),
  };
  return createHash('sha256').update(JSON.stringify(input)).digest('hex');
}
