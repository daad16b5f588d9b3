import path from 'node:path';

/** Seeded demo users (server/seed/demo-users.ts) and where each one's signed-in state is saved. */
export const users = {
  admin: 'admin@example.com',
  falconAdmin: 'falcon-admin@example.com',
  falconDev: 'falcon-dev@example.com',
  falconViewer: 'falcon-viewer@example.com',
  eagleAdmin: 'eagle-admin@example.com',
  eagleDev: 'eagle-dev@example.com',
  eagleViewer: 'eagle-viewer@example.com',
} as const;

export type UserKey = keyof typeof users;

export const storageState = (user: UserKey) => path.join(import.meta.dirname, '.auth', `${user}.json`);
