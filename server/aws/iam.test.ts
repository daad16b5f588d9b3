import { describe, expect, it } from 'vitest';
import { decodePolicyDocument } from '@/server/aws/iam';
import { computeAbacMatrix } from '@/server/abac/matrix';

describe('decodePolicyDocument', () => {
  it('decodes IAM’s URL-encoded JSON', () => {
    expect(decodePolicyDocument(encodeURIComponent('{"Version":"2012-10-17","Statement":[]}'))).toEqual({ Version: '2012-10-17', Statement: [] });
  });

  it('keeps a document that is not JSON as text, which the matrix then reports instead of failing', () => {
    const odd = "{'Version': '2012-10-17'}";
    expect(decodePolicyDocument(odd)).toBe(odd);
    expect(decodePolicyDocument('%E0%A4%A')).toBe('%E0%A4%A');
    const matrix = computeAbacMatrix(
      [
        {
          arn: 'arn:aws:iam::111122223333:role/x',
          kind: 'role',
          name: 'x',
          tags: {},
          policies: [{ name: 'odd', document: decodePolicyDocument(odd) }],
          permissionsBoundary: null,
        },
      ],
      [{ arn: 'arn:aws:lambda:us-east-1:111122223333:function:f', name: 'f', tags: {}, resourcePolicy: null }],
      'lambda:GetFunction',
    );
    expect(matrix.cells).toEqual([['implicitDeny']]);
    expect(matrix.problems).toEqual([{ where: 'arn:aws:iam::111122223333:role/x odd', problem: expect.stringMatching(/policy document/) }]);
  });
});
