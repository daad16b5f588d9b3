import { describe, expect, it } from 'vitest';

import { GroupRuleError, groupsFromClaims, membershipsFromGroups, parseGroupRules } from './group-rules';

const asObject = (map: Map<string, { role: string; group: string }>) => Object.fromEntries([...map].map(([team, m]) => [team, m.role]));

describe('group rules', () => {
  it('reads team and role from a pattern with both placeholders', () => {
    const rules = parseGroupRules('slipway-{team}-{role}s');
    expect(asObject(membershipsFromGroups(['slipway-falcon-developers', 'slipway-eagle-viewers', 'other'], rules))).toEqual({
      falcon: 'developer',
      eagle: 'viewer',
    });
  });

  it('maps fixed groups, and groups naming the team, to a fixed role', () => {
    const rules = parseGroupRules('payments-engineers=falcon:developer\nops-{team}=  {team}:viewer');
    expect(asObject(membershipsFromGroups(['payments-engineers', 'ops-eagle'], rules))).toEqual({ falcon: 'developer', eagle: 'viewer' });
  });

  it('gives the highest role when several groups map to one team', () => {
    const rules = parseGroupRules('slipway-{team}-{role}s, falcon-leads=falcon:admin');
    const memberships = membershipsFromGroups(['slipway-falcon-viewers', 'falcon-leads', 'slipway-falcon-developers'], rules);
    expect(memberships.get('falcon')).toEqual({ role: 'admin', group: 'falcon-leads' });
  });

  it('matches whole group names only, and only known roles', () => {
    const rules = parseGroupRules('slipway-{team}-{role}s');
    expect(
      membershipsFromGroups(['x-slipway-falcon-developers', 'slipway-falcon-developers-old', 'slipway-falcon-owners', 'slipway-Falcon-admins'], rules).size,
    ).toBe(0);
  });

  it('refuses rules it cannot read, naming the rule and what is wrong', () => {
    expect(() => parseGroupRules('slipway-{team}')).toThrow(GroupRuleError);
    expect(() => parseGroupRules('slipway-{team}')).toThrow(/"slipway-\{team\}".*needs both \{team\} and \{role\}/);
    expect(() => parseGroupRules('devs=falcon:owner')).toThrow(/role viewer, developer or admin/);
    expect(() => parseGroupRules('devs={team}:viewer')).toThrow(/needs \{team\} in the group name/);
    expect(() => parseGroupRules('devs=Falcon Team:viewer')).toThrow(/is not a team slug/);
    expect(() => parseGroupRules('a=b=c')).toThrow(/write <group>=<team>:<role>/);
    expect(parseGroupRules(undefined)).toEqual([]);
  });

  it('treats regular-expression characters in group names literally', () => {
    const rules = parseGroupRules('team.a+b=falcon:viewer');
    expect(membershipsFromGroups(['teamXa+b', 'team.aab'], rules).size).toBe(0);
    expect(membershipsFromGroups(['team.a+b'], rules).get('falcon')?.role).toBe('viewer');
  });

  it('reads the groups claim as a list or a single string', () => {
    expect(groupsFromClaims({ groups: ['a', 'b', 3] }, 'groups')).toEqual(['a', 'b']);
    expect(groupsFromClaims({ roles: 'a' }, 'roles')).toEqual(['a']);
    expect(groupsFromClaims({}, 'groups')).toEqual([]);
    expect(groupsFromClaims(undefined, 'groups')).toEqual([]);
  });
});
