import 'server-only';

import { generateAuthTokenFromCredentialsProvider } from 'aws-msk-iam-sasl-signer-js';
import type { OauthbearerProviderResponse } from 'kafkajs';

/** An AWS SDK credentials provider, typed from the signer so no transitive package is imported. */
export type AwsCredentialsProvider = Parameters<typeof generateAuthTokenFromCredentialsProvider>[0]['awsCredentialsProvider'];

/** The signer's contract (aws-msk-iam-sasl-signer-js): a presigned-URL token and its expiry in epoch ms. */
export type MskTokenSigner = (options: { region: string; awsCredentialsProvider: AwsCredentialsProvider }) => Promise<{ token: string; expiryTime: number }>;

export interface MskIamTokenProviderOptions {
  region: string;
  /** Credentials of the target account (e.g. from the assume-role AWS client factory). */
  credentials: AwsCredentialsProvider;
  /** Injected in tests; defaults to the real signer. */
  signer?: MskTokenSigner;
  now?: () => number;
  /** Refresh after this share of the token's lifetime (default 0.8)... */
  refreshAfterLifetimeShare?: number;
  /** ...or this long before expiry, whichever comes first (default 60 s). */
  refreshBeforeExpiryMs?: number;
  /** Told about refresh failures that were absorbed by a still-valid cached token. */
  onRefreshError?: (error: unknown) => void;
}

export type OauthBearerProvider = () => Promise<OauthbearerProviderResponse>;

/** A refresh that fails still returns the cached token if it has at least this long to live. */
const STILL_USABLE_MS = 5_000;

/**
 * kafkajs `oauthBearerProvider` for MSK IAM. Tokens (valid at most 900 s) are cached and refreshed
 * early; concurrent callers share one signing request, and a failed refresh is not cached. Caching
 * matters beyond speed: MSK allows each broker only ~20 IAM authentications per second.
 */
export function createMskIamTokenProvider(options: MskIamTokenProviderOptions): OauthBearerProvider {
  const signer = options.signer ?? generateAuthTokenFromCredentialsProvider;
  const now = options.now ?? Date.now;
  const share = options.refreshAfterLifetimeShare ?? 0.8;
  const beforeExpiry = options.refreshBeforeExpiryMs ?? 60_000;

  let cached: { token: string; expiresAt: number; refreshAt: number } | null = null;
  let inFlight: Promise<string> | null = null;

  const refresh = (): Promise<string> => {
    if (inFlight) return inFlight;
    const issuedAt = now();
    inFlight = signer({ region: options.region, awsCredentialsProvider: options.credentials })
      .then(({ token, expiryTime }) => {
        const lifetime = Math.max(0, expiryTime - issuedAt);
        const refreshAt = Math.min(issuedAt + lifetime * share, expiryTime - beforeExpiry);
        cached = { token, expiresAt: expiryTime, refreshAt };
        return token;
      })
      .finally(() => {
        inFlight = null;
      });
    return inFlight;
  };

  return async () => {
    const at = now();
    if (cached && at < cached.refreshAt) return { value: cached.token };
    try {
      return { value: await refresh() };
    } catch (error) {
      // Keep the cluster connection alive on a transient STS/credentials hiccup while the old token lasts.
      if (cached && now() < cached.expiresAt - STILL_USABLE_MS) {
        options.onRefreshError?.(error);
        return { value: cached.token };
      }
      throw error;
    }
  };
}
