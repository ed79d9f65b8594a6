/**
 * Malformed input never answers 500: NUL bytes and unpaired surrogates anywhere in the query, the
 * path or the body, JSON nested 5,000 levels deep, a truncated multipart body and an
 * Idempotency-Key reused on another dossier each get a 4xx problem naming the field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../test/test-app.js';
import { CASE, PROCEDURE, callerFor, goodAnswers, multipart, rowCounts, samplePdf, seedTestForm, userIdByEmail, type Caller } from '../../modules/dossiers/e2e/dossiers.fixtures.js';

let ctx: TestContext;
let citizen: Caller;
let officer: Caller;

beforeAll(async () => {
  ctx = await createTestApp({ MAX_OPEN_DRAFTS: '1000' });
  await seedTestForm(ctx);
  citizen = await callerFor(ctx, await userIdByEmail(ctx, 'citizen@demo.opendvc.vn'));
  officer = await callerFor(ctx, await userIdByEmail(ctx, 'officer@demo.opendvc.vn'));
});
afterAll(async () => {
  await ctx?.close();
});

async function newDraft() {
  const res = await citizen.post('/dossiers', { procedureCode: PROCEDURE, caseCode: CASE });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

function expectProblem(res: { statusCode: number; body: string; json(): { code: string; errors?: { path: string }[] } }, path: string, status = 400) {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.json().errors?.map((e) => e.path)).toContain(path);
}

describe('NUL bytes and unpaired surrogates', () => {
  it.each([
    ['/api/v1/procedures?q=a%00b', 'query.q'],
    ['/api/v1/procedures?field=%00', 'query.field'],
    ['/api/v1/tracking?code=%00&personalIdNumber=001090012345', 'query.code'],
    ['/api/v1/verify/doc%00x', 'params.documentId'],
    ['/api/v1/procedures/1.0%0013302', 'params.code'],
  ])('refuses %s naming %s', async (url, path) => {
    expectProblem(await ctx.app.inject(url), path);
  });

  it('refuses them in path parameters and queries of signed-in routes', async () => {
    expectProblem(await citizen.get('/dossiers/dos%00x'), 'params.dossierId');
    expectProblem(await citizen.get('/organisations/org%00x'), 'params.organisationId');
    expectProblem(await citizen.post('/me/notifications/ntf%00x/read'), 'params.notificationId');
    expectProblem(await officer.get('/inbox?procedureCode=1.0%0013302'), 'query.procedureCode');
  });

  it('refuses them in login, profile and answers, and nothing is written', async () => {
    const draft = await newDraft();
    const before = await rowCounts(ctx);
    expectProblem(await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: 'citizen@demo.opendvc.vn\u0000', password: 'x' } }), 'body.login');
    expectProblem(await citizen.patch('/me/profile', { address: 'Số 1\u0000 phố Huế' }), 'body.address');
    expectProblem(await citizen.patch(`/dossiers/${draft.id}`, { answers: { ...goodAnswers, purpose: 'Mục đích \ud800 đề nghị' } }, { 'if-match': `"${draft.version}"` }), 'body.answers.purpose');
    expectProblem(await citizen.patch(`/dossiers/${draft.id}`, { answers: { ...goodAnswers, address: { street: 'a\u0000', province: 'Hà Nội' } } }, { 'if-match': `"${draft.version}"` }), 'body.answers.address.street');
    expectProblem(await citizen.patch(`/dossiers/${draft.id}`, { answers: { ['k\udc00']: 'x' } }, { 'if-match': `"${draft.version}"` }), 'body.answers.k?');
    expect(await rowCounts(ctx)).toEqual(before);
    const problem = (await citizen.patch('/me/profile', { address: 'x\u0000' })).json();
    expect(problem).toMatchObject({ code: 'request.invalid', status: 400, errors: [{ path: 'body.address', message: 'Không được chứa ký tự NUL (\\u0000)' }] });
  });
});

describe('deep JSON', () => {
  it('refuses a body nested 5,000 levels deep with a 400 naming where it got too deep', async () => {
    const draft = await newDraft();
    const deep = `{"answers":${'['.repeat(5000)}${']'.repeat(5000)}}`;
    const res = await ctx.app.inject({ method: 'PATCH', url: `/api/v1/dossiers/${draft.id}`, headers: { ...citizen.headers, 'content-type': 'application/json', 'if-match': `"${draft.version}"` }, payload: deep });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().errors[0].path).toMatch(/^body\.answers(\.0)+$/);
    expect(res.json().errors[0].message).toBe('Dữ liệu lồng nhau quá 32 cấp');
  });
});

describe('multipart', () => {
  it('answers a truncated upload with a 400, and stores nothing', async () => {
    const draft = await newDraft();
    const component = draft.components.find((c: { mandatory: boolean }) => c.mandatory).id;
    const body = multipart({ componentId: component }, { name: 'don.pdf', bytes: samplePdf });
    const before = await rowCounts(ctx);
    const res = await ctx.app.inject({ method: 'POST', url: `/api/v1/dossiers/${draft.id}/attachments`, headers: { ...citizen.headers, ...body.headers }, payload: body.payload.subarray(0, body.payload.length - 200) });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().errors[0].path).toBe('body');
    expect(await rowCounts(ctx)).toEqual(before);
  });
});

describe('Idempotency-Key', () => {
  it('answers 409 naming the header when a key is reused to submit another dossier', async () => {
    const submit = async () => {
      const draft = await newDraft();
      expect((await citizen.patch(`/dossiers/${draft.id}`, { answers: goodAnswers }, { 'if-match': `"${draft.version}"` })).statusCode).toBe(200);
      expect((await citizen.upload(draft.id, draft.components.find((c: { mandatory: boolean }) => c.mandatory).id)).statusCode).toBe(201);
      return draft;
    };
    const [a, b] = [await submit(), await submit()];
    expect((await citizen.post(`/dossiers/${a.id}/submit`, {}, { 'idempotency-key': 'key-reused-1' })).statusCode).toBe(200);
    const res = await citizen.post(`/dossiers/${b.id}/submit`, {}, { 'idempotency-key': 'key-reused-1' });
    expectProblem(res, 'headers.idempotency-key', 409);
    expect(res.json().code).toBe('dossiers.idempotency_key_reused');
    expect((await citizen.get(`/dossiers/${b.id}`)).json().status).toBe('DRAFT');
  });
});
