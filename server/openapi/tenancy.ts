import 'server-only';
import { registerOperations } from '@/server/openapi/registry';
import { groupPrefixInputSchema, resourceAssignmentInputSchema } from '@/lib/schemas/tenancy';

// Ownership rules (docs/TENANCY.md): assignments of resources no launch created, consumer group prefixes.
registerOperations(
  {
    operationId: 'listResourceAssignments',
    method: 'GET',
    path: '/api/v1/targets/{id}/assignments',
    summary: 'Rules that give teams the resources on a target that no launch created (ARN patterns, tags)',
    tag: 'tenancy',
  },
  {
    operationId: 'addResourceAssignment',
    method: 'POST',
    path: '/api/v1/targets/{id}/assignments',
    summary: 'Assign resources to a team by ARN pattern or tag (platform admins; team admins for their own team)',
    tag: 'tenancy',
    body: resourceAssignmentInputSchema,
    bodyExample: { team: 'eagle', kind: 'arn-pattern', pattern: 'arn:aws:states:*:123456789012:stateMachine:legacy-*' },
    responses: { 201: 'Added' },
    errors: { 409: 'The team already has this rule on the target' },
  },
  {
    operationId: 'removeResourceAssignment',
    method: 'DELETE',
    path: '/api/v1/targets/{id}/assignments/{assignmentId}',
    summary: 'Remove an assignment rule (platform admins; admins of its team)',
    tag: 'tenancy',
  },
  {
    operationId: 'listGroupPrefixes',
    method: 'GET',
    path: '/api/v1/kafka/clusters/{id}/group-prefixes',
    summary: 'Consumer group id prefixes per team: the team whose prefix matches owns the group',
    tag: 'tenancy',
  },
  {
    operationId: 'addGroupPrefix',
    method: 'POST',
    path: '/api/v1/kafka/clusters/{id}/group-prefixes',
    summary: 'Give a team the groups whose ids start with a prefix (platform admins; team admins for their own team); prefixes of teams never overlap',
    tag: 'tenancy',
    body: groupPrefixInputSchema,
    bodyExample: { team: 'falcon', prefix: 'billing-' },
    responses: { 201: 'Added' },
    errors: { 409: 'The prefix overlaps one of another team (`fields.prefix` names it), or the team already has it' },
  },
  {
    operationId: 'removeGroupPrefix',
    method: 'DELETE',
    path: '/api/v1/kafka/clusters/{id}/group-prefixes/{prefixId}',
    summary: 'Remove a consumer group prefix (platform admins; admins of its team)',
    tag: 'tenancy',
  },
);
