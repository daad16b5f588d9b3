// Real executions recorded from the moto sandbox by scripts/fixtures/record-sfn-histories.py.
// Re-record with: .sandbox/venv/bin/python scripts/fixtures/record-sfn-histories.py
import type { AslStateMachine } from '../asl-types';
import type { SfnHistoryEvent } from '../history-types';
import abortedInWait from './aborted-in-wait.json';
import choiceLoop from './choice-loop.json';
import ec2EnrichmentNamed from './ec2-enrichment-named.json';
import ec2EnrichmentUnnamed from './ec2-enrichment-unnamed.json';
import mapInline from './map-inline.json';
import mapIterationFailsCaught from './map-iteration-fails-caught.json';
import parallelBranchFails from './parallel-branch-fails.json';
import parallelTwoBranches from './parallel-two-branches.json';
import retryThenFail from './retry-then-fail.json';
import waitOneSecond from './wait-one-second.json';

export interface RecordedExecution {
  scenario: string;
  description: string;
  recordedWith: string;
  definition: AslStateMachine;
  /** DescribeExecution, dates as ISO strings. */
  execution: {
    executionArn: string;
    name: string;
    status: string;
    startDate: string;
    stopDate?: string;
    error?: string;
    cause?: string;
  };
  /** GetExecutionHistory, every page, dates as ISO strings. */
  events: SfnHistoryEvent[];
  extras?: { deliveredEvent?: unknown };
}

const asRecorded = (json: unknown) => json as RecordedExecution;

/** Every recorded execution, keyed by scenario. */
export const recordedExecutions = {
  abortedInWait: asRecorded(abortedInWait),
  choiceLoop: asRecorded(choiceLoop),
  ec2EnrichmentNamed: asRecorded(ec2EnrichmentNamed),
  ec2EnrichmentUnnamed: asRecorded(ec2EnrichmentUnnamed),
  mapInline: asRecorded(mapInline),
  mapIterationFailsCaught: asRecorded(mapIterationFailsCaught),
  parallelBranchFails: asRecorded(parallelBranchFails),
  parallelTwoBranches: asRecorded(parallelTwoBranches),
  retryThenFail: asRecorded(retryThenFail),
  waitOneSecond: asRecorded(waitOneSecond),
} as const;
