import { sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, wrapPglite, type Database, type DatabaseHandle } from '../../platform/db/create-database.js';
import { createTestDatabase } from '../../test/test-database.js';
import { todayInVietnam } from './catalog.models.js';
import { projectionRefreshedToday, searchCatalog } from './catalog.usecases.js';

/** Another node on the same database: its own handle, so its own memory of the day's rebuild. */
function anotherNode(handle: DatabaseHandle): Database {
  return handle.engine === 'pglite' ? wrapPglite(handle.pglite!).db : (drizzlePg({ client: handle.pool! }) as unknown as Database);
}

async function refreshTimes(db: Database) {
  const [row] = await queryRows<{ rows: number | string; first: string; last: string }>(db, sql`
    SELECT count(*) AS rows, min(refreshed_at)::text AS first, max(refreshed_at)::text AS last FROM procedure_search`);
  return { rows: Number(row!.rows), first: row!.first, last: row!.last };
}

const filters = { q: 'khai thac nuoc mat', page: 1, pageSize: 20 };

describe('the search projection\'s rebuild on the first search of the day', () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(async () => {
    await handle.close();
  });

  it('rebuilds once for the day: a node (or a restarted one) finding it rebuilt today leaves it alone', async () => {
    const today = todayInVietnam();
    // Written yesterday: the first search today rebuilds every row.
    await handle.db.execute(sql`UPDATE procedure_search SET refreshed_at = now() - interval '1 day'`);
    expect(await projectionRefreshedToday(handle.db, today)).toBe(false);
    const first = await searchCatalog({ db: handle.db, filters });
    expect(first.total).toBeGreaterThan(0);
    const rebuilt = await refreshTimes(handle.db);
    expect(rebuilt.rows).toBeGreaterThan(0);
    expect(todayInVietnam(new Date(rebuilt.first))).toBe(today);
    expect(await projectionRefreshedToday(handle.db, today)).toBe(true);

    // Another node's first search of the day reads the same answer and writes nothing.
    const second = await searchCatalog({ db: anotherNode(handle), filters });
    expect(second).toEqual(first);
    expect(await refreshTimes(handle.db)).toEqual(rebuilt);

    // A row left from yesterday (a day's rebuild that did not finish) makes the next node rebuild.
    await handle.db.execute(sql`UPDATE procedure_search SET refreshed_at = now() - interval '1 day' WHERE procedure_id = (SELECT min(procedure_id) FROM procedure_search)`);
    expect(await projectionRefreshedToday(handle.db, today)).toBe(false);
    expect(await searchCatalog({ db: anotherNode(handle), filters })).toEqual(first);
    expect(todayInVietnam(new Date((await refreshTimes(handle.db)).first))).toBe(today);

    // A rebuild for another date (a test's or an operator's) is not today's.
    expect(await projectionRefreshedToday(handle.db, '2020-01-01')).toBe(false);
  });
});
