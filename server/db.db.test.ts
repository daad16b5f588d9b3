import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { db, isDatabaseUnreachable, isRecordMissing, isUniqueViolation, withPrismaErrors } from '@/server/db';
import { AppError } from '@/server/errors';

// The data layer's side of error mapping, against the real database: Prisma's own errors for a
// duplicate unique key and a missing row become the AppErrors the queries name.

const slug = `db-errors-${randomUUID().slice(0, 8)}`;
const newTeam = () => db.team.create({ data: { slug, name: 'Errors' } });

afterAll(async () => {
  await db.team.deleteMany({ where: { slug } });
});

describe('withPrismaErrors', () => {
  it('turns a duplicate unique key into a CONFLICT with the given words', async () => {
    await newTeam();
    const err = await withPrismaErrors(newTeam(), { conflict: `Team ${slug} exists.` }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'CONFLICT', message: `Team ${slug} exists.` });
    expect(isUniqueViolation((err as AppError).cause)).toBe(true);
  });

  it('throws a given AppError as it is, fields included', async () => {
    const taken = new AppError('CONFLICT', 'taken', { fields: { slug: ['is taken'] } });
    await expect(withPrismaErrors(newTeam(), { conflict: taken })).rejects.toBe(taken);
  });

  it('turns an update or delete of a missing row into NOT_FOUND', async () => {
    const missing = db.team.delete({ where: { id: `missing-${randomUUID()}` } });
    await expect(withPrismaErrors(missing, { notFound: 'No such team.' })).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'No such team.' });
  });

  it('lets through a failure it was given no words for, and every other error', async () => {
    const err = await withPrismaErrors(newTeam(), { notFound: 'No such team.' }).catch((e: unknown) => e);
    expect(err).not.toBeInstanceOf(AppError);
    expect(isUniqueViolation(err)).toBe(true);
    const missing = await db.team.update({ where: { id: `missing-${randomUUID()}` }, data: { name: 'x' } }).catch((e: unknown) => e);
    expect(isRecordMissing(missing)).toBe(true);
    const other = new Error('disk full');
    await expect(withPrismaErrors(Promise.reject(other), { conflict: 'x', notFound: 'y' })).rejects.toBe(other);
  });

  it('returns what the query returns', async () => {
    expect(await withPrismaErrors(db.team.count({ where: { slug } }), { conflict: 'x' })).toBe(1);
  });
});

describe('isDatabaseUnreachable', () => {
  const adapter = (cause: Record<string, unknown>) => ({ code: 'P2039', meta: { driverAdapterError: { name: 'DriverAdapterError', cause } } });

  it('knows a server that is down or restarting, in the shapes Prisma and PostgreSQL report it', () => {
    // What a stopped PostgreSQL gave (server/health/database-stopped.int.test.ts): refused connections...
    expect(isDatabaseUnreachable({ code: 'P1001', meta: { driverAdapterError: { cause: { kind: 'DatabaseNotReachable' } } } })).toBe(true);
    // ...and, on connections the pool held, the shutdown's own error.
    expect(isDatabaseUnreachable(adapter({ kind: 'postgres', code: '57P01', message: 'terminating connection due to administrator command' }))).toBe(true);
    expect(isDatabaseUnreachable(adapter({ kind: 'postgres', code: '08006' }))).toBe(true);
    expect(isDatabaseUnreachable(adapter({ kind: 'ConnectionClosed' }))).toBe(true);
    expect(isDatabaseUnreachable({ code: 'P2024' })).toBe(true);
  });

  it('leaves alone errors about the query or the data', async () => {
    await db.team.create({ data: { slug: `${slug}-u`, name: 'Unreachable' } });
    const duplicate = await db.team.create({ data: { slug: `${slug}-u`, name: 'Again' } }).catch((e: unknown) => e);
    await db.team.deleteMany({ where: { slug: `${slug}-u` } });
    expect(isUniqueViolation(duplicate)).toBe(true);
    expect(isDatabaseUnreachable(duplicate)).toBe(false);
    expect(isDatabaseUnreachable(adapter({ kind: 'postgres', code: '23505' }))).toBe(false);
    expect(isDatabaseUnreachable(new Error('connect ECONNREFUSED'))).toBe(false);
    expect(isDatabaseUnreachable(null)).toBe(false);
  });
});
