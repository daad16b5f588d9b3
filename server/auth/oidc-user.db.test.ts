import { afterAll, describe, expect, it } from 'vitest';

import { syncOidcUser } from '@/server/auth/oidc-user';
import { db } from '@/server/db';

const email = `oidc-${Date.now()}@example.com`;
const MixedCase = email.replace('oidc', 'OIDC');

afterAll(async () => {
  const user = await db.user.findUnique({ where: { email } });
  if (user) {
    await db.auditLog.deleteMany({ where: { resourceId: user.id } });
    await db.user.delete({ where: { id: user.id } });
  }
});

const auditOf = async (id: string) =>
  (await db.auditLog.findMany({ where: { resourceType: 'user', resourceId: id }, orderBy: { at: 'asc' } })).map((row) => ({
    action: row.action,
    details: JSON.parse(row.details),
  }));

describe('an OIDC sign-in and SLIPWAY_PLATFORM_ADMINS', () => {
  it('creates an ordinary user when the address is not listed, and audits nothing', async () => {
    const { id, isPlatformAdmin } = await syncOidcUser({ email: MixedCase, name: 'Olive' }, ['someone-else@example.com']);
    expect(isPlatformAdmin).toBe(false);
    const stored = await db.user.findUniqueOrThrow({ where: { id } });
    expect(stored).toMatchObject({ email, name: 'Olive', isPlatformAdmin: false });
    expect(await auditOf(id)).toEqual([]);
  });

  it('grants the role at the sign-in after the address is listed, and takes it away once it is removed', async () => {
    const granted = await syncOidcUser({ email, name: 'Olive' }, [email]);
    expect(granted.isPlatformAdmin).toBe(true);
    expect((await db.user.findUniqueOrThrow({ where: { id: granted.id } })).isPlatformAdmin).toBe(true);
    // Signing in again with the same setting changes nothing and adds no audit record.
    await syncOidcUser({ email, name: 'Olive Oak' }, [email]);
    const revoked = await syncOidcUser({ email, name: 'Olive Oak' }, []);
    expect(revoked).toEqual({ id: granted.id, isPlatformAdmin: false });
    expect(await db.user.findUniqueOrThrow({ where: { id: granted.id } })).toMatchObject({ name: 'Olive Oak', isPlatformAdmin: false });
    expect(await auditOf(granted.id)).toEqual([
      { action: 'admin.platform-admin.grant', details: { email, source: 'SLIPWAY_PLATFORM_ADMINS', from: false, to: true } },
      { action: 'admin.platform-admin.revoke', details: { email, source: 'SLIPWAY_PLATFORM_ADMINS', from: true, to: false } },
    ]);
  });
});
