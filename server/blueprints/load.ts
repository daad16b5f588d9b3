import 'server-only';

import { readdir } from 'node:fs/promises';
import path from 'node:path';

import type {
  ArchitectureGraphDto,
  BlueprintDetailDto,
  GraphResourceDetailDto,
  BlueprintIssueDto,
  BlueprintSearchQuery,
  BlueprintSummaryDto,
} from '@/lib/blueprints/types';
import { filterBlueprints, toSearchEntry, type SearchEntry } from '@/lib/blueprints/search';

import { buildArchitectureGraph, type GraphInput } from './graph';
import { describeGraphResources } from './resource-details';
import { readBlueprint, type BlueprintFiles, type ReadBlueprintOptions } from './read-blueprint';
import { processWide } from '@/server/process-wide';

/** Every valid blueprint, the problems of the invalid ones, and the search index. */
export interface BlueprintLibrary {
  rootDir: string;
  blueprints: ReadonlyMap<string, BlueprintFiles>;
  /** Sorted by title: the catalog's default order. */
  entries: readonly SearchEntry[];
  /** Every service a catalog blueprint names, sorted: the catalog's service filter offers these. */
  services: readonly string[];
  issues: readonly BlueprintIssueDto[];
}

export interface LibraryOptions {
  /** The folder holding one sub-folder per blueprint; defaults to `<cwd>/blueprints`. */
  rootDir?: string;
  /** Where parsed YAML is kept between processes; null parses every file. Default: under the data dir. */
  parseCacheDir?: string | null;
}

const libraries = processWide('blueprints.libraries', () => new Map<string, Promise<BlueprintLibrary>>());
const graphs = processWide('blueprints.graphs', () => new WeakMap<BlueprintFiles, ArchitectureGraphDto>());
const resourceDetails = processWide('blueprints.resourceDetails', () => new WeakMap<BlueprintFiles, Record<string, GraphResourceDetailDto>>());

function rootOf(options?: LibraryOptions): string {
  return path.resolve(options?.rootDir ?? path.join(process.cwd(), 'blueprints'));
}

/**
 * Extra blueprint folders from SLIPWAY_BLUEPRINT_DIRS (comma-separated), added to the default
 * catalog only: a platform team can publish from another checkout, and the test suite adds its
 * fixture blueprints this way. Read directly because it must also work for the CLI scripts.
 */
function extraRoots(options?: LibraryOptions): string[] {
  if (options?.rootDir) return [];
  return (process.env.SLIPWAY_BLUEPRINT_DIRS ?? '')
    .split(',')
    .map((dir) => dir.trim())
    .filter(Boolean)
    .map((dir) => path.resolve(process.cwd(), dir));
}

/** Loads every blueprint once per process (memoised); a blueprint with any issue is left out of the catalog. */
export function loadBlueprintLibrary(options?: LibraryOptions): Promise<BlueprintLibrary> {
  const rootDir = rootOf(options);
  let library = libraries.get(rootDir);
  if (!library) {
    library = readLibrary([rootDir, ...extraRoots(options)], { parseCacheDir: options?.parseCacheDir });
    // A failed load (e.g. missing folder) must not be cached forever.
    library.catch(() => libraries.delete(rootDir));
    libraries.set(rootDir, library);
  }
  return library;
}

async function readLibrary(rootDirs: string[], readOptions: ReadBlueprintOptions): Promise<BlueprintLibrary> {
  const [rootDir] = rootDirs as [string, ...string[]];
  const folders = (
    await Promise.all(
      rootDirs.map(async (root) =>
        (await readdir(root, { withFileTypes: true }))
          .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
          .map((entry) => path.join(root, entry.name)),
      ),
    )
  )
    .flat()
    .sort();
  const results = await Promise.all(folders.map((folder) => readBlueprint(folder, readOptions)));
  const blueprints = new Map<string, BlueprintFiles>();
  const issues: BlueprintIssueDto[] = [];
  for (const result of results) {
    if (result.ok) blueprints.set(result.blueprint.metadata.slug, result.blueprint);
    else issues.push(...result.issues);
  }
  const entries = [...blueprints.values()]
    .map((blueprint) => toSearchEntry(toSummary(blueprint)))
    .sort((a, b) => a.summary.title.localeCompare(b.summary.title));
  const services = [...new Set(entries.flatMap((entry) => entry.summary.services))].sort();
  return { rootDir, blueprints, entries, services, issues };
}

/** The catalog row of a blueprint. */
function toSummary({ metadata }: BlueprintFiles): BlueprintSummaryDto {
  return {
    slug: metadata.slug,
    version: metadata.version,
    title: metadata.title,
    summary: metadata.summary,
    category: metadata.category,
    level: metadata.level,
    services: [...metadata.services],
    tags: [...metadata.tags],
    dashboards: [...new Set(metadata.dashboards.map((dashboard) => dashboard.kind))],
    sandboxReady: metadata.sandbox.deployable,
    source: { ...metadata.source, authors: [...metadata.source.authors] },
  };
}

/** Searches and filters the catalog by words (title, summary, services, tags), service, category, dashboard and sandbox readiness. */
export async function searchBlueprints(query: BlueprintSearchQuery = {}, options?: LibraryOptions): Promise<BlueprintSummaryDto[]> {
  const library = await loadBlueprintLibrary(options);
  return filterBlueprints(library.entries, query);
}

/** One page of the catalog's search results, what the filters matched in all, and the catalog's size. */
export interface CatalogPage {
  blueprints: BlueprintSummaryDto[];
  /** Blueprints the search and filters matched (all pages). */
  matched: number;
  /** Blueprints in the catalog. */
  catalogSize: number;
  /** Where the next page starts, or null on the last one. */
  nextOffset: number | null;
  services: readonly string[];
}

/**
 * The catalog searched and filtered, one page of it: the page and the API send a page, not the whole
 * catalog, so what crosses the wire and is rendered stays the same size however many blueprints there are.
 */
export async function browseCatalog(query: BlueprintSearchQuery, page: { limit: number; offset: number }, options?: LibraryOptions): Promise<CatalogPage> {
  const library = await loadBlueprintLibrary(options);
  const matches = filterBlueprints(library.entries, query);
  const end = page.offset + page.limit;
  return {
    blueprints: matches.slice(page.offset, end),
    matched: matches.length,
    catalogSize: library.entries.length,
    nextOffset: end < matches.length ? end : null,
    services: library.services,
  };
}

/** One blueprint's page data (metadata, template model, graph, README, sources), or undefined for an unknown slug. */
export async function getBlueprint(slug: string, options?: LibraryOptions): Promise<BlueprintDetailDto | undefined> {
  const blueprint = (await loadBlueprintLibrary(options)).blueprints.get(slug);
  if (!blueprint) return undefined;
  return {
    metadata: blueprint.metadata,
    model: blueprint.model,
    graph: graphOf(blueprint),
    resources: resourceDetailsOf(blueprint),
    readme: blueprint.readme,
    templateSource: blueprint.templateSource,
    nestedTemplates: blueprint.nested.map(({ path: nestedPath, source }) => ({ path: nestedPath, source })),
  };
}

/** Problems found in blueprints left out of the catalog, per file and field. */
export async function listBlueprintIssues(options?: LibraryOptions): Promise<readonly BlueprintIssueDto[]> {
  return (await loadBlueprintLibrary(options)).issues;
}

function graphInputOf(blueprint: BlueprintFiles): GraphInput {
  return {
    template: blueprint.template,
    templatePath: 'template.yaml',
    nestedTemplates: Object.fromEntries(blueprint.nested.map((nested) => [nested.path, nested.template])),
  };
}

/** The architecture graph of a loaded blueprint, built on first use. */
function graphOf(blueprint: BlueprintFiles): ArchitectureGraphDto {
  let graph = graphs.get(blueprint);
  if (!graph) {
    graph = buildArchitectureGraph(graphInputOf(blueprint));
    graphs.set(blueprint, graph);
  }
  return graph;
}

/** Each diagram node's resource as written (type, properties, highlighted template lines), built on first use. */
function resourceDetailsOf(blueprint: BlueprintFiles): Record<string, GraphResourceDetailDto> {
  let details = resourceDetails.get(blueprint);
  if (!details) {
    const sources = { 'template.yaml': blueprint.templateSource, ...Object.fromEntries(blueprint.nested.map((nested) => [nested.path, nested.source])) };
    details = describeGraphResources(graphInputOf(blueprint), sources);
    resourceDetails.set(blueprint, details);
  }
  return details;
}
