import 'server-only';
import { validateParameterValue } from '@/lib/launches/parameters';

import { access, readFile } from 'node:fs/promises';
import path from 'node:path';

import { parse as parseYaml } from 'yaml';

import type { BlueprintIssueDto, TemplateModelDto } from '@/lib/blueprints/types';

import { findLocalArtefactPaths } from './artefact-paths';
import { defaultParseCacheDir, parseWithCache } from './parse-cache';
import { CfnYamlError, parseCfnYaml, type CfnTemplate } from './cfn-yaml';
import { crossCheckBlueprint } from './cross-check';
import { resolveNestedPath } from './graph';
import { blueprintMetadataSchema, type BlueprintMetadata } from './schema';
import { SAM_TRANSFORM, declaredTransforms } from './sam';
import { resolveSandboxParameters } from './sandbox-parameters';
import { extractTemplateModel } from './template';

/** A nested template, by its path inside the blueprint folder. */
export interface NestedTemplate {
  path: string;
  template: CfnTemplate;
  source: string;
}

/** A blueprint folder that validated: parsed files plus the derived template model. */
export interface BlueprintFiles {
  dir: string;
  metadata: BlueprintMetadata;
  template: CfnTemplate;
  templateSource: string;
  nested: NestedTemplate[];
  readme: string;
  model: TemplateModelDto;
}

export type ReadBlueprintResult = { ok: true; blueprint: BlueprintFiles } | { ok: false; issues: BlueprintIssueDto[] };

export interface ReadBlueprintOptions {
  /** Where parsed YAML is kept between processes (parse-cache.ts); null parses every file. Default: under the data dir. */
  parseCacheDir?: string | null;
}

const ROOT_TEMPLATE = 'template.yaml';

/** Reads, validates and cross-checks one `blueprints/<slug>` folder. */
export async function readBlueprint(dir: string, options: ReadBlueprintOptions = {}): Promise<ReadBlueprintResult> {
  const slug = path.basename(dir);
  const issues: BlueprintIssueDto[] = [];
  const issue = (file: string, field: string, message: string) => issues.push({ slug, file, field, message });
  const cacheDir = options.parseCacheDir === undefined ? defaultParseCacheDir() : options.parseCacheDir;
  const readTemplate = (file: string) => readTemplateFile(dir, file, slug, issues, cacheDir);

  const metadata = await readMetadata(dir, slug, issues, cacheDir);
  const root = await readTemplate(ROOT_TEMPLATE);
  const readme = await readFile(path.join(dir, 'README.md'), 'utf8').catch(() => {
    issue('README.md', '', 'README.md is missing');
    return '';
  });
  if (!metadata || !root) return { ok: false, issues };

  if (metadata.slug !== slug) issue('blueprint.yaml', 'slug', `slug "${metadata.slug}" does not match the folder name "${slug}"`);
  const nested = await readNestedTemplates(readTemplate, ROOT_TEMPLATE, root.template, new Set([ROOT_TEMPLATE]));
  for (const file of [{ path: ROOT_TEMPLATE, template: root.template }, ...nested]) {
    const transforms = declaredTransforms(file.template);
    if (transforms.some((transform) => transform !== SAM_TRANSFORM)) {
      issue(file.path, 'Transform', `only ${SAM_TRANSFORM} is supported: Slipway cannot expand ${transforms.join(', ')}`);
    }
    await checkLocalPaths(dir, file.path, file.template, slug, issues);
  }
  issues.push(...crossCheckBlueprint(slug, metadata, root.template));
  if (issues.length > 0) return { ok: false, issues };

  const model = extractTemplateModel(root.template, metadata, nested.map((file) => file.template));
  // The sandbox launch goes through the same validation as anyone's: its values must pass it.
  for (const [name, value] of Object.entries(resolveSandboxParameters(metadata.sandboxParameters))) {
    const parameter = model.parameters.find((p) => p.name === name);
    const problem = parameter && validateParameterValue(parameter, String(value));
    if (problem) issue('blueprint.yaml', `sandboxParameters.${name}`, problem);
  }
  if (issues.length > 0) return { ok: false, issues };

  return {
    ok: true,
    blueprint: {
      dir,
      metadata,
      template: root.template,
      templateSource: root.source,
      nested,
      readme,
      model,
    },
  };
}

async function readMetadata(dir: string, slug: string, issues: BlueprintIssueDto[], cacheDir: string | null): Promise<BlueprintMetadata | undefined> {
  let raw: unknown;
  try {
    raw = await parseWithCache('yaml', await readFile(path.join(dir, 'blueprint.yaml'), 'utf8'), (text) => parseYaml(text) as unknown, cacheDir);
  } catch (error) {
    issues.push({ slug, file: 'blueprint.yaml', field: '', message: `cannot read: ${(error as Error).message}` });
    return undefined;
  }
  const parsed = blueprintMetadataSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  for (const zodIssue of parsed.error.issues) {
    issues.push({ slug, file: 'blueprint.yaml', field: zodIssue.path.join('.'), message: zodIssue.message });
  }
  return undefined;
}

type TemplateReader = (file: string) => Promise<{ template: CfnTemplate; source: string } | undefined>;

async function readTemplateFile(
  dir: string,
  file: string,
  slug: string,
  issues: BlueprintIssueDto[],
  cacheDir: string | null,
): Promise<{ template: CfnTemplate; source: string } | undefined> {
  try {
    const source = await readFile(path.join(dir, file), 'utf8');
    return { template: await parseWithCache('cfn-yaml', source, parseCfnYaml, cacheDir), source };
  } catch (error) {
    const field = error instanceof CfnYamlError && error.line !== undefined ? `line ${error.line}` : '';
    issues.push({ slug, file, field, message: `cannot read: ${(error as Error).message}` });
    return undefined;
  }
}

async function readNestedTemplates(readTemplate: TemplateReader, parentPath: string, parent: CfnTemplate, seen: Set<string>): Promise<NestedTemplate[]> {
  const nested: NestedTemplate[] = [];
  for (const local of findLocalArtefactPaths(parent).filter((artefact) => artefact.kind === 'nested-template')) {
    const nestedPath = resolveNestedPath(parentPath, local.path);
    if (seen.has(nestedPath)) continue;
    seen.add(nestedPath);
    const read = await readTemplate(nestedPath);
    if (!read) continue;
    nested.push({ path: nestedPath, ...read });
    nested.push(...(await readNestedTemplates(readTemplate, nestedPath, read.template, seen)));
  }
  return nested;
}

async function checkLocalPaths(dir: string, templatePath: string, template: CfnTemplate, slug: string, issues: BlueprintIssueDto[]) {
  for (const local of findLocalArtefactPaths(template)) {
    const target = path.join(dir, path.posix.dirname(templatePath), local.path);
    const inside = path.relative(dir, target);
    if (inside.startsWith('..') || path.isAbsolute(inside)) {
      issues.push({ slug, file: templatePath, field: `Resources.${local.logicalId}.Properties.${local.property}`, message: `${local.path} points outside the blueprint folder` });
      continue;
    }
    await access(target).catch(() =>
      issues.push({ slug, file: templatePath, field: `Resources.${local.logicalId}.Properties.${local.property}`, message: `${local.path} does not exist` }),
    );
  }
}
