/**
 * The audit trail (domain brief §7.6): who did what, when, from where, and how it ended.
 * Append-only: a trigger refuses UPDATE and DELETE, and each row carries a hash chained to the
 * previous one, so `cli audit verify` finds any row changed or removed behind the database's back.
 */
import { bigserial, index, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

export const auditEventsTable = pgTable('audit_events', {
  id: text('id').primaryKey(),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  /** The signed-in user who acted; null for anonymous requests and the CLI. */
  actorUserId: text('actor_user_id'),
  /** SCREAMING_SNAKE, e.g. LOGIN_SUCCEEDED, ROLE_GRANTED. */
  action: text('action').notNull(),
  /** What the action was about, as `type:id` (e.g. `user:usr_…`). */
  subject: text('subject'),
  ip: text('ip'),
  outcome: text('outcome', { enum: ['SUCCESS', 'FAILURE', 'DENIED'] }).notNull(),
  details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
  /** Position in the hash chain (commit order under an advisory lock). */
  seq: bigserial('seq', { mode: 'number' }).notNull(),
  /** SHA-256 of the previous row's hash and this row's canonical content (see audit-chain.ts). */
  prevHash: text('prev_hash'),
  hash: text('hash'),
}, (t) => [
  uniqueIndex('audit_events_seq_uq').on(t.seq),
  index('audit_events_actor_idx').on(t.actorUserId, t.at),
  index('audit_events_subject_idx').on(t.subject, t.at),
  index('audit_events_action_idx').on(t.action, t.at),
]);
