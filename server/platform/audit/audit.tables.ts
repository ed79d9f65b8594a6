/**
 * The audit trail (domain brief §7.6): who did what, when, from where, and how it ended.
 * Append-only by convention: nothing in the application updates or deletes these rows.
 */
import { index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

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
}, (t) => [
  index('audit_events_actor_idx').on(t.actorUserId, t.at),
  index('audit_events_subject_idx').on(t.subject, t.at),
  index('audit_events_action_idx').on(t.action, t.at),
]);
