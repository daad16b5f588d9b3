import 'server-only';
import { assumeTargetRole, getCallerIdentity, getCallerIdentityWith } from '@/server/aws/sts';
import { redactText } from '@/server/log';
import type { AwsTargetRef } from '@/server/aws/clients';
import type { TargetConnectionTestDto } from '@/lib/schemas/targets';

const TIMEOUT_MS = 10_000;

export type ConnectionTestResult = Omit<TargetConnectionTestDto, 'target'>;

type Sts = {
  assumeTargetRole: typeof assumeTargetRole;
  getCallerIdentity: typeof getCallerIdentity;
  getCallerIdentityWith: typeof getCallerIdentityWith;
};

/** AWS's own words for a failed call (its error name and message), never the request or credentials. */
export function describeAwsError(err: unknown): string {
  if (err instanceof Error && (err.name === 'AbortError' || err.name === 'TimeoutError')) return `AWS did not answer within ${TIMEOUT_MS / 1000} s`;
  if (!(err instanceof Error)) return 'The call failed for an unknown reason';
  // "message (Name)": "ExpiredToken: The …" would read to redactText as a token's value.
  const text = err.message && err.message !== err.name ? `${err.message} (${err.name})` : err.name;
  return redactText(text).slice(0, 1000);
}

/**
 * "Test the connection": AssumeRole with the target's role and external id, then GetCallerIdentity
 * with the credentials it gave, which must be in the target's account. A sandbox target without a
 * role skips AssumeRole, as the launch flow does, and asks GetCallerIdentity with the sandbox's own.
 */
export async function testTargetConnection(
  target: AwsTargetRef,
  sts: Sts = { assumeTargetRole, getCallerIdentity, getCallerIdentityWith },
): Promise<ConnectionTestResult> {
  const abortSignal = AbortSignal.timeout(TIMEOUT_MS);
  const steps: ConnectionTestResult['steps'] = [];
  const failed = (name: 'AssumeRole' | 'GetCallerIdentity', error: string): ConnectionTestResult => {
    steps.push({ name, status: 'failed', message: error });
    return { ok: false, steps, identity: null, error };
  };
  let identity: ConnectionTestResult['identity'];
  if (target.roleArn) {
    let credentials;
    try {
      credentials = await sts.assumeTargetRole({ ...target, roleArn: target.roleArn }, { abortSignal });
    } catch (err) {
      return failed('AssumeRole', describeAwsError(err));
    }
    steps.push({ name: 'AssumeRole', status: 'ok' });
    try {
      identity = await sts.getCallerIdentityWith(target, credentials, { abortSignal });
    } catch (err) {
      return failed('GetCallerIdentity', describeAwsError(err));
    }
  } else if (target.isSandbox) {
    steps.push({ name: 'AssumeRole', status: 'skipped', message: 'The sandbox target has no role: calls use the sandbox’s own credentials.' });
    try {
      identity = await sts.getCallerIdentity(target, { abortSignal });
    } catch (err) {
      return failed('GetCallerIdentity', describeAwsError(err));
    }
  } else {
    return failed('AssumeRole', 'The target has no role ARN to assume.');
  }
  if (identity.accountId !== target.accountId) {
    const error = `The credentials answered as account ${identity.accountId ?? 'unknown'}, not the target's account ${target.accountId}.`;
    steps.push({ name: 'GetCallerIdentity', status: 'failed', message: error });
    return { ok: false, steps, identity, error };
  }
  steps.push({ name: 'GetCallerIdentity', status: 'ok', message: identity.arn ?? undefined });
  return { ok: true, steps, identity, error: null };
}
