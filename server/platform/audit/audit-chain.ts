/**
 * The audit trail's hash chain, as pure functions: each row's hash is
 *   sha256(prevHash + '\n' + canonicalJson({ id, at, actorUserId, action, subject, ip, outcome, details }))
 * where `prevHash` is the previous row's hash ('' for the first chained row) and `at` is the ISO
 * instant in milliseconds. Canonical JSON sorts object keys recursively, so a row read back from
 * jsonb (which reorders keys) hashes the same as when it was written.
 */
import { createHash } from 'node:crypto';

export interface ChainedAuditContent {
  id: string;
  at: Date;
  actorUserId: string | null;
  action: string;
  subject: string | null;
  ip: string | null;
  outcome: string;
  details: Record<string, unknown>;
}

/** Sorts keys recursively after a JSON round trip (Dates become ISO strings, undefined members go). */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const source = value as Record<string, unknown>;
    // No prototype: a `__proto__` key stays an ordinary member.
    const out: Record<string, unknown> = Object.create(null);
    for (const key of Object.keys(source).sort()) out[key] = sortKeys(source[key]);
    return out;
  }
  return value;
}

/** JSON with object keys sorted at every level; `undefined` gives `null`. */
export function canonicalJson(value: unknown): string {
  const plain = JSON.stringify(value);
  return plain === undefined ? 'null' : JSON.stringify(sortKeys(JSON.parse(plain)));
}

/** The text a row's hash covers (without the previous hash). */
export function auditContentText(row: ChainedAuditContent): string {
  return canonicalJson({
    id: row.id,
    at: row.at.toISOString(),
    actorUserId: row.actorUserId ?? null,
    action: row.action,
    subject: row.subject ?? null,
    ip: row.ip ?? null,
    outcome: row.outcome,
    details: row.details ?? {},
  });
}

/** SHA-256 (hex) chaining a row to the previous hash (null for the first row of the chain). */
export function auditRowHash(prevHash: string | null, row: ChainedAuditContent): string {
  return createHash('sha256').update(`${prevHash ?? ''}\n${auditContentText(row)}`, 'utf8').digest('hex');
}

export type ChainBreak = 'hash_mismatch' | 'prev_hash_mismatch' | 'gap';

export interface StoredAuditRow extends ChainedAuditContent {
  seq: number;
  prevHash: string | null;
  hash: string | null;
}

/**
 * Checks rows fed in `seq` order, batch after batch. Rows before the first chained one (hash
 * null: written before the chain existed) are counted as legacy. Afterwards:
 * - `hash_mismatch`: the row's content (or its stored previous hash) was changed after it was written;
 * - `prev_hash_mismatch`: the row does not follow the one before it: a row was removed in between
 *   (or the first chained row was removed, when this one claims a predecessor);
 * - `gap`: a row without a hash inside the chain (written behind recordAuditEvent's back).
 * Gaps in `seq` itself are normal (a rolled-back transaction uses up its sequence number).
 */
export function createChainVerifier() {
  let lastHash: string | null = null;
  let started = false;
  let rows = 0;
  let legacy = 0;
  let broken: { seq: number; id: string; reason: ChainBreak } | undefined;

  return {
    /** Feeds one row; returns false once the chain is broken (later rows are not looked at). */
    push(row: StoredAuditRow): boolean {
      if (broken) return false;
      if (row.hash === null) {
        if (started) {
          broken = { seq: row.seq, id: row.id, reason: 'gap' };
          return false;
        }
        legacy++;
        return true;
      }
      if (auditRowHash(row.prevHash, row) !== row.hash) {
        broken = { seq: row.seq, id: row.id, reason: 'hash_mismatch' };
        return false;
      }
      if (row.prevHash !== (started ? lastHash : null)) {
        broken = { seq: row.seq, id: row.id, reason: 'prev_hash_mismatch' };
        return false;
      }
      started = true;
      lastHash = row.hash;
      rows++;
      return true;
    },
    result(): ChainVerification {
      return broken ? { ok: false, rows, legacy, firstBroken: broken } : { ok: true, rows, legacy };
    },
  };
}

export type ChainVerification =
  | { ok: true; rows: number; legacy: number }
  | { ok: false; rows: number; legacy: number; firstBroken: { seq: number; id: string; reason: ChainBreak } };
