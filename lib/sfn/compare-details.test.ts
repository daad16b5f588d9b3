import { describe, expect, it } from 'vitest';
import { recordedExecutions } from './__fixtures__';
import { buildAslGraph } from './asl-graph';
import { compareExecutions } from './compare';
import { compareExecutionDetails, viewFromDetail } from './compare-details';
import type { ExecutionDetailDto } from './dto';
import { deriveExecutionView } from '@/server/sfn/history';

function detailOf(scenario: 'ec2EnrichmentNamed' | 'ec2EnrichmentUnnamed') {
  const recorded = recordedExecutions[scenario];
  const view = deriveExecutionView(recorded.events, { graph: buildAslGraph(recorded.definition), now: 0 });
  const states = Object.values(view.states).map((s) => ({
    nodeId: s.nodeId,
    name: s.name,
    type: 'Task',
    status: s.status,
    visits: s.visits.map(({ eventIds, ...v }) => ({ ...v, firstEventId: eventIds[0] ?? v.id, lastEventId: eventIds.at(-1) ?? v.id })),
  }));
  const detail: Pick<ExecutionDetailDto, 'states' | 'startDate' | 'stopDate' | 'status' | 'timeline'> = {
    states,
    startDate: view.startedAt!,
    stopDate: view.stoppedAt ?? null,
    status: 'SUCCEEDED',
    timeline: view.timeline,
  };
  return { view, detail };
}

describe('compareExecutionDetails', () => {
  it('gives the same comparison from the DTOs as from the derived views', () => {
    const named = detailOf('ec2EnrichmentNamed');
    const unnamed = detailOf('ec2EnrichmentUnnamed');
    const fromDtos = compareExecutionDetails(named.detail, unnamed.detail);
    expect(fromDtos).toEqual(compareExecutions(named.view, unnamed.view));
    expect(fromDtos.onlyInB).toContain('Get default name from Parameter Store');
    expect(fromDtos.firstDivergence).toMatchObject({ index: 2, a: 'Convert instance name to a string', b: 'Get default name from Parameter Store' });
  });

  it('restores entry order from visit ids', () => {
    const { detail, view } = detailOf('ec2EnrichmentUnnamed');
    expect(viewFromDetail({ ...detail, states: [...detail.states].reverse() }).visits.map((v) => v.id)).toEqual(view.visits.map((v) => v.id));
  });
});
