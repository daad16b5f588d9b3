import { identifierNameOfArn, isDetectableIdentifier, type DetectableIdentifier } from './identifiers';

// An SNS data protection policy, read the way SNS reads it (Name, Version 2021-06-01, Statement[]
// of Sid, DataDirection, Principal, DataIdentifier ARNs and an Audit or Deny operation), with every
// problem named by its path in the document. Runs in the browser (the policy tester) and the server.

export const POLICY_VERSION = '2021-06-01';

export type DataDirection = 'Inbound' | 'Outbound';

export interface AuditDestinations {
  cloudWatchLogsGroup: string | null;
  firehoseDeliveryStream: string | null;
  s3Bucket: string | null;
}

export type PolicyOperation =
  { kind: 'audit'; sampleRate: number; findingsDestination: AuditDestinations | null; noFindingsDestination: AuditDestinations | null } | { kind: 'deny' };

export interface PolicyStatement {
  sid: string;
  direction: DataDirection;
  /** `*`, account ids or IAM principal ARNs. */
  principals: string[];
  /** Short names (`Ssn-US`), in the policy's order. */
  dataIdentifiers: string[];
  operation: PolicyOperation;
}

export interface DataProtectionPolicy {
  name: string;
  description: string | null;
  version: string;
  statements: PolicyStatement[];
}

export interface PolicyProblem {
  /** Where, as a path into the policy document: `Statement[1].DataDirection`. */
  field: string;
  message: string;
}

export type PolicyParseResult = { ok: true; policy: DataProtectionPolicy } | { ok: false; problems: PolicyProblem[] };

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

const PRINCIPAL = /^(?:\*|\d{12}|arn:aws[a-z-]*:(?:iam|sts)::\d{12}:[A-Za-z0-9+=,.@_/:-]+)$/;
const SID = /^[A-Za-z0-9 _.-]{1,128}$/;

function readDestinations(value: unknown, field: string, problems: PolicyProblem[]): AuditDestinations | null {
  if (value === undefined) return null;
  if (!isObject(value)) {
    problems.push({ field, message: 'must be an object with CloudWatchLogs, Firehose or S3' });
    return null;
  }
  const pick = (service: string, key: string): string | null => {
    const section = value[service];
    if (section === undefined) return null;
    const name = isObject(section) ? section[key] : undefined;
    if (typeof name !== 'string' || !name) {
      problems.push({ field: `${field}.${service}.${key}`, message: 'must be a non-empty string' });
      return null;
    }
    return name;
  };
  for (const key of Object.keys(value)) {
    if (!['CloudWatchLogs', 'Firehose', 'S3'].includes(key))
      problems.push({ field: `${field}.${key}`, message: 'is not a destination (use CloudWatchLogs, Firehose or S3)' });
  }
  const logGroup = pick('CloudWatchLogs', 'LogGroup');
  if (logGroup && !logGroup.startsWith('/aws/vendedlogs/')) {
    problems.push({ field: `${field}.CloudWatchLogs.LogGroup`, message: 'must start with /aws/vendedlogs/ (SNS delivers audit records only there)' });
  }
  return { cloudWatchLogsGroup: logGroup, firehoseDeliveryStream: pick('Firehose', 'DeliveryStream'), s3Bucket: pick('S3', 'Bucket') };
}

function readOperation(value: unknown, field: string, direction: DataDirection | null, problems: PolicyProblem[]): PolicyOperation | null {
  if (!isObject(value) || Object.keys(value).length !== 1) {
    problems.push({ field, message: 'must hold exactly one of Audit or Deny' });
    return null;
  }
  if ('Deny' in value) {
    if (!isObject(value.Deny) || Object.keys(value.Deny).length) problems.push({ field: `${field}.Deny`, message: 'must be an empty object {}' });
    return { kind: 'deny' };
  }
  if (!('Audit' in value)) {
    problems.push({ field: `${field}.${Object.keys(value)[0]}`, message: 'is not an operation (use Audit or Deny)' });
    return null;
  }
  const audit = value.Audit;
  if (!isObject(audit)) {
    problems.push({ field: `${field}.Audit`, message: 'must be an object with SampleRate and a destination' });
    return null;
  }
  if (direction === 'Outbound') problems.push({ field: `${field}.Audit`, message: 'applies to Inbound statements only (SNS audits what is published)' });
  const rate = typeof audit.SampleRate === 'string' && /^\d+$/.test(audit.SampleRate) ? Number(audit.SampleRate) : audit.SampleRate;
  if (typeof rate !== 'number' || !Number.isInteger(rate) || rate < 0 || rate > 99) {
    problems.push({ field: `${field}.Audit.SampleRate`, message: 'must be an integer from 0 to 99' });
  }
  for (const key of Object.keys(audit)) {
    if (!['SampleRate', 'FindingsDestination', 'NoFindingsDestination'].includes(key)) {
      problems.push({ field: `${field}.Audit.${key}`, message: 'is not a field of Audit (SampleRate, FindingsDestination, NoFindingsDestination)' });
    }
  }
  const findingsDestination = readDestinations(audit.FindingsDestination, `${field}.Audit.FindingsDestination`, problems);
  const noFindingsDestination = readDestinations(audit.NoFindingsDestination, `${field}.Audit.NoFindingsDestination`, problems);
  if (!findingsDestination && !noFindingsDestination && audit.FindingsDestination === undefined && audit.NoFindingsDestination === undefined) {
    problems.push({ field: `${field}.Audit`, message: 'needs a FindingsDestination or a NoFindingsDestination' });
  }
  return { kind: 'audit', sampleRate: typeof rate === 'number' ? rate : 0, findingsDestination, noFindingsDestination };
}

function readStatement(value: unknown, field: string, problems: PolicyProblem[]): PolicyStatement | null {
  if (!isObject(value)) {
    problems.push({ field, message: 'must be an object' });
    return null;
  }
  const before = problems.length;
  const sid = value.Sid;
  if (typeof sid !== 'string' || !SID.test(sid))
    problems.push({ field: `${field}.Sid`, message: 'must be 1–128 letters, digits, spaces, dots, dashes or underscores' });
  const direction = value.DataDirection;
  if (direction !== 'Inbound' && direction !== 'Outbound') problems.push({ field: `${field}.DataDirection`, message: 'must be Inbound or Outbound' });
  const principals = value.Principal;
  if (!Array.isArray(principals) || principals.length === 0) {
    problems.push({ field: `${field}.Principal`, message: 'must be a non-empty array of "*", account ids or IAM principal ARNs' });
  } else {
    principals.forEach((p, i) => {
      if (typeof p !== 'string' || !PRINCIPAL.test(p))
        problems.push({ field: `${field}.Principal[${i}]`, message: 'must be "*", a 12-digit account id or an IAM principal ARN' });
    });
  }
  const identifiers: string[] = [];
  if (!Array.isArray(value.DataIdentifier) || value.DataIdentifier.length === 0) {
    problems.push({ field: `${field}.DataIdentifier`, message: 'must be a non-empty array of data identifier ARNs' });
  } else {
    value.DataIdentifier.forEach((arn, i) => {
      const name = typeof arn === 'string' ? identifierNameOfArn(arn) : null;
      if (!name)
        problems.push({
          field: `${field}.DataIdentifier[${i}]`,
          message: 'must be a managed data identifier ARN: arn:aws:dataprotection::aws:data-identifier/<Name>',
        });
      else identifiers.push(name);
    });
  }
  const dir = direction === 'Inbound' || direction === 'Outbound' ? direction : null;
  const operation = readOperation(value.Operation, `${field}.Operation`, dir, problems);
  for (const key of Object.keys(value)) {
    if (!['Sid', 'DataDirection', 'Principal', 'DataIdentifier', 'Operation'].includes(key)) {
      problems.push({ field: `${field}.${key}`, message: 'is not a field of a statement (Sid, DataDirection, Principal, DataIdentifier, Operation)' });
    }
  }
  if (problems.length > before || !operation || !dir) return null;
  return { sid: sid as string, direction: dir, principals: principals as string[], dataIdentifiers: identifiers, operation };
}

/**
 * Reads a data protection policy given as a JSON object or as its JSON text; every problem comes back
 * with its path, so a form or an API answer can name the field and the rule.
 */
export function parseDataProtectionPolicy(input: unknown): PolicyParseResult {
  let doc = input;
  if (typeof input === 'string') {
    try {
      doc = JSON.parse(input);
    } catch {
      return { ok: false, problems: [{ field: 'policy', message: 'is not valid JSON' }] };
    }
  }
  if (!isObject(doc)) return { ok: false, problems: [{ field: 'policy', message: 'must be a JSON object with Name, Version and Statement' }] };
  const problems: PolicyProblem[] = [];
  if (typeof doc.Name !== 'string' || !doc.Name.trim()) problems.push({ field: 'Name', message: 'must be a non-empty string' });
  if (doc.Description !== undefined && typeof doc.Description !== 'string') problems.push({ field: 'Description', message: 'must be a string' });
  if (doc.Version !== POLICY_VERSION) problems.push({ field: 'Version', message: `must be "${POLICY_VERSION}"` });
  for (const key of Object.keys(doc)) {
    if (!['Name', 'Description', 'Version', 'Statement', 'Configuration'].includes(key)) {
      problems.push({ field: key, message: 'is not a field of a data protection policy (Name, Description, Version, Statement, Configuration)' });
    }
  }
  const statements: PolicyStatement[] = [];
  if (!Array.isArray(doc.Statement) || doc.Statement.length === 0) {
    problems.push({ field: 'Statement', message: 'must be a non-empty array of statements' });
  } else {
    const sids = new Set<string>();
    doc.Statement.forEach((s, i) => {
      const statement = readStatement(s, `Statement[${i}]`, problems);
      if (!statement) return;
      if (sids.has(statement.sid)) problems.push({ field: `Statement[${i}].Sid`, message: `repeats "${statement.sid}"; each statement needs its own Sid` });
      sids.add(statement.sid);
      statements.push(statement);
    });
  }
  if (problems.length) return { ok: false, problems };
  return {
    ok: true,
    policy: { name: doc.Name as string, description: (doc.Description as string | undefined) ?? null, version: POLICY_VERSION, statements },
  };
}

/** Identifiers the policy names that Slipway has no detector for (they are never reported as found). */
export function undetectableIdentifiers(policy: DataProtectionPolicy): string[] {
  return [...new Set(policy.statements.flatMap((s) => s.dataIdentifiers))].filter((n) => !isDetectableIdentifier(n));
}

/** The detectable identifiers any statement of the policy names, once each. */
export function policyIdentifiers(policy: DataProtectionPolicy): DetectableIdentifier[] {
  return [...new Set(policy.statements.flatMap((s) => s.dataIdentifiers))].filter(isDetectableIdentifier);
}

const ACCOUNT_OF_ARN = /^arn:aws[a-z-]*:(?:iam|sts)::(\d{12}):/;

/**
 * Whether a statement's principal covers a caller: `*`; the caller's account (as its id or
 * `:root`); the same ARN; or the role of an assumed-role session (`sts::…:assumed-role/R/s` is `iam::…:role/R`).
 */
export function principalMatches(principal: string, caller: string): boolean {
  if (principal === '*' || principal === caller) return true;
  const account = ACCOUNT_OF_ARN.exec(caller)?.[1];
  if (principal === account || principal === `arn:aws:iam::${account}:root`) return true;
  const session = /^arn:(aws[a-z-]*):sts::(\d{12}):assumed-role\/([^/]+)\/[^/]+$/.exec(caller);
  return session !== null && principal === `arn:${session[1]}:iam::${session[2]}:role/${session[3]}`;
}
