/**
 * Dossier files over HTTP: streamed upload with the type judged from content, size limit,
 * SHA-256, download and removal by the right people only; refused uploads leave no row and no
 * stored file. Also the one-stop documents (templates 01–03) as PDF.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExe, buildPng } from '../../../platform/files/test-files.js';
import { createTestApp, type TestContext } from '../../../test/test-app.js';
import { CASE, PROCEDURE, callerFor, goodAnswers, multipart, otherUnitOfficer, rowCounts, samplePdf, seedTestForm, storedFiles, tempDataDir, userIdByEmail, type Caller } from './dossiers.fixtures.js';

let ctx: TestContext;
let dataDir: string;
let citizen: Caller;
let otherApplicant: Caller;
let officer: Caller;
let foreignOfficer: Caller;
const MAX = 64 * 1024;

beforeAll(async () => {
  dataDir = tempDataDir();
  ctx = await createTestApp({ DATA_DIR: dataDir, ATTACHMENT_MAX_BYTES: String(MAX) });
  await seedTestForm(ctx);
  citizen = await callerFor(ctx, await userIdByEmail(ctx, 'citizen@demo.opendvc.vn'));
  otherApplicant = await callerFor(ctx, await userIdByEmail(ctx, 'representative@demo.opendvc.vn'));
  officer = await callerFor(ctx, await userIdByEmail(ctx, 'officer@demo.opendvc.vn'));
  foreignOfficer = await callerFor(ctx, await otherUnitOfficer(ctx));
});
afterAll(async () => {
  await ctx?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function draft() {
  const res = await citizen.post('/dossiers', { procedureCode: PROCEDURE, caseCode: CASE });
  expect(res.statusCode, res.body).toBe(201);
  const d = res.json();
  return { d, mandatory: d.components.find((c: { mandatory: boolean }) => c.mandatory).id as string };
}

describe('uploads', () => {
  it('stores a PDF with its SHA-256 and type from content, lists it on the dossier, and serves it to the right people', async () => {
    const { d, mandatory } = await draft();
    const res = await citizen.upload(d.id, mandatory, { name: 'Đơn đề nghị.pdf', bytes: samplePdf, type: 'application/octet-stream' });
    expect(res.statusCode, res.body).toBe(201);
    const a = res.json();
    expect(a).toMatchObject({ componentId: mandatory, fileName: 'Đơn đề nghị.pdf', mediaType: 'application/pdf', sizeBytes: samplePdf.length, scanStatus: 'CLEAN', supplementRound: 0 });
    expect(a.sha256).toBe(createHash('sha256').update(samplePdf).digest('hex'));
    expect(storedFiles(dataDir)).toContain(`dossiers/${d.id}/${a.id}`);
    const view = (await citizen.get(`/dossiers/${d.id}`)).json();
    expect(view.components.find((c: { id: string }) => c.id === mandatory).attachments.map((x: { id: string }) => x.id)).toEqual([a.id]);

    const download = await citizen.get(`/dossiers/${d.id}/attachments/${a.id}`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.rawPayload.equals(samplePdf)).toBe(true);
    for (const caller of [otherApplicant, officer, foreignOfficer]) expect((await caller.get(`/dossiers/${d.id}/attachments/${a.id}`)).statusCode).toBe(404);
  });

  it('refuses an EXE renamed .pdf, leaving no row and no stored file', async () => {
    const { d, mandatory } = await draft();
    const before = await rowCounts(ctx);
    const files = storedFiles(dataDir);
    const res = await citizen.upload(d.id, mandatory, { name: 'giay-phep.pdf', bytes: buildExe() });
    expect(res.statusCode).toBe(415);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ code: 'files.content_mismatch', errors: [{ path: 'body.file' }] });
    expect(res.json().detail).toContain('giay-phep.pdf');
    expect(await rowCounts(ctx)).toEqual(before);
    expect(storedFiles(dataDir)).toEqual(files);
  });

  it('refuses a file over the limit while it streams, leaving nothing behind', async () => {
    const { d, mandatory } = await draft();
    const before = await rowCounts(ctx);
    const files = storedFiles(dataDir);
    const big = Buffer.concat([samplePdf, Buffer.alloc(MAX, 0x20)]);
    const res = await citizen.upload(d.id, mandatory, { name: 'bao-cao.pdf', bytes: big });
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('files.too_large');
    expect(await rowCounts(ctx)).toEqual(before);
    expect(storedFiles(dataDir)).toEqual(files);
  });

  it('refuses a component of another case, a missing componentId, and another applicant\'s dossier', async () => {
    const { d, mandatory } = await draft();
    const before = await rowCounts(ctx);
    const files = storedFiles(dataDir);
    const foreignComponent = await citizen.upload(d.id, 'cmp_1010721_TH1_1');
    expect(foreignComponent.statusCode).toBe(400);
    expect(foreignComponent.json().code).toBe('dossiers.unknown_components');
    const body = multipart({}, { name: 'a.png', bytes: buildPng() });
    const noComponent = await citizen.raw('POST', `/dossiers/${d.id}/attachments`, body.payload, body.headers);
    expect(noComponent.statusCode).toBe(400);
    expect(noComponent.json().errors[0].path).toBe('body.componentId');
    expect((await otherApplicant.upload(d.id, mandatory)).statusCode).toBe(404);
    expect((await foreignOfficer.upload(d.id, mandatory)).statusCode).toBe(404);
    expect(await rowCounts(ctx)).toEqual(before);
    expect(storedFiles(dataDir)).toEqual(files);
  });

  it('removes a draft\'s file from the database and the storage; a submitted dossier\'s files stay', async () => {
    const { d, mandatory } = await draft();
    const a = (await citizen.upload(d.id, mandatory)).json();
    expect((await otherApplicant.delete(`/dossiers/${d.id}/attachments/${a.id}`)).statusCode).toBe(404);
    expect((await citizen.delete(`/dossiers/${d.id}/attachments/${a.id}`)).statusCode).toBe(204);
    expect(storedFiles(dataDir)).not.toContain(`dossiers/${d.id}/${a.id}`);
    const b = (await citizen.upload(d.id, mandatory, { name: 'anh.png', bytes: buildPng() })).json();
    expect(b.mediaType).toBe('image/png');
    await citizen.patch(`/dossiers/${d.id}`, { answers: goodAnswers });
    expect((await citizen.post(`/dossiers/${d.id}/submit`)).statusCode).toBe(200);
    const del = await citizen.delete(`/dossiers/${d.id}/attachments/${b.id}`);
    expect(del.statusCode).toBe(409);
    expect(del.json().code).toBe('dossiers.not_editable');
    expect((await citizen.upload(d.id, mandatory)).statusCode).toBe(409);
    expect(storedFiles(dataDir)).toContain(`dossiers/${d.id}/${b.id}`);
    // Officials of the receiving unit read the files of a filed dossier.
    expect((await officer.get(`/dossiers/${d.id}/attachments/${b.id}`)).statusCode).toBe(200);
  });

  it('deletes a draft with its stored files', async () => {
    const { d, mandatory } = await draft();
    const a = (await citizen.upload(d.id, mandatory)).json();
    expect((await citizen.delete(`/dossiers/${d.id}`)).statusCode).toBe(204);
    expect(storedFiles(dataDir)).not.toContain(`dossiers/${d.id}/${a.id}`);
  });
});

describe('one-stop documents', () => {
  it('serves the receipt slip once a code exists, the supplement request of a round, and the refusal', async () => {
    const { d, mandatory } = await draft();
    expect((await citizen.get(`/dossiers/${d.id}/receipt.pdf`)).json().code).toBe('dossiers.no_receipt');
    await citizen.upload(d.id, mandatory);
    await citizen.patch(`/dossiers/${d.id}`, { answers: goodAnswers });
    const submitted = (await citizen.post(`/dossiers/${d.id}/submit`)).json();
    const receipt = await citizen.get(`/dossiers/${d.id}/receipt.pdf`);
    expect(receipt.statusCode, receipt.body).toBe(200);
    expect(receipt.headers['content-type']).toBe('application/pdf');
    expect(receipt.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(receipt.headers['content-disposition']).toContain(submitted.code);
    expect((await otherApplicant.get(`/dossiers/${d.id}/receipt.pdf`)).statusCode).toBe(404);

    expect((await officer.post(`/dossiers/${d.id}/request-supplement`, { fields: ['purpose'], reason: 'Nêu rõ mục đích sử dụng dữ liệu' })).statusCode).toBe(200);
    const supplement = await citizen.get(`/dossiers/${d.id}/supplement-requests/1.pdf`);
    expect(supplement.statusCode, supplement.body).toBe(200);
    expect(supplement.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await citizen.get(`/dossiers/${d.id}/supplement-requests/2.pdf`)).statusCode).toBe(404);
    expect((await citizen.get(`/dossiers/${d.id}/refusal.pdf`)).statusCode).toBe(404);

    const other = await draft();
    await citizen.upload(other.d.id, other.mandatory);
    await citizen.patch(`/dossiers/${other.d.id}`, { answers: goodAnswers });
    await citizen.post(`/dossiers/${other.d.id}/submit`);
    await officer.post(`/dossiers/${other.d.id}/refuse`, { reasons: ['Hồ sơ không thuộc thẩm quyền giải quyết của Bộ.'] });
    const refusal = await citizen.get(`/dossiers/${other.d.id}/refusal.pdf`);
    expect(refusal.statusCode, refusal.body).toBe(200);
    expect(refusal.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });
});
