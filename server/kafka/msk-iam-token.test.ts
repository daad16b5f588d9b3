import { describe, expect, it, vi } from 'vitest';

import { createMskIamTokenProvider, type MskTokenSigner } from './msk-iam-token';

const credentials = async () => ({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' });

/** A signer whose calls stay pending until the test settles them. */
function controllableSigner(clock: { now: number }, lifetimeMs = 900_000) {
  const calls: { resolve: (token: string) => void; reject: (error: Error) => void }[] = [];
  const signer = vi.fn<MskTokenSigner>(
    () =>
      new Promise((resolve, reject) => {
        const issuedAt = clock.now;
        calls.push({ resolve: (token) => resolve({ token, expiryTime: issuedAt + lifetimeMs }), reject });
      }),
  );
  return { signer, calls };
}

/** Lets the provider's await chain run after a signer call settles. */
const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('createMskIamTokenProvider', () => {
  it('signs once and serves the cached token until 80% of its lifetime', async () => {
    const clock = { now: 0 };
    const { signer, calls } = controllableSigner(clock);
    const provide = createMskIamTokenProvider({ region: 'eu-west-1', credentials, signer, now: () => clock.now });

    const first = provide();
    calls[0]!.resolve('token-1');
    expect(await first).toEqual({ value: 'token-1' });
    expect(signer).toHaveBeenCalledWith({ region: 'eu-west-1', awsCredentialsProvider: credentials });

    clock.now = 719_000; // < 720 s = 80% of 900 s
    expect(await provide()).toEqual({ value: 'token-1' });
    expect(signer).toHaveBeenCalledTimes(1);

    clock.now = 720_000;
    const second = provide();
    calls[1]!.resolve('token-2');
    expect(await second).toEqual({ value: 'token-2' });
  });

  it('refreshes 60 s before expiry when that comes before 80% of a short lifetime', async () => {
    // credentials expiring soon make the signer issue a 200 s token: 80% = 160 s, expiry − 60 s = 140 s
    const clock = { now: 0 };
    const { signer, calls } = controllableSigner(clock, 200_000);
    const provide = createMskIamTokenProvider({ region: 'us-east-1', credentials, signer, now: () => clock.now });
    const first = provide();
    calls[0]!.resolve('short');
    await first;
    clock.now = 139_999;
    await provide();
    expect(signer).toHaveBeenCalledTimes(1);
    clock.now = 140_000;
    void provide();
    expect(signer).toHaveBeenCalledTimes(2);
  });

  it('shares one in-flight signing request between concurrent callers', async () => {
    const clock = { now: 0 };
    const { signer, calls } = controllableSigner(clock);
    const provide = createMskIamTokenProvider({ region: 'us-east-1', credentials, signer, now: () => clock.now });
    const all = Promise.all([provide(), provide(), provide()]);
    expect(signer).toHaveBeenCalledTimes(1);
    calls[0]!.resolve('shared');
    expect(await all).toEqual([{ value: 'shared' }, { value: 'shared' }, { value: 'shared' }]);
  });

  it('does not cache a failure: the next call signs again', async () => {
    const clock = { now: 0 };
    const { signer, calls } = controllableSigner(clock);
    const provide = createMskIamTokenProvider({ region: 'us-east-1', credentials, signer, now: () => clock.now });
    const failing = provide();
    calls[0]!.reject(new Error('ExpiredToken'));
    await expect(failing).rejects.toThrow('ExpiredToken');
    const retry = provide();
    calls[1]!.resolve('recovered');
    expect(await retry).toEqual({ value: 'recovered' });
  });

  it('keeps serving a still-valid token when an early refresh fails, and reports the failure', async () => {
    const clock = { now: 0 };
    const { signer, calls } = controllableSigner(clock);
    const onRefreshError = vi.fn();
    const provide = createMskIamTokenProvider({ region: 'us-east-1', credentials, signer, now: () => clock.now, onRefreshError });
    const first = provide();
    calls[0]!.resolve('old');
    await first;

    clock.now = 800_000; // refresh due, token valid until 900 s
    const during = provide();
    calls[1]!.reject(new Error('throttled'));
    expect(await during).toEqual({ value: 'old' });
    expect(onRefreshError).toHaveBeenCalledWith(new Error('throttled'));

    clock.now = 899_000; // too close to expiry to hand out
    const late = provide();
    await flush();
    calls[2]!.reject(new Error('still throttled'));
    await expect(late).rejects.toThrow('still throttled');
  });

  it('produces a real MSK IAM token with the default signer (offline, static credentials)', async () => {
    const provide = createMskIamTokenProvider({ region: 'eu-central-1', credentials });
    const { value } = await provide();
    const url = new URL(Buffer.from(value, 'base64url').toString('utf8'));
    expect(url.host).toBe('kafka.eu-central-1.amazonaws.com');
    expect(url.searchParams.get('Action')).toBe('kafka-cluster:Connect');
    expect(url.searchParams.get('X-Amz-Expires')).toBe('900');
    expect(url.searchParams.get('X-Amz-Credential')).toMatch(/^AKIDEXAMPLE\/\d{8}\/eu-central-1\/kafka-cluster\/aws4_request$/);
    expect(value).not.toContain('wJalrXUtnFEMI');
  });
});
