import 'server-only';
import { AppError, type FieldErrors } from '@/server/errors';
import { requirePlatformAdmin } from '@/server/auth/authz';
import { recordAudit } from '@/server/audit/queries';
import { describeChanges, describeSecretChange, type SecretChange } from '@/server/audit/changes';
import {
  createTarget,
  deleteTarget,
  getTargetById,
  recordTargetCheck,
  resolveTargetRef,
  teamSlugsById,
  updateTarget,
  type TargetChange,
} from '@/server/targets/queries';
import { testTargetConnection } from '@/server/targets/connection-test';
import type { Actor } from '@/server/auth/actor';
import type { AuditFieldChange } from '@/lib/audit/dto';
import type { TargetConnectionTestDto, TargetDto, TargetInput, TargetUpdate } from '@/lib/schemas/targets';

const ROLE_ACCOUNT = /^arn:aws[a-z-]*:iam::(\d{12}):role\//;

function invalid(field: string, rule: string): AppError {
  const fields: FieldErrors = { [field]: [rule] };
  return new AppError('VALIDATION', `Invalid input — ${field}: ${rule}`, { fields });
}

/** The rules an edit must keep that depend on the target itself (the schema checked each field's shape). */
export function checkTargetUpdate(target: TargetDto, update: TargetUpdate): void {
  if (update.roleArn === null && !target.isSandbox) throw invalid('roleArn', 'is required for a target outside the sandbox');
  for (const field of ['roleArn', 'serviceRoleArn'] as const) {
    const account = update[field]?.match(ROLE_ACCOUNT)?.[1];
    if (account && account !== target.accountId) throw invalid(field, `must be a role in the target's account ${target.accountId}, not ${account}`);
  }
  if (target.isSandbox && update.teamIds !== undefined) throw invalid('teamIds', 'cannot be set on the sandbox target: every team may use it');
  if (update.externalId && !(update.roleArn ?? target.roleArn)) throw invalid('externalId', 'needs a role ARN: AssumeRole is what sends it');
}

// Team ids become slugs in the audit log: readers know teams by name, and an id outlives nothing.
async function withTeamSlugs(target: TargetDto) {
  const slugs = await teamSlugsById(target.teamIds);
  return { ...target, teams: target.teamIds.map((id) => slugs.get(id) ?? id).sort() };
}

/**
 * Edits a target (platform admins): role ARN, service role, regions, teams and the write-only
 * external id (empty keeps it, null removes it). Audited with old → new values, the secret only as
 * set, replaced or cleared.
 */
export async function editTarget(actor: Actor, id: string, update: TargetUpdate): Promise<TargetDto> {
  requirePlatformAdmin(actor, 'edit AWS targets');
  const target = await getTargetById(id);
  checkTargetUpdate(target, update);
  const externalIdEdit = update.externalId === null ? 'clear' : update.externalId ? 'replace' : 'keep';
  const change: TargetChange = {
    roleArn: update.roleArn,
    serviceRoleArn: update.serviceRoleArn,
    regions: update.regions,
    teamIds: update.teamIds,
    externalId: externalIdEdit === 'clear' ? null : externalIdEdit === 'replace' ? update.externalId! : undefined,
  };
  const { before, after } = await updateTarget(id, change);
  const changes: Record<string, AuditFieldChange | SecretChange> = describeChanges(await withTeamSlugs(before), await withTeamSlugs(after), [
    'roleArn',
    'serviceRoleArn',
    'regions',
    'teams',
  ]);
  const secret = describeSecretChange(before.hasExternalId, externalIdEdit);
  if (secret) changes.externalId = secret;
  if (Object.keys(changes).length) {
    await recordAudit({
      actor,
      action: 'target.update',
      resourceType: 'aws-target',
      resourceId: id,
      outcome: 'success',
      details: { name: after.name, accountId: after.accountId },
      changes,
    });
  }
  return after;
}

const AUDITED_FIELDS = ['name', 'accountId', 'roleArn', 'serviceRoleArn', 'regions', 'teams'] as const;
const NOTHING = { name: null, accountId: null, roleArn: null, serviceRoleArn: null, regions: null, teams: null };

/** Registers a target (platform admins), audited as every field from nothing to its value. */
export async function registerTarget(actor: Actor, input: TargetInput): Promise<TargetDto> {
  requirePlatformAdmin(actor, 'register AWS targets');
  const target = await createTarget(input);
  await recordAudit({
    actor,
    action: 'target.create',
    resourceType: 'aws-target',
    resourceId: target.id,
    outcome: 'success',
    // The old flat fields stay for readers of earlier entries; `changes` is the shape every admin change has.
    details: { name: target.name, accountId: target.accountId, regions: target.regions, roleArn: target.roleArn, teamIds: target.teamIds },
    changes: { ...describeChanges(NOTHING, await withTeamSlugs(target), AUDITED_FIELDS), externalId: { from: 'not set', to: 'set' } },
  });
  return target;
}

/** Removes a target (platform admins), audited with what it was. */
export async function removeTarget(actor: Actor, id: string): Promise<void> {
  requirePlatformAdmin(actor, 'remove AWS targets');
  const target = await getTargetById(id);
  await deleteTarget(id);
  const secret = describeSecretChange(target.hasExternalId, 'clear');
  await recordAudit({
    actor,
    action: 'target.delete',
    resourceType: 'aws-target',
    resourceId: id,
    outcome: 'success',
    details: { name: target.name, accountId: target.accountId },
    changes: { ...describeChanges(await withTeamSlugs(target), NOTHING, AUDITED_FIELDS), ...(secret ? { externalId: secret } : {}) },
  });
}

/** Runs "test the connection" on a target (platform admins), stores when it answered, and audits the test. */
export async function runTargetConnectionTest(actor: Actor, id: string): Promise<TargetConnectionTestDto> {
  requirePlatformAdmin(actor, 'test AWS targets');
  const target = await getTargetById(id);
  const region = target.regions[0];
  if (!region) throw new AppError('CONFLICT', `Target ${target.name} has no region to test in.`);
  const result = await testTargetConnection(await resolveTargetRef(target, region));
  const stored = await recordTargetCheck(id, result.ok ? { ok: true } : { ok: false, error: result.error ?? 'failed' });
  await recordAudit({
    actor,
    action: 'target.test',
    resourceType: 'aws-target',
    resourceId: id,
    outcome: result.ok ? 'success' : 'failure',
    details: { name: target.name, region, ...(result.ok ? { identity: result.identity?.arn ?? null } : { error: result.error }) },
  });
  return { ...result, target: stored };
}
