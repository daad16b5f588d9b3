import 'server-only';

import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';

import { findLocalArtefactPaths } from '@/server/blueprints/artefact-paths';
import { parseCfnYaml } from '@/server/blueprints/cfn-yaml';

import { buildFunction, defaultBuildSettings, functionNeedsBuild, type BuildReport, type BuildSettings } from './build-function';
import { planFunctionBuild, type FunctionBuildPlan } from './plan';
import type { FunctionBuildDto, FunctionBuildProgressDto } from '@/lib/launches/dto';

/** The built code of a blueprint's functions, by `builtCodeKey`, and what each build did. */
export interface BlueprintBuild {
  code: Map<string, Uint8Array>;
  reports: BuildReport[];
}

/** The build reports as the launch page shows them. */
export function toFunctionBuilds(build: BlueprintBuild | undefined): FunctionBuildDto[] {
  return (build?.reports ?? []).map((r) => ({
    functionId: r.logicalId,
    runtime: r.runtime,
    tool: r.tool,
    cached: r.cached,
    sizeBytes: r.bytes,
    durationMs: r.durationMs,
  }));
}

/** Identifies one function's code in one template of a blueprint. */
export function builtCodeKey(templateFile: string, logicalId: string): string {
  return `${path.resolve(templateFile)}#${logicalId}`;
}

/** Called with every function's state each time one of them moves on (a fresh array each time). */
export type BuildProgressListener = (builds: FunctionBuildProgressDto[]) => void | Promise<void>;

/**
 * Builds every function of a blueprint whose code is a local folder (nested templates included),
 * one at a time, before anything is packaged or sent to AWS. `parameters` are the root template's
 * launch values (they can choose a function's architecture). `onProgress` hears the list of functions
 * to build first (all pending), then each start and end; a failed build is reported before it throws.
 */
export async function buildBlueprintFunctions(
  blueprintDir: string,
  parameters: Record<string, string> = {},
  options: { settings?: BuildSettings; templateFile?: string; onProgress?: BuildProgressListener } = {},
): Promise<BlueprintBuild> {
  const result: BlueprintBuild = { code: new Map(), reports: [] };
  const settings = options.settings ?? defaultBuildSettings();
  const planned: { templateFile: string; plan: FunctionBuildPlan }[] = [];
  await planTemplate(path.join(blueprintDir, options.templateFile ?? 'template.yaml'), parameters, planned, new Set());

  const progress: FunctionBuildProgressDto[] = planned.map(({ plan }) => ({
    functionId: plan.logicalId,
    runtime: plan.runtime,
    tool: plan.family === 'nodejs' ? 'esbuild' : 'pip',
    status: 'pending',
    sizeBytes: null,
    durationMs: null,
    error: null,
  }));
  const report = async (index: number, change: Partial<FunctionBuildProgressDto>) => {
    progress[index] = { ...progress[index]!, ...change };
    await options.onProgress?.(progress.map((entry) => ({ ...entry })));
  };
  if (progress.length > 0) await options.onProgress?.(progress.map((entry) => ({ ...entry })));

  for (const [index, { templateFile, plan }] of planned.entries()) {
    await report(index, { status: 'building' });
    const started = Date.now();
    let built: Awaited<ReturnType<typeof buildFunction>>;
    try {
      built = await buildFunction(plan, settings);
    } catch (error) {
      await report(index, { status: 'failed', durationMs: Date.now() - started, error: (error as Error).message });
      throw error;
    }
    if (!built) continue;
    result.code.set(builtCodeKey(templateFile, plan.logicalId), built.zip);
    result.reports.push(built.report);
    await report(index, { status: built.report.cached ? 'cached' : 'built', sizeBytes: built.report.bytes, durationMs: built.report.durationMs });
  }
  return result;
}

/** The functions of a template (and its nested templates) that need a build, in template order. */
async function planTemplate(
  templateFile: string,
  parameters: Record<string, string>,
  planned: { templateFile: string; plan: FunctionBuildPlan }[],
  seen: Set<string>,
) {
  const resolved = path.resolve(templateFile);
  if (seen.has(resolved)) return;
  seen.add(resolved);
  const template = parseCfnYaml(await readFile(resolved, 'utf8'));
  for (const local of findLocalArtefactPaths(template)) {
    const absolute = path.resolve(path.dirname(resolved), local.path);
    if (local.kind === 'nested-template') {
      // A nested stack's parameters come from its parent at deploy time; its own defaults stand in here.
      await planTemplate(absolute, {}, planned, seen);
      continue;
    }
    if (local.kind !== 'lambda-code' || !(await stat(absolute)).isDirectory()) continue;
    const plan = planFunctionBuild(template, local.logicalId, absolute, parameters);
    if (plan && (await functionNeedsBuild(plan))) planned.push({ templateFile: resolved, plan });
  }
}
