import { detectIdentifiers, type Detection } from './detectors';
import { policyIdentifiers, principalMatches, type DataDirection, type DataProtectionPolicy, type PolicyStatement } from './policy';

// What SNS would do with one message under a data protection policy: which identifiers it finds
// (and where), whether the publish is denied inbound and by which statement, whether an audit
// statement samples it, and per subscription owner whether it is delivered or denied outbound.
// Statements are read in order; the first matching Deny is the one SNS names.

export interface FindingDto {
  /** Short name, e.g. `Ssn-US`. */
  dataIdentifier: string;
  count: number;
  detections: Detection[];
}

export interface PolicyTestResultDto {
  findings: FindingDto[];
  inbound: { denied: boolean; statementSid: string | null };
  audited: boolean;
  deliveries: { subscriber: string; delivered: boolean; statementSid: string | null }[];
}

/** One statement as the tester explains it. */
export interface StatementOutcome {
  sid: string;
  direction: DataDirection;
  operation: 'audit' | 'deny';
  /** For Inbound, the publisher; for Outbound, the subscribers the principal covers. */
  principalsCovered: string[];
  /** The statement's identifiers found in the message. */
  found: string[];
  /** What the statement did to this message. */
  effect: 'denied' | 'audited' | 'no-finding' | 'not-covered' | 'not-reached';
}

const covers = (statement: PolicyStatement, caller: string) => statement.principals.some((p) => principalMatches(p, caller));

/** Evaluates one message under a policy: the API's answer and a statement-by-statement explanation. */
export function evaluatePolicy(
  policy: DataProtectionPolicy,
  input: { message: string; publisher: string; subscribers: readonly string[] },
): { result: PolicyTestResultDto; statements: StatementOutcome[] } {
  const found = detectIdentifiers(input.message, policyIdentifiers(policy));
  const findings: FindingDto[] = [...found.entries()]
    .map(([dataIdentifier, detections]) => ({ dataIdentifier, count: detections.length, detections }))
    .sort((a, b) => a.dataIdentifier.localeCompare(b.dataIdentifier));
  const foundIn = (s: PolicyStatement) => s.dataIdentifiers.filter((d) => found.has(d as never));

  let inboundDeny: string | null = null;
  let audited = false;
  const statements: StatementOutcome[] = policy.statements.map((s) => ({
    sid: s.sid,
    direction: s.direction,
    operation: s.operation.kind,
    principalsCovered: [],
    found: foundIn(s),
    effect: 'no-finding',
  }));

  policy.statements.forEach((s, i) => {
    const outcome = statements[i]!;
    if (s.direction !== 'Inbound') return;
    if (!covers(s, input.publisher)) {
      outcome.effect = 'not-covered';
      return;
    }
    outcome.principalsCovered = [input.publisher];
    if (s.operation.kind === 'audit') {
      // An audit statement samples every covered publish, with or without findings (the latter go
      // to NoFindingsDestination); a rate of 0 samples nothing.
      if (s.operation.sampleRate > 0) {
        audited = true;
        outcome.effect = 'audited';
      }
    } else if (outcome.found.length) {
      outcome.effect = inboundDeny === null ? 'denied' : 'not-reached';
      inboundDeny ??= s.sid;
    }
  });

  const deliveries = input.subscribers.map((subscriber) => {
    if (inboundDeny !== null) return { subscriber, delivered: false, statementSid: inboundDeny };
    let denied: string | null = null;
    policy.statements.forEach((s, i) => {
      if (s.direction !== 'Outbound' || s.operation.kind !== 'deny' || !covers(s, subscriber)) return;
      statements[i]!.principalsCovered.push(subscriber);
      if (statements[i]!.found.length && denied === null) denied = s.sid;
    });
    return { subscriber, delivered: denied === null, statementSid: denied };
  });

  policy.statements.forEach((s, i) => {
    const outcome = statements[i]!;
    if (s.direction !== 'Outbound') return;
    if (inboundDeny !== null) outcome.effect = 'not-reached';
    else if (!outcome.principalsCovered.length) outcome.effect = 'not-covered';
    else if (outcome.found.length && deliveries.some((d) => d.statementSid === s.sid)) outcome.effect = 'denied';
  });

  return { result: { findings, inbound: { denied: inboundDeny !== null, statementSid: inboundDeny }, audited, deliveries }, statements };
}
