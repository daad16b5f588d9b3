import 'server-only';

import type { GraphResourceDetailDto } from '@/lib/blueprints/types';

import { findResourceLines, type SourceLines } from './cfn-yaml';
import { listGraphResources, type GraphInput } from './graph';
import { highlightTemplate } from './highlight';
import { objectOrEmpty, scalarToString, toStringList } from './json';
import { serviceOfType } from './services';

/**
 * What the diagram's side panel shows for each resource: its type, properties, DependsOn and
 * Condition, and the lines of its template that declare it, highlighted. `sources` holds the text of
 * every template by its path in the blueprint folder (the root one included).
 */
export function describeGraphResources(input: GraphInput, sources: Readonly<Record<string, string>>): Record<string, GraphResourceDetailDto> {
  const linesByFile = new Map<string, Record<string, SourceLines>>();
  const linesIn = (file: string) => {
    let found = linesByFile.get(file);
    if (!found) {
      found = sources[file] === undefined ? {} : findResourceLines(sources[file]);
      linesByFile.set(file, found);
    }
    return found;
  };
  const details: Record<string, GraphResourceDetailDto> = {};
  for (const resource of listGraphResources(input)) {
    const type = scalarToString(resource.definition.Type) ?? 'Unknown';
    const lines = linesIn(resource.templatePath)[resource.logicalId] ?? null;
    const condition = scalarToString(resource.definition.Condition);
    details[resource.id] = {
      id: resource.id,
      logicalId: resource.logicalId,
      type,
      service: serviceOfType(type),
      file: resource.templatePath,
      lines,
      sourceLines: lines ? highlightLines(sources[resource.templatePath] ?? '', lines) : [],
      properties: objectOrEmpty(resource.definition.Properties) as GraphResourceDetailDto['properties'],
      dependsOn: toStringList(resource.definition.DependsOn),
      ...(condition ? { condition } : {}),
    };
  }
  return details;
}

/**
 * The lines highlighted one by one, so the panel can number them. Highlighting the snippet as a whole
 * and splitting it would cut spans that cross lines (block scalars); YAML line by line reads the same.
 */
function highlightLines(source: string, { start, end }: SourceLines): string[] {
  return source
    .split('\n')
    .slice(start - 1, end)
    .map((line) => highlightTemplate(line));
}
