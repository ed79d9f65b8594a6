/**
 * Quarantined files are scanned again: clamd (the INSTREAM stand-in) is down at upload, so the
 * files stay PENDING and the upload transaction queues a `files.rescan` job; the job fails and is
 * retried with backoff until clamd is back, then marks each file CLEAN or INFECTED. An infected
 * file's stored object is deleted and the applicant is told, in Vietnamese, to replace it.
 */
import fs from 'node:fs';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../../platform/db/create-database.js';
import { EICAR } from '../../../platform/files/test-files.js';
import { mailDeliveriesTable } from '../../../platform/mail/mail-deliveries.tables.js';
import { startTestClamd } from '../../../test/clamd-server.js';
import { createTestApp, type TestContext } from '../../../test/test-app.js';
import { waitFor } from '../../../test/wait-for.js';
import { FILES_RESCAN } from '../dossiers.jobs.js';
import { dossierAttachmentsTable } from '../dossiers.tables.js';
import { CASE, PROCEDURE, callerFor, goodAnswers, samplePdf, seedTestForm, storedFiles, tempDataDir, userIdByEmail, type Caller } from './dossiers.fixtures.js';

let ctx: TestContext;
let dataDir: string;
let citizen: Caller;
let clamdPort: number;
let clamd: Awaited<ReturnType<typeof startTestClamd>> | undefined;

beforeAll(async () => {
  // Learn a free port, then leave it closed: the scanner is down at upload.
  const probe = await startTestClamd();
  clamdPort = probe.port;
  await probe.close();
  dataDir = tempDataDir();
  ctx = await createTestApp({
    DATA_DIR: dataDir,
    MALWARE_SCANNER: 'clamav',
    CLAMAV_HOST: '127.0.0.1',
    CLAMAV_PORT: String(clamdPort),
    CLAMAV_TIMEOUT_MS: '3000',
    MALWARE_RESCAN_DELAY_SECONDS: '1',
    MALWARE_RESCAN_ATTEMPTS: '8',
    JOBS_POLLING_INTERVAL_SECONDS: '0.5',
  });
  await seedTestForm(ctx);
  citizen = await callerFor(ctx, await userIdByEmail(ctx, 'citizen@demo.opendvc.vn'));
});
afterAll(async () => {
  await ctx?.app.jobs.stop({ timeoutMs: 5000 });
  await ctx?.close();
  await clamd?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const attachmentRow = async (id: string) => (await ctx.database.db.select().from(dossierAttachmentsTable).where(eq(dossierAttachmentsTable.id, id)))[0];
const rescanJobs = () =>
  queryRows<{ state: string; retry_count: number; retry_limit: number; retry_backoff: boolean; singleton_key: string }>(ctx.database.db, sql`SELECT state, retry_count, retry_limit, retry_backoff, singleton_key FROM pgboss.job WHERE name = ${FILES_RESCAN} ORDER BY created_on`);

describe('rescan of files quarantined while the scanner was down', () => {
  it('marks the clean file CLEAN and the infected one INFECTED (object deleted, applicant told to replace it)', async () => {
    const d = (await citizen.post('/dossiers', { procedureCode: PROCEDURE, caseCode: CASE })).json();
    expect((await citizen.patch(`/dossiers/${d.id}`, { answers: goodAnswers })).statusCode).toBe(200);
    const mandatory = d.components.find((c: { mandatory: boolean }) => c.mandatory);
    const optional = d.components.find((c: { mandatory: boolean }) => !c.mandatory);

    const clean = await citizen.upload(d.id, mandatory.id);
    expect(clean.statusCode, clean.body).toBe(201);
    expect(clean.json()).toMatchObject({ scanStatus: 'PENDING', scanMessage: expect.stringContaining('đang chờ kiểm tra an toàn') });
    const infectedPdf = Buffer.concat([samplePdf, Buffer.from(`\n% ${EICAR}\n`)]);
    const infected = await citizen.upload(d.id, optional.id, { name: 'Bản sao giấy tờ.pdf', bytes: infectedPdf });
    expect(infected.statusCode, infected.body).toBe(201);
    expect(infected.json().scanStatus).toBe('PENDING');
    const cleanId = clean.json().id as string;
    const infectedId = infected.json().id as string;

    // One job per quarantined file, written with the upload, retried with backoff.
    const queued = await rescanJobs();
    expect(queued.map((j) => j.singleton_key).sort()).toEqual([cleanId, infectedId].sort());
    for (const j of queued) expect(j).toMatchObject({ state: 'created', retry_limit: 7, retry_backoff: true });

    // Not submittable while quarantined; each file is named.
    const early = await citizen.post(`/dossiers/${d.id}/submit`);
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('dossiers.attachments_not_clean');
    expect(early.json().errors.map((e: { path: string }) => e.path).sort()).toEqual([`components.${mandatory.id}`, `components.${optional.id}`].sort());

    // Workers start; the scanner is still down, so the first attempts fail and are retried.
    await ctx.app.jobs.start();
    await waitFor(async () => (await rescanJobs()).every((j) => j.retry_count >= 1), { what: 'a failed first attempt', timeoutMs: 20000 });
    expect((await attachmentRow(cleanId))?.scanStatus).toBe('PENDING');

    // clamd comes back on the same port.
    clamd = await startTestClamd({ port: clamdPort });
    await waitFor(async () => (await attachmentRow(cleanId))?.scanStatus === 'CLEAN' && (await attachmentRow(infectedId))?.scanStatus === 'INFECTED', { what: 'the rescans', timeoutMs: 40000 });
    await waitFor(async () => (await rescanJobs()).every((j) => j.state === 'completed'), { what: 'the jobs to complete' });

    const files = storedFiles(dataDir);
    expect(files).toContain(`dossiers/${d.id}/${cleanId}`);
    expect(files).not.toContain(`dossiers/${d.id}/${infectedId}`);

    // The applicant sees why and what to do.
    const view = (await citizen.get(`/dossiers/${d.id}`)).json();
    const infectedView = view.components.find((c: { id: string }) => c.id === optional.id).attachments[0];
    expect(infectedView).toMatchObject({ id: infectedId, scanStatus: 'INFECTED' });
    expect(infectedView.scanMessage).toBe('Tệp "Bản sao giấy tờ.pdf" bị phát hiện có mã độc khi kiểm tra an toàn nên đã bị xóa. Vui lòng xóa mục này và tải lên tệp khác.');
    expect(view.problems).toEqual([{ path: `components.${optional.id}`, message: infectedView.scanMessage }]);
    expect(view.components.find((c: { id: string }) => c.id === mandatory.id).attachments[0]).toMatchObject({ scanStatus: 'CLEAN', scanMessage: null });
    const [mail] = await ctx.database.db.select().from(mailDeliveriesTable).where(eq(mailDeliveriesTable.messageId, `attachment-infected-${infectedId}`));
    expect(mail).toMatchObject({ recipient: 'citizen@demo.opendvc.vn', subject: 'Tệp đính kèm hồ sơ có mã độc đã bị xóa' });
    const events = (await citizen.get(`/dossiers/${d.id}/events`)).json().items;
    expect(events.map((e: { action: string }) => e.action)).toContain('dossier.attachment_infected');
    expect((await citizen.get(`/dossiers/${d.id}/attachments/${infectedId}`)).statusCode).toBe(409);

    // The infected entry blocks submission until it is removed; then the dossier goes through.
    const blocked = await citizen.post(`/dossiers/${d.id}/submit`);
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().errors).toEqual([{ path: `components.${optional.id}`, message: infectedView.scanMessage }]);
    expect((await citizen.delete(`/dossiers/${d.id}/attachments/${infectedId}`)).statusCode).toBe(204);
    const submitted = await citizen.post(`/dossiers/${d.id}/submit`);
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json().status).toBe('SUBMITTED');
  });

  it('an infected file in the only slot of a mandatory component counts as missing', async () => {
    const d = (await citizen.post('/dossiers', { procedureCode: PROCEDURE, caseCode: CASE })).json();
    await citizen.patch(`/dossiers/${d.id}`, { answers: goodAnswers });
    const mandatory = d.components.find((c: { mandatory: boolean }) => c.mandatory);
    // clamd is up now: an infected upload is refused at once and leaves nothing.
    const refused = await citizen.upload(d.id, mandatory.id, { name: 'virus.pdf', bytes: Buffer.concat([samplePdf, Buffer.from(EICAR)]) });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().code).toBe('dossiers.attachment_infected');
    // A row marked INFECTED by a rescan does not satisfy the component.
    const ok = (await citizen.upload(d.id, mandatory.id)).json();
    expect(ok.scanStatus).toBe('CLEAN');
    await ctx.database.db.update(dossierAttachmentsTable).set({ scanStatus: 'INFECTED' }).where(eq(dossierAttachmentsTable.id, ok.id));
    const res = await citizen.post(`/dossiers/${d.id}/submit`);
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('dossiers.components_missing');
  });
});
