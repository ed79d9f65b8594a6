import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/test-database.js';
import type { DatabaseHandle } from '../../platform/db/create-database.js';
import { readFormFiles, seedCaseForms, seedCaseFormsFromDir } from './dossiers.forms-seed.js';
import { caseFormsTable } from './dossiers.tables.js';

let database: DatabaseHandle;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.close());

describe('e-form seeding', () => {
  it('stores every bundled form once; seeding again changes nothing', async () => {
    expect(readFormFiles('/nonexistent')).toEqual([]);
    const total = (await database.db.select({ n: count() }).from(caseFormsTable))[0]!.n;
    expect(total).toBeGreaterThan(0);
    const again = await seedCaseFormsFromDir({ db: database.db });
    expect(again).toEqual({ created: 0, updated: 0, unchanged: total, skipped: [] });
  });

  it('skips a form whose case is not in the catalogue, and refuses all of a seed holding an invalid form', async () => {
    const before = (await database.db.select({ n: count() }).from(caseFormsTable))[0]!.n;
    const good = { caseCode: 'TH2', schema: { $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'object', properties: { ten: { type: 'string', title: 'Họ và tên' } } }, uiSchema: {} };
    const unknown = await seedCaseForms({ db: database.db, forms: [{ file: 'a.json', form: { procedureCode: '9.999999', versionNo: 1, cases: [good] } }] });
    expect(unknown).toEqual({ created: 0, updated: 0, unchanged: 0, skipped: ['9.999999 v1 TH2'] });
    await expect(seedCaseForms({ db: database.db, forms: [{ file: 'b.json', form: { procedureCode: '1.013302', versionNo: 1, cases: [good, { ...good, caseCode: 'TH3', schema: { type: 'object', properties: { x: { type: 'string' } } } }] } }] })).rejects.toThrow(/title/);
    expect((await database.db.select({ n: count() }).from(caseFormsTable))[0]!.n).toBe(before);
  });
});
