// SNS message data protection: the policy tester's scan of 100,000 messages of 1 KB under the
// clinic policy (every detector the policy names, inbound and per-subscriber outbound), and the
// findings page's work on 100,000 stored audit records (parse each log event, fold pages of 500
// into the aggregate). Prints `BENCH {json}` lines for scripts/bench.mjs; one core, one process.
import { CLINIC_BILLING_ROLE, CLINIC_POLICY, CLINIC_PUBLISHER, CLINIC_SCHEDULING_ROLE } from '../../lib/sns/clinic-policy';
import { evaluatePolicy } from '../../lib/sns/evaluate';
import { parseDataProtectionPolicy } from '../../lib/sns/policy';
import { addToAggregate, emptyAggregate } from '../../lib/sns/aggregate';
import { parseAuditRecord } from '../../server/sns/audit-records';
import { summarise } from './summary';

const MESSAGES = 100_000;
const MESSAGE_BYTES = 1024;
const RUNS = 5;
/** ≥ 20,000 messages per second: 100,000 in at most 5 s. */
const SCAN_TARGET_MS = (MESSAGES / 20_000) * 1000;

// A fixed pseudo-random sequence, so every run and every machine scans the same messages.
let seed = 42;
const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;

const FILLER = 'Patient checked in for a follow-up visit at the downtown clinic; the nurse recorded vitals and scheduled labs. ';
const SENSITIVE = [
  'SSN: 123-12-1234',
  '410 Terry Ave N, Seattle 98109, WA',
  'NDC: 0777-3105-02',
  'contact jane.doe@example.com',
  'from 192.168.10.254',
  'passport 340020013',
];

function message(i: number): string {
  const event = { id: `evt-${i}`, clinic: pick(['north', 'south', 'downtown']), kind: pick(['visit', 'schedule', 'billing']), note: '' };
  let note = '';
  // One message in five carries something sensitive, somewhere in the note.
  const sensitive = random() < 0.2 ? pick(SENSITIVE) : null;
  while (note.length < MESSAGE_BYTES - 120) {
    note += FILLER;
    if (sensitive && note.length > 300 && !note.includes(sensitive)) note += `${sensitive} `;
  }
  event.note = note;
  return JSON.stringify(event).slice(0, MESSAGE_BYTES);
}

const parsed = parseDataProtectionPolicy(CLINIC_POLICY);
if (!parsed.ok) throw new Error('the clinic policy does not parse');
const policy = parsed.policy;
const messages = Array.from({ length: MESSAGES }, (_, i) => message(i));
const subscribers = [CLINIC_BILLING_ROLE, CLINIC_SCHEDULING_ROLE];

// CPU time beside wall time: on a shared machine it says what one core would do undisturbed.
function scan(): { ms: number; cpuMs: number; denied: number } {
  let denied = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (const m of messages) if (evaluatePolicy(policy, { message: m, publisher: CLINIC_PUBLISHER, subscribers }).result.inbound.denied) denied++;
  const used = process.cpuUsage(cpu);
  return { ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000, denied };
}

scan(); // warm-up
const scans = Array.from({ length: RUNS }, scan);
const scanSummary = summarise(scans.map((s) => s.ms));
const medianCpuMs = summarise(scans.map((s) => s.cpuMs)).medianMs;
console.log(
  `BENCH ${JSON.stringify({
    engine: `node ${process.version}: scan ${MESSAGES.toLocaleString('en-US')} × 1 KB`,
    ...scanSummary,
    targetMs: SCAN_TARGET_MS,
    medianCpuMs,
    note: `${Math.round(MESSAGES / (scanSummary.medianMs / 1000)).toLocaleString('en-US')} messages/s by wall time, ${Math.round(MESSAGES / (medianCpuMs / 1000)).toLocaleString('en-US')} by CPU time (median runs; target ≥ 20,000/s); ${scans[0]!.denied.toLocaleString('en-US')} denied inbound`,
  })}`,
);

// 100,000 audit records as SNS writes them, read in pages of 500 as the findings page does.
const topicArn = 'arn:aws:sns:us-east-1:111122223333:SampleClinic';
const start = Date.parse('2026-12-05T00:00:00Z');
const events = Array.from({ length: MESSAGES }, (_, i) =>
  JSON.stringify({
    messageId: `m-${i}`,
    auditTimestamp: new Date(start + i * 800).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    callerPrincipal: pick(['arn:aws:iam::111122223333:role/Admin', 'arn:aws:iam::111122223333:role/Clinic', 'arn:aws:iam::111122223333:role/Front']),
    resourceArn: topicArn,
    dataIdentifiers:
      random() < 0.5 ? [] : [{ name: pick(['Ssn-US', 'Address', 'NationalDrugCode-US', 'EmailAddress']), count: 1, detections: [{ start: 5, end: 15 }] }],
    ...(random() < 0.1 ? { statementSid: 'deny-inbound', dataDirection: 'Inbound' } : {}),
  }),
);

function fold(): number {
  const started = performance.now();
  let aggregate = emptyAggregate(start, start + MESSAGES * 800);
  for (let i = 0; i < events.length; i += 500) {
    const page = events.slice(i, i + 500).flatMap((e) => parseAuditRecord(e) ?? []);
    aggregate = addToAggregate(aggregate, page);
  }
  if (aggregate.records !== MESSAGES) throw new Error(`folded ${aggregate.records} records`);
  return performance.now() - started;
}

fold();
console.log(
  `BENCH ${JSON.stringify({
    engine: `node ${process.version}: parse + aggregate ${MESSAGES.toLocaleString('en-US')} audit records`,
    ...summarise(Array.from({ length: RUNS }, fold)),
  })}`,
);
