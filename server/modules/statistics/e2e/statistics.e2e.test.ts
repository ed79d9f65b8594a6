/**
 * Statistics over HTTP and the real database (issue 16): a dossier filed online and received at
 * the desk reaches the report through the event stream; leaders see every unit, a unit head of
 * another unit does not see it, other officials are refused; the XLSX keeps merged headers and
 * numbers; the CSV is UTF-8 with a BOM; the PDF carries the national header and the figures;
 * dossiers filed on the national portal and through the National Single Window are counted in
 * their own channels; the public figures suppress small counts and are cached.
 */
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toLocal } from '../../../../common/calendar/index.js';
import { createId } from '../../../platform/db/ids.js';
import { createTestApp, type TestContext } from '../../../test/test-app.js';
import { createOfficial } from '../../identity/identity.admin.usecases.js';
import { fileExternalDossier, fileInboundDossier } from '../../dossiers/index.js';
import { CASE, PROCEDURE, callerFor, goodAnswers, samplePdf, seedTestForm, tempDataDir, userIdByEmail, type Caller } from '../../dossiers/e2e/dossiers.fixtures.js';
import { NATIONAL_MOTTO, NATIONAL_NAME } from '../../../platform/pdf/index.js';
import { flattenText, pdfInfo, pdfText } from '../../../platform/pdf/pdf-inspect.js';

let ctx: TestContext;
let dataDir: string;
let citizen: Caller;
let officer: Caller;
let leader: Caller;
let head: Caller;
let otherHead: Caller;
let fieldCode: string;
const today = toLocal(new Date()).date;
const year = today.slice(0, 4);

beforeAll(async () => {
  dataDir = tempDataDir();
  ctx = await createTestApp({ DATA_DIR: dataDir, STATISTICS_PUBLIC_CACHE_SECONDS: '60' });
  await seedTestForm(ctx);
  citizen = await callerFor(ctx, await userIdByEmail(ctx, 'citizen@demo.opendvc.vn'));
  officer = await callerFor(ctx, await userIdByEmail(ctx, 'officer@demo.opendvc.vn'));
  leader = await callerFor(ctx, await userIdByEmail(ctx, 'leader@demo.opendvc.vn'));
  head = await callerFor(ctx, await userIdByEmail(ctx, 'head@demo.opendvc.vn'));
  const { user } = await createOfficial({ db: ctx.database.db, config: ctx.config, input: { email: `head-${createId('x')}@demo.opendvc.vn`, password: 'Other-unit-2026!', unitCode: '000.00.03.G99', role: 'UNIT_HEAD' } });
  otherHead = await callerFor(ctx, user.id);
  const [row] = (await ctx.database.db.execute(sql`SELECT field_code FROM procedures WHERE code = ${PROCEDURE}`) as unknown as { rows: { field_code: string }[] }).rows;
  fieldCode = row!.field_code;
}, 120_000);
afterAll(async () => {
  await ctx?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function fileAndReceive() {
  const draft = (await citizen.post('/dossiers', { procedureCode: PROCEDURE, caseCode: CASE })).json();
  expect((await citizen.patch(`/dossiers/${draft.id}`, { answers: goodAnswers })).statusCode).toBe(200);
  const component = draft.components.find((c: { mandatory: boolean }) => c.mandatory);
  expect((await citizen.upload(draft.id, component.id)).statusCode).toBe(201);
  expect((await citizen.post(`/dossiers/${draft.id}/submit`)).statusCode).toBe(200);
  const received = await officer.post(`/dossiers/${draft.id}/receive`);
  expect(received.statusCode, received.body).toBe(200);
  return draft.id as string;
}

const report = async (caller: Caller, query: string) => {
  const res = await caller.get(`/statistics/resolution?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const fieldRow = (r: { rows: { key: string }[] }) => r.rows.find((x) => x.key === fieldCode) as { received: number; receivedOnline: number; receivedNationalPortal: number; receivedNsw: number; pendingWithin: number } | undefined;

/** A dossier filed on the national portal (origin DVCQG in the event) and one relayed by the NSW (dossiers.origin), both received at the desk. */
async function fileRelayedAndReceive() {
  const deps = { db: ctx.database.db, config: ctx.config, storage: ctx.app.storage, scanner: ctx.app.malwareScanner };
  const applicant = { fullName: 'Công ty TNHH Thử Nghiệm', organisationTaxCode: '0101234567' };
  const portal = await fileInboundDossier(deps, {
    origin: 'DVCQG', code: `G22.99.${createId('x').slice(-8)}`, procedureCode: PROCEDURE, caseCode: CASE, applicant, answers: goodAnswers, submittedAt: new Date(), files: [],
  });
  const nswInput = { origin: 'NSW' as const, externalRef: `NSW-${createId('x')}`, procedureCode: PROCEDURE, caseCode: CASE, applicant, answers: goodAnswers, files: [] as { componentNo: number; name: string; bytes: Buffer }[] };
  let nsw = await fileExternalDossier(deps, nswInput);
  if (!nsw.ok) {
    // Attach the mandatory components the filing was refused for, then file again.
    const missing = nsw.problems.map((p) => /^components\.(\d+)$/.exec(p.path)?.[1]).filter((n): n is string => n !== undefined);
    expect(missing.length, JSON.stringify(nsw.problems)).toBe(nsw.problems.length);
    nsw = await fileExternalDossier(deps, { ...nswInput, files: missing.map((n) => ({ componentNo: Number(n), name: 'to-khai.pdf', bytes: samplePdf })) });
  }
  if (!nsw.ok) throw new Error(JSON.stringify(nsw.problems));
  for (const id of [portal.dossier.id, nsw.dossier.id]) {
    const received = await officer.post(`/dossiers/${id}/receive`);
    expect(received.statusCode, received.body).toBe(200);
  }
  return { portalId: portal.dossier.id, nswId: nsw.dossier.id };
}

describe('resolution report', () => {
  it('counts a dossier filed online and received today once the consumer has read its events', async () => {
    const query = `from=${year}-01-01&to=${today}&groupBy=field`;
    const before = fieldRow(await report(leader, query));
    const id = await fileAndReceive();
    await ctx.app.eventConsumers.drain();
    const after = await report(leader, query);
    const row = fieldRow(after)!;
    expect(row.received - (before?.received ?? 0)).toBe(1);
    expect(row.receivedOnline - (before?.receivedOnline ?? 0)).toBe(1);
    expect(row.pendingWithin - (before?.pendingWithin ?? 0)).toBe(1);
    expect(after.totals.received).toBe(after.rows.reduce((s: number, r: { received: number }) => s + r.received, 0));
    expect(after.indicators.map((i: { group: string }) => i.group)).toEqual(expect.arrayContaining(['Tiến độ giải quyết', 'Dịch vụ công trực tuyến', 'Thanh toán trực tuyến', 'Mức độ hài lòng']));
    const [fact] = (await ctx.database.db.execute(sql`SELECT channel, received_on::text AS received_on, outcome FROM statistics_dossier_facts WHERE dossier_id = ${id}`) as unknown as { rows: Record<string, unknown>[] }).rows;
    expect(fact).toEqual({ channel: 'ONLINE', received_on: today, outcome: null });
    // A named period gives the same dates: the month of today.
    const month = await report(leader, `period=month&year=${year}&number=${Number(today.slice(5, 7))}&groupBy=unit`);
    expect(month.from).toBe(`${today.slice(0, 7)}-01`);
  });

  it('counts dossiers filed on the national portal and through the National Single Window in their channels', async () => {
    const query = `from=${year}-01-01&to=${today}&groupBy=field`;
    const before = fieldRow(await report(leader, query));
    const { portalId, nswId } = await fileRelayedAndReceive();
    await ctx.app.eventConsumers.drain();
    const row = fieldRow(await report(leader, query))!;
    expect(row.received - (before?.received ?? 0)).toBe(2);
    expect(row.receivedNationalPortal - (before?.receivedNationalPortal ?? 0)).toBe(1);
    expect(row.receivedNsw - (before?.receivedNsw ?? 0)).toBe(1);
    expect(row.receivedOnline - (before?.receivedOnline ?? 0)).toBe(0);
    const facts = (await ctx.database.db.execute(sql`SELECT dossier_id, channel FROM statistics_dossier_facts WHERE dossier_id IN (${portalId}, ${nswId})`) as unknown as { rows: { dossier_id: string; channel: string }[] }).rows;
    expect(Object.fromEntries(facts.map((f) => [f.dossier_id, f.channel]))).toEqual({ [portalId]: 'NATIONAL_PORTAL', [nswId]: 'NSW' });
  });

  it('shows a unit head their units only, refuses other officials and bad periods', async () => {
    const query = `from=${year}-01-01&to=${today}&groupBy=unit`;
    const all = await report(leader, query);
    const own = await report(head, query);
    const other = await report(otherHead, query);
    expect(own.rows.length).toBeGreaterThan(0);
    expect(other.rows.every((r: { key: string }) => !own.rows.some((o: { key: string }) => o.key === r.key))).toBe(true);
    expect(other.totals.received).toBeLessThan(all.totals.received);
    const refused = await officer.get(`/statistics/resolution?${query}`);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('auth.forbidden');
    const bad = await leader.get('/statistics/resolution?from=2026-05-01&to=2026-04-01');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('statistics.invalid_period');
  });

  it('exports the workbook with merged headers and numbers as numbers, and a CSV with a BOM', async () => {
    const res = await leader.get(`/statistics/resolution?from=${year}-01-01&to=${today}&groupBy=field&format=xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Tình hình giải quyết TTHC')!;
    expect(ws.getCell('A1').value).toBe('TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH');
    expect(ws.getCell('C4').value).toBe('Số hồ sơ nhận giải quyết');
    expect(ws.getCell('D4').isMerged).toBe(true);
    expect(ws.getCell('K4').value).toBe('Số hồ sơ đã giải quyết');
    const json = await report(leader, `from=${year}-01-01&to=${today}&groupBy=field`);
    const first = ws.getRow(7);
    expect(first.getCell(2).value).toBe(json.rows[0].label);
    expect(typeof first.getCell(4).value).toBe('number');
    expect(first.getCell(4).value).toBe(json.rows[0].received);
    const totals = ws.getRow(7 + json.rows.length);
    expect(totals.getCell(2).value).toBe('Tổng cộng');
    expect(totals.getCell(4).value).toBe(json.totals.received);
    expect(wb.getWorksheet('Chỉ số QĐ 766')).toBeDefined();

    const csv = await leader.get(`/statistics/resolution?from=${year}-01-01&to=${today}&groupBy=field&format=csv`);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toContain('Lĩnh vực');
    expect(lines).toHaveLength(json.rows.length + 2);
  });

  it('exports the report as a PDF with the national header, the issuing unit, the period and the figures', async () => {
    const res = await leader.get(`/statistics/resolution?from=${year}-01-01&to=${today}&groupBy=field&format=pdf`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain(`bao-cao-giai-quyet-tthc_${year}-01-01_${today}.pdf`);
    const pdf = res.rawPayload;
    const info = await pdfInfo(pdf);
    expect(info.pageSizes[0]!.width).toBeGreaterThan(info.pageSizes[0]!.height);
    const text = flattenText(await pdfText(pdf));
    expect(text).toContain(NATIONAL_NAME);
    expect(text).toContain(NATIONAL_MOTTO);
    const [unit] = (await ctx.database.db.execute(sql`SELECT a.name FROM role_grants g JOIN agencies a ON a.id = g.unit_agency_id JOIN users u ON u.id = g.user_id WHERE u.email = 'leader@demo.opendvc.vn' AND g.role = 'LEADER'`) as unknown as { rows: { name: string }[] }).rows;
    expect(text).toContain(unit!.name.toLocaleUpperCase('vi'));
    expect(text).toContain('BÁO CÁO TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH');
    const vn = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
    expect(text).toContain(`Kỳ báo cáo: từ ngày 01/01/${year} đến ngày ${vn(today)}`);
    expect(text).toContain('Cổng DVC quốc gia');
    // The totals line: "Tổng cộng", total received (carried over + in period), received in the period, by channel.
    const json = await report(leader, `from=${year}-01-01&to=${today}&groupBy=field`);
    const t = json.totals;
    const n = (v: number) => String(v).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
    expect(text).toContain(`Tổng cộng ${n(t.carriedOver + t.received)} ${n(t.received)} ${n(t.receivedOnline)} ${n(t.receivedCounter)} ${n(t.receivedPost)} ${n(t.receivedNationalPortal)} ${n(t.receivedNsw)}`);
    expect(text).toContain(json.rows[0].label);
    // Unit heads get their unit's report; other officials are refused as for the other formats.
    expect((await head.get(`/statistics/resolution?from=${year}-01-01&to=${today}&format=pdf`)).statusCode).toBe(200);
    expect((await officer.get(`/statistics/resolution?from=${year}-01-01&to=${today}&format=pdf`)).statusCode).toBe(403);
  });

  it('gives the second table (dossiers resolved late and overdue) as JSON, XLSX, CSV and PDF, from the same counts', async () => {
    const query = `from=${year}-01-01&to=${today}&groupBy=field`;
    const res = await leader.get(`/statistics/late?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    const late = res.json();
    const resolution = await report(leader, query);
    expect(late.totals.resolved).toBe(resolution.totals.resolved);
    expect(late.totals.resolvedLate).toBe(resolution.totals.resolvedLate);
    expect(late.totals.pendingOverdue).toBe(resolution.totals.pendingOverdue);
    expect(late.totals.pending).toBe(resolution.totals.pendingWithin + resolution.totals.pendingOverdue);
    expect(late.rows.map((r: { key: string }) => r.key)).toEqual(resolution.rows.map((r: { key: string }) => r.key));
    const xlsx = await leader.get(`/statistics/late?${query}&format=xlsx`);
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Hồ sơ quá hạn')!;
    expect(ws.getCell('A1').value).toBe('TÌNH HÌNH GIẢI QUYẾT HỒ SƠ QUÁ HẠN');
    expect(String(ws.getCell('A2').value)).toContain('Văn phòng Chính phủ');
    expect(ws.getCell('C4').value).toBe('Hồ sơ đã giải quyết trong kỳ');
    expect(ws.getCell('D4').isMerged).toBe(true);
    const totals = ws.getRow(6 + late.rows.length);
    expect(totals.getCell(2).value).toBe('Tổng cộng');
    expect(totals.getCell(4).value).toBe(late.totals.resolvedLate);
    expect(totals.getCell(9).value).toBe(late.totals.pendingOverdue);
    const csv = await leader.get(`/statistics/late?${query}&format=csv`);
    expect(csv.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv.body.replace(/^\uFEFF/, '').trim().split('\r\n')).toHaveLength(late.rows.length + 2);
    const pdf = await leader.get(`/statistics/late?${query}&format=pdf`);
    expect(pdf.statusCode, pdf.body).toBe(200);
    const text = flattenText(await pdfText(pdf.rawPayload));
    expect(text).toContain(NATIONAL_MOTTO);
    expect(text).toContain('BÁO CÁO TÌNH HÌNH GIẢI QUYẾT HỒ SƠ QUÁ HẠN');
    expect((await officer.get(`/statistics/late?${query}`)).statusCode).toBe(403);
    expect((await leader.get('/statistics/late?from=2026-05-01&to=2026-04-01')).json().code).toBe('statistics.invalid_period');
  });

  it('gives the dashboard: months, units, fields and the dossiers needing attention', async () => {
    const res = await leader.get(`/statistics/dashboard?year=${year}`);
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json();
    expect(d.months.length).toBe(Number(today.slice(5, 7)));
    expect(d.byField.length).toBeGreaterThan(0);
    expect(d.totals.received).toBeGreaterThan(0);
  });
});

describe('public figures', () => {
  it('are per field and procedure, suppress counts below 5 and are cached', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/v1/public/statistics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=60');
    const body = res.json();
    expect(body.fields).toHaveLength(5);
    const values = body.fields.flatMap((f: { received: unknown; procedures: { received: unknown; apologies: unknown }[] }) => [f.received, ...f.procedures.flatMap((p) => [p.received, p.apologies])]);
    expect(values.every((v: unknown) => v === '< 5' || (typeof v === 'number' && v >= 5))).toBe(true);
    expect(body.fields.every((f: { received: unknown }) => typeof f.received === 'number')).toBe(true);
    expect(JSON.stringify(body)).not.toMatch(/dossierId|fullName|citizen/);
    // Cached: a new dossier does not change the figures before the cache expires.
    await fileAndReceive();
    await ctx.app.eventConsumers.drain();
    const again = await ctx.app.inject({ method: 'GET', url: '/api/v1/public/statistics' });
    expect(again.json().generatedAt).toBe(body.generatedAt);
    // The same precomputed answer carries an ETag: a revalidation gets 304 without a body.
    expect(again.headers.etag).toBe(res.headers.etag);
    const revalidated = await ctx.app.inject({ method: 'GET', url: '/api/v1/public/statistics', headers: { 'if-none-match': String(res.headers.etag) } });
    expect(revalidated.statusCode).toBe(304);
    expect(revalidated.body).toBe('');
  });
});
