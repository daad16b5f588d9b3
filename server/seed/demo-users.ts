import 'server-only';
import { upsertDemoUser, upsertMembership, upsertTeam } from '@/server/seed/queries';
import type { Role } from '@/server/auth/roles';

const demoTeams = [
  {
    slug: 'falcon',
    name: 'Falcon',
    requiredTags: { 'project-name': 'falcon', 'cost-center': 'CC-1001', organization: 'payments', owner: '' },
  },
  {
    slug: 'eagle',
    name: 'Eagle',
    requiredTags: { 'project-name': 'eagle', 'cost-center': 'CC-2002', organization: 'logistics', owner: '' },
  },
] as const;

const demoUsers: { email: string; name: string; isPlatformAdmin?: boolean; memberships: { team: string; role: Role }[] }[] = [
  { email: 'admin@example.com', name: 'Ada Admin', isPlatformAdmin: true, memberships: [] },
  { email: 'falcon-dev@example.com', name: 'Farah Falcon', memberships: [{ team: 'falcon', role: 'developer' }] },
  { email: 'falcon-viewer@example.com', name: 'Felix Falcon', memberships: [{ team: 'falcon', role: 'viewer' }] },
  { email: 'eagle-dev@example.com', name: 'Elena Eagle', memberships: [{ team: 'eagle', role: 'developer' }] },
  { email: 'eagle-viewer@example.com', name: 'Ezra Eagle', memberships: [{ team: 'eagle', role: 'viewer' }] },
  { email: 'eagle-lead@example.com', name: 'Esme Eagle', memberships: [{ team: 'eagle', role: 'admin' }] },
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
