/**
 * Addresses of administrative units in a dossier over HTTP: the answer stores codes plus names,
 * the server stores the official names for the codes chosen, refuses a commune outside its
 * province and unknown codes on submission, and the dossier's view lists those problems.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import groundwater from '../../../../seed/forms/1.012604.json' with { type: 'json' };
import { createTestApp, type TestContext } from '../../../test/test-app.js';
import { seedCaseForms } from '../dossiers.forms-seed.js';
import { CASE, PROCEDURE, callerFor, getRow, goodAnswers, rowCounts, tempDataDir, testForm, userIdByEmail, type Caller } from './dossiers.fixtures.js';

/** The location block of the groundwater licence's form, as seeded. */
const location = (groundwater.cases[0]!.schema as { properties: { abstraction: { properties: { location: Record<string, unknown> } } } }).properties.abstraction.properties.location;
const form = { ...testForm, required: [...testForm.required, 'location'], properties: { ...testForm.properties, location } };

const baDinh = { provinceCode: '01', provinceName: 'Thành phố Hà Nội', communeCode: '00004', communeName: 'Phường Ba Đình', detail: 'Số 1 phố Đội Cấn' };

let ctx: TestContext;
let dataDir: string;
let citizen: Caller;
let mandatoryComponentId: string;

beforeAll(async () => {
  dataDir = tempDataDir();
  ctx = await createTestApp({ DATA_DIR: dataDir });
  await seedCaseForms({ db: ctx.database.db, forms: [{ file: 'test.json', form: { procedureCode: PROCEDURE, versionNo: 1, cases: [{ caseCode: CASE, schema: form as never, uiSchema: {} }] } }] });
  citizen = await callerFor(ctx, await userIdByEmail(ctx, 'citizen@demo.opendvc.vn'));
});
afterAll(async () => {
  await ctx?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function draftWith(answers: Record<string, unknown>) {
  const created = await citizen.post('/dossiers', { procedureCode: PROCEDURE, caseCode: CASE });
  expect(created.statusCode, created.body).toBe(201);
  const draft = created.json();
  mandatoryComponentId = draft.components.find((c: { mandatory: boolean }) => c.mandatory).id;
  const saved = await citizen.patch(`/dossiers/${draft.id}`, { answers });
  expect(saved.statusCode, saved.body).toBe(200);
  expect((await citizen.upload(draft.id, mandatoryComponentId)).statusCode).toBe(201);
  return saved.json();
}

describe('an address of administrative units in a dossier', () => {
  it('is filed with codes plus the official names of the units chosen', async () => {
    // Names sent by the client are replaced by the list's names for the codes.
    const draft = await draftWith({ ...goodAnswers, location: { ...baDinh, provinceName: 'Ha Noi', communeName: 'ba dinh' } });
    expect(draft.answers.location).toEqual(baDinh);
    expect(draft.problems).toEqual([]);
    const res = await citizen.post(`/dossiers/${draft.id}/submit`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'SUBMITTED', answers: { location: baDinh } });
    expect((await getRow(ctx, draft.id)).answers).toMatchObject({ location: baDinh });
  });

  it('refuses a commune of another province, and writes nothing', async () => {
    const draft = await draftWith({ ...goodAnswers, location: { ...baDinh, provinceCode: '79', provinceName: 'Thành phố Hồ Chí Minh' } });
    expect(draft.problems).toContainEqual({ path: 'answers.location.communeCode', message: 'Xã, phường, đặc khu: không thuộc tỉnh, thành phố đã chọn' });
    const before = await rowCounts(ctx);
    const res = await citizen.post(`/dossiers/${draft.id}/submit`);
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const body = res.json();
    expect(body.code).toBe('dossiers.answers_invalid');
    expect(body.errors).toEqual([{ path: 'answers.location.communeCode', message: 'Xã, phường, đặc khu: không thuộc tỉnh, thành phố đã chọn' }]);
    expect(await rowCounts(ctx)).toEqual(before);
    expect(await getRow(ctx, draft.id)).toMatchObject({ status: 'DRAFT', code: null });
  });

  it('refuses units that are not in the list (a province merged in 2025) and free text', async () => {
    const merged = await draftWith({ ...goodAnswers, location: { ...baDinh, provinceCode: '02', provinceName: 'Tỉnh Hà Giang' } });
    const res = await citizen.post(`/dossiers/${merged.id}/submit`);
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([{ path: 'answers.location.provinceCode', message: 'Tỉnh, thành phố trực thuộc trung ương: không có trong danh mục đơn vị hành chính hiện hành' }]);

    const typed = await draftWith({ ...goodAnswers, location: { province: 'Ha Noi', commune: 'Ba Dinh' } });
    const paths = typed.problems.map((p: { path: string }) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['answers.location.provinceCode', 'answers.location.communeCode']));
    expect((await citizen.post(`/dossiers/${typed.id}/submit`)).statusCode).toBe(422);
  });
});
