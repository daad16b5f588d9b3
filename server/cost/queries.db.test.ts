import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db';
import { createCostScenario, deleteCostScenario, getCostScenario, listCostScenarios, updateCostScenario } from '@/server/cost/queries';
import { removeCostScenario, replaceCostScenario, saveCostScenario } from '@/server/cost/scenarios';
import type { CostScenarioBody } from '@/lib/schemas/cost-scenarios';
import type { Actor } from '@/server/auth/actor';

const lambdaScenario = (name: string, memoryMb = 2048): CostScenarioBody => ({
  name,
  kind: 'lambda',
  input: {
    architecture: 'x86_64',
    region: 'us-east-1',
    memoryMb,
    durationMs: 60_000,
    invocationsPerMonth: 75_000_000,
    ephemeralStorageMb: 512,
    includeFreeTier: false,
  },
});

const sqsScenario = (name: string): CostScenarioBody => ({
  name,
  kind: 'sqs-batch',
  input: {
    messagesPerDay: 10_000_000,
    batchSizes: [1, 10, 100],
    baseMemoryMb: 256,
    batchMemoryOverheadMb: 128,
    batchIncrement: 300,
    warmLatencyMs: 20,
    perMessageMs: 0.1,
    messageSizeKb: 4,
    batchingWindowS: 1,
    architecture: 'arm64',
    region: 'eu-west-1',
    includeFreeTier: true,
    includeSqsRequests: true,
  },
});

let owner: string;
let other: string;

beforeAll(async () => {
  owner = (await db.user.create({ data: { email: `cost-owner-${randomUUID()}@example.com`, name: 'Cost Owner' } })).id;
  other = (await db.user.create({ data: { email: `cost-other-${randomUUID()}@example.com`, name: 'Someone Else' } })).id;
});

afterAll(async () => {
  await db.costScenario.deleteMany({ where: { userId: { in: [owner, other] } } });
  await db.auditLog.deleteMany({ where: { actorId: { in: [owner, other] } } });
  await db.user.deleteMany({ where: { id: { in: [owner, other] } } });
});

describe('cost scenarios in the database', () => {
  it('saves, lists, reads back, replaces and deletes, with the input intact', async () => {
    const lambda = await createCostScenario(owner, lambdaScenario('post example'));
    const sqs = await createCostScenario(owner, sqsScenario('queue drain'));
    expect(lambda).toMatchObject(lambdaScenario('post example'));
    expect(sqs.input).toEqual(sqsScenario('queue drain').input);

    const listed = await listCostScenarios(owner);
    expect(listed.map((scenario) => scenario.name)).toEqual(['queue drain', 'post example']);
    expect(await getCostScenario(owner, lambda.id)).toEqual(lambda);

    const updated = await updateCostScenario(owner, lambda.id, lambdaScenario('post example, 1 GB', 1024));
    expect(updated).toMatchObject({ id: lambda.id, name: 'post example, 1 GB', input: { memoryMb: 1024 } });
    expect(new Date(updated.updatedAt).getTime()).toBeGreaterThanOrEqual(new Date(lambda.updatedAt).getTime());
    expect((await listCostScenarios(owner))[0]?.id).toBe(lambda.id);

    // A PUT may switch the model: the stored input follows the kind.
    const switched = await updateCostScenario(owner, sqs.id, lambdaScenario('queue drain'));
    expect(switched).toMatchObject({ kind: 'lambda', input: { memoryMb: 2048 } });

    expect(await deleteCostScenario(owner, lambda.id)).toMatchObject({ id: lambda.id });
    await expect(getCostScenario(owner, lambda.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await deleteCostScenario(owner, sqs.id);
    expect(await listCostScenarios(owner)).toEqual([]);
  });

  it('keeps each user to their own scenarios: others read, change and delete nothing', async () => {
    const mine = await createCostScenario(owner, lambdaScenario('private'));
    expect(await listCostScenarios(other)).toEqual([]);
    await expect(getCostScenario(other, mine.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(updateCostScenario(other, mine.id, lambdaScenario('hijacked'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(deleteCostScenario(other, mine.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await getCostScenario(owner, mine.id)).toMatchObject({ name: 'private' });
    await deleteCostScenario(owner, mine.id);
  });

  it('refuses a name the user already has (409 on name), but another user may use it', async () => {
    const first = await createCostScenario(owner, lambdaScenario('baseline'));
    await expect(createCostScenario(owner, sqsScenario('baseline'))).rejects.toMatchObject({
      code: 'CONFLICT',
      fields: { name: ['a scenario named "baseline" already exists'] },
    });
    const second = await createCostScenario(owner, lambdaScenario('candidate'));
    await expect(updateCostScenario(owner, second.id, lambdaScenario('baseline'))).rejects.toMatchObject({
      code: 'CONFLICT',
      fields: { name: expect.any(Array) },
    });

    const theirs = await createCostScenario(other, lambdaScenario('baseline'));
    expect(theirs.name).toBe('baseline');
    expect((await listCostScenarios(owner)).map((scenario) => scenario.name).sort()).toEqual(['baseline', 'candidate']);
    for (const [userId, id] of [
      [owner, first.id],
      [owner, second.id],
      [other, theirs.id],
    ] as const)
      await deleteCostScenario(userId, id);
  });

  it('still lists a scenario whose stored input is unreadable, rather than failing the whole list', async () => {
    const broken = await db.costScenario.create({ data: { userId: owner, name: 'corrupt', kind: 'lambda', input: '{not json' } });
    expect((await listCostScenarios(owner)).find((scenario) => scenario.id === broken.id)).toMatchObject({ name: 'corrupt', input: {} });
    await deleteCostScenario(owner, broken.id);
  });

  it('audits every write: create, update and delete', async () => {
    const actor: Actor = { userId: owner, email: 'cost-owner@example.com', name: 'Cost Owner', isPlatformAdmin: false, teams: [], via: 'session' };
    const saved = await saveCostScenario(actor, lambdaScenario('audited'));
    await replaceCostScenario(actor, saved.id, lambdaScenario('audited, renamed'));
    await removeCostScenario(actor, saved.id);
    const entries = await db.auditLog.findMany({ where: { actorId: owner, resourceId: saved.id }, orderBy: { at: 'asc' } });
    expect(entries.map((entry) => [entry.action, entry.resourceType, entry.outcome])).toEqual([
      ['cost-scenario.create', 'cost-scenario', 'success'],
      ['cost-scenario.update', 'cost-scenario', 'success'],
      ['cost-scenario.delete', 'cost-scenario', 'success'],
    ]);
    expect(JSON.parse(entries[1]!.details)).toEqual({ name: 'audited, renamed', kind: 'lambda' });
  });
});
