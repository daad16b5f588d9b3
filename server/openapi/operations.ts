import 'server-only';
import { registerOperations } from '@/server/openapi/registry';
import { createTokenSchema } from '@/lib/schemas/tokens';
import { pickerQuerySchema, targetInputSchema } from '@/lib/schemas/targets';
import { blueprintSearchSchema } from '@/lib/schemas/blueprints';
import '@/server/openapi/cost';
import '@/server/openapi/kafka';
import '@/server/openapi/stepfunctions';
import '@/server/openapi/tenancy';
import { launchListSchema, launchRequestSchema, launchUpdateSchema, teardownSchema } from '@/lib/schemas/launches';

// The foundation's operations. Feature modules add theirs in their own files, imported below.
registerOperations(
  {
    method: 'GET',
    path: '/api/v1/health',
    summary: 'Health of each dependency (database, sandbox AWS, Kafka), for load balancers',
    tag: 'system',
    public: true,
    responses: { 200: 'All dependencies up', 503: 'A dependency is down (body says which)' },
  },
  { method: 'GET', path: '/api/v1/openapi.json', summary: 'This document', tag: 'system', public: true },
  { method: 'GET', path: '/api/v1/me', summary: 'The caller: user, platform-admin flag, teams and roles', tag: 'identity' },
  { method: 'GET', path: '/api/v1/teams', summary: "The caller's teams (all teams for platform admins)", tag: 'identity' },
  { method: 'GET', path: '/api/v1/teams/{id}', summary: 'One team with its members and required tags (members of the team only)', tag: 'identity' },
  { method: 'GET', path: '/api/v1/tokens', summary: "The caller's API tokens (never the token values)", tag: 'identity' },
  {
    method: 'POST',
    path: '/api/v1/tokens',
    summary: 'Create an API token; the value is in this response only',
    tag: 'identity',
    body: createTokenSchema,
    responses: { 201: 'Created; `token` holds the value' },
  },
  { method: 'DELETE', path: '/api/v1/tokens/{id}', summary: 'Revoke an API token', tag: 'identity' },
  { method: 'GET', path: '/api/v1/targets', summary: "AWS targets the caller's teams may use", tag: 'targets' },
  {
    method: 'POST',
    path: '/api/v1/targets',
    summary: 'Register an AWS target (platform admins)',
    tag: 'targets',
    body: targetInputSchema,
    responses: { 201: 'Registered' },
  },
  { method: 'DELETE', path: '/api/v1/targets/{id}', summary: 'Remove an AWS target (platform admins)', tag: 'targets' },
  { method: 'GET', path: '/api/v1/audit-log', summary: 'Audit log entries: team admins see their teams, platform admins everything', tag: 'audit' },
);

registerOperations(
  {
    method: 'GET',
    path: '/api/v1/blueprints',
    summary: 'The catalog: search by words (title, summary, services, tags) and filter by service, category, dashboard, sandbox readiness',
    tag: 'catalog',
    query: blueprintSearchSchema,
  },
  {
    method: 'GET',
    path: '/api/v1/blueprints/{slug}',
    summary: 'One blueprint: metadata, parameters, outputs, dashboards, capabilities, resources and the architecture graph',
    tag: 'catalog',
  },
);

registerOperations(
  {
    method: 'POST',
    path: '/api/v1/launches/preview',
    summary: 'Validate a launch and preview its change set (resources to add, replacements, capabilities, monthly cost) without creating anything',
    tag: 'launches',
    body: launchRequestSchema,
  },
  {
    method: 'GET',
    path: '/api/v1/launches',
    summary: 'Launches: scope mine, team (default) or all (platform admins); filter by blueprint, status, target',
    tag: 'launches',
    query: launchListSchema,
  },
  {
    method: 'POST',
    path: '/api/v1/launches',
    summary: 'Launch a blueprint (executes previewId when given). Idempotent: the same request returns the same launch; a stack name in use is 409',
    tag: 'launches',
    body: launchRequestSchema,
    responses: { 201: 'Launch started', 200: 'The same request was already under way: that launch' },
  },
  {
    method: 'GET',
    path: '/api/v1/launches/{id}',
    summary: 'One launch: status, events, outputs, resources, progress, dashboards (secrets masked)',
    tag: 'launches',
  },
  {
    method: 'DELETE',
    path: '/api/v1/launches/{id}',
    summary: 'Tear the stack down (the launch record stays, marked deleted); retainResources after a failed delete',
    tag: 'launches',
    body: teardownSchema,
    responses: { 202: 'Deletion started', 200: 'Already deleted or deleting' },
  },
  {
    method: 'POST',
    path: '/api/v1/launches/{id}/update',
    summary: 'Update parameters or move to the newest version through a change set; dryRun previews only',
    tag: 'launches',
    body: launchUpdateSchema,
    responses: { 200: 'Preview (dryRun)', 202: 'Update started' },
  },
  { method: 'POST', path: '/api/v1/launches/{id}/drift', summary: 'Detect drift now, or say plainly that the target does not support it', tag: 'launches' },
);

registerOperations({
  method: 'GET',
  path: '/api/v1/targets/{id}/resources',
  summary: "Real resources of a target (VPCs, subnets, security groups, key pairs, AZs, instances, SSM parameters) for the launch form's pickers",
  tag: 'targets',
  query: pickerQuerySchema,
});
