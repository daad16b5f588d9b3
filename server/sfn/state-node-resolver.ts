import 'server-only';
import type { AslGraph, AslGraphNode } from '@/lib/sfn/asl-graph';
import { nestedStateId } from '@/lib/sfn/node-id';

// History events name states, the graph identifies them by path: this maps one to the other.

function scopeKey(parentId: string | undefined, branchIndex: number | undefined, name: string): string {
  return `${parentId ?? ''}\u0001${branchIndex ?? ''}\u0001${name}`;
}

/** Resolves (container, branch, state name) to graph node ids; without a graph, builds the same ids. */
export class StateNodeResolver {
  private readonly byId = new Map<string, AslGraphNode>();
  private readonly byScope = new Map<string, AslGraphNode>();
  private readonly byUniqueName = new Map<string, AslGraphNode | null>();
  private readonly branchStarts = new Map<string, Map<string, number[]>>();

  constructor(graph: AslGraph | undefined) {
    for (const node of graph?.nodes ?? []) {
      this.byId.set(node.id, node);
      this.byScope.set(scopeKey(node.parentId, node.branchIndex, node.name), node);
      this.byUniqueName.set(node.name, this.byUniqueName.has(node.name) ? null : node);
      if (node.isStart && node.parentId !== undefined && node.branchIndex !== undefined) {
        const starts = this.branchStarts.get(node.parentId) ?? new Map<string, number[]>();
        starts.set(node.name, [...(starts.get(node.name) ?? []), node.branchIndex]);
        this.branchStarts.set(node.parentId, starts);
      }
    }
  }

  /** The graph node with this id, if a graph was given. */
  node(id: string): AslGraphNode | undefined {
    return this.byId.get(id);
  }

  /** Node id of state `name` inside `parentNodeId` (branch `branchIndex` for a Parallel). */
  nodeId(parentNodeId: string | undefined, branchIndex: number | undefined, name: string): string {
    const scoped = this.byScope.get(scopeKey(parentNodeId, branchIndex, name));
    if (scoped) return scoped.id;
    // The chain did not place it (e.g. a truncated history): state names are unique in valid ASL.
    const unique = this.byUniqueName.get(name);
    return unique ? unique.id : nestedStateId(parentNodeId, branchIndex, name);
  }

  /** Which branch a Parallel's first state belongs to; branches may share a StartAt name, so skip used ones. */
  branchIndex(parallelNodeId: string, usedBranches: Set<number>, name: string): number {
    const candidates = this.branchStarts.get(parallelNodeId)?.get(name) ?? [];
    let index = candidates.find((i) => !usedBranches.has(i));
    if (index === undefined) {
      // Without a graph, number branches in the order they start.
      index = 0;
      while (usedBranches.has(index)) index++;
    }
    usedBranches.add(index);
    return index;
  }
}
