import 'server-only';
import { awsErrors, registerOperations } from '@/server/openapi/registry';
import { createTokenSchema } from '@/lib/schemas/tokens';
import { pickerQuerySchema, targetInputSchema, targetUpdateSchema } from '@/lib/schemas/targets';
import { auditExportQuerySchema, auditListQuerySchema } from '@/lib/schemas/audit';
import { blueprintSearchSchema } from '@/lib/schemas/blueprints';
import { teamListQuerySchema } from '@/lib/schemas/teams';
import '@/server/openapi/abac';
import '@/server/openapi/abac-views';
import '@/server/openapi/cost';
import '@/server/openapi/kafka';
import '@/server/openapi/sfn';
import '@/server/openapi/sns';
import '@/server/openapi/teams';
import '@/server/openapi/tenancy';
import { launchBuildProgressSchema, launchListSchema, launchRequestSchema, launchUpdateSchema, teardownSchema } from '@/lib/schemas/launches';

// The foundation's operations. Feature modules add theirs in their own files, imported below.
registerOperations(
  {
    operationId: 'getHealth',
    method: 'GET',
    path: '/api/v1/health',
    summary: 'Health of each dependency (database, sandbox AWS, Kafka), for load balancers',
    tag: 'system',
    public: true,
    responses: { 200: 'All dependencies up', 503: 'The database is down (the body is the same report and says which)' },
    noClientError: 'It reads no input and needs no credentials, so every request gets the report; 503 says the portal itself cannot serve',
  },
  {
    operationId: 'getOpenApiDocument',
    method: 'GET',
    path: '/api/v1/openapi.json',
    summary: 'This document',
    tag: 'system',
    public: true,
    noClientError: 'It reads no input and needs no credentials, so every request gets the document',
  },
  { operationId: 'getCurrentUser', method: 'GET', path: '/api/v1/me', summary: 'The caller: user, platform-admin flag, teams and roles', tag: 'identity' },
  {
    operationId: 'listTeams',
    method: 'GET',
    path: '/api/v1/teams',
    summary: "The caller's teams (all teams for platform admins); archived teams only with includeArchived=true",
    tag: 'identity',
    query: teamListQuerySchema,
    queryExample: { includeArchived: 'true' },
  },
  {
    operationId: 'getTeam',
    method: 'GET',
    path: '/api/v1/teams/{id}',
    summary: 'One team with its members and required tags (members of the team only)',
    tag: 'identity',
  },
  { operationId: 'listApiTokens', method: 'GET', path: '/api/v1/tokens', summary: "The caller's API tokens (never the token values)", tag: 'identity' },
  {
    operationId: 'createApiToken',
    method: 'POST',
    path: '/api/v1/tokens',
    summary: 'Create an API token; the value is in this response only',
    tag: 'identity',
    body: createTokenSchema,
    bodyExample: { name: 'ci-deploy', expiresInDays: 90 },
    responses: { 201: 'Created; `token` holds the value' },
  },
  { operationId: 'revokeApiToken', method: 'DELETE', path: '/api/v1/tokens/{id}', summary: 'Revoke an API token', tag: 'identity' },
  { operationId: 'listTargets', method: 'GET', path: '/api/v1/targets', summary: "AWS targets the caller's teams may use", tag: 'targets' },
  {
    operationId: 'registerTarget',
    method: 'POST',
    path: '/api/v1/targets',
    summary: 'Register an AWS target (platform admins)',
    tag: 'targets',
    body: targetInputSchema,
    bodyExample: {
      name: 'payments-prod',
      accountId: '111122223333',
      regions: ['eu-west-1', 'eu-central-1'],
      roleArn: 'arn:aws:iam::111122223333:role/SlipwayDeployer',
      externalId: 'slipway-payments-7f3a',
      teamIds: [],
    },
    responses: { 201: 'Registered' },
    errors: { 409: 'A target with this name exists (`fields.name`)' },
  },
  {
    operationId: 'updateTarget',
    method: 'PATCH',
    path: '/api/v1/targets/{id}',
    summary: 'Edit an AWS target (platform admins): role ARN, service role, regions, teams, and the write-only external id',
    description:
      'Only the fields sent change. `externalId` is write-only: left out or `""` keeps the stored one, a value replaces it, `null` removes it; answers say only `hasExternalId`. `teamIds` replaces the list of teams that may use the target (not on the sandbox target, which every team may use). Role ARNs must be in the target\'s account. Audited with old → new values (`details.changes`; the external id only as set, replaced or cleared)',
    tag: 'targets',
    body: targetUpdateSchema,
    bodyExample: { regions: ['eu-west-1', 'eu-central-1'], externalId: 'slipway-payments-8c1d', teamIds: [] },
    errors: {
      422: 'Invalid input; `fields` names each bad field and the rule it breaks (a role in another account, a team id that names no team, teams on the sandbox target)',
    },
  },
  {
    operationId: 'deleteTarget',
    method: 'DELETE',
    path: '/api/v1/targets/{id}',
    summary: 'Remove an AWS target (platform admins)',
    tag: 'targets',
    errors: { 409: 'The Sandbox target is built in and cannot be removed' },
  },
  {
    operationId: 'testTargetConnection',
    method: 'POST',
    path: '/api/v1/targets/{id}/test',
    summary: 'Test the connection (platform admins): AssumeRole with the role and external id, then GetCallerIdentity with its credentials',
    description:
      "Answers 200 whether AWS accepted or not: `{ ok, steps: [{ name, status, message }], identity, error, target }`, where `error` is AWS's message (never a secret) and `target.lastAnsweredAt` / `lastError` are stored for the targets page. A sandbox target without a role skips AssumeRole. The credentials must answer as the target's account. Audited",
    tag: 'targets',
    responseExample: {
      ok: true,
      steps: [
        { name: 'AssumeRole', status: 'ok' },
        { name: 'GetCallerIdentity', status: 'ok', message: 'arn:aws:sts::111122223333:assumed-role/SlipwayDeployer/slipway-connection-test' },
      ],
      identity: { accountId: '111122223333', arn: 'arn:aws:sts::111122223333:assumed-role/SlipwayDeployer/slipway-connection-test' },
      error: null,
    },
    errors: { 409: 'The target has no region to test in' },
  },
  {
    operationId: 'listAuditEntries',
    method: 'GET',
    path: '/api/v1/audit-log',
    summary: 'Audit log entries, newest first, filtered and paged on the server: team admins see their teams, platform admins everything',
    description:
      'Filters: `actor` (e-mail), `action` (one, or a family such as `target.*`), `resourceType`, `team` (slug or id), `outcome`, `from` (inclusive) and `to` (exclusive). `{ entries, nextCursor }`: pass `nextCursor` as `cursor` for the next page; null at the end. Admin changes carry `details.changes` as `{ field: { from, to } }`, secrets only as set, replaced or cleared',
    tag: 'audit',
    query: auditListQuerySchema,
    queryExample: { action: 'target.*', outcome: 'success', limit: 50 },
    errors: { 403: 'Neither a team admin nor a platform admin, or a `team` filter naming a team the caller is not an admin of' },
  },
  {
    operationId: 'exportAuditLog',
    method: 'GET',
    path: '/api/v1/audit-log/export',
    summary: 'The matching audit entries as JSON lines (application/x-ndjson), streamed, for a SIEM: the same filters and access as the list',
    tag: 'audit',
    query: auditExportQuerySchema,
    queryExample: { from: '2026-12-01T00:00:00Z', resourceType: 'aws-target' },
    responseMediaType: 'application/x-ndjson',
    responses: { 200: 'One entry per line, newest first, each the same object as in the list' },
    errors: { 403: 'Neither a team admin nor a platform admin, or a `team` filter naming a team the caller is not an admin of' },
  },
);

registerOperations(
  {
    operationId: 'listBlueprints',
    method: 'GET',
    path: '/api/v1/blueprints',
    summary: 'The catalog: search by words (title, summary, services, tags) and filter by service, category, dashboard, sandbox readiness',
    tag: 'catalog',
    query: blueprintSearchSchema,
  },
  {
    operationId: 'getBlueprint',
    method: 'GET',
    path: '/api/v1/blueprints/{slug}',
    summary: 'One blueprint: metadata, parameters, outputs, dashboards, capabilities, resources and the architecture graph',
    tag: 'catalog',
  },
);

const launchExample = {
  blueprint: 'sqs-batch-lambda',
  target: 'sandbox',
  region: 'us-east-1',
  stackName: 'orders-batch-dev',
  parameters: { BatchSize: 25, BatchingWindowSeconds: 5, FunctionMemory: 256 },
  tags: { 'cost-center': 'orders' },
};

registerOperations(
  {
    operationId: 'previewLaunch',
    method: 'POST',
    path: '/api/v1/launches/preview',
    summary: 'Validate a launch and preview its change set (resources to add, replacements, capabilities, monthly cost) without creating anything',
    tag: 'launches',
    body: launchRequestSchema,
    bodyExample: launchExample,
    errors: {
      404: 'No such blueprint (`fields.blueprint`) or target',
      409: 'The stack name is used by another launch or stack, or this launch already started',
      ...awsErrors,
    },
  },
  {
    operationId: 'getLaunchBuildProgress',
    method: 'GET',
    path: '/api/v1/launches/build-progress',
    summary:
      'The function builds (pending, building, built, cached, failed) of your newest launch of a stack name: what a running preview has built so far, or why it failed before CloudFormation',
    tag: 'launches',
    query: launchBuildProgressSchema,
  },
  {
    operationId: 'listLaunches',
    method: 'GET',
    path: '/api/v1/launches',
    summary: 'Launches, newest first, paged on the server: scope mine, team (default) or all (platform admins); filter by blueprint, status, target',
    description:
      "`{ launches, nextCursor }`: up to `limit` launches (default 50, at most 200), newest first by creation time (ties by id); pass `nextCursor` as `cursor` for the next page, with the same filters; null at the end. A cursor this API did not give out is 422 naming `cursor`. Only launches of the caller's teams are listed (platform admins: every team); deleted launches only with `includeDeleted=true`, discarded previews only with `status=DISCARDED`",
    tag: 'launches',
    query: launchListSchema,
    queryExample: { scope: 'team', status: 'CREATE_COMPLETE', limit: 20 },
    errors: {
      403: '`scope=all` from someone who is not a platform admin (`fields.scope`)',
      422: '`limit` not a whole number from 1 to 200 (`fields.limit`), a `cursor` this API did not give out (`fields.cursor`), or an unknown parameter',
    },
  },
  {
    operationId: 'startLaunch',
    method: 'POST',
    path: '/api/v1/launches',
    summary: 'Launch a blueprint (executes previewId when given). Idempotent: the same request returns the same launch; a stack name in use is 409',
    tag: 'launches',
    body: launchRequestSchema,
    bodyExample: launchExample,
    responses: { 201: 'Launch started', 200: 'The same request was already under way: that launch' },
    errors: {
      403: 'Not allowed, and audited: no developer role in the team, a team you are not in, a preview of another team, or a target your teams may not use (or that does not exist: `fields.target`)',
      404: 'No such blueprint or preview (`fields` names which)',
      409: 'The stack name is used by another launch or stack, or the inputs changed since the preview (`fields.previewId`)',
      ...awsErrors,
    },
  },
  {
    operationId: 'getLaunch',
    method: 'GET',
    path: '/api/v1/launches/{id}',
    summary: 'One launch: status, events, outputs, resources, progress, dashboards (secrets masked)',
    tag: 'launches',
  },
  {
    operationId: 'tearDownLaunch',
    method: 'DELETE',
    path: '/api/v1/launches/{id}',
    summary: 'Tear the stack down (the launch record stays, marked deleted); retainResources after a failed delete',
    tag: 'launches',
    body: teardownSchema,
    bodyExample: { retainResources: ['OrdersQueue'] },
    responses: { 202: 'Deletion started', 200: 'Already deleted or deleting' },
    errors: { 409: 'CloudFormation is still working on the stack; wait until it finishes', ...awsErrors },
  },
  {
    operationId: 'updateLaunch',
    method: 'POST',
    path: '/api/v1/launches/{id}/update',
    summary: 'Update parameters or move to the newest version through a change set; dryRun previews only',
    tag: 'launches',
    body: launchUpdateSchema,
    bodyExample: { parameters: { BatchSize: 50 }, version: 'latest', dryRun: true },
    responses: { 200: 'Preview (dryRun)', 202: 'Update started' },
    errors: { 409: 'The stack is not in a state that can be updated (an operation is in progress)', ...awsErrors },
  },
  {
    operationId: 'detectLaunchDrift',
    method: 'POST',
    path: '/api/v1/launches/{id}/drift',
    summary: 'Detect drift now, or say plainly that the target does not support it',
    tag: 'launches',
    errors: { 409: 'The launch has no stack to check', ...awsErrors },
  },
);

registerOperations({
  operationId: 'listTargetResources',
  method: 'GET',
  path: '/api/v1/targets/{id}/resources',
  summary: "Real resources of a target (VPCs, subnets, security groups, key pairs, AZs, instances, SSM parameters) for the launch form's pickers",
  tag: 'targets',
  query: pickerQuerySchema,
  errors: awsErrors,
});
