import 'server-only';
import { randomBytes } from 'node:crypto';
import { sha256Hex } from '@/server/crypto';

// Tokens carry 256 bits of randomness, so a plain SHA-256 is a safe stored form (no salt/KDF needed:
// there is nothing to brute-force). The prefix lets people tell tokens apart and lets secret
// scanners recognise a leaked one.
const TOKEN_PREFIX = 'slw_';

/** A new token: the plaintext (shown once), its hash (stored) and a display prefix. */
export function mintToken(): { token: string; hash: string; prefix: string } {
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { token, hash: hashToken(token), prefix: token.slice(0, 10) };
}

export function hashToken(token: string): string {
  return sha256Hex(token);
}

export function looksLikeToken(value: string): boolean {
  return value.startsWith(TOKEN_PREFIX) && value.length > TOKEN_PREFIX.length + 20;
}
