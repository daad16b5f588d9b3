import 'server-only';
import type { ActorDto, Role } from '@/server/auth/roles';

/** Who is calling, resolved from a session cookie or an API token. */
export type Actor = ActorDto & { via: 'session' | 'token'; tokenId?: string };

export type { Role };
