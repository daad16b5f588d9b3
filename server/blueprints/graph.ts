import 'server-only';

import path from 'node:path';

import type { ArchitectureGraphDto, GraphEdgeDto, GraphEdgeKind, GraphNodeDto } from '@/lib/blueprints/types';

import type { CfnTemplate } from './cfn-yaml';
import { readFlows, type FlowEnd } from './graph-flows';
import { collectReferences, type Reference } from './intrinsics';
import { objectOrEmpty, scalarToString, toStringList, type JsonObject } from './json';
import { isNestedStackType, nestedTemplateLocation, readSamConnections, type SamConnection } from './sam';
import { serviceOfType } from './services';
import { listResources } from './template';

export interface GraphInput {
  template: CfnTemplate;
  /** Where the template sits in the blueprint folder (POSIX), so nested TemplateURLs resolve. */
  templatePath?: string;
  /** Nested templates keyed by their path in the blueprint folder, e.g. `stacks/db.yaml`. */
  nestedTemplates?: Readonly<Record<string, CfnTemplate>>;
}

/** One template's resources, as seen from inside it (a nested stack is a scope of its own). */
interface Scope {
  /** Prefix of node ids in this scope: '' at the root, `Stack/` inside nested stack `Stack`. */
  prefix: string;
  /** Node id of the nested-stack resource this scope belongs to. */
  groupId?: string;
  /** The template file this scope's resources are written in. */
  templatePath: string;
  resources: Map<string, JsonObject>;
  /** SAM connections, drawn as permission edges rather than as nodes of their own. */
  connections: SamConnection[];
  outputs: JsonObject;
  children: Map<string, Scope>;
  /** Resolves a parameter of this scope to the nodes its value points at in the parent scope. */
  bindParameter: (name: string) => string[];
}

const IAM_TYPES_PREFIX = 'AWS::IAM::';
// Resources whose whole purpose is granting access; edges from them are permissions, not data flow.
const POLICY_TYPES = new Set([
  'AWS::Lambda::Permission',
  'AWS::SQS::QueuePolicy',
  'AWS::SNS::TopicPolicy',
  'AWS::S3::BucketPolicy',
  'AWS::Events::EventBusPolicy',
  'AWS::Logs::ResourcePolicy',
]);
const CONNECTOR_TYPE = 'AWS::Serverless::Connector';
const FLOW_KINDS = new Set<GraphEdgeKind>(['event', 'invoke']);

/**
 * The architecture diagram generated from a template: one node per resource (nested stacks become
 * groups holding their template's resources) and typed edges from references, DependsOn and the
 * event/invoke flows the resources declare.
 */
export function buildArchitectureGraph(input: GraphInput): ArchitectureGraphDto {
  const root = createRootScope(input);
  const nodes: GraphNodeDto[] = [];
  const edges = new EdgeCollector();
  const typeOf = new Map<string, string>();
  forEachScope(root, (scope) => {
    for (const [logicalId, definition] of scope.resources) {
      const id = scope.prefix + logicalId;
      const type = scalarToString(definition.Type) ?? 'Unknown';
      typeOf.set(id, type);
      nodes.push({ id, type, service: serviceOfType(type), label: logicalId, ...(scope.groupId ? { parent: scope.groupId } : {}) });
      if (scope.groupId) edges.add(scope.groupId, id, 'contains');
    }
  });
  forEachScope(root, (scope) => addScopeEdges(scope, edges, typeOf));
  return { nodes, edges: edges.result() };
}

/** A resource as the graph names it, with the template file it is written in. */
export interface GraphResource {
  /** The graph node id: the logical id, prefixed with its nested stack's id and a slash. */
  id: string;
  logicalId: string;
  templatePath: string;
  definition: JsonObject;
  /** The nested-stack node it belongs to. */
  parent?: string;
}

/** Every resource the graph draws, nested stacks' included, in graph order. */
export function listGraphResources(input: GraphInput): GraphResource[] {
  const resources: GraphResource[] = [];
  forEachScope(createRootScope(input), (scope) => {
    for (const [logicalId, definition] of scope.resources) {
      resources.push({
        id: scope.prefix + logicalId,
        logicalId,
        templatePath: scope.templatePath,
        definition,
        ...(scope.groupId ? { parent: scope.groupId } : {}),
      });
    }
  });
  return resources;
}

function createRootScope(input: GraphInput): Scope {
  return createScope(input.template, input.templatePath ?? 'template.yaml', '', undefined, () => [], input.nestedTemplates ?? {});
}

function createScope(
  template: CfnTemplate,
  templatePath: string,
  prefix: string,
  groupId: string | undefined,
  bindParameter: (name: string) => string[],
  nestedTemplates: Readonly<Record<string, CfnTemplate>>,
): Scope {
  const all = listResources(template) as [string, JsonObject][];
  const scope: Scope = {
    prefix,
    groupId,
    templatePath,
    // A connector is a relation between two resources, not a resource anyone sees in the account.
    resources: new Map(all.filter(([, definition]) => definition.Type !== CONNECTOR_TYPE)),
    connections: all.flatMap(([logicalId, definition]) => readSamConnections(logicalId, definition)),
    outputs: objectOrEmpty(template.Outputs),
    children: new Map(),
    bindParameter,
  };
  for (const [logicalId, definition] of scope.resources) {
    const type = scalarToString(definition.Type) ?? '';
    if (!isNestedStackType(type)) continue;
    const properties = objectOrEmpty(definition.Properties);
    const url = nestedTemplateLocation(type, properties);
    const childTemplate = url && !/^https?:\/\//.test(url) ? nestedTemplates[resolveNestedPath(templatePath, url)] : undefined;
    if (!childTemplate) continue;
    const parameters = objectOrEmpty(properties.Parameters);
    const bindings = new Map<string, string[]>();
    const bind = (name: string): string[] => {
      if (!bindings.has(name)) {
        bindings.set(name, []); // guards against cycles while resolving
        bindings.set(name, resolveAll(scope, collectReferences(parameters[name])));
      }
      return bindings.get(name) ?? [];
    };
    scope.children.set(
      logicalId,
      createScope(childTemplate, resolveNestedPath(templatePath, url as string), `${prefix}${logicalId}/`, prefix + logicalId, bind, nestedTemplates),
    );
  }
  return scope;
}

/** A nested template's path in the blueprint folder, from the parent's path and its TemplateURL. */
export function resolveNestedPath(parentPath: string, templateUrl: string): string {
  return path.posix.normalize(path.posix.join(path.posix.dirname(parentPath), templateUrl));
}

function forEachScope(scope: Scope, visit: (scope: Scope) => void): void {
  visit(scope);
  for (const child of scope.children.values()) forEachScope(child, visit);
}

/** The node ids a reference leads to: a resource, a nested stack output's resources, or a bound parameter. */
function resolve(scope: Scope, reference: Reference): string[] {
  if (reference.name.startsWith('AWS::')) return [];
  const child = scope.children.get(reference.name);
  if (child && reference.attribute?.startsWith('Outputs.')) {
    const output = objectOrEmpty(child.outputs[reference.attribute.slice('Outputs.'.length)]);
    return resolveAll(child, collectReferences(output.Value));
  }
  if (scope.resources.has(reference.name)) return [scope.prefix + reference.name];
  return scope.bindParameter(reference.name);
}

function resolveAll(scope: Scope, references: Reference[]): string[] {
  return [...new Set(references.flatMap((reference) => resolve(scope, reference)))];
}

function addScopeEdges(scope: Scope, edges: EdgeCollector, typeOf: Map<string, string>): void {
  for (const [logicalId, definition] of scope.resources) {
    const id = scope.prefix + logicalId;
    const type = scalarToString(definition.Type) ?? '';
    const properties = objectOrEmpty(definition.Properties);
    const isPolicyLike = type.startsWith(IAM_TYPES_PREFIX) || POLICY_TYPES.has(type);

    // A nested stack's parameters are followed into the child scope instead, where they are used.
    if (!isNestedStackType(type)) {
      for (const [property, value] of Object.entries(properties)) {
        for (const target of resolveAll(scope, collectReferences(value))) {
          const targetIsIam = (typeOf.get(target) ?? '').startsWith(IAM_TYPES_PREFIX);
          const isGrant = isPolicyLike || targetIsIam || (type.startsWith('AWS::Serverless::') && property === 'Policies');
          edges.add(id, target, isGrant ? 'permission' : 'reference', property);
        }
      }
    }
    for (const dependency of toStringList(definition.DependsOn)) {
      if (scope.resources.has(dependency)) edges.add(id, scope.prefix + dependency, 'dependsOn');
    }
    for (const flow of readFlows(type, properties)) {
      for (const source of endIds(scope, id, flow.from)) {
        for (const target of endIds(scope, id, flow.to)) edges.add(source, target, flow.kind, flow.label);
      }
    }
  }
  for (const connection of scope.connections) {
    for (const source of resolveAll(scope, connection.source)) {
      for (const target of resolveAll(scope, connection.destination)) {
        edges.add(source, target, 'permission', connection.permissions.join(', '));
      }
    }
  }
}

function endIds(scope: Scope, selfId: string, end: FlowEnd): string[] {
  return 'self' in end ? [selfId] : resolveAll(scope, end.references);
}

/** Deduplicates edges and drops plain references already explained by an event or invoke flow. */
class EdgeCollector {
  private readonly edges = new Map<string, GraphEdgeDto>();

  add(source: string, target: string, kind: GraphEdgeKind, label?: string): void {
    if (source === target) return;
    const id = `${kind}:${source}->${target}`;
    if (!this.edges.has(id)) this.edges.set(id, { id, source, target, kind, ...(label ? { label } : {}) });
  }

  result(): GraphEdgeDto[] {
    const flowPairs = new Set<string>();
    for (const edge of this.edges.values()) {
      if (FLOW_KINDS.has(edge.kind)) {
        flowPairs.add(`${edge.source}|${edge.target}`);
        flowPairs.add(`${edge.target}|${edge.source}`);
      }
    }
    return [...this.edges.values()].filter(
      (edge) => edge.kind !== 'reference' || !flowPairs.has(`${edge.source}|${edge.target}`),
    );
  }
}
