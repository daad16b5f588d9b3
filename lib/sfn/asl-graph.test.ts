import { describe, expect, it } from 'vitest';
import { recordedExecutions } from './__fixtures__';
import { buildAslGraph, findStateDefinition, type AslGraph } from './asl-graph';
import { AslDefinitionError } from './asl-types';

const edge = (graph: AslGraph, id: string) => graph.edges.find((e) => e.id === id);
const node = (graph: AslGraph, id: string) => graph.nodes.find((n) => n.id === id);

const EVERY_TYPE = {
  Comment: 'one of each',
  StartAt: 'Start here',
  States: {
    'Start here': { Type: 'Pass', Next: 'Call' },
    Call: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Comment: 'calls the thing',
      Catch: [
        { ErrorEquals: ['States.Timeout', 'Lambda.Unknown'], Next: 'Broke' },
        { ErrorEquals: ['States.ALL'], Next: 'Broke' },
      ],
      Next: 'Decide',
    },
    Decide: {
      Type: 'Choice',
      Choices: [
        { Variable: '$.count', NumericGreaterThan: 10, Next: 'Pause' },
        { Not: { Variable: '$.name', IsPresent: true }, Next: 'Broke' },
      ],
      Default: 'Fan out',
    },
    Pause: { Type: 'Wait', Seconds: 5, Next: 'Fan out' },
    'Fan out': {
      Type: 'Parallel',
      Branches: [
        { StartAt: 'Step', States: { Step: { Type: 'Pass', Next: 'Other' }, Other: { Type: 'Pass', End: true } } },
        { StartAt: 'Step', States: { Step: { Type: 'Succeed' } } },
      ],
      Next: 'Each',
    },
    Each: {
      Type: 'Map',
      Iterator: { StartAt: 'Step', States: { Step: { Type: 'Pass', End: true } } },
      Next: 'Distributed',
    },
    Distributed: {
      Type: 'Map',
      ItemProcessor: {
        ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' },
        StartAt: 'Step',
        States: { Step: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true } },
      },
      Next: 'Done',
    },
    Done: { Type: 'Succeed' },
    Broke: { Type: 'Fail', Error: 'It.Broke', Cause: 'because' },
  },
};

describe('buildAslGraph', () => {
  const graph = buildAslGraph(EVERY_TYPE);

  it('creates a node for every state type, nested ones included', () => {
    expect(graph.nodes.map((n) => [n.id, n.type])).toEqual([
      ['Start here', 'Pass'],
      ['Call', 'Task'],
      ['Decide', 'Choice'],
      ['Pause', 'Wait'],
      ['Fan out', 'Parallel'],
      ['Fan out/branch-0/Step', 'Pass'],
      ['Fan out/branch-0/Other', 'Pass'],
      ['Fan out/branch-1/Step', 'Succeed'],
      ['Each', 'Map'],
      ['Each/items/Step', 'Pass'],
      ['Distributed', 'Map'],
      ['Distributed/items/Step', 'Task'],
      ['Done', 'Succeed'],
      ['Broke', 'Fail'],
    ]);
    expect(graph.problems).toEqual([]);
    expect(graph.startId).toBe('Start here');
  });

  it('namespaces same-named states by container and branch, with parent ids', () => {
    expect(node(graph, 'Fan out/branch-0/Step')).toMatchObject({
      name: 'Step',
      parentId: 'Fan out',
      branchIndex: 0,
      isStart: true,
    });
    expect(node(graph, 'Fan out/branch-1/Step')).toMatchObject({
      name: 'Step',
      parentId: 'Fan out',
      branchIndex: 1,
      isStart: true,
      isEnd: true,
    });
    expect(node(graph, 'Each/items/Step')).toMatchObject({ parentId: 'Each', isStart: true, isEnd: true });
    expect(node(graph, 'Each/items/Step')).not.toHaveProperty('branchIndex');
    expect(node(graph, 'Fan out')).toMatchObject({ branchCount: 2 });
  });

  it('marks start and end states per scope', () => {
    expect(graph.nodes.filter((n) => n.isStart).map((n) => n.id)).toEqual([
      'Start here',
      'Fan out/branch-0/Step',
      'Fan out/branch-1/Step',
      'Each/items/Step',
      'Distributed/items/Step',
    ]);
    expect(graph.nodes.filter((n) => n.isEnd).map((n) => n.id)).toEqual([
      'Fan out/branch-0/Other',
      'Fan out/branch-1/Step',
      'Each/items/Step',
      'Distributed/items/Step',
      'Done',
      'Broke',
    ]);
  });

  it('keeps resource, comment, map mode and the Fail error', () => {
    expect(node(graph, 'Call')).toMatchObject({
      resource: 'arn:aws:states:::lambda:invoke',
      comment: 'calls the thing',
    });
    expect(node(graph, 'Each')?.mapMode).toBe('inline');
    expect(node(graph, 'Distributed')?.mapMode).toBe('distributed');
    expect(node(graph, 'Broke')).toMatchObject({ error: 'It.Broke', cause: 'because' });
  });

  it('creates next, choice, default and catch edges with labels', () => {
    expect(edge(graph, 'Start here->next')).toEqual({
      id: 'Start here->next',
      source: 'Start here',
      target: 'Call',
      kind: 'next',
    });
    expect(edge(graph, 'Decide->choice-0')).toMatchObject({ target: 'Pause', kind: 'choice', label: '$.count > 10' });
    expect(edge(graph, 'Decide->choice-1')).toMatchObject({
      target: 'Broke',
      kind: 'choice',
      label: 'not ($.name is present)',
    });
    expect(edge(graph, 'Decide->default')).toMatchObject({ target: 'Fan out', kind: 'default', label: 'Default' });
    expect(edge(graph, 'Call->catch-0')).toMatchObject({
      target: 'Broke',
      kind: 'catch',
      label: 'States.Timeout, Lambda.Unknown',
    });
    expect(edge(graph, 'Call->catch-1')).toMatchObject({ target: 'Broke', kind: 'catch', label: 'States.ALL' });
    expect(edge(graph, 'Fan out/branch-0/Step->next')).toMatchObject({ target: 'Fan out/branch-0/Other' });
    // A Choice has no Next edge of its own; terminal states have none at all.
    expect(edge(graph, 'Decide->next')).toBeUndefined();
    expect(graph.edges.filter((e) => e.source === 'Done')).toEqual([]);
  });

  it('gives every edge a unique id', () => {
    const ids = graph.edges.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('accepts the definition as JSON text, as DescribeStateMachine returns it', () => {
    expect(buildAslGraph(JSON.stringify(EVERY_TYPE))).toEqual(graph);
  });

  it('escapes slashes in state names so ids stay unambiguous', () => {
    const g = buildAslGraph({
      StartAt: 'a/b',
      States: { 'a/b': { Type: 'Pass', Next: 'a%b' }, 'a%b': { Type: 'Succeed' } },
    });
    expect(g.nodes.map((n) => n.id)).toEqual(['a%2Fb', 'a%25b']);
    expect(g.edges[0]).toMatchObject({ source: 'a%2Fb', target: 'a%25b' });
  });

  it('reports broken transitions and unknown types instead of throwing', () => {
    const g = buildAslGraph({
      StartAt: 'Missing',
      States: { A: { Type: 'Pass', Next: 'Nowhere' }, B: { Type: 'Teleport', End: true } },
    });
    expect(g.problems).toEqual([
      'States: StartAt "Missing" is not a state',
      'States["A"]: next target "Nowhere" is not a state in this scope',
      'States["B"]: unknown state type "Teleport"',
    ]);
    expect(g.edges).toEqual([]);
    expect(g.nodes.find((n) => n.id === 'B')?.type).toBe('Unknown');
  });

  it('does not let a branch state jump to a top-level state', () => {
    const g = buildAslGraph({
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel',
          Branches: [{ StartAt: 'X', States: { X: { Type: 'Pass', Next: 'Out' } } }],
          Next: 'Out',
        },
        Out: { Type: 'Succeed' },
      },
    });
    expect(g.problems).toEqual(['States["P"].Branches[0]["X"]: next target "Out" is not a state in this scope']);
  });

  it('rejects text that is not a state machine', () => {
    expect(() => buildAslGraph('{not json')).toThrow(AslDefinitionError);
    expect(() => buildAslGraph({ States: {} })).toThrow('$.StartAt must be a string');
    expect(() => buildAslGraph({ StartAt: 'A', States: { A: {} } })).toThrow('Type must be a string');
  });

  it('builds the recorded EC2 enrichment machine with its Catch to the Parameter Store fallback', () => {
    const g = buildAslGraph(recordedExecutions.ec2EnrichmentNamed.definition);
    expect(g.nodes).toHaveLength(6);
    expect(edge(g, 'Get instance name from Tag->catch-0')).toMatchObject({
      target: 'Get default name from Parameter Store',
      kind: 'catch',
      label: 'States.ALL',
    });
    expect(node(g, 'Emit enriched event')).toMatchObject({
      isEnd: true,
      resource: 'arn:aws:states:::events:putEvents',
    });
  });
});

describe('findStateDefinition', () => {
  const graph = buildAslGraph(EVERY_TYPE);

  it('walks into branches and iterators by node id', () => {
    expect(findStateDefinition(EVERY_TYPE, 'Fan out/branch-1/Step', graph)).toEqual({ Type: 'Succeed' });
    expect(findStateDefinition(EVERY_TYPE, 'Distributed/items/Step', graph)?.Type).toBe('Task');
    expect(findStateDefinition(EVERY_TYPE, 'Pause', graph)).toMatchObject({ Type: 'Wait', Seconds: 5 });
    expect(findStateDefinition(EVERY_TYPE, 'Nope', graph)).toBeUndefined();
  });
});
