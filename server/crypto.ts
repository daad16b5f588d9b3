import 'server-only';
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { env } from '@/server/env';

const VERSION = 'v1';
let cachedKey: Buffer | undefined;

/**
 * The 32-byte master key: SLIPWAY_ENCRYPTION_KEY, or one generated once into the data folder
 * (readable by the owner only) so the embedded default needs no set-up.
 */
function masterKey(): Buffer {
  if (cachedKey) return cachedKey;
  const configured = env().SLIPWAY_ENCRYPTION_KEY;
  if (configured) {
    const key = Buffer.from(configured, 'base64');
    if (key.length !== 32) throw new Error('SLIPWAY_ENCRYPTION_KEY must be 32 bytes, base64-encoded');
    cachedKey = key;
    return key;
  }
  const file = path.join(env().dataDir, 'secret.key');
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    try {
      writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
    } catch (err) {
      // Another process created it first: use theirs.
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  cachedKey = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  return cachedKey;
}

/** A key for one purpose, so the same master key never encrypts and signs. */
export function deriveKey(purpose: string, length = 32): Buffer {
  return Buffer.from(hkdfSync('sha256', masterKey(), Buffer.alloc(0), `slipway:${purpose}`, length));
}

/** Encrypts a secret for storage (AES-256-GCM); `context` binds it to its record. */
export function encryptSecret(plain: string, context: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', deriveKey('secrets'), iv);
  cipher.setAAD(Buffer.from(context));
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [VERSION, iv.toString('base64'), cipher.getAuthTag().toString('base64'), body.toString('base64')].join(':');
}

/** Decrypts what encryptSecret produced for the same context. */
export function decryptSecret(sealed: string, context: string): string {
  const [version, iv, tag, body] = sealed.split(':');
  if (version !== VERSION || !iv || !tag || body === undefined) throw new Error('unrecognised secret format');
  const decipher = createDecipheriv('aes-256-gcm', deriveKey('secrets'), Buffer.from(iv, 'base64'));
  decipher.setAAD(Buffer.from(context));
  decipher.setAuthTag(Buffer.from(tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
}

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
