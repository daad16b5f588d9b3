import 'server-only';
import { AppError } from '@/server/errors';

type AwsErrorLike = { name?: string; Code?: string; message?: string; $metadata?: { httpStatusCode?: number } };

/** Turns an AWS SDK error into an AppError whose message says what to fix. */
export function toLaunchError(err: unknown, context: { action: string; targetName: string }): AppError {
  if (err instanceof AppError) return err;
  const e = (err ?? {}) as AwsErrorLike;
  const name = e.name ?? e.Code ?? 'Error';
  const message = e.message ?? String(err);
  const where = `in target ${context.targetName}`;
  if (/AccessDenied|UnauthorizedOperation|not authorized/i.test(name + message)) {
    return new AppError(
      'UPSTREAM',
      `AWS refused to ${context.action} ${where}: ${message}. Give the role Slipway assumes the permission it names (see infra/slipway-target-role.yaml).`,
    );
  }
  if (/InsufficientCapabilities/i.test(name + message)) {
    return new AppError('VALIDATION', `CloudFormation needs more capabilities to ${context.action}: ${message}`, { fields: { capabilities: [message] } });
  }
  if (/AlreadyExists/i.test(name + message)) {
    return new AppError('CONFLICT', `A stack with that name already exists ${where}. Choose another stack name.`, {
      fields: { stackName: ['is already in use'] },
    });
  }
  if (/Throttl|Rate exceeded|TooManyRequests/i.test(name + message)) {
    return new AppError('UNAVAILABLE', `AWS is throttling requests ${where}; try again in a minute.`);
  }
  if (/ExpiredToken|InvalidClientTokenId|SignatureDoesNotMatch|UnrecognizedClient/i.test(name + message)) {
    return new AppError(
      'UPSTREAM',
      `Slipway's AWS credentials for ${context.targetName} are expired or invalid (${name}). Ask a platform admin to check the target's role and the portal's credentials.`,
    );
  }
  if (name === 'ValidationError' || /ValidationError/.test(name)) {
    return new AppError('VALIDATION', `CloudFormation rejected the request to ${context.action}: ${message}`);
  }
  const status = e.$metadata?.httpStatusCode;
  if (status && status >= 500) {
    return new AppError(
      'UPSTREAM',
      `AWS failed to ${context.action} ${where} (HTTP ${status}${name !== 'Error' ? `, ${name}` : ''}). If this is the local sandbox, check that it is running.`,
    );
  }
  if (/ECONNREFUSED|fetch failed|ENOTFOUND|socket hang up/i.test(message)) {
    return new AppError('UNAVAILABLE', `Could not reach AWS ${where}. If this is the local sandbox, start it with \`npm run sandbox -- start\`.`);
  }
  return new AppError('UPSTREAM', `Could not ${context.action} ${where}: ${message}`);
}
