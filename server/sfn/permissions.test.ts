import { describe, expect, it } from 'vitest';
import { canOperateExecutions, requireExecutionOperator } from './permissions';
import type { Actor } from '@/server/auth/actor';
import type { TargetDto } from '@/lib/schemas/targets';
import type { Role } from '@/lib/auth/roles';

const actor = (teams: [string, Role][], isPlatformAdmin = false): Actor => ({
  userId: 'u',
  email: 'u@example.com',
  name: 'U',
  isPlatformAdmin,
  teams: teams.map(([slug, role]) => ({ id: `team-${slug}`, slug, name: slug, role })),
  via: 'session',
});

const target = (overrides: Partial<TargetDto>): TargetDto => ({
  id: 't',
  name: 'prod-payments',
  accountId: '111122223333',
  regions: ['eu-west-1'],
  roleArn: null,
  serviceRoleArn: null,
  hasExternalId: true,
  isSandbox: false,
  teamIds: ['team-falcon'],
  ...overrides,
});

describe('who may start and stop executions', () => {
  it('lets developers of a team that may use the target, and platform admins', () => {
    expect(requireExecutionOperator(actor([['falcon', 'developer']]), target({}), 'start executions')).toEqual({ teamId: 'team-falcon' });
    expect(requireExecutionOperator(actor([], true), target({}), 'start executions')).toEqual({ teamId: null });
    expect(canOperateExecutions(actor([['falcon', 'admin']]), target({}))).toBe(true);
  });

  it('lets every team developer use the sandbox', () => {
    expect(canOperateExecutions(actor([['eagle', 'developer']]), target({ isSandbox: true, teamIds: [] }))).toBe(true);
  });

  it('refuses viewers, saying which role they have', () => {
    expect(() => requireExecutionOperator(actor([['falcon', 'viewer']]), target({ isSandbox: true, teamIds: [] }), 'start executions')).toThrow(
      expect.objectContaining({
        code: 'FORBIDDEN',
        message: 'Your role in falcon is viewer; you need developer in a team that may use the sandbox to start executions.',
      }),
    );
  });

  it('refuses developers of a team the target is not shared with', () => {
    expect(canOperateExecutions(actor([['eagle', 'developer']]), target({}))).toBe(false);
    expect(() => requireExecutionOperator(actor([['eagle', 'developer']]), target({}), 'stop executions')).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN', message: expect.stringContaining('target prod-payments to stop executions') }),
    );
  });
});
