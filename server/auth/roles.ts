import 'server-only';
const roles = ['viewer', 'developer', 'admin'] as const;
export type Role = (typeof roles)[number];

const rank: Record<Role, number> = { viewer: 1, developer: 2, admin: 3 };

/** True when `role` grants at least what `minimum` grants. */
export function isRoleAtLeast(role: Role, minimum: Role): boolean {
  return rank[role] >= rank[minimum];
}

export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}

/** What a signed-in person may see about themselves (sent to the browser). */
export type ActorDto = {
  userId: string;
  email: string;
  name: string;
  isPlatformAdmin: boolean;
  /** `source`: local (assigned by an admin) or idp (from the identity provider's groups). */
  teams: { id: string; slug: string; name: string; role: Role; source?: 'local' | 'idp' }[];
};
