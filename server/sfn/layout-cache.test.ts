import { describe, expect, it } from 'vitest';
import { recordedExecutions } from '@/lib/sfn/__fixtures__';
import { DefinitionLayoutCache, definitionKey, LruCache } from './layout-cache';

describe('LruCache', () => {
  it('drops the least recently used entry beyond its capacity', () => {
    const cache = new LruCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.get('a');
    cache.set('c', 3);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.size).toBe(2);
  });
});

describe('DefinitionLayoutCache', () => {
  it('lays a definition out once, shares the work between concurrent callers, and keys by text', async () => {
    let computed = 0;
    const cache = new DefinitionLayoutCache(4, async (definition) => {
      computed++;
      return { graph: { nodes: [], edges: [], startId: definition, problems: [] }, layout: { nodes: [], edges: [], width: 0, height: 0 } };
    });
    const [a, b] = await Promise.all([cache.get('{"x":1}'), cache.get('{"x":1}')]);
    expect(a).toBe(b);
    await cache.get('{"x":2}');
    expect(computed).toBe(2);
  });

  it('forgets failures so the next call tries again', async () => {
    let calls = 0;
    const cache = new DefinitionLayoutCache(4, async () => {
      calls++;
      throw new Error('boom');
    });
    await expect(cache.get('{}')).rejects.toThrow('boom');
    await expect(cache.get('{}')).rejects.toThrow('boom');
    expect(calls).toBe(2);
  });

  it('really lays out with ELK by default', async () => {
    const cache = new DefinitionLayoutCache();
    const { graph, layout } = await cache.get(JSON.stringify(recordedExecutions.mapInline.definition));
    expect(graph.nodes.length).toBeGreaterThan(0);
    expect(layout.nodes.length).toBe(graph.nodes.length + 2);
  });

  it('keys definitions by content', () => {
    expect(definitionKey('{"StartAt":"A"}')).toBe(definitionKey('{"StartAt":"A"}'));
    expect(definitionKey('{"StartAt":"A"}')).not.toBe(definitionKey('{"StartAt":"B"}'));
  });
});
