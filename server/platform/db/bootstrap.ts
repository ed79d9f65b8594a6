import type { Logger } from 'pino';
import type { Config } from '../config/config.js';
import { openDatabase, type DatabaseHandle } from './create-database.js';
import { appliedMigrationCount, expectedMigrationCount, migrateDatabase } from './migrate.js';
import { importCatalogFile } from '../../modules/catalog/catalog.seed.js';
import { seedDemoAccounts } from '../../modules/identity/identity.seed.js';
import { seedDemoSigningPki } from '../../modules/identity/identity.signing-seed.js';
import { seedCaseFormsFromDir } from '../../modules/dossiers/index.js';
import { seedWorkflowsFromDir } from '../../modules/workflows/index.js';

/**
 * Opens the database for a serving process. Embedded: migrate, then seed when configured.
 * PostgreSQL: migrations are an operator's step (`npm run db:migrate`); a pending one is
 * reported and /readyz stays 503 until it is applied.
 */
export async function bootstrapDatabase(config: Config, log: Logger): Promise<DatabaseHandle> {
  const started = Date.now();
  const handle = await openDatabase(config);
  if (handle.engine === 'pglite') await migrateDatabase(handle);
  const applied = await appliedMigrationCount(handle);
  const expected = expectedMigrationCount();
  if (applied < expected) {
    log.error({ applied, expected }, 'database has pending migrations: run `npm run db:migrate`');
  } else if (config.seedOnStart) {
    const summary = await importCatalogFile({ db: handle.db, file: config.catalogSeedFile });
    log.info({ ...summary }, 'catalogue imported');
    log.info({ ...(await seedCaseFormsFromDir({ db: handle.db })) }, 'e-forms seeded');
    log.info({ ...(await seedWorkflowsFromDir({ db: handle.db })) }, 'workflows seeded');
    // Demo accounts share a published password: never in production.
    if (config.nodeEnv !== 'production') {
      const demo = await seedDemoAccounts({ db: handle.db, config });
      log.info({ created: demo.created }, 'demo accounts ready (password OpenDVC-demo-2026)');
      if (config.signingDemoPki) {
        const pki = await seedDemoSigningPki({ db: handle.db, dir: config.signingKeystoreDir, passphrase: config.signingPkcs12Passphrase });
        log.info({ created: pki.created, dir: config.signingKeystoreDir }, 'demo signing certificates ready (demo CA, not for real transactions)');
      }
    }
  }
  log.info({ engine: handle.engine, ms: Date.now() - started, dataDir: handle.engine === 'pglite' ? config.dataDir : undefined }, 'database ready');
  return handle;
}
