import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import type { DatabaseHandle } from './create-database.js';
import { queryRows } from './create-database.js';

export const migrationsFolder = path.resolve(import.meta.dirname, '../../../migrations');

/** Number of migrations shipped with this build (drizzle-kit's journal). */
export function expectedMigrationCount(): number {
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as { entries: unknown[] };
  return journal.entries.length;
}

// Any constant works; it only has to be the same on every node.
const MIGRATION_LOCK_KEY = 4_207_311_001;

/**
 * Applies pending migrations. On PostgreSQL several nodes may start at once: an advisory
 * lock on a dedicated connection makes them take turns, and the later ones find nothing to do.
 */
export async function migrateDatabase(handle: DatabaseHandle): Promise<void> {
  if (handle.engine === 'pglite') {
    await migratePglite(handle.db as unknown as PgliteDatabase, { migrationsFolder });
    return;
  }
  const client = await handle.pool!.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await migratePg(handle.db as unknown as NodePgDatabase, { migrationsFolder });
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => {});
    client.release();
  }
}

/** How many migrations the database has applied (0 before the first). */
export async function appliedMigrationCount(handle: DatabaseHandle): Promise<number> {
  const exists = await queryRows<{ ok: boolean }>(
    handle.db,
    sql`SELECT to_regclass('drizzle.__drizzle_migrations') IS NOT NULL AS ok`,
  );
  if (!exists[0]?.ok) return 0;
  const rows = await queryRows<{ n: number | string }>(handle.db, sql`SELECT count(*) AS n FROM drizzle.__drizzle_migrations`);
  return Number(rows[0]?.n ?? 0);
}
