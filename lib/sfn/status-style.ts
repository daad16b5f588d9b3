import type { AslEdgeKind } from './asl-graph';
import type { ExecutionStatusName } from './dto';
import type { StateStatus } from './history-types';

// One palette for the graph, its legend, the timeline and the SVG/PNG export, close to the console's.

export interface StateStatusStyle {
  label: string;
  fill: string;
  stroke: string;
  text: string;
  /** Not-run states are drawn faded, so the path that ran stands out. */
  opacity: number;
}

export const STATE_STATUS_STYLE: Record<StateStatus, StateStatusStyle> = {
  inProgress: { label: 'In progress', fill: '#dbeafe', stroke: '#2563eb', text: '#1e3a8a', opacity: 1 },
  succeeded: { label: 'Succeeded', fill: '#dcfce7', stroke: '#16a34a', text: '#14532d', opacity: 1 },
  failed: { label: 'Failed', fill: '#fee2e2', stroke: '#dc2626', text: '#7f1d1d', opacity: 1 },
  caughtError: { label: 'Caught error', fill: '#ffedd5', stroke: '#ea580c', text: '#7c2d12', opacity: 1 },
  cancelled: { label: 'Cancelled', fill: '#e2e8f0', stroke: '#64748b', text: '#334155', opacity: 1 },
  notRun: { label: 'Not run', fill: '#ffffff', stroke: '#cbd5e1', text: '#64748b', opacity: 0.55 },
};

/** Legend order: what ran first, then what did not. */
export const STATE_STATUS_ORDER: StateStatus[] = ['inProgress', 'succeeded', 'caughtError', 'failed', 'cancelled', 'notRun'];

export interface EdgeStyle {
  label: string;
  stroke: string;
  takenStroke: string;
  dash?: string;
}

export const EDGE_STYLE: Record<AslEdgeKind, EdgeStyle> = {
  next: { label: 'Next', stroke: '#cbd5e1', takenStroke: '#1e293b' },
  choice: { label: 'Choice rule', stroke: '#cbd5e1', takenStroke: '#1e293b' },
  default: { label: 'Default', stroke: '#cbd5e1', takenStroke: '#1e293b', dash: '6 4' },
  catch: { label: 'Catch', stroke: '#fdba74', takenStroke: '#ea580c', dash: '3 3' },
};

export const TAKEN_EDGE_WIDTH = 2.5;
export const EDGE_WIDTH = 1.25;

/** Badge tone of an execution status. */
export function executionStatusTone(status: ExecutionStatusName): 'good' | 'bad' | 'warn' | 'info' | 'neutral' {
  switch (status) {
    case 'SUCCEEDED':
      return 'good';
    case 'FAILED':
    case 'TIMED_OUT':
      return 'bad';
    case 'RUNNING':
      return 'info';
    case 'PENDING_REDRIVE':
      return 'warn';
    default:
      return 'neutral';
  }
}
