import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db';
import { createApiToken, listApiTokens, resolveApiToken, revokeApiToken } from '@/server/tokens/queries';
import { hashToken } from '@/server/tokens/tokens';

let userId: string;

beforeAll(async () => {
  const user = await db.user.create({ data: { email: `tokens-${randomUUID()}@example.com`, name: 'Token Tester' } });
  userId = user.id;
});

afterAll(async () => {
  await db.user.delete({ where: { id: userId } });
});

describe('API tokens in the database', () => {
  it('stores only a hash, resolves the plaintext, and stops resolving once revoked', async () => {
    const { token, record } = await createApiToken(userId, 'ci');
    const row = await db.apiToken.findUniqueOrThrow({ where: { id: record.id } });
    expect(row.hash).toBe(hashToken(token));
    expect(JSON.stringify(row)).not.toContain(token);
    expect(await resolveApiToken(token)).toEqual({ userId, tokenId: record.id });
    await revokeApiToken(record.id, { userId, isPlatformAdmin: false });
    expect(await resolveApiToken(token)).toBeNull();
  });

  it('refuses expired tokens and tokens that are not ours', async () => {
    const { token, record } = await createApiToken(userId, 'short', 1);
    await db.apiToken.update({ where: { id: record.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await resolveApiToken(token)).toBeNull();
    expect(await resolveApiToken('slw_this-token-was-never-issued-000000000000')).toBeNull();
    expect(await resolveApiToken('not-even-a-token')).toBeNull();
  });

  it("does not let one user revoke another user's token", async () => {
    const { record } = await createApiToken(userId, 'mine');
    await expect(revokeApiToken(record.id, { userId: 'someone-else', isPlatformAdmin: false })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const listed = await listApiTokens(userId);
    expect(listed.find((t) => t.id === record.id)?.revokedAt).toBeNull();
  });
});
