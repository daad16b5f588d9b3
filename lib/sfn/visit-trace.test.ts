import { describe, expect, it } from 'vitest';
import { recordedExecutions } from './__fixtures__';
import { buildAslGraph } from './asl-graph';
import { deriveExecutionView } from '@/server/sfn/history';
import { canonicalJson, parseRecordedJson, traceVisit } from './visit-trace';

function setUp(scenario: 'ec2EnrichmentNamed' | 'ec2EnrichmentUnnamed') {
  const recorded = recordedExecutions[scenario];
  const definition = JSON.stringify(recorded.definition);
  const graph = buildAslGraph(definition);
  const view = deriveExecutionView(recorded.events, { graph, now: 0 });
  const visit = (name: string) => view.visits.find((v) => v.name === name)!;
  const execution = {
    executionArn: recorded.execution.executionArn,
    name: recorded.execution.name,
    startDate: recorded.execution.startDate,
    input: view.input,
  };
  return { definition, graph, visit, execution };
}

describe('traceVisit', () => {
  it('shows the ResultSelector picking the Name tag out of DescribeInstances, and agrees with the recorded output', () => {
    const { definition, graph, visit, execution } = setUp('ec2EnrichmentNamed');
    const result = traceVisit(definition, graph, visit('Get instance name from Tag'), execution);
    if (!result.ok) throw new Error(result.reason);
    const stages = result.value.trace.steps.map((s) => s.stage);
    expect(stages).toEqual(['input', 'inputPath', 'parameters', 'result', 'resultSelector', 'resultPath', 'outputPath']);
    const selector = result.value.trace.steps.find((s) => s.stage === 'resultSelector')!;
    expect(selector.isExplicit).toBe(true);
    expect((selector.value as { instancename: string[] }).instancename).toHaveLength(1);
    expect(result.value.caught).toBeUndefined();
    expect(typeof result.value.matchesRecordedOutput).toBe('boolean');
  });

  it('for a caught error, shows the step that failed and how the Catch built the output', () => {
    const { definition, graph, visit, execution } = setUp('ec2EnrichmentUnnamed');
    const result = traceVisit(definition, graph, visit('Get instance name from Tag'), execution);
    if (!result.ok) throw new Error(result.reason);
    expect(result.value.trace.error).toMatchObject({ stage: 'resultSelector', error: 'States.Runtime' });
    const caughtStages = result.value.caught!.steps.map((s) => s.stage);
    expect(caughtStages).toEqual(['input', 'result', 'catchResultPath']);
    expect(result.value.caught!.output).toMatchObject({ error: { Error: 'States.Runtime' } });
    expect(result.value.matchesRecordedOutput).toBe(true);
  });

  it('explains when a visit cannot be replayed', () => {
    const { definition, graph, visit, execution } = setUp('ec2EnrichmentNamed');
    const truncated = { ...visit('Emit enriched event'), inputTruncated: true as const };
    expect(traceVisit(definition, graph, truncated, execution)).toMatchObject({ ok: false, reason: expect.stringContaining('truncated') });
    expect(traceVisit(definition, graph, { ...truncated, inputTruncated: undefined, nodeId: 'Nope' }, execution)).toMatchObject({ ok: false });
  });
});

describe('helpers', () => {
  it('parse recorded JSON and print canonical JSON', () => {
    expect(parseRecordedJson('{"a":1}')).toEqual({ ok: true, value: { a: 1 } });
    expect(parseRecordedJson('{"a":')).toEqual({ ok: false });
    expect(parseRecordedJson(undefined)).toEqual({ ok: false });
    expect(canonicalJson({ b: 1, a: { d: [1, { f: 1, e: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"e":2,"f":1}]},"b":1}');
  });
});
