import 'server-only';
import { z } from 'zod';
import { db, withPrismaErrors } from '@/server/db';
import { AppError } from '@/server/errors';
import { decryptSecret, encryptSecret } from '@/server/crypto';
import { readableTeamIds } from '@/server/auth/authz';
import { SANDBOX_ACCOUNT_ID, type AwsTargetRef } from '@/server/aws/clients';
import type { Actor } from '@/server/auth/actor';
import type { TargetDto, TargetInput } from '@/lib/schemas/targets';
import type { FieldErrors } from '@/server/errors';

const SANDBOX_TARGET_NAME = 'sandbox';
const SANDBOX_REGIONS = ['us-east-1', 'eu-west-1', 'ap-southeast-2'];

const regionsSchema = z.array(z.string());

type TargetRow = {
  id: string;
  name: string;
  accountId: string;
  regions: string;
  roleArn: string | null;
  serviceRoleArn: string | null;
  externalIdEncrypted: string | null;
  isSandbox: boolean;
  lastAnsweredAt: Date | null;
  lastCheckedAt: Date | null;
  lastError: string | null;
  teams: { teamId: string }[];
};

function toDto(t: TargetRow): TargetDto {
  return {
    id: t.id,
    name: t.name,
    accountId: t.accountId,
    regions: regionsSchema.parse(JSON.parse(t.regions)),
    roleArn: t.roleArn,
    serviceRoleArn: t.serviceRoleArn,
    hasExternalId: Boolean(t.externalIdEncrypted),
    isSandbox: t.isSandbox,
    teamIds: t.teams.map((x) => x.teamId),
    lastAnsweredAt: t.lastAnsweredAt?.toISOString() ?? null,
    lastCheckedAt: t.lastCheckedAt?.toISOString() ?? null,
    lastError: t.lastError,
  };
}

/** Targets the actor's teams may use (platform admins see all). */
export async function listTargetsForActor(actor: Actor): Promise<TargetDto[]> {
  const teamIds = readableTeamIds(actor);
  const rows = await db.awsTarget.findMany({
    where: teamIds ? { OR: [{ isSandbox: true }, { teams: { some: { teamId: { in: teamIds } } } }] } : undefined,
    include: { teams: { select: { teamId: true } } },
    orderBy: [{ isSandbox: 'desc' }, { name: 'asc' }],
  });
  return rows.map(toDto);
}

/** Finds a target by id or name ("sandbox" names the Sandbox target) that the actor may use. */
export async function getTargetForActor(actor: Actor, idOrName: string): Promise<TargetDto> {
  const targets = await listTargetsForActor(actor);
  const found = targets.find((t) => t.id === idOrName || t.name === idOrName);
  if (!found) throw new AppError('NOT_FOUND', `No target "${idOrName}" that your teams may use.`);
  return found;
}

/** The target as the AWS client factory needs it (external id decrypted), in one region. */
export async function resolveTargetRef(target: TargetDto, region: string): Promise<AwsTargetRef> {
  if (!target.regions.includes(region)) {
    throw new AppError('VALIDATION', `region ${region} is not allowed for target ${target.name} (allowed: ${target.regions.join(', ')})`, {
      fields: { region: [`must be one of ${target.regions.join(', ')}`] },
    });
  }
  const row = await db.awsTarget.findUnique({ where: { id: target.id } });
  if (!row) throw new AppError('NOT_FOUND', `Target ${target.name} no longer exists.`);
  return {
    id: row.id,
    name: row.name,
    accountId: row.accountId,
    region,
    roleArn: row.roleArn,
    serviceRoleArn: row.serviceRoleArn,
    externalId: row.externalIdEncrypted ? decryptSecret(row.externalIdEncrypted, `target:${row.id}`) : null,
    isSandbox: row.isSandbox,
  };
}

/** Registers a target (platform admins only; checked by the caller). */
export async function createTarget(input: TargetInput): Promise<TargetDto> {
  const nameTaken = new AppError('CONFLICT', `A target named ${input.name} already exists.`, { fields: { name: ['is already taken'] } });
  if (await db.awsTarget.findUnique({ where: { name: input.name } })) throw nameTaken;
  const created = await withPrismaErrors(
    db.awsTarget.create({
      data: {
        name: input.name,
        accountId: input.accountId,
        regions: JSON.stringify(input.regions),
        roleArn: input.roleArn,
        serviceRoleArn: input.serviceRoleArn ?? null,
      },
    }),
    { conflict: nameTaken },
  );
  const row = await db.awsTarget.update({
    where: { id: created.id },
    data: {
      externalIdEncrypted: encryptSecret(input.externalId, `target:${created.id}`),
      teams: { create: input.teamIds.map((teamId) => ({ teamId })) },
    },
    include: { teams: { select: { teamId: true } } },
  });
  return toDto(row);
}

export async function deleteTarget(id: string): Promise<void> {
  const row = await db.awsTarget.findUnique({ where: { id } });
  if (!row) throw new AppError('NOT_FOUND', 'No such target.');
  if (row.isSandbox) throw new AppError('CONFLICT', 'The Sandbox target is built in and cannot be removed.');
  await withPrismaErrors(db.awsTarget.delete({ where: { id } }), { notFound: 'No such target.' });
}

/** Makes sure the built-in Sandbox target exists (idempotent). */
export async function ensureSandboxTarget(): Promise<void> {
  await db.awsTarget.upsert({
    where: { name: SANDBOX_TARGET_NAME },
    update: {},
    create: { name: SANDBOX_TARGET_NAME, accountId: SANDBOX_ACCOUNT_ID, regions: JSON.stringify(SANDBOX_REGIONS), isSandbox: true },
  });
}

/** The id of the built-in Sandbox target; NOT_FOUND before the seed created it. */
export async function findSandboxTargetId(): Promise<string> {
  const row = await db.awsTarget.findUnique({ where: { name: SANDBOX_TARGET_NAME }, select: { id: true, isSandbox: true } });
  if (!row?.isSandbox) throw new AppError('NOT_FOUND', 'There is no Sandbox target yet: seed the database first (npm run db:seed).');
  return row.id;
}

/** The AWS client factory's view of a stored target by id (for background work with no actor). */
export async function resolveTargetRefById(targetId: string, region: string): Promise<AwsTargetRef> {
  const row = await db.awsTarget.findUnique({ where: { id: targetId }, include: { teams: { select: { teamId: true } } } });
  if (!row) throw new AppError('NOT_FOUND', 'The launch target no longer exists.');
  return resolveTargetRef(toDto(row), region);
}

/** One target by id with no access check (platform admins' edits and tests; callers check the role). */
export async function getTargetById(id: string): Promise<TargetDto> {
  const row = await db.awsTarget.findUnique({ where: { id }, include: { teams: { select: { teamId: true } } } });
  if (!row) throw new AppError('NOT_FOUND', 'No such target.');
  return toDto(row);
}

/** A target edit as stored: undefined leaves a field alone; `externalId` null removes the secret. */
export type TargetChange = {
  roleArn?: string | null;
  serviceRoleArn?: string | null;
  externalId?: string | null;
  regions?: string[];
  teamIds?: string[];
};

/**
 * Applies an edit in one transaction (the team list is replaced whole) and returns the target as it
 * was and as it is. Team ids that name no team are a VALIDATION error on `teamIds`.
 */
export async function updateTarget(id: string, change: TargetChange): Promise<{ before: TargetDto; after: TargetDto }> {
  const before = await getTargetById(id);
  if (change.teamIds?.length) {
    const found = new Set((await db.team.findMany({ where: { id: { in: change.teamIds } }, select: { id: true } })).map((t) => t.id));
    const unknown = change.teamIds.filter((t) => !found.has(t));
    if (unknown.length) {
      const fields: FieldErrors = { teamIds: [`names no team: ${unknown.join(', ')}`] };
      throw new AppError('VALIDATION', `Invalid input — teamIds: names no team: ${unknown.join(', ')}`, { fields });
    }
  }
  const row = await withPrismaErrors(
    db.$transaction(async (tx) => {
      if (change.teamIds) {
        await tx.targetTeam.deleteMany({ where: { targetId: id } });
        await tx.targetTeam.createMany({ data: [...new Set(change.teamIds)].map((teamId) => ({ targetId: id, teamId })) });
      }
      return tx.awsTarget.update({
        where: { id },
        data: {
          ...(change.roleArn !== undefined ? { roleArn: change.roleArn } : {}),
          ...(change.serviceRoleArn !== undefined ? { serviceRoleArn: change.serviceRoleArn } : {}),
          ...(change.regions ? { regions: JSON.stringify(change.regions) } : {}),
          ...(change.externalId !== undefined
            ? { externalIdEncrypted: change.externalId === null ? null : encryptSecret(change.externalId, `target:${id}`) }
            : {}),
        },
        include: { teams: { select: { teamId: true } } },
      });
    }),
    { notFound: 'No such target.' },
  );
  return { before, after: toDto(row) };
}

/** Stores the outcome of a connection test: a success is also an answer, a failure keeps AWS's message. */
export async function recordTargetCheck(id: string, outcome: { ok: true } | { ok: false; error: string }, at = new Date()): Promise<TargetDto> {
  const row = await withPrismaErrors(
    db.awsTarget.update({
      where: { id },
      data: { lastCheckedAt: at, ...(outcome.ok ? { lastAnsweredAt: at, lastError: null } : { lastError: outcome.error.slice(0, 2000) }) },
      include: { teams: { select: { teamId: true } } },
    }),
    { notFound: 'No such target.' },
  );
  return toDto(row);
}

const ANSWER_INTERVAL_MS = 60_000;
const answeredRecently = new Map<string, number>();

/**
 * Notes that a call with the target's credentials just succeeded (launch-time calls), at most once a
 * minute per target: remembered in memory first, and the update is conditional, so several
 * instances also write at most about once a minute between them.
 */
export async function noteTargetAnswered(id: string, now = new Date()): Promise<void> {
  const last = answeredRecently.get(id);
  if (last !== undefined && now.getTime() - last < ANSWER_INTERVAL_MS) return;
  answeredRecently.set(id, now.getTime());
  await db.awsTarget.updateMany({
    where: { id, OR: [{ lastAnsweredAt: null }, { lastAnsweredAt: { lt: new Date(now.getTime() - ANSWER_INTERVAL_MS) } }] },
    data: { lastAnsweredAt: now },
  });
}

/** Slugs of the given team ids (for the audit log's words); ids that name no team are left out. */
export async function teamSlugsById(ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db.team.findMany({ where: { id: { in: ids } }, select: { id: true, slug: true } });
  return new Map(rows.map((r) => [r.id, r.slug]));
}
