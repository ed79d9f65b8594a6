/**
 * A representative acts for the principal only while the authorisation is in force: once the
 * principal revokes it, every read and write of the dossiers the representative started for them
 * answers "not found" (not only a new draft), and the principal keeps full access.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../test/test-app.js';
import { CASE, PROCEDURE, callerFor, getRow, goodAnswers, rowCounts, seedTestForm, tempDataDir, userIdByEmail, type Caller } from './dossiers.fixtures.js';

let ctx: TestContext;
let dataDir: string;
let citizen: Caller;
let representative: Caller;

beforeAll(async () => {
  dataDir = tempDataDir();
  ctx = await createTestApp({ DATA_DIR: dataDir });
  await seedTestForm(ctx);
  citizen = await callerFor(ctx, await userIdByEmail(ctx, 'citizen@demo.opendvc.vn'));
  representative = await callerFor(ctx, await userIdByEmail(ctx, 'representative@demo.opendvc.vn'));
});
afterAll(async () => {
  await ctx?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function draftForCitizen() {
  const res = await representative.post('/dossiers', { procedureCode: PROCEDURE, caseCode: CASE, onBehalfOf: { principalUserId: citizen.userId } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function submitted() {
  const draft = await draftForCitizen();
  expect((await representative.patch(`/dossiers/${draft.id}`, { answers: goodAnswers }, { 'if-match': `"${draft.version}"` })).statusCode).toBe(200);
  const mandatory = draft.components.find((c: { mandatory: boolean }) => c.mandatory);
  expect((await representative.upload(draft.id, mandatory.id)).statusCode).toBe(201);
  const res = await representative.post(`/dossiers/${draft.id}/submit`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

describe('a revoked representative', () => {
  it('can no longer read, change, submit, withdraw or list the dossiers started for the principal', async () => {
    const draft = await draftForCitizen();
    const filed = await submitted();
    const mandatory = draft.components.find((c: { mandatory: boolean }) => c.mandatory);
    // Before the revocation the representative acts normally.
    expect((await representative.get(`/dossiers/${draft.id}`)).statusCode).toBe(200);
    expect((await representative.get('/dossiers')).json().items.map((d: { id: string }) => d.id)).toEqual(expect.arrayContaining([draft.id, filed.id]));

    const given = (await citizen.get('/representatives')).json().items.find((r: { representative: { userId: string } }) => r.representative.userId === representative.userId);
    expect((await citizen.post(`/representatives/${given.id}/revoke`)).statusCode).toBe(204);

    const before = await rowCounts(ctx);
    const draftRow = await getRow(ctx, draft.id);
    const filedRow = await getRow(ctx, filed.id);
    const answers = [
      await representative.get(`/dossiers/${draft.id}`),
      await representative.get(`/dossiers/${filed.id}`),
      await representative.get(`/dossiers/${filed.id}/events`),
      await representative.patch(`/dossiers/${draft.id}`, { answers: { ...goodAnswers, purpose: 'Sửa sau khi bị thu hồi ủy quyền' } }, { 'if-match': `"${draftRow.version}"` }),
      await representative.upload(draft.id, mandatory.id),
      await representative.post(`/dossiers/${draft.id}/submit`),
      await representative.post(`/dossiers/${filed.id}/withdraw`, { reason: 'Rút hồ sơ sau khi bị thu hồi ủy quyền' }),
      await representative.delete(`/dossiers/${draft.id}`),
    ];
    for (const res of answers) {
      expect(res.statusCode, `${res.statusCode} ${res.body}`).toBe(404);
      expect(res.json().code).toBe('dossiers.not_found');
    }
    expect((await representative.get('/dossiers')).json().items.map((d: { id: string }) => d.id)).not.toEqual(expect.arrayContaining([draft.id]));
    expect((await representative.get('/dossiers')).json().items.map((d: { id: string }) => d.id)).not.toEqual(expect.arrayContaining([filed.id]));
    // Nothing changed, and the principal still sees and acts on both.
    expect(await rowCounts(ctx)).toEqual(before);
    expect(await getRow(ctx, draft.id)).toEqual(draftRow);
    expect(await getRow(ctx, filed.id)).toEqual(filedRow);
    expect((await citizen.get(`/dossiers/${draft.id}`)).statusCode).toBe(200);
    const withdrawn = await citizen.post(`/dossiers/${filed.id}/withdraw`, { reason: 'Người ủy quyền tự rút hồ sơ' });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
  });
});
