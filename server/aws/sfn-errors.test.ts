import { describe, expect, it } from 'vitest';
import { AppError } from '@/server/errors';
import { toSfnError } from './sfn-errors';

const sandbox = { action: 'list executions', targetName: 'sandbox', isSandbox: true };
const real = { action: 'list executions', targetName: 'prod', isSandbox: false };
const awsError = (name: string, message = name, status = 400) => Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });

describe('toSfnError', () => {
  it('says the sandbox is down and how to start it when nothing answers', () => {
    const err = toSfnError(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } }), sandbox);
    expect(err).toMatchObject({ code: 'UNAVAILABLE', details: { dependency: 'sandbox-aws' } });
    expect(err.message).toMatch(/sandbox AWS account .* not answering.*npm run sandbox -- start/);
    expect(err.message).not.toMatch(/127\.0\.0\.1/);
    expect(toSfnError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), real)).toMatchObject({
      code: 'UNAVAILABLE',
      details: { dependency: 'aws' },
    });
  });

  it.each([
    ['ExecutionDoesNotExist', 'NOT_FOUND'],
    ['ResourceNotFound', 'NOT_FOUND'],
    ['StateMachineDoesNotExist', 'NOT_FOUND'],
    ['ExecutionAlreadyExists', 'CONFLICT'],
    ['InvalidExecutionInput', 'VALIDATION'],
    ['InvalidName', 'VALIDATION'],
    ['StateMachineTypeNotSupported', 'CONFLICT'],
    ['ThrottlingException', 'UNAVAILABLE'],
    ['AccessDeniedException', 'UPSTREAM'],
    ['ExpiredTokenException', 'UPSTREAM'],
  ])('maps %s to %s', (name, code) => {
    expect(toSfnError(awsError(name), real).code).toBe(code);
  });

  it('never reads a not-found answer as a network failure', () => {
    const err = awsError('ResourceNotFound', "Resource not found: 'arn:aws:states:us-east-1:123456789012:execution:m:x'");
    expect(toSfnError(err, sandbox).code).toBe('NOT_FOUND');
  });

  it('names the field of input and name errors, and explains sandbox HTTP 500s', () => {
    expect(toSfnError(awsError('ExecutionAlreadyExists'), real).fields).toEqual({ name: ['is already used by another execution'] });
    expect(toSfnError(awsError('InvalidExecutionInput', 'bad'), real).fields).toEqual({ input: ['bad'] });
    expect(toSfnError(awsError('InternalFailure', '<html>', 500), sandbox).message).toMatch(/moto may not implement/);
  });

  it('passes AppErrors through', () => {
    const original = new AppError('FORBIDDEN', 'no');
    expect(toSfnError(original, real)).toBe(original);
  });
});
