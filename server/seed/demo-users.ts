import 'server-only';
import { upsertDemoUser, upsertMembership, upsertTeam } from '@/server/seed/queries';
import type { Role } from '@/server/auth/roles';

const demoTeams = [
  {
    slug: 'falcon',
    name: 'Falcon',
    requiredTags: [
      { key: 'project-name', default: 'falcon' },
      { key: 'cost-center', pattern: 'CC-\\d{4}', default: 'CC-1001' },
      { key: 'organization', default: 'payments' },
      { key: 'owner' },
    ],
  },
  {
    slug: 'eagle',
    name: 'Eagle',
    requiredTags: [
      { key: 'project-name', default: 'eagle' },
      { key: 'cost-center', pattern: 'CC-\\d{4}', default: 'CC-2002' },
      { key: 'organization', default: 'logistics' },
      { key: 'owner' },
    ],
  },
] as const;

const demoUsers: { email: string; name: string; isPlatformAdmin?: boolean; memberships: { team: string; role: Role }[] }[] = [
  { email: 'admin@example.com', name: 'Ada Admin', isPlatformAdmin: true, memberships: [] },
  { email: 'falcon-admin@example.com', name: 'Fiona Falcon', memberships: [{ team: 'falcon', role: 'admin' }] },
  { email: 'falcon-dev@example.com', name: 'Farah Falcon', memberships: [{ team: 'falcon', role: 'developer' }] },
  { email: 'falcon-viewer@example.com', name: 'Felix Falcon', memberships: [{ team: 'falcon', role: 'viewer' }] },
  { email: 'eagle-admin@example.com', name: 'Emil Eagle', memberships: [{ team: 'eagle', role: 'admin' }] },
  { email: 'eagle-dev@example.com', name: 'Elena Eagle', memberships: [{ team: 'eagle', role: 'developer' }] },
  { email: 'eagle-viewer@example.com', name: 'Ezra Eagle', memberships: [{ team: 'eagle', role: 'viewer' }] },
];

/** Creates the demo teams and users (idempotent). */
export async function seedDemoUsers(): Promise<void> {
  const teamIds = new Map<string, string>();
  for (const t of demoTeams) {
    teamIds.set(t.slug, await upsertTeam(t));
  }
  for (const u of demoUsers) {
    const userId = await upsertDemoUser({ email: u.email, name: u.name, isPlatformAdmin: u.isPlatformAdmin ?? false });
    for (const m of u.memberships) await upsertMembership(userId, teamIds.get(m.team)!, m.role);
  }
}
