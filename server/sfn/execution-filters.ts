import 'server-only';
import type { ExecutionListDto, ExecutionSummaryDto } from '@/lib/sfn/dto';

// ListExecutions filters by status only. Name search and time range are applied here, over pages read
// newest first, and the page handed out ends where the page size is reached, possibly in the middle of
// an AWS page; the cursor remembers the AWS page and the last execution handed out so the next request
// resumes exactly there.

export interface ExecutionFilters {
  /** ISO 8601 bounds on the start time. */
  startedAfter?: string;
  startedBefore?: string;
  /** Case-insensitive substring of the execution name. */
  nameContains?: string;
}

export interface ListCursor {
  /** AWS nextToken of the page to read (null: the first page). */
  awsToken: string | null;
  /** Resume after this execution in that page... */
  afterArn: string | null;
  /** ...or after this many items when it is gone from the page. */
  skip: number;
}

export interface AwsExecutionsPage {
  executions: ExecutionSummaryDto[];
  nextToken: string | null;
}

export type FetchExecutionsPage = (awsToken: string | null, maxResults: number) => Promise<AwsExecutionsPage>;

/** Name/time filters need more than a page of candidates; a page of 100 keeps each call quick. */
const FILTERED_FETCH_SIZE = 100;
/** Stop scanning after this many executions in one request, and let the next page continue. */
const DEFAULT_SCAN_BUDGET = 1_000;

/** True when the filters need scanning beyond what ListExecutions can filter. */
function needsLocalFiltering(filters: ExecutionFilters): boolean {
  return Boolean(filters.nameContains || filters.startedAfter || filters.startedBefore);
}

/** True when an execution passes the name and time filters. */
export function matchesExecutionFilters(execution: ExecutionSummaryDto, filters: ExecutionFilters): boolean {
  const started = Date.parse(execution.startedAt);
  if (filters.startedAfter && started < Date.parse(filters.startedAfter)) return false;
  if (filters.startedBefore && started > Date.parse(filters.startedBefore)) return false;
  if (filters.nameContains && !execution.name.toLowerCase().includes(filters.nameContains.toLowerCase())) return false;
  return true;
}

/** Executions come newest first: once one started before `startedAfter`, all later ones did too. */
function isBeforeRange(execution: ExecutionSummaryDto, filters: ExecutionFilters): boolean {
  return Boolean(filters.startedAfter && Date.parse(execution.startedAt) < Date.parse(filters.startedAfter));
}

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): string {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

/** Opaque text for the `nextToken` the API hands out. */
export function encodeListCursor(cursor: ListCursor): string {
  return toBase64Url(JSON.stringify({ t: cursor.awsToken, a: cursor.afterArn, s: cursor.skip }));
}

/** Read a cursor back; null when the text is not one of ours (the API answers 422). */
export function decodeListCursor(token: string): ListCursor | null {
  try {
    const raw = JSON.parse(fromBase64Url(token)) as { t?: unknown; a?: unknown; s?: unknown };
    const awsToken = raw.t === null || typeof raw.t === 'string' ? raw.t : undefined;
    const afterArn = raw.a === null || typeof raw.a === 'string' ? raw.a : undefined;
    if (awsToken === undefined || afterArn === undefined || typeof raw.s !== 'number' || raw.s < 0) return null;
    return { awsToken, afterArn, skip: Math.floor(raw.s) };
  } catch {
    return null;
  }
}

function resumeIndex(items: ExecutionSummaryDto[], cursor: ListCursor | null): number {
  if (!cursor) return 0;
  if (cursor.afterArn) {
    const index = items.findIndex((e) => e.executionArn === cursor.afterArn);
    if (index >= 0) return index + 1;
  }
  return Math.min(cursor.skip, items.length);
}

/** Read AWS pages from the cursor on until `pageSize` executions pass the filters (or the scan budget is spent). */
export async function collectExecutionsPage(
  fetchPage: FetchExecutionsPage,
  filters: ExecutionFilters,
  options: { pageSize: number; cursor: ListCursor | null; scanBudget?: number },
): Promise<ExecutionListDto> {
  const { pageSize } = options;
  const scanBudget = options.scanBudget ?? DEFAULT_SCAN_BUDGET;
  const fetchSize = needsLocalFiltering(filters) ? Math.max(FILTERED_FETCH_SIZE, pageSize) : pageSize;
  const executions: ExecutionSummaryDto[] = [];
  let awsToken = options.cursor?.awsToken ?? null;
  let cursor = options.cursor;
  let scanned = 0;

  for (;;) {
    const page = await fetchPage(awsToken, fetchSize);
    const items = page.executions;
    for (let i = resumeIndex(items, cursor); i < items.length; i++) {
      const execution = items[i]!;
      scanned++;
      if (isBeforeRange(execution, filters)) return { executions, nextToken: null, scanned, scanLimited: false };
      if (!matchesExecutionFilters(execution, filters)) continue;
      executions.push(execution);
      if (executions.length === pageSize) {
        const next: ListCursor | null =
          i + 1 < items.length
            ? { awsToken, afterArn: execution.executionArn, skip: i + 1 }
            : page.nextToken
              ? { awsToken: page.nextToken, afterArn: null, skip: 0 }
              : null;
        return { executions, nextToken: next ? encodeListCursor(next) : null, scanned, scanLimited: false };
      }
    }
    if (!page.nextToken) return { executions, nextToken: null, scanned, scanLimited: false };
    awsToken = page.nextToken;
    cursor = null;
    if (scanned >= scanBudget) {
      return { executions, nextToken: encodeListCursor({ awsToken, afterArn: null, skip: 0 }), scanned, scanLimited: true };
    }
  }
}
