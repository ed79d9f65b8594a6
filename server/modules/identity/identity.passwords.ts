/** argon2id password hashing with configurable cost (tests use cheap settings; production the defaults). */
import argon2 from 'argon2';
import type { Config } from '../../platform/config/config.js';

export type PasswordPolicy = Pick<Config, 'argon2MemoryKib' | 'argon2TimeCost' | 'argon2Parallelism'>;

export const MIN_PASSWORD_LENGTH = 10;

export function hashPassword(password: string, policy: PasswordPolicy): Promise<string> {
  return argon2.hash(password, {
    type: argon2.argon2id,
    memoryCost: policy.argon2MemoryKib,
    timeCost: policy.argon2TimeCost,
    parallelism: policy.argon2Parallelism,
  });
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

const dummyHashes = new Map<string, Promise<string>>();

/**
 * Spends the same time as checking a real password, for logins that match no account, so that
 * response times do not tell which accounts exist.
 */
export async function verifyAgainstDummy(password: string, policy: PasswordPolicy): Promise<void> {
  const key = `${policy.argon2MemoryKib}:${policy.argon2TimeCost}:${policy.argon2Parallelism}`;
  let hash = dummyHashes.get(key);
  if (!hash) {
    hash = hashPassword('opendvc-dummy-password', policy);
    dummyHashes.set(key, hash);
  }
  await verifyPassword(await hash, password);
}
