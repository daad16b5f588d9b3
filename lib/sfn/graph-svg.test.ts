import { describe, expect, it } from 'vitest';
import { recordedExecutions } from './__fixtures__';
import { buildAslGraph } from './asl-graph';
import type { ExecutionGraphDto } from './dto';
import { buildExecutionGraph } from './execution-graph';
import { edgeRoute, escapeXml, exportFileName, fitLabel, renderExecutionGraphSvg } from './graph-svg';
import { deriveExecutionView } from '@/server/sfn/history';
import { layoutAslGraph } from '@/server/sfn/asl-layout';

async function unnamedGraph(): Promise<ExecutionGraphDto> {
  const recorded = recordedExecutions.ec2EnrichmentUnnamed;
  const graph = buildAslGraph(recorded.definition);
  return buildExecutionGraph(graph, await layoutAslGraph(graph), deriveExecutionView(recorded.events, { graph, now: 0 }));
}

/** Crude well-formedness check: every opened element is closed in order. */
function isBalanced(markup: string): boolean {
  const stack: string[] = [];
  for (const [, closing, name, selfClosing] of markup.matchAll(/<(\/?)([a-zA-Z]+)[^>]*?(\/?)>/g)) {
    if (selfClosing) continue;
    if (closing) {
      if (stack.pop() !== name) return false;
    } else stack.push(name!);
  }
  return stack.length === 0;
}

describe('renderExecutionGraphSvg', () => {
  it('draws every state with its status, the taken path and a legend, as one balanced SVG document', async () => {
    const graph = await unnamedGraph();
    const { markup, width, height } = renderExecutionGraphSvg(graph, { title: 'ec2-enrichment-unnamed-1', subtitle: 'SUCCEEDED' });
    expect(markup.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(markup).toContain(`viewBox="0 0 ${width} ${height}"`);
    expect(isBalanced(markup)).toBe(true);
    for (const node of graph.nodes.filter((n) => n.kind === 'state')) {
      expect(markup).toContain(`data-node-id="${escapeXml(node.id)}" data-status="${node.status}"`);
    }
    expect(markup).toContain('data-status="caughtError"');
    expect(markup).toMatch(/data-edge-kind="catch" data-taken="true"/);
    expect(markup).toContain('>Caught error</text>');
    expect(markup).toContain('>ec2-enrichment-unnamed-1</text>');
    // Every arrow refers to a marker that is defined.
    for (const [, id] of markup.matchAll(/marker-end="url\(#([\w-]+)\)"/g)) expect(markup).toContain(`<marker id="${id}"`);
  });

  it('escapes state names and labels', async () => {
    const graph = await unnamedGraph();
    graph.nodes[1]!.name = 'Fetch <orders> & "items"';
    const { markup } = renderExecutionGraphSvg(graph, { legend: false });
    expect(markup).toContain('Fetch &lt;orders&gt; &amp; &quot;items&quot;');
    expect(markup).not.toContain('<orders>');
    expect(markup).not.toContain('Not run</text>');
  });

  it('draws Catch edges that were left out of the layout as straight lines', () => {
    const boxes = new Map([
      ['a', { x: 0, y: 0, width: 100, height: 40 }],
      ['b', { x: 0, y: 200, width: 100, height: 40 }],
    ]);
    const route = edgeRoute({ id: 'a->catch-0', source: 'a', target: 'b', kind: 'catch', points: [], taken: false }, boxes);
    expect(route).toEqual([
      { x: 50, y: 40 },
      { x: 50, y: 200 },
    ]);
  });
});

describe('helpers', () => {
  it('fit labels and name files safely', () => {
    expect(fitLabel('short', 200)).toBe('short');
    expect(fitLabel('a very long state name that will not fit', 100)).toMatch(/…$/);
    expect(exportFileName('run 1/2: ok', 'png')).toBe('run-1-2-ok-graph.png');
    expect(exportFileName('***', 'svg')).toBe('execution-graph.svg');
  });
});
