import type { RetryStrategyV2, SdkError } from '@smithy/types';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { S3Client } from '@aws-sdk/client-s3';
import { resetEnvForTests } from '@/server/env';
import { createAwsClient, getAwsCredentialsProvider, resetAwsClientsForTests, type AwsTargetRef } from './clients';

const sandbox: AwsTargetRef = {
  id: 't-sandbox',
  name: 'sandbox',
  accountId: '123456789012',
  region: 'us-east-1',
  roleArn: null,
  externalId: null,
  isSandbox: true,
};
const real: AwsTargetRef = {
  id: 't-real',
  name: 'prod',
  accountId: '111122223333',
  region: 'eu-west-1',
  roleArn: 'arn:aws:iam::111122223333:role/slipway',
  externalId: 'ext',
  isSandbox: false,
};
const saved = { ...process.env };

beforeEach(() => {
  process.env.SANDBOX_AWS_ENDPOINT = 'http://127.0.0.1:4999';
  process.env.SLIPWAY_AWS_MODE = 'auto';
  delete process.env.AWS_ACCESS_KEY_ID;
  delete process.env.AWS_PROFILE;
  resetEnvForTests();
  resetAwsClientsForTests();
});
afterEach(() => {
  process.env = { ...saved };
  resetEnvForTests();
  resetAwsClientsForTests();
});

describe('createAwsClient', () => {
  it('points sandbox clients at the local endpoint, retrying throttling only, path-style for S3', async () => {
    const cfn = createAwsClient(CloudFormationClient, sandbox);
    const endpoint = await cfn.config.endpoint!();
    expect(`${endpoint.protocol}//${endpoint.hostname}:${endpoint.port}`).toBe('http://127.0.0.1:4999');
    // The sandbox's HTTP 500 for an API it lacks is not retried; its throttling is.
    const strategy = (await cfn.config.retryStrategy()) as RetryStrategyV2;
    const token = await strategy.acquireInitialRetryToken('sandbox');
    const error = Object.assign(new Error('boom'), { $metadata: {} }) as SdkError;
    await expect(strategy.refreshRetryTokenForRetry(token, { error, errorType: 'SERVER_ERROR' })).rejects.toBe(error);
    expect((await strategy.refreshRetryTokenForRetry(token, { error, errorType: 'THROTTLING' })).getRetryCount()).toBe(1);
    expect(await cfn.config.region()).toBe('us-east-1');
    expect(createAwsClient(S3Client, sandbox).config.forcePathStyle).toBe(true);
    expect(await getAwsCredentialsProvider(sandbox)()).toMatchObject({ accessKeyId: 'sandbox' });
  });

  it('caches one client per class, target and region', () => {
    const a = createAwsClient(CloudFormationClient, sandbox);
    expect(createAwsClient(CloudFormationClient, sandbox)).toBe(a);
    expect(createAwsClient(CloudFormationClient, { ...sandbox, region: 'eu-west-1' })).not.toBe(a);
    expect(createAwsClient(S3Client, sandbox)).not.toBe(a);
  });

  it('sends every target to the sandbox when no real AWS is configured', async () => {
    const cfn = createAwsClient(CloudFormationClient, real);
    expect(cfn.config.endpoint).toBeDefined();
    expect(await getAwsCredentialsProvider(real)()).toMatchObject({ accessKeyId: 'sandbox' });
  });

  it('uses AWS itself, with adaptive retries and one credentials provider per target, when credentials are configured', async () => {
    process.env.AWS_ACCESS_KEY_ID = 'AKIAEXAMPLE';
    process.env.AWS_SECRET_ACCESS_KEY = 'secret';
    resetEnvForTests();
    const cfn = createAwsClient(CloudFormationClient, real);
    expect(cfn.config.endpoint).toBeUndefined();
    expect(await cfn.config.maxAttempts()).toBe(5);
    const retryMode = cfn.config.retryMode as unknown;
    expect(typeof retryMode === 'function' ? await (retryMode as () => Promise<string>)() : retryMode).toBe('adaptive');
    expect(getAwsCredentialsProvider(real)).toBe(getAwsCredentialsProvider({ ...real, region: 'us-east-1' }));
    expect(cfn.config.customUserAgent).toEqual([['slipway/0.1']]);
  });
});
