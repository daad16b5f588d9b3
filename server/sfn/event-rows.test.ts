import { describe, expect, it } from 'vitest';
import { recordedExecutions } from '@/lib/sfn/__fixtures__';
import { buildAslGraph } from '@/lib/sfn/asl-graph';
import { buildEventRows, eventDetailsText, eventOwners, filterEventRows, pageOfEvents } from './event-rows';
import { deriveExecutionView } from './history';
import { generateLargeHistory } from '@/server/sfn/synthetic/large-history';

function rowsOf(scenario: keyof typeof recordedExecutions) {
  const recorded = recordedExecutions[scenario];
  const view = deriveExecutionView(recorded.events, { graph: buildAslGraph(recorded.definition), now: 0 });
  return buildEventRows(recorded.events, eventOwners(view.visits), view.startedAt);
}

describe('buildEventRows', () => {
  it('names the state of every task event, and none for execution events', () => {
    const rows = rowsOf('ec2EnrichmentUnnamed');
    expect(rows).toHaveLength(recordedExecutions.ec2EnrichmentUnnamed.events.length);
    expect(rows[0]).toMatchObject({ id: 1, type: 'ExecutionStarted', stateName: null, elapsedMs: 0 });
    const failed = rows.find((r) => r.type === 'TaskFailed')!;
    expect(failed).toMatchObject({ stateName: 'Get instance name from Tag', nodeId: 'Get instance name from Tag' });
    expect(JSON.parse(failed.details!)).toMatchObject({ error: 'States.Runtime' });
    expect(rows.at(-1)).toMatchObject({ type: 'ExecutionSucceeded', stateName: null });
    expect(rows.every((r) => r.elapsedMs !== null && r.elapsedMs >= 0)).toBe(true);
  });

  it('gives events without details a null', () => {
    expect(eventDetailsText({ id: 1, type: 'ExecutionStarted', timestamp: 0 })).toBeNull();
  });
});

describe('filtering and paging', () => {
  it('filters by type and by state, and lists the choices of both', () => {
    const rows = rowsOf('ec2EnrichmentUnnamed');
    expect(filterEventRows(rows, { type: 'TaskScheduled' }).map((r) => r.stateName)).toEqual([
      'Get instance name from Tag',
      'Get default name from Parameter Store',
      'Emit enriched event',
    ]);
    expect(filterEventRows(rows, { state: 'Emit enriched event' }).map((r) => r.type)).toEqual([
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSucceeded',
      'TaskStateExited',
    ]);
    const page = pageOfEvents(rows, { page: 1, pageSize: 5, type: 'TaskStateEntered' });
    expect(page.total).toBe(3);
    expect(page.types).toContain('ExecutionStarted');
    expect(page.states).toContain('Get default name from Parameter Store');
  });

  it('serves a 25,000-event history a page at a time', () => {
    const { definition, events } = generateLargeHistory(25_000);
    const view = deriveExecutionView(events, { graph: buildAslGraph(definition), now: 0 });
    const rows = buildEventRows(events, eventOwners(view.visits), view.startedAt);
    const last = pageOfEvents(rows, { page: 250, pageSize: 100 });
    expect(last.events).toHaveLength(Math.min(100, rows.length - 24_900));
    expect(last.total).toBe(rows.length);
    expect(pageOfEvents(rows, { page: 1000, pageSize: 100 }).events).toEqual([]);
    const unattributed = rows.filter((r) => r.stateName === null && !r.type.startsWith('Execution'));
    expect(unattributed).toEqual([]);
  });
});
