/**
 * The draft-expiry sweep as scheduled work: worker nodes write its cron schedule at start and
 * pg-boss's clock runs it; API-only nodes do not. Also the operators' CLI command.
 */
import fs from 'node:fs';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../platform/db/create-database.js';
import { enqueueInTransaction } from '../../platform/jobs/index.js';
import { mailDeliveriesTable } from '../../platform/mail/mail-deliveries.tables.js';
import { createFilesystemStorage } from '../../platform/storage/index.js';
import { createTestApp, type TestContext } from '../../test/test-app.js';
import { waitFor } from '../../test/wait-for.js';
import { UsageError } from '../identity/identity.commands.js';
import { runDossiersCommand } from './dossiers.commands.js';
import { DOSSIERS_SWEEP_DRAFTS } from './dossiers.jobs.js';
import { dossiersTable } from './dossiers.tables.js';
import { CASE, PROCEDURE, callerFor, seedTestForm, storedFiles, tempDataDir, userIdByEmail } from './e2e/dossiers.fixtures.js';

const DAY = 86400_000;
const WARNING_SUBJECT = 'Hồ sơ đang soạn sắp bị xóa';

/** A draft of the demo citizen with one stored file; returns its id and the file's storage path. */
async function draftWithFile(ctx: TestContext) {
  const citizen = await callerFor(ctx, await userIdByEmail(ctx, 'citizen@demo.opendvc.vn'));
  const d = (await citizen.post('/dossiers', { procedureCode: PROCEDURE, caseCode: CASE })).json();
  const component = d.components.find((c: { mandatory: boolean }) => c.mandatory).id;
  const upload = await citizen.upload(d.id, component);
  expect(upload.statusCode, upload.body).toBe(201);
  return { id: d.id as string, file: `dossiers/${d.id}/${upload.json().id}` };
}

const setExpiry = (ctx: TestContext, id: string, at: Date) => ctx.database.db.update(dossiersTable).set({ draftExpiresAt: at }).where(eq(dossiersTable.id, id));
const draftRow = async (ctx: TestContext, id: string) => (await ctx.database.db.select().from(dossiersTable).where(eq(dossiersTable.id, id)))[0];
const warningsFor = async (ctx: TestContext, id: string) =>
  (await ctx.database.db.select().from(mailDeliveriesTable).where(and(eq(mailDeliveriesTable.subject, WARNING_SUBJECT), sql`${mailDeliveriesTable.messageId} LIKE ${`draft-expiry-${id}-%`}`)));
const scheduleRows = (ctx: TestContext) =>
  queryRows<{ name: string; cron: string; timezone: string }>(ctx.database.db, sql`SELECT name, cron, timezone FROM pgboss.schedule WHERE name = ${DOSSIERS_SWEEP_DRAFTS}`);

describe('scheduled draft-expiry sweep on a worker node', () => {
  let ctx: TestContext;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = tempDataDir();
    // Every minute, so that the first tick falls right after start.
    ctx = await createTestApp({ DATA_DIR: dataDir, DRAFT_EXPIRY_WARNING_DAYS: '5', DRAFT_SWEEP_CRON: '* * * * *', JOBS_POLLING_INTERVAL_SECONDS: '0.5' });
    await seedTestForm(ctx);
  });
  afterAll(async () => {
    await ctx?.app.jobs.stop({ timeoutMs: 5000 });
    await ctx?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('writes the schedule at start; the scheduled run warns, a later run deletes the draft with its files', async () => {
    const draft = await draftWithFile(ctx);
    await setExpiry(ctx, draft.id, new Date(Date.now() + 2 * DAY));
    expect(storedFiles(dataDir)).toContain(draft.file);
    expect(await scheduleRows(ctx)).toEqual([]);

    await ctx.app.jobs.start();
    expect(await scheduleRows(ctx)).toEqual([{ name: DOSSIERS_SWEEP_DRAFTS, cron: '* * * * *', timezone: 'Asia/Ho_Chi_Minh' }]);
    // The clock sends the tick's job, a worker runs the sweep: one warning, the draft kept.
    await waitFor(async () => (await draftRow(ctx, draft.id))?.draftWarningSentAt, { what: 'the scheduled sweep to warn', timeoutMs: 40000 });
    expect(await warningsFor(ctx, draft.id)).toHaveLength(1);
    const ran = await queryRows<{ state: string }>(ctx.database.db, sql`SELECT state FROM pgboss.job WHERE name = ${DOSSIERS_SWEEP_DRAFTS}`);
    expect(ran.length).toBeGreaterThanOrEqual(1);
    expect(storedFiles(dataDir)).toContain(draft.file);

    // Past its expiry: the next run (the same handler; ticks come once a minute) deletes it with its file.
    await setExpiry(ctx, draft.id, new Date(Date.now() - 60_000));
    await ctx.database.db.transaction((tx) => enqueueInTransaction(tx, DOSSIERS_SWEEP_DRAFTS, {}));
    await waitFor(async () => !(await draftRow(ctx, draft.id)), { what: 'the sweep to delete the expired draft', timeoutMs: 20000 });
    await waitFor(() => !storedFiles(dataDir).includes(draft.file), { what: 'the file to be removed' });
    expect(await warningsFor(ctx, draft.id)).toHaveLength(1);
  }, 90_000);
});

describe('API-only node', () => {
  it('neither writes the schedule nor runs the sweep', async () => {
    const dataDir = tempDataDir();
    const ctx = await createTestApp({ DATA_DIR: dataDir, JOBS_WORKER: 'false', DRAFT_SWEEP_CRON: '* * * * *', JOBS_POLLING_INTERVAL_SECONDS: '0.5' });
    try {
      await seedTestForm(ctx);
      const draft = await draftWithFile(ctx);
      await setExpiry(ctx, draft.id, new Date(Date.now() + DAY));
      await ctx.app.jobs.start();
      await new Promise((r) => setTimeout(r, 3000));
      expect(await scheduleRows(ctx)).toEqual([]);
      expect((await draftRow(ctx, draft.id))?.draftWarningSentAt).toBeNull();
    } finally {
      await ctx.app.jobs.stop({ timeoutMs: 5000 });
      await ctx.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('npm run cli -- dossiers sweep-drafts', () => {
  it('warns, deletes expired drafts with their files, and reports the counts', async () => {
    const dataDir = tempDataDir();
    const ctx = await createTestApp({ DATA_DIR: dataDir, DRAFT_EXPIRY_WARNING_DAYS: '5' });
    try {
      await seedTestForm(ctx);
      const expiring = await draftWithFile(ctx);
      const expired = await draftWithFile(ctx);
      await setExpiry(ctx, expiring.id, new Date(Date.now() + DAY));
      await setExpiry(ctx, expired.id, new Date(Date.now() - DAY));
      const outputs: unknown[] = [];
      const storage = createFilesystemStorage(`${dataDir}/files`);
      const run = (command: string) => runDossiersCommand({ db: ctx.database.db, config: ctx.config, storage, command, out: (_h, data) => outputs.push(data) });
      expect(await run('sweep-drafts')).toBe(0);
      expect(outputs).toEqual([{ warned: 1, deleted: 1, filesRemoved: 1 }]);
      expect(await draftRow(ctx, expired.id)).toBeUndefined();
      expect(storedFiles(dataDir)).not.toContain(expired.file);
      expect(storedFiles(dataDir)).toContain(expiring.file);
      expect(await warningsFor(ctx, expiring.id)).toHaveLength(1);
      await expect(run('sweep-everything')).rejects.toBeInstanceOf(UsageError);
    } finally {
      await ctx.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
