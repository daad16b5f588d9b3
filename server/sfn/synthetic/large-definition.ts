import 'server-only';
import type { AslState, AslStateMachine } from '@/lib/sfn/asl-types';

// A realistic big state machine for the layout benchmark: a long chain mixing Tasks with Retry/Catch,
// Choices (including a loop back), Parallels with branches, inline Maps and Waits, all counted as states.

type Segment = { size: number; build: (index: number, next: string) => Record<string, AslState> };

const FAILURE_HANDLER = 'Handle failure';
const FINISH = 'Finish';

const SEGMENTS: Segment[] = [
  {
    size: 1,
    build: (i, next) => ({
      [`Task ${i}`]: {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke',
        Parameters: { FunctionName: `fn-${i}`, 'Payload.$': '$' },
        Retry: [{ ErrorEquals: ['Lambda.TooManyRequestsException'], MaxAttempts: 3 }],
        Catch: [{ ErrorEquals: ['States.ALL'], Next: FAILURE_HANDLER }],
        Next: next,
      },
    }),
  },
  {
    size: 3,
    build: (i, next) => ({
      [`Choose ${i}`]: {
        Type: 'Choice',
        Choices: [
          { Variable: '$.count', NumericGreaterThan: i, Next: `Big ${i}` },
          {
            And: [
              { Variable: '$.kind', IsPresent: true },
              { Variable: '$.kind', StringEquals: 'retry' },
            ],
            Next: `Small ${i}`,
          },
        ],
        Default: `Small ${i}`,
      },
      [`Big ${i}`]: { Type: 'Pass', Next: next },
      [`Small ${i}`]: { Type: 'Pass', Next: next },
    }),
  },
  {
    size: 7,
    build: (i, next) => ({
      [`Fan out ${i}`]: {
        Type: 'Parallel',
        Branches: [0, 1].map((b) => ({
          StartAt: `Branch ${i}.${b} first`,
          States: {
            [`Branch ${i}.${b} first`]: { Type: 'Pass', Next: `Branch ${i}.${b} call` },
            [`Branch ${i}.${b} call`]: {
              Type: 'Task',
              Resource: 'arn:aws:states:::sqs:sendMessage',
              Next: `Branch ${i}.${b} last`,
            },
            [`Branch ${i}.${b} last`]: { Type: 'Pass', End: true },
          },
        })),
        Catch: [{ ErrorEquals: ['States.ALL'], Next: FAILURE_HANDLER }],
        Next: next,
      },
    }),
  },
  {
    size: 4,
    build: (i, next) => ({
      [`Each item ${i}`]: {
        Type: 'Map',
        ItemsPath: '$.items',
        ItemProcessor: {
          ProcessorConfig: { Mode: 'INLINE' },
          StartAt: `Item ${i} check`,
          States: {
            [`Item ${i} check`]: {
              Type: 'Choice',
              Choices: [{ Variable: '$.ok', BooleanEquals: true, Next: `Item ${i} keep` }],
              Default: `Item ${i} drop`,
            },
            [`Item ${i} keep`]: { Type: 'Pass', End: true },
            [`Item ${i} drop`]: { Type: 'Pass', End: true },
          },
        },
        Next: next,
      },
    }),
  },
  {
    size: 2,
    build: (i, next) => ({
      [`Wait ${i}`]: { Type: 'Wait', Seconds: 1, Next: `Loop check ${i}` },
      // A loop back to the wait, so the layout has to break cycles too.
      [`Loop check ${i}`]: {
        Type: 'Choice',
        Choices: [{ Variable: '$.again', BooleanEquals: true, Next: `Wait ${i}` }],
        Default: next,
      },
    }),
  },
];

/** Generate an ASL definition with exactly `stateCount` states (nested ones included), for benchmarks. */
export function generateLargeDefinition(stateCount: number): AslStateMachine {
  const target = Math.max(2, Math.floor(stateCount));
  const terminals: Record<string, AslState> = {
    [FINISH]: { Type: 'Succeed' },
    [FAILURE_HANDLER]: { Type: 'Fail', Error: 'Synthetic.Failure', Cause: 'generated' },
  };
  // Build the chain back to front so every segment knows its successor.
  const plan: Segment[] = [];
  let remaining = target - 2;
  for (let i = 0; remaining > 0; i++) {
    const preferred = SEGMENTS[i % SEGMENTS.length]!;
    const segment = preferred.size <= remaining ? preferred : SEGMENTS[0]!;
    plan.push(segment);
    remaining -= segment.size;
  }
  let next = FINISH;
  const built: Record<string, AslState>[] = [];
  for (let i = plan.length - 1; i >= 0; i--) {
    const segmentStates = plan[i]!.build(i, next);
    built[i] = segmentStates;
    next = Object.keys(segmentStates)[0]!;
  }
  // Emit in execution order: ELK's model-order tie-breaking then follows the chain.
  const states: Record<string, AslState> = Object.assign({}, ...built, terminals);
  return { Comment: `Synthetic definition with ${target} states`, StartAt: next, States: states };
}
