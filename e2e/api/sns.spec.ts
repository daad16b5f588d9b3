import { expect, request as playwrightRequest, test, type APIRequestContext } from '@playwright/test';
import { storageState } from '../users';
import { fromPortalPage } from '../support/origin';
import { createAssignedTopic, REGION, topicPath, type SandboxTopic } from '../support/sns';
import { CLINIC_BILLING_ROLE, CLINIC_MESSAGES, CLINIC_POLICY, CLINIC_PUBLISHER, CLINIC_SCHEDULING_ROLE } from '../../lib/sns/clinic-policy';

// The SNS message data protection API: the policy tester on the post's four messages and the clinic
// policy, its answers to bad input, and who may read a topic's policy, findings and metrics.

test.describe.configure({ mode: 'serial' });

const subscribers = [CLINIC_BILLING_ROLE, CLINIC_SCHEDULING_ROLE];
const testBody = (message: string, policy: unknown = CLINIC_POLICY) => ({ policy, message, publisher: CLINIC_PUBLISHER, subscribers });

test.describe('the policy tester', () => {
  test.use({ storageState: storageState('falconDev') });

  test('a message without PII reaches both subscribers', async ({ request }) => {
    const res = await request.post('/api/v1/sns/policy-test', { data: testBody(CLINIC_MESSAGES.noPii) });
    expect(res.status()).toBe(200);
    expect(await res.json()).toEqual({
      findings: [],
      inbound: { denied: false, statementSid: null },
      audited: true,
      deliveries: [
        { subscriber: CLINIC_BILLING_ROLE, delivered: true, statementSid: null },
        { subscriber: CLINIC_SCHEDULING_ROLE, delivered: true, statementSid: null },
      ],
    });
  });

  test('the SSN is denied inbound by deny-inbound, found at 5–15', async ({ request }) => {
    const res = await request.post('/api/v1/sns/policy-test', { data: testBody(CLINIC_MESSAGES.ssn) });
    expect(await res.json()).toEqual({
      findings: [{ dataIdentifier: 'Ssn-US', count: 1, detections: [{ start: 5, end: 15 }] }],
      inbound: { denied: true, statementSid: 'deny-inbound' },
      audited: true,
      deliveries: [
        { subscriber: CLINIC_BILLING_ROLE, delivered: false, statementSid: 'deny-inbound' },
        { subscriber: CLINIC_SCHEDULING_ROLE, delivered: false, statementSid: 'deny-inbound' },
      ],
    });
  });

  test('the address reaches billing only (deny-outbound-scheduling)', async ({ request }) => {
    const res = await request.post('/api/v1/sns/policy-test', { data: testBody(CLINIC_MESSAGES.address) });
    expect(await res.json()).toEqual({
      findings: [{ dataIdentifier: 'Address', count: 1, detections: [{ start: 0, end: 33 }] }],
      inbound: { denied: false, statementSid: null },
      audited: true,
      deliveries: [
        { subscriber: CLINIC_BILLING_ROLE, delivered: true, statementSid: null },
        { subscriber: CLINIC_SCHEDULING_ROLE, delivered: false, statementSid: 'deny-outbound-scheduling' },
      ],
    });
  });

  test('the drug code reaches scheduling only (deny-outbound-billing), with the policy sent as JSON text', async ({ request }) => {
    const res = await request.post('/api/v1/sns/policy-test', { data: testBody(CLINIC_MESSAGES.drugCode, JSON.stringify(CLINIC_POLICY)) });
    expect(await res.json()).toEqual({
      findings: [{ dataIdentifier: 'NationalDrugCode-US', count: 1, detections: [{ start: 5, end: 16 }] }],
      inbound: { denied: false, statementSid: null },
      audited: true,
      deliveries: [
        { subscriber: CLINIC_BILLING_ROLE, delivered: false, statementSid: 'deny-outbound-billing' },
        { subscriber: CLINIC_SCHEDULING_ROLE, delivered: true, statementSid: null },
      ],
    });
  });

  test('a policy SNS would refuse is a 400 naming each field under policy. and its rule', async ({ request }) => {
    const bad = { ...CLINIC_POLICY, Version: '2012-10-17', Statement: [{ ...CLINIC_POLICY.Statement[1], DataDirection: 'Sideways' }] };
    const res = await request.post('/api/v1/sns/policy-test', { data: testBody(CLINIC_MESSAGES.ssn, bad) });
    expect(res.status()).toBe(400);
    const { error } = await res.json();
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.fields).toEqual({ 'policy.Version': ['must be "2021-06-01"'], 'policy.Statement[0].DataDirection': ['must be Inbound or Outbound'] });
    expect(error.message).toContain('policy.Statement[0].DataDirection must be Inbound or Outbound');

    const notJson = await request.post('/api/v1/sns/policy-test', { data: testBody('x', '{"Name": ') });
    expect(notJson.status()).toBe(400);
    expect((await notJson.json()).error.fields).toEqual({ policy: ['is not valid JSON'] });

    const badArn = { ...CLINIC_POLICY, Statement: [{ ...CLINIC_POLICY.Statement[1], DataIdentifier: ['Ssn-US'] }] };
    const arnRes = await request.post('/api/v1/sns/policy-test', { data: testBody('x', badArn) });
    expect(arnRes.status()).toBe(400);
    expect(Object.keys((await arnRes.json()).error.fields)).toEqual(['policy.Statement[0].DataIdentifier[0]']);
  });

  test('a malformed request is a 422 naming the field, like every other operation', async ({ request }) => {
    const res = await request.post('/api/v1/sns/policy-test', { data: { ...testBody('x'), publisher: 'Admin', extra: 1 } });
    expect(res.status()).toBe(422);
    const { error } = await res.json();
    expect(Object.keys(error.fields).sort()).toEqual(['extra', 'publisher']);
    expect(error.fields.publisher[0]).toContain('IAM principal ARN');
  });
});

test.describe('who may call what', () => {
  let topic: SandboxTopic;
  const as = {} as Record<'anonymous' | 'falconViewer' | 'falconDev' | 'eagleDev' | 'admin', APIRequestContext>;

  test.beforeAll(async ({ baseURL }) => {
    for (const user of ['falconViewer', 'falconDev', 'eagleDev', 'admin'] as const) {
      as[user] = await playwrightRequest.newContext({ baseURL, storageState: storageState(user), extraHTTPHeaders: fromPortalPage });
    }
    as.anonymous = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: fromPortalPage });
    const targets = (await (await as.admin.get('/api/v1/targets')).json()).targets as { id: string; isSandbox: boolean }[];
    topic = await createAssignedTopic(as.admin, targets.find((t) => t.isSandbox)!.id, 'falcon');
  });

  test.afterAll(async () => {
    await Promise.all(Object.values(as).map((c) => c.dispose()));
  });

  test('anyone signed in may test a policy; nobody else', async () => {
    expect((await as.anonymous.post('/api/v1/sns/policy-test', { data: testBody('x') })).status()).toBe(401);
    expect((await as.falconViewer.post('/api/v1/sns/policy-test', { data: testBody('x') })).status()).toBe(200);
    expect((await as.eagleDev.post('/api/v1/sns/policy-test', { data: testBody('x') })).status()).toBe(200);
  });

  test("a topic's policy, findings and metrics: its team's members read them, another team is refused, naming the owner", async () => {
    for (const rest of ['/policy', '/findings', '/metrics']) {
      expect((await as.anonymous.get(topicPath(topic.arn, rest))).status(), rest).toBe(401);
      const refused = await as.eagleDev.get(topicPath(topic.arn, rest));
      expect(refused.status(), rest).toBe(403);
      expect((await refused.json()).error.message).toContain('falcon');
    }
    const metrics = await as.falconViewer.get(topicPath(topic.arn, '/metrics'));
    expect(metrics.status()).toBe(200);
    expect(await metrics.json()).toMatchObject({ topicArn: topic.arn, points: [] });

    const policy = await as.falconViewer.get(topicPath(topic.arn, '/policy'));
    const findings = await as.falconDev.get(topicPath(topic.arn, '/findings'));
    if (topic.hasPolicy) {
      expect(policy.status()).toBe(200);
      const body = await policy.json();
      expect(body.policy.statements.map((s: { sid: string }) => s.sid)).toEqual(['audit', 'deny-inbound', 'deny-outbound-billing', 'deny-outbound-scheduling']);
      expect(findings.status()).toBe(200);
      expect(await findings.json()).toMatchObject({ logGroup: topic.logGroup, records: [], nextToken: null });
    } else {
      // moto alone: SNS data protection is not there, and the answer says so rather than pretending.
      expect(policy.status()).toBe(502);
      expect((await policy.json()).error.message).toMatch(/sandbox AWS account could not read the data protection policy/);
      expect(findings.status()).toBe(502);
    }
  });

  test('the topic list names the topic and its owner, a page at a time', async () => {
    const res = await as.falconDev.get(`/api/v1/sns/topics?target=sandbox&region=${REGION}&pageSize=100`);
    expect(res.status()).toBe(200);
    const body = await res.json();
    const row = body.topics.find((t: { arn: string }) => t.arn === topic.arn);
    expect(row).toMatchObject({ name: topic.name, owner: { kind: 'assigned', teams: [{ slug: 'falcon' }] }, access: { canRead: true } });
    expect(row.policy.status).toBe(topic.hasPolicy ? 'attached' : 'unreadable');
    const one = await (await as.falconDev.get(`/api/v1/sns/topics?target=sandbox&region=${REGION}&pageSize=1&page=1`)).json();
    expect(one.topics).toHaveLength(1);
    expect(one.total).toBe(body.total);
    const tooBig = await as.falconDev.get(`/api/v1/sns/topics?pageSize=1000`);
    expect(tooBig.status()).toBe(422);
  });
});
