import 'server-only';
import { db } from '@/server/db';
import type { Role } from '@/lib/auth/roles';

export const demoTeams = [
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

export const demoUsers: { email: string; name: string; isPlatformAdmin?: boolean; memberships: { team: string; role: Role }[] }[] = [
  { email: 'admin@example.com', name: 'Ada Admin', isPlatformAdmin: true, memberships: [] },
  { email: 'falcon-dev@example.com', name: 'Farah Falcon', memberships: [{ team: 'falcon', role: 'developer' }] },
  { email: 'falcon-viewer@example.com', name: 'Felix Falcon', memberships: [{ team: 'falcon', role: 'viewer' }] },
  { email: 'eagle-dev@example.com', name: 'Elena Eagle', memberships: [{ team: 'eagle', role: 'developer' }] },
  { email: 'eagle-viewer@example.com', name: 'Ezra Eagle', memberships: [{ team: 'eagle', role: 'viewer' }] },
];

/** Creates the demo teams and users (idempotent). */
export async function seedDemoUsers(): Promise<void> {
  const teamIds = new Map<string, string>();
  for (const t of demoTeams) {
    const team = await db.team.upsert({
      where: { slug: t.slug },
      update: {},
      create: { slug: t.slug, name: t.name, requiredTags: JSON.stringify(t.requiredTags) },
    });
    teamIds.set(t.slug, team.id);
  }
  for (const u of demoUsers) {
    const user = await db.user.upsert({
      where: { email: u.email },
      update: { isDemo: true },
      create: { email: u.email, name: u.name, isPlatformAdmin: u.isPlatformAdmin ?? false, isDemo: true },
    });
    for (const m of u.memberships) {
      const teamId = teamIds.get(m.team)!;
      await db.membership.upsert({
        where: { userId_teamId: { userId: user.id, teamId } },
        update: { role: m.role },
        create: { userId: user.id, teamId, role: m.role },
      });
    }
  }
}
