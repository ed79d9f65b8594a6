import type { Logger } from 'pino';
import type { Config } from '../config/config.js';
import { openDatabase, type DatabaseHandle } from './create-database.js';
import { appliedMigrationCount, expectedMigrationCount, migrateDatabase } from './migrate.js';

/**
 * Opens the database for a serving process. Embedded: migrate, then seed when configured
 * (`seed` is given by the composition root: the platform does not know the modules).
 * PostgreSQL: migrations are an operator's step (`npm run db:migrate`); a pending one is
 * reported and /readyz stays 503 until it is applied.
 */
export async function bootstrapDatabase(config: Config, log: Logger, seed: (handle: DatabaseHandle) => Promise<void>): Promise<DatabaseHandle> {
  const started = Date.now();
  // A dropped connection is logged, never fatal: the request that held it fails alone.
  const handle = await openDatabase(config, { onConnectionError: (err) => log.warn({ err: { message: err.message, code: (err as { code?: string }).code } }, 'database connection lost') });
  if (handle.engine === 'pglite') await migrateDatabase(handle);
  const applied = await appliedMigrationCount(handle);
  const expected = expectedMigrationCount();
  if (applied < expected) {
    log.error({ applied, expected }, 'database has pending migrations: run `npm run db:migrate`');
  } else if (config.seedOnStart) {
    await seed(handle);
  }
  log.info({ engine: handle.engine, ms: Date.now() - started, dataDir: handle.engine === 'pglite' ? config.dataDir : undefined }, 'database ready');
  return handle;
}
