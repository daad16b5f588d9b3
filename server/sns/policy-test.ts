import 'server-only';
import { AppError } from '@/server/errors';
import { evaluatePolicy, type PolicyTestResultDto } from '@/lib/sns/evaluate';
import { parseDataProtectionPolicy } from '@/lib/sns/policy';
import type { FieldErrors } from '@/server/errors';
import type { PolicyTestInput } from '@/lib/schemas/sns';

/**
 * What SNS would do with a message under a policy. A policy SNS would refuse is a 400 naming each
 * field under `policy.` and its rule, as PutDataProtectionPolicy answers InvalidParameter.
 */
export function testPolicy(input: PolicyTestInput): PolicyTestResultDto {
  const parsed = parseDataProtectionPolicy(input.policy);
  if (!parsed.ok) {
    const fields: FieldErrors = Object.create(null);
    for (const p of parsed.problems) {
      const key = p.field === 'policy' ? 'policy' : `policy.${p.field}`;
      (fields[key] ??= []).push(p.message);
    }
    const summary = parsed.problems.map((p) => `${p.field === 'policy' ? 'policy' : `policy.${p.field}`} ${p.message}`).join('; ');
    throw new AppError('BAD_REQUEST', `Not a valid data protection policy — ${summary}`, { fields });
  }
  return evaluatePolicy(parsed.policy, input).result;
}
