import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createKeyring, isSealed, keyIdOf, open, parseSecretKey, rewrap, seal, SecretDecryptionError, sealedKeyId, type SecretKey } from './envelope.js';
import { developmentKeyFile, keyringFromConfig } from './keyring.js';
import { loadConfig } from '../config/config.js';

const newKey = (): SecretKey => {
  const key = randomBytes(32);
  return { kid: keyIdOf(key), key };
};

const decryptionError = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected a failure');
};

describe('envelope encryption of secrets', () => {
  const k1 = newKey();
  const ring = createKeyring(k1);

  it('round-trips a value, with a fresh data key and IV each time, and does not show it', () => {
    const plain = 'JBSWY3DPEHPK3PXP — khóa bí mật';
    const a = seal(ring, plain, 'totp_credentials:u1');
    const b = seal(ring, plain, 'totp_credentials:u1');
    expect(a).not.toBe(b);
    for (const sealed of [a, b]) {
      expect(isSealed(sealed)).toBe(true);
      expect(sealed.split(':')).toHaveLength(6);
      expect(sealedKeyId(sealed)).toBe(k1.kid);
      expect(sealed).not.toContain('JBSWY3DP');
      expect(open(ring, sealed, 'totp_credentials:u1')).toBe(plain);
    }
    expect(open(ring, seal(ring, '', 'x:1'), 'x:1')).toBe('');
  });

  it('refuses an altered value, a value moved to another row, and a malformed one', () => {
    const sealed = seal(ring, 'whsec_c2VjcmV0', 'webhook_subscriptions:whk_1');
    const parts = sealed.split(':');
    for (const index of [2, 3, 4, 5]) {
      const altered = [...parts];
      const bytes = Buffer.from(altered[index]!, 'base64url');
      bytes[0] = bytes[0]! ^ 1;
      altered[index] = bytes.toString('base64url');
      const error = decryptionError(() => open(ring, altered.join(':'), 'webhook_subscriptions:whk_1'));
      expect(error).toBeInstanceOf(SecretDecryptionError);
      expect((error as SecretDecryptionError).reason).not.toBe('unknown_key');
    }
    expect((decryptionError(() => open(ring, sealed, 'webhook_subscriptions:whk_2')) as SecretDecryptionError).reason).toBe('tampered');
    expect((decryptionError(() => open(ring, 'v1:abc:def', 'x')) as SecretDecryptionError).reason).toBe('malformed');
    expect((decryptionError(() => open(ring, `${sealed}:extra`, 'x')) as SecretDecryptionError).reason).toBe('malformed');
  });

  it('refuses a wrong key, including one that claims the right key id', () => {
    const sealed = seal(ring, 'private', 'signing_keys:key_1');
    const other = createKeyring(newKey());
    const unknown = decryptionError(() => open(other, sealed, 'signing_keys:key_1')) as SecretDecryptionError;
    expect(unknown.reason).toBe('unknown_key');
    expect(unknown.message).toMatch(/Không giải mã được/);
    const impostor = createKeyring({ kid: k1.kid, key: randomBytes(32) });
    expect((decryptionError(() => open(impostor, sealed, 'signing_keys:key_1')) as SecretDecryptionError).reason).toBe('tampered');
  });

  it('rotation re-wraps the data key under the new key; the old key alone no longer opens it', () => {
    const k2 = newKey();
    const sealed = seal(ring, 'totp secret', 'totp_credentials:u9');
    const during = createKeyring(k2, [k1]);
    expect(open(during, sealed, 'totp_credentials:u9')).toBe('totp secret');
    const rewrapped = rewrap(during, sealed);
    expect(sealedKeyId(rewrapped)).toBe(k2.kid);
    // Only the wrapped data key changed.
    expect(rewrapped.split(':').slice(3)).toEqual(sealed.split(':').slice(3));
    expect(rewrap(during, rewrapped)).toBe(rewrapped);
    expect(open(createKeyring(k2), rewrapped, 'totp_credentials:u9')).toBe('totp secret');
    expect((decryptionError(() => open(createKeyring(k1), rewrapped, 'totp_credentials:u9')) as SecretDecryptionError).reason).toBe('unknown_key');
    // Without the old key, a value sealed under it cannot be re-wrapped.
    expect((decryptionError(() => rewrap(createKeyring(k2), sealed)) as SecretDecryptionError).reason).toBe('unknown_key');
  });

  it('parses keys: 32 bytes of base64, with a helpful Vietnamese reason otherwise', () => {
    const text = randomBytes(32).toString('base64');
    const parsed = parseSecretKey(text);
    expect(typeof parsed).toBe('object');
    expect((parsed as SecretKey).kid).toBe(keyIdOf(Buffer.from(text, 'base64')));
    expect(parseSecretKey(randomBytes(16).toString('base64'))).toMatch(/32 byte/);
    expect(parseSecretKey('không phải base64!')).toMatch(/base64/);
  });
});

describe('keys from configuration', () => {
  const key = randomBytes(32).toString('base64');
  const production = { NODE_ENV: 'production', PUBLIC_URL: 'https://dvc.example.gov.vn', DATABASE_URL: 'postgres://x@db/opendvc', SIGNING_PKCS12_PASSPHRASE: 'a-real-passphrase-1' };

  it('production refuses to start without SECRETS_KEY, with a clear message', () => {
    expect(() => loadConfig(production)).toThrow(/SECRETS_KEY: bắt buộc khi NODE_ENV=production[^\n]*openssl rand -base64 32/);
    expect(loadConfig({ ...production, SECRETS_KEY: key }).secretsKey).toBe(key);
  });

  it('refuses a key that is not 32 bytes of base64, and bad previous keys', () => {
    expect(() => loadConfig({ SECRETS_KEY: 'short' })).toThrow(/SECRETS_KEY: phải là đúng 32 byte/);
    expect(() => loadConfig({ SECRETS_KEY: key, SECRETS_KEY_PREVIOUS: `${randomBytes(32).toString('base64')},oops` })).toThrow(/SECRETS_KEY_PREVIOUS: khóa thứ 2/);
  });

  it('SECRETS_KEY seals and SECRETS_KEY_PREVIOUS opens', () => {
    const old = randomBytes(32).toString('base64');
    // An empty data folder: a development key left in ./data would be one more previous key.
    const config = loadConfig({ NODE_ENV: 'test', SECRETS_KEY: key, SECRETS_KEY_PREVIOUS: old, DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'opendvc-keyring-')) });
    const ring = keyringFromConfig(config);
    expect(ring.current.kid).toBe(keyIdOf(Buffer.from(key, 'base64')));
    expect(ring.previous.map((k) => k.kid)).toEqual([keyIdOf(Buffer.from(old, 'base64'))]);
  });

  it('development without SECRETS_KEY generates one key in the data folder, kept across starts and logged as not for production', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'opendvc-secrets-'));
    try {
      const warnings: string[] = [];
      const log = { warn: (_obj: object, msg: string) => warnings.push(msg) };
      const config = loadConfig({ NODE_ENV: 'development', DATA_DIR: dataDir });
      const first = keyringFromConfig(config, log);
      const again = keyringFromConfig(config, log);
      expect(again.current.kid).toBe(first.current.kid);
      expect(fs.statSync(developmentKeyFile(dataDir)).mode & 0o077).toBe(0);
      expect(warnings[0]).toMatch(/không dùng cho môi trường thật/);
      // Once SECRETS_KEY is set, the generated key still opens what it sealed.
      const configured = keyringFromConfig(loadConfig({ NODE_ENV: 'development', DATA_DIR: dataDir, SECRETS_KEY: key }), log);
      expect(configured.previous.map((k) => k.kid)).toContain(first.current.kid);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
