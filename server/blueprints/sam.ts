import 'server-only';

import type { CfnTemplate } from './cfn-yaml';
import { collectReferences, type Reference } from './intrinsics';
import { isJsonObject, objectOrEmpty, scalarToString, toStringList, type JsonObject } from './json';

/** The one transform Slipway expands: AWS SAM's, as CloudFormation applies it. */
export const SAM_TRANSFORM = 'AWS::Serverless-2016-10-31';

/** The transforms a template declares (`Transform` may be one name or a list). */
export function declaredTransforms(template: CfnTemplate): string[] {
  const transform = template.Transform;
  if (transform === undefined) return [];
  const names = Array.isArray(transform) ? transform : [transform];
  return names.map((name) => scalarToString(name) ?? JSON.stringify(name));
}

// The Globals section each SAM resource type takes defaults from.
const GLOBALS_SECTIONS: Readonly<Record<string, string>> = {
  'AWS::Serverless::Function': 'Function',
  'AWS::Serverless::Api': 'Api',
  'AWS::Serverless::HttpApi': 'HttpApi',
  'AWS::Serverless::SimpleTable': 'SimpleTable',
  'AWS::Serverless::StateMachine': 'StateMachine',
  'AWS::Serverless::LayerVersion': 'LayerVersion',
};

/**
 * A SAM resource's properties with the template's Globals applied as SAM does: the resource's own
 * value wins, maps (Environment.Variables, Tags) are merged key by key, lists are concatenated.
 */
export function applySamGlobals(template: CfnTemplate, type: string, properties: JsonObject): JsonObject {
  const section = GLOBALS_SECTIONS[type];
  const globals = section ? objectOrEmpty(objectOrEmpty(template.Globals)[section]) : {};
  return mergeGlobals(globals, properties);
}

function mergeGlobals(globals: JsonObject, own: JsonObject): JsonObject {
  const merged: JsonObject = { ...globals };
  for (const [key, value] of Object.entries(own)) {
    const global = globals[key];
    if (isJsonObject(global) && isJsonObject(value) && !isIntrinsic(value)) merged[key] = mergeGlobals(global, value);
    else if (Array.isArray(global) && Array.isArray(value)) merged[key] = [...global, ...value];
    else merged[key] = value;
  }
  return merged;
}

function isIntrinsic(value: JsonObject): boolean {
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || (keys[0] ?? '').startsWith('Fn::'));
}

/** A connection SAM grants: Source may act on Destination with these permissions (Read, Write). */
export interface SamConnection {
  /** The connector's logical id, or `<resource>.<name>` for one embedded in its source. */
  name: string;
  source: Reference[];
  destination: Reference[];
  permissions: string[];
}

/** What a connector end points at: `{ Id }` names a resource of the template, `{ Arn }` may reference one. */
function connectorEnd(end: unknown): Reference[] {
  const id = scalarToString(objectOrEmpty(end).Id);
  return id ? [{ name: id }] : collectReferences(objectOrEmpty(end).Arn);
}

function connectorEnds(ends: unknown): Reference[] {
  return (Array.isArray(ends) ? ends : [ends]).flatMap(connectorEnd);
}

/**
 * The connections a resource declares: an AWS::Serverless::Connector (Source → Destination, or
 * several destinations), or the `Connectors` attribute embedded in a source resource.
 */
export function readSamConnections(logicalId: string, definition: JsonObject): SamConnection[] {
  if (definition.Type === 'AWS::Serverless::Connector') {
    const properties = objectOrEmpty(definition.Properties);
    return [
      {
        name: logicalId,
        source: connectorEnd(properties.Source),
        destination: connectorEnds(properties.Destination),
        permissions: toStringList(properties.Permissions),
      },
    ];
  }
  return Object.entries(objectOrEmpty(definition.Connectors)).map(([name, connector]) => {
    const properties = objectOrEmpty(objectOrEmpty(connector).Properties);
    return {
      name: `${logicalId}.${name}`,
      source: [{ name: logicalId }],
      destination: connectorEnds(properties.Destination),
      permissions: toStringList(properties.Permissions),
    };
  });
}

/** The local or remote template a nested stack runs: TemplateURL, or an Application's Location. */
export function nestedTemplateLocation(type: string, properties: JsonObject): string | undefined {
  if (type === 'AWS::CloudFormation::Stack') return scalarToString(properties.TemplateURL);
  // An Application's Location may also be a Serverless Application Repository app ({ ApplicationId }).
  if (type === 'AWS::Serverless::Application') return scalarToString(properties.Location);
  return undefined;
}

/** True for the resource types that become a nested stack. */
export function isNestedStackType(type: string): boolean {
  return type === 'AWS::CloudFormation::Stack' || type === 'AWS::Serverless::Application';
}
