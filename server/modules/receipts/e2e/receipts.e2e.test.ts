/**
 * Electronic fee receipts over HTTP and the real database: a `dossier.paid` event (as the
 * payments module writes it) is numbered by the `receipts.issue` consumer, rendered and sealed by
 * the pg-boss job, validated by poppler's pdfsig, verified on the public page, downloaded by the
 * applicant and the unit's officials only; a replayed event issues nothing; concurrent issuers
 * share one gap-free series.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { and, asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../test/test-app.js';
import { waitFor } from '../../../test/wait-for.js';
import { replayConsumer } from '../../../platform/events/index.js';
import { appendDossierEvent, dossierEventsTable } from '../../dossiers/index.js';
import { CASE, PROCEDURE, callerFor, goodAnswers, otherUnitOfficer, seedTestForm, tempDataDir, userIdByEmail, type Caller } from '../../dossiers/e2e/dossiers.fixtures.js';
import { issueReceiptFor, RECEIPTS_CONSUMER, receiptCountersTable, receiptsTable, recordRefundOnReceipt } from '../index.js';
import { auditEventsTable } from '../../../platform/audit/audit.tables.js';
import { receiptSymbol, vietnamYear } from '../receipts.models.js';
import { createId } from '../../../platform/db/ids.js';

let ctx: TestContext;
let dataDir: string;
let citizen: Caller;
let otherCitizen: Caller;
let officer: Caller;
let foreignOfficer: Caller;
let mandatoryComponentId: string;

beforeAll(async () => {
  dataDir = tempDataDir();
  ctx = await createTestApp({ DATA_DIR: dataDir, JOBS_POLLING_INTERVAL_SECONDS: '0.5', PUBLIC_URL: 'https://dichvucong.example.gov.vn' });
  await seedTestForm(ctx);
  citizen = await callerFor(ctx, await userIdByEmail(ctx, 'citizen@demo.opendvc.vn'));
  otherCitizen = await callerFor(ctx, await userIdByEmail(ctx, 'representative@demo.opendvc.vn'));
  officer = await callerFor(ctx, await userIdByEmail(ctx, 'officer@demo.opendvc.vn'));
  foreignOfficer = await callerFor(ctx, await otherUnitOfficer(ctx));
  const probe = (await citizen.post('/dossiers', { procedureCode: PROCEDURE, caseCode: CASE })).json();
  mandatoryComponentId = probe.components.find((c: { mandatory: boolean }) => c.mandatory).id;
  expect((await citizen.delete(`/dossiers/${probe.id}`)).statusCode).toBe(204);
  await ctx.app.eventConsumers.drain();
});
afterAll(async () => {
  await ctx?.app.jobs.stop({ timeoutMs: 5000 });
  await ctx?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function submittedDossier() {
  const draft = (await citizen.post('/dossiers', { procedureCode: PROCEDURE, caseCode: CASE })).json();
  expect((await citizen.patch(`/dossiers/${draft.id}`, { answers: goodAnswers })).statusCode).toBe(200);
  expect((await citizen.upload(draft.id, mandatoryComponentId)).statusCode).toBe(201);
  const submitted = await citizen.post(`/dossiers/${draft.id}/submit`);
  expect(submitted.statusCode, submitted.body).toBe(200);
  return submitted.json() as { id: string; code: string; status: string };
}

function paidPayload(overrides: Record<string, unknown> = {}) {
  return {
    paymentId: createId('pay'),
    amount: 1_250_000,
    currency: 'VND',
    items: [
      { code: 'PHI_THAM_DINH', kind: 'PHI', name: 'Phí thẩm định đề án khai thác nước mặt', amount: 1_215_000 },
      { code: 'BUU_CHINH', kind: 'OTHER', name: 'Phí chuyển phát kết quả qua bưu chính', amount: 35_000 },
    ],
    provider: 'national',
    providerTransactionId: `GD${Date.now()}`,
    reference: `dvc${Date.now()}`,
    paidAt: new Date().toISOString(),
    ...overrides,
  };
}

/** The payments module's write: one `dossier.paid` event on the dossier's stream. */
async function pay(dossier: { id: string; status: string }, payload = paidPayload()) {
  await ctx.database.db.transaction((tx) => appendDossierEvent(tx, {
    dossierId: dossier.id, action: 'dossier.paid', actorUserId: null, actorRole: 'SYSTEM',
    fromStatus: dossier.status as never, toStatus: dossier.status as never, payload,
  }));
  return payload;
}

const receiptsOf = (dossierId: string) => ctx.database.db.select().from(receiptsTable).where(eq(receiptsTable.dossierId, dossierId)).orderBy(asc(receiptsTable.number));

describe('a receipt for each payment', () => {
  it('numbers it from the paid event, seals it in a job, and serves it to the applicant and the unit\'s officials', async () => {
    const d = await submittedDossier();
    const paid = await pay(d);
    await ctx.app.eventConsumers.drain();
    const [pending] = await receiptsOf(d.id);
    const year = vietnamYear(new Date(paid.paidAt));
    expect(pending).toMatchObject({ paymentId: paid.paymentId, status: 'PENDING', formCode: '01BLP0-001', symbol: receiptSymbol('AA', year), amount: 1_250_000, payer: { name: 'Nguyễn Văn An' } });

    // Numbered, not yet sealed: listed as PENDING; the PDF is "being made".
    const listed = (await citizen.get(`/dossiers/${d.id}/receipts`)).json();
    expect(listed.items).toEqual([expect.objectContaining({ id: pending!.id, status: 'PENDING', number: String(pending!.number).padStart(7, '0'), amountInWords: 'Một triệu hai trăm năm mươi nghìn đồng' })]);
    const early = await citizen.get(`/dossiers/${d.id}/payments/${paid.paymentId}/receipt.pdf`);
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: 'receipts.not_ready' });
    expect(early.json().detail ?? early.json().title).toContain('Biên lai đang được lập');

    // The pg-boss job renders and seals it.
    await ctx.app.jobs.start();
    const issued = await waitFor(async () => (await receiptsOf(d.id)).find((r) => r.status === 'ISSUED'), { what: 'the receipt job', timeoutMs: 30000 });
    expect(issued.signer?.commonName).toBeTruthy();

    const pdf = await citizen.get(`/dossiers/${d.id}/payments/${paid.paymentId}/receipt.pdf`);
    expect(pdf.statusCode, pdf.body).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(createHash('sha256').update(pdf.rawPayload).digest('hex')).toBe(issued.sha256);
    const file = path.join(dataDir, `${issued.id}.pdf`);
    fs.writeFileSync(file, pdf.rawPayload);
    // pdfsig exits non-zero for the demo CA's untrusted chain; the signature itself must be valid.
    let report: string;
    try {
      report = execFileSync('pdfsig', [file], { encoding: 'utf8' });
    } catch (e) {
      report = String((e as { stdout?: string }).stdout);
    }
    expect(report.match(/Signature is Valid/g)).toHaveLength(1);
    expect(report).toContain('Total document signed');
    expect(report).toContain('ETSI.CAdES.detached');
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).normalize('NFC');
    for (const expected of ['BIÊN LAI THU PHÍ, LỆ PHÍ', '01BLP0-001', issued.symbol, String(issued.number).padStart(7, '0'), 'Nguyễn Văn An', 'Phí thẩm định đề án khai thác nước mặt', '1.250.000', 'Một triệu hai trăm năm mươi nghìn đồng', paid.providerTransactionId, paid.reference, d.code]) {
      expect(text.replace(/\s+/g, ' ')).toContain(expected);
    }
    // The verification address may wrap at its hyphen.
    expect(text.replace(/\s+/g, '')).toContain(`https://dichvucong.example.gov.vn/xac-minh/${issued.id}`);

    // Officials of the dossier's unit may download it; others see no dossier at all.
    expect((await officer.get(`/dossiers/${d.id}/payments/${paid.paymentId}/receipt.pdf`)).statusCode).toBe(200);
    expect((await officer.get(`/dossiers/${d.id}/receipts`)).json().items).toHaveLength(1);
    for (const stranger of [otherCitizen, foreignOfficer]) {
      const res = await stranger.get(`/dossiers/${d.id}/payments/${paid.paymentId}/receipt.pdf`);
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('dossiers.not_found');
      expect((await stranger.get(`/dossiers/${d.id}/receipts`)).statusCode).toBe(404);
    }
    expect((await ctx.app.inject({ method: 'GET', url: `/api/v1/dossiers/${d.id}/payments/${paid.paymentId}/receipt.pdf` })).statusCode).toBe(401);
    expect((await citizen.get(`/dossiers/${d.id}/payments/pay_unknown/receipt.pdf`)).json().code).toBe('receipts.not_found');

    // The QR code's public page: the receipt's essentials and the file's hash, not the payer.
    const verified = await ctx.app.inject({ method: 'GET', url: `/api/v1/verify/${issued.id}` });
    expect(verified.statusCode, verified.body).toBe(200);
    expect(verified.json()).toMatchObject({
      kind: 'RECEIPT', status: 'ISSUED', sha256: issued.sha256, dossierCode: d.code,
      receipt: { formCode: '01BLP0-001', symbol: issued.symbol, amount: 1_250_000, amountInWords: 'Một triệu hai trăm năm mươi nghìn đồng' },
    });
    expect(verified.body).not.toContain('Nguyễn Văn An');
    expect(verified.body).not.toContain(paid.providerTransactionId);
  }, 60_000);

  it('a partial refund is recorded on the receipt ("đã hoàn"); a full refund cancels it, and its number is never reused', async () => {
    // The jobs run since the first test: the receipt is sealed.
    const d = await submittedDossier();
    const paid = await pay(d);
    await ctx.app.eventConsumers.drain();
    const issued = await waitFor(async () => (await receiptsOf(d.id)).find((r) => r.status === 'ISSUED'), { what: 'the receipt job', timeoutMs: 30000 });
    const officerId = await userIdByEmail(ctx, 'officer@demo.opendvc.vn');

    // The payments module's refund use case calls this in its transaction: 250 000 đ first.
    await ctx.database.db.transaction((tx) => recordRefundOnReceipt(tx, { paymentId: paid.paymentId, refundId: 'prf_part', amount: 250_000, full: false, reason: 'Hoàn phí chuyển phát', at: new Date(), actorUserId: officerId }));
    // Repeated, it changes nothing.
    await ctx.database.db.transaction((tx) => recordRefundOnReceipt(tx, { paymentId: paid.paymentId, refundId: 'prf_part', amount: 250_000, full: false, reason: 'Hoàn phí chuyển phát', at: new Date() }));
    let listed = (await citizen.get(`/dossiers/${d.id}/receipts`)).json().items[0];
    expect(listed).toMatchObject({ id: issued.id, status: 'ISSUED', refundedAmount: 250_000, refunds: [{ amount: 250_000, full: false, reason: 'Hoàn phí chuyển phát' }], cancelledAt: null });
    let verified = (await ctx.app.inject({ method: 'GET', url: `/api/v1/verify/${issued.id}` })).json();
    expect(verified.receipt).toMatchObject({ status: 'ISSUED', amount: 1_250_000, refundedAmount: 250_000, cancelledAt: null });

    // The rest: returned in full, the receipt is cancelled (hủy) with the reason and the time.
    await ctx.database.db.transaction((tx) => recordRefundOnReceipt(tx, { paymentId: paid.paymentId, refundId: 'prf_rest', amount: 1_000_000, full: true, reason: 'Hồ sơ bị từ chối, hoàn toàn bộ phí', at: new Date() }));
    listed = (await citizen.get(`/dossiers/${d.id}/receipts`)).json().items[0];
    expect(listed).toMatchObject({ id: issued.id, status: 'CANCELLED', refundedAmount: 1_250_000, cancelReason: 'Hồ sơ bị từ chối, hoàn toàn bộ phí' });
    expect(listed.cancelledAt).toBeTruthy();
    verified = (await ctx.app.inject({ method: 'GET', url: `/api/v1/verify/${issued.id}` })).json();
    expect(verified).toMatchObject({ kind: 'RECEIPT', sha256: issued.sha256, receipt: { status: 'CANCELLED', cancelReason: 'Hồ sơ bị từ chối, hoàn toàn bộ phí', refundedAmount: 1_250_000 } });
    // The sealed original stays downloadable; the audit log keeps both steps.
    expect((await citizen.get(`/dossiers/${d.id}/payments/${paid.paymentId}/receipt.pdf`)).statusCode).toBe(200);
    const audits = await ctx.database.db.select().from(auditEventsTable).where(eq(auditEventsTable.subject, `receipt:${issued.id}`));
    expect(audits.map((a) => a.action).sort()).toEqual(['RECEIPT_CANCELLED', 'RECEIPT_ISSUED', 'RECEIPT_REFUND_RECORDED']);

    // The next payment of the unit takes the next number: the cancelled one is not reused.
    const next = await pay(d, paidPayload());
    await ctx.app.eventConsumers.drain();
    const [again] = await ctx.database.db.select().from(receiptsTable).where(eq(receiptsTable.paymentId, next.paymentId));
    expect(again).toMatchObject({ unitId: issued.unitId, symbol: issued.symbol, status: expect.any(String) });
    expect(again!.number).toBeGreaterThan(issued.number);
    const sameNumber = await ctx.database.db.select({ id: receiptsTable.id }).from(receiptsTable).where(and(eq(receiptsTable.unitId, issued.unitId), eq(receiptsTable.symbol, issued.symbol), eq(receiptsTable.number, issued.number)));
    expect(sameNumber).toEqual([{ id: issued.id }]);
  }, 60_000);

  it('issues nothing for a replayed or repeated event', async () => {
    const d = await submittedDossier();
    const paid = await pay(d);
    await ctx.app.eventConsumers.drain();
    const [first] = await receiptsOf(d.id);
    const counterBefore = await ctx.database.db.select().from(receiptCountersTable).where(eq(receiptCountersTable.symbol, first!.symbol));

    // The same payment reported twice, and the whole stream delivered again.
    await pay(d, paid);
    await ctx.app.eventConsumers.drain();
    const [paidEvent] = await ctx.database.db.select({ position: dossierEventsTable.position }).from(dossierEventsTable)
      .where(and(eq(dossierEventsTable.dossierId, d.id), eq(dossierEventsTable.type, 'dossier.paid'))).orderBy(asc(dossierEventsTable.position)).limit(1);
    await replayConsumer(ctx.database.db, RECEIPTS_CONSUMER, { fromPosition: paidEvent!.position });
    await ctx.app.eventConsumers.drain();

    expect(await receiptsOf(d.id)).toEqual([expect.objectContaining({ id: first!.id, number: first!.number })]);
    expect(await ctx.database.db.select().from(receiptCountersTable).where(eq(receiptCountersTable.symbol, first!.symbol))).toEqual(counterBefore);
  });

  it('numbers a second payment of the dossier next in the series and lists both', async () => {
    const d = await submittedDossier();
    await pay(d);
    await ctx.app.eventConsumers.drain();
    await pay(d, paidPayload({ amount: 35_000, items: [{ code: 'BUU_CHINH', kind: 'OTHER', name: 'Phí chuyển phát', amount: 35_000 }], provider: 'vnpay' }));
    await ctx.app.eventConsumers.drain();
    const rows = await receiptsOf(d.id);
    expect(rows).toHaveLength(2);
    expect(rows[1]!.number).toBe(rows[0]!.number + 1);
    const listed = (await citizen.get(`/dossiers/${d.id}/receipts`)).json().items;
    expect(listed.map((r: { amount: number }) => r.amount)).toEqual([1_250_000, 35_000]);
  });
});

describe('the series under concurrency', () => {
  it('never gives one number twice and leaves no gap, even when the same payment is issued twice at once', async () => {
    const dossiers = await Promise.all([submittedDossier(), submittedDossier(), submittedDossier()]);
    const payments = Array.from({ length: 12 }, (_, i) => ({ dossierId: dossiers[i % 3]!.id, payload: paidPayload() }));
    // Each payment is issued by two transactions at once (two nodes handling the same event).
    const attempt = (p: (typeof payments)[number]) => ctx.database.db.transaction((tx) => issueReceiptFor(tx, ctx.config, { id: createId('dev'), dossierId: p.dossierId, payload: p.payload }));
    const outcomes = await Promise.allSettled(payments.flatMap((p) => [attempt(p), attempt(p)]));
    // A loser of the race rolls back (unique payment); tried again, it finds the winner's receipt.
    for (const [i, o] of outcomes.entries()) if (o.status === 'rejected') await attempt(payments[Math.floor(i / 2)]!);

    const issued = await ctx.database.db.select().from(receiptsTable).where(sql`${receiptsTable.paymentId} IN (${sql.join(payments.map((p) => sql`${p.payload.paymentId}`), sql`, `)})`);
    expect(issued).toHaveLength(12);
    const symbol = issued[0]!.symbol;
    const series = await ctx.database.db.select({ number: receiptsTable.number }).from(receiptsTable)
      .where(and(eq(receiptsTable.unitId, issued[0]!.unitId), eq(receiptsTable.symbol, symbol))).orderBy(asc(receiptsTable.number));
    const numbers = series.map((r) => r.number);
    expect(numbers).toEqual(Array.from({ length: numbers.length }, (_, i) => i + 1));
    const [counter] = await ctx.database.db.select().from(receiptCountersTable).where(and(eq(receiptCountersTable.unitId, issued[0]!.unitId), eq(receiptCountersTable.symbol, symbol)));
    expect(counter!.lastNumber).toBe(numbers.length);
  }, 60_000);
});
