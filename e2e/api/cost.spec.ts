import { expect, test, request as playwrightRequest } from '@playwright/test';
import { storageState } from '../users';
import { postWorkload, sqsInput } from '../support/cost-inputs';

// The cost API: the model's figures over HTTP, its validation messages, and private scenarios.

test.describe('as a falcon developer', () => {
  test.use({ storageState: storageState('falconDev') });

  test('the tiered-pricing post’s four figures, to the cent', async ({ request }) => {
    const cases = [
      { invocationsPerMonth: 25_000_000, totalCost: 50005.1, tiers: [50000.1, 0, 0] },
      { invocationsPerMonth: 75_000_000, totalCost: 145015.29, tiers: [100000.2, 45000.09, 0] },
      { invocationsPerMonth: 300_000_000, totalCost: 515061.03, tiers: [100000.2, 135000.27, 280000.56] },
    ];
    for (const { invocationsPerMonth, totalCost, tiers } of cases) {
      const res = await request.post('/api/v1/cost/lambda', { data: { ...postWorkload, invocationsPerMonth } });
      expect(res.status()).toBe(200);
      const body = await res.json();
      expect(body.totalCost, `${invocationsPerMonth} invocations`).toBe(totalCost);
      expect(body.tiers.map((tier: { cost: number }) => tier.cost)).toEqual(tiers);
      expect(body.priceTable).toMatchObject({ id: expect.any(String), effectiveDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), region: 'us-east-1' });
      expect(Object.keys(body)).toEqual(
        expect.arrayContaining(['gbSeconds', 'requestCost', 'computeCost', 'storageCost', 'totalCost', 'totalWithoutTiers', 'tiers', 'priceTable']),
      );
      expect(body.tiers[0]).toEqual(
        expect.objectContaining({ fromGbSeconds: 0, toGbSeconds: 6e9, gbSeconds: expect.any(Number), ratePerGbSecond: 0.0000166667, cost: expect.any(Number) }),
      );
    }
    // The fourth figure: the same 75 M month without volume tiers.
    const flat = await (await request.post('/api/v1/cost/lambda', { data: { ...postWorkload, invocationsPerMonth: 75_000_000, useTiers: false } })).json();
    expect(flat.totalCost).toBe(150015.3);
    expect(flat.tiers).toHaveLength(1);
  });

  test('bad input is a 422 that names the field', async ({ request }) => {
    const memory = await request.post('/api/v1/cost/lambda', { data: { ...postWorkload, invocationsPerMonth: 1, memoryMb: 64 } });
    expect(memory.status()).toBe(422);
    const memoryError = (await memory.json()).error;
    expect(memoryError.fields).toEqual({ memoryMb: ['memoryMb must be between 128 and 10240'] });
    expect(memoryError.message).toBe('Invalid input — memoryMb: memoryMb must be between 128 and 10240');

    const typo = await request.post('/api/v1/cost/lambda', { data: { ...postWorkload, invocationsPerMonth: 1, memoryMB: 2048 } });
    expect(typo.status()).toBe(422);
    expect((await typo.json()).error.fields).toMatchObject({ memoryMB: ['memoryMB is not a known field'] });

    const others = await request.post('/api/v1/cost/lambda', { data: { ...postWorkload, invocationsPerMonth: -1, region: 'mars-1' } });
    expect(Object.keys((await others.json()).error.fields).sort()).toEqual(['invocationsPerMonth', 'region']);

    const zeroBatch = await request.post('/api/v1/cost/sqs-batch', { data: { ...sqsInput, batchSizes: [0, 10] } });
    expect(zeroBatch.status()).toBe(422);
    expect((await zeroBatch.json()).error.fields).toEqual({ 'batchSizes.0': ['batchSizes must be whole numbers of at least 1'] });
  });

  test('sqs-batch answers a row per batch size with its feasibility', async ({ request }) => {
    const res = await request.post('/api/v1/cost/sqs-batch', { data: sqsInput });
    expect(res.status()).toBe(200);
    const { rows, cheapestFeasibleBatchSize } = await res.json();
    expect(rows.map((row: { batchSize: number }) => row.batchSize)).toEqual([10, 100, 2000, 20_000]);
    for (const row of rows) {
      expect(Object.keys(row)).toEqual(
        expect.arrayContaining(['batchSize', 'memoryMb', 'durationMs', 'invocationsPerMonth', 'gbSeconds', 'totalCost', 'feasible', 'violations']),
      );
    }
    const rules = (row: { violations: { rule: string }[] }) => row.violations.map((violation) => violation.rule);
    expect(rows.map((row: { feasible: boolean }) => row.feasible)).toEqual([true, true, false, false]);
    expect(rules(rows[2])).toEqual(['INVOKE_PAYLOAD_TOO_LARGE']);
    expect(rules(rows[3])).toEqual(expect.arrayContaining(['BATCH_SIZE_TOO_LARGE', 'INVOKE_PAYLOAD_TOO_LARGE']));
    expect(rows[1]).toMatchObject({ memoryMb: 256, durationMs: 1020, invocationsPerMonth: 3_041_667 });
    // The cheapest feasible row, and strictly cheaper than every other feasible one (so the answer is not a tie).
    const feasible = (rows as { batchSize: number; feasible: boolean; totalCost: number }[]).filter((row) => row.feasible);
    const cheapest = feasible.reduce((best, row) => (row.totalCost < best.totalCost ? row : best));
    expect(cheapestFeasibleBatchSize).toBe(cheapest.batchSize);
    expect(feasible.filter((row) => row.totalCost <= cheapest.totalCost)).toEqual([cheapest]);
    // SQS requests are in by default, counted per batch size; the total is the sum of the two parts.
    type Row = {
      lambdaCost: number;
      sqsCost: number;
      totalCost: number;
      sqsRequests: { sendRequests: number; receiveRequests: number; deleteRequests: number; totalRequests: number };
    };
    for (const row of rows as Row[]) {
      expect(Math.round((row.lambdaCost + row.sqsCost) * 100)).toBe(Math.round(row.totalCost * 100));
      expect(row.sqsRequests.totalRequests).toBe(row.sqsRequests.sendRequests + row.sqsRequests.receiveRequests + row.sqsRequests.deleteRequests);
    }
    // 10 million 4 KB messages a day: one SendMessage each; batches of 10 take one receive and one delete.
    expect(rows[0].sqsRequests).toMatchObject({ sendRequests: 304_166_667, receiveRequests: 30_416_667, deleteRequests: 30_416_667, emptyReceives: 0 });
    expect(rows[0].sqsCost).toBe(145.6);
    const withoutSqs = await (await request.post('/api/v1/cost/sqs-batch', { data: { ...sqsInput, batchSizes: [10], includeSqsRequests: false } })).json();
    expect(withoutSqs.rows[0]).toMatchObject({ sqsCost: 0, sqsRequests: null, totalCost: rows[0].lambdaCost });

    const noWindow = await (await request.post('/api/v1/cost/sqs-batch', { data: { ...sqsInput, batchSizes: [10, 100], batchingWindowS: 0 } })).json();
    expect(noWindow.rows.map(rules)).toEqual([[], ['BATCH_WINDOW_REQUIRED']]);
  });

  test('scenarios: save, list, replace, refuse a duplicate name, delete; another user gets 404', async ({ request, browser }) => {
    const name = `api scenario ${Date.now()}`;
    const body = { name, kind: 'lambda', input: { ...postWorkload, invocationsPerMonth: 75_000_000 } };
    const created = await request.post('/api/v1/cost/scenarios', { data: body });
    expect(created.status()).toBe(201);
    const scenario = await created.json();
    expect(scenario).toMatchObject(body);

    const duplicate = await request.post('/api/v1/cost/scenarios', { data: body });
    expect(duplicate.status()).toBe(409);
    expect((await duplicate.json()).error.fields).toHaveProperty('name');

    const badInput = await request.post('/api/v1/cost/scenarios', { data: { ...body, name: `${name} bad`, input: { ...body.input, memoryMb: 20_000 } } });
    expect(badInput.status()).toBe(422);
    expect((await badInput.json()).error.fields).toHaveProperty(['input.memoryMb']);

    const list = await (await request.get('/api/v1/cost/scenarios')).json();
    expect(list.scenarios.map((entry: { id: string }) => entry.id)).toContain(scenario.id);

    const replaced = await request.put(`/api/v1/cost/scenarios/${scenario.id}`, { data: { ...body, input: { ...body.input, memoryMb: 1024 } } });
    expect(replaced.status()).toBe(200);
    expect((await replaced.json()).input.memoryMb).toBe(1024);

    const eagle = await browser.newContext({ storageState: storageState('eagleDev') });
    for (const method of ['GET', 'PUT', 'DELETE'] as const) {
      const res = await eagle.request.fetch(`/api/v1/cost/scenarios/${scenario.id}`, { method, data: method === 'PUT' ? body : undefined });
      expect(res.status(), method).toBe(404);
    }
    const eagleList = await (await eagle.request.get('/api/v1/cost/scenarios')).json();
    expect(eagleList.scenarios.map((entry: { id: string }) => entry.id)).not.toContain(scenario.id);
    await eagle.close();

    expect((await request.get(`/api/v1/cost/scenarios/${scenario.id}`)).status()).toBe(200);
    expect((await request.delete(`/api/v1/cost/scenarios/${scenario.id}`)).status()).toBe(200);
    expect((await request.get(`/api/v1/cost/scenarios/${scenario.id}`)).status()).toBe(404);
  });
});

test('every cost operation needs credentials', async ({ baseURL }) => {
  const anonymous = await playwrightRequest.newContext({ baseURL });
  for (const [method, path] of [
    ['POST', '/api/v1/cost/lambda'],
    ['POST', '/api/v1/cost/sqs-batch'],
    ['GET', '/api/v1/cost/scenarios'],
    ['POST', '/api/v1/cost/scenarios'],
    ['GET', '/api/v1/cost/scenarios/some-id'],
    ['PUT', '/api/v1/cost/scenarios/some-id'],
    ['DELETE', '/api/v1/cost/scenarios/some-id'],
  ] as const) {
    const res = await anonymous.fetch(path, {
      method,
      data: method === 'GET' || method === 'DELETE' ? undefined : { ...postWorkload, invocationsPerMonth: 1 },
    });
    expect(res.status(), `${method} ${path}`).toBe(401);
    expect((await res.json()).error.code).toBe('UNAUTHENTICATED');
  }
  await anonymous.dispose();
});
