/**
 * The process's key-encryption keys, from configuration, and the seal/open functions the modules
 * call where a secret is written or used (docs/adr/0020-secrets-at-rest.md).
 *
 * The composition roots (`server/app.ts`, `server/main.ts`, `server/cli.ts`) call
 * `configureSecrets(config)` once; the keyring is resolved on first use:
 *   - `SECRETS_KEY` (and `SECRETS_KEY_PREVIOUS`) when set; production refuses to start without it;
 *   - otherwise, in development, a key generated once into `DATA_DIR/secrets.key` (logged as not
 *     for production);
 *   - otherwise (tests, or nothing configured) a published development key.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import type { Config } from '../config/config.js';
import { createErrorFactory } from '../errors/app-error.js';
import { createKeyring, isSealed, keyIdOf, open, parseSecretKey, seal, SecretDecryptionError, type Keyring, type SecretKey } from './envelope.js';

/** The published key of tests and unconfigured scripts: it protects nothing, by design. */
const DEVELOPMENT_KEY = createHash('sha256').update('opendvc-published-development-secrets-key-not-for-production').digest();
/** `DEVELOPMENT_KEY` as `SECRETS_KEY` would give it (tests pass it as a previous key). */
export const DEVELOPMENT_SECRETS_KEY = DEVELOPMENT_KEY.toString('base64');

export const createSecretUnreadableError = createErrorFactory({
  code: 'platform.secret_unreadable',
  message: 'Không đọc được một dữ liệu bí mật đã mã hóa (khóa SECRETS_KEY không khớp). Vui lòng báo quản trị viên hệ thống.',
  status: 500,
});

interface Log {
  warn(obj: object, msg: string): void;
}

/** The file that keeps the generated key of a development data folder. */
export const developmentKeyFile = (dataDir: string) => path.join(dataDir, 'secrets.key');

function readOrCreateKeyFile(file: string): SecretKey {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  try {
    fs.writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  const parsed = parseSecretKey(fs.readFileSync(file, 'utf8'));
  if (typeof parsed === 'string') throw new Error(`${file}: ${parsed}`);
  return parsed;
}

function parseOrThrow(name: string, text: string): SecretKey {
  const parsed = parseSecretKey(text);
  if (typeof parsed === 'string') throw new Error(`${name}: ${parsed}`);
  return parsed;
}

/** The keyring configuration gives (reads or creates the development key file when it applies). */
export function keyringFromConfig(config: Pick<Config, 'nodeEnv' | 'dataDir' | 'secretsKey' | 'secretsKeyPrevious'>, log?: Log): Keyring {
  const previous = (config.secretsKeyPrevious ?? []).map((k, i) => parseOrThrow(`SECRETS_KEY_PREVIOUS[${i}]`, k));
  if (config.secretsKey) {
    // A development folder's generated key keeps opening what it sealed once SECRETS_KEY is set.
    const file = developmentKeyFile(config.dataDir);
    if (config.nodeEnv !== 'production' && fs.existsSync(file)) previous.push(parseOrThrow(file, fs.readFileSync(file, 'utf8')));
    return createKeyring(parseOrThrow('SECRETS_KEY', config.secretsKey), previous);
  }
  if (config.nodeEnv === 'production') throw new Error('SECRETS_KEY: bắt buộc khi NODE_ENV=production (required in production)');
  if (config.nodeEnv === 'development') {
    const file = developmentKeyFile(config.dataDir);
    const key = readOrCreateKeyFile(file);
    log?.warn({ file, kid: key.kid }, 'SECRETS_KEY chưa đặt: bí mật được mã hóa bằng khóa cục bộ trong thư mục dữ liệu — không dùng cho môi trường thật / not for production');
    return createKeyring(key, previous);
  }
  return createKeyring({ kid: keyIdOf(DEVELOPMENT_KEY), key: DEVELOPMENT_KEY }, previous);
}

let resolve: () => Keyring = () => createKeyring({ kid: keyIdOf(DEVELOPMENT_KEY), key: DEVELOPMENT_KEY });
let resolved: Keyring | undefined;
let configuredWith: string | undefined;

/** Sets where this process's keys come from; resolved on first use. The same settings again change nothing. */
export function configureSecrets(config: Pick<Config, 'nodeEnv' | 'dataDir' | 'secretsKey' | 'secretsKeyPrevious'>, log?: Log): void {
  const settings = JSON.stringify([config.nodeEnv, config.dataDir, config.secretsKey ?? null, config.secretsKeyPrevious ?? []]);
  if (settings === configuredWith) return;
  configuredWith = settings;
  resolve = () => keyringFromConfig(config, log);
  resolved = undefined;
}

/** The keyring in use (resolved now if it was not yet). */
export function activeKeyring(): Keyring {
  resolved ??= resolve();
  return resolved;
}

/** Seals a secret for the column and row named by `context` (e.g. `totp_credentials:<user id>`). */
export function sealSecret(plain: string, context: string): string {
  return seal(activeKeyring(), plain, context);
}

/**
 * The secret in clear. A value stored before encryption was introduced (not sealed) is returned
 * as it is until `encryptExistingSecrets` has sealed it.
 *
 * @throws platform.secret_unreadable (500) when no configured key opens it.
 */
export function openSecret(stored: string, context: string): string {
  if (!isSealed(stored)) return stored;
  try {
    return open(activeKeyring(), stored, context);
  } catch (e) {
    if (e instanceof SecretDecryptionError) throw createSecretUnreadableError({ cause: e, details: { reason: e.reason, kid: e.kid } });
    throw e;
  }
}

/** Seals a JSON value (kept in a `jsonb` column as one JSON string). */
export function sealSecretJson(value: unknown, context: string): string {
  return sealSecret(JSON.stringify(value), context);
}

/** A JSON value sealed by `sealSecretJson`, or the object itself when it is still in clear. */
export function openSecretJson<T>(stored: unknown, context: string): T {
  return (typeof stored === 'string' ? JSON.parse(openSecret(stored, context)) : stored) as T;
}
