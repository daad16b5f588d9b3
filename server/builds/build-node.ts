import 'server-only';

import { access, cp, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';

import type { Plugin } from 'esbuild';

import { handlerModule, nodeTarget, type FunctionBuildPlan } from './plan';
import { BuildToolError, runTool } from './run-tool';

interface PackageJson {
  type?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

const ENTRY_EXTENSIONS = ['.ts', '.mts', '.mjs', '.js', '.cjs'];

// Lets CommonJS dependencies (kafkajs) call require() for Node's built-in modules from an ES module bundle.
const ESM_REQUIRE_BANNER = "import { createRequire as __slipwayCreateRequire } from 'node:module'; const require = __slipwayCreateRequire(import.meta.url);";

/** The function's package.json, or null when the folder has none (then it is zipped as it is, as `sam build` needs a manifest). */
export async function readPackageJson(sourceDir: string): Promise<PackageJson | null> {
  try {
    return JSON.parse(await readFile(path.join(sourceDir, 'package.json'), 'utf8')) as PackageJson;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new BuildToolError('package.json', `cannot be read: ${(error as Error).message}`);
  }
}

const exists = (file: string) =>
  access(file).then(
    () => true,
    () => false,
  );

/**
 * The AWS SDK v3 is left to the Lambda runtime unless the function pins a client in its own
 * dependencies; optional and peer dependencies are expected from a layer. Everything else is bundled.
 */
function externalsPlugin(manifest: PackageJson): Plugin {
  const pinned = new Set(Object.keys(manifest.dependencies ?? {}));
  const fromLayer = new Set([...Object.keys(manifest.optionalDependencies ?? {}), ...Object.keys(manifest.peerDependencies ?? {})]);
  const packageName = (specifier: string) =>
    specifier
      .split('/')
      .slice(0, specifier.startsWith('@') ? 2 : 1)
      .join('/');
  return {
    name: 'slipway-externals',
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, (args) => {
        const name = packageName(args.path);
        if (fromLayer.has(name) && !pinned.has(name)) return { path: args.path, external: true };
        if (name.startsWith('@aws-sdk/') && !pinned.has(name)) return { path: args.path, external: true };
        return undefined;
      });
    },
  };
}

/**
 * Builds a Node.js function like `sam build` with esbuild: `npm ci` from the lockfile (production
 * dependencies, no install scripts), then one tree-shaken bundle of the handler's module with a source
 * map, named so the handler setting still finds it. Returns the folder to zip.
 */
export async function buildNodeFunction(plan: FunctionBuildPlan, manifest: PackageJson, workDir: string, npmCacheDir: string): Promise<string> {
  const staging = path.join(workDir, 'src');
  const out = path.join(workDir, 'out');
  await cp(plan.sourceDir, staging, { recursive: true, filter: (source) => path.basename(source) !== 'node_modules' });
  await mkdir(out, { recursive: true });

  const dependencies = Object.keys(manifest.dependencies ?? {});
  if (dependencies.length > 0) {
    if (!(await exists(path.join(staging, 'package-lock.json')))) {
      throw new BuildToolError(
        'npm',
        `package.json lists dependencies (${dependencies.join(', ')}) but the folder has no package-lock.json: run \`npm install\` in it and commit the lockfile, so every launch installs the same versions`,
      );
    }
    await runTool('npm ci', 'npm', ['ci', '--omit=dev', '--omit=optional', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], {
      cwd: staging,
      env: { npm_config_cache: npmCacheDir, npm_config_update_notifier: 'false' },
    });
  }

  const moduleName = handlerModule(plan.handler);
  let entry: string | undefined;
  for (const extension of ENTRY_EXTENSIONS) {
    if (await exists(path.join(staging, moduleName + extension))) {
      entry = moduleName + extension;
      break;
    }
  }
  if (!entry)
    throw new BuildToolError(
      'esbuild',
      `the handler ${plan.handler} names ${moduleName}, but there is no ${moduleName}{${ENTRY_EXTENSIONS.join(',')}} in the function folder`,
    );
  const extension = path.extname(entry);
  const isEsm = extension === '.mjs' || extension === '.mts' || (extension !== '.cjs' && manifest.type === 'module');
  const outfile = path.join(out, moduleName + (isEsm ? '.mjs' : '.js'));

  const esbuild = await import('esbuild');
  try {
    await esbuild.build({
      absWorkingDir: staging,
      entryPoints: [entry],
      outfile,
      bundle: true,
      platform: 'node',
      target: nodeTarget(plan.runtime),
      format: isEsm ? 'esm' : 'cjs',
      banner: isEsm ? { js: ESM_REQUIRE_BANNER } : undefined,
      treeShaking: true,
      sourcemap: true,
      // Maps point at file names; the sources stay in the repository, not in every function's zip.
      sourcesContent: false,
      plugins: [externalsPlugin(manifest)],
      logLevel: 'silent',
    });
  } catch (error) {
    const failure = error as { errors?: { text: string; location?: { file: string; line: number; column: number } | null }[] };
    const first = failure.errors?.[0];
    const where = first?.location ? `${first.location.file}:${first.location.line}:${first.location.column}: ` : '';
    throw new BuildToolError('esbuild', first ? `${where}${first.text}` : (error as Error).message);
  }
  return out;
}

/** The esbuild version bundling runs with (part of every Node.js build key). */
export async function esbuildVersion(): Promise<string> {
  return (await import('esbuild')).version;
}
