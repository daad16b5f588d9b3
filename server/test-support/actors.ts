import type { Actor } from '@/server/auth/actor';

/** A signed-in actor for database tests, its id and e-mail made unique to the test file by `suffix`. */
export function testActor(name: string, suffix: string, extra: Partial<Actor> = {}): Actor {
  return { userId: `${name}-${suffix}`, email: `${name}-${suffix}@example.com`, name, isPlatformAdmin: false, teams: [], via: 'session', ...extra };
}
