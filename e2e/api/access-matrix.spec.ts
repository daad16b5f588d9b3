import { expect, request as playwrightRequest, test, type APIRequestContext } from '@playwright/test';
import { createLaggingGroup, uniqueName } from '../kafka-fixtures';
import { storageState } from '../users';
import { fromPortalPage } from '../support/origin';
import { postWorkload, sqsInput } from '../support/cost-inputs';
import { createWaitingMachine, executionPath, launchBlueprint, outputOf, REGION, startExecution, uid } from '../support/sfn';
import { createAssignedTopic, topicPath, type SandboxTopic } from '../support/sns';
import { CLINIC_BILLING_ROLE, CLINIC_MESSAGES, CLINIC_POLICY, CLINIC_PUBLISHER } from '../../lib/sns/clinic-policy';

// Who may call what, for every operation of the OpenAPI document: one table says, per operation, the
// status each of five callers gets against real resources of team falcon in the sandbox (a launch
// with its state machine and executions, a consumer group with falcon's prefix, a token, a scenario,
// a Kafka cluster), with team eagle's developer as the outsider. An operation missing from the table,
// or in the table but gone from the document, fails the run.

type Caller = 'anonymous' | 'viewer' | 'ownerDeveloper' | 'otherDeveloper' | 'platformAdmin';
const CALLERS: Caller[] = ['anonymous', 'viewer', 'ownerDeveloper', 'otherDeveloper', 'platformAdmin'];
/** Expected status per caller, in the order of CALLERS. */
type Statuses = [anonymous: number, viewer: number, ownerDeveloper: number, otherDeveloper: number, platformAdmin: number];
type Call = { path: string; data?: unknown };
type Fixtures = {
  sandboxTargetId: string;
  falconTeamId: string;
  /** The local membership of falcon's viewer: refusals are checked against it, nothing changes it. */
  falconMembershipId: string;
  launchId: string;
  stateMachineArn: string;
  executionArn: string;
  clusterId: string;
  sandboxClusterId: string;
  group: { groupId: string; topic: string };
  tokenId: string;
  scenarioId: string;
  /** An SNS topic admins assigned to falcon, with the clinic policy when the sandbox supports data protection. */
  snsTopic: SandboxTopic;
  /** Makes a fresh resource for a call that uses one up (delete, stop), as the caller that expects success would need. */
  fresh: {
    launchId: () => Promise<string>;
    runningExecutionArn: () => Promise<string>;
    targetId: () => Promise<string>;
    clusterId: () => Promise<string>;
    assignmentId: () => Promise<string>;
    prefixId: () => Promise<string>;
    teamId: () => Promise<string>;
    /** A new team with one local member (the platform admin, who gains nothing by it). */
    membership: () => Promise<{ teamId: string; membershipId: string }>;
  };
};
type Entry = { statuses: Statuses; call: (f: Fixtures, caller: Caller) => Call | Promise<Call> };

const PUBLIC: Statuses = [200, 200, 200, 200, 200];
const SIGNED_IN: Statuses = [401, 200, 200, 200, 200];
const OWNER_READS: Statuses = [401, 200, 200, 403, 200];
const OWNER_DEVELOPS: Statuses = [401, 403, 200, 403, 200];
const PLATFORM_ADMIN: Statuses = [401, 403, 403, 403, 200];

const enc = encodeURIComponent;
/**
 * A topic's policy and findings for its readers: 200 with the policy; 502 (saying so) where the
 * sandbox has no SNS data protection, which moto alone does not implement. Set once the fixture knows.
 */
let snsPolicyReadStatus = 200;
const snsOwnerReads = (): Statuses => [401, snsPolicyReadStatus, snsPolicyReadStatus, 403, snsPolicyReadStatus];
const sqsWorkload = sqsInput;
const lambdaWorkload = { ...postWorkload, invocationsPerMonth: 1_000_000 };
const sqsLaunch = () => ({
  blueprint: 'sqs-managed-encryption',
  target: 'sandbox',
  region: REGION,
  team: 'falcon',
  stackName: `matrix-${uid()}`,
  parameters: {},
});
/** Only a caller expected to succeed consumes a fresh resource; refusals happen before it would matter. */
const succeeds = (statuses: Statuses, caller: Caller) => statuses[CALLERS.indexOf(caller)]! < 300;

const MATRIX: Record<string, Entry> = {
  'GET /api/v1/health': { statuses: PUBLIC, call: () => ({ path: '/api/v1/health' }) },
  'GET /api/v1/openapi.json': { statuses: PUBLIC, call: () => ({ path: '/api/v1/openapi.json' }) },
  'GET /api/v1/me': { statuses: SIGNED_IN, call: () => ({ path: '/api/v1/me' }) },
  'GET /api/v1/teams': { statuses: SIGNED_IN, call: () => ({ path: '/api/v1/teams' }) },
  'GET /api/v1/teams/{id}': { statuses: OWNER_READS, call: (f) => ({ path: `/api/v1/teams/${f.falconTeamId}` }) },
  // Teams administration: platform admins for teams; admins of the team (platform admins here) for members and tags.
  // Refusals are checked against falcon, successes against a team made for the call.
  'POST /api/v1/teams': {
    statuses: [401, 403, 403, 403, 201],
    call: () => ({ path: '/api/v1/teams', data: { slug: `matrix-${uid()}`.toLowerCase(), name: 'Matrix' } }),
  },
  'PATCH /api/v1/teams/{id}': {
    statuses: PLATFORM_ADMIN,
    call: async (f, c) => ({
      path: `/api/v1/teams/${succeeds(PLATFORM_ADMIN, c) ? await f.fresh.teamId() : f.falconTeamId}`,
      data: { name: 'Matrix renamed' },
    }),
  },
  'POST /api/v1/teams/{id}/archive': {
    statuses: PLATFORM_ADMIN,
    call: async (f, c) => ({ path: `/api/v1/teams/${succeeds(PLATFORM_ADMIN, c) ? await f.fresh.teamId() : f.falconTeamId}/archive` }),
  },
  'GET /api/v1/teams/{id}/members': { statuses: PLATFORM_ADMIN, call: (f) => ({ path: `/api/v1/teams/${f.falconTeamId}/members` }) },
  'POST /api/v1/teams/{id}/members': {
    statuses: [401, 403, 403, 403, 201],
    call: async (f, c) => ({
      path: `/api/v1/teams/${succeeds([401, 403, 403, 403, 201], c) ? await f.fresh.teamId() : f.falconTeamId}/members`,
      data: { email: 'admin@example.com', role: 'viewer' },
    }),
  },
  'PATCH /api/v1/teams/{id}/members/{membershipId}': {
    statuses: PLATFORM_ADMIN,
    call: async (f, c) => {
      const { teamId, membershipId } = succeeds(PLATFORM_ADMIN, c)
        ? await f.fresh.membership()
        : { teamId: f.falconTeamId, membershipId: f.falconMembershipId };
      return { path: `/api/v1/teams/${teamId}/members/${membershipId}`, data: { role: 'developer' } };
    },
  },
  'DELETE /api/v1/teams/{id}/members/{membershipId}': {
    statuses: PLATFORM_ADMIN,
    call: async (f, c) => {
      const { teamId, membershipId } = succeeds(PLATFORM_ADMIN, c)
        ? await f.fresh.membership()
        : { teamId: f.falconTeamId, membershipId: f.falconMembershipId };
      return { path: `/api/v1/teams/${teamId}/members/${membershipId}` };
    },
  },
  'PUT /api/v1/teams/{id}/required-tags': {
    statuses: PLATFORM_ADMIN,
    call: async (f, c) => ({
      path: `/api/v1/teams/${succeeds(PLATFORM_ADMIN, c) ? await f.fresh.teamId() : f.falconTeamId}/required-tags`,
      data: { tags: [{ key: 'owner' }] },
    }),
  },
  'GET /api/v1/tokens': { statuses: SIGNED_IN, call: () => ({ path: '/api/v1/tokens' }) },
  'POST /api/v1/tokens': { statuses: [401, 201, 201, 201, 201], call: () => ({ path: '/api/v1/tokens', data: { name: uniqueName('matrix') } }) },
  // Tokens belong to a person: falcon's developer revokes their own; platform admins any; others do not see it.
  'DELETE /api/v1/tokens/{id}': { statuses: [401, 404, 200, 404, 200], call: (f) => ({ path: `/api/v1/tokens/${f.tokenId}` }) },
  'GET /api/v1/targets': { statuses: SIGNED_IN, call: () => ({ path: '/api/v1/targets' }) },
  'POST /api/v1/targets': {
    statuses: [401, 403, 403, 403, 201],
    call: () => ({
      path: '/api/v1/targets',
      data: {
        name: `matrix-${uid()}`,
        accountId: '210987654321',
        regions: [REGION],
        roleArn: 'arn:aws:iam::210987654321:role/slipway',
        externalId: 'matrix-external-id',
      },
    }),
  },
  // A fresh target for the admin: an edit of the sandbox target would change what other specs read.
  'PATCH /api/v1/targets/{id}': {
    statuses: PLATFORM_ADMIN,
    call: async (f, c) => ({
      path: `/api/v1/targets/${succeeds(PLATFORM_ADMIN, c) ? await f.fresh.targetId() : f.sandboxTargetId}`,
      data: { regions: [REGION] },
    }),
  },
  'POST /api/v1/targets/{id}/test': { statuses: PLATFORM_ADMIN, call: (f) => ({ path: `/api/v1/targets/${f.sandboxTargetId}/test` }) },
  'DELETE /api/v1/targets/{id}': {
    statuses: PLATFORM_ADMIN,
    call: async (f, c) => ({ path: `/api/v1/targets/${succeeds(PLATFORM_ADMIN, c) ? await f.fresh.targetId() : f.sandboxTargetId}` }),
  },
  'GET /api/v1/targets/{id}/resources': {
    statuses: SIGNED_IN,
    call: (f) => ({ path: `/api/v1/targets/${f.sandboxTargetId}/resources?region=${REGION}&type=AWS::EC2::VPC::Id` }),
  },
  'GET /api/v1/targets/{id}/assignments': { statuses: SIGNED_IN, call: (f) => ({ path: `/api/v1/targets/${f.sandboxTargetId}/assignments` }) },
  'POST /api/v1/targets/{id}/assignments': {
    statuses: [401, 403, 403, 403, 201],
    call: (f) => ({
      path: `/api/v1/targets/${f.sandboxTargetId}/assignments`,
      data: { team: 'falcon', kind: 'arn-pattern', pattern: `arn:aws:states:${REGION}:123456789012:stateMachine:matrix-${uid()}-*` },
    }),
  },
  'DELETE /api/v1/targets/{id}/assignments/{assignmentId}': {
    statuses: PLATFORM_ADMIN,
    call: async (f) => ({ path: `/api/v1/targets/${f.sandboxTargetId}/assignments/${await f.fresh.assignmentId()}` }),
  },
  'GET /api/v1/audit-log': { statuses: PLATFORM_ADMIN, call: () => ({ path: '/api/v1/audit-log' }) },
  'GET /api/v1/audit-log/export': { statuses: PLATFORM_ADMIN, call: () => ({ path: '/api/v1/audit-log/export?action=target.*' }) },

  'GET /api/v1/blueprints': { statuses: SIGNED_IN, call: () => ({ path: '/api/v1/blueprints?q=queue' }) },
  'GET /api/v1/blueprints/{slug}': { statuses: SIGNED_IN, call: () => ({ path: '/api/v1/blueprints/sqs-managed-encryption' }) },

  'GET /api/v1/launches': { statuses: SIGNED_IN, call: () => ({ path: '/api/v1/launches' }) },
  // Only ever the caller's own launches: anyone signed in gets 200 (an empty list for a stack not theirs).
  'GET /api/v1/launches/build-progress': {
    statuses: SIGNED_IN,
    call: (f) => ({ path: `/api/v1/launches/build-progress?target=${f.sandboxTargetId}&region=${REGION}&stackName=matrix-build-progress` }),
  },
  'POST /api/v1/launches/preview': { statuses: OWNER_DEVELOPS, call: () => ({ path: '/api/v1/launches/preview', data: sqsLaunch() }) },
  'POST /api/v1/launches': { statuses: [401, 403, 201, 403, 201], call: () => ({ path: '/api/v1/launches', data: sqsLaunch() }) },
  'GET /api/v1/launches/{id}': { statuses: OWNER_READS, call: (f) => ({ path: `/api/v1/launches/${f.launchId}` }) },
  'DELETE /api/v1/launches/{id}': {
    statuses: [401, 403, 202, 403, 202],
    call: async (f, c) => ({ path: `/api/v1/launches/${succeeds([401, 403, 202, 403, 202], c) ? await f.fresh.launchId() : f.launchId}`, data: {} }),
  },
  'POST /api/v1/launches/{id}/update': {
    statuses: OWNER_DEVELOPS,
    call: (f) => ({ path: `/api/v1/launches/${f.launchId}/update`, data: { parameters: { OperatorEmail: 'matrix@example.com' }, dryRun: true } }),
  },
  // Drift detection calls AWS with side effects: developers only.
  'POST /api/v1/launches/{id}/drift': { statuses: OWNER_DEVELOPS, call: (f) => ({ path: `/api/v1/launches/${f.launchId}/drift` }) },

  // Reads the sandbox target, which every team may use.
  'GET /api/v1/abac/matrix': { statuses: SIGNED_IN, call: () => ({ path: `/api/v1/abac/matrix?target=sandbox&region=${REGION}&action=lambda:GetFunction` }) },
  'GET /api/v1/abac/findings': { statuses: SIGNED_IN, call: () => ({ path: `/api/v1/abac/findings?target=sandbox&region=${REGION}` }) },
  'GET /api/v1/abac/mappings': { statuses: SIGNED_IN, call: () => ({ path: `/api/v1/abac/mappings?target=sandbox&region=${REGION}` }) },
  'GET /api/v1/abac/grid': {
    statuses: SIGNED_IN,
    call: () => ({ path: `/api/v1/abac/grid?target=sandbox&region=${REGION}&action=all&rowLimit=5&colLimit=5` }),
  },
  // A cell of a principal and function the inventory does not hold: signed-in callers learn only that.
  'GET /api/v1/abac/explain': {
    statuses: [401, 404, 404, 404, 404],
    call: () => ({
      path: `/api/v1/abac/explain?target=sandbox&region=${REGION}&principal=${encodeURIComponent('arn:aws:iam::000000000000:role/matrix-none')}&function=${encodeURIComponent(`arn:aws:lambda:${REGION}:000000000000:function:matrix-none`)}`,
    }),
  },
  // Asks IAM about a cell of the inventory; a principal and function it does not hold: signed-in callers learn only that.
  'POST /api/v1/abac/verify': {
    statuses: [401, 404, 404, 404, 404],
    call: () => ({
      path: '/api/v1/abac/verify',
      data: {
        target: 'sandbox',
        region: REGION,
        principal: 'arn:aws:iam::000000000000:role/matrix-none',
        function: `arn:aws:lambda:${REGION}:000000000000:function:matrix-none`,
      },
    }),
  },
  // Decides over the inventory with overrides; nothing is applied to AWS.
  'POST /api/v1/abac/what-if': { statuses: SIGNED_IN, call: () => ({ path: '/api/v1/abac/what-if', data: { target: 'sandbox', region: REGION } }) },
  // Pure evaluation, no AWS call: any signed-in caller.
  'POST /api/v1/abac/simulate': {
    statuses: SIGNED_IN,
    call: () => ({
      path: '/api/v1/abac/simulate',
      data: {
        policies: [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'lambda:GetFunction', Resource: '*' }] }],
        action: 'lambda:GetFunction',
        principalArn: 'arn:aws:iam::111122223333:role/matrix',
        resourceArn: 'arn:aws:lambda:us-east-1:111122223333:function:matrix',
        principalTags: {},
        resourceTags: {},
      },
    }),
  },
  'POST /api/v1/cost/lambda': { statuses: SIGNED_IN, call: () => ({ path: '/api/v1/cost/lambda', data: lambdaWorkload }) },
  'POST /api/v1/cost/sqs-batch': { statuses: SIGNED_IN, call: () => ({ path: '/api/v1/cost/sqs-batch', data: sqsWorkload }) },
  'GET /api/v1/cost/scenarios': { statuses: SIGNED_IN, call: () => ({ path: '/api/v1/cost/scenarios' }) },
  'POST /api/v1/cost/scenarios': {
    statuses: [401, 201, 201, 201, 201],
    call: () => ({ path: '/api/v1/cost/scenarios', data: { name: uniqueName('matrix'), kind: 'lambda', input: lambdaWorkload } }),
  },
  // Scenarios belong to a person: anyone else, platform admins included, finds nothing.
  'GET /api/v1/cost/scenarios/{id}': { statuses: [401, 404, 200, 404, 404], call: (f) => ({ path: `/api/v1/cost/scenarios/${f.scenarioId}` }) },
  'PUT /api/v1/cost/scenarios/{id}': {
    statuses: [401, 404, 200, 404, 404],
    call: (f) => ({ path: `/api/v1/cost/scenarios/${f.scenarioId}`, data: { name: uniqueName('matrix'), kind: 'sqs-batch', input: sqsWorkload } }),
  },
  'DELETE /api/v1/cost/scenarios/{id}': { statuses: [401, 404, 200, 404, 404], call: (f) => ({ path: `/api/v1/cost/scenarios/${f.scenarioId}` }) },

  'GET /api/v1/stepfunctions/state-machines': {
    statuses: SIGNED_IN,
    call: () => ({ path: `/api/v1/stepfunctions/state-machines?target=sandbox&region=${REGION}` }),
  },
  'GET /api/v1/stepfunctions/state-machines/{arn}/logs': {
    statuses: OWNER_READS,
    call: (f) => ({ path: `/api/v1/stepfunctions/state-machines/${enc(f.stateMachineArn)}/logs` }),
  },
  'GET /api/v1/stepfunctions/executions': {
    statuses: OWNER_READS,
    call: (f) => ({ path: `/api/v1/stepfunctions/executions?stateMachineArn=${enc(f.stateMachineArn)}` }),
  },
  'POST /api/v1/stepfunctions/executions': {
    statuses: [401, 403, 201, 403, 201],
    call: (f) => ({ path: '/api/v1/stepfunctions/executions', data: { stateMachineArn: f.stateMachineArn, input: '{"matrix":true}' } }),
  },
  'GET /api/v1/stepfunctions/executions/{arn}': { statuses: OWNER_READS, call: (f) => ({ path: executionPath(f.executionArn) }) },
  'GET /api/v1/stepfunctions/executions/{arn}/history': { statuses: OWNER_READS, call: (f) => ({ path: executionPath(f.executionArn, '/history') }) },
  'POST /api/v1/stepfunctions/executions/{arn}/stop': {
    statuses: OWNER_DEVELOPS,
    call: async (f) => ({ path: executionPath(await f.fresh.runningExecutionArn(), '/stop'), data: {} }),
  },

  'GET /api/v1/kafka/clusters': { statuses: SIGNED_IN, call: () => ({ path: '/api/v1/kafka/clusters' }) },
  'POST /api/v1/kafka/clusters': {
    statuses: PLATFORM_ADMIN.map((s) => (s === 200 ? 201 : s)) as Statuses,
    call: (f) => ({
      path: '/api/v1/kafka/clusters',
      data: { name: uniqueName('matrix'), teamId: f.falconTeamId, settings: { kind: 'plaintext', brokers: ['kafka.falcon.invalid:9092'] } },
    }),
  },
  'GET /api/v1/kafka/clusters/{id}': { statuses: OWNER_READS, call: (f) => ({ path: `/api/v1/kafka/clusters/${f.clusterId}` }) },
  'DELETE /api/v1/kafka/clusters/{id}': {
    statuses: PLATFORM_ADMIN,
    call: async (f, c) => ({ path: `/api/v1/kafka/clusters/${succeeds(PLATFORM_ADMIN, c) ? await f.fresh.clusterId() : f.clusterId}` }),
  },
  'POST /api/v1/kafka/clusters/{id}/test': { statuses: PLATFORM_ADMIN, call: (f) => ({ path: `/api/v1/kafka/clusters/${f.clusterId}/test` }) },
  // Consumer groups on the shared sandbox cluster: everyone reads, the owner (prefix demo- → falcon) resets.
  'GET /api/v1/kafka/clusters/{id}/groups': { statuses: SIGNED_IN, call: (f) => ({ path: `/api/v1/kafka/clusters/${f.sandboxClusterId}/groups` }) },
  'GET /api/v1/kafka/clusters/{id}/groups/{group}': {
    statuses: SIGNED_IN,
    call: (f) => ({ path: `/api/v1/kafka/clusters/${f.sandboxClusterId}/groups/${enc(f.group.groupId)}` }),
  },
  'GET /api/v1/kafka/clusters/{id}/groups/{group}/history': {
    statuses: SIGNED_IN,
    call: (f) => ({ path: `/api/v1/kafka/clusters/${f.sandboxClusterId}/groups/${enc(f.group.groupId)}/history` }),
  },
  'POST /api/v1/kafka/clusters/{id}/groups/{group}/reset': {
    statuses: OWNER_DEVELOPS,
    call: (f) => ({
      path: `/api/v1/kafka/clusters/${f.sandboxClusterId}/groups/${enc(f.group.groupId)}/reset`,
      data: { dryRun: true, topics: [{ topic: f.group.topic }], strategy: { kind: 'earliest' } },
    }),
  },
  'GET /api/v1/kafka/clusters/{id}/group-prefixes': {
    statuses: SIGNED_IN,
    call: (f) => ({ path: `/api/v1/kafka/clusters/${f.sandboxClusterId}/group-prefixes` }),
  },
  'POST /api/v1/kafka/clusters/{id}/group-prefixes': {
    statuses: [401, 403, 403, 403, 201],
    call: (f) => ({ path: `/api/v1/kafka/clusters/${f.sandboxClusterId}/group-prefixes`, data: { team: 'falcon', prefix: `matrix-${uid()}-` } }),
  },
  'DELETE /api/v1/kafka/clusters/{id}/group-prefixes/{prefixId}': {
    statuses: PLATFORM_ADMIN,
    call: async (f) => ({ path: `/api/v1/kafka/clusters/${f.sandboxClusterId}/group-prefixes/${await f.fresh.prefixId()}` }),
  },
  'GET /api/v1/sns/topics': { statuses: SIGNED_IN, call: () => ({ path: `/api/v1/sns/topics?target=sandbox&region=${REGION}` }) },
  'GET /api/v1/sns/topics/{arn}/policy': {
    get statuses() {
      return snsOwnerReads();
    },
    call: (f) => ({ path: topicPath(f.snsTopic.arn, '/policy') }),
  },
  'GET /api/v1/sns/topics/{arn}/findings': {
    get statuses() {
      return snsOwnerReads();
    },
    call: (f) => ({ path: topicPath(f.snsTopic.arn, '/findings') }),
  },
  'GET /api/v1/sns/topics/{arn}/metrics': { statuses: OWNER_READS, call: (f) => ({ path: topicPath(f.snsTopic.arn, '/metrics') }) },
  // A computation on what the caller sends: anyone signed in.
  'POST /api/v1/sns/policy-test': {
    statuses: SIGNED_IN,
    call: () => ({
      path: '/api/v1/sns/policy-test',
      data: { policy: CLINIC_POLICY, message: CLINIC_MESSAGES.ssn, publisher: CLINIC_PUBLISHER, subscribers: [CLINIC_BILLING_ROLE] },
    }),
  },
  'GET /api/v1/kafka/event-source-mappings': {
    statuses: SIGNED_IN,
    call: () => ({ path: `/api/v1/kafka/event-source-mappings?target=sandbox&region=${REGION}` }),
  },
};

const contexts = {} as Record<Exclude<Caller, 'anonymous'>, APIRequestContext> & { anonymous: APIRequestContext };
let fixtures: Fixtures;
let operations: string[] = [];

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ baseURL }) => {
  test.setTimeout(300_000);
  // Every caller writes as the portal's own pages do (with their Origin), so a 403 is the access rule's.
  const as = (user: Parameters<typeof storageState>[0]) =>
    playwrightRequest.newContext({ baseURL, storageState: storageState(user), extraHTTPHeaders: fromPortalPage });
  contexts.anonymous = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: fromPortalPage });
  contexts.viewer = await as('falconViewer');
  contexts.ownerDeveloper = await as('falconDev');
  contexts.otherDeveloper = await as('eagleDev');
  contexts.platformAdmin = await as('admin');
  const falcon = contexts.ownerDeveloper;
  const admin = contexts.platformAdmin;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are checked by the specs of each feature
  const json = async (res: Awaited<ReturnType<APIRequestContext['get']>>, status: number): Promise<any> => {
    expect(res.status(), await res.text()).toBe(status);
    return res.json();
  };

  const document = await json(await contexts.anonymous.get('/api/v1/openapi.json'), 200);
  operations = Object.entries(document.paths as Record<string, Record<string, unknown>>).flatMap(([path, methods]) =>
    Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
  );

  const targets = (await json(await falcon.get('/api/v1/targets'), 200)).targets as { id: string; isSandbox: boolean }[];
  const teams = (await json(await falcon.get('/api/v1/teams'), 200)).teams as { id: string; slug: string }[];
  const clusters = (await json(await falcon.get('/api/v1/kafka/clusters'), 200)).clusters as { id: string; isSandbox: boolean }[];
  const falconTeamId = teams.find((t) => t.slug === 'falcon')!.id;
  const sandboxTargetId = targets.find((t) => t.isSandbox)!.id;

  // Real resources of falcon: a launch whose stack created a state machine, a finished execution of it,
  // a consumer group under falcon's prefix, a token, a scenario, a cluster of falcon's own; and eagle's
  // own launch beside them, so eagle's developer is a real user of the same sandbox.
  const [launch, eagleLaunch] = await Promise.all([
    launchBlueprint(falcon, 'ec2-state-change-enrichment', { OperatorEmail: 'operator@example.com' }),
    json(await contexts.otherDeveloper.post('/api/v1/launches', { data: { ...sqsLaunch(), team: 'eagle' } }), 201),
  ]);
  expect(eagleLaunch).toMatchObject({ team: { slug: 'eagle' } });
  const stateMachineArn = outputOf(launch, 'StateMachineArn');
  const executionArn = await startExecution(falcon, stateMachineArn, { detail: { 'instance-id': 'i-0123456789abcdef0' } });
  const group = await createLaggingGroup({ prefix: 'demo-matrix', partitions: 1, records: 4, committed: { 0: 1 } });
  const newCluster = async () =>
    (
      await json(
        await admin.post('/api/v1/kafka/clusters', {
          data: { name: uniqueName('matrix-falcon'), teamId: falconTeamId, settings: { kind: 'plaintext', brokers: ['kafka.falcon.invalid:9092'] } },
        }),
        201,
      )
    ).id as string;
  const waiting = await createWaitingMachine(300);
  const snsTopic = await createAssignedTopic(admin, sandboxTargetId, 'falcon');
  if (!snsTopic.hasPolicy) snsPolicyReadStatus = 502;

  const falconMembers = (await json(await admin.get(`/api/v1/teams/${falconTeamId}/members`), 200)).members as { id: string; email: string }[];
  const newTeam = async () =>
    (await json(await admin.post('/api/v1/teams', { data: { slug: `matrix-${uid()}`.toLowerCase(), name: 'Matrix' } }), 201)).id as string;

  fixtures = {
    sandboxTargetId,
    falconTeamId,
    falconMembershipId: falconMembers.find((m) => m.email === 'falcon-viewer@example.com')!.id,
    launchId: launch.id,
    stateMachineArn,
    executionArn,
    clusterId: await newCluster(),
    sandboxClusterId: clusters.find((c) => c.isSandbox)!.id,
    group,
    snsTopic,
    tokenId: (await json(await falcon.post('/api/v1/tokens', { data: { name: uniqueName('matrix') } }), 201)).id,
    scenarioId: (await json(await falcon.post('/api/v1/cost/scenarios', { data: { name: uniqueName('matrix'), kind: 'lambda', input: lambdaWorkload } }), 201))
      .id,
    fresh: {
      // Settled first: a stack still being created cannot be deleted yet.
      launchId: async () => (await launchBlueprint(falcon, 'sqs-managed-encryption')).id,
      runningExecutionArn: () => startExecution(falcon, waiting, { matrix: 'stop me' }),
      targetId: async () =>
        (
          await json(
            await admin.post('/api/v1/targets', {
              data: {
                name: `matrix-${uid()}`,
                accountId: '210987654321',
                regions: [REGION],
                roleArn: 'arn:aws:iam::210987654321:role/x',
                externalId: 'matrix-x',
              },
            }),
            201,
          )
        ).id,
      clusterId: newCluster,
      teamId: newTeam,
      membership: async () => {
        const teamId = await newTeam();
        const member = await json(await admin.post(`/api/v1/teams/${teamId}/members`, { data: { email: 'admin@example.com', role: 'viewer' } }), 201);
        return { teamId, membershipId: member.id as string };
      },
      assignmentId: async () =>
        (
          await json(
            await admin.post(`/api/v1/targets/${sandboxTargetId}/assignments`, {
              data: { team: 'falcon', kind: 'arn-pattern', pattern: `arn:aws:states:${REGION}:123456789012:stateMachine:matrix-${uid()}` },
            }),
            201,
          )
        ).id,
      prefixId: async () =>
        (
          await json(
            await admin.post(`/api/v1/kafka/clusters/${fixtures.sandboxClusterId}/group-prefixes`, { data: { team: 'falcon', prefix: `matrix-${uid()}` } }),
            201,
          )
        ).id,
    },
  };
});

test.afterAll(async () => {
  await Promise.all(Object.values(contexts).map((c) => c.dispose()));
});

test('every operation of the OpenAPI document has its row in the table, and every row an operation', () => {
  expect(operations.length).toBeGreaterThan(40);
  expect(
    operations.filter((op) => !MATRIX[op]),
    'operations without an expected status per caller',
  ).toEqual([]);
  expect(
    Object.keys(MATRIX).filter((op) => !operations.includes(op)),
    'rows for operations the document no longer has',
  ).toEqual([]);
});

test('each caller gets the declared status from each operation', async () => {
  test.setTimeout(300_000);
  const failures: string[] = [];
  for (const [operation, entry] of Object.entries(MATRIX)) {
    if (!operations.includes(operation)) continue;
    const method = operation.split(' ')[0]!;
    // Refusals first: a write that succeeds must not change what a later refusal is checked against.
    const order = [...CALLERS].sort((a, b) => Number(succeeds(entry.statuses, a)) - Number(succeeds(entry.statuses, b)));
    for (const caller of order) {
      const expected = entry.statuses[CALLERS.indexOf(caller)]!;
      const call = await entry.call(fixtures, caller);
      const res = await contexts[caller].fetch(call.path, { method, ...(call.data !== undefined ? { data: call.data } : {}) });
      if (res.status() !== expected) failures.push(`${operation} as ${caller}: expected ${expected}, got ${res.status()} ${(await res.text()).slice(0, 200)}`);
    }
  }
  expect(failures).toEqual([]);
});
