import 'server-only';

import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';

import { findLocalArtefactPaths } from '@/server/blueprints/artefact-paths';
import { parseCfnYaml } from '@/server/blueprints/cfn-yaml';

import { buildFunction, defaultBuildSettings, type BuildReport, type BuildSettings } from './build-function';
import { planFunctionBuild } from './plan';
import type { FunctionBuildDto } from '@/lib/launches/dto';

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

/**
 * Builds every function of a blueprint whose code is a local folder (nested templates included),
 * one at a time, before anything is packaged or sent to AWS. `parameters` are the root template's
 * launch values (they can choose a function's architecture).
 */
export async function buildBlueprintFunctions(
  blueprintDir: string,
  parameters: Record<string, string> = {},
  options: { settings?: BuildSettings; templateFile?: string } = {},
): Promise<BlueprintBuild> {
  const result: BlueprintBuild = { code: new Map(), reports: [] };
  const settings = options.settings ?? defaultBuildSettings();
  await buildTemplate(path.join(blueprintDir, options.templateFile ?? 'template.yaml'), parameters, settings, result, new Set());
  return result;
}

async function buildTemplate(templateFile: string, parameters: Record<string, string>, settings: BuildSettings, result: BlueprintBuild, seen: Set<string>) {
  const resolved = path.resolve(templateFile);
  if (seen.has(resolved)) return;
  seen.add(resolved);
  const template = parseCfnYaml(await readFile(resolved, 'utf8'));
  for (const local of findLocalArtefactPaths(template)) {
    const absolute = path.resolve(path.dirname(resolved), local.path);
    if (local.kind === 'nested-template') {
      // A nested stack's parameters come from its parent at deploy time; its own defaults stand in here.
      await buildTemplate(absolute, {}, settings, result, seen);
      continue;
    }
    if (local.kind !== 'lambda-code' || !(await stat(absolute)).isDirectory()) continue;
    const plan = planFunctionBuild(template, local.logicalId, absolute, parameters);
    if (!plan) continue;
    const built = await buildFunction(plan, settings);
    if (!built) continue;
    result.code.set(builtCodeKey(resolved, local.logicalId), built.zip);
    result.reports.push(built.report);
  }
}
