/**
 * The in-process search index answers exactly what the SQL search answers (the same page, order,
 * total and facet counts) for the ranking table's phrasings and filters, ignores diacritics, and
 * follows a change made on another node: two app instances on one database (on PostgreSQL two
 * pools on the same DATABASE_URL; on the embedded database, which has a single node, two app
 * instances on one handle).
 */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, queryRows, type DatabaseHandle } from '../../../platform/db/create-database.js';
import { createTestApp, type TestContext } from '../../../test/test-app.js';
import { markProjectionFresh, proceduresTable, refreshSearchProjection } from '../index.js';
import { searchProcedures, type SearchFilters } from '../catalog.search.js';
import { normalizeQuery, searchIndexOf } from '../catalog.search-index.js';
import { rankingTable } from './catalog.ranking-table.js';

let a: TestContext;
let b: TestContext;
let second: DatabaseHandle;

beforeAll(async () => {
  a = await createTestApp({ SEARCH_CACHE_SECONDS: '0', SEARCH_INDEX_CHECK_MS: '250' });
  second = a.database.engine === 'postgres' ? openPostgres(a.database.pool!.options.connectionString!, 5) : a.database;
  b = await createTestApp({ SEARCH_CACHE_SECONDS: '0', SEARCH_INDEX_CHECK_MS: '250' }, { database: second });
});
afterAll(async () => {
  await b?.app.close();
  if (second && second !== a?.database) await second.close();
  await a?.close();
});

async function search(node: TestContext, query: string) {
  const res = await node.app.inject({ method: 'GET', url: `/api/v1/procedures?${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { total: number; items: { code: string; name: string }[] };
}

describe('in-process search index', () => {
  it('answers what the SQL search answers, page, order, total and facets', async () => {
    // The projection as the first search of the day leaves it.
    await search(a, 'q=nuoc');
    const index = await searchIndexOf(a.database.db, 0);
    const [agency] = await queryRows<{ code: string }>(a.database.db, sql`SELECT unnest(agency_codes) AS code FROM procedure_search GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`);
    const cases: SearchFilters[] = [
      { page: 1, pageSize: 20 },
      { page: 2, pageSize: 10, field: 'TAI_NGUYEN_NUOC' },
      { page: 1, pageSize: 20, level: 'PARTIAL' },
      { page: 1, pageSize: 20, agency: agency!.code },
      { page: 1, pageSize: 20, applicantType: 'ENTERPRISE' },
      { page: 1, pageSize: 20, q: '   ' },
      { page: 1, pageSize: 20, q: '???' },
      { page: 1, pageSize: 20, q: 'zzzz qqqq' },
    ];
    for (const [q] of rankingTable) {
      cases.push({ q, page: 1, pageSize: 5 }, { q, page: 2, pageSize: 3 }, { q, page: 1, pageSize: 20, level: 'PARTIAL' });
    }
    for (const q of ['nuoc', 'giay phep', 'khoang san', 'moi truong', 'cap']) {
      cases.push({ q, page: 1, pageSize: 20 }, { q, page: 3, pageSize: 5 }, { q, page: 1, pageSize: 10, field: 'TAI_NGUYEN_NUOC' }, { q, page: 1, pageSize: 10, agency: agency!.code });
    }
    // What the index's shortcuts rest on (words as numbers, bounds on the trigram part, a text
    // that starts with the name): words under three letters, typos, marks and capitals, a
    // repeated word, a word found in one name only, a whole name, later pages, both filters.
    const [rare] = await queryRows<{ w: string }>(a.database.db, sql`
      SELECT w FROM procedure_search, unnest(string_to_array(trim(name_words), ' ')) w WHERE length(w) > 3 GROUP BY w HAVING count(*) = 1 ORDER BY w LIMIT 1`);
    const [named] = await queryRows<{ name: string }>(a.database.db, sql`SELECT name FROM procedure_search ORDER BY code LIMIT 1`);
    // Then: more than 16 typed words (the match counts entry by entry instead of with sets of
    // entries), and keywords of the seeded procedures typed as they are (the word part's +1.5).
    const manyWords = 'cap giay phep khai thac su dung nuoc mat nuoc duoi dat moi truong khoang san dieu chinh gia han tham dinh bao cao';
    for (const q of ['ba', 'x', 'cn', 'giay pep moi truog', 'khoang sn', 'Thủy Điện', 'ĐTM', 'KHAI THÁC', 'nuoc nuoc', 'cap giay phep', 'phep', rare!.w, named!.name, manyWords, 'chat thai nguy hai', 'EPR', 'tai che']) {
      cases.push({ q, page: 1, pageSize: 20 }, { q, page: 2, pageSize: 5 }, { q, page: 1, pageSize: 20, field: 'TAI_NGUYEN_NUOC', level: 'PARTIAL' });
    }
    for (const filters of cases) {
      const expected = await searchProcedures({ db: a.database.db, filters });
      const got = index.search(filters);
      expect(got.total, JSON.stringify(filters)).toBe(expected.total);
      expect(got.items.map((i) => i.code), JSON.stringify(filters)).toEqual(expected.items.map((i) => i.code));
      expect(JSON.parse(JSON.stringify(got)), JSON.stringify(filters)).toEqual(JSON.parse(JSON.stringify(expected)));
    }
    expect(index.size).toBeGreaterThanOrEqual(61);
  });

  it('ignores diacritics and capitals as the database does', async () => {
    const names = await queryRows<{ name: string; name_norm: string }>(a.database.db, sql`SELECT name, name_norm FROM procedure_search`);
    for (const { name, name_norm } of names) expect(normalizeQuery(name)).toBe(name_norm);
    for (const [marked, plain] of [
      ['cấp phép khai thác nước dưới đất', 'cap phep khai thac nuoc duoi dat'],
      ['ĐTM', 'dtm'],
      ['Thủy Điện', 'thuy dien'],
      ['khai thác nươc dưới đất', 'khai thac nuoc duoi dat'],
    ]) {
      const withMarks = await search(a, `q=${encodeURIComponent(marked!)}`);
      expect(withMarks.total).toBeGreaterThan(0);
      expect(withMarks).toEqual(await search(a, `q=${encodeURIComponent(plain!)}`));
    }
  });

  it('sees a publish on node A on node B within 1 s', async () => {
    const code = '1.013304';
    const word = 'maybaykhongnguoilai';
    // Both nodes have their index in hand.
    expect((await search(a, `q=${word}`)).total).toBe(0);
    expect((await search(b, `q=${word}`)).total).toBe(0);

    const [procedure] = await a.database.db.select().from(proceduresTable).where(eq(proceduresTable.code, code));
    // What a publish does: change the catalogue, refresh the projection in the same transaction, then drop this node's caches.
    await a.database.db.transaction(async (tx) => {
      await tx.update(proceduresTable).set({ keywords: [...procedure!.keywords, 'Máybaykhôngngườilái'] }).where(eq(proceduresTable.id, procedure!.id));
      await refreshSearchProjection({ db: tx, procedureIds: [procedure!.id] });
    });
    markProjectionFresh(a.database.db);
    // Node A at once.
    expect((await search(a, `q=${word}`)).items[0]?.code).toBe(code);
    const started = Date.now();
    let ms = Number.POSITIVE_INFINITY;
    for (let i = 0; i < 60; i++) {
      if ((await search(b, `q=${word}`)).items[0]?.code === code) {
        ms = Date.now() - started;
        break;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(ms).toBeLessThanOrEqual(1000);

    await a.database.db.transaction(async (tx) => {
      await tx.update(proceduresTable).set({ keywords: procedure!.keywords }).where(eq(proceduresTable.id, procedure!.id));
      await refreshSearchProjection({ db: tx, procedureIds: [procedure!.id] });
    });
    markProjectionFresh(a.database.db);
    expect((await search(a, `q=${word}`)).total).toBe(0);
  });
});
