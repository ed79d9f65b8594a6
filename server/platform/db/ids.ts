import { randomBytes } from 'node:crypto';

const alphabet = '0123456789abcdefghjkmnpqrstvwxyz';

/**
 * Prefixed, time-ordered ids (`proc_01jd...`): readable in logs, sortable, unguessable enough
 * for internal rows. 10 chars of time (ms, base32) + 16 chars of randomness.
 */
export function createId(prefix: string): string {
  let time = Date.now();
  let head = '';
  for (let i = 0; i < 10; i++) {
    head = alphabet[time % 32] + head;
    time = Math.floor(time / 32);
  }
  const bytes = randomBytes(16);
  let tail = '';
  for (const b of bytes) tail += alphabet[b % 32];
  return `${prefix}_${head}${tail}`;
}
