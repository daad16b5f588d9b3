import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resetEnvForTests } from '@/server/env';
import { decryptSecret, deriveKey, encryptSecret } from './crypto';

const saved = { ...process.env };
const newKey = () => randomBytes(32).toString('base64');
let dataDir: string;

function useKeys(current: string | undefined, previous?: string[]) {
  if (current === undefined) delete process.env.SLIPWAY_ENCRYPTION_KEY;
  else process.env.SLIPWAY_ENCRYPTION_KEY = current;
  if (previous) process.env.SLIPWAY_ENCRYPTION_PREVIOUS_KEYS = previous.join(',');
  else delete process.env.SLIPWAY_ENCRYPTION_PREVIOUS_KEYS;
  resetEnvForTests();
}

beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'slipway-crypto-'));
  process.env.SLIPWAY_DATA_DIR = dataDir;
  useKeys(newKey());
});
afterEach(() => {
  process.env = { ...saved };
  resetEnvForTests();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Flips one bit of a base64 field of a sealed value. */
function flip(sealed: string, field: 1 | 2 | 3): string {
  const parts = sealed.split(':');
  const bytes = Buffer.from(parts[field]!, 'base64');
  bytes[0]! ^= 1;
  parts[field] = bytes.toString('base64');
  return parts.join(':');
}

describe('encryptSecret / decryptSecret', () => {
  it('round-trips a value for its own record, with a fresh IV each time', () => {
    const a = encryptSecret('ext-id-123 ✓', 'target:a');
    const b = encryptSecret('ext-id-123 ✓', 'target:a');
    expect(a).not.toBe(b);
    expect(a).not.toContain('ext-id-123');
    expect(decryptSecret(a, 'target:a')).toBe('ext-id-123 ✓');
    expect(decryptSecret(b, 'target:a')).toBe('ext-id-123 ✓');
    expect(decryptSecret(encryptSecret('', 'target:a'), 'target:a')).toBe('');
  });

  it('refuses a value copied onto another record (the context is authenticated)', () => {
    const sealed = encryptSecret('{"password":"p"}', 'kafka-cluster:one');
    expect(() => decryptSecret(sealed, 'kafka-cluster:two')).toThrow(/does not decrypt/);
    expect(() => decryptSecret(sealed, 'target:one')).toThrow(/does not decrypt/);
  });

  it('refuses with another key', () => {
    const sealed = encryptSecret('s3cret', 'target:a');
    useKeys(newKey());
    expect(() => decryptSecret(sealed, 'target:a')).toThrow(/does not decrypt/);
  });

  it('refuses a changed IV, tag or ciphertext, and a shortened tag', () => {
    const sealed = encryptSecret('s3cret', 'target:a');
    for (const field of [1, 2, 3] as const) expect(() => decryptSecret(flip(sealed, field), 'target:a')).toThrow();
    // GCM would accept a tag cut to 4 bytes unless its length is pinned: a forgery would then need 2^32 tries, not 2^128.
    const parts = sealed.split(':');
    parts[2] = Buffer.from(parts[2]!, 'base64').subarray(0, 4).toString('base64');
    expect(() => decryptSecret(parts.join(':'), 'target:a')).toThrow();
  });

  it('refuses what it did not write', () => {
    for (const junk of ['', 'plain text', 'v0:a:b:c', 'v1:a:b', 'v1:a:b:c:d']) expect(() => decryptSecret(junk, 'target:a')).toThrow(/unrecognised/);
  });

  it('rotates: a retired key still decrypts what it sealed, new values use the current key', () => {
    const oldKey = process.env.SLIPWAY_ENCRYPTION_KEY!;
    const before = encryptSecret('old secret', 'target:a');
    const rotated = newKey();
    useKeys(rotated, [newKey(), oldKey]);
    expect(decryptSecret(before, 'target:a')).toBe('old secret');
    // Still bound to its record under a retired key.
    expect(() => decryptSecret(before, 'target:b')).toThrow(/does not decrypt/);
    const after = encryptSecret('new secret', 'target:a');
    // Once the old key is dropped, only what it sealed stops decrypting.
    useKeys(rotated);
    expect(decryptSecret(after, 'target:a')).toBe('new secret');
    expect(() => decryptSecret(before, 'target:a')).toThrow(/does not decrypt/);
  });

  it('refuses keys that are not 32 bytes', () => {
    useKeys(Buffer.alloc(16).toString('base64'));
    expect(() => encryptSecret('x', 'target:a')).toThrow(/SLIPWAY_ENCRYPTION_KEY must be 32 bytes/);
    useKeys(newKey(), ['short']);
    expect(() => decryptSecret('v1:a:b:c', 'target:a')).toThrow(/SLIPWAY_ENCRYPTION_PREVIOUS_KEYS/);
  });

  it('generates one key into the data folder, readable by the owner only, when none is configured', () => {
    useKeys(undefined);
    const sealed = encryptSecret('v', 'target:a');
    const file = path.join(dataDir, 'secret.key');
    expect(Buffer.from(readFileSync(file, 'utf8'), 'base64')).toHaveLength(32);
    expect(statSync(file).mode & 0o077).toBe(0);
    resetEnvForTests();
    expect(decryptSecret(sealed, 'target:a')).toBe('v');
  });
});

describe('deriveKey', () => {
  it('gives each purpose its own key from the current master key', () => {
    expect(deriveKey('secrets').equals(deriveKey('request-hash'))).toBe(false);
    expect(deriveKey('secrets')).toHaveLength(32);
    const first = deriveKey('secrets');
    useKeys(newKey(), [process.env.SLIPWAY_ENCRYPTION_KEY!]);
    expect(deriveKey('secrets').equals(first)).toBe(false);
  });
});
