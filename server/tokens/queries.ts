import 'server-only';
import { db } from '@/server/db';
import { AppError } from '@/server/errors';
import { hashToken, looksLikeToken, mintToken } from '@/server/tokens/tokens';
import type { ApiTokenDto } from '@/lib/schemas/tokens';

export type { ApiTokenDto };

function toDto(t: {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
}): ApiTokenDto {
  return {
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    createdAt: t.createdAt.toISOString(),
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    expiresAt: t.expiresAt?.toISOString() ?? null,
    revokedAt: t.revokedAt?.toISOString() ?? null,
  };
}

/** Creates a token for a user; the plaintext is returned here and never again. */
export async function createApiToken(userId: string, name: string, expiresInDays?: number): Promise<{ token: string; record: ApiTokenDto }> {
  const { token, hash, prefix } = mintToken();
  const expiresAt = expiresInDays ? new Date(Date.now() + expiresInDays * 86_400_000) : null;
  const record = await db.apiToken.create({ data: { userId, name, hash, prefix, expiresAt } });
  return { token, record: toDto(record) };
}

/** The user a live token belongs to (and records its use), or null. */
export async function resolveApiToken(token: string): Promise<{ userId: string; tokenId: string } | null> {
  if (!looksLikeToken(token)) return null;
  const record = await db.apiToken.findUnique({ where: { hash: hashToken(token) } });
  if (!record || record.revokedAt || (record.expiresAt && record.expiresAt < new Date())) return null;
  // Only touch lastUsedAt once a minute: a busy automation must not turn every read into a write.
  if (!record.lastUsedAt || Date.now() - record.lastUsedAt.getTime() > 60_000) {
    await db.apiToken.update({ where: { id: record.id }, data: { lastUsedAt: new Date() } });
  }
  return { userId: record.userId, tokenId: record.id };
}

export async function listApiTokens(userId: string): Promise<ApiTokenDto[]> {
  const rows = await db.apiToken.findMany({ where: { userId }, orderBy: { createdAt: 'desc' } });
  return rows.map(toDto);
}

/** Revokes one of the user's tokens (platform admins may revoke anyone's). */
export async function revokeApiToken(tokenId: string, actor: { userId: string; isPlatformAdmin: boolean }): Promise<ApiTokenDto> {
  const record = await db.apiToken.findUnique({ where: { id: tokenId } });
  if (!record || (record.userId !== actor.userId && !actor.isPlatformAdmin)) throw new AppError('NOT_FOUND', 'No such API token.');
  const updated = await db.apiToken.update({ where: { id: tokenId }, data: { revokedAt: record.revokedAt ?? new Date() } });
  return toDto(updated);
}
