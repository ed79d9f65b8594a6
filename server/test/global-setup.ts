/**
 * Migrates and seeds one template database per test run; every test file then gets its own
 * copy (PGlite: a dumped data directory; PostgreSQL: CREATE DATABASE … TEMPLATE).
 * With DATABASE_URL set, the suites run on that PostgreSQL server instead of PGlite.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openPostgres, pgliteExtensions, wrapPglite } from '../platform/db/create-database.js';
import { migrateDatabase } from '../platform/db/migrate.js';
import { importCatalogFile } from '../modules/catalog/catalog.seed.js';
import { seedDemoAccounts } from '../modules/identity/identity.seed.js';
import { seedCaseFormsFromDir } from '../modules/dossiers/index.js';
import { seedWorkflowsFromDir } from '../modules/workflows/index.js';
import { installJobSchema, platformQueues } from '../platform/jobs/index.js';

// Hashing cost for test accounts; verification reads the parameters from each hash.
const testPasswordPolicy = { argon2MemoryKib: 4096, argon2TimeCost: 2, argon2Parallelism: 1 };

declare module 'vitest' {
  export interface ProvidedContext {
    templatePglitePath: string;
    templatePgDatabase: string;
  }
}

const tmpDir = path.resolve(import.meta.dirname, '../../.tmp');

export default async function setup(project: TestProject) {
  const databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) {
    const name = `opendvc_tpl_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(databaseUrl);
    url.pathname = `/${name}`;
    const handle = openPostgres(url.toString(), 4);
    await migrateDatabase(handle);
    await importCatalogFile({ db: handle.db });
    await seedCaseFormsFromDir({ db: handle.db });
    await seedWorkflowsFromDir({ db: handle.db });
    await seedDemoAccounts({ db: handle.db, config: testPasswordPolicy });
    // The job queue's schema and queues, so that test files do not each create them.
    await installJobSchema(handle, platformQueues);
    await handle.close();
    project.provide('templatePgDatabase', name);
    project.provide('templatePglitePath', '');
    return async () => {
      // Copies are dropped by their test files; drop the template and any copy a crash left.
      const { rows } = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`${name}%`]);
      for (const r of rows.filter((r) => r.datname !== name)) await admin.query(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`);
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    };
  }
  const client = await PGlite.create({ extensions: pgliteExtensions });
  const handle = wrapPglite(client);
  await migrateDatabase(handle);
  await importCatalogFile({ db: handle.db });
  await seedCaseFormsFromDir({ db: handle.db });
  await seedWorkflowsFromDir({ db: handle.db });
  await seedDemoAccounts({ db: handle.db, config: testPasswordPolicy });
  await installJobSchema(handle, platformQueues);
  const dump = await client.dumpDataDir('none');
  await handle.close();
  fs.mkdirSync(tmpDir, { recursive: true });
  const file = path.join(tmpDir, `test-template-${process.pid}.tar`);
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('templatePglitePath', file);
  project.provide('templatePgDatabase', '');
  return () => fs.rmSync(file, { force: true });
}
