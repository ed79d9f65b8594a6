import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { inject } from 'vitest';
import { openPostgres, pgliteExtensions, wrapPglite, type DatabaseHandle } from '../platform/db/create-database.js';

/**
 * A private copy of the migrated, seeded template database for one test file.
 * Close it in afterAll; on PostgreSQL closing also drops the copy.
 */
export async function createTestDatabase(): Promise<DatabaseHandle> {
  const templateDb = inject('templatePgDatabase');
  const databaseUrl = process.env.DATABASE_URL;
  if (templateDb && databaseUrl) {
    const name = `${templateDb}_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${templateDb}`);
    const url = new URL(databaseUrl);
    url.pathname = `/${name}`;
    const handle = openPostgres(url.toString(), 5);
    return {
      ...handle,
      async close() {
        await handle.close();
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      },
    };
  }
  const dump = fs.readFileSync(inject('templatePglitePath'));
  const client = await PGlite.create({ loadDataDir: new Blob([dump]), extensions: pgliteExtensions });
  return wrapPglite(client);
}
