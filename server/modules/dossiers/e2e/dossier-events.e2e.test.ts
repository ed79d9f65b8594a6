/**
 * The dossier event stream over HTTP and the real database: the published contract of each row,
 * who sees which event (officials' internal comments never reach the applicant), and
 * notifications as a consumer of the stream — not called by the use cases, once per event even
 * when a consumer dies mid-batch or the stream is replayed.
 */
import fs from 'node:fs';
import { and, asc, count, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../test/test-app.js';
import { notificationsTable } from '../../notifications/notifications.tables.js';
import { mailDeliveriesTable } from '../../../platform/mail/mail-deliveries.tables.js';
import { createConsumerRunner, EVENT_PARTITIONS, replayConsumer } from '../../../platform/events/index.js';
import { dossierEventPayloads, dossierEventSchema, presentStreamEvent, type DossierEventType } from '../dossiers.events.js';
import { createDossierNotificationsConsumer, NOTIFICATIONS_CONSUMER } from '../dossiers.notifications.consumer.js';
import { dossierEventsTable } from '../dossiers.tables.js';
import { CASE, PROCEDURE, callerFor, goodAnswers, seedTestForm, tempDataDir, userIdByEmail, type Caller } from './dossiers.fixtures.js';

let ctx: TestContext;
let dataDir: string;
let citizen: Caller;
let officer: Caller;
let specialist: Caller;
let mandatoryComponentId: string;

const INTERNAL = 'NỘI BỘ: người nộp có dấu hiệu giả mạo giấy tờ, đề nghị kiểm tra bản gốc';

beforeAll(async () => {
  dataDir = tempDataDir();
  ctx = await createTestApp({ DATA_DIR: dataDir });
  await seedTestForm(ctx);
  citizen = await callerFor(ctx, await userIdByEmail(ctx, 'citizen@demo.opendvc.vn'));
  officer = await callerFor(ctx, await userIdByEmail(ctx, 'officer@demo.opendvc.vn'));
  specialist = await callerFor(ctx, await userIdByEmail(ctx, 'specialist@demo.opendvc.vn'));
  const probe = (await citizen.post('/dossiers', { procedureCode: PROCEDURE, caseCode: CASE })).json();
  mandatoryComponentId = probe.components.find((c: { mandatory: boolean }) => c.mandatory).id;
  expect((await citizen.delete(`/dossiers/${probe.id}`)).statusCode).toBe(204);
  // Whatever the seed left in the stream is not this file's concern.
  await ctx.app.eventConsumers.drain();
});
afterAll(async () => {
  await ctx?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function receivedDossier() {
  const draft = (await citizen.post('/dossiers', { procedureCode: PROCEDURE, caseCode: CASE })).json();
  expect((await citizen.patch(`/dossiers/${draft.id}`, { answers: goodAnswers })).statusCode).toBe(200);
  expect((await citizen.upload(draft.id, mandatoryComponentId)).statusCode).toBe(201);
  expect((await citizen.post(`/dossiers/${draft.id}/submit`)).statusCode).toBe(200);
  const received = await officer.post(`/dossiers/${draft.id}/receive`);
  expect(received.statusCode, received.body).toBe(200);
  return received.json() as { id: string; code: string };
}

async function act(caller: Caller, id: string, action: string, body: Record<string, unknown> = {}) {
  const res = await caller.post(`/dossiers/${id}/actions/${action}`, body);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

const rowsOf = (dossierId: string) => ctx.database.db.select().from(dossierEventsTable).where(eq(dossierEventsTable.dossierId, dossierId)).orderBy(asc(dossierEventsTable.position));
const assignedTo = async (userId: string, dossierId: string) => ctx.database.db.select().from(notificationsTable).where(and(eq(notificationsTable.userId, userId), eq(notificationsTable.dossierId, dossierId)));

describe('who sees which event', () => {
  it('the applicant never receives an official\'s internal comment; officials see it as an internal note', async () => {
    const d = await receivedDossier();
    await act(officer, d.id, 'chuyen_tham_dinh', { assigneeId: specialist.userId, comment: INTERNAL });
    await act(specialist, d.id, 'yeu_cau_bo_sung', { comment: 'NỘI BỘ: hỏi lại phòng đăng ký', supplement: { reason: 'Bổ sung bản sao giấy phép kinh doanh', components: [mandatoryComponentId], fields: [] } });

    const mine = await citizen.get(`/dossiers/${d.id}/events`);
    expect(mine.statusCode).toBe(200);
    expect(mine.body).not.toContain('NỘI BỘ');
    const items = mine.json().items as { type: string; audience: string; reason: string | null; internalNote?: string | null }[];
    expect(items.every((e) => e.audience === 'APPLICANT' && e.internalNote === undefined)).toBe(true);
    expect(items.map((e) => e.type)).toEqual(['dossier.created', 'dossier.submitted', 'dossier.received', 'dossier.step_completed', 'dossier.supplement_requested']);
    expect(items.at(-1)).toMatchObject({ reason: 'Bổ sung bản sao giấy phép kinh doanh' });

    const theirs = (await officer.get(`/dossiers/${d.id}/events`)).json().items as { type: string; internalNote: string | null }[];
    expect(theirs.find((e) => e.type === 'dossier.step_completed')).toMatchObject({ internalNote: INTERNAL });
    expect(theirs.find((e) => e.type === 'dossier.supplement_requested')).toMatchObject({ internalNote: 'NỘI BỘ: hỏi lại phòng đăng ký' });
  });

  it('a claim, with no change the applicant is told of, is for officials only', async () => {
    const d = await receivedDossier();
    await act(officer, d.id, 'chuyen_tham_dinh', { comment: 'Chuyển phòng chuyên môn' });
    await act(specialist, d.id, 'claim');
    const rows = await rowsOf(d.id);
    expect(rows.find((r) => r.type === 'dossier.claimed')).toMatchObject({ audience: 'OFFICIALS' });
    expect((await citizen.get(`/dossiers/${d.id}/events`)).json().items.map((e: { type: string }) => e.type)).not.toContain('dossier.claimed');
    expect((await officer.get(`/dossiers/${d.id}/events`)).json().items.map((e: { type: string }) => e.type)).toContain('dossier.claimed');
  });
});

describe('the published contract', () => {
  it('each change writes one row: stable type, monotonic position, one partition per dossier, national statuses, unit, versioned payload', async () => {
    const d = await receivedDossier();
    await act(officer, d.id, 'chuyen_tham_dinh', { assigneeId: specialist.userId, comment: 'Đủ điều kiện' });
    const rows = await rowsOf(d.id);
    expect(rows.map((r) => r.type)).toEqual(['dossier.created', 'dossier.submitted', 'dossier.received', 'dossier.step_completed']);
    const positions = rows.map((r) => r.position);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(new Set(positions).size).toBe(positions.length);
    expect(new Set(rows.map((r) => r.partition)).size).toBe(1);
    expect(rows[0]!.partition).toBeGreaterThanOrEqual(0);
    expect(rows[0]!.partition).toBeLessThan(EVENT_PARTITIONS);
    expect(rows.map((r) => [r.nationalStatusBefore, r.nationalStatusAfter])).toEqual([[null, null], [null, 1], [1, 2], [2, 4]]);
    for (const row of rows) {
      const published = dossierEventSchema.parse(presentStreamEvent(row));
      expect(published.payloadVersion).toBe(1);
      dossierEventPayloads[published.type as DossierEventType].parse(published.payload);
      expect(row.unitId).toBeTruthy();
    }
    expect(rows.at(-1)).toMatchObject({ actorUserId: officer.userId, audience: 'APPLICANT', reason: null, internalNote: 'Đủ điều kiện' });
  });

  it('the event schemas are in the OpenAPI document', async () => {
    const doc = (await ctx.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(['DossierEvent', 'DossierEventType', 'DossierEventPayloads']));
    expect(doc.components.schemas.DossierEventType.enum).toEqual(expect.arrayContaining(['dossier.submitted', 'dossier.received', 'dossier.step_completed', 'dossier.supplement_requested', 'dossier.supplement_answered', 'dossier.payment_requested', 'dossier.paid', 'dossier.stopped', 'dossier.withdrawn', 'dossier.refused', 'dossier.result_signed', 'dossier.result_issued', 'dossier.returned']));
  });
});

describe('notifications consume the stream', () => {
  it('the use case tells nobody itself; the consumer does, once, even on replay', async () => {
    const d = await receivedDossier();
    await act(officer, d.id, 'chuyen_tham_dinh', { assigneeId: specialist.userId });
    expect(await assignedTo(specialist.userId, d.id)).toEqual([]);
    await ctx.app.eventConsumers.drain();
    expect((await assignedTo(specialist.userId, d.id)).map((n) => n.kind)).toEqual(['dossier.assigned']);
    const mails = async () => (await ctx.database.db.select({ n: count() }).from(mailDeliveriesTable))[0]!.n;
    const mailsBefore = await mails();
    await replayConsumer(ctx.database.db, NOTIFICATIONS_CONSUMER, { fromPosition: 1 });
    expect((await ctx.app.eventConsumers.drain()).processed).toBeGreaterThan(0);
    expect((await assignedTo(specialist.userId, d.id)).map((n) => n.kind)).toEqual(['dossier.assigned']);
    expect(await mails()).toBe(mailsBefore);
  });

  it('a notifications consumer killed mid-batch tells everyone exactly once after restart', async () => {
    const dossiers = [await receivedDossier(), await receivedDossier(), await receivedDossier()];
    for (const d of dossiers) await act(officer, d.id, 'chuyen_tham_dinh', { assigneeId: specialist.userId });
    const real = createDossierNotificationsConsumer(ctx.config);
    let calls = 0;
    // Event by event (no batch), dying after the fourth; the restarted node takes the rest in batches.
    const dying = { ...real, handleBatch: undefined, handle: async (tx: Parameters<typeof real.handle>[0], e: Parameters<typeof real.handle>[1]) => {
      await real.handle(tx, e);
      if (++calls > 4) throw new Error('node killed');
    } };
    const first = await createConsumerRunner({ db: ctx.database.db, consumers: [dying], backoffMs: 0, maxAttempts: 100 }).runOnce();
    expect(first.processed).toBe(4);
    await createConsumerRunner({ db: ctx.database.db, consumers: [real], backoffMs: 0 }).drain();
    const ids = dossiers.map((d) => d.id);
    const told = await ctx.database.db.select().from(notificationsTable).where(and(eq(notificationsTable.userId, specialist.userId), inArray(notificationsTable.dossierId, ids)));
    expect(told.map((n) => n.dossierId).sort()).toEqual([...ids].sort());
    const receipts = await ctx.database.db.select().from(mailDeliveriesTable).where(inArray(mailDeliveriesTable.messageId, ids.map((id) => `dossier-submitted-${id}`)));
    expect(receipts).toHaveLength(3);
  });
});
