import type { HistoryEvent } from '@aws-sdk/client-sfn';
import { describe, expect, it } from 'vitest';
import { recordedExecutions, type RecordedExecution } from '@/lib/sfn/__fixtures__';
import { buildAslGraph } from '@/lib/sfn/asl-graph';
import { deriveExecutionView } from './history';
import type { SfnHistoryEvent } from '@/lib/sfn/history-types';
import { generateLargeHistory } from '@/server/sfn/synthetic/large-history';

function viewOf(recorded: RecordedExecution, now?: number) {
  const graph = buildAslGraph(recorded.definition);
  return deriveExecutionView(recorded.events, { graph, now: now ?? Date.parse(recorded.execution.startDate) + 60_000 });
}

function statuses(view: ReturnType<typeof viewOf>) {
  return Object.fromEntries(Object.values(view.states).map((s) => [s.nodeId, s.status]));
}

describe('deriveExecutionView on recorded moto histories', () => {
  it('EC2 enrichment with a Name tag: the success path is green, the fallback never ran', () => {
    const view = viewOf(recordedExecutions.ec2EnrichmentNamed);
    expect(view.status).toBe('SUCCEEDED');
    expect(view.error).toBeUndefined();
    expect(statuses(view)).toEqual({
      'Remove problem characters from input': 'succeeded',
      'Get instance name from Tag': 'succeeded',
      'Convert instance name to a string': 'succeeded',
      'Get default name from Parameter Store': 'notRun',
      'Add ID back to refined': 'notRun',
      'Emit enriched event': 'succeeded',
    });
    const describe = view.states['Get instance name from Tag']!.visits[0]!;
    expect(describe.resource).toBe('aws-sdk:ec2:describeInstances');
    expect(JSON.parse(describe.parameters!)).toEqual({ InstanceIds: [expect.stringMatching(/^i-/)] });
    expect(JSON.parse(describe.taskResult!).Reservations[0].Instances[0].Tags).toContainEqual({
      Key: 'Name',
      Value: 'ec2-enrichment-demo-instance',
    });
    expect(JSON.parse(view.output!)).toMatchObject({ FailedEntryCount: 0 });
  });

  it('EC2 enrichment without a Name tag: describeInstances is caughtError, the fallback states succeeded', () => {
    const view = viewOf(recordedExecutions.ec2EnrichmentUnnamed);
    expect(view.status).toBe('SUCCEEDED');
    expect(statuses(view)).toEqual({
      'Remove problem characters from input': 'succeeded',
      'Get instance name from Tag': 'caughtError',
      'Convert instance name to a string': 'notRun',
      'Get default name from Parameter Store': 'succeeded',
      'Add ID back to refined': 'succeeded',
      'Emit enriched event': 'succeeded',
    });
    const caught = view.states['Get instance name from Tag']!.visits[0]!;
    expect(caught.error).toBe('States.Runtime');
    expect(caught.cause).toContain("The JSONPath '$..Reservations[0].Instances[0].Tags[?(@.Key==Name)].Value' could not be found");
    // moto runs the task, then fails in ResultSelector: the result is still there for the step panel.
    expect(caught.taskResult).toBeDefined();
    expect(JSON.parse(caught.output!).error.Error).toBe('States.Runtime');
    expect(view.states['Get default name from Parameter Store']!.visits[0]!.resource).toBe('aws-sdk:ssm:getParameter');
  });

  it('Parallel: branch states are attributed to their own branch nodes', () => {
    const view = viewOf(recordedExecutions.parallelTwoBranches);
    expect(statuses(view)).toEqual({
      'Fan out': 'succeeded',
      'Fan out/branch-0/Build message': 'succeeded',
      'Fan out/branch-0/Send to queue': 'succeeded',
      'Fan out/branch-1/Summarise': 'succeeded',
      'Fan out/branch-1/Mark summarised': 'succeeded',
      Done: 'succeeded',
    });
    const fanOut = view.states['Fan out']!.visits[0]!;
    const send = view.states['Fan out/branch-0/Send to queue']!.visits[0]!;
    const summarise = view.states['Fan out/branch-1/Summarise']!.visits[0]!;
    expect(send).toMatchObject({ parentVisitId: fanOut.id, branchIndex: 0 });
    expect(summarise).toMatchObject({ parentVisitId: fanOut.id, branchIndex: 1 });
    // The Parallel's raw result is its branches' outputs, in branch order.
    expect(JSON.parse(fanOut.taskResult!)).toEqual([JSON.parse(send.output!), JSON.parse(view.states['Fan out/branch-1/Mark summarised']!.visits[0]!.output!)]);
  });

  it('inline Map: three iterations, each visit carries its iteration index and input', () => {
    const view = viewOf(recordedExecutions.mapInline);
    const label = view.states['Process items/items/Label item']!;
    expect(label.status).toBe('succeeded');
    expect(label.visits.map((v) => v.iterationIndex).sort()).toEqual([0, 1, 2]);
    for (const visit of label.visits) {
      expect(JSON.parse(visit.input!).index).toBe(visit.iterationIndex);
    }
    // Only items with qty > 1 took the Bulk branch.
    expect(view.states['Process items/items/Bulk item']!.visits.map((v) => v.iterationIndex).sort()).toEqual([0, 2]);
    expect(view.states['Process items/items/Single item']!.visits.map((v) => v.iterationIndex)).toEqual([1]);
    const map = view.states['Process items']!.visits[0]!;
    expect(map.itemCount).toBe(3);
    expect(JSON.parse(map.taskResult!).map((r: { label: string }) => r.label)).toEqual(['apple-0', 'pear-1', 'plum-2']);
    expect(label.visits.every((v) => v.parentVisitId === map.id)).toBe(true);
  });

  it('Retry: every failed attempt is collected, then the Catch leads into a Fail state', () => {
    const view = viewOf(recordedExecutions.retryThenFail);
    expect(view.status).toBe('FAILED');
    const task = view.states['Read missing parameter']!;
    expect(task.status).toBe('caughtError');
    const visit = task.visits[0]!;
    expect(visit.retries).toHaveLength(2);
    for (const retry of visit.retries) {
      expect(retry.error).toBe('ssm.ParameterNotFoundException');
      expect(retry.cause).toContain('/slipway/does-not-exist');
      // IntervalSeconds 1: the next attempt started about a second after the failure.
      expect(Date.parse(retry.retriedAt!) - Date.parse(retry.at)).toBeGreaterThanOrEqual(900);
    }
    expect(visit.error).toBe('ssm.ParameterNotFoundException');
    expect(view.states['Report failure']!.status).toBe('failed');
    expect(view.error).toEqual({
      status: 'FAILED',
      stateName: 'Report failure',
      nodeId: 'Report failure',
      visitId: view.states['Report failure']!.visits[0]!.id,
      error: 'ConfigMissing',
      cause: 'The parameter /slipway/does-not-exist could not be read after retries',
    });
  });

  it('Choice loop: the looped states have one visit per pass, in order', () => {
    const view = viewOf(recordedExecutions.choiceLoop);
    expect(view.states['Increment']!.visits.map((v) => JSON.parse(v.output!).count)).toEqual([1, 2, 3]);
    expect(view.states['Record attempt']!.visits).toHaveLength(3);
    expect(view.states['Enough?']!.visits).toHaveLength(3);
    expect(view.states['Init']!.visits).toHaveLength(1);
    // Legacy Lambda ARN resource: LambdaFunctionScheduled/Succeeded events.
    const lambda = view.states['Record attempt']!.visits[0]!;
    expect(lambda.resource).toMatch(/^arn:aws:lambda:us-east-1:123456789012:function:record-attempt$/);
    expect(JSON.parse(lambda.taskResult!)).toEqual({ count: 1 });
  });

  it('Wait: the visit lasts about a second and is marked as a wait in the timeline', () => {
    const view = viewOf(recordedExecutions.waitOneSecond);
    const pause = view.states['Pause']!.visits[0]!;
    expect(pause.durationMs).toBeGreaterThanOrEqual(1000);
    const row = view.timeline.find((r) => r.name === 'Pause')!;
    expect(row.marks).toEqual([{ kind: 'wait', startMs: row.startMs, endMs: row.endMs }]);
  });

  it('Aborted while waiting: the Wait is cancelled and the banner names it', () => {
    const view = viewOf(recordedExecutions.abortedInWait);
    expect(view.status).toBe('ABORTED');
    expect(statuses(view)).toEqual({ Prepare: 'succeeded', 'Wait for approval': 'cancelled', Approved: 'notRun' });
    // moto drops StopExecution's error/cause (empty strings in the event): the banner has none.
    expect(view.error).toEqual({
      status: 'ABORTED',
      stateName: 'Wait for approval',
      nodeId: 'Wait for approval',
      visitId: 4,
    });
    const row = view.timeline.find((r) => r.name === 'Wait for approval')!;
    expect(row.isOpenEnded).toBe(true);
    expect(row.endMs).toBe(Date.parse(view.stoppedAt!) - Date.parse(view.startedAt!));
  });

  it('a Parallel branch failing uncaught: the task and the Parallel are failed, the banner names the task', () => {
    const view = viewOf(recordedExecutions.parallelBranchFails);
    expect(statuses(view)).toEqual({
      'Check both': 'failed',
      'Check both/branch-0/Read flag': 'failed',
      'Check both/branch-1/Note check': 'succeeded',
    });
    expect(view.error).toMatchObject({
      status: 'FAILED',
      stateName: 'Read flag',
      nodeId: 'Check both/branch-0/Read flag',
      error: 'ssm.ParameterNotFoundException',
    });
  });

  it("a Map iteration reaching a Fail state, caught by the Map's Catch", () => {
    const view = viewOf(recordedExecutions.mapIterationFailsCaught);
    expect(view.status).toBe('SUCCEEDED');
    expect(statuses(view)).toEqual({
      'Validate items': 'caughtError',
      'Validate items/items/Is valid?': 'succeeded',
      'Validate items/items/Accept': 'succeeded',
      'Validate items/items/Reject': 'failed',
      'Use fallback': 'succeeded',
      Done: 'succeeded',
    });
    const reject = view.states['Validate items/items/Reject']!.visits[0]!;
    expect(reject).toMatchObject({ iterationIndex: 1, error: 'Item.Invalid', cause: 'An item was not ok' });
    expect(view.states['Validate items']!.visits[0]!.error).toBe('Item.Invalid');
    expect(view.error).toBeUndefined();
  });

  it('gives every event of a history to a visit or to the execution, and no visit twice', () => {
    for (const recorded of Object.values(recordedExecutions)) {
      const view = viewOf(recorded);
      const owned = view.visits.flatMap((v) => v.eventIds);
      expect(new Set(owned).size).toBe(owned.length);
      const executionLevel = recorded.events.filter((e) => e.type?.startsWith('Execution')).map((e) => e.id);
      expect(owned.length + executionLevel.length).toBe(recorded.events.length);
    }
  });
});

// Hand-written histories, shaped like AWS's, for cases the sandbox cannot produce.
let clock = Date.UTC(2025, 0, 1);
function history(rows: [type: string, previousEventId: number, extra?: Partial<SfnHistoryEvent>][]): SfnHistoryEvent[] {
  clock = Date.UTC(2025, 0, 1);
  return rows.map(([type, previousEventId, extra], index) => ({
    id: index + 1,
    previousEventId,
    type,
    timestamp: new Date((clock += 1000)),
    ...extra,
  }));
}
const entered = (name: string, input = '{}') => ({ stateEnteredEventDetails: { name, input } });
const exited = (name: string, output = '{}') => ({ stateExitedEventDetails: { name, output } });

describe('deriveExecutionView on hand-written histories', () => {
  it('disambiguates same-named states in two Parallel branches by StartAt and chain', () => {
    const definition = {
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel',
          End: true,
          Branches: [
            { StartAt: 'Same', States: { Same: { Type: 'Pass', Next: 'Only0' }, Only0: { Type: 'Pass', End: true } } },
            { StartAt: 'Same', States: { Same: { Type: 'Pass', End: true } } },
          ],
        },
      },
    };
    const events = history([
      ['ExecutionStarted', 0],
      ['ParallelStateEntered', 0, entered('P')], // 2
      ['ParallelStateStarted', 2], // 3
      ['PassStateEntered', 3, entered('Same', '{"b":"first"}')], // 4
      ['PassStateEntered', 3, entered('Same', '{"b":"second"}')], // 5
      ['PassStateExited', 5, exited('Same')], // 6 (second branch finishes first)
      ['PassStateExited', 4, exited('Same')], // 7
      ['PassStateEntered', 7, entered('Only0')], // 8
      ['PassStateExited', 8, exited('Only0', '{"from":0}')], // 9
      ['ParallelStateSucceeded', 9], // 10
      ['ParallelStateExited', 9, exited('P')], // 11
      ['ExecutionSucceeded', 11],
    ]);
    const view = deriveExecutionView(events, { graph: buildAslGraph(definition) });
    expect(view.states['P/branch-0/Same']!.visits.map((v) => v.id)).toEqual([4]);
    expect(view.states['P/branch-1/Same']!.visits.map((v) => v.id)).toEqual([5]);
    expect(view.states['P/branch-0/Only0']!.visits[0]!.branchIndex).toBe(0);
    expect(view.states['P/branch-1/Same']!.visits[0]!.exitedAt).toBe(new Date(Date.UTC(2025, 0, 1) + 6000).toISOString());
  });

  it('works without a graph, numbering branches as they start, and accepts unsorted events', () => {
    const events = history([
      ['ExecutionStarted', 0],
      ['ParallelStateEntered', 0, entered('P')],
      ['ParallelStateStarted', 2],
      ['TaskStateEntered', 3, entered('A')],
      ['TaskStateEntered', 3, entered('B')],
      ['TaskScheduled', 4, { taskScheduledEventDetails: { resourceType: 'lambda', resource: 'invoke' } }],
      ['TaskStarted', 6],
    ]).reverse();
    const view = deriveExecutionView(events, { now: Date.UTC(2025, 0, 1) + 60_000 });
    expect(view.status).toBe('RUNNING');
    expect(Object.keys(view.states)).toEqual(['P', 'P/branch-0/A', 'P/branch-1/B']);
    expect(view.states['P/branch-0/A']!.status).toBe('inProgress');
    expect(view.states['P/branch-0/A']!.visits[0]!.resource).toBe('lambda:invoke');
    const row = view.timeline.find((r) => r.name === 'A')!;
    expect(row).toMatchObject({ isOpenEnded: true, depth: 1, endMs: 59_000 });
  });

  it('a running task in its retry back-off is in progress and shows the failure it is retrying', () => {
    const events = history([
      ['ExecutionStarted', 0],
      ['TaskStateEntered', 0, entered('Call')],
      ['TaskScheduled', 2],
      ['TaskStarted', 3],
      ['TaskFailed', 4, { taskFailedEventDetails: { error: 'Lambda.ServiceException', cause: 'boom' } }],
    ]);
    const visit = deriveExecutionView(events).visits[0]!;
    expect(visit).toMatchObject({ status: 'inProgress', error: 'Lambda.ServiceException', retries: [] });
  });

  it('a States.Runtime failure in a Pass state (no TaskFailed) fails that state with the execution error', () => {
    const events = history([
      ['ExecutionStarted', 0],
      ['PassStateEntered', 0, entered('Shape')],
      ['ExecutionFailed', 2, { executionFailedEventDetails: { error: 'States.Runtime', cause: 'bad path' } }],
    ]);
    const view = deriveExecutionView(events);
    expect(view.visits[0]).toMatchObject({ status: 'failed', error: 'States.Runtime', cause: 'bad path' });
    expect(view.error).toMatchObject({ stateName: 'Shape', error: 'States.Runtime' });
  });

  it('timed out: the open task is cancelled; TaskStateAborted closes sibling branches as cancelled', () => {
    const events = history([
      ['ExecutionStarted', 0],
      ['ParallelStateEntered', 0, entered('P')], // 2
      ['ParallelStateStarted', 2], // 3
      ['TaskStateEntered', 3, entered('Slow')], // 4
      ['TaskStateEntered', 3, entered('Fast')], // 5
      ['TaskStateAborted', 5], // 6
      ['ExecutionTimedOut', 4, { executionTimedOutEventDetails: { error: 'States.Timeout', cause: 'too slow' } }],
    ]);
    const view = deriveExecutionView(events);
    expect(Object.fromEntries(view.visits.map((v) => [v.name, v.status]))).toEqual({
      P: 'cancelled',
      Slow: 'cancelled',
      Fast: 'cancelled',
    });
    expect(view.visits.find((v) => v.name === 'Fast')!.exitedAt).toBeDefined();
    expect(view.error).toMatchObject({
      status: 'TIMED_OUT',
      stateName: 'Slow',
      error: 'States.Timeout',
      cause: 'too slow',
    });
  });

  it('Map iterations inside a Parallel inside a Map keep both indexes', () => {
    const events = history([
      ['ExecutionStarted', 0],
      ['MapStateEntered', 0, entered('Outer')], // 2
      ['MapStateStarted', 2, { mapStateStartedEventDetails: { length: 1 } }], // 3
      ['MapIterationStarted', 3, { mapIterationStartedEventDetails: { name: 'Outer', index: 0 } }], // 4
      ['ParallelStateEntered', 4, entered('P')], // 5
      ['ParallelStateStarted', 5], // 6
      ['PassStateEntered', 6, entered('Leaf')], // 7
      ['PassStateExited', 7, exited('Leaf')], // 8
      ['ParallelStateSucceeded', 8], // 9
      ['ParallelStateExited', 8, exited('P')], // 10
      ['MapIterationSucceeded', 10, { mapIterationSucceededEventDetails: { name: 'Outer', index: 0 } }], // 11
      ['MapStateSucceeded', 11],
      ['MapStateExited', 11, exited('Outer')],
      ['ExecutionSucceeded', 13],
    ]);
    const view = deriveExecutionView(events);
    const leaf = view.visits.find((v) => v.name === 'Leaf')!;
    expect(leaf).toMatchObject({
      nodeId: 'Outer/items/P/branch-0/Leaf',
      branchIndex: 0,
      iterationIndex: 0,
      status: 'succeeded',
    });
    expect(view.timeline.map((r) => [r.name, r.depth])).toEqual([
      ['Outer', 0],
      ['P', 1],
      ['Leaf', 2],
    ]);
  });

  it('accepts the AWS SDK v3 HistoryEvent type as input', () => {
    // Type-level: fails to compile if SfnHistoryEvent stops being a supertype of the SDK's event.
    const sdkEvents: HistoryEvent[] = [{ id: 1, previousEventId: 0, type: 'ExecutionStarted', timestamp: new Date(0) }];
    expect(deriveExecutionView(sdkEvents).startedAt).toBe('1970-01-01T00:00:00.000Z');
  });

  it('flags payloads Step Functions truncated in the history', () => {
    const events = history([
      ['ExecutionStarted', 0],
      ['PassStateEntered', 0, { stateEnteredEventDetails: { name: 'Big', input: '{"a":"xxx', inputDetails: { truncated: true } } }],
      ['PassStateExited', 2, { stateExitedEventDetails: { name: 'Big', output: '{}', outputDetails: { truncated: false } } }],
    ]);
    const visit = deriveExecutionView(events).visits[0]!;
    expect(visit.inputTruncated).toBe(true);
    expect(visit).not.toHaveProperty('outputTruncated');
  });

  it('takes SDK-style Date timestamps and string timestamps alike', () => {
    const rows: [string, number, Partial<SfnHistoryEvent>?][] = [
      ['ExecutionStarted', 0],
      ['PassStateEntered', 0, entered('A')],
      ['PassStateExited', 2, exited('A')],
      ['ExecutionSucceeded', 3],
    ];
    const withDates = history(rows);
    const withStrings = withDates.map((e) => ({ ...e, timestamp: (e.timestamp as Date).toISOString() }));
    expect(deriveExecutionView(withDates)).toEqual(deriveExecutionView(withStrings));
  });

  it('handles the synthetic 25k-event history: every iteration attributed, retries found', () => {
    const { definition, events } = generateLargeHistory(25_000);
    const view = deriveExecutionView(events, { graph: buildAslGraph(definition), now: 0 });
    const charge = view.states['Process orders/items/Charge card']!;
    const iterations = view.states['Process orders']!.visits[0]!.itemCount!;
    expect(events.length).toBeGreaterThan(24_900);
    expect(charge.visits).toHaveLength(iterations);
    expect(new Set(charge.visits.map((v) => v.iterationIndex)).size).toBe(iterations);
    for (const visit of charge.visits) expect(visit.retries).toHaveLength(visit.iterationIndex! % 7 === 3 ? 1 : 0);
    expect(view.status).toBe('SUCCEEDED');
    expect(Object.values(view.states).every((s) => s.status === 'succeeded')).toBe(true);
  });
});
