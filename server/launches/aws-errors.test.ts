import { describe, expect, it } from 'vitest';
import { AppError } from '@/server/errors';
import { toLaunchError } from './aws-errors';

const ctx = { action: 'launch the stack', targetName: 'falcon-prod' };
const aws = (name: string, message: string, status?: number) => Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });

describe('toLaunchError', () => {
  it('says which permission the role lacks and where to grant it', () => {
    const e = toLaunchError(
      aws('AccessDenied', 'User: arn:aws:sts::1:assumed-role/slipway is not authorized to perform: cloudformation:CreateChangeSet', 403),
      ctx,
    );
    expect(e.code).toBe('UPSTREAM');
    expect(e.message).toMatch(/AWS refused to launch the stack in target falcon-prod: .*cloudformation:CreateChangeSet/);
    expect(e.message).toMatch(/infra\/slipway-target-role\.yaml/);
  });

  it('maps capabilities, name clashes, throttling and expired credentials to what to fix', () => {
    expect(toLaunchError(aws('InsufficientCapabilitiesException', 'Requires capabilities : [CAPABILITY_IAM]'), ctx)).toMatchObject({
      code: 'VALIDATION',
      fields: { capabilities: [expect.stringContaining('CAPABILITY_IAM')] },
    });
    expect(toLaunchError(aws('AlreadyExistsException', 'Stack [x] already exists'), ctx)).toMatchObject({
      code: 'CONFLICT',
      fields: { stackName: ['is already in use'] },
    });
    expect(toLaunchError(aws('ThrottlingException', 'Rate exceeded', 400), ctx)).toMatchObject({
      code: 'UNAVAILABLE',
      message: expect.stringMatching(/throttling/),
    });
    const expired = toLaunchError(aws('ExpiredToken', 'The security token included in the request is expired', 403), ctx);
    expect(expired.code).toBe('UPSTREAM');
    expect(expired.message).toMatch(/expired or invalid/);
  });

  it('passes CloudFormation validation messages through, and explains an unreachable sandbox', () => {
    expect(toLaunchError(aws('ValidationError', 'Template format error: unsupported structure.', 400), ctx)).toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/Template format error/),
    });
    expect(toLaunchError(new TypeError('fetch failed'), { ...ctx, targetName: 'sandbox' }).message).toMatch(/npm run sandbox -- start/);
    expect(toLaunchError(aws('InternalFailure', 'boom', 500), ctx)).toMatchObject({ code: 'UPSTREAM', message: expect.stringMatching(/HTTP 500/) });
  });

  it('keeps AppErrors as they are', () => {
    const original = new AppError('NOT_FOUND', 'No such launch.');
    expect(toLaunchError(original, ctx)).toBe(original);
  });
});
