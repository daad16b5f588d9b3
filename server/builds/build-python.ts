import 'server-only';

import { access, cp } from 'node:fs/promises';
import path from 'node:path';

import { pipPlatform, pythonVersion, type FunctionBuildPlan } from './plan';
import { runTool } from './run-tool';

const SKIPPED = new Set(['__pycache__', '.pytest_cache', '.venv', '.git']);

/** True when the function folder has a requirements.txt to install. */
export function hasRequirements(sourceDir: string): Promise<boolean> {
  return access(path.join(sourceDir, 'requirements.txt')).then(
    () => true,
    () => false,
  );
}

/**
 * Builds a Python function like `sam build`: its files plus requirements.txt installed next to them
 * for Lambda's platform (binary wheels only, for the function's Python version and architecture, so
 * nothing compiles on the portal's machine). Returns the folder to zip.
 */
export async function buildPythonFunction(plan: FunctionBuildPlan, python: string, workDir: string, pipCacheDir: string): Promise<string> {
  const out = path.join(workDir, 'out');
  await cp(plan.sourceDir, out, { recursive: true, filter: (source) => !SKIPPED.has(path.basename(source)) && !source.endsWith('.pyc') });
  await runTool('pip', python, [
    '-m',
    'pip',
    'install',
    '--requirement',
    path.join(plan.sourceDir, 'requirements.txt'),
    '--target',
    out,
    '--platform',
    pipPlatform(plan.architecture),
    '--implementation',
    'cp',
    '--python-version',
    pythonVersion(plan.runtime),
    '--only-binary=:all:',
    '--no-compile',
    '--no-input',
    '--disable-pip-version-check',
    '--cache-dir',
    pipCacheDir,
  ]);
  return out;
}

/** The pip version Python builds run with (part of every Python build key). */
export async function pipVersion(python: string): Promise<string> {
  const output = await runTool('pip', python, ['-m', 'pip', '--version']);
  return /^pip (\S+)/.exec(output)?.[1] ?? output.trim();
}
