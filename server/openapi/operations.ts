import 'server-only';
import { registerOperations } from '@/server/openapi/registry';
import { createTokenSchema } from '@/lib/schemas/tokens';
import { targetInputSchema } from '@/lib/schemas/targets';

// The foundation's operations. Feature modules add theirs in their own files, imported below.
registerOperations(
  { method: 'GET', path: '/api/v1/health', summary: 'Health of each dependency (database, sandbox AWS, Kafka), for load balancers', tag: 'system', public: true, responses: { 200: 'All dependencies up', 503: 'A dependency is down (body says which)' } },
  { method: 'GET', path: '/api/v1/openapi.json', summary: 'This document', tag: 'system', public: true },
  { method: 'GET', path: '/api/v1/me', summary: 'The caller: user, platform-admin flag, teams and roles', tag: 'identity' },
  { method: 'GET', path: '/api/v1/teams', summary: "The caller's teams (all teams for platform admins)", tag: 'identity' },
  { method: 'GET', path: '/api/v1/teams/{id}', summary: 'One team with its members and required tags (members of the team only)', tag: 'identity' },
  { method: 'GET', path: '/api/v1/tokens', summary: "The caller's API tokens (never the token values)", tag: 'identity' },
  { method: 'POST', path: '/api/v1/tokens', summary: 'Create an API token; the value is in this response only', tag: 'identity', body: createTokenSchema, responses: { 201: 'Created; `token` holds the value' } },
  { method: 'DELETE', path: '/api/v1/tokens/{id}', summary: 'Revoke an API token', tag: 'identity' },
  { method: 'GET', path: '/api/v1/targets', summary: "AWS targets the caller's teams may use", tag: 'targets' },
  { method: 'POST', path: '/api/v1/targets', summary: 'Register an AWS target (platform admins)', tag: 'targets', body: targetInputSchema, responses: { 201: 'Registered' } },
  { method: 'DELETE', path: '/api/v1/targets/{id}', summary: 'Remove an AWS target (platform admins)', tag: 'targets' },
  { method: 'GET', path: '/api/v1/audit-log', summary: 'Audit log entries: team admins see their teams, platform admins everything', tag: 'audit' },
);
