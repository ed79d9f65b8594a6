/**
 * Personal data (Law 91/2025/QH15): one's own export holds one's dossiers with their answers,
 * files and history and never another applicant's; every export is audited with its size; an
 * administrator's export needs a reason. Retention: a dry run changes nothing; a real run purges
 * the personal fields and stored files of closed dossiers past retention, leaves open ones alone,
 * and the statistics report is the same before and after.
 */
import fs from 'node:fs';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEventsTable } from '../../../platform/audit/index.js';
import { readZip } from '../../../platform/zip/zip-writer.js';
import { createTestApp, type TestContext } from '../../../test/test-app.js';
import { dossierAttachmentsTable, dossierEventsTable, dossiersTable } from '../../dossiers/index.js';
import { CASE, PROCEDURE, callerFor, goodAnswers, seedTestForm, storedFiles, tempDataDir, userIdByEmail, type Caller } from '../../dossiers/e2e/dossiers.fixtures.js';
import { periodRange, rebuildFacts, resolutionReport, statisticsFactsTable } from '../../statistics/index.js';
import { runRetention } from '../privacy.retention.js';

let ctx: TestContext;
let dataDir: string;
let citizen: Caller;
let other: Caller;
let officer: Caller;
let admin: Caller;
const DAY = 86400_000;
const OTHER_SECRET = 'Mục đích riêng của người khác 7731';

beforeAll(async () => {
  dataDir = tempDataDir();
  ctx = await createTestApp({ DATA_DIR: dataDir, RETENTION_WITHDRAWN_DAYS: '30', RETENTION_REFUSED_DAYS: '60', RETENTION_STOPPED_DAYS: '90', RETENTION_DRAFT_DAYS: '10' });
  await seedTestForm(ctx);
  citizen = await callerFor(ctx, await userIdByEmail(ctx, 'citizen@demo.opendvc.vn'));
  other = await callerFor(ctx, await userIdByEmail(ctx, 'representative@demo.opendvc.vn'));
  officer = await callerFor(ctx, await userIdByEmail(ctx, 'officer@demo.opendvc.vn'));
  admin = await callerFor(ctx, await userIdByEmail(ctx, 'admin@demo.opendvc.vn'));
});
afterAll(async () => {
  await ctx?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function submitted(caller: Caller, answers: Record<string, unknown> = goodAnswers) {
  const draft = (await caller.post('/dossiers', { procedureCode: PROCEDURE, caseCode: CASE })).json();
  expect((await caller.patch(`/dossiers/${draft.id}`, { answers })).statusCode).toBe(200);
  const component = draft.components.find((c: { mandatory: boolean }) => c.mandatory).id;
  const upload = await caller.upload(draft.id, component);
  expect(upload.statusCode, upload.body).toBe(201);
  const res = await caller.post(`/dossiers/${draft.id}/submit`);
  expect(res.statusCode, res.body).toBe(200);
  return { ...(res.json() as { id: string; code: string }), attachmentId: upload.json().id as string };
}

async function exportOf(caller: Caller) {
  const res = await caller.raw('GET', '/me/personal-data/export');
  expect(res.statusCode, res.body).toBe(200);
  return res;
}

describe('personal data export', () => {
  it('holds the caller\'s account, profile, dossiers with answers, history and files, and nothing of another applicant', async () => {
    const mine = await submitted(citizen);
    const theirs = await submitted(other, { ...goodAnswers, fullName: 'Lê Văn Cường', purpose: OTHER_SECRET });

    const res = await exportOf(citizen);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toMatch(/du-lieu-ca-nhan-\d{8}\.zip/);
    expect(res.headers['cache-control']).toContain('no-store');
    const entries = readZip(res.rawPayload);
    const names = entries.map((e) => e.name);
    expect(names).toContain('du-lieu-ca-nhan.json');
    expect(names).toContain('README.txt');
    const doc = JSON.parse(entries.find((e) => e.name === 'du-lieu-ca-nhan.json')!.data.toString('utf8'));
    expect(doc.format).toBe('opendvc.personal-data/1');
    expect(doc.account).toMatchObject({ email: 'citizen@demo.opendvc.vn', fullName: 'Nguyễn Văn An' });
    expect(doc.account).not.toHaveProperty('passwordHash');
    expect(doc.profile).toHaveProperty('personalIdNumber');
    const dossier = doc.dossiers.find((d: { id: string }) => d.id === mine.id);
    expect(dossier).toMatchObject({ code: mine.code, status: 'SUBMITTED', answers: { purpose: goodAnswers.purpose } });
    expect(dossier.history.map((h: { type: string }) => h.type)).toContain('dossier.submitted');
    const file = dossier.attachments.find((a: { id: string }) => a.id === mine.attachmentId).file;
    expect(file).toMatch(new RegExp(`^ho-so/${mine.code}/tep-dinh-kem/`));
    const stored = entries.find((e) => e.name === file)!;
    expect(stored.data.subarray(0, 5).toString()).toBe('%PDF-');

    // Another applicant's dossier is nowhere in the archive.
    const whole = Buffer.concat(entries.map((e) => e.data)).toString('utf8');
    expect(whole).not.toContain(theirs.id);
    expect(whole).not.toContain(theirs.code);
    expect(whole).not.toContain(OTHER_SECRET);
    expect(names.some((n) => n.includes(theirs.code))).toBe(false);

    // Audited: who, when, and the size sent.
    const [audit] = await ctx.database.db.select().from(auditEventsTable)
      .where(and(eq(auditEventsTable.action, 'PERSONAL_DATA_EXPORTED'), eq(auditEventsTable.actorUserId, citizen.userId)));
    expect(audit).toMatchObject({ subject: `user:${citizen.userId}`, outcome: 'SUCCESS', details: { sizeBytes: res.rawPayload.length } });
    expect((audit!.details as { dossiers: number }).dossiers).toBeGreaterThanOrEqual(1);
  });

  it('refuses anonymous callers; an administrator exports an applicant\'s data only with a reason, audited', async () => {
    expect((await ctx.app.inject({ method: 'GET', url: '/api/v1/me/personal-data/export' })).statusCode).toBe(401);
    const noReason = await admin.post(`/admin/users/${citizen.userId}/personal-data/export`, { reason: 'x' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors[0].message).toContain('ít nhất 10 ký tự');
    expect((await citizen.post(`/admin/users/${other.userId}/personal-data/export`, { reason: 'Đơn yêu cầu số 12 ngày 01/12/2026' })).statusCode).toBe(403);
    expect((await admin.post(`/admin/users/${officer.userId}/personal-data/export`, { reason: 'Đơn yêu cầu số 12 ngày 01/12/2026' })).json().code).toBe('privacy.user_not_found');

    const res = await admin.post(`/admin/users/${citizen.userId}/personal-data/export`, { reason: 'Đơn yêu cầu số 12 ngày 01/12/2026' });
    expect(res.statusCode, res.body).toBe(200);
    const doc = JSON.parse(readZip(res.rawPayload).find((e) => e.name === 'du-lieu-ca-nhan.json')!.data.toString('utf8'));
    expect(doc.account.email).toBe('citizen@demo.opendvc.vn');
    const [audit] = await ctx.database.db.select().from(auditEventsTable).where(eq(auditEventsTable.action, 'PERSONAL_DATA_EXPORTED_ON_REQUEST'));
    expect(audit).toMatchObject({ actorUserId: admin.userId, subject: `user:${citizen.userId}`, details: { reason: 'Đơn yêu cầu số 12 ngày 01/12/2026', sizeBytes: res.rawPayload.length } });
  });
});

describe('retention', () => {
  it('dry run changes nothing; the real run purges closed dossiers past retention, their files, keeps open ones and the statistics', async () => {
    const db = ctx.database.db;
    const withdrawn = await submitted(citizen);
    expect((await citizen.post(`/dossiers/${withdrawn.id}/withdraw`, { reason: 'Không còn nhu cầu' })).statusCode).toBe(200);
    const refused = await submitted(citizen);
    const refusal = await officer.post(`/dossiers/${refused.id}/refuse`, { reasons: ['Hồ sơ không thuộc thẩm quyền giải quyết.'] });
    expect(refusal.statusCode, refusal.body).toBe(200);
    const open = await submitted(citizen);
    const draft = (await citizen.post('/dossiers', { procedureCode: PROCEDURE, caseCode: CASE })).json();
    const fileOf = async (id: string) => (await db.select().from(dossierAttachmentsTable).where(eq(dossierAttachmentsTable.dossierId, id)))[0]!.storageKey;
    const withdrawnKey = await fileOf(withdrawn.id);
    const refusedKey = await fileOf(refused.id);
    const openKey = await fileOf(open.id);
    expect(storedFiles(dataDir)).toEqual(expect.arrayContaining([withdrawnKey, refusedKey, openKey]));

    const year = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric' }).format(new Date()));
    const report = async () => {
      await db.transaction((tx) => rebuildFacts(tx));
      return resolutionReport(db, { period: periodRange('year', year), groupBy: 'field', scope: 'ALL' });
    };
    const facts = async () => (await db.select().from(statisticsFactsTable)).map(({ updatedAt: _u, lastPosition: _p, ...f }) => f).sort((a, b) => a.dossierId.localeCompare(b.dossierId));
    const reportBefore = await report();
    const factsBefore = await facts();
    const storage = ctx.app.storage;
    const config = ctx.config;

    // 45 days on: the withdrawn dossier (30) is past retention, the refused one (60) is not.
    const soon = await runRetention({ db, storage, config }, { now: new Date(Date.now() + 45 * DAY), dryRun: true });
    expect(soon.dossiers.map((d) => d.id)).toContain(withdrawn.id);
    expect(soon.dossiers.map((d) => d.id)).not.toContain(refused.id);

    const later = new Date(Date.now() + 400 * DAY);
    const dry = await runRetention({ db, storage, config }, { now: later, dryRun: true });
    const dryIds = dry.dossiers.map((d) => d.id);
    expect(dryIds).toEqual(expect.arrayContaining([withdrawn.id, refused.id]));
    expect(dryIds).not.toContain(open.id);
    expect(dry.drafts.map((d) => d.id)).toContain(draft.id);
    expect(dry.dossiers.find((d) => d.id === withdrawn.id)).toMatchObject({ rule: 'WITHDRAWN', files: 1 });
    // Nothing changed.
    expect((await db.select().from(dossiersTable).where(eq(dossiersTable.id, withdrawn.id)))[0]!.personalDataPurgedAt).toBeNull();
    expect(storedFiles(dataDir)).toEqual(expect.arrayContaining([withdrawnKey, refusedKey]));

    const real = await runRetention({ db, storage, config }, { now: later });
    expect(real.dossiers.map((d) => d.id)).toEqual(expect.arrayContaining([withdrawn.id, refused.id]));
    expect(real.filesRemoved).toBeGreaterThanOrEqual(2);
    const [row] = await db.select().from(dossiersTable).where(eq(dossiersTable.id, withdrawn.id));
    expect(row).toMatchObject({ code: withdrawn.code, status: 'WITHDRAWN', answers: {}, applicant: { fullName: '' }, deliveryAddress: null, procedureId: expect.any(String), submittedAt: expect.any(Date) });
    expect(row!.personalDataPurgedAt).toEqual(later);
    expect(await db.select().from(dossierAttachmentsTable).where(eq(dossierAttachmentsTable.dossierId, withdrawn.id))).toEqual([]);
    const files = storedFiles(dataDir);
    expect(files).not.toContain(withdrawnKey);
    expect(files).not.toContain(refusedKey);
    expect(files).toContain(openKey);
    const [openRow] = await db.select().from(dossiersTable).where(eq(dossiersTable.id, open.id));
    expect(openRow).toMatchObject({ personalDataPurgedAt: null, answers: { purpose: goodAnswers.purpose } });
    expect(await db.select().from(dossiersTable).where(eq(dossiersTable.id, draft.id))).toEqual([]);

    const [event] = await db.select().from(dossierEventsTable).where(and(eq(dossierEventsTable.dossierId, refused.id), eq(dossierEventsTable.type, 'dossier.personal_data_purged')));
    expect(event).toMatchObject({ audience: 'OFFICIALS', actorRole: 'SYSTEM', payload: { rule: 'REFUSED', retentionDays: 60, filesRemoved: 1 } });
    const audits = await db.select().from(auditEventsTable).where(and(eq(auditEventsTable.action, 'PERSONAL_DATA_PURGED'), eq(auditEventsTable.subject, `dossier:${withdrawn.id}`)));
    expect(audits).toHaveLength(1);

    // The statistics stay exact: the same report and the same facts.
    expect(await facts()).toEqual(factsBefore);
    expect(await report()).toEqual(reportBefore);

    // The back office sees the dossier as purged.
    const seen = await officer.get(`/dossiers/${refused.id}`);
    expect(seen.statusCode, seen.body).toBe(200);
    expect(seen.json()).toMatchObject({ code: refused.code, status: 'REFUSED', personalDataPurgedAt: later.toISOString(), answers: {} });

    // The applicant's timeline does not show the purge; a second run finds nothing more.
    const timeline = (await citizen.get(`/dossiers/${refused.id}/events`)).json();
    expect(JSON.stringify(timeline)).not.toContain('personal_data_purged');
    const again = await runRetention({ db, storage, config }, { now: later });
    expect(again.dossiers.map((d) => d.id)).not.toContain(withdrawn.id);
  });
});
