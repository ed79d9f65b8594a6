import fs from 'node:fs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailDeliveriesTable } from '../../platform/mail/mail-deliveries.tables.js';
import { createFilesystemStorage } from '../../platform/storage/index.js';
import { createTestApp, type TestContext } from '../../test/test-app.js';
import { sweepDrafts } from './dossiers.drafts-sweep.js';
import { dossiersTable } from './dossiers.tables.js';
import { CASE, PROCEDURE, callerFor, seedTestForm, storedFiles, tempDataDir, userIdByEmail, type Caller } from './e2e/dossiers.fixtures.js';

let ctx: TestContext;
let dataDir: string;
let citizen: Caller;
const DAY = 86400_000;

beforeAll(async () => {
  dataDir = tempDataDir();
  ctx = await createTestApp({ DATA_DIR: dataDir, DRAFT_EXPIRY_DAYS: '30', DRAFT_EXPIRY_WARNING_DAYS: '5' });
  await seedTestForm(ctx);
  citizen = await callerFor(ctx, await userIdByEmail(ctx, 'citizen@demo.opendvc.vn'));
});
afterAll(async () => {
  await ctx?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('draft-expiry sweep', () => {
  it('warns once before expiry, then deletes the draft with its files; a save pushes expiry back', async () => {
    const d = (await citizen.post('/dossiers', { procedureCode: PROCEDURE, caseCode: CASE })).json();
    const component = d.components.find((c: { mandatory: boolean }) => c.mandatory).id;
    const a = (await citizen.upload(d.id, component)).json();
    const storage = createFilesystemStorage(`${dataDir}/files`);
    const expiresAt = new Date(d.draftExpiresAt).getTime();
    const db = ctx.database.db;

    expect(await sweepDrafts({ db, config: ctx.config, storage, now: new Date(expiresAt - 10 * DAY) })).toEqual({ warned: 0, deleted: 0, filesRemoved: 0 });
    expect(await sweepDrafts({ db, config: ctx.config, storage, now: new Date(expiresAt - 4 * DAY) })).toMatchObject({ warned: 1, deleted: 0 });
    expect(await sweepDrafts({ db, config: ctx.config, storage, now: new Date(expiresAt - 3 * DAY) })).toMatchObject({ warned: 0, deleted: 0 });
    const mails = await db.select().from(mailDeliveriesTable).where(eq(mailDeliveriesTable.recipient, 'citizen@demo.opendvc.vn'));
    expect(mails.filter((m) => m.subject === 'Hồ sơ đang soạn sắp bị xóa')).toHaveLength(1);

    expect(await sweepDrafts({ db, config: ctx.config, storage, now: new Date(expiresAt + 1000) })).toEqual({ warned: 0, deleted: 1, filesRemoved: 1 });
    expect(await db.select().from(dossiersTable).where(eq(dossiersTable.id, d.id))).toEqual([]);
    expect(storedFiles(dataDir)).not.toContain(`dossiers/${d.id}/${a.id}`);
  });

  it('leaves submitted dossiers alone', async () => {
    const d = (await citizen.post('/dossiers', { procedureCode: PROCEDURE, caseCode: CASE })).json();
    await ctx.database.db.update(dossiersTable).set({ status: 'SUBMITTED' }).where(eq(dossiersTable.id, d.id));
    const storage = createFilesystemStorage(`${dataDir}/files`);
    await sweepDrafts({ db: ctx.database.db, config: ctx.config, storage, now: new Date(Date.now() + 400 * DAY) });
    expect(await ctx.database.db.select().from(dossiersTable).where(eq(dossiersTable.id, d.id))).toHaveLength(1);
  });
});
