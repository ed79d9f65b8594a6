import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError, type AppError } from '../../platform/errors/app-error.js';
import type { DatabaseHandle } from '../../platform/db/create-database.js';
import { createTestDatabase } from '../../test/test-database.js';
import { bundledCatalogFile, importCatalogFile } from './catalog.seed.js';
import { getProcedureDetail, searchCatalog } from './catalog.usecases.js';
import { caseComponentsTable, proceduresTable, procedureVersionsTable, templateFilesTable } from './catalog.tables.js';

const fixtures = path.resolve(import.meta.dirname, '../../test/fixtures');
let database: DatabaseHandle;
let tmp: string;

beforeAll(async () => {
  database = await createTestDatabase();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'opendvc-import-'));
  fs.copyFileSync(path.join(fixtures, 'mau-don.pdf'), path.join(tmp, 'mau-don.pdf'));
  fs.writeFileSync(path.join(tmp, 'not-a-pdf.pdf'), 'Đây là văn bản, không phải PDF');
});
afterAll(async () => {
  await database?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const counts = async () => ({
  procedures: (await database.db.select({ n: count() }).from(proceduresTable))[0]!.n,
  versions: (await database.db.select({ n: count() }).from(procedureVersionsTable))[0]!.n,
  templates: (await database.db.select({ n: count() }).from(templateFilesTable))[0]!.n,
});

function writeVariant(name: string, change: (data: any) => void): string {
  const data = JSON.parse(fs.readFileSync(path.join(fixtures, 'mini-catalog.json'), 'utf8'));
  change(data);
  const file = path.join(tmp, name);
  fs.writeFileSync(file, JSON.stringify(data));
  return file;
}

async function importError(file: string): Promise<AppError> {
  try {
    await importCatalogFile({ db: database.db, file });
  } catch (e) {
    if (isAppError(e)) return e;
    throw e;
  }
  throw new Error('import succeeded');
}

describe('importing a catalogue file', () => {
  it('re-importing the bundled catalogue changes nothing', async () => {
    const before = await counts();
    const summary = await importCatalogFile({ db: database.db, file: bundledCatalogFile });
    expect(summary.proceduresCreated).toBe(0);
    expect(summary.versionsCreated).toBe(0);
    expect(summary.versionsUnchanged).toBeGreaterThanOrEqual(61);
    expect(await counts()).toEqual(before);
  });

  it('reports every invalid record by record and field and imports nothing', async () => {
    const before = await counts();
    const file = writeVariant('invalid.json', (d) => {
      d.procedures[0].code = 'ABC';
      d.procedures[1].versions[0].cases[0].components[0].templates[0].file = 'missing.pdf';
      d.procedures[2].fieldCode = 'KHONG_CO';
      d.procedures[3].versions[0].cases[0].components[0].templates[0].file = 'not-a-pdf.pdf';
    });
    // Schema errors come first: the malformed code alone is reported at that stage.
    const first = await importError(file);
    expect(first.code).toBe('catalog.import_invalid');
    expect(first.errors?.map((e) => e.path)).toEqual(['procedures[0] (ABC).code']);

    const file2 = writeVariant('invalid2.json', (d) => {
      d.procedures[1].versions[0].cases[0].components[0].templates[0].file = 'missing.pdf';
      d.procedures[2].fieldCode = 'KHONG_CO';
      d.procedures[3].versions[1].cases[0].components[0].templates[0].file = 'not-a-pdf.pdf';
      d.procedures[3].versions[1].cases[0].components[0].id = d.procedures[3].versions[0].cases[0].components[0].id;
    });
    const second = await importError(file2);
    const paths = second.errors!.map((e) => e.path);
    expect(paths).toContain('procedures[1] (1.000002).versions[0].cases[0] (TH1).components[0] (cmp_1000002_v1_1).templates[0] (tpl_1000002_v1).file');
    expect(paths.some((p) => p.includes('(tpl_1000004_v2).file'))).toBe(true);
    expect(paths.some((p) => p.endsWith('.id') && p.includes('cmp_1000004_v1_1'))).toBe(true);
    expect(second.errors!.every((e) => e.message.length > 0)).toBe(true);
    expect(await counts()).toEqual(before);
  });

  it('accepts codes already in the system and names the ones that are not', async () => {
    const before = await counts();
    const unknown = writeVariant('unknown-field.json', (d) => {
      d.fields = [];
      d.agencies = [];
      d.procedures[2].fieldCode = 'KHONG_CO';
      d.procedures[1].agencies[0].agencyCode = '999.99.99.X00';
    });
    const error = await importError(unknown);
    expect(error.errors?.map((e) => e.path)).toEqual(['procedures[1] (1.000002).agencies[0].agencyCode', 'procedures[2] (1.000003).fieldCode']);
    expect(error.errors?.[1]?.message).toContain('KHONG_CO');
    expect(await counts()).toEqual(before);
  });

  it('imports a valid file, then refuses to change a published version in place', async () => {
    const before = await counts();
    const file = path.join(tmp, 'mini.json');
    fs.copyFileSync(path.join(fixtures, 'mini-catalog.json'), file);
    const summary = await importCatalogFile({ db: database.db, file });
    expect(summary.proceduresCreated).toBe(4);
    expect(summary.versionsCreated).toBe(6);
    const after = await counts();
    expect(after.procedures).toBe(before.procedures + 4);

    const changed = writeVariant('changed.json', (d) => {
      d.procedures[0].versions[0].requirements = ['Một yêu cầu mới'];
    });
    const error = await importError(changed);
    expect(error.errors?.[0]?.path).toBe('procedures[0] (1.000001).versions[0].versionNo');
    expect(await counts()).toEqual(after);
  });

  it('keeps the content hash of versions without upload limits, and applies changed limits to a published version', async () => {
    const [v1] = await database.db.select({ hash: procedureVersionsTable.contentHash }).from(procedureVersionsTable)
      .innerJoin(proceduresTable, eq(proceduresTable.id, procedureVersionsTable.procedureId))
      .where(and(eq(proceduresTable.code, '1.000001'), eq(procedureVersionsTable.versionNo, 1)));
    // The hash this version had before components could carry limits: existing databases re-seed unchanged.
    expect(v1!.hash).toBe('0b3517dbc85dca9ab87aeb6c847776241770c561bf3785a37f9c09b6371bb18b');
    const limitsOf = async () => (await database.db.select({ maxSizeMb: caseComponentsTable.maxSizeMb, acceptedTypes: caseComponentsTable.acceptedTypes })
      .from(caseComponentsTable).where(eq(caseComponentsTable.id, 'cmp_1000001_v1_1')))[0];
    expect(await limitsOf()).toEqual({ maxSizeMb: null, acceptedTypes: null });

    const before = await counts();
    const limited = writeVariant('limited.json', (d) => {
      Object.assign(d.procedures[0].versions[0].cases[0].components[0], { maxSizeMb: 50, acceptedTypes: ['application/pdf', 'application/zip'] });
    });
    const summary = await importCatalogFile({ db: database.db, file: limited });
    expect(summary).toMatchObject({ versionsCreated: 0, versionsUnchanged: 6 });
    expect(await limitsOf()).toEqual({ maxSizeMb: 50, acceptedTypes: ['application/pdf', 'application/zip'] });
    expect(await counts()).toEqual(before);

    await importCatalogFile({ db: database.db, file: path.join(tmp, 'mini.json') });
    expect(await limitsOf()).toEqual({ maxSizeMb: null, acceptedTypes: null });
  });

  it('refuses upload limits outside the allowed media types and sizes, naming the component', async () => {
    const before = await counts();
    const bad = writeVariant('bad-limits.json', (d) => {
      Object.assign(d.procedures[0].versions[0].cases[0].components[0], { maxSizeMb: 500, acceptedTypes: ['application/pdf', 'application/x-msdownload'] });
      Object.assign(d.procedures[1].versions[0].cases[0].components[0], { acceptedTypes: [] });
    });
    const error = await importError(bad);
    const at = 'procedures[0] (1.000001).versions[0].cases[0] (TH1).components[0] (cmp_1000001_v1_1)';
    const byPath = Object.fromEntries(error.errors!.map((e) => [e.path, e.message]));
    expect(byPath[`${at}.maxSizeMb`]).toBe('Dung lượng tối đa không vượt quá 100 MB');
    expect(byPath[`${at}.acceptedTypes[1]`]).toContain('Loại tệp không được hỗ trợ; chỉ dùng: application/pdf, image/jpeg, image/png, application/zip');
    expect(byPath['procedures[1] (1.000002).versions[0].cases[0] (TH1).components[0] (cmp_1000002_v1_1).acceptedTypes']).toBe('Cần ít nhất một loại tệp');
    expect(await counts()).toEqual(before);
  });

  it('applies a component\'s maxFiles without a new version, and refuses one outside 1–50', async () => {
    const maxFilesOf = async () => (await database.db.select({ maxFiles: caseComponentsTable.maxFiles }).from(caseComponentsTable).where(eq(caseComponentsTable.id, 'cmp_1000001_v1_1')))[0]!.maxFiles;
    const limited = writeVariant('max-files.json', (d) => {
      Object.assign(d.procedures[0].versions[0].cases[0].components[0], { maxFiles: 2 });
    });
    expect(await importCatalogFile({ db: database.db, file: limited })).toMatchObject({ versionsCreated: 0 });
    expect(await maxFilesOf()).toBe(2);
    const before = await counts();
    const bad = writeVariant('bad-max-files.json', (d) => {
      Object.assign(d.procedures[0].versions[0].cases[0].components[0], { maxFiles: 0 });
    });
    const error = await importError(bad);
    const at = 'procedures[0] (1.000001).versions[0].cases[0] (TH1).components[0] (cmp_1000001_v1_1)';
    expect(Object.fromEntries(error.errors!.map((e) => [e.path, e.message]))[`${at}.maxFiles`]).toBe('Số tệp tối đa ít nhất là 1');
    expect(await counts()).toEqual(before);
    await importCatalogFile({ db: database.db, file: path.join(tmp, 'mini.json') });
    expect(await maxFilesOf()).toBeNull();
  });

  it('marks the component the e-form stands for without a new version, shows it on the procedure, and refuses two in one case', async () => {
    const filledOf = async () => (await database.db.select({ f: caseComponentsTable.filledByForm }).from(caseComponentsTable).where(eq(caseComponentsTable.id, 'cmp_1000001_v1_1')))[0]!.f;
    const plain = writeVariant('filled-by-form-plain.json', () => undefined);
    await importCatalogFile({ db: database.db, file: plain });
    expect(await filledOf()).toBe(false);
    const marked = writeVariant('filled-by-form.json', (d) => {
      Object.assign(d.procedures[0].versions[0].cases[0].components[0], { filledByForm: true });
    });
    expect(await importCatalogFile({ db: database.db, file: marked })).toMatchObject({ versionsCreated: 0 });
    expect(await filledOf()).toBe(true);
    const detail = await getProcedureDetail({ db: database.db, code: '1.000001' });
    expect(detail.cases[0]!.components.find((c) => c.id === 'cmp_1000001_v1_1')).toMatchObject({ filledByForm: true });
    // The bundled catalogue: the groundwater licence's application form is its e-form, the rest are files.
    const groundwater = await getProcedureDetail({ db: database.db, code: '1.012604' });
    expect(groundwater.cases[0]!.components.map((c) => c.filledByForm)).toEqual([true, false, false, false]);
    const before = await counts();
    const twice = writeVariant('filled-by-form-twice.json', (d) => {
      const components = d.procedures[0].versions[0].cases[0].components;
      components.push({ ...components[0], id: 'cmp_1000001_v1_2', templates: [] });
      for (const c of components) Object.assign(c, { filledByForm: true });
    });
    const error = await importError(twice);
    expect(Object.fromEntries(error.errors!.map((e) => [e.path, e.message]))['procedures[0] (1.000001).versions[0].cases[0] (TH1).components']).toBe('Chỉ một thành phần hồ sơ được đánh dấu là tờ khai điện tử (filledByForm)');
    expect(await counts()).toEqual(before);
    await importCatalogFile({ db: database.db, file: plain });
    expect(await filledOf()).toBe(false);
  });

  it('shows the version in force on a date, and only published, current versions are searched', async () => {
    const today = await getProcedureDetail({ db: database.db, code: '1.000004' });
    expect(today.version.versionNo).toBe(2);
    expect(today.versions.map((v) => v.versionNo)).toEqual([1, 2, 3]);
    const old = await getProcedureDetail({ db: database.db, code: '1.000004', at: '2022-05-01' });
    expect(old.version.versionNo).toBe(1);
    expect(old.version.results[0]!.name).toBe('Giấy phép');
    const future = await getProcedureDetail({ db: database.db, code: '1.000004', at: '2099-06-01' });
    expect(future.version.versionNo).toBe(3);
    const found = await searchCatalog({ db: database.db, filters: { q: 'tra lai giay phep tai nguyen nuoc', page: 1, pageSize: 5 } });
    expect(found.items.map((i) => i.code)).toContain('1.000004');
  });
});
