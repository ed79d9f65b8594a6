/**
 * A component the e-form stands for (`filledByForm`, e.g. the application form): the draft says
 * so, it counts as present in the draft's completeness and in the submission check, and only while
 * the case has an e-form.
 */
import fs from 'node:fs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../test/test-app.js';
import { caseComponentsTable } from '../../catalog/catalog.tables.js';
import { CASE, PROCEDURE, callerFor, goodAnswers, seedTestForm, tempDataDir, userIdByEmail, type Caller } from './dossiers.fixtures.js';

let ctx: TestContext;
let dataDir: string;
let citizen: Caller;

beforeAll(async () => {
  dataDir = tempDataDir();
  ctx = await createTestApp({ DATA_DIR: dataDir });
  await seedTestForm(ctx);
  citizen = await callerFor(ctx, await userIdByEmail(ctx, 'citizen@demo.opendvc.vn'));
});
afterAll(async () => {
  await ctx?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('the component the e-form stands for', () => {
  it('is asked as a file until marked; once marked the draft is complete and submits without that file', async () => {
    const first = (await citizen.post('/dossiers', { procedureCode: PROCEDURE, caseCode: CASE })).json();
    const mandatory = first.components.find((c: { mandatory: boolean }) => c.mandatory);
    expect(mandatory.filledByForm).toBe(false);
    expect((await citizen.patch(`/dossiers/${first.id}`, { answers: goodAnswers })).statusCode).toBe(200);
    const refused = await citizen.post(`/dossiers/${first.id}/submit`);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().code).toBe('dossiers.components_missing');

    await ctx.database.db.update(caseComponentsTable).set({ filledByForm: true }).where(eq(caseComponentsTable.id, mandatory.id));
    const draft = (await citizen.get(`/dossiers/${first.id}`)).json();
    expect(draft.components.find((c: { id: string }) => c.id === mandatory.id)).toMatchObject({ filledByForm: true, attachments: [] });
    const mine = (await citizen.get('/dossiers?status=DRAFT&pageSize=50')).json();
    expect(mine.items.find((d: { id: string }) => d.id === first.id)?.completeness).toMatchObject({ missingDocuments: 0 });
    const submitted = await citizen.post(`/dossiers/${first.id}/submit`);
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json()).toMatchObject({ status: 'SUBMITTED' });
  });
});
