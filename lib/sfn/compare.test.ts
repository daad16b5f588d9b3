import { describe, expect, it } from 'vitest';
import { recordedExecutions, type RecordedExecution } from './__fixtures__';
import { buildAslGraph } from './asl-graph';
import { compareExecutions } from './compare';
import { deriveExecutionView } from '@/server/sfn/history';
import type { SfnHistoryEvent } from './history-types';

const view = (recorded: RecordedExecution) => deriveExecutionView(recorded.events, { graph: buildAslGraph(recorded.definition) });

describe('compareExecutions', () => {
  const named = view(recordedExecutions.ec2EnrichmentNamed);
  const unnamed = view(recordedExecutions.ec2EnrichmentUnnamed);
  const comparison = compareExecutions(named, unnamed);

  it('lists the states only one execution visited', () => {
    expect(comparison.onlyInA).toEqual(['Convert instance name to a string']);
    expect(comparison.onlyInB).toEqual(['Get default name from Parameter Store', 'Add ID back to refined']);
  });

  it('finds where the top-level paths diverge', () => {
    expect(comparison.pathA).toEqual([
      'Remove problem characters from input',
      'Get instance name from Tag',
      'Convert instance name to a string',
      'Emit enriched event',
    ]);
    expect(comparison.firstDivergence).toEqual({
      index: 2,
      a: 'Convert instance name to a string',
      b: 'Get default name from Parameter Store',
    });
  });

  it('reports statuses and duration differences per state', () => {
    const describeRow = comparison.states.find((s) => s.nodeId === 'Get instance name from Tag')!;
    expect(describeRow).toMatchObject({
      statusA: 'succeeded',
      statusB: 'caughtError',
      visitsA: 1,
      visitsB: 1,
      presence: 'both',
    });
    expect(describeRow.deltaMs).toBe(describeRow.totalMsB - describeRow.totalMsA);
    expect(describeRow.totalMsA).toBe(named.states['Get instance name from Tag']!.visits[0]!.durationMs);
    expect(comparison.durationMsA).toBe(Date.parse(named.stoppedAt!) - Date.parse(named.startedAt!));
  });

  it('flags states whose visit count changed (loops)', () => {
    const loop = recordedExecutions.choiceLoop;
    const full = view(loop);
    // The same execution cut short after the first pass through the loop.
    const cut = loop.events.findIndex((e: SfnHistoryEvent) => e.id === 13);
    const partial = deriveExecutionView(loop.events.slice(0, cut), { graph: buildAslGraph(loop.definition), now: 0 });
    const result = compareExecutions(full, partial);
    expect(result.visitCountChanged).toEqual(['Increment', 'Record attempt', 'Enough?']);
    expect(result.onlyInA).toEqual(['Finished']);
    expect(result.states.find((s) => s.nodeId === 'Increment')).toMatchObject({ visitsA: 3, visitsB: 1 });
    expect(result.durationMsB).toBeUndefined();
  });

  it('is empty-handed but sane for identical executions', () => {
    const same = compareExecutions(named, named);
    expect(same.onlyInA).toEqual([]);
    expect(same.onlyInB).toEqual([]);
    expect(same.visitCountChanged).toEqual([]);
    expect(same.firstDivergence).toBeUndefined();
    expect(same.states.every((s) => s.deltaMs === 0)).toBe(true);
  });
});
