import { isAslStateType, mapModeOf, mapProcessorOf, parseAslDefinition, type AslState, type AslStateMachine, type AslStateType } from './asl-types';
import { describeChoiceRule } from './choice-rule-label';
import { nestedStateId } from './node-id';

// The graph DTO the executions page draws: one node per state (containers hold their branch/iterator
// states through parentId), one edge per transition. It is plain data so it can cross the server/client
// boundary and be snapshot-tested.

export type AslEdgeKind = 'next' | 'choice' | 'default' | 'catch';

export interface AslGraphNode {
  /** Path-like id, unique across branches: `Fan out/branch-0/Build message`. */
  id: string;
  name: string;
  type: AslStateType | 'Unknown';
  /** The Parallel or Map node that contains this state. */
  parentId?: string;
  /** For states inside a Parallel: which branch (0-based). */
  branchIndex?: number;
  /** The StartAt of its scope (top level, branch or iterator). */
  isStart: boolean;
  /** Ends its scope: `End: true`, Succeed or Fail. */
  isEnd: boolean;
  resource?: string;
  comment?: string;
  /** Map only: inline iterations or a distributed map run of child executions. */
  mapMode?: 'inline' | 'distributed';
  /** Parallel only: number of branches (so the layout can draw empty ones). */
  branchCount?: number;
  /** Fail only: the error and cause it raises (history events do not carry them). */
  error?: string;
  cause?: string;
}

export interface AslGraphEdge {
  id: string;
  source: string;
  target: string;
  kind: AslEdgeKind;
  /** Choice rule in words, `Default`, or the caught error names. */
  label?: string;
}

export interface AslGraph {
  nodes: AslGraphNode[];
  edges: AslGraphEdge[];
  /** Id of the top-level StartAt state. */
  startId: string;
  /** Transitions to missing states and unknown types: drawn around, reported to the user. */
  problems: string[];
}

interface Scope {
  machine: AslStateMachine;
  parentId?: string;
  branchIndex?: number;
  /** Where the scope sits, for problem messages. */
  where: string;
}

/** Build the state graph (nodes, next/choice/default/catch edges, nested containers) of an ASL definition. */
export function buildAslGraph(definition: string | object): AslGraph {
  const machine = parseAslDefinition(definition);
  const graph: AslGraph = {
    nodes: [],
    edges: [],
    startId: nestedStateId(undefined, undefined, machine.StartAt),
    problems: [],
  };
  addScope(graph, { machine, where: 'States' });
  return graph;
}

function addScope(graph: AslGraph, scope: Scope): void {
  const { machine, parentId, branchIndex } = scope;
  const idOf = (name: string) => nestedStateId(parentId, branchIndex, name);
  if (!(machine.StartAt in machine.States)) {
    graph.problems.push(`${scope.where}: StartAt "${machine.StartAt}" is not a state`);
  }

  for (const [name, state] of Object.entries(machine.States)) {
    const id = idOf(name);
    graph.nodes.push(toNode(id, name, state, scope, graph.problems));
    addTransitions(graph, id, name, state, scope, idOf);
    addNestedScopes(graph, id, name, state, scope);
  }
}

function toNode(id: string, name: string, state: AslState, scope: Scope, problems: string[]): AslGraphNode {
  const type = isAslStateType(state.Type) ? state.Type : 'Unknown';
  if (type === 'Unknown') problems.push(`${scope.where}["${name}"]: unknown state type "${state.Type}"`);
  const node: AslGraphNode = {
    id,
    name,
    type,
    isStart: scope.machine.StartAt === name,
    isEnd: state.End === true || type === 'Succeed' || type === 'Fail',
  };
  if (scope.parentId !== undefined) node.parentId = scope.parentId;
  if (scope.branchIndex !== undefined) node.branchIndex = scope.branchIndex;
  if (typeof state.Resource === 'string') node.resource = state.Resource;
  if (typeof state.Comment === 'string') node.comment = state.Comment;
  if (type === 'Map') node.mapMode = mapModeOf(state);
  if (type === 'Parallel') node.branchCount = Array.isArray(state.Branches) ? state.Branches.length : 0;
  if (type === 'Fail') {
    if (typeof state.Error === 'string') node.error = state.Error;
    if (typeof state.Cause === 'string') node.cause = state.Cause;
  }
  return node;
}

function addTransitions(graph: AslGraph, sourceId: string, name: string, state: AslState, scope: Scope, idOf: (name: string) => string): void {
  const addEdge = (target: unknown, kind: AslEdgeKind, suffix: string, label?: string) => {
    if (typeof target !== 'string' || !(target in scope.machine.States)) {
      graph.problems.push(`${scope.where}["${name}"]: ${kind} target "${String(target)}" is not a state in this scope`);
      return;
    }
    const edge: AslGraphEdge = { id: `${sourceId}->${suffix}`, source: sourceId, target: idOf(target), kind };
    if (label !== undefined) edge.label = label;
    graph.edges.push(edge);
  };

  if (state.Type === 'Choice') {
    (state.Choices ?? []).forEach((rule, index) => addEdge(rule.Next, 'choice', `choice-${index}`, describeChoiceRule(rule)));
    if (state.Default !== undefined) addEdge(state.Default, 'default', 'default', 'Default');
  } else if (state.Next !== undefined) {
    addEdge(state.Next, 'next', 'next');
  }
  (state.Catch ?? []).forEach((catcher, index) => addEdge(catcher.Next, 'catch', `catch-${index}`, (catcher.ErrorEquals ?? []).join(', ') || 'States.ALL'));
}

function addNestedScopes(graph: AslGraph, id: string, name: string, state: AslState, scope: Scope): void {
  if (state.Type === 'Parallel') {
    (state.Branches ?? []).forEach((branch, index) => {
      const where = `${scope.where}["${name}"].Branches[${index}]`;
      if (!isMachine(branch)) {
        graph.problems.push(`${where}: branch has no StartAt/States`);
        return;
      }
      addScope(graph, { machine: branch, parentId: id, branchIndex: index, where });
    });
  } else if (state.Type === 'Map') {
    const processor = mapProcessorOf(state);
    const field = state.ItemProcessor ? 'ItemProcessor' : 'Iterator';
    if (!isMachine(processor)) {
      graph.problems.push(`${scope.where}["${name}"].${field}: missing StartAt/States`);
      return;
    }
    addScope(graph, { machine: processor, parentId: id, where: `${scope.where}["${name}"].${field}` });
  }
}

function isMachine(value: unknown): value is AslStateMachine {
  const candidate = value as AslStateMachine | undefined;
  return typeof candidate?.StartAt === 'string' && typeof candidate.States === 'object' && candidate.States !== null;
}

/** The definition of the state a graph node stands for (walks into branches/iterators by the node's path). */
export function findStateDefinition(definition: string | object, nodeId: string, graph: AslGraph): AslState | undefined {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const chain: AslGraphNode[] = [];
  for (let node = byId.get(nodeId); node; node = node.parentId ? byId.get(node.parentId) : undefined) chain.unshift(node);
  if (chain.length === 0) return undefined;

  let machine: AslStateMachine | undefined = parseAslDefinition(definition);
  let state: AslState | undefined;
  for (const node of chain) {
    if (!machine) return undefined;
    if (node.parentId !== undefined) {
      const parent: AslState | undefined = state;
      machine = node.branchIndex !== undefined ? parent?.Branches?.[node.branchIndex] : parent ? mapProcessorOf(parent) : undefined;
      if (!machine) return undefined;
    }
    state = machine.States[node.name];
  }
  return state;
}
