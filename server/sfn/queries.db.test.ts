import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db';
import { listRecentInputs, rememberRecentInput, RECENT_INPUTS_KEPT } from './queries';

const userId = `user-${randomUUID()}`;
const other = `user-${randomUUID()}`;
const machine = 'arn:aws:states:us-east-1:123456789012:stateMachine:recent-inputs';

afterAll(async () => {
  await db.sfnRecentInput.deleteMany({ where: { userId: { in: [userId, other] } } });
});

describe('recent Step Functions inputs', () => {
  it('keeps the newest five per person and machine, and moves a repeated input to the top', async () => {
    const base = Date.parse('2026-11-27T12:00:00Z');
    for (let i = 0; i < 7; i++) await rememberRecentInput(userId, machine, `{"n":${i}}`, new Date(base + i * 1000));
    await rememberRecentInput(other, machine, '{"someone":"else"}', new Date(base));
    let recent = await listRecentInputs(userId, machine);
    expect(recent).toHaveLength(RECENT_INPUTS_KEPT);
    expect(recent.map((r) => r.input)).toEqual(['{"n":6}', '{"n":5}', '{"n":4}', '{"n":3}', '{"n":2}']);

    await rememberRecentInput(userId, machine, '{"n":3}', new Date(base + 10_000));
    recent = await listRecentInputs(userId, machine);
    expect(recent.map((r) => r.input)).toEqual(['{"n":3}', '{"n":6}', '{"n":5}', '{"n":4}', '{"n":2}']);
    expect(await db.sfnRecentInput.count({ where: { userId, stateMachineArn: machine } })).toBe(RECENT_INPUTS_KEPT);
    expect((await listRecentInputs(other, machine)).map((r) => r.input)).toEqual(['{"someone":"else"}']);
    expect(await listRecentInputs(userId, `${machine}-other`)).toEqual([]);
  });
});
