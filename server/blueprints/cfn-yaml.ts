import 'server-only';

import { isMap, isScalar, LineCounter, parseDocument, type Tags, type YAMLMap, type YAMLSeq } from 'yaml';

import type { JsonValue } from '@/lib/blueprints/types';

/** A parsed CloudFormation template, intrinsics in their long JSON form. */
export type CfnTemplate = { [key: string]: JsonValue };

/** The short-form tags CloudFormation YAML accepts, mapped to their long-form keys. */
const INTRINSIC_KEYS: Readonly<Record<string, string>> = {
  Ref: 'Ref',
  Condition: 'Condition',
  GetAtt: 'Fn::GetAtt',
  Sub: 'Fn::Sub',
  Join: 'Fn::Join',
  If: 'Fn::If',
  Select: 'Fn::Select',
  Split: 'Fn::Split',
  FindInMap: 'Fn::FindInMap',
  Base64: 'Fn::Base64',
  Cidr: 'Fn::Cidr',
  ImportValue: 'Fn::ImportValue',
  GetAZs: 'Fn::GetAZs',
  Equals: 'Fn::Equals',
  And: 'Fn::And',
  Or: 'Fn::Or',
  Not: 'Fn::Not',
};

export class CfnYamlError extends Error {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(line === undefined ? message : `line ${line}: ${message}`);
    this.name = 'CfnYamlError';
  }
}

/** `!GetAtt Res.Attr` splits at the first dot only: nested-stack outputs are `Stack.Outputs.Name`. */
function splitGetAtt(value: string): JsonValue {
  const dot = value.indexOf('.');
  return dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)];
}

function scalarTag(name: string, key: string): Tags[number] {
  return {
    tag: `!${name}`,
    resolve: (value: string) => ({ [key]: name === 'GetAtt' ? splitGetAtt(value) : value }),
  };
}

function collectionTag(name: string, key: string, collection: 'map' | 'seq'): Tags[number] {
  return {
    tag: `!${name}`,
    collection,
    // Tagged children were already resolved to plain values, so toJSON() yields the long form.
    resolve: (node: YAMLMap.Parsed | YAMLSeq.Parsed) => ({ [key]: node.toJSON() as JsonValue }),
  };
}

const CFN_TAGS: Tags = Object.entries(INTRINSIC_KEYS).flatMap(([name, key]) => [
  scalarTag(name, key),
  collectionTag(name, key, 'seq'),
  collectionTag(name, key, 'map'),
]);

/** Parses CloudFormation YAML (or JSON), turning short-form intrinsics like `!Sub` into `{ "Fn::Sub": … }`. */
export function parseCfnYaml(source: string): CfnTemplate {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { customTags: CFN_TAGS, prettyErrors: false, lineCounter });
  const [firstError] = doc.errors;
  if (firstError) {
    throw new CfnYamlError(firstError.message.split('\n')[0] ?? firstError.message, lineCounter.linePos(firstError.pos[0]).line);
  }
  const value: unknown = doc.toJS({ maxAliasCount: 100 });
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new CfnYamlError('a template must be a mapping at the top level');
  }
  return value as CfnTemplate;
}

/** Where a resource is written in its template: first and last line (1-based, blank lines at the end left out). */
export interface SourceLines {
  start: number;
  end: number;
}

/**
 * The line range of each resource under `Resources` in a template's source, from the YAML parser's
 * own source ranges (the same tags as parseCfnYaml, so intrinsics parse). Empty when the source does
 * not parse or has no Resources mapping.
 */
export function findResourceLines(source: string): Record<string, SourceLines> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { customTags: CFN_TAGS, prettyErrors: false, lineCounter });
  if (doc.errors.length > 0 || !isMap(doc.contents)) return {};
  const resources = doc.contents.items.find((pair) => isScalar(pair.key) && pair.key.value === 'Resources')?.value;
  if (!isMap(resources)) return {};
  const lines = source.split('\n');
  const found: Record<string, SourceLines> = {};
  for (const pair of resources.items) {
    if (!isScalar(pair.key) || !pair.key.range) continue;
    const valueEnd = (pair.value as { range?: [number, number, number] } | null)?.range?.[1] ?? pair.key.range[1];
    const start = lineCounter.linePos(pair.key.range[0]).line;
    let end = Math.max(start, lineCounter.linePos(Math.max(pair.key.range[0], valueEnd - 1)).line);
    while (end > start && (lines[end - 1] ?? '').trim() === '') end--;
    found[String(pair.key.value)] = { start, end };
  }
  return found;
}
