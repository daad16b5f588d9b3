import type { AuditOutcome, AuditRecordDto, FindingsAggregateDto } from './dto';

// Aggregates of audit records for the findings page: findings by identifier, by caller principal,
// by outcome and over time. The page reads records page by page and folds each page in, so the
// browser never holds more than the aggregate and the records it shows.

/** A bucket size that gives about 48 buckets over the range, rounded to a readable step. */
export function chooseBucketMs(fromMs: number, toMs: number): number {
  const steps = [60_000, 5 * 60_000, 15 * 60_000, 3_600_000, 6 * 3_600_000, 86_400_000, 7 * 86_400_000];
  const wanted = Math.max(1, toMs - fromMs) / 48;
  return steps.find((s) => s >= wanted) ?? steps.at(-1)!;
}

/** An empty aggregate for a time range. */
export function emptyAggregate(fromMs: number, toMs: number): FindingsAggregateDto {
  return {
    records: 0,
    withFindings: 0,
    byIdentifier: [],
    byPrincipal: [],
    byOutcome: { audited: 0, 'denied-inbound': 0, 'denied-outbound': 0 },
    overTime: [],
    bucketMs: chooseBucketMs(fromMs, toMs),
  };
}

/** Folds records into an aggregate (a new object; the input is not changed). */
export function addToAggregate(aggregate: FindingsAggregateDto, records: readonly AuditRecordDto[]): FindingsAggregateDto {
  const byIdentifier = new Map(aggregate.byIdentifier.map((r) => [r.name, { ...r }]));
  const byPrincipal = new Map(aggregate.byPrincipal.map((r) => [r.principal, { ...r }]));
  const overTime = new Map(aggregate.overTime.map((b) => [b.start, { start: b.start, counts: { ...b.counts } }]));
  const byOutcome: Record<AuditOutcome, number> = { ...aggregate.byOutcome };
  let withFindings = aggregate.withFindings;
  for (const record of records) {
    const findings = record.dataIdentifiers.reduce((n, d) => n + d.count, 0);
    if (findings > 0) withFindings++;
    byOutcome[record.outcome]++;
    const principal = record.callerPrincipal ?? 'unknown';
    const p = byPrincipal.get(principal) ?? { principal, messages: 0, findings: 0, denied: 0 };
    p.messages++;
    p.findings += findings;
    if (record.outcome !== 'audited') p.denied++;
    byPrincipal.set(principal, p);
    const t = Date.parse(record.timestamp);
    const start = new Date(Math.floor((Number.isNaN(t) ? 0 : t) / aggregate.bucketMs) * aggregate.bucketMs).toISOString();
    const bucket = overTime.get(start) ?? { start, counts: {} };
    for (const d of record.dataIdentifiers) {
      const i = byIdentifier.get(d.name) ?? { name: d.name, findings: 0, messages: 0 };
      i.findings += d.count;
      i.messages++;
      byIdentifier.set(d.name, i);
      bucket.counts[d.name] = (bucket.counts[d.name] ?? 0) + d.count;
    }
    overTime.set(start, bucket);
  }
  return {
    records: aggregate.records + records.length,
    withFindings,
    byIdentifier: [...byIdentifier.values()].sort((a, b) => b.findings - a.findings || a.name.localeCompare(b.name)),
    byPrincipal: [...byPrincipal.values()].sort((a, b) => b.messages - a.messages || a.principal.localeCompare(b.principal)),
    byOutcome,
    overTime: [...overTime.values()].sort((a, b) => a.start.localeCompare(b.start)),
    bucketMs: aggregate.bucketMs,
  };
}
