import { expect, request as playwrightRequest, test } from '@playwright/test';
import { storageState } from '../users';
import { fromPortalPage } from '../support/origin';
import {
  createExpressMachine,
  createInstance,
  createWaitingMachine,
  deleteLaunch,
  ec2StateChangeEvent,
  executionPath,
  launchBlueprint,
  outputOf,
  REGION,
  startExecution,
  stateStatus,
  subscribeQueueToBus,
  uid,
  waitForExecution,
  type LaunchDetail,
} from '../support/sfn';

// The Step Functions API against the sandbox: the documented JSON shape on the EC2 enrichment workflow
// of the seed post, start validation, stop, and who may do what.

test.describe.configure({ mode: 'serial' });

test.describe('as a falcon developer', () => {
  test.use({ storageState: storageState('falconDev') });
  let launch: LaunchDetail | undefined;

  test.afterAll(async ({ browser }) => {
    const context = await browser.newContext({ storageState: storageState('falconDev') });
    await deleteLaunch(context.request, launch?.id);
    await context.close();
  });

  test('the EC2 enrichment workflow: listed, run with and without a Name tag, in the documented shape', async ({ request }) => {
    test.setTimeout(240_000);
    launch = await launchBlueprint(request, 'ec2-state-change-enrichment', { OperatorEmail: 'operator@example.com' });
    const stateMachineArn = outputOf(launch, 'StateMachineArn');
    const busName = outputOf(launch, 'ApplicationEventBusName');

    // Listed in the target, and alone in the launch's own list.
    const all = await (await request.get(`/api/v1/stepfunctions/state-machines?target=sandbox&region=${REGION}`)).json();
    expect(all.target).toMatchObject({ name: 'sandbox', region: REGION, isSandbox: true });
    expect(all.stateMachines.find((m: { arn: string }) => m.arn === stateMachineArn)).toMatchObject({ type: 'STANDARD', recent: { sampled: 0 } });
    const ofLaunch = await (await request.get(`/api/v1/stepfunctions/state-machines?launch=${launch.id}`)).json();
    expect(ofLaunch.stateMachines.map((m: { arn: string }) => m.arn)).toEqual([stateMachineArn]);
    expect(ofLaunch.launch).toMatchObject({ id: launch.id, missingArns: [] });

    // Our own rule on the application bus, with an SQS target, to see the enriched event arrive.
    const delivered = await subscribeQueueToBus(busName, { source: ['custom.enriched.ec2'], 'detail-type': ['EnrichedEC2Event'] });
    try {
      const named = `web-${uid()}`;
      const namedId = await createInstance(named);
      const run = await waitForExecution(request, await startExecution(request, stateMachineArn, ec2StateChangeEvent(namedId)));
      expect(run.status).toBe('SUCCEEDED');
      // The documented shape.
      expect(Object.keys(run)).toEqual(expect.arrayContaining(['status', 'input', 'output', 'error', 'cause', 'startDate', 'stopDate', 'states', 'graph']));
      expect(JSON.parse(run.input!)).toMatchObject({ detail: { 'instance-id': namedId } });
      const lookup = run.states.find((s) => s.name === 'Look up Name tag')!;
      expect(lookup).toMatchObject({ type: 'Task', status: 'succeeded' });
      expect(lookup.visits[0]).toMatchObject({
        enteredAt: expect.any(String),
        exitedAt: expect.any(String),
        durationMs: expect.any(Number),
        input: expect.any(String),
        output: expect.any(String),
        retries: [],
      });
      expect(stateStatus(run, 'Keep first name')).toBe('succeeded');
      expect(stateStatus(run, 'Read default name')).toBe('notRun');
      expect(run.graph.nodes.find((n) => n.name === 'Read default name')).toMatchObject({ status: 'notRun' });
      expect(run.graph.edges.find((e) => e.source === 'Look up Name tag' && e.kind === 'next')).toMatchObject({ taken: true });
      // The enriched event (what Emit enriched event sent) carries the refined id and the Name tag.
      const emitted = JSON.parse(run.states.find((s) => s.name === 'Emit enriched event')!.visits[0]!.input!);
      expect(emitted.detail.refined).toEqual({ instanceid: namedId, instancename: named });
      // The execution output carries the refined id and the Name tag, and what PutEvents answered.
      expect(JSON.parse(run.output!)).toMatchObject({ detail: { refined: { instanceid: namedId, instancename: named } }, emitted: { FailedEntryCount: 0 } });
      const [event] = (await delivered.read(10_000)) as { detail: { Message: { detail: { refined: unknown } } } }[];
      expect(event?.detail.Message.detail.refined).toEqual({ instanceid: namedId, instancename: named });

      // Without a Name tag: the lookup's error is caught and the default comes from Parameter Store.
      const unnamedId = await createInstance();
      const fallback = await waitForExecution(request, await startExecution(request, stateMachineArn, ec2StateChangeEvent(unnamedId)));
      expect(fallback.status).toBe('SUCCEEDED');
      expect(stateStatus(fallback, 'Look up Name tag')).toBe('caughtError');
      expect(fallback.states.find((s) => s.name === 'Look up Name tag')!.visits[0]).toMatchObject({ error: 'States.Runtime' });
      expect(stateStatus(fallback, 'Read default name')).toBe('succeeded');
      expect(stateStatus(fallback, 'Name tag found?')).toBe('notRun');
      expect(stateStatus(fallback, 'Keep first name')).toBe('notRun');
      expect(fallback.graph.edges.find((e) => e.source === 'Look up Name tag' && e.kind === 'catch')).toMatchObject({ taken: true });
      const defaulted = JSON.parse(fallback.states.find((s) => s.name === 'Emit enriched event')!.visits[0]!.input!);
      expect(defaulted.detail.refined).toEqual({ instanceid: unnamedId, instancename: 'unnamed-instance' });
      expect(JSON.parse(fallback.output!)).toMatchObject({ detail: { refined: { instanceid: unnamedId, instancename: 'unnamed-instance' } } });
      const [second] = (await delivered.read(10_000)) as { detail: { Message: { detail: { refined: unknown } } } }[];
      expect(second?.detail.Message.detail.refined).toEqual({ instanceid: unnamedId, instancename: 'unnamed-instance' });

      // The list: filters by status and name, pages with nextToken.
      const list = await (
        await request.get(`/api/v1/stepfunctions/executions?stateMachineArn=${encodeURIComponent(stateMachineArn)}&status=SUCCEEDED&maxResults=1`)
      ).json();
      expect(list.executions).toHaveLength(1);
      expect(list.executions[0].name).toBe(fallback.name);
      const next = await (
        await request.get(
          `/api/v1/stepfunctions/executions?stateMachineArn=${encodeURIComponent(stateMachineArn)}&status=SUCCEEDED&maxResults=1&nextToken=${list.nextToken}`,
        )
      ).json();
      expect(next.executions.map((e: { name: string }) => e.name)).toEqual([run.name]);
      const byName = await (
        await request.get(
          `/api/v1/stepfunctions/executions?stateMachineArn=${encodeURIComponent(stateMachineArn)}&nameContains=${run.name.slice(-6).toUpperCase()}`,
        )
      ).json();
      expect(byName.executions.map((e: { name: string }) => e.name)).toEqual([run.name]);
      const future = await (
        await request.get(
          `/api/v1/stepfunctions/executions?stateMachineArn=${encodeURIComponent(stateMachineArn)}&startedAfter=${encodeURIComponent(new Date(Date.now() + 3_600_000).toISOString())}`,
        )
      ).json();
      expect(future.executions).toEqual([]);

      // History pages: events attributed to states, filterable by type.
      const failed = await (await request.get(executionPath(fallback.executionArn, '/history?type=TaskFailed'))).json();
      expect(failed.events).toEqual([expect.objectContaining({ type: 'TaskFailed', stateName: 'Look up Name tag' })]);
      const firstPage = await (await request.get(executionPath(fallback.executionArn, '/history?pageSize=10'))).json();
      expect(firstPage).toMatchObject({ page: 1, pageSize: 10, total: expect.any(Number) });
      expect(firstPage.events[0]).toMatchObject({ id: 1, type: 'ExecutionStarted' });
    } finally {
      await delivered.dispose();
    }
  });

  test('start validation names the field: bad JSON input, bad name, not a state machine', async ({ request }) => {
    const stateMachineArn = `arn:aws:states:${REGION}:123456789012:stateMachine:anything`;
    const badJson = await request.post('/api/v1/stepfunctions/executions', { data: { stateMachineArn, input: '{"detail": ' } });
    expect(badJson.status()).toBe(422);
    expect((await badJson.json()).error.fields.input).toEqual(['Input must be valid JSON']);
    const badName = await request.post('/api/v1/stepfunctions/executions', { data: { stateMachineArn, name: 'has space', input: '{}' } });
    expect(badName.status()).toBe(422);
    expect((await badName.json()).error.fields).toHaveProperty('name');
    const notMachine = await request.post('/api/v1/stepfunctions/executions', { data: { stateMachineArn: 'my-machine', input: '{}' } });
    expect((await notMachine.json()).error.fields).toHaveProperty('stateMachineArn');
    const otherAccount = await request.post('/api/v1/stepfunctions/executions', {
      data: { stateMachineArn: stateMachineArn.replace('123456789012', '999999999999'), input: '{}' },
    });
    expect(otherAccount.status()).toBe(404);
    const badPath = await request.get('/api/v1/stepfunctions/executions/not-an-arn');
    expect(badPath.status()).toBe(422);
    expect((await badPath.json()).error.fields).toHaveProperty('arn');
    const missing = await request.get(executionPath(`arn:aws:states:${REGION}:123456789012:execution:anything:nope`));
    expect(missing.status()).toBe(404);
  });

  test('a running execution is stopped (ABORTED), the banner names the state it was in, both are audited', async ({ request, browser }) => {
    test.setTimeout(60_000);
    const stateMachineArn = await createWaitingMachine();
    const name = `stop-me-${uid()}`;
    const executionArn = await startExecution(request, stateMachineArn, { reason: 'stop me' }, name);
    const again = await request.post('/api/v1/stepfunctions/executions', { data: { stateMachineArn, name, input: { reason: 'same name' } } });
    expect(again.status()).toBe(409);
    expect((await again.json()).error.fields).toHaveProperty('name');
    const running = await (await request.get(executionPath(executionArn))).json();
    expect(running).toMatchObject({ status: 'RUNNING', canStop: true });
    const stopped = await request.post(executionPath(executionArn, '/stop'), { data: { error: 'E2E.Stopped', cause: 'stopped by the API spec' } });
    expect(stopped.status()).toBe(200);
    const after = await waitForExecution(request, executionArn);
    expect(after).toMatchObject({ status: 'ABORTED', banner: { status: 'ABORTED', stateName: 'Wait a minute' } });
    expect(stateStatus(after, 'Wait a minute')).toBe('cancelled');

    const admin = await browser.newContext({ storageState: storageState('admin') });
    const audit = (await (await admin.request.get('/api/v1/audit-log')).json()) as {
      entries: { action: string; resourceId: string; outcome: string; actorEmail: string; details: Record<string, unknown> }[];
    };
    const entries = audit.entries.filter((e) => e.resourceId === executionArn);
    expect(entries.map((e) => `${e.action} ${e.outcome}`).sort()).toEqual(['sfn.execution.start success', 'sfn.execution.stop success']);
    expect(entries[0]!.actorEmail).toBe('falcon-dev@example.com');
    // The input itself never goes into the audit log, only its size.
    expect(JSON.stringify(entries)).not.toContain('stop me');
    await admin.close();
  });
});

test.describe('an Express workflow', () => {
  test.use({ storageState: storageState('falconDev') });

  test('keeps no history: its executions are read from its CloudWatch Logs, newest first, filterable', async ({ request }) => {
    const { arn, logGroupName } = await createExpressMachine();
    const name = `order-${uid()}`;
    const started = await request.post('/api/v1/stepfunctions/executions', { data: { stateMachineArn: arn, name, input: '{"orderId":"o-1"}' } });
    expect(started.status(), await started.text()).toBe(201);
    const logsPath = `/api/v1/stepfunctions/state-machines/${encodeURIComponent(arn)}/logs`;
    type Logs = { logGroupName: string; level: string; events: { type: string | null; executionArn: string | null; message: string }[]; note: string | null };
    let logs: Logs | undefined;
    await expect
      .poll(async () => {
        logs = (await (await request.get(logsPath)).json()) as Logs;
        return logs.events.map((e) => e.type);
      })
      .toContain('ExecutionSucceeded');
    expect(logs).toMatchObject({ logGroupName, level: 'ALL', note: null });
    expect(logs!.events[0]!.type).toBe('ExecutionSucceeded');
    expect(logs!.events.at(-1)!.type).toBe('ExecutionStarted');
    expect(logs!.events.every((e) => e.executionArn?.includes(name))).toBe(true);
    expect(JSON.parse(JSON.parse(logs!.events[0]!.message).details.output)).toMatchObject({ orderId: 'o-1', price: { total: 42 } });
    const filtered = (await (await request.get(`${logsPath}?filter=ExecutionStarted`)).json()) as Logs;
    expect(filtered.events.map((e) => e.type)).toEqual(['ExecutionStarted']);
  });
});

test('viewers read but cannot start or stop executions (403); other routes need credentials (401)', async ({ browser, baseURL }) => {
  const viewer = await browser.newContext({ storageState: storageState('falconViewer') });
  const stateMachineArn = await createWaitingMachine();
  const list = await viewer.request.get(`/api/v1/stepfunctions/state-machines?target=sandbox&region=${REGION}`);
  expect(list.status()).toBe(200);
  expect((await list.json()).stateMachines.map((m: { arn: string }) => m.arn)).toContain(stateMachineArn);
  const start = await viewer.request.post('/api/v1/stepfunctions/executions', { data: { stateMachineArn, input: '{}' } });
  expect(start.status()).toBe(403);
  expect((await start.json()).error.message).toMatch(/belongs to team falcon|assigned to team falcon; only their developers can start executions/);
  const execution = `arn:aws:states:${REGION}:123456789012:execution:${stateMachineArn.split(':').pop()}:any`;
  expect((await viewer.request.post(executionPath(execution, '/stop'), { data: {} })).status()).toBe(403);
  expect((await viewer.request.get(`/api/v1/stepfunctions/executions?stateMachineArn=${encodeURIComponent(stateMachineArn)}`)).status()).toBe(200);
  await viewer.close();

  const anonymous = await playwrightRequest.newContext({ baseURL });
  for (const [method, path] of [
    ['GET', '/api/v1/stepfunctions/state-machines'],
    ['GET', `/api/v1/stepfunctions/executions?stateMachineArn=${encodeURIComponent(stateMachineArn)}`],
    ['POST', '/api/v1/stepfunctions/executions'],
    ['GET', executionPath(execution)],
    ['GET', executionPath(execution, '/history')],
    ['POST', executionPath(execution, '/stop')],
    ['GET', `/api/v1/stepfunctions/state-machines/${encodeURIComponent(stateMachineArn)}/logs`],
  ] as const) {
    const res = await anonymous.fetch(path, { method, data: method === 'POST' ? { stateMachineArn, input: '{}' } : undefined });
    expect(res.status(), `${method} ${path}`).toBe(401);
  }
  await anonymous.dispose();
});

test('executions belong to the state machine’s owner: other teams see the machine and its owner, never its executions', async ({ browser }) => {
  test.setTimeout(90_000);
  const [falconDev, eagleDev, admin] = await Promise.all([
    browser.newContext({ storageState: storageState('falconDev'), extraHTTPHeaders: fromPortalPage }),
    browser.newContext({ storageState: storageState('eagleDev'), extraHTTPHeaders: fromPortalPage }),
    browser.newContext({ storageState: storageState('admin'), extraHTTPHeaders: fromPortalPage }),
  ]);
  try {
    const owned = await createWaitingMachine(60);
    const unowned = await createWaitingMachine(60, []);
    const executions = (arn: string) => `/api/v1/stepfunctions/executions?stateMachineArn=${encodeURIComponent(arn)}`;

    const list = await (await eagleDev.request.get(`/api/v1/stepfunctions/state-machines?target=sandbox&region=${REGION}`)).json();
    const row = list.stateMachines.find((m: { arn: string }) => m.arn === owned);
    expect(row).toMatchObject({ owner: { kind: 'assigned', teams: [{ slug: 'falcon' }] }, access: { canRead: false, canOperate: false }, recent: null });
    expect(list.stateMachines.find((m: { arn: string }) => m.arn === unowned)).toMatchObject({ owner: { kind: 'unowned' }, access: { canRead: false } });

    const executionArn = await startExecution(falconDev.request, owned, { payroll: 'secret business data' });
    for (const res of [
      await eagleDev.request.get(executions(owned)),
      await eagleDev.request.get(executionPath(executionArn)),
      await eagleDev.request.get(executionPath(executionArn, '/history')),
      await eagleDev.request.post('/api/v1/stepfunctions/executions', { data: { stateMachineArn: owned, input: '{}' } }),
      await eagleDev.request.post(executionPath(executionArn, '/stop'), { data: {} }),
    ]) {
      expect(res.status(), res.url()).toBe(403);
      const body = await res.text();
      expect(body).toContain('team falcon');
      expect(body).not.toContain('secret business data');
    }
    const detail = await (await admin.request.get(executionPath(executionArn))).json();
    expect(detail).toMatchObject({ owner: { kind: 'assigned' }, canStop: true });
    expect(detail.input).toContain('secret business data');
    expect((await falconDev.request.post(executionPath(executionArn, '/stop'), { data: {} })).status()).toBe(200);

    // Nobody owns what no launch created and no rule assigns: platform admins only. A machine that
    // does not exist at all is simply not found.
    const refused = await falconDev.request.get(executions(unowned));
    expect(refused.status()).toBe(403);
    expect((await refused.json()).error.message).toMatch(/No team owns this/);
    expect((await admin.request.get(executions(unowned))).status()).toBe(200);
    expect((await falconDev.request.get(executions(`arn:aws:states:${REGION}:123456789012:stateMachine:never-${uid()}`))).status()).toBe(404);

    // The refused start is in the audit log, under the owning team.
    const audit = (await (await admin.request.get('/api/v1/audit-log')).json()) as {
      entries: { action: string; resourceId: string; outcome: string; actorEmail: string }[];
    };
    expect(audit.entries.filter((e) => e.resourceId === owned && e.action === 'sfn.execution.start').map((e) => `${e.actorEmail} ${e.outcome}`)).toContain(
      'eagle-dev@example.com refused',
    );
  } finally {
    await Promise.all([falconDev.close(), eagleDev.close(), admin.close()]);
  }
});
