/**
 * The national portal sync end to end, against the portal simulator (a child process): N
 * dossiers (DVCQG_ACCEPTANCE_DOSSIERS, default 200) go through their lifecycles while the portal
 * fails 30 % of calls at random and is down for a minute; afterwards the portal's copy of every
 * dossier equals OpenDVC's (status, dates, the full history in order, no duplicates, no gaps).
 * The sync runs with its default retry settings (DVCQG_MAX_ATTEMPTS, DVCQG_BACKOFF_MS) on a clock
 * the test moves: the app is built with it, as production builds it with the real one. A portal
 * down for ten minutes is waited out with a few probes, and nothing is parked.
 * Then: a dossier the portal refuses becomes a dead letter with the portal's answer, is replayed
 * by an administrator after the fix and synced; pause and resume; signed file links.
 */
import { randomInt } from 'node:crypto';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { formatPortalDate } from '../../../../common/dvcqg/protocol.js';
import { auditEventsTable } from '../../../platform/audit/audit.tables.js';
import { createConsumerRunner } from '../../../platform/events/index.js';
import { createTestApp, type TestContext } from '../../../test/test-app.js';
import { dossierAttachmentsTable, dossierEventsTable, dossiersTable, toNationalStatus, type DossierRow } from '../../dossiers/index.js';
import { caseComponentsTable } from '../../catalog/catalog.tables.js';
import { createIdentityRepository } from '../../identity/identity.repository.js';
import { startSession } from '../../identity/identity.sessions.js';
import { createPortalSyncConsumer, dvcqgSyncDossiersTable, dvcqgSyncStepsTable, OUTAGE_PROBE_MAX_MS, type PortalSync } from '../index.js';
import { SYNCED_EVENT_TYPES } from '../integration.mapping.js';
import { fileDossier, lifecycles, moveDossier, moves, startSimulator, type Simulator } from './dvcqg.fixtures.js';

const N = Number(process.env.DVCQG_ACCEPTANCE_DOSSIERS ?? 200);
let sim: Simulator;
let ctx: TestContext;
let sync: PortalSync;
let runner: ReturnType<typeof createConsumerRunner>;
let actors: { official: string; citizen: string };
let adminHeaders: Record<string, string>;
/**
 * The app's clock: it starts at the real time and is moved forward by the test, so a minute of
 * outage and retries backed off for minutes take no real minutes. Only the sync schedules by it.
 */
let virtualNow = Date.now();
const clock = () => new Date(virtualNow);
const advance = (ms: number) => { virtualNow += ms; };

beforeAll(async () => {
  sim = await startSimulator();
  // Default DVCQG_MAX_ATTEMPTS, DVCQG_BACKOFF_MS and DVCQG_CONCURRENCY: the ones an installation runs with.
  // A call the simulator (in this process) accepted but answered after the timeout is sent again
  // (delivery over HTTP is at least once) and the simulator counts its steps as duplicates: with
  // 5 s that happened once on a machine at load average 20. The bound here is far from any answer.
  ctx = await createTestApp({ DVCQG_BASE_URL: sim.baseUrl, DVCQG_TIMEOUT_MS: '30000' }, { clock });
  expect(ctx.config.dvcqgMaxAttempts).toBe(12);
  // The sync the composition root built, on the test's clock.
  sync = ctx.app.dvcqgSync!;
  // The sync's own consumer only (the other consumers' effects are tested elsewhere).
  runner = createConsumerRunner({ db: ctx.database.db, consumers: [createPortalSyncConsumer(ctx.config)], backoffMs: 0 });
  const identity = createIdentityRepository({ db: ctx.database.db });
  actors = { official: (await identity.getUserByEmail('officer@demo.opendvc.vn'))!.id, citizen: (await identity.getUserByEmail('citizen@demo.opendvc.vn'))!.id };
  const admin = await identity.getUserByEmail('admin@demo.opendvc.vn');
  const { token } = await startSession({ db: ctx.database.db, userId: admin!.id, policy: { idleMinutes: 30, absoluteHours: 1 } });
  adminHeaders = { cookie: `opendvc_session=${token}; csrf=dvcqg-csrf`, 'x-csrf-token': 'dvcqg-csrf' };
}, 120_000);
afterAll(async () => {
  await ctx?.close();
  await sim?.stop();
});

/**
 * Consumes and syncs until every dossier is synced, or the bounded number of rounds is spent.
 * Between rounds the sync's clock moves on by a second, or to the next scheduled retry (or the
 * next probe of a portal taken as out) when that is later: the retries happen in order, at their
 * times (to the second, as a polling worker would), and count as attempts.
 */
async function settle(maxRounds = 4000) {
  const t = dvcqgSyncDossiersTable;
  for (let i = 0; i < maxRounds; i++) {
    await runner.drain();
    await sync.drain();
    const open = await ctx.database.db.select({ next: t.nextAttemptAt }).from(t).where(inArray(t.state, ['PENDING', 'FAILING']))
      .orderBy(sql`${t.nextAttemptAt} ASC NULLS FIRST`).limit(1);
    if (open.length === 0) return i;
    const outage = sync.outage();
    const next = outage.open ? outage.probeAt!.getTime() : (open[0]!.next?.getTime() ?? 0);
    virtualNow = Math.max(virtualNow + 1000, next);
  }
  throw new Error('the sync did not settle');
}

const date = (d: Date | null) => (d ? formatPortalDate(d) : '');

describe('national portal sync (simulator)', () => {
  it(`${N} dossiers through their lifecycles with 30 % failures and a one-minute outage: the portal's copy equals OpenDVC's`, async () => {
    const db = ctx.database.db;
    const base = Date.UTC(2026, 10, 2, 1, 0, 0);
    const ids: string[] = [];
    // Every tenth code is one the portal would refuse (§2.7): it gets a portal code, the local one kept.
    for (let i = 0; i < N; i++) {
      const code = i % 10 === 9 ? `HS-NOIBO-${String(i).padStart(5, '0')}` : `000.00.01.G99-261102-${String(i + 1).padStart(4, '0')}`;
      ids.push(await fileDossier(db, { code, at: new Date(base + i * 1000) }));
    }
    await sim.faults({ rate: 0.3 });
    const rounds = Math.max(...lifecycles.map((l) => l.length));
    for (let round = 0; round < rounds; round++) {
      // The portal goes down in the middle of the run, for a minute of the sync's time.
      if (round === 2) await sim.faults({ rate: 0.3, downForSeconds: 3600 });
      for (let i = 0; i < N; i++) {
        const move = lifecycles[i % lifecycles.length]![round];
        if (move) await moveDossier(db, ids[i]!, move, new Date(base + (round + 1) * 3600_000 + i * 1000), actors);
      }
      // Sync runs between (and during) the rounds, not only at the end.
      await runner.drain();
      await sync.runOnce();
      await sync.runOnce();
      if (round === 2) {
        // The first calls fail one after another: the sync takes the portal as out and holds off.
        expect(sync.outage().open).toBe(true);
        // The minute passes in 5-second steps; only probes go out, one dossier each.
        const before = (await sim.stats()).faults ?? 0;
        for (let second = 0; second < 60; second += 5) {
          await sync.drain();
          advance(5_000);
        }
        const probes = ((await sim.stats()).faults ?? 0) - before;
        expect(probes).toBeGreaterThan(0);
        expect(probes).toBeLessThanOrEqual(6);
        const during = await db.select({ state: dvcqgSyncDossiersTable.state, attempts: dvcqgSyncDossiersTable.attempts }).from(dvcqgSyncDossiersTable).where(inArray(dvcqgSyncDossiersTable.dossierId, ids));
        expect(during.filter((r) => r.state === 'FAILING').length).toBeGreaterThan(0);
        // Nothing is parked, and the outage costs a dossier at most the attempt that found it.
        expect(during.filter((r) => r.state === 'DEAD')).toEqual([]);
        expect(Math.max(...during.map((r) => r.attempts))).toBeLessThan(ctx.config.dvcqgMaxAttempts / 2);
        await sim.faults({ rate: 0.3 });
      }
    }
    await settle();
    const stats = await sim.stats();
    expect(stats.faults).toBeGreaterThan(0);
    expect(stats.refused).toBeGreaterThanOrEqual(0);

    const syncRows = await db.select().from(dvcqgSyncDossiersTable).where(inArray(dvcqgSyncDossiersTable.dossierId, ids));
    expect(syncRows).toHaveLength(N);
    expect(syncRows.filter((r) => r.state !== 'SYNCED')).toEqual([]);
    const byDossier = new Map(syncRows.map((r) => [r.dossierId, r]));
    const dossiers = await db.select().from(dossiersTable).where(inArray(dossiersTable.id, ids));
    const events = await db.select().from(dossierEventsTable).where(inArray(dossierEventsTable.dossierId, ids)).orderBy(asc(dossierEventsTable.position));
    const mismatches: string[] = [];
    for (const d of dossiers as DossierRow[]) {
      const row = byDossier.get(d.id)!;
      if (d.code!.startsWith('HS-')) {
        expect(row.otherCode).toBe(d.code);
        expect(row.portalCode).toMatch(/^000\.00\.01\.G99-261102-\d{5}$/);
      } else expect(row.portalCode).toBe(d.code);
      const held = await sim.dossier(row.portalCode);
      if (!held) { mismatches.push(`${d.code}: not on the portal`); continue; }
      const expected = {
        TrangThaiHoSo: String(toNationalStatus(d.status)),
        NgayNopHoSo: date(d.submittedAt), NgayTiepNhan: date(d.receivedAt), NgayHenTra: date(d.appointmentAt),
        NgayTra: date(d.returnedAt), NgayKetThucXuLy: date(d.resolvedAt),
        ...(row.otherCode ? { MaHoSoKhac: row.otherCode } : {}),
      };
      const got = Object.fromEntries(Object.keys(expected).map((k) => [k, held.dossier[k]]));
      if (JSON.stringify(got) !== JSON.stringify(expected)) mismatches.push(`${d.code}: ${JSON.stringify(got)} ≠ ${JSON.stringify(expected)}`);
      if (d.status === 'REFUSED' && !held.dossier.NgayTuChoi) mismatches.push(`${d.code}: no NgayTuChoi`);
      // History: one step per synced event, in stream order, each once.
      const mine = events.filter((e) => e.dossierId === d.id && SYNCED_EVENT_TYPES.has(e.type));
      const history = held.history.map((h) => [h.ThoiDiemXuLy, h.TrangThai]);
      const wanted = mine.map((e) => [formatPortalDate(e.at), String(e.nationalStatusAfter)]);
      if (JSON.stringify(history) !== JSON.stringify(wanted)) mismatches.push(`${d.code}: history ${JSON.stringify(history)} ≠ ${JSON.stringify(wanted)}`);
      if (held.duplicates !== 0) mismatches.push(`${d.code}: ${held.duplicates} duplicate steps`);
    }
    expect(mismatches).toEqual([]);
    const steps = await db.select({ synced: dvcqgSyncStepsTable.synced }).from(dvcqgSyncStepsTable).where(inArray(dvcqgSyncStepsTable.dossierId, ids));
    expect(steps.every((s) => s.synced)).toBe(true);
    expect(steps.length).toBe(events.filter((e) => SYNCED_EVENT_TYPES.has(e.type)).length);
    await sim.faults({});
  }, 900_000);

  it('a portal down for ten minutes is waited out with a few probes; it is caught up within 30 s of coming back, nothing parked', async () => {
    const db = ctx.database.db;
    const ids: string[] = [];
    const t0 = Date.now() - 3600_000;
    for (let i = 0; i < 40; i++) ids.push(await fileDossier(db, { code: `000.00.01.G99-261107-${String(i + 1).padStart(4, '0')}`, at: new Date(t0 + i * 1000) }));
    await runner.drain();
    await sync.drain();
    await sim.faults({ downForSeconds: 3600 });
    onTestFinished(() => sim.faults({}));
    for (const [i, id] of ids.entries()) await moveDossier(db, id, moves.receive, new Date(t0 + 600_000 + i * 1000), actors);
    await runner.drain();
    const before = (await sim.stats()).faults ?? 0;
    // Ten minutes of the sync's time in 5-second steps, as its polling would go.
    for (let second = 0; second < 600; second += 5) {
      await sync.drain();
      advance(5_000);
    }
    const calls = ((await sim.stats()).faults ?? 0) - before;
    // The calls that found the outage (those in flight, and the ones taken as they failed before
    // max(5, DVCQG_CONCURRENCY) had failed in a row), then one probe every 30 s at most.
    expect(calls).toBeLessThanOrEqual(2 * ctx.config.dvcqgConcurrency + 600_000 / OUTAGE_PROBE_MAX_MS + 5);
    let rows = await db.select().from(dvcqgSyncDossiersTable).where(inArray(dvcqgSyncDossiersTable.dossierId, ids));
    expect(rows.filter((r) => r.state === 'DEAD')).toEqual([]);
    expect(rows.every((r) => (r.state === 'FAILING' || r.state === 'PENDING') && r.attempts <= 1)).toBe(true);
    expect(sync.outage().open).toBe(true);

    // The portal is back: the next probe gets through, then everything goes, without operator action.
    await sim.faults({});
    const back = virtualNow;
    await settle();
    expect(virtualNow - back).toBeLessThanOrEqual(OUTAGE_PROBE_MAX_MS + 1000);
    expect(sync.outage()).toMatchObject({ open: false, consecutiveFailures: 0 });
    rows = await db.select().from(dvcqgSyncDossiersTable).where(inArray(dvcqgSyncDossiersTable.dossierId, ids));
    expect(rows.every((r) => r.state === 'SYNCED' && r.attempts === 0)).toBe(true);
    for (const row of rows) {
      const held = await sim.dossier(row.portalCode);
      expect(held!.dossier.TrangThaiHoSo).toBe('2');
      expect(held!.history.map((h) => h.TrangThai)).toEqual(['1', '2']);
      expect(held!.duplicates).toBe(0);
    }
  }, 300_000);

  it('a dossier the portal refuses is a dead letter with the portal\'s answer; replayed after the fix, it is synced', async () => {
    const db = ctx.database.db;
    const code = `000.00.01.G99-261103-${String(randomInt(1000, 9999))}`;
    const id = await fileDossier(db, { code, at: new Date(), applicant: { phone: 'gọi giờ hành chính' } });
    await runner.drain();
    await sync.drain();
    const [row] = await db.select().from(dvcqgSyncDossiersTable).where(eq(dvcqgSyncDossiersTable.dossierId, id));
    expect(row).toMatchObject({ state: 'DEAD', attempts: 1 });
    expect(row!.lastResponse).toMatchObject({ error_code: '-1' });
    expect(String(row!.lastResponse!.message)).toContain('SoDienThoai');
    expect(row!.lastRequest).toMatchObject({ service: 'DongBoHoSoMC', body: { isUpdating: 'False' } });

    // The administrators' page lists it first, with the request and the answer.
    const list = await ctx.app.inject({ method: 'GET', url: '/api/v1/admin/dvcqg/sync?state=DEAD', headers: adminHeaders });
    expect(list.statusCode).toBe(200);
    const body = list.json();
    expect(body.enabled).toBe(true);
    expect(body.counts.DEAD).toBe(1);
    expect(body.items[0]).toMatchObject({ dossierId: id, state: 'DEAD', pendingSteps: 1, lastResponse: { error_code: '-1' } });

    // Later events of a dead dossier wait behind it.
    await moveDossier(db, id, lifecycles[0]![0]!, new Date(), actors);
    await runner.drain();
    await sync.drain();
    expect((await db.select().from(dvcqgSyncDossiersTable).where(eq(dvcqgSyncDossiersTable.dossierId, id)))[0]!.state).toBe('DEAD');

    await db.update(dossiersTable).set({ applicant: { fullName: 'Nguyễn Văn An', personalIdNumber: '001090012345', phone: '0912345678' } }).where(eq(dossiersTable.id, id));
    const replay = await ctx.app.inject({ method: 'POST', url: '/api/v1/admin/dvcqg/sync/replay', headers: adminHeaders, payload: { dossierIds: [id] } });
    expect(replay.statusCode).toBe(200);
    expect(replay.json()).toEqual({ replayed: 1, dossierIds: [id] });
    await sync.drain();
    const [after] = await db.select().from(dvcqgSyncDossiersTable).where(eq(dvcqgSyncDossiersTable.dossierId, id));
    expect(after!.state).toBe('SYNCED');
    const held = await sim.dossier(code);
    expect(held!.dossier.TrangThaiHoSo).toBe('2');
    expect(held!.history.map((h) => h.TrangThai)).toEqual(['1', '2']);
    const audit = await db.select().from(auditEventsTable).where(eq(auditEventsTable.action, 'DVCQG_SYNC_REPLAYED'));
    expect(audit.at(-1)!.details).toMatchObject({ replayed: [id] });
  }, 60_000);

  it('a dossier held for its filing fee before reception is 1 on the portal; 6 only once received', async () => {
    const db = ctx.database.db;
    const code = `000.00.01.G99-261106-${String(randomInt(1000, 9999))}`;
    const id = await fileDossier(db, { code, at: new Date(Date.now() - 60_000) });
    await moveDossier(db, id, moves.holdForFilingFee, new Date(Date.now() - 50_000), actors);
    await runner.drain();
    await sync.drain();
    const [held] = await db.select().from(dvcqgSyncDossiersTable).where(eq(dvcqgSyncDossiersTable.dossierId, id));
    expect(held).toMatchObject({ state: 'SYNCED', lastError: null });
    let copy = await sim.dossier(code);
    expect(copy!.dossier).toMatchObject({ TrangThaiHoSo: '1', NgayTiepNhan: '' });
    expect(copy!.history.map((h) => h.TrangThai)).toEqual(['1', '1']);
    expect(copy!.history[1]!.NoiDungXuLy).toBe('Yêu cầu thực hiện nghĩa vụ tài chính');

    // Paid, received, then a fee after appraisal: that one is 6, with the reception date.
    const t = Date.now() - 40_000;
    for (const [i, move] of [moves.payFilingFee, moves.receive, moves.start, moves.askPayment].entries()) await moveDossier(db, id, move, new Date(t + i * 1000), actors);
    await runner.drain();
    await sync.drain();
    copy = await sim.dossier(code);
    const [dossier] = await db.select().from(dossiersTable).where(eq(dossiersTable.id, id));
    expect(copy!.dossier).toMatchObject({ TrangThaiHoSo: '6', NgayTiepNhan: formatPortalDate(dossier!.receivedAt!) });
    expect(copy!.history.map((h) => h.TrangThai)).toEqual(['1', '1', '1', '2', '4', '6']);
    expect(copy!.duplicates).toBe(0);
  }, 60_000);

  it('paused, the sync sends nothing; resumed, it catches up', async () => {
    const db = ctx.database.db;
    const pause = await ctx.app.inject({ method: 'POST', url: '/api/v1/admin/dvcqg/sync/pause', headers: adminHeaders });
    expect(pause.json()).toEqual({ paused: true });
    const code = `000.00.01.G99-261104-${String(randomInt(1000, 9999))}`;
    const id = await fileDossier(db, { code, at: new Date() });
    await runner.drain();
    expect(await sync.drain()).toMatchObject({ taken: 0 });
    expect(await sim.dossier(code)).toBeNull();
    const overview = (await ctx.app.inject({ method: 'GET', url: '/api/v1/admin/dvcqg/sync?state=PENDING', headers: adminHeaders })).json();
    expect(overview).toMatchObject({ paused: true, counts: { PENDING: 1 } });
    expect(overview.lag.pendingSteps).toBe(1);
    await ctx.app.inject({ method: 'POST', url: '/api/v1/admin/dvcqg/sync/resume', headers: adminHeaders });
    await sync.drain();
    expect((await sim.dossier(code))!.history).toHaveLength(1);
    expect((await db.select().from(dvcqgSyncDossiersTable).where(eq(dvcqgSyncDossiersTable.dossierId, id)))[0]!.state).toBe('SYNCED');
    const actions = (await db.select({ action: auditEventsTable.action }).from(auditEventsTable).where(inArray(auditEventsTable.action, ['DVCQG_SYNC_PAUSED', 'DVCQG_SYNC_RESUMED']))).map((a) => a.action);
    expect(actions).toEqual(['DVCQG_SYNC_PAUSED', 'DVCQG_SYNC_RESUMED']);
  }, 60_000);

  it('files go to the portal as signed, expiring links it can fetch; a changed or expired link is refused', async () => {
    const db = ctx.database.db;
    const code = `000.00.01.G99-261105-${String(randomInt(1000, 9999))}`;
    const id = await fileDossier(db, { code, at: new Date() });
    const [dossier] = await db.select().from(dossiersTable).where(eq(dossiersTable.id, id));
    const [component] = await db.select().from(caseComponentsTable).where(eq(caseComponentsTable.caseId, dossier!.caseId)).limit(1);
    const bytes = Buffer.from('%PDF-1.4\n% tệp thử\n');
    const stored = await ctx.app.storage.put(`dossiers/${id}/dvcqg-test.pdf`, bytes, { contentType: 'application/pdf' });
    await db.insert(dossierAttachmentsTable).values({ id: `att_${id}`, dossierId: id, componentId: component!.id, storageKey: `dossiers/${id}/dvcqg-test.pdf`, originalName: 'Đơn đề nghị.pdf', mediaType: 'application/pdf', sizeBytes: stored.size, sha256: stored.sha256, scanStatus: 'CLEAN' });
    // The portal fetches from the server's public address: the test serves the app on loopback.
    const address = await ctx.app.listen({ host: '127.0.0.1', port: 0 });
    ctx.config.publicUrl = address;
    await runner.drain();
    await sync.drain();
    let held = await sim.dossier(code);
    for (let i = 0; i < 200 && held!.files.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 25));
      held = await sim.dossier(code);
    }
    const link = (held!.dossier as unknown as { TaiLieuNop: { DuongDanTaiTepTin: string; TenTepDinhKem: string }[] }).TaiLieuNop[0]!;
    expect(link.TenTepDinhKem).toBe('Đơn đề nghị.pdf');
    expect(held!.files).toEqual([{ url: link.DuongDanTaiTepTin, status: 200, sha256: stored.sha256, bytes: bytes.length }]);
    const url = new URL(link.DuongDanTaiTepTin);
    const tampered = url.toString().replace(/expires=\d+/, `expires=${Number(url.searchParams.get('expires')) + 1}`);
    expect((await fetch(tampered)).status).toBe(403);
    url.searchParams.set('expires', String(Math.floor(Date.now() / 1000) - 1));
    expect((await fetch(url)).status).toBe(403);
    const [att] = await db.select().from(dossierAttachmentsTable).where(and(eq(dossierAttachmentsTable.dossierId, id)));
    expect(att).toBeDefined();
  }, 60_000);
});
