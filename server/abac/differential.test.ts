import { describe, expect, it } from 'vitest';
import { buildRequestContext } from '@/server/abac/context';
import { evaluateRequest } from '@/server/abac/evaluate';
import { compilePolicy } from '@/server/abac/policy';
import { createRandom, generateCase, type GeneratedCase } from '@/server/abac/test-support/generate';
import { decideWithOracle } from '@/server/abac/test-support/oracle';

// Differential test against @cloud-copilot/iam-simulate (dev dependency, AGPL-3.0: never shipped).
// Case classes left out on purpose, where the oracle and IAM's documentation disagree:
// 1. `ForAnyValue:…IfExists` with the key absent: the oracle answers false (its set-operator branch
//    ignores IfExists); the "…IfExists condition operators" page says an absent key makes the
//    condition true. We follow the page (unit-tested in conditions.test.ts).
// 2. Policy variables in the partition, service, region or account of an ARN (Resource, Arn*
//    operators): the oracle splits the ARN at every colon, the one inside `${aws:…}` included, and
//    does not replace variables in those parts of Resource; IAM replaces variables anywhere in
//    Resource ("Where you can use policy variables"). We do (unit-tested).
// 3. Policies whose Version is not 2012-10-17: the oracle replaces variables anyway; IAM treats
//    `${…}` as plain text there. We keep the text (unit-tested).
// 4. Empty tag values used as variables: the oracle takes "" as missing; we substitute "".
// 5. Dates mixing epoch seconds and ISO 8601: the oracle compares epoch numbers with milliseconds.
// 6. Case differences in the partition, service, region or account of a Resource ARN: the oracle
//    compares them ignoring case; IAM says ARNs are case-sensitive ("IAM identifiers").
// 7. Wildcards in the resource type of a Resource ARN (`function` in `function:name`): the oracle
//    requires it literally; IAM lets `*` span it.
// 8. Bare addresses (no /prefix) in NotIpAddress across IPv4 and IPv6: the oracle answers false for a
//    bare IPv4 address and an IPv6 request but true for a CIDR block; we treat both as blocks.
// 9. IPv4 blocks with prefix /0: the oracle's mask (`-1 << 32`, which JavaScript takes as `-1 << 0`)
//    makes 0.0.0.0/0 match only 0.0.0.0; IAM matches every IPv4 address. We do (unit-tested).
// 10. Empty multivalued keys (aws:TagKeys = []): we never build them (a call without tags has no
//    aws:TagKeys), so only "absent" is compared.
// The generator (test-support/generate.ts) does not produce these classes.

const CASES = 10_000;
const SEED = 20261206;

function decideOurs(c: GeneratedCase) {
  const policies = {
    identity: c.policies.map((p, i) => compilePolicy(p, 'identity', i)),
    boundary: c.permissionsBoundary ? compilePolicy(c.permissionsBoundary, 'permissionsBoundary', c.policies.length) : null,
    resource: c.resourcePolicy ? compilePolicy(c.resourcePolicy, 'resourcePolicy', c.policies.length + 1) : null,
  };
  return evaluateRequest(policies, {
    action: c.facts.action,
    principalArn: c.facts.principalArn,
    resourceArn: c.facts.resourceArn,
    context: buildRequestContext(c.facts),
  }).decision;
}

describe('evaluator against @cloud-copilot/iam-simulate', () => {
  it(`agrees on ${CASES} generated cases`, { timeout: 240_000 }, async () => {
    const r = createRandom(SEED);
    const counts: Record<string, number> = { allowed: 0, explicitDeny: 0, implicitDeny: 0 };
    const disagreements: unknown[] = [];
    for (let i = 0; i < CASES; i++) {
      const c = generateCase(r);
      const ours = decideOurs(c);
      const oracle = await decideWithOracle(c);
      counts[ours] = (counts[ours] ?? 0) + 1;
      if (ours !== oracle && disagreements.length < 3) disagreements.push({ i, ours, oracle, case: c });
      else if (ours !== oracle) disagreements.push({ i });
    }
    expect(disagreements.slice(0, 3), JSON.stringify(disagreements.slice(0, 3), null, 1)).toEqual([]);
    expect(disagreements).toHaveLength(0);
    // The generator must reach every answer often, or agreement would prove little.
    for (const decision of ['allowed', 'explicitDeny', 'implicitDeny']) expect(counts[decision], JSON.stringify(counts)).toBeGreaterThan(CASES / 20);
  });
});
