import { describe, expect, it } from 'vitest';
import { accessFor, actingTeamId, decideOwner, matchesArnPattern, matchesRule, refusalMessage, type AssignmentRule } from './ownership';
import type { Actor } from '@/server/auth/actor';

const falcon = { id: 't-falcon', slug: 'falcon', name: 'Falcon' };
const eagle = { id: 't-eagle', slug: 'eagle', name: 'Eagle' };
const ARN = 'arn:aws:states:us-east-1:123456789012:stateMachine:EmployeeBatchWorkflow-abc';

const actor = (teams: [typeof falcon, 'viewer' | 'developer' | 'admin'][], isPlatformAdmin = false): Actor => ({
  userId: 'u',
  email: 'u@example.com',
  name: 'U',
  isPlatformAdmin,
  via: 'session',
  teams: teams.map(([t, role]) => ({ ...t, role })),
});

describe('ARN patterns', () => {
  it('matches * across any characters and everything else literally', () => {
    expect(matchesArnPattern('arn:aws:states:us-east-1:123456789012:stateMachine:Employee*', ARN)).toBe(true);
    expect(matchesArnPattern('arn:aws:states:*:123456789012:stateMachine:*', ARN)).toBe(true);
    expect(matchesArnPattern(ARN, ARN)).toBe(true);
    expect(matchesArnPattern('arn:aws:states:us-east-1:123456789012:stateMachine:Employee', ARN)).toBe(false);
    expect(matchesArnPattern('arn:aws:states:us-east-1:999999999999:stateMachine:*', ARN)).toBe(false);
  });

  it('treats regular-expression characters literally', () => {
    expect(matchesArnPattern('arn:aws:states:us-east-1:123456789012:stateMachine:a.c', 'arn:aws:states:us-east-1:123456789012:stateMachine:abc')).toBe(false);
    expect(matchesArnPattern('arn:(aws)+', 'arn:awsaws')).toBe(false);
    expect(matchesArnPattern('arn:(aws)+', 'arn:(aws)+')).toBe(true);
  });

  it('tag rules need the tag with exactly that value, and never match without tags', () => {
    const rule: AssignmentRule = { id: 'r', team: eagle, kind: 'tag', key: 'team', value: 'eagle' };
    expect(matchesRule(rule, { arn: ARN, tags: { team: 'eagle' } })).toBe(true);
    expect(matchesRule(rule, { arn: ARN, tags: { team: 'Eagle' } })).toBe(false);
    expect(matchesRule(rule, { arn: ARN, tags: {} })).toBe(false);
    expect(matchesRule(rule, { arn: ARN })).toBe(false);
    // A tag named like an object property is not found on the prototype.
    expect(matchesRule({ ...rule, key: 'constructor', value: 'function Object() { [native code] }' }, { arn: ARN, tags: {} })).toBe(false);
  });
});

describe('deciding the owner', () => {
  const rules: AssignmentRule[] = [
    { id: '1', team: eagle, kind: 'arn-pattern', pattern: 'arn:aws:states:*:123456789012:stateMachine:Employee*' },
    { id: '2', team: falcon, kind: 'tag', key: 'owner', value: 'falcon' },
  ];

  it('a launch owns what it created, whatever the rules say', () => {
    const owner = decideOwner({ arn: ARN, tags: { owner: 'falcon' } }, { team: falcon, launch: { id: 'l1', stackName: 'demo-jcl-batch' } }, rules);
    expect(owner).toEqual({ kind: 'launch', team: falcon, launch: { id: 'l1', stackName: 'demo-jcl-batch' } });
  });

  it('otherwise every team whose rule matches; otherwise nobody', () => {
    expect(decideOwner({ arn: ARN, tags: { owner: 'falcon' } }, null, rules)).toEqual({ kind: 'assigned', teams: [eagle, falcon] });
    expect(decideOwner({ arn: ARN }, null, rules)).toEqual({ kind: 'assigned', teams: [eagle] });
    expect(decideOwner({ arn: 'arn:aws:states:us-east-1:123456789012:stateMachine:Other' }, null, rules)).toEqual({ kind: 'unowned' });
  });
});

describe('access', () => {
  const launchOwned = { kind: 'launch' as const, team: falcon, launch: { id: 'l1', stackName: 'demo-jcl-batch' } };

  it('members of the owning team read, its developers and admins act; other teams neither', () => {
    expect(accessFor(actor([[falcon, 'viewer']]), launchOwned)).toEqual({ canRead: true, canOperate: false });
    expect(accessFor(actor([[falcon, 'developer']]), launchOwned)).toEqual({ canRead: true, canOperate: true });
    expect(accessFor(actor([[falcon, 'admin']]), launchOwned)).toEqual({ canRead: true, canOperate: true });
    expect(accessFor(actor([[eagle, 'admin']]), launchOwned)).toEqual({ canRead: false, canOperate: false });
    expect(
      accessFor(
        actor([
          [eagle, 'developer'],
          [falcon, 'viewer'],
        ]),
        launchOwned,
      ),
    ).toEqual({ canRead: true, canOperate: false });
  });

  it('platform admins always may; nobody else may touch what nobody owns', () => {
    expect(accessFor(actor([], true), { kind: 'unowned' })).toEqual({ canRead: true, canOperate: true });
    expect(accessFor(actor([[falcon, 'admin']]), { kind: 'unowned' })).toEqual({ canRead: false, canOperate: false });
  });

  it('any assigned team grants; the acting team is the one the actor develops in', () => {
    const assigned = { kind: 'assigned' as const, teams: [eagle, falcon] };
    const a = actor([
      [eagle, 'viewer'],
      [falcon, 'developer'],
    ]);
    expect(accessFor(a, assigned)).toEqual({ canRead: true, canOperate: true });
    expect(actingTeamId(a, assigned)).toBe(falcon.id);
    expect(actingTeamId(actor([], true), assigned)).toBeNull();
  });

  it('refusals name the owner and the role needed', () => {
    expect(refusalMessage(launchOwned, 'read', 'read its executions')).toMatch(
      /team falcon \(launch demo-jcl-batch\); only its members can read its executions/,
    );
    expect(refusalMessage(launchOwned, 'operate', 'start executions')).toMatch(/only its developers can start executions/);
    expect(refusalMessage({ kind: 'unowned' }, 'operate', 'reset its offsets')).toMatch(/only platform admins can reset its offsets/);
  });
});
