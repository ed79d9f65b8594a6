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
import { seedDemoSigningPki } from '../modules/identity/index.js';
import { installJobSchema } from '../platform/jobs/index.js';
import { loadConfig } from '../platform/config/config.js';
import type { Database } from '../platform/db/create-database.js';
import { allQueues, seedModules } from '../composition.js';

// Hashing cost for test accounts (verification reads the parameters from each hash); the demo
// PKI is made once per run below, not by the seed.
const seedConfig = () => loadConfig({ NODE_ENV: 'test', ARGON2_MEMORY_KIB: '4096', ARGON2_TIME_COST: '2', ARGON2_PARALLELISM: '1', SIGNING_DEMO_PKI: 'false' });

/** Every module's seed, as `npm run cli -- db seed` runs them. */
const seedAll = (db: Database) => seedModules({ db, config: seedConfig(), demo: true, report: () => {} });

declare module 'vitest' {
  export interface ProvidedContext {
    templatePglitePath: string;
    templatePgDatabase: string;
    /** The run's demo signing keystore (demo CA, the demo leaders, unit 000.00.01.G99). */
    signingKeystoreDir: string;
    signingPassphrase: string;
  }
}

const tmpDir = path.resolve(import.meta.dirname, '../../.tmp');

/** Test keystores use their own passphrase, so that nothing depends on the demo default. */
const testSigningPassphrase = 'test-signing-passphrase';

/** One demo PKI per run (RSA keys take a while); generated while the database is being prepared. */
function startSigningPki(project: TestProject) {
  const dir = path.join(tmpDir, `test-signing-${process.pid}`);
  fs.rmSync(dir, { recursive: true, force: true });
  const done = seedDemoSigningPki({ dir, passphrase: testSigningPassphrase }).then(() => {
    project.provide('signingKeystoreDir', dir);
    project.provide('signingPassphrase', testSigningPassphrase);
  });
  return { done, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export default async function setup(project: TestProject) {
  const databaseUrl = process.env.DATABASE_URL;
  const pki = startSigningPki(project);
  if (databaseUrl) {
    const name = `opendvc_tpl_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(databaseUrl);
    url.pathname = `/${name}`;
    const handle = openPostgres(url.toString(), 4);
    await migrateDatabase(handle);
    await seedAll(handle.db);
    // The job queue's schema and queues, so that test files do not each create them.
    await installJobSchema(handle, allQueues);
    await handle.close();
    await pki.done;
    project.provide('templatePgDatabase', name);
    project.provide('templatePglitePath', '');
    return async () => {
      // Copies are dropped by their test files; drop the template and any copy a crash left.
      const { rows } = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`${name}%`]);
      for (const r of rows.filter((r) => r.datname !== name)) await admin.query(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`);
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
      pki.remove();
    };
  }
  const client = await PGlite.create({ extensions: pgliteExtensions });
  const handle = wrapPglite(client);
  await migrateDatabase(handle);
  await seedAll(handle.db);
  await installJobSchema(handle, allQueues);
  const dump = await client.dumpDataDir('none');
  await handle.close();
  fs.mkdirSync(tmpDir, { recursive: true });
  const file = path.join(tmpDir, `test-template-${process.pid}.tar`);
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('templatePglitePath', file);
  project.provide('templatePgDatabase', '');
  await pki.done;
  return () => {
    fs.rmSync(file, { force: true });
    pki.remove();
  };
}
