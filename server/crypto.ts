import 'server-only';
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { env } from '@/server/env';

const VERSION = 'v1';
let cached: { configured: string; previous: string; keys: Buffer[] } | undefined;

function parseKey(encoded: string, name: string): Buffer {
  const key = Buffer.from(encoded.trim(), 'base64');
  if (key.length !== 32) throw new Error(`${name} must be 32 bytes, base64-encoded`);
  return key;
}

/**
 * The 32-byte master keys, current first: SLIPWAY_ENCRYPTION_KEY (or one generated once into the
 * data folder, readable by the owner only, so the embedded default needs no set-up), then the
 * retired keys of SLIPWAY_ENCRYPTION_PREVIOUS_KEYS, which only decrypt.
 */
function masterKeys(): Buffer[] {
  const configured = env().SLIPWAY_ENCRYPTION_KEY ?? '';
  const previous = env().SLIPWAY_ENCRYPTION_PREVIOUS_KEYS ?? '';
  if (cached && cached.configured === configured && cached.previous === previous) return cached.keys;
  const retired = previous
    .split(',')
    .filter((k) => k.trim())
    .map((k) => parseKey(k, 'each of SLIPWAY_ENCRYPTION_PREVIOUS_KEYS'));
  const current = configured ? parseKey(configured, 'SLIPWAY_ENCRYPTION_KEY') : generatedKey();
  cached = { configured, previous, keys: [current, ...retired] };
  return cached.keys;
}

function generatedKey(): Buffer {
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
  return parseKey(readFileSync(file, 'utf8'), path.basename(file));
}

const purposeKey = (master: Buffer, purpose: string, length: number) => Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), `slipway:${purpose}`, length));

/** A key for one purpose, so the same master key never encrypts and signs. */
export function deriveKey(purpose: string, length = 32): Buffer {
  return purposeKey(masterKeys()[0]!, purpose, length);
}

/** Encrypts a secret for storage (AES-256-GCM) with the current key; `context` binds it to its record. */
export function encryptSecret(plain: string, context: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', deriveKey('secrets'), iv);
  cipher.setAAD(Buffer.from(context));
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [VERSION, iv.toString('base64'), cipher.getAuthTag().toString('base64'), body.toString('base64')].join(':');
}

/**
 * Decrypts what encryptSecret produced for the same context, with the current key or a retired one
 * (GCM's tag tells which key sealed it). Throws when no key and context authenticate it: another
 * record's value, a key nobody configured any more, or a changed byte.
 */
export function decryptSecret(sealed: string, context: string): string {
  const [version, iv, tag, body, extra] = sealed.split(':');
  if (version !== VERSION || !iv || !tag || body === undefined || extra !== undefined) throw new Error('unrecognised secret format');
  for (const master of masterKeys()) {
    const decipher = createDecipheriv('aes-256-gcm', purposeKey(master, 'secrets', 32), Buffer.from(iv, 'base64'), { authTagLength: 16 });
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    try {
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
    } catch {
      // Not this key (or not this record, or tampered): try the next one.
    }
  }
  throw new Error('the secret does not decrypt with the configured keys for this record');
}

/** SHA-256 of a string, hex. */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
