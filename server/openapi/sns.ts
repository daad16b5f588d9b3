import 'server-only';
import { awsErrors, registerOperations } from '@/server/openapi/registry';
import { findingMetricsQuerySchema, findingsQuerySchema, policyTestSchema, snsTopicsQuerySchema } from '@/lib/schemas/sns';
import { CLINIC_BILLING_ROLE, CLINIC_POLICY, CLINIC_PUBLISHER, CLINIC_SCHEDULING_ROLE } from '@/lib/sns/clinic-policy';

// The SNS message data protection dashboard's operations (app/api/v1/sns/...). Topic ARNs in paths are
// one URL-encoded segment: /api/v1/sns/topics/arn%3Aaws%3Asns%3Aus-east-1%3A123456789012%3AClinic/policy

const topicErrors = {
  404: 'No such topic, no data protection policy on it, or no target your teams may use covers its account and region',
  ...awsErrors,
};

registerOperations(
  {
    operationId: 'listSnsTopics',
    method: 'GET',
    path: '/api/v1/sns/topics',
    summary:
      "Topics with a data protection policy in a target and region (default: the caller's current target), or only those a launch created (`launch`); each with its owner, what the caller may do and the policy's shape (statements, directions, audit, deny), or why it could not be read. Paged by Slipway (`page`, `pageSize`; `total` counts topics with a policy, `scanned` all topics looked at)",
    tag: 'sns',
    query: snsTopicsQuerySchema,
    errors: { 404: 'No such target or launch that your teams may use', ...awsErrors },
  },
  {
    operationId: 'getSnsTopicPolicy',
    method: 'GET',
    path: '/api/v1/sns/topics/{arn}/policy',
    summary:
      "A topic's data protection policy, parsed statement by statement: { topic, policy: { name, description, version, statements: [{ sid, direction, principals, dataIdentifiers, operation: { kind: 'audit', sampleRate, findingsDestination, noFindingsDestination } | { kind: 'deny' } }] }, document, undetectable }. Members of the topic's owning team",
    tag: 'sns',
    errors: { ...topicErrors, 502: 'AWS failed the call, or returned a policy Slipway cannot read' },
  },
  {
    operationId: 'listSnsTopicFindings',
    method: 'GET',
    path: '/api/v1/sns/topics/{arn}/findings',
    summary:
      "One page of the topic's audit records from the CloudWatch Logs group its policy's Audit statement names (FilterLogEvents between `from` and `to`, default the last 24 hours; page on with `nextToken`): { logGroup, records: [{ messageId, timestamp, callerPrincipal, topicArn, dataIdentifiers: [{ name, count, detections: [{ start, end }] }], outcome: audited | denied-inbound | denied-outbound, denial: { statementSid, direction, subscriber } | null }], unparsed, nextToken, aggregate } (the aggregate covers this page). Members of the topic's owning team",
    tag: 'sns',
    query: findingsQuerySchema,
    queryExample: { from: '2026-12-05T00:00:00Z', to: '2026-12-06T00:00:00Z', limit: 200 },
    errors: { ...topicErrors, 400: 'The policy sends audit records to no CloudWatch Logs group (only S3 or Firehose, or it has no Audit statement)' },
  },
  {
    operationId: 'getSnsTopicFindingMetrics',
    method: 'GET',
    path: '/api/v1/sns/topics/{arn}/metrics',
    summary:
      "SNS's MessageWithFindings and MessageWithNoFindings metrics (AWS/SNS, TopicName) summed per period between `from` and `to` (default: the last 24 hours; period chosen for about 100 points unless `periodSeconds`). Members of the topic's owning team",
    tag: 'sns',
    query: findingMetricsQuerySchema,
    errors: topicErrors,
  },
  {
    operationId: 'testSnsDataProtectionPolicy',
    method: 'POST',
    path: '/api/v1/sns/policy-test',
    summary:
      'What SNS would do with a message under a data protection policy, without publishing anything: { policy, message, publisher, subscribers: [principalArn…] } → { findings: [{ dataIdentifier, count, detections: [{ start, end }] }], inbound: { denied, statementSid }, audited, deliveries: [{ subscriber, delivered, statementSid }] }',
    description: [
      '`policy` is the policy document as a JSON object, or its JSON text (as `GetDataProtectionPolicy` returns it). A policy SNS would refuse answers **400** with `fields` naming each problem under `policy.` (for example `policy.Statement[1].DataDirection: must be Inbound or Outbound`); a malformed request (`message`, `publisher`, `subscribers`) answers 422 like every other operation.',
      '',
      '`dataIdentifier` is the short name (`Ssn-US`); spans follow AWS audit records: `start` is the 0-based index of the first character, `end` the index of the last. `statementSid` is null when nothing denies. A message denied inbound is delivered to no subscriber (each delivery names the inbound statement). `audited` is true when an Inbound Audit statement with a sample rate above 0 covers the publisher (SNS samples that share of messages).',
      '',
      'Detection is by pattern (Address, AwsSecretKey, CreditCardNumber, DriversLicense-US, EmailAddress, IpAddress, Name, NationalDrugCode-US, PassportNumber-US, Ssn-US), with the keywords AWS requires near the data; AWS also uses machine learning, so it may find what these patterns miss (names above all) and the other way round.',
    ].join('\n'),
    tag: 'sns',
    body: policyTestSchema,
    bodyExample: {
      policy: CLINIC_POLICY,
      message: 'SSN: 123-12-1234',
      publisher: CLINIC_PUBLISHER,
      subscribers: [CLINIC_BILLING_ROLE, CLINIC_SCHEDULING_ROLE],
    },
    responseExample: {
      findings: [{ dataIdentifier: 'Ssn-US', count: 1, detections: [{ start: 5, end: 15 }] }],
      inbound: { denied: true, statementSid: 'deny-inbound' },
      audited: true,
      deliveries: [
        { subscriber: CLINIC_BILLING_ROLE, delivered: false, statementSid: 'deny-inbound' },
        { subscriber: CLINIC_SCHEDULING_ROLE, delivered: false, statementSid: 'deny-inbound' },
      ],
    },
    errors: { 400: 'The policy is not a valid data protection policy; `fields` names each problem under `policy.`' },
  },
);
