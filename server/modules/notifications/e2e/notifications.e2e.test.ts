import { and, eq, like, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOBS_SCHEMA } from '../../../platform/jobs/job-queue.js';
import { mailDeliveriesTable } from '../../../platform/mail/mail-deliveries.tables.js';
import { queryRows } from '../../../platform/db/create-database.js';
import { createTestApp, type TestContext } from '../../../test/test-app.js';
import { createHttpClient } from '../../../test/http-client.js';
import { createIdentityRepository } from '../../identity/identity.repository.js';
import { DEMO_PASSWORD, DEMO_UNIT_CODE } from '../../identity/identity.seed.js';
import { startSession } from '../../identity/identity.sessions.js';
import { usersTable } from '../../identity/identity.tables.js';
import { notify, notifyUnitRole, notifyUsers } from '../notifications.usecases.js';
import { notificationsTable } from '../notifications.tables.js';

let ctx: TestContext;
let citizenId: string;
let otherId: string;

const userId = async (email: string) => (await createIdentityRepository({ db: ctx.database.db }).getUserByEmail(email))!.id;
const mailsTo = (to: string, subject: string) => ctx.database.db.select().from(mailDeliveriesTable).where(and(eq(mailDeliveriesTable.recipient, to), eq(mailDeliveriesTable.subject, subject)));
const mailJob = async (messageId: string) => (await queryRows<{ data: { message: { text: string; to: string } } }>(ctx.database.db, sql`SELECT data FROM ${sql.raw(JOBS_SCHEMA)}.job WHERE name = 'mail.send' AND data->>'messageId' = ${messageId}`))[0];

async function signedIn(email: string) {
  const client = createHttpClient(ctx.app);
  expect((await client.login(email, DEMO_PASSWORD)).statusCode).toBe(200);
  return client;
}

beforeAll(async () => {
  ctx = await createTestApp({ PUBLIC_URL: 'https://dichvucong.example.gov.vn/' });
  citizenId = await userId('citizen@demo.opendvc.vn');
  otherId = await userId('representative@demo.opendvc.vn');
});
afterAll(async () => ctx?.close());

describe('notify', () => {
  it('writes the in-app row and queues the e-mail with an absolute link, once per dedupe key', async () => {
    const n = { userId: citizenId, email: 'citizen@demo.opendvc.vn', kind: 'dossier.received', title: 'Hồ sơ đã được tiếp nhận', body: 'Hồ sơ của bạn đã được tiếp nhận.', link: '/ho-so/dos_1', dossierId: 'dos_1', dedupeKey: 'received:dos_1' };
    const first = await ctx.database.db.transaction((tx) => notify(tx, n, ctx.config));
    expect(first).toEqual({ inApp: true, mailMessageId: `received:dos_1:${citizenId}` });
    expect(await ctx.database.db.transaction((tx) => notify(tx, n, ctx.config))).toEqual({ inApp: false, mailMessageId: `received:dos_1:${citizenId}` });

    expect(await ctx.database.db.select().from(notificationsTable).where(eq(notificationsTable.dedupeKey, 'received:dos_1'))).toHaveLength(1);
    expect(await mailsTo('citizen@demo.opendvc.vn', 'Hồ sơ đã được tiếp nhận')).toHaveLength(1);
    const job = await mailJob(first.mailMessageId!);
    expect(job?.data.message.text).toBe('Hồ sơ của bạn đã được tiếp nhận.\n\nhttps://dichvucong.example.gov.vn/ho-so/dos_1');
  });

  it('writes nothing when the caller\'s transaction rolls back', async () => {
    await ctx.database.db.transaction(async (tx) => {
      await notify(tx, { userId: citizenId, email: 'citizen@demo.opendvc.vn', kind: 'test', title: 'Không gửi', body: 'x', dedupeKey: 'rolled-back' }, ctx.config);
      tx.rollback();
    }).catch(() => {});
    expect(await ctx.database.db.select().from(notificationsTable).where(eq(notificationsTable.dedupeKey, 'rolled-back'))).toEqual([]);
    expect(await mailsTo('citizen@demo.opendvc.vn', 'Không gửi')).toEqual([]);
  });

  it('sends only the e-mail to an address without an account', async () => {
    const r = await ctx.database.db.transaction((tx) => notify(tx, { email: 'nguoi.nop@example.vn', kind: 'dossier.received', title: 'Chỉ thư', body: 'Nội dung', dedupeKey: 'counter:1' }));
    expect(r).toEqual({ inApp: false, mailMessageId: 'counter:1:nguoi.nop@example.vn' });
    expect((await mailJob(r.mailMessageId!))?.data.message).toMatchObject({ to: 'nguoi.nop@example.vn', text: 'Nội dung' });
  });

  it('notifyUnitRole reaches every active holder of the role on the unit, and nobody else', async () => {
    const unit = await createIdentityRepository({ db: ctx.database.db }).getAgencyByCode(DEMO_UNIT_CODE);
    const head = await userId('head@demo.opendvc.vn');
    const recipients = await ctx.database.db.transaction((tx) => notifyUnitRole(tx, { unitId: unit!.id, role: 'UNIT_HEAD', kind: 'test.unit', title: 'Gửi trưởng phòng', body: 'Nội dung', link: '/can-bo/ho-so/dos_2', dedupeKey: 'unit:1' }, ctx.config));
    expect(recipients).toEqual([head]);
    expect(await mailsTo('head@demo.opendvc.vn', 'Gửi trưởng phòng')).toHaveLength(1);

    // A disabled official is left out.
    await ctx.database.db.update(usersTable).set({ status: 'DISABLED' }).where(eq(usersTable.id, head));
    expect(await ctx.database.db.transaction((tx) => notifyUnitRole(tx, { unitId: unit!.id, role: 'UNIT_HEAD', kind: 'test.unit', title: 'Không ai', body: 'x', dedupeKey: 'unit:2' }))).toEqual([]);
    expect(await ctx.database.db.transaction((tx) => notifyUsers(tx, [head, citizenId, citizenId], { kind: 'test.users', title: 'Gửi người dùng', body: 'x', dedupeKey: 'users:1' }))).toEqual([citizenId]);
    await ctx.database.db.update(usersTable).set({ status: 'ACTIVE' }).where(eq(usersTable.id, head));
  });
});

describe('GET/POST /api/v1/me/notifications', () => {
  it('lists my notifications newest first with the unread count, marks one and then all read', async () => {
    const db = ctx.database.db;
    for (let i = 1; i <= 3; i++) {
      await db.transaction((tx) => notify(tx, { userId: otherId, kind: 'test.list', title: `Thông báo ${i}`, body: `Nội dung ${i}`, link: `/ho-so/dos_${i}`, dossierId: `dos_${i}`, dedupeKey: `list:${i}` }));
    }
    const me = await signedIn('representative@demo.opendvc.vn');
    const page1 = (await me.get('/api/v1/me/notifications?pageSize=2')).json();
    expect(page1).toMatchObject({ page: 1, pageSize: 2, total: 3, unread: 3 });
    expect(page1.items.map((i: { title: string }) => i.title)).toEqual(['Thông báo 3', 'Thông báo 2']);
    expect(page1.items[0]).toEqual({ id: expect.stringMatching(/^ntf_/), kind: 'test.list', title: 'Thông báo 3', body: 'Nội dung 3', link: '/ho-so/dos_3', dossierId: 'dos_3', createdAt: expect.any(String), readAt: null });
    expect((await me.get('/api/v1/me/notifications?page=2&pageSize=2')).json().items.map((i: { title: string }) => i.title)).toEqual(['Thông báo 1']);
    // A page past the end still carries both counts.
    expect((await me.get('/api/v1/me/notifications?page=3&pageSize=2')).json()).toMatchObject({ items: [], total: 3, unread: 3 });

    const target = page1.items[1].id;
    expect((await me.post(`/api/v1/me/notifications/${target}/read`)).statusCode).toBe(204);
    expect((await me.post(`/api/v1/me/notifications/${target}/read`)).statusCode).toBe(204);
    const unread = (await me.get('/api/v1/me/notifications?unread=true')).json();
    expect(unread).toMatchObject({ total: 2, unread: 2 });
    expect(unread.items.map((i: { id: string }) => i.id)).not.toContain(target);
    const all = (await me.get('/api/v1/me/notifications')).json();
    expect(all).toMatchObject({ total: 3, unread: 2 });
    expect((await me.get('/api/v1/me/notifications?pageSize=1')).json()).toMatchObject({ total: 3, unread: 2 });
    expect(all.items.find((i: { id: string }) => i.id === target).readAt).toEqual(expect.any(String));

    expect((await me.post('/api/v1/me/notifications/read-all')).statusCode).toBe(204);
    expect((await me.get('/api/v1/me/notifications?unread=true')).json()).toMatchObject({ items: [], total: 0, unread: 0 });
  });

  it('answers 404 for someone else\'s notification and leaves it unread', async () => {
    const [mine] = await ctx.database.db.select().from(notificationsTable).where(and(eq(notificationsTable.userId, citizenId), like(notificationsTable.dedupeKey, 'received:%')));
    const other = await signedIn('representative@demo.opendvc.vn');
    const res = await other.post(`/api/v1/me/notifications/${mine!.id}/read`);
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'notifications.not_found', title: 'Không tìm thấy thông báo.' });
    expect((await ctx.database.db.select().from(notificationsTable).where(eq(notificationsTable.id, mine!.id)))[0]!.readAt).toBeNull();
    // read-all marks only the caller's own.
    expect((await other.post('/api/v1/me/notifications/read-all')).statusCode).toBe(204);
    expect((await ctx.database.db.select().from(notificationsTable).where(eq(notificationsTable.id, mine!.id)))[0]!.readAt).toBeNull();
  });

  it('works for officials too, and refuses bad paging in Vietnamese', async () => {
    // Officials sign in with a second factor (tested by the identity module): a session made directly.
    const { token } = await startSession({ db: ctx.database.db, userId: await userId('head@demo.opendvc.vn'), policy: { idleMinutes: 30, absoluteHours: 1 } });
    const res = await ctx.app.inject({ method: 'GET', url: '/api/v1/me/notifications', headers: { cookie: `opendvc_session=${token}` } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('private, no-store');
    expect(res.json().items.map((i: { title: string }) => i.title)).toEqual(['Gửi trưởng phòng']);
    const citizen = await signedIn('citizen@demo.opendvc.vn');
    const bad = await citizen.get('/api/v1/me/notifications?pageSize=500&unread=maybe');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['query.pageSize', 'query.unread']);
    expect(bad.json().errors.map((e: { message: string }) => e.message)).toContain('Số mục mỗi trang từ 1 đến 100');
    expect((await createHttpClient(ctx.app).get('/api/v1/me/notifications')).statusCode).toBe(401);
  });
});
