/**
 * Envelope encryption of secrets kept in the database (docs/adr/0020-secrets-at-rest.md).
 *
 * Each value gets its own random 256-bit data key; the value is sealed with AES-256-GCM under the
 * data key (the context, e.g. `totp_credentials:<user id>`, is authenticated data, so a sealed value
 * copied to another row does not open there); the data key is wrapped with AES-256-GCM under the
 * key-encryption key (KEK) from configuration. A sealed value is one self-describing string:
 *
 *   v1:<kid>:<wrapped data key>:<iv>:<ciphertext>:<tag>      (base64url parts)
 *
 * `kid` names the KEK (a fingerprint of the key, so it is never configured by hand): during a
 * rotation several KEKs open values, the current one seals. Re-wrapping a value under a new KEK
 * changes the wrapped data key only, not the ciphertext, and needs no context.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

export const SEALED_PREFIX = 'v1:';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface SecretKey {
  kid: string;
  key: Buffer;
}

/** The KEKs this process knows: `current` seals, every one opens values that name it. */
export interface Keyring {
  current: SecretKey;
  previous: readonly SecretKey[];
}

export class SecretDecryptionError extends Error {
  constructor(readonly reason: 'malformed' | 'unknown_key' | 'tampered', readonly kid?: string) {
    super(
      reason === 'unknown_key'
        ? `Không giải mã được bí mật: khóa "${kid}" không có trong SECRETS_KEY hay SECRETS_KEY_PREVIOUS / unknown key-encryption key`
        : reason === 'tampered'
          ? 'Không giải mã được bí mật: sai khóa hoặc dữ liệu đã bị sửa / wrong key or altered value'
          : 'Không giải mã được bí mật: giá trị không đúng định dạng / malformed sealed value',
    );
    this.name = 'SecretDecryptionError';
  }
}

/** The key id of a KEK: a short fingerprint (it reveals nothing about the key). */
export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update('opendvc-secrets-kek\0').update(key).digest('base64url').slice(0, 10);
}

/** A KEK from its base64 text (32 bytes), or a Vietnamese-first reason why not. */
export function parseSecretKey(text: string): SecretKey | string {
  const trimmed = text.trim();
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed)) return 'phải là 32 byte mã hóa base64, tạo bằng `openssl rand -base64 32` (must be 32 bytes in base64)';
  const key = Buffer.from(trimmed.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  if (key.length !== KEY_BYTES) return `phải là đúng 32 byte sau khi giải mã base64, hiện là ${key.length} byte (must decode to 32 bytes)`;
  return { kid: keyIdOf(key), key };
}

export function createKeyring(current: SecretKey, previous: readonly SecretKey[] = []): Keyring {
  return { current, previous: previous.filter((k) => k.kid !== current.kid) };
}

function findKey(keyring: Keyring, kid: string): SecretKey | undefined {
  return keyring.current.kid === kid ? keyring.current : keyring.previous.find((k) => k.kid === kid);
}

const b64 = (b: Buffer) => b.toString('base64url');

function gcmEncrypt(key: Buffer, plain: Buffer, aad: string) {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plain), cipher.final()]);
  return { iv, ciphertext, tag: cipher.getAuthTag() };
}

function gcmDecrypt(key: Buffer, iv: Buffer, ciphertext: Buffer, tag: Buffer, aad: string, kid: string): Buffer {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  } catch {
    throw new SecretDecryptionError('tampered', kid);
  }
}

/** Authenticated data of the wrapped data key: the format version and the KEK's id. */
const wrapAad = (kid: string) => `opendvc-secrets:v1:wrap:${kid}`;
/** Authenticated data of the value: the format version and the value's context. */
const valueAad = (context: string) => `opendvc-secrets:v1:value:${context}`;

function wrapDataKey(kek: SecretKey, dataKey: Buffer): string {
  const { iv, ciphertext, tag } = gcmEncrypt(kek.key, dataKey, wrapAad(kek.kid));
  return b64(Buffer.concat([iv, ciphertext, tag]));
}

function unwrapDataKey(kek: SecretKey, wrapped: Buffer): Buffer {
  if (wrapped.length !== IV_BYTES + KEY_BYTES + TAG_BYTES) throw new SecretDecryptionError('malformed');
  return gcmDecrypt(kek.key, wrapped.subarray(0, IV_BYTES), wrapped.subarray(IV_BYTES, IV_BYTES + KEY_BYTES), wrapped.subarray(IV_BYTES + KEY_BYTES), wrapAad(kek.kid), kek.kid);
}

interface SealedParts {
  kid: string;
  wrapped: Buffer;
  iv: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
  /** The raw text parts after the kid, for re-wrapping without re-encoding. */
  rest: string[];
}

function parseSealed(sealed: string): SealedParts {
  const parts = sealed.split(':');
  if (parts.length !== 6 || `${parts[0]}:` !== SEALED_PREFIX || parts.slice(1).some((p) => !/^[A-Za-z0-9_-]*$/.test(p))) throw new SecretDecryptionError('malformed');
  const [, kid, wrapped, iv, ciphertext, tag] = parts as [string, string, string, string, string, string];
  const parsed = { kid, wrapped: Buffer.from(wrapped, 'base64url'), iv: Buffer.from(iv, 'base64url'), ciphertext: Buffer.from(ciphertext, 'base64url'), tag: Buffer.from(tag, 'base64url'), rest: [iv, ciphertext, tag] };
  if (!kid || parsed.iv.length !== IV_BYTES || parsed.tag.length !== TAG_BYTES) throw new SecretDecryptionError('malformed');
  return parsed;
}

/** True when the text is a sealed value (of any key). */
export function isSealed(value: string): boolean {
  return value.startsWith(SEALED_PREFIX);
}

/** The KEK id a sealed value names, or undefined for a value in clear. */
export function sealedKeyId(value: string): string | undefined {
  return isSealed(value) ? value.split(':')[1] : undefined;
}

/** Seals `plain` under the current KEK; `context` must be given again to open it. */
export function seal(keyring: Keyring, plain: string, context: string): string {
  const dataKey = randomBytes(KEY_BYTES);
  const { iv, ciphertext, tag } = gcmEncrypt(dataKey, Buffer.from(plain, 'utf8'), valueAad(context));
  const wrapped = wrapDataKey(keyring.current, dataKey);
  dataKey.fill(0);
  return [SEALED_PREFIX.slice(0, -1), keyring.current.kid, wrapped, b64(iv), b64(ciphertext), b64(tag)].join(':');
}

/**
 * Opens a sealed value.
 *
 * @throws SecretDecryptionError when it is malformed, names a KEK not in the keyring, or does not
 *   authenticate (another key, another context, or altered).
 */
export function open(keyring: Keyring, sealed: string, context: string): string {
  const parts = parseSealed(sealed);
  const kek = findKey(keyring, parts.kid);
  if (!kek) throw new SecretDecryptionError('unknown_key', parts.kid);
  const dataKey = unwrapDataKey(kek, parts.wrapped);
  try {
    return gcmDecrypt(dataKey, parts.iv, parts.ciphertext, parts.tag, valueAad(context), parts.kid).toString('utf8');
  } finally {
    dataKey.fill(0);
  }
}

/**
 * The same value with its data key wrapped under the current KEK (unchanged when it already is).
 * The ciphertext is kept as it is: no context is needed.
 *
 * @throws SecretDecryptionError as `open`.
 */
export function rewrap(keyring: Keyring, sealed: string): string {
  const parts = parseSealed(sealed);
  if (parts.kid === keyring.current.kid) return sealed;
  const kek = findKey(keyring, parts.kid);
  if (!kek) throw new SecretDecryptionError('unknown_key', parts.kid);
  const dataKey = unwrapDataKey(kek, parts.wrapped);
  try {
    return [SEALED_PREFIX.slice(0, -1), keyring.current.kid, wrapDataKey(keyring.current, dataKey), ...parts.rest].join(':');
  } finally {
    dataKey.fill(0);
  }
}
