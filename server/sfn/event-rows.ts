import 'server-only';
import type { HistoryEventRowDto, HistoryPageDto } from '@/lib/sfn/dto';
import type { SfnHistoryEvent, StateVisit } from '@/lib/sfn/history-types';
import { toEpochMs, toIsoString } from './history-time';

// The event view: one row per history event, with the state each belongs to (the attribution already
// done for the graph), filterable by type and state, served a page at a time: a history holds up to
// 25,000 events and the browser only ever needs one screenful.

export interface EventOwner {
  name: string;
  nodeId: string;
}

export interface EventFilters {
  /** Exact event type, e.g. `TaskFailed`. */
  type?: string;
  /** State name; events of every visit of states with this name. */
  state?: string;
}

/** Which state each event belongs to, from the visits' event ids. */
export function eventOwners(visits: readonly Pick<StateVisit, 'eventIds' | 'name' | 'nodeId'>[]): Map<number, EventOwner> {
  const owners = new Map<number, EventOwner>();
  for (const visit of visits) {
    const owner = { name: visit.name, nodeId: visit.nodeId };
    for (const id of visit.eventIds) owners.set(id, owner);
  }
  return owners;
}

/** The `...EventDetails` field of an event as JSON text (null when it has none). */
export function eventDetailsText(event: SfnHistoryEvent): string | null {
  for (const [key, value] of Object.entries(event)) {
    if (key.endsWith('EventDetails') && value !== undefined && value !== null) return JSON.stringify(value);
  }
  return null;
}

/** One table row per event, in id order, with elapsed time from the execution start. */
export function buildEventRows(events: readonly SfnHistoryEvent[], owners: Map<number, EventOwner>, startedAt: string | undefined): HistoryEventRowDto[] {
  const origin = startedAt ? Date.parse(startedAt) : Number.NaN;
  return events.map((event) => {
    const id = event.id ?? 0;
    const ms = toEpochMs(event.timestamp);
    const owner = owners.get(id);
    return {
      id,
      previousEventId: event.previousEventId ?? null,
      timestamp: toIsoString(event.timestamp, ms),
      elapsedMs: Number.isFinite(origin) && Number.isFinite(ms) ? Math.max(0, ms - origin) : null,
      type: event.type ?? 'Unknown',
      stateName: owner?.name ?? null,
      nodeId: owner?.nodeId ?? null,
      details: eventDetailsText(event),
    };
  });
}

/** Rows that pass the type and state filters. */
export function filterEventRows(rows: readonly HistoryEventRowDto[], filters: EventFilters): HistoryEventRowDto[] {
  if (!filters.type && !filters.state) return [...rows];
  return rows.filter((row) => (!filters.type || row.type === filters.type) && (!filters.state || row.stateName === filters.state));
}

/** One page of the filtered rows, with the filter menus' choices (pages are 1-based; past the end is empty). */
export function pageOfEvents(rows: readonly HistoryEventRowDto[], query: EventFilters & { page: number; pageSize: number }): HistoryPageDto {
  const filtered = filterEventRows(rows, query);
  const start = (query.page - 1) * query.pageSize;
  return {
    events: filtered.slice(start, start + query.pageSize),
    page: query.page,
    pageSize: query.pageSize,
    total: filtered.length,
    types: [...new Set(rows.map((r) => r.type))].sort(),
    states: [...new Set(rows.map((r) => r.stateName).filter((n): n is string => n !== null))].sort(),
  };
}
