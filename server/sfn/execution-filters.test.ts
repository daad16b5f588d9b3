import { describe, expect, it } from 'vitest';
import type { ExecutionSummaryDto } from '@/lib/sfn/dto';
import {
  collectExecutionsPage,
  decodeListCursor,
  encodeListCursor,
  matchesExecutionFilters,
  type AwsExecutionsPage,
  type FetchExecutionsPage,
} from './execution-filters';

const machine = 'arn:aws:states:us-east-1:123456789012:stateMachine:m';

/** `count` executions, newest first, one minute apart, named run-<n> (run-0 is the oldest). */
function executions(count: number): ExecutionSummaryDto[] {
  const newest = Date.parse('2026-11-27T12:00:00Z');
  return Array.from({ length: count }, (_, i) => {
    const n = count - 1 - i;
    return {
      executionArn: `arn:aws:states:us-east-1:123456789012:execution:m:run-${n}`,
      stateMachineArn: machine,
      name: n % 10 === 7 ? `nightly-${n}` : `run-${n}`,
      status: 'SUCCEEDED',
      startedAt: new Date(newest - i * 60_000).toISOString(),
      stoppedAt: null,
      durationMs: null,
    };
  });
}

/** A fake ListExecutions over `all`, with tokens as offsets, recording each call. */
function fakeAws(all: ExecutionSummaryDto[]) {
  const calls: { token: string | null; max: number }[] = [];
  const fetchPage: FetchExecutionsPage = async (token, max): Promise<AwsExecutionsPage> => {
    calls.push({ token, max });
    const start = token ? Number(token) : 0;
    const end = start + max;
    return { executions: all.slice(start, end), nextToken: end < all.length ? String(end) : null };
  };
  return { fetchPage, calls };
}

describe('matchesExecutionFilters', () => {
  const [first] = executions(1);
  it('filters by name substring (any case) and by start time', () => {
    expect(matchesExecutionFilters(first!, { nameContains: 'RUN' })).toBe(true);
    expect(matchesExecutionFilters(first!, { nameContains: 'nightly' })).toBe(false);
    expect(matchesExecutionFilters(first!, { startedAfter: '2026-11-27T11:59:00Z', startedBefore: '2026-11-27T12:00:00Z' })).toBe(true);
    expect(matchesExecutionFilters(first!, { startedAfter: '2026-11-27T12:00:01Z' })).toBe(false);
    expect(matchesExecutionFilters(first!, { startedBefore: '2026-11-27T11:00:00+00:00' })).toBe(false);
  });
});

describe('list cursors', () => {
  it('round-trip and refuse foreign text', () => {
    const cursor = { awsToken: 'eyJ0b2tlbiI6IDF9==', afterArn: 'arn:aws:states:us-east-1:123456789012:execution:m:é', skip: 3 };
    const token = encodeListCursor(cursor);
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeListCursor(token)).toEqual(cursor);
    expect(decodeListCursor('not-a-cursor')).toBeNull();
    expect(decodeListCursor(encodeListCursor({ awsToken: null, afterArn: null, skip: 0 }))).toEqual({ awsToken: null, afterArn: null, skip: 0 });
  });
});

describe('collectExecutionsPage', () => {
  it('without name/time filters reads exactly one AWS page of the page size', async () => {
    const { fetchPage, calls } = fakeAws(executions(30));
    const page = await collectExecutionsPage(fetchPage, {}, { pageSize: 10, cursor: null });
    expect(page.executions.map((e) => e.name)[0]).toBe('run-29');
    expect(page.executions).toHaveLength(10);
    expect(calls).toEqual([{ token: null, max: 10 }]);
    const next = await collectExecutionsPage(fetchPage, {}, { pageSize: 10, cursor: decodeListCursor(page.nextToken!) });
    expect(next.executions[0]!.name).toBe('run-19');
  });

  it('pages through a name search without skipping or repeating, across AWS pages', async () => {
    const all = executions(450);
    const expected = all.filter((e) => e.name.startsWith('nightly')).map((e) => e.name);
    const { fetchPage } = fakeAws(all);
    const seen: string[] = [];
    let cursor = null;
    for (let guard = 0; guard < 50; guard++) {
      const page = await collectExecutionsPage(fetchPage, { nameContains: 'nightly' }, { pageSize: 7, cursor });
      seen.push(...page.executions.map((e) => e.name));
      if (!page.nextToken) break;
      cursor = decodeListCursor(page.nextToken);
    }
    expect(seen).toEqual(expected);
    expect(seen).toHaveLength(45);
  });

  it('resumes after the last execution handed out even when newer ones shifted the first page', async () => {
    const all = executions(40);
    const { fetchPage } = fakeAws(all);
    const first = await collectExecutionsPage(fetchPage, { nameContains: 'run' }, { pageSize: 5, cursor: null });
    // Two new executions start before the next page is asked for.
    const newer = executions(42)
      .slice(0, 2)
      .map((e, i) => ({ ...e, executionArn: `${e.executionArn}-new${i}`, name: `run-new-${i}` }));
    const shifted = fakeAws([...newer, ...all]);
    const second = await collectExecutionsPage(shifted.fetchPage, { nameContains: 'run' }, { pageSize: 5, cursor: decodeListCursor(first.nextToken!) });
    expect(first.executions.at(-1)!.name).toBe('run-34'); // run-37 is named nightly-37
    expect(second.executions[0]!.name).toBe('run-33');
  });

  it('stops at the start of the time range (executions are newest first)', async () => {
    const all = executions(500);
    const { fetchPage, calls } = fakeAws(all);
    const page = await collectExecutionsPage(
      fetchPage,
      { startedAfter: all[149]!.startedAt, startedBefore: all[140]!.startedAt },
      { pageSize: 50, cursor: null },
    );
    expect(page.executions.map((e) => e.executionArn)).toEqual(all.slice(140, 150).map((e) => e.executionArn));
    expect(page.nextToken).toBeNull();
    expect(calls).toHaveLength(2);
  });

  it('hands out a continuation when the scan budget runs out', async () => {
    const { fetchPage } = fakeAws(executions(2_000));
    const page = await collectExecutionsPage(fetchPage, { nameContains: 'no-such-name' }, { pageSize: 10, cursor: null, scanBudget: 300 });
    expect(page).toMatchObject({ executions: [], scanned: 300, scanLimited: true });
    expect(decodeListCursor(page.nextToken!)).toEqual({ awsToken: '300', afterArn: null, skip: 0 });
  });
});
