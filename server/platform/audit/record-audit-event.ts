import { desc, isNotNull, sql } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import type { DbExecutor } from '../db/create-database.js';
import { createId } from '../db/ids.js';
import { auditRowHash } from './audit-chain.js';
import { auditEventsTable } from './audit.tables.js';

export type AuditOutcome = 'SUCCESS' | 'FAILURE' | 'DENIED';

export interface AuditEventInput {
  actorUserId?: string | null;
  action: string;
  subject?: string | null;
  ip?: string | null;
  outcome: AuditOutcome;
  details?: Record<string, unknown>;
}

/**
 * Key of the transaction-scoped advisory lock that serialises appends to the chain: the row read
 * as "previous" is always the last committed one, and `seq` follows commit order.
 */
export const AUDIT_CHAIN_LOCK_KEY = 4_207_311_002;

async function appendChained(tx: DbExecutor, event: AuditEventInput): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK_KEY}::bigint)`);
  const t = auditEventsTable;
  const [last] = await tx.select({ hash: t.hash }).from(t).where(isNotNull(t.hash)).orderBy(desc(t.seq)).limit(1);
  const row = {
    id: createId('aud'),
    // Milliseconds, set here: the hash covers the same instant the column stores.
    at: new Date(),
    actorUserId: event.actorUserId ?? null,
    action: event.action,
    subject: event.subject ?? null,
    ip: event.ip ?? null,
    outcome: event.outcome,
    // What jsonb will give back (Dates as ISO text, no undefined members).
    details: JSON.parse(JSON.stringify(event.details ?? {})) as Record<string, unknown>,
  };
  const prevHash = last?.hash ?? null;
  await tx.insert(t).values({ ...row, prevHash, hash: auditRowHash(prevHash, row) });
}

/**
 * Appends one audit row, chained to the previous one (see audit-chain.ts). Pass the transaction
 * of the change it records when there is one; otherwise a transaction is opened for the append.
 * The chain lock is then held until that transaction ends, so keep audited transactions short.
 * The caller's transaction must be READ COMMITTED (the default) so that it sees the last row.
 */
export async function recordAuditEvent({ db, event }: { db: DbExecutor; event: AuditEventInput }): Promise<void> {
  if (db instanceof PgTransaction) await appendChained(db, event);
  else await db.transaction((tx) => appendChained(tx, event));
}

export interface AuditReadInput {
  actorUserId: string | null;
  /** e.g. `dossier:dos_…` */
  subject: string;
  /** e.g. DOSSIER_VIEWED, DOSSIER_FILE_DOWNLOADED */
  action: string;
  ip?: string | null;
  details?: Record<string, unknown>;
}

/** Records that someone read something (a dossier, a file): an audit row with outcome SUCCESS. */
export function recordRead(db: DbExecutor, input: AuditReadInput): Promise<void> {
  return recordAuditEvent({ db, event: { ...input, outcome: 'SUCCESS' } });
}

/** The same as recordRead. */
export const auditRead = recordRead;
