/**
 * The portal-sync consumer applies a claim's batch at once (ADR 9, amendment of 2026-12-05): the
 * rows it leaves are those of its events applied one after the other — sync rows and their wanted
 * versions, the history steps, the EMC milestones — also when a batch continues dossiers an
 * earlier batch began, and when events are delivered again. Each way runs in a transaction that
 * is rolled back, on the same dossiers and events.
 */
import { asc, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DbExecutor } from '../../../platform/db/create-database.js';
import { EVENT_PARTITIONS } from '../../../platform/events/index.js';
import { createTestApp, type TestContext } from '../../../test/test-app.js';
import { dossierEventSource, type DossierStreamEvent } from '../../dossiers/index.js';
import { createIdentityRepository } from '../../identity/identity.repository.js';
import { createPortalSyncConsumer, dvcqgSyncDossiersTable, dvcqgSyncStepsTable } from '../index.js';
import { dvcqgEmcEventsTable } from '../integration.tables.js';
import { fileDossier, lifecycles, moveDossier } from './dvcqg.fixtures.js';

let ctx: TestContext;
let events: DossierStreamEvent[] = [];

beforeAll(async () => {
  ctx = await createTestApp();
  const db = ctx.database.db;
  const identity = createIdentityRepository({ db });
  const actors = { official: (await identity.getUserByEmail('officer@demo.opendvc.vn'))!.id, citizen: (await identity.getUserByEmail('citizen@demo.opendvc.vn'))!.id };
  const t0 = Date.UTC(2026, 10, 7, 2);
  // One dossier per lifecycle, their moves interleaved; half the codes are of the portal's form.
  const ids: string[] = [];
  for (let i = 0; i < lifecycles.length; i++) {
    ids.push(await fileDossier(db, { code: i % 2 ? `000.00.01.G99-261107-${String(i + 1).padStart(4, '0')}` : `HS-BATCH-${i + 1}`, at: new Date(t0 + i * 1000) }));
  }
  for (let step = 0, at = t0 + 60_000; lifecycles.some((l) => l.length > step); step++) {
    for (let i = 0; i < lifecycles.length; i++) {
      const move = lifecycles[i]![step];
      if (move) await moveDossier(db, ids[i]!, move, new Date((at += 60_000)), actors);
    }
  }
  const all = await dossierEventSource.readMany!(db, Array.from({ length: EVENT_PARTITIONS }, (_, partition) => ({ partition, position: 0 })), 10_000);
  events = all.filter((e) => ids.includes(e.row.dossierId));
}, 120_000);
afterAll(async () => {
  await ctx?.close();
});

/** The consumer's rows for these dossiers, portal codes replaced by a mark (the random ones differ from run to run). */
async function rowsOf(tx: DbExecutor) {
  const ids = [...new Set(events.map((e) => e.row.dossierId))];
  const sync = await tx.select().from(dvcqgSyncDossiersTable).where(inArray(dvcqgSyncDossiersTable.dossierId, ids)).orderBy(asc(dvcqgSyncDossiersTable.dossierId));
  const codes = new Map(sync.map((r) => [r.portalCode, `<code of ${r.dossierId}>`]));
  const mark = (o: Record<string, unknown>): Record<string, unknown> => ({ ...o, MaHoSo: codes.get(String(o.MaHoSo)) ?? `unknown ${String(o.MaHoSo)}` });
  return {
    sync: sync.map((r) => ({ dossierId: r.dossierId, portalCode: codes.get(r.portalCode), fromForm: /^\d{3}\./.test(r.portalCode), otherCode: r.otherCode, state: r.state, createdOnPortal: r.createdOnPortal, wantedVersion: r.wantedVersion, pendingSince: r.pendingSince })),
    steps: (await tx.select().from(dvcqgSyncStepsTable).where(inArray(dvcqgSyncStepsTable.dossierId, ids)).orderBy(asc(dvcqgSyncStepsTable.position)))
      .map((s) => ({ eventId: s.eventId, dossierId: s.dossierId, position: s.position, step: mark(s.step), synced: s.synced })),
    emc: (await tx.select().from(dvcqgEmcEventsTable).where(inArray(dvcqgEmcEventsTable.dossierId, ids)).orderBy(asc(dvcqgEmcEventsTable.position)))
      .map((e) => ({ eventId: e.eventId, dossierId: e.dossierId, position: e.position, body: mark(e.body) })),
  };
}

/** Runs `apply` in a transaction, reads the rows it left, and rolls it back. */
async function rolledBack(apply: (tx: DbExecutor) => Promise<void>) {
  let rows: Awaited<ReturnType<typeof rowsOf>> | undefined;
  const undo = new Error('roll back');
  await ctx.database.db.transaction(async (tx) => {
    await apply(tx);
    rows = await rowsOf(tx);
    throw undo;
  }).catch((err: unknown) => {
    if (err !== undo) throw err;
  });
  return rows!;
}

it('a batch leaves the rows of its events applied one after the other, across batches and redeliveries', async () => {
  const consumer = createPortalSyncConsumer({ dvcqgAgencyCode: '000.00.01.G99' });
  expect(events.length).toBeGreaterThan(40);
  const cut = Math.floor(events.length / 3);
  // Delivered again after a crash or a replay: the last third once more.
  const again = events.slice(2 * cut);
  const oneByOne = await rolledBack(async (tx) => {
    for (const e of [...events, ...again]) await consumer.handle(tx, e);
  });
  const batched = await rolledBack(async (tx) => {
    await consumer.handleBatch!(tx, events.slice(0, cut));
    await consumer.handleBatch!(tx, events.slice(cut));
    await consumer.handleBatch!(tx, again);
  });
  expect(batched).toEqual(oneByOne);
  // Every synced event has its step, every dossier its milestones; nothing twice.
  expect(oneByOne.steps.length).toBe(new Set(oneByOne.steps.map((s) => s.eventId)).size);
  expect(oneByOne.emc.map((e) => e.body.TrangThai).filter((s) => s === '1').length).toBeGreaterThan(0);
  expect(oneByOne.sync.every((r) => r.portalCode !== undefined)).toBe(true);
}, 120_000);
