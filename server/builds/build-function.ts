import 'server-only';

import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';

import { AppError } from '@/server/errors';
import { env } from '@/server/env';
import { log } from '@/server/log';
import { zipDirectory } from '@/server/blueprints/zip';

import { buildNodeFunction, esbuildVersion, readPackageJson } from './build-node';
import { buildPythonFunction, hasRequirements, pipVersion } from './build-python';
import { pruneBuildCache, readCachedBuild, writeCachedBuild, type BuildCache } from './cache';
import { computeBuildKey, listSourceFiles } from './hash';
import type { FunctionBuildPlan } from './plan';
import { BuildToolError, runTool } from './run-tool';

/** What building one function did, for the launch page and the tests. */
export interface BuildReport {
  logicalId: string;
  runtime: string;
  tool: 'esbuild' | 'pip';
  /** SHA-256 over everything that shapes the output; names the cached artefact. */
  key: string;
  /** True when the artefact came from the cache and no tool ran. */
  cached: boolean;
  durationMs: number;
  bytes: number;
}

/** Where builds keep their artefacts and tool caches, and which Python runs pip. */
export interface BuildSettings {
  cache: BuildCache;
  workRoot: string;
  python: string;
}

/** The build settings from the environment: everything under `<data dir>/builds`. */
export function defaultBuildSettings(): BuildSettings {
  const e = env();
  const root = path.join(e.dataDir, 'builds');
  const venvPython = path.resolve(/* turbopackIgnore: true */ process.cwd(), '.sandbox/venv/bin/python');
  return {
    cache: { dir: path.join(root, 'artefacts'), maxEntries: e.SLIPWAY_BUILD_CACHE_ENTRIES },
    workRoot: path.join(root, 'work'),
    python: e.SLIPWAY_BUILD_PYTHON ?? (existsSync(venvPython) ? venvPython : 'python3'),
  };
}

const toolVersions = new Map<string, Promise<string>>();
function memoisedVersion(name: string, read: () => Promise<string>): Promise<string> {
  let version = toolVersions.get(name);
  if (!version) {
    version = read();
    version.catch(() => toolVersions.delete(name));
    toolVersions.set(name, version);
  }
  return version;
}

/** True when the folder gets a build (Node.js with a package.json, Python with a requirements.txt); otherwise it is zipped as it is. */
export async function functionNeedsBuild(plan: FunctionBuildPlan): Promise<boolean> {
  try {
    return plan.family === 'nodejs' ? (await readPackageJson(plan.sourceDir)) !== null : await hasRequirements(plan.sourceDir);
  } catch {
    // An unreadable package.json is the build's to report, with the function's name.
    return true;
  }
}

// Two launches of one blueprint at once build it once.
const inFlight = new Map<string, Promise<Uint8Array>>();

/**
 * Builds one function's code folder (or takes it from the cache) and returns its zip; null when the
 * folder needs no build and is zipped as it is (Node.js without package.json, Python without
 * requirements.txt). A failed build throws a VALIDATION error naming the function and the tool.
 */
export async function buildFunction(
  plan: FunctionBuildPlan,
  settings: BuildSettings = defaultBuildSettings(),
): Promise<{ zip: Uint8Array; report: BuildReport } | null> {
  const started = Date.now();
  try {
    const manifest = plan.family === 'nodejs' ? await readPackageJson(plan.sourceDir) : null;
    if (plan.family === 'nodejs' && !manifest) return null;
    if (plan.family === 'python' && !(await hasRequirements(plan.sourceDir))) return null;

    const tool = plan.family === 'nodejs' ? 'esbuild' : 'pip';
    const tools: Record<string, string> =
      plan.family === 'nodejs'
        ? {
            esbuild: await memoisedVersion('esbuild', esbuildVersion),
            npm: await memoisedVersion('npm', async () => (await runTool('npm', 'npm', ['--version'])).trim()),
          }
        : { pip: await memoisedVersion(`pip:${settings.python}`, () => pipVersion(settings.python)) };
    const key = computeBuildKey(plan, await listSourceFiles(plan.sourceDir), tools);

    const cachedZip = await readCachedBuild(settings.cache, key);
    if (cachedZip)
      return {
        zip: cachedZip,
        report: { logicalId: plan.logicalId, runtime: plan.runtime, tool, key, cached: true, durationMs: Date.now() - started, bytes: cachedZip.byteLength },
      };

    let building = inFlight.get(key);
    if (!building) {
      building = runBuild(plan, manifest, key, settings).finally(() => inFlight.delete(key));
      inFlight.set(key, building);
    }
    const zip = await building;
    const report: BuildReport = {
      logicalId: plan.logicalId,
      runtime: plan.runtime,
      tool,
      key,
      cached: false,
      durationMs: Date.now() - started,
      bytes: zip.byteLength,
    };
    // `key` would be masked by the logger (it hides anything named like a secret).
    log.info('function built', {
      logicalId: report.logicalId,
      runtime: report.runtime,
      tool: report.tool,
      buildKey: key,
      durationMs: report.durationMs,
      bytes: report.bytes,
    });
    return { zip, report };
  } catch (error) {
    const message = error instanceof BuildToolError ? error.message : (error as Error).message;
    throw new AppError('VALIDATION', `The build of function ${plan.logicalId} (${plan.runtime}) failed: ${message}`, {
      details: { function: plan.logicalId, tool: error instanceof BuildToolError ? error.tool : undefined },
      cause: error,
    });
  }
}

async function runBuild(
  plan: FunctionBuildPlan,
  manifest: Awaited<ReturnType<typeof readPackageJson>>,
  key: string,
  settings: BuildSettings,
): Promise<Uint8Array> {
  await mkdir(settings.workRoot, { recursive: true });
  const workDir = await mkdtemp(path.join(settings.workRoot, `${plan.logicalId}-`));
  try {
    const toolCache = path.dirname(settings.cache.dir);
    const out =
      plan.family === 'nodejs'
        ? await buildNodeFunction(plan, manifest ?? {}, workDir, path.join(toolCache, 'npm-cache'))
        : await buildPythonFunction(plan, settings.python, workDir, path.join(toolCache, 'pip-cache'));
    const zip = await zipDirectory(out);
    await writeCachedBuild(settings.cache, key, zip);
    await pruneBuildCache(settings.cache);
    return zip;
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}
