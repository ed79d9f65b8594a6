import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgTable, text } from 'drizzle-orm/pg-core';
import { createTestDatabase } from '../../test/test-database.js';
import { preparedQuery, preparedStatement, textArrayLiteral, type DatabaseHandle, type DbExecutor } from './create-database.js';

const probes = pgTable('prepared_statement_probes', { id: text('id').primaryKey(), note: text('note').notNull() });
const byId = (db: DbExecutor) => db.select().from(probes).where(eq(probes.id, sql.placeholder('id'))).prepare('prepared_statement_probe_by_id');

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
  await handle.db.execute(sql`CREATE TABLE prepared_statement_probes (id text PRIMARY KEY, note text NOT NULL)`);
}, 60_000);
afterAll(async () => handle.close());

describe('preparedStatement', () => {
  it('is built once per handle and answers with the values it is given', async () => {
    await handle.db.insert(probes).values([{ id: 'a', note: 'first' }, { id: 'b', note: 'second' }]);
    expect(preparedStatement(handle.db, 'prepared_statement_probe_by_id', byId)).toBe(preparedStatement(handle.db, 'prepared_statement_probe_by_id', byId));
    expect(await preparedStatement(handle.db, 'prepared_statement_probe_by_id', byId).execute({ id: 'a' })).toEqual([{ id: 'a', note: 'first' }]);
    expect(await preparedStatement(handle.db, 'prepared_statement_probe_by_id', byId).execute({ id: 'b' })).toEqual([{ id: 'b', note: 'second' }]);
  });

  it('runs inside the transaction it is called in: it sees its uncommitted writes, and nothing stays after a rollback', async () => {
    for (let round = 0; round < 3; round++) {
      const id = `tx-${round}`;
      await expect(handle.db.transaction(async (tx) => {
        await tx.insert(probes).values({ id, note: 'uncommitted' });
        const [seen] = await preparedStatement(tx, 'prepared_statement_probe_by_id', byId).execute({ id });
        // Another connection (the pool's) would not see the uncommitted row.
        expect(seen).toEqual({ id, note: 'uncommitted' });
        tx.rollback();
      })).rejects.toThrow();
      expect(await preparedStatement(handle.db, 'prepared_statement_probe_by_id', byId).execute({ id })).toEqual([]);
    }
  });
});

describe('textArrayLiteral', () => {
  it('gives any strings as one text[] parameter, in a prepared statement too', async () => {
    const values = ['dos_a', 'quote " inside', 'back\\slash', 'comma, and {braces}', 'NULL', '', 'tiếng Việt'];
    const [row] = await preparedQuery<{ v: string[] }>(handle.db, 'text_array_literal_probe', () => sql`SELECT ${sql.placeholder('values')}::text[] AS v`)
      .execute({ values: textArrayLiteral(values) });
    expect(row!.v).toEqual(values);
    await handle.db.insert(probes).values([{ id: 'quote " inside', note: 'q' }]);
    const found = await preparedQuery<{ id: string }>(handle.db, 'text_array_literal_any', () => sql`SELECT id FROM prepared_statement_probes WHERE id = ANY(${sql.placeholder('ids')}::text[])`)
      .execute({ ids: textArrayLiteral(['quote " inside', 'absent']) });
    expect(found).toEqual([{ id: 'quote " inside' }]);
  });
});
