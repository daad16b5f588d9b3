import 'server-only';
import { registerOperations } from '@/server/openapi/registry';
import { groupPrefixInputSchema, resourceAssignmentInputSchema } from '@/lib/schemas/tenancy';

// Ownership rules (docs/TENANCY.md): assignments of resources no launch created, consumer group prefixes.
registerOperations(
  {
    method: 'GET',
    path: '/api/v1/targets/{id}/assignments',
    summary: 'Rules that give teams the resources on a target that no launch created (ARN patterns, tags)',
    tag: 'tenancy',
  },
  {
    method: 'POST',
    path: '/api/v1/targets/{id}/assignments',
    summary: 'Assign resources to a team by ARN pattern or tag (platform admins; team admins for their own team)',
    tag: 'tenancy',
    body: resourceAssignmentInputSchema,
    responses: { 201: 'Added' },
  },
  {
    method: 'DELETE',
    path: '/api/v1/targets/{id}/assignments/{assignmentId}',
    summary: 'Remove an assignment rule (platform admins; admins of its team)',
    tag: 'tenancy',
  },
  {
    method: 'GET',
    path: '/api/v1/kafka/clusters/{id}/group-prefixes',
    summary: 'Consumer group id prefixes per team: the team whose prefix matches owns the group',
    tag: 'tenancy',
  },
  {
    method: 'POST',
    path: '/api/v1/kafka/clusters/{id}/group-prefixes',
    summary: 'Give a team the groups whose ids start with a prefix (platform admins; team admins for their own team); prefixes of teams never overlap',
    tag: 'tenancy',
    body: groupPrefixInputSchema,
    responses: { 201: 'Added' },
  },
  {
    method: 'DELETE',
    path: '/api/v1/kafka/clusters/{id}/group-prefixes/{prefixId}',
    summary: 'Remove a consumer group prefix (platform admins; admins of its team)',
    tag: 'tenancy',
  },
);
