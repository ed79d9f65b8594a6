import type { DbExecutor } from '../db/create-database.js';
import { createId } from '../db/ids.js';
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

/** Appends one audit row; pass the transaction of the change it records when there is one. */
export async function recordAuditEvent({ db, event }: { db: DbExecutor; event: AuditEventInput }): Promise<void> {
  await db.insert(auditEventsTable).values({
    id: createId('aud'),
    actorUserId: event.actorUserId ?? null,
    action: event.action,
    subject: event.subject ?? null,
    ip: event.ip ?? null,
    outcome: event.outcome,
    details: event.details ?? {},
  });
}
