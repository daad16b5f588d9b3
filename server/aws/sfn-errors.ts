import 'server-only';
import { AppError } from '@/server/errors';

type AwsErrorLike = { name?: string; Code?: string; message?: string; code?: string; $metadata?: { httpStatusCode?: number }; cause?: unknown };

export interface SfnErrorContext {
  /** What we were doing, as a verb phrase: "list executions". */
  action: string;
  targetName: string;
  isSandbox: boolean;
}

const SANDBOX_START_HINT = 'Start it with `npm run sandbox -- start` (or `npm run demo`), then reload.';

// Case-sensitive on purpose: `ResourceNotFound` must not read as ENOTFOUND.
const NETWORK_CODES = /\b(ECONNREFUSED|ECONNRESET|EHOSTUNREACH|ENOTFOUND|ETIMEDOUT|EAI_AGAIN)\b/;

function isConnectionFailure(e: AwsErrorLike): boolean {
  if (e.$metadata?.httpStatusCode) return false;
  const codes = `${e.code ?? ''} ${String((e.cause as { code?: string } | undefined)?.code ?? '')} ${e.message ?? ''}`;
  return NETWORK_CODES.test(codes) || /^(fetch failed|socket hang up)/.test(e.message ?? '') || e.name === 'TimeoutError';
}

/** Turn a Step Functions / CloudWatch Logs SDK error into an AppError that says what to do. */
export function toSfnError(err: unknown, context: SfnErrorContext): AppError {
  if (err instanceof AppError) return err;
  const e = (err ?? {}) as AwsErrorLike;
  const name = e.name ?? e.Code ?? 'Error';
  const message = e.message ?? String(err);
  const where = context.isSandbox ? 'in the sandbox account' : `in target ${context.targetName}`;

  if (isConnectionFailure(e)) {
    return context.isSandbox
      ? new AppError(
          'UNAVAILABLE',
          `The sandbox AWS account (the local moto server) is not answering, so Slipway cannot ${context.action}. ${SANDBOX_START_HINT}`,
          { details: { dependency: 'sandbox-aws' } },
        )
      : new AppError('UNAVAILABLE', `Could not reach AWS Step Functions ${where} to ${context.action}. Check the network and try again.`, {
          details: { dependency: 'aws' },
        });
  }
  switch (name) {
    case 'ExecutionDoesNotExist':
      return new AppError('NOT_FOUND', `No such execution ${where}.`);
    case 'StateMachineDoesNotExist':
    case 'StateMachineDeleting':
      return new AppError('NOT_FOUND', `No such state machine ${where} (it may have been deleted with its stack).`);
    case 'ResourceNotFound':
    case 'ResourceNotFoundException':
      return new AppError('NOT_FOUND', `Not found ${where}: ${message}`);
    case 'ExecutionAlreadyExists':
      return new AppError('CONFLICT', 'An execution with this name already exists for this state machine; choose another name.', {
        fields: { name: ['is already used by another execution'] },
      });
    case 'InvalidExecutionInput':
      return new AppError('VALIDATION', `Step Functions rejected the input: ${message}`, { fields: { input: [message] } });
    case 'InvalidName':
      return new AppError('VALIDATION', `Step Functions rejected the name: ${message}`, { fields: { name: [message] } });
    case 'InvalidArn':
      return new AppError('VALIDATION', `Not a valid ARN: ${message}`);
    case 'StateMachineTypeNotSupported':
      return new AppError('CONFLICT', `Express state machines do not support this (${context.action}): they keep no execution history.`);
    case 'ExecutionLimitExceeded':
      return new AppError('UNAVAILABLE', `Too many executions are running for this account ${where}; wait for some to finish.`);
    default:
      break;
  }
  if (/Throttl|TooManyRequests|Rate exceeded/i.test(name + message)) {
    return new AppError('UNAVAILABLE', `AWS is throttling Step Functions requests ${where}; try again in a minute.`);
  }
  if (/AccessDenied|UnauthorizedOperation|not authorized/i.test(name + message)) {
    return new AppError(
      'UPSTREAM',
      `AWS refused to ${context.action} ${where}: ${message}. Give the role Slipway assumes the permission it names (see infra/slipway-target-role.yaml).`,
    );
  }
  if (/ExpiredToken|InvalidClientTokenId|SignatureDoesNotMatch|UnrecognizedClient/i.test(name + message)) {
    return new AppError(
      'UPSTREAM',
      `Slipway's AWS credentials for ${context.targetName} are expired or invalid (${name}). Ask a platform admin to check the target's role.`,
    );
  }
  const status = e.$metadata?.httpStatusCode;
  if (status && status >= 500) {
    return new AppError(
      'UPSTREAM',
      context.isSandbox
        ? `The sandbox AWS account could not ${context.action} (HTTP ${status}); moto may not implement this call.`
        : `AWS failed to ${context.action} ${where} (HTTP ${status}${name !== 'Error' ? `, ${name}` : ''}).`,
    );
  }
  return new AppError('UPSTREAM', `Could not ${context.action} ${where}: ${message}`);
}
