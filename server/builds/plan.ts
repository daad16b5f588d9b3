import 'server-only';

import { objectOrEmpty, scalarToString } from '@/server/blueprints/json';
import type { CfnTemplate } from '@/server/blueprints/cfn-yaml';
import { applySamGlobals } from '@/server/blueprints/sam';

/** The Lambda instruction set a build targets; it decides which binary wheels pip may install. */
export type BuildArchitecture = 'x86_64' | 'arm64';

/** What one function's build needs to know, read from its resource in the template. */
export interface FunctionBuildPlan {
  logicalId: string;
  /** The function folder (absolute). */
  sourceDir: string;
  /** The Lambda runtime, e.g. `nodejs22.x` or `python3.13`. */
  runtime: string;
  family: 'nodejs' | 'python';
  /** The handler setting, e.g. `index.handler` or `src/app.handler`. */
  handler: string;
  architecture: BuildArchitecture;
}

/** A value as CloudFormation would see it: a literal, or a `Ref` to a parameter (its launch value, else its default). */
function resolveScalar(value: unknown, template: CfnTemplate, parameters: Record<string, string>): string | undefined {
  const ref = objectOrEmpty(value).Ref;
  if (typeof ref === 'string') {
    if (ref in parameters) return parameters[ref];
    return scalarToString(objectOrEmpty(objectOrEmpty(template.Parameters)[ref]).Default);
  }
  return scalarToString(value);
}

/**
 * The build a function's local code folder needs, or null when it is zipped as it is (a runtime
 * that is neither Node.js nor Python, or a runtime or handler that cannot be read before launch).
 */
export function planFunctionBuild(
  template: CfnTemplate,
  logicalId: string,
  sourceDir: string,
  parameters: Record<string, string> = {},
): FunctionBuildPlan | null {
  const resource = objectOrEmpty(objectOrEmpty(template.Resources)[logicalId]);
  // A SAM function takes what its own properties leave out (Runtime, Handler, Architectures) from Globals.
  const properties = applySamGlobals(template, String(resource.Type ?? ''), objectOrEmpty(resource.Properties));
  const runtime = resolveScalar(properties.Runtime, template, parameters);
  const handler = resolveScalar(properties.Handler, template, parameters);
  if (!runtime || !handler) return null;
  const family = runtime.startsWith('nodejs') ? 'nodejs' : runtime.startsWith('python') ? 'python' : null;
  if (!family) return null;
  const architectures = properties.Architectures;
  const first = Array.isArray(architectures) ? resolveScalar(architectures[0], template, parameters) : undefined;
  return { logicalId, sourceDir, runtime, family, handler, architecture: first === 'arm64' ? 'arm64' : 'x86_64' };
}

/** The module a handler names, without extension: `src/app.handler` -> `src/app`. */
export function handlerModule(handler: string): string {
  const dot = handler.lastIndexOf('.');
  return dot > 0 ? handler.slice(0, dot) : handler;
}

/** The esbuild target for a Node.js runtime: `nodejs22.x` -> `node22`. */
export function nodeTarget(runtime: string): string {
  const major = /^nodejs(\d+)/.exec(runtime)?.[1];
  return major ? `node${major}` : 'node20';
}

/** The Python version of a runtime: `python3.13` -> `3.13`. */
export function pythonVersion(runtime: string): string {
  return /^python(\d+\.\d+)/.exec(runtime)?.[1] ?? '3.13';
}

/** The pip platform tag for Lambda's Amazon Linux on an architecture (manylinux2014 is glibc 2.17, which both run). */
export function pipPlatform(architecture: BuildArchitecture): string {
  return architecture === 'arm64' ? 'manylinux2014_aarch64' : 'manylinux2014_x86_64';
}
