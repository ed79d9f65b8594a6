/**
 * Webhooks end to end: an administrator registers a subscription, a test subscriber verifies
 * every delivery with the `standardwebhooks` library, and gets every event of a dossier's
 * lifecycle exactly once, in order; it is down for an hour of simulated time and still gets
 * everything, in order, afterwards; messages that fail for more than WEBHOOK_RETRY_HOURS become
 * dead letters that an administrator replays; 5 days of failures disable the subscription and
 * e-mail its owner; a rotated secret signs beside the new one during the overlap; URLs to
 * private addresses are refused.
 */
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailDeliveriesTable } from '../../../platform/mail/mail-deliveries.tables.js';
import { createConsumerRunner } from '../../../platform/events/index.js';
import { createTestApp, type TestContext } from '../../../test/test-app.js';
import { dossierEventsTable } from '../../dossiers/index.js';
import { createIdentityRepository } from '../../identity/identity.repository.js';
import { startSession } from '../../identity/identity.sessions.js';
import { fileDossier, moveDossier, moves, type Move } from '../../integration/e2e/dvcqg.fixtures.js';
import { createWebhookDelivery, createWebhookSender, createWebhooksConsumer, STATUS_CHANGED, webhookAttemptsTable, webhookEventTypes, webhookMessagesTable, webhookSubscriptionsTable } from '../index.js';
import { startSubscriber, type Subscriber } from './subscriber.fixtures.js';

let ctx: TestContext;
let sub: Subscriber;
let adminHeaders: Record<string, string>;
let actors: { official: string; citizen: string };
let offsetMs = 0;
const clock = () => new Date(Date.now() + offsetMs);
const advance = (ms: number) => { offsetMs += ms; };
let runner: ReturnType<typeof createConsumerRunner>;
let delivery: ReturnType<typeof createWebhookDelivery>;

beforeAll(async () => {
  sub = await startSubscriber();
  ctx = await createTestApp({ WEBHOOK_ALLOWED_HOSTS: '127.0.0.1', WEBHOOK_BACKOFF_MS: '5000', WEBHOOK_MAX_BACKOFF_MS: '1800000' });
  runner = createConsumerRunner({ db: ctx.database.db, consumers: [createWebhooksConsumer({ clock })], backoffMs: 0 });
  delivery = createWebhookDelivery({ db: ctx.database.db, config: ctx.config, send: createWebhookSender({ timeoutMs: 3000, allowedHosts: ['127.0.0.1'] }), clock });
  const identity = createIdentityRepository({ db: ctx.database.db });
  actors = { official: (await identity.getUserByEmail('officer@demo.opendvc.vn'))!.id, citizen: (await identity.getUserByEmail('citizen@demo.opendvc.vn'))!.id };
  const admin = await identity.getUserByEmail('admin@demo.opendvc.vn');
  const { token } = await startSession({ db: ctx.database.db, userId: admin!.id, policy: { idleMinutes: 600, absoluteHours: 10 } });
  adminHeaders = { cookie: `opendvc_session=${token}; csrf=hooks-csrf`, 'x-csrf-token': 'hooks-csrf' };
}, 120_000);
afterAll(async () => {
  await ctx?.close();
  await sub?.close();
});

const api = (method: 'GET' | 'POST', url: string, payload?: object) => ctx.app.inject({ method, url: `/api/v1${url}`, headers: adminHeaders, payload });

async function settle() {
  const t0 = Date.now();
  const a = await runner.drain();
  const t1 = Date.now();
  const b = await delivery.drain();
  if (process.env.HOOKS_TRACE) console.log('settle', t1 - t0, Date.now() - t1, JSON.stringify(a), JSON.stringify(b));
}

/** What a subscriber to every type must get for a dossier: per event, status_changed (if the status changed), then the event's own type. */
async function expectedFor(dossierId: string) {
  const events = await ctx.database.db.select().from(dossierEventsTable).where(eq(dossierEventsTable.dossierId, dossierId)).orderBy(asc(dossierEventsTable.position));
  return events.flatMap((e) => [
    ...(e.nationalStatusAfter !== null && e.nationalStatusAfter !== e.nationalStatusBefore ? [`${STATUS_CHANGED}@${e.id}`] : []),
    `${e.type}@${e.id}`,
  ]);
}
const receivedFor = (code: string) => sub.received.filter((r) => r.body.data.dossierCode === code).map((r) => `${r.body.type}@${String(r.body.data.eventId)}`);

const lifecycle: Move[] = [moves.receive, moves.start, moves.askSupplement, moves.answerSupplement, moves.askPayment, moves.pay, moves.appraise, moves.issue, moves.giveBack];
let subscriptionId: string;
let n = 0;

async function runLifecycle(code: string, between?: () => Promise<void>) {
  const at = new Date(Date.UTC(2026, 11, 1, 2, 0, 0) + n++ * 3_600_000);
  const id = await fileDossier(ctx.database.db, { code, at });
  await (between ? between() : settle());
  for (const [i, move] of lifecycle.entries()) {
    await moveDossier(ctx.database.db, id, move, new Date(at.getTime() + (i + 1) * 60_000), actors);
    await (between ? between() : settle());
  }
  return id;
}

describe('webhooks (Standard Webhooks)', { timeout: 180_000 }, () => {
  it('refuses URLs to private, loopback and link-local addresses not allowed by WEBHOOK_ALLOWED_HOSTS', async () => {
    for (const url of ['http://10.1.2.3/hook', 'http://169.254.169.254/latest/meta-data', 'http://[::1]:8080/x', 'http://192.168.1.10/x', 'http://[::ffff:10.0.0.1]/x']) {
      const res = await api('POST', '/admin/webhooks', { url, eventTypes: [STATUS_CHANGED] });
      expect(res.statusCode, url).toBe(422);
      expect(res.json().code).toBe('webhooks.forbidden_target');
    }
    expect((await api('POST', '/admin/webhooks', { url: 'ftp://example.org/x', eventTypes: [STATUS_CHANGED] })).json().code).toBe('webhooks.invalid_url');
    expect((await api('POST', '/admin/webhooks', { url: sub.url, eventTypes: ['dossier.khong_co'] })).statusCode).toBe(400);
  });

  it('registers a subscription whose whsec_ secret is shown once, and lists it without the secret', async () => {
    const res = await api('POST', '/admin/webhooks', { url: sub.url, eventTypes: [...webhookEventTypes], description: 'Hệ thống của Bộ Công Thương (thử)' });
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json();
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/=]{40,}$/);
    subscriptionId = created.id;
    sub.secrets = [created.secret];
    const list = await api('GET', '/admin/webhooks');
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(created.secret);
    expect(list.json().items[0]).toMatchObject({ id: subscriptionId, status: 'ACTIVE', url: sub.url });
  });

  it('"Gửi sự kiện thử" sends a signed test event at once', async () => {
    const res = await api('POST', `/admin/webhooks/${subscriptionId}/test`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ ok: true, httpStatus: 204 });
    expect(sub.received.at(-1)!.body.type).toBe('webhook.test');
  });

  it('delivers every event of a dossier\'s lifecycle exactly once, in order, signed', async () => {
    const code = 'G99-261201-0001';
    const id = await runLifecycle(code);
    const expected = await expectedFor(id);
    expect(expected.length).toBeGreaterThan(15);
    expect(receivedFor(code)).toEqual(expected);
    const received = sub.received.filter((r) => r.body.data.dossierCode === code);
    expect(new Set(received.map((r) => r.id)).size).toBe(received.length);
    const last = received.at(-1)!;
    expect(last.body).toMatchObject({ type: 'dossier.returned', data: { dossierCode: code, status: 10, eventType: 'dossier.returned' } });
    const changes = received.filter((r) => r.body.type === STATUS_CHANGED).map((r) => [r.body.data.previousStatus, r.body.data.status]);
    expect(changes.slice(0, 2)).toEqual([[null, 1], [1, 2]]);
    expect(changes.at(-1)).toEqual([9, 10]);
    expect(sub.rejected).toBe(0);
    // A redelivered event (consumer replay from the start) queues nothing new.
    const before = (await ctx.database.db.select().from(webhookMessagesTable)).length;
    const { replayConsumer } = await import('../../../platform/events/index.js');
    await replayConsumer(ctx.database.db, 'webhooks.deliveries', { fromPosition: 1 });
    await settle();
    expect((await ctx.database.db.select().from(webhookMessagesTable)).length).toBe(before);
    expect(receivedFor(code)).toEqual(expected);
  });

  it('survives the subscriber being down for an hour (simulated clock): everything arrives afterwards, in order, once', async () => {
    await sub.down();
    const code = 'G99-261201-0002';
    // The lifecycle happens during the outage; the worker keeps trying every 10 simulated minutes.
    const id = await runLifecycle(code, async () => {
      advance(5 * 60_000);
      await settle();
    });
    for (let m = 0; m < 60; m += 10) {
      advance(10 * 60_000);
      await settle();
    }
    const failures = await ctx.database.db.select().from(webhookAttemptsTable).where(eq(webhookAttemptsTable.ok, false));
    expect(failures.length).toBeGreaterThan(5);
    expect(failures[0]!.error).toBeTruthy();
    expect(receivedFor(code)).toEqual([]);
    await sub.up();
    advance(31 * 60_000);
    await settle();
    const expected = await expectedFor(id);
    expect(receivedFor(code)).toEqual(expected);
    expect(new Set(sub.received.map((r) => r.id)).size).toBe(sub.received.length);
    const [row] = await ctx.database.db.select().from(webhookSubscriptionsTable).where(eq(webhookSubscriptionsTable.id, subscriptionId));
    expect(row!.failingSince).toBeNull();
  });

  it('a rotated secret: both signatures during the overlap, the new one only after', async () => {
    const oldSecret = sub.secrets[0]!;
    const res = await api('POST', `/admin/webhooks/${subscriptionId}/rotate`, { overlapHours: 1 });
    expect(res.statusCode, res.body).toBe(200);
    const newSecret = res.json().secret as string;
    expect(newSecret).not.toBe(oldSecret);
    sub.secrets = [oldSecret];
    await api('POST', `/admin/webhooks/${subscriptionId}/test`);
    expect(sub.received.at(-1)!.signatures).toHaveLength(2);
    sub.secrets = [newSecret];
    await api('POST', `/admin/webhooks/${subscriptionId}/test`);
    expect(sub.received.at(-1)!.body.type).toBe('webhook.test');
    expect(sub.rejected).toBe(0);
  });

  it('after 24 h of failures messages are dead letters; replay delivers them in order; 5 days of failures disable the subscription and e-mail its owner', async () => {
    sub.answer = 503;
    const code = 'G99-261201-0003';
    const id = await fileDossier(ctx.database.db, { code, at: new Date(Date.UTC(2026, 11, 2, 2)) });
    await moveDossier(ctx.database.db, id, moves.receive, new Date(Date.UTC(2026, 11, 2, 3)), actors);
    await settle();
    for (let h = 0; h < 25; h++) {
      advance(3_600_000);
      await settle();
    }
    const dead = await api('GET', `/admin/webhooks/${subscriptionId}/messages?status=DEAD`);
    const deadItems = (dead.json().items as { id: string; dossierCode: string; attemptLog: { httpStatus: number; latencyMs: number; responseExcerpt: string }[] }[]).filter((m) => m.dossierCode === code);
    expect(deadItems.length).toBe((await expectedFor(id)).length);
    expect(deadItems[0]!.attemptLog[0]).toMatchObject({ httpStatus: 503, responseExcerpt: 'bận, thử lại sau' });
    expect(deadItems[0]!.attemptLog[0]!.latencyMs).toBeGreaterThanOrEqual(0);
    sub.answer = 204;
    // Replay one, then the rest.
    const one = await api('POST', `/admin/webhooks/${subscriptionId}/replay`, { messageIds: [deadItems.at(-1)!.id] });
    expect(one.json().replayed).toBe(1);
    await settle();
    expect((await api('POST', `/admin/webhooks/${subscriptionId}/replay`, { all: true })).json().replayed).toBe(deadItems.length - 1);
    await settle();
    expect(new Set(receivedFor(code))).toEqual(new Set(await expectedFor(id)));

    // Five days of failures: disabled, the owner (the administrator who registered it) e-mailed.
    sub.answer = 500;
    await moveDossier(ctx.database.db, id, moves.start, new Date(Date.UTC(2026, 11, 2, 4)), actors);
    await settle();
    // Events keep coming (a workflow move every 12 h), and keep failing.
    for (let h = 2; h <= 5 * 24 + 2; h += 2) {
      advance(2 * 3_600_000);
      if (h % 12 === 0) await moveDossier(ctx.database.db, id, moves.appraise, new Date(Date.UTC(2026, 11, 2, 4) + h * 3_600_000), actors);
      await settle();
      const [s] = await ctx.database.db.select().from(webhookSubscriptionsTable).where(eq(webhookSubscriptionsTable.id, subscriptionId));
      if (s!.status === 'DISABLED') break;
    }
    const [s] = await ctx.database.db.select().from(webhookSubscriptionsTable).where(eq(webhookSubscriptionsTable.id, subscriptionId));
    expect(s!.status).toBe('DISABLED');
    const mails = await ctx.database.db.select().from(mailDeliveriesTable).where(eq(mailDeliveriesTable.recipient, 'admin@demo.opendvc.vn'));
    expect(mails.some((m) => m.subject.includes('webhook'))).toBe(true);
    expect((await api('POST', `/admin/webhooks/${subscriptionId}/test`)).statusCode).toBe(409);
    expect((await api('POST', `/admin/webhooks/${subscriptionId}/enable`)).json().status).toBe('ACTIVE');
  });
});
