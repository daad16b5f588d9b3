import 'server-only';

import { LineCounter, parseDocument, type Tags, type YAMLMap, type YAMLSeq } from 'yaml';

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
