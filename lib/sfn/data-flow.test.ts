import { describe, expect, it } from 'vitest';
import { recordedExecutions } from './__fixtures__';
import { buildAslGraph, findStateDefinition } from './asl-graph';
import type { AslState } from './asl-types';
import { contextObjectFor, findCatcher, traceDataFlow } from './data-flow';
import { deriveExecutionView } from '@/server/sfn/history';

const stages = (trace: ReturnType<typeof traceDataFlow>) => trace.steps.map((s) => s.stage);

describe('traceDataFlow', () => {
  const input = { order: { id: 'o-1', lines: [1, 2] }, meta: { source: 'web' } };

  it('runs InputPath, Parameters, ResultSelector, ResultPath and OutputPath in order for a Task', () => {
    const state: AslState = {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      InputPath: '$.order',
      Parameters: { 'orderId.$': '$.id', 'count.$': 'States.ArrayLength($.lines)', fixed: 'yes' },
      ResultSelector: { 'status.$': '$.Payload.status' },
      ResultPath: '$.charge',
      OutputPath: '$.charge',
    };
    const trace = traceDataFlow(state, input, { taskResult: { Payload: { status: 'paid' }, StatusCode: 200 } });
    expect(stages(trace)).toEqual(['input', 'inputPath', 'parameters', 'result', 'resultSelector', 'resultPath', 'outputPath']);
    expect(trace.steps[1]).toMatchObject({ expression: '$.order', isExplicit: true, value: input.order });
    expect(trace.steps[2]!.value).toEqual({ orderId: 'o-1', count: 2, fixed: 'yes' });
    expect(trace.steps[4]!.value).toEqual({ status: 'paid' });
    expect(trace.steps[5]!.value).toEqual({ ...input, charge: { status: 'paid' } });
    expect(trace.output).toEqual({ status: 'paid' });
    expect(trace.error).toBeUndefined();
  });

  it('applies the defaults when fields are absent, and null paths', () => {
    const defaults = traceDataFlow({ Type: 'Task', Resource: 'x' }, input, { taskResult: { r: 1 } });
    expect(defaults.output).toEqual({ r: 1 });
    expect(defaults.steps.filter((s) => s.stage !== 'input' && s.stage !== 'result').every((s) => !s.isExplicit)).toBe(true);

    const discard = traceDataFlow({ Type: 'Task', Resource: 'x', ResultPath: null }, input, { taskResult: { r: 1 } });
    expect(discard.output).toEqual(input);
    const empty = traceDataFlow({ Type: 'Pass', InputPath: null, OutputPath: null }, input);
    expect(empty.steps.find((s) => s.stage === 'inputPath')!.value).toEqual({});
    expect(empty.output).toEqual({});
  });

  it('Pass: Result wins over the input; Parameters shape it otherwise', () => {
    expect(traceDataFlow({ Type: 'Pass', Result: { fixed: 1 }, ResultPath: '$.r' }, input).output).toEqual({
      ...input,
      r: { fixed: 1 },
    });
    expect(traceDataFlow({ Type: 'Pass', Parameters: { 'src.$': '$.meta.source' } }, input).output).toEqual({
      src: 'web',
    });
    expect(traceDataFlow({ Type: 'Pass' }, input).output).toEqual(input);
  });

  it('Choice, Wait and Succeed only select: InputPath then OutputPath', () => {
    const trace = traceDataFlow({ Type: 'Choice', InputPath: '$.order', OutputPath: '$.lines' }, input);
    expect(stages(trace)).toEqual(['input', 'inputPath', 'outputPath']);
    expect(trace.output).toEqual([1, 2]);
    expect(stages(traceDataFlow({ Type: 'Fail' }, input))).toEqual(['input']);
  });

  it('Map: ItemsPath and ItemSelector with $$.Map.Item, then the iteration results', () => {
    const state: AslState = {
      Type: 'Map',
      ItemsPath: '$.order.lines',
      ItemSelector: { 'line.$': '$$.Map.Item.Value', 'at.$': '$$.Map.Item.Index', 'src.$': '$.meta.source' },
      ResultPath: '$.results',
    };
    const trace = traceDataFlow(state, input, { taskResult: ['r1', 'r2'] });
    expect(stages(trace)).toEqual(['input', 'inputPath', 'itemsPath', 'itemSelector', 'result', 'resultSelector', 'resultPath', 'outputPath']);
    expect(trace.steps.find((s) => s.stage === 'itemSelector')!.value).toEqual([
      { line: 1, at: 0, src: 'web' },
      { line: 2, at: 1, src: 'web' },
    ]);
    expect(trace.output).toEqual({ ...input, results: ['r1', 'r2'] });
  });

  it('stops at the failing step with the States error', () => {
    const trace = traceDataFlow({ Type: 'Task', Resource: 'x', InputPath: '$.nope' }, input, { taskResult: {} });
    expect(stages(trace)).toEqual(['input']);
    expect(trace.error).toMatchObject({ stage: 'inputPath', error: 'States.Runtime' });
    expect(trace.output).toBeUndefined();

    const intrinsic = traceDataFlow({ Type: 'Pass', Parameters: { 'x.$': "States.Format('{}{}', $.meta.source)" } }, input);
    expect(intrinsic.error).toMatchObject({ stage: 'parameters', error: 'States.IntrinsicFailure' });
  });

  it('says when a task has not returned yet', () => {
    const trace = traceDataFlow({ Type: 'Task', Resource: 'x' }, input);
    expect(trace.steps.at(-1)).toMatchObject({ stage: 'result', note: expect.stringContaining('No result yet') });
    expect(trace.output).toBeUndefined();
  });

  it('finds the catcher that handles an error', () => {
    const state: AslState = {
      Type: 'Task',
      Catch: [
        { ErrorEquals: ['Custom.Error'], Next: 'A' },
        { ErrorEquals: ['States.TaskFailed'], Next: 'B' },
        { ErrorEquals: ['States.ALL'], Next: 'C' },
      ],
    };
    expect(findCatcher(state, 'Custom.Error')?.Next).toBe('A');
    expect(findCatcher(state, 'Lambda.Unknown')?.Next).toBe('B');
    expect(findCatcher(state, 'States.Timeout')?.Next).toBe('C');
    expect(findCatcher({ Type: 'Pass' }, 'X')).toBeUndefined();
  });

  it('rebuilds the context object for $$ paths', () => {
    const context = contextObjectFor(
      {
        executionArn: 'arn:aws:states:us-east-1:123456789012:execution:machine:run-1',
        startDate: '2025-01-01T00:00:00.000Z',
        input: '{"a":1}',
        stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:machine',
      },
      { name: 'Call', enteredAt: '2025-01-01T00:00:01.000Z', retries: [{}, {}] },
    );
    const trace = traceDataFlow(
      {
        Type: 'Pass',
        Parameters: {
          'run.$': '$$.Execution.Name',
          'machine.$': '$$.StateMachine.Name',
          'a.$': '$$.Execution.Input.a',
          'tries.$': '$$.State.RetryCount',
        },
      },
      {},
      { context },
    );
    expect(trace.output).toEqual({ run: 'run-1', machine: 'machine', a: 1, tries: 2 });
  });

  it("traces a caught error through the catcher's ResultPath", () => {
    const trace = traceDataFlow({ Type: 'Task', Resource: 'x' }, input, {
      caught: {
        catcher: { ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Y' },
        error: 'States.Runtime',
        cause: 'why',
      },
    });
    expect(stages(trace)).toEqual(['input', 'result', 'catchResultPath']);
    expect(trace.output).toEqual({ ...input, error: { Error: 'States.Runtime', Cause: 'why' } });
  });
});

describe('traceDataFlow reproduces what the recorded executions did', () => {
  // One difference from AWS is known (sandbox/README.md): moto returns a one-element list for the definite path
  // `$.Reservations[0].Instances[0].InstanceId` in a ResultSelector. We follow AWS and return the string.
  const MOTO_LIST_QUIRK = new Set(['Get instance name from Tag', 'Convert instance name to a string', 'Emit enriched event']);

  for (const [key, recorded] of Object.entries(recordedExecutions)) {
    it(`${key}: every state's traced output equals the recorded output`, () => {
      const graph = buildAslGraph(recorded.definition);
      const view = deriveExecutionView(recorded.events, { graph });
      let checked = 0;
      for (const visit of view.visits) {
        if (visit.output === undefined || visit.input === undefined) continue;
        if (key === 'ec2EnrichmentNamed' && MOTO_LIST_QUIRK.has(visit.name)) continue;
        const state = findStateDefinition(recorded.definition, visit.nodeId, graph)!;
        const caughtBy = visit.status === 'caughtError' && visit.error ? findCatcher(state, visit.error) : undefined;
        const trace = traceDataFlow(state, JSON.parse(visit.input), {
          taskResult: visit.taskResult === undefined ? undefined : JSON.parse(visit.taskResult),
          caught: caughtBy && visit.error ? { catcher: caughtBy, error: visit.error, cause: visit.cause } : undefined,
        });
        if (caughtBy) {
          expect(trace.output, visit.name).toEqual(JSON.parse(visit.output));
        } else if (state.Type !== 'Map' || visit.taskResult !== undefined) {
          expect(trace.error, visit.name).toBeUndefined();
          expect(trace.output, visit.name).toEqual(JSON.parse(visit.output));
        }
        checked++;
      }
      expect(checked).toBeGreaterThan(0);
    });
  }

  it('the unnamed instance: ResultSelector fails just as it did in the sandbox', () => {
    const recorded = recordedExecutions.ec2EnrichmentUnnamed;
    const view = deriveExecutionView(recorded.events, { graph: buildAslGraph(recorded.definition) });
    const visit = view.states['Get instance name from Tag']!.visits[0]!;
    const trace = traceDataFlow(recorded.definition.States['Get instance name from Tag']!, JSON.parse(visit.input!), {
      taskResult: JSON.parse(visit.taskResult!),
    });
    expect(trace.error).toMatchObject({ stage: 'resultSelector', error: 'States.Runtime' });
    expect(trace.error!.cause).toContain("'$..Reservations[0].Instances[0].Tags[?(@.Key==Name)].Value' could not be found");
  });

  it('the named instance: we return the instance id as AWS does, where moto returned a list', () => {
    const recorded = recordedExecutions.ec2EnrichmentNamed;
    const view = deriveExecutionView(recorded.events, { graph: buildAslGraph(recorded.definition) });
    const visit = view.states['Get instance name from Tag']!.visits[0]!;
    const trace = traceDataFlow(recorded.definition.States['Get instance name from Tag']!, JSON.parse(visit.input!), {
      taskResult: JSON.parse(visit.taskResult!),
    });
    const recordedRefined = JSON.parse(visit.output!).detail.refined;
    const tracedRefined = (trace.output as { detail: { refined: { instanceid: unknown; instancename: unknown } } }).detail.refined;
    expect(tracedRefined.instancename).toEqual(['ec2-enrichment-demo-instance']);
    expect(recordedRefined.instancename).toEqual(tracedRefined.instancename);
    expect(recordedRefined.instanceid).toEqual([tracedRefined.instanceid]);
    expect(typeof tracedRefined.instanceid).toBe('string');
  });
});
