import 'server-only';
import { buildAslGraph, type AslGraph } from '@/lib/sfn/asl-graph';
import { layoutAslGraph } from './asl-layout';
import type { GraphLayout } from '@/lib/sfn/layout-types';

// ELK's first layout in a process is slow (JIT warm-up: about half a second for 200 states) and every
// execution of a revision shares one definition, so the server lays each definition out once and keeps
// the result. Concurrent requests for one definition share the same promise.

/** A least-recently-used map: reading an entry makes it the newest, the oldest goes beyond `capacity`. */
export class LruCache<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(readonly capacity: number) {}

  get(key: K): V | undefined {
    const value = this.entries.get(key);
    if (value === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  set(key: K, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as K);
  }

  delete(key: K): void {
    this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}

/** A 53-bit hash of the text (cyrb53) plus its length: a short key for a definition. */
export function definitionKey(definition: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < definition.length; i++) {
    const code = definition.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return `${(4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36)}-${definition.length}`;
}

export interface LaidOutDefinition {
  graph: AslGraph;
  layout: GraphLayout;
}

type Compute = (definition: string) => Promise<LaidOutDefinition>;

const computeLayout: Compute = async (definition) => {
  const graph = buildAslGraph(definition);
  return { graph, layout: await layoutAslGraph(graph) };
};

/** Graph + ELK layout per definition text, computed once and kept (LRU). */
export class DefinitionLayoutCache {
  private readonly cache: LruCache<string, { definition: string; result: Promise<LaidOutDefinition> }>;

  constructor(
    capacity = 64,
    private readonly compute: Compute = computeLayout,
  ) {
    this.cache = new LruCache(capacity);
  }

  /** The graph and layout of a definition (its first caller pays for the layout). */
  get(definition: string): Promise<LaidOutDefinition> {
    const key = definitionKey(definition);
    const hit = this.cache.get(key);
    // Compare the text too: a hash collision must never show another machine's graph.
    if (hit && hit.definition === definition) return hit.result;
    const result = this.compute(definition);
    this.cache.set(key, { definition, result });
    result.catch(() => this.cache.delete(key));
    return result;
  }

  get size(): number {
    return this.cache.size;
  }
}
