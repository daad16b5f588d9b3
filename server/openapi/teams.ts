import 'server-only';
import { registerOperations } from '@/server/openapi/registry';
import { memberAddSchema, memberRoleSchema, requiredTagsInputSchema, teamCreateSchema, teamRenameSchema } from '@/lib/schemas/teams';

// Teams administration: platform admins create, rename and archive teams; team admins (and platform
// admins) manage their team's local members and required launch tags. Every change is audited.
registerOperations(
  {
    operationId: 'createTeam',
    method: 'POST',
    path: '/api/v1/teams',
    summary: 'Create a team (platform admins)',
    tag: 'teams',
    body: teamCreateSchema,
    bodyExample: { slug: 'heron', name: 'Heron' },
    responses: { 201: 'Created' },
    errors: { 409: 'A team already has this slug (`fields.slug`)' },
  },
  {
    operationId: 'renameTeam',
    method: 'PATCH',
    path: '/api/v1/teams/{id}',
    summary: 'Rename a team (platform admins); its slug never changes',
    tag: 'teams',
    body: teamRenameSchema,
    bodyExample: { name: 'Heron payments' },
  },
  {
    operationId: 'archiveTeam',
    method: 'POST',
    path: '/api/v1/teams/{id}/archive',
    summary: 'Archive a team (platform admins): it leaves every picker and cannot launch; its launches and audit entries stay',
    description:
      'Refused with 409 while any launch of the team may still hold resources (any status but DELETED, DISCARDED or FAILED_TO_START): the message names them, and `details.liveLaunches` lists `{ id, stackName, status }`. Archiving an archived team answers it unchanged.',
    tag: 'teams',
    errors: { 409: 'The team has live launches; `details.liveLaunches` names them' },
  },
  {
    operationId: 'listTeamMembers',
    method: 'GET',
    path: '/api/v1/teams/{id}/members',
    summary: "A team's members with their role and where it came from: `source` local (an admin's) or idp (with `idpGroup`) (team admins, platform admins)",
    tag: 'teams',
  },
  {
    operationId: 'addTeamMember',
    method: 'POST',
    path: '/api/v1/teams/{id}/members',
    summary: 'Add a local member by the e-mail of someone who has signed in before (team admins, platform admins)',
    tag: 'teams',
    body: memberAddSchema,
    bodyExample: { email: 'farah@example.com', role: 'developer' },
    responses: { 201: 'Added' },
    errors: {
      409: 'Already a member (an IdP-derived membership cannot be replaced by a local one), or the team is archived',
      422: 'Invalid input, or nobody with this e-mail has signed in (`fields.email`)',
    },
  },
  {
    operationId: 'changeTeamMemberRole',
    method: 'PATCH',
    path: '/api/v1/teams/{id}/members/{membershipId}',
    summary: "Change a local member's role (team admins, platform admins)",
    tag: 'teams',
    body: memberRoleSchema,
    bodyExample: { role: 'admin' },
    errors: { 409: 'The membership comes from the identity provider (replaced at each sign-in), or the team is archived' },
  },
  {
    operationId: 'removeTeamMember',
    method: 'DELETE',
    path: '/api/v1/teams/{id}/members/{membershipId}',
    summary: 'Remove a local member (team admins, platform admins)',
    tag: 'teams',
    errors: { 409: 'The membership comes from the identity provider (replaced at each sign-in)' },
  },
  {
    operationId: 'setTeamRequiredTags',
    method: 'PUT',
    path: '/api/v1/teams/{id}/required-tags',
    summary: 'Replace the tags every launch of the team carries (team admins, platform admins)',
    description:
      'Each rule has a `key`, then `allowedValues` or a `pattern` (a regular expression matched against the whole value; not both), and an optional `default`. Launches and updates whose value breaks a rule are refused with 422 naming `tags.<key>` and the rule.',
    tag: 'teams',
    body: requiredTagsInputSchema,
    bodyExample: {
      tags: [
        { key: 'cost-center', pattern: 'CC-\\d{4}', default: 'CC-1001' },
        { key: 'env', allowedValues: ['dev', 'staging', 'prod'], default: 'dev' },
        { key: 'owner' },
      ],
    },
    errors: { 409: 'The team is archived' },
  },
);
