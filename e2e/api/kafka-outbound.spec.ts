import { expect, test, type APIRequestContext } from '@playwright/test';
import { uniqueName } from '../kafka-fixtures';
import { storageState } from '../users';

// Where the portal may connect for a registered Kafka cluster. Registration refuses broker addresses
// it must never dial with a 422 naming the broker and the rule; a connection test that cannot reach a
// broker says only "could not reach a Kafka broker", after the same time whatever failed. The portal
// under test runs with the defaults (SLIPWAY_KAFKA_ALLOW_PRIVATE_NETWORKS off).

test.use({ storageState: storageState('admin') });

const register = (request: APIRequestContext, settings: Record<string, unknown>, secrets: Record<string, string> = {}) =>
  request.post('/api/v1/kafka/clusters', { data: { name: uniqueName('outbound'), teamId: null, settings, secrets } });

test('registration refuses metadata, link-local, unspecified, multicast, loopback and private brokers, naming the broker and the rule', async ({ request }) => {
  const cases: [string, RegExp][] = [
    ['169.254.169.254:80', /^cloud metadata and instance service addresses are never allowed$/],
    ['2852039166:80', /cloud metadata/],
    ['0xa9fea9fe:80', /cloud metadata/],
    ['0251.0376.0251.0376:80', /cloud metadata/],
    ['[::ffff:169.254.169.254]:80', /cloud metadata/],
    ['[fd00:ec2::254]:80', /cloud metadata/],
    ['100.100.100.200:80', /cloud metadata/],
    ['169.254.10.10:9092', /^link-local addresses .* never allowed$/],
    ['[fe80::1]:9092', /link-local/],
    ['0.0.0.0:9092', /^unspecified addresses .* never allowed$/],
    ['[::]:9092', /unspecified/],
    ['224.0.0.1:9092', /^multicast addresses .* never allowed$/],
    ['[ff02::1]:9092', /multicast/],
    ['127.0.0.1:9092', /^loopback addresses .* only when SLIPWAY_KAFKA_ALLOW_PRIVATE_NETWORKS is on$/],
    ['localhost:9092', /^resolves to (127\.0\.0\.1|::1): loopback addresses/],
    ['10.0.0.5:9092', /^private addresses .* only when SLIPWAY_KAFKA_ALLOW_PRIVATE_NETWORKS is on$/],
    ['192.168.1.20:9092', /private addresses/],
    ['[fd12:3456::1]:9092', /private addresses/],
  ];
  for (const [broker, rule] of cases) {
    const res = await register(request, { kind: 'plaintext', brokers: [broker] });
    expect(res.status(), broker).toBe(422);
    const { error } = await res.json();
    expect(error.code, broker).toBe('VALIDATION');
    expect(Object.keys(error.fields), broker).toEqual(['settings.brokers.0']);
    expect(error.fields['settings.brokers.0'][0], broker).toMatch(rule);
  }

  // Every self-managed kind is checked, and only the refused entries are named.
  const mixed = await register(
    request,
    { kind: 'sasl-scram-sha-512', brokers: ['kafka-1.outbound.invalid:9096', '169.254.169.254:9096'], username: 'u', tls: true },
    { password: 'not-used-here' },
  );
  expect(mixed.status()).toBe(422);
  expect(Object.keys((await mixed.json()).error.fields)).toEqual(['settings.brokers.1']);

  const { clusters } = await (await request.get('/api/v1/kafka/clusters')).json();
  expect((clusters as { connection: { brokers: string[] } }[]).flatMap((c) => c.connection.brokers)).not.toContain('169.254.169.254:80');
});

test('an unreachable cluster is "could not reach a Kafka broker" after the same time, whatever failed', async ({ request }) => {
  // A name that never resolves (RFC 6761) and a documentation address nobody routes (RFC 5737): two
  // different failures that must look alike.
  const answers: { body: unknown; ms: number }[] = [];
  for (const broker of ['kafka.outbound.invalid:9092', '192.0.2.1:9092']) {
    const created = await register(request, { kind: 'plaintext', brokers: [broker] });
    expect(created.status(), broker).toBe(201);
    const { id } = await created.json();
    const started = Date.now();
    const res = await request.post(`/api/v1/kafka/clusters/${id}/test`, { timeout: 30_000 });
    answers.push({ body: await res.json(), ms: Date.now() - started });
    expect((await request.delete(`/api/v1/kafka/clusters/${id}`)).status()).toBe(200);
  }
  for (const { body, ms } of answers) {
    expect(body).toEqual({ ok: false, reason: 'unreachable', message: expect.stringMatching(/^Could not reach a Kafka broker/) });
    expect(ms).toBeGreaterThanOrEqual(9_900);
  }
  expect(answers[0]!.body).toEqual(answers[1]!.body);
  expect(Math.abs(answers[0]!.ms - answers[1]!.ms)).toBeLessThan(1_000);
});
