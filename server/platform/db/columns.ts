import { timestamp } from 'drizzle-orm/pg-core';

/** created_at / updated_at as timestamptz, set by the database. */
export const timestampColumns = () => ({
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
