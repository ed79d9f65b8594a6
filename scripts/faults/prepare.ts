/**
 * Drafts ready to submit, for the fault harness and the jobs bench: migrates and seeds the
 * database, then makes `n` drafts of the test form (answers and the mandatory file) through the
 * API in this process, and a session for the demo citizen.
 */
import { sql } from 'drizzle-orm';
import { buildApp } from '../../server/app.js';
import { allQueues, seedModules } from '../../server/composition.js';
import { loadConfig } from '../../server/platform/config/config.js';
import { queryRows, type DatabaseHandle } from '../../server/platform/db/create-database.js';
import { migrateDatabase } from '../../server/platform/db/migrate.js';
import { installJobSchema } from '../../server/platform/jobs/index.js';
import { CASE, PROCEDURE, callerFor, goodAnswers, seedTestForm } from '../../server/modules/dossiers/e2e/dossiers.fixtures.js';
import type { TestContext } from '../../server/test/test-app.js';

export interface Prepared {
  drafts: string[];
  headers: Record<string, string>;
}

/** Migrates and seeds, then makes `n` drafts ready to submit (answers and the mandatory file) and a session. */
export async function prepare(handle: DatabaseHandle, dataDir: string, n: number): Promise<Prepared> {
  const config = loadConfig({ NODE_ENV: 'test', MAX_OPEN_DRAFTS: '1000', DATA_DIR: dataDir, WEB_DIST_DIR: '/nonexistent', SIGNING_DEMO_PKI: 'false', RATE_LIMIT_PER_MINUTE: '100000000', ...(handle.engine === 'postgres' ? { DATABASE_URL: handle.pool!.options.connectionString! } : {}) });
  await migrateDatabase(handle);
  await seedModules({ db: handle.db, config, demo: true, report: () => {} });
  await installJobSchema(handle, allQueues);
  const app = await buildApp({ config, database: handle, logger: false });
  await app.ready();
  try {
    const ctx = { app, database: handle, config } as unknown as TestContext;
    await seedTestForm(ctx);
    const [user] = await queryRows<{ id: string }>(handle.db, sql`SELECT id FROM users WHERE email = 'citizen@demo.opendvc.vn'`);
    const citizen = await callerFor(ctx, user!.id);
    const drafts: string[] = [];
    for (let i = 0; i < n; i++) {
      const draft = (await citizen.post('/dossiers', { procedureCode: PROCEDURE, caseCode: CASE })).json();
      if (!draft.id) throw new Error(`draft refused: ${JSON.stringify(draft)}`);
      await citizen.patch(`/dossiers/${draft.id}`, { answers: goodAnswers });
      for (const c of draft.components.filter((x: { mandatory: boolean }) => x.mandatory)) {
        const up = await citizen.upload(draft.id, c.id);
        if (up.statusCode !== 201) throw new Error(`upload refused: ${up.body}`);
      }
      drafts.push(draft.id);
    }
    return { drafts, headers: citizen.headers };
  } finally {
    await app.close();
  }
}

