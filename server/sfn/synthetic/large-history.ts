import 'server-only';
import type { AslStateMachine } from '@/lib/sfn/asl-types';
import type { SfnHistoryEvent } from '@/lib/sfn/history-types';

// A big, realistically shaped history for the parser benchmark: an inline Map whose iterations run
// `concurrency` at a time (so their events interleave and only previousEventId keeps them apart), each
// iteration a Lambda task (every 7th one retried once) followed by a Pass.

const LARGE_HISTORY_DEFINITION: AslStateMachine = {
  Comment: 'Synthetic: process a batch of orders',
  StartAt: 'Load batch',
  States: {
    'Load batch': { Type: 'Pass', Next: 'Process orders' },
    'Process orders': {
      Type: 'Map',
      ItemsPath: '$.orders',
      MaxConcurrency: 10,
      ItemProcessor: {
        ProcessorConfig: { Mode: 'INLINE' },
        StartAt: 'Charge card',
        States: {
          'Charge card': {
            Type: 'Task',
            Resource: 'arn:aws:states:::lambda:invoke',
            Retry: [{ ErrorEquals: ['Lambda.TooManyRequestsException'], MaxAttempts: 2 }],
            Next: 'Record charge',
          },
          'Record charge': { Type: 'Pass', End: true },
        },
      },
      Next: 'Done',
    },
    Done: { Type: 'Succeed' },
  },
};

type EventDraft = Omit<SfnHistoryEvent, 'id' | 'previousEventId' | 'timestamp'>;

function iterationEvents(index: number): EventDraft[] {
  const payload = JSON.stringify({
    orderId: `o-${index}`,
    amount: (index % 97) + 0.5,
    currency: 'EUR',
    lines: [index, index + 1],
  });
  const resource = { resourceType: 'lambda', resource: 'invoke' };
  const attempt: EventDraft[] = [{ type: 'TaskScheduled', taskScheduledEventDetails: { ...resource, parameters: payload } }, { type: 'TaskStarted' }];
  const retried: EventDraft[] =
    index % 7 === 3
      ? [
          ...attempt,
          {
            type: 'TaskFailed',
            taskFailedEventDetails: { error: 'Lambda.TooManyRequestsException', cause: 'Rate exceeded' },
          },
        ]
      : [];
  return [
    { type: 'MapIterationStarted', mapIterationStartedEventDetails: { name: 'Process orders', index } },
    { type: 'TaskStateEntered', stateEnteredEventDetails: { name: 'Charge card', input: payload } },
    ...retried,
    ...attempt,
    { type: 'TaskSucceeded', taskSucceededEventDetails: { output: `{"Payload":${payload},"StatusCode":200}` } },
    { type: 'TaskStateExited', stateExitedEventDetails: { name: 'Charge card', output: payload } },
    { type: 'PassStateEntered', stateEnteredEventDetails: { name: 'Record charge', input: payload } },
    { type: 'PassStateExited', stateExitedEventDetails: { name: 'Record charge', output: payload } },
    { type: 'MapIterationSucceeded', mapIterationSucceededEventDetails: { name: 'Process orders', index } },
  ];
}

/** Generate a history of about `eventCount` events (Map iterations interleaved `concurrency` at a time). */
export function generateLargeHistory(
  eventCount: number,
  options: { concurrency?: number; startMs?: number } = {},
): { definition: AslStateMachine; events: SfnHistoryEvent[] } {
  const concurrency = options.concurrency ?? 10;
  let clock = options.startMs ?? Date.UTC(2025, 0, 1);
  const events: SfnHistoryEvent[] = [];
  const push = (draft: EventDraft, previousEventId: number): number => {
    const id = events.length + 1;
    // ISO strings, as a client receives them from the API (parsing them is part of the cost).
    events.push({ ...draft, id, previousEventId, timestamp: new Date(clock++).toISOString() });
    return id;
  };

  const input = '{"orders":"..."}';
  push({ type: 'ExecutionStarted', executionStartedEventDetails: { input } }, 0);
  const loadEntered = push({ type: 'PassStateEntered', stateEnteredEventDetails: { name: 'Load batch', input } }, 0);
  const loadExited = push({ type: 'PassStateExited', stateExitedEventDetails: { name: 'Load batch', output: input } }, loadEntered);
  const mapEntered = push({ type: 'MapStateEntered', stateEnteredEventDetails: { name: 'Process orders', input } }, loadExited);
  // About 9.4 events per iteration plus the 9 around it.
  const iterations = Math.max(1, Math.round((eventCount - 9) / (9 + 3 / 7)));
  const mapStarted = push({ type: 'MapStateStarted', mapStateStartedEventDetails: { length: iterations } }, mapEntered);

  let nextIteration = 0;
  const running: { queue: EventDraft[]; lastId: number }[] = [];
  let lastIterationEnd = mapStarted;
  while (nextIteration < iterations || running.length) {
    while (running.length < concurrency && nextIteration < iterations) {
      running.push({ queue: iterationEvents(nextIteration++), lastId: mapStarted });
    }
    // Round-robin one event per running iteration, as concurrent iterations really interleave.
    for (let i = 0; i < running.length; i++) {
      const thread = running[i]!;
      thread.lastId = push(thread.queue.shift()!, thread.lastId);
      if (thread.queue.length === 0) {
        lastIterationEnd = thread.lastId;
        running.splice(i--, 1);
      }
    }
  }
  const mapSucceeded = push({ type: 'MapStateSucceeded' }, lastIterationEnd);
  const mapExited = push({ type: 'MapStateExited', stateExitedEventDetails: { name: 'Process orders', output: '[]' } }, mapSucceeded);
  const doneEntered = push({ type: 'SucceedStateEntered', stateEnteredEventDetails: { name: 'Done', input: '[]' } }, mapExited);
  const doneExited = push({ type: 'SucceedStateExited', stateExitedEventDetails: { name: 'Done', output: '[]' } }, doneEntered);
  push({ type: 'ExecutionSucceeded', executionSucceededEventDetails: { output: '[]' } }, doneExited);
  return { definition: LARGE_HISTORY_DEFINITION, events };
}
