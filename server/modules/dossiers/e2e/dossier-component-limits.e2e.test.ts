/**
 * Upload limits set per component in the catalogue: a map takes ZIP files up to 50 MB, a scanned
 * copy of papers 5 MB, the application form the configured default (PDF, JPEG, PNG; 10 MB).
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildZip } from '../../../platform/files/test-files.js';
import { createTestApp, type TestContext } from '../../../test/test-app.js';
import { callerFor, rowCounts, samplePdf, storedFiles, tempDataDir, userIdByEmail, type Caller } from './dossiers.fixtures.js';

const MB = 1024 * 1024;
/** Exploration licence (seed catalogue): 1 = application form, 3 = map of the area, 5 = copy of the business registration. */
const PROCEDURE = '2.001816';
const FORM = 'cmp_2001816_TH1_1';
const MAP = 'cmp_2001816_TH1_3';
const REGISTRATION_COPY = 'cmp_2001816_TH1_5';

let ctx: TestContext;
let dataDir: string;
let applicant: Caller;

beforeAll(async () => {
  dataDir = tempDataDir();
  ctx = await createTestApp({ DATA_DIR: dataDir });
  applicant = await callerFor(ctx, await userIdByEmail(ctx, 'citizen@demo.opendvc.vn'));
});
afterAll(async () => {
  await ctx?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function draft() {
  const res = await applicant.post('/dossiers', { procedureCode: PROCEDURE, caseCode: 'TH1' });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

/** A real PDF padded to `size` bytes. */
const pdfOfSize = (size: number) => Buffer.concat([samplePdf, Buffer.alloc(size - samplePdf.length, 0x20)]);
const mapArchive = buildZip({ 'ban-do-khu-vuc-tham-do.dwg': 'AC1032 bản vẽ khu vực thăm dò', 'toa-do.txt': 'X=2345678.12 Y=567890.34' });

async function expectNothingStored(action: () => Promise<void>) {
  const before = await rowCounts(ctx);
  const files = storedFiles(dataDir);
  await action();
  expect(await rowCounts(ctx)).toEqual(before);
  expect(storedFiles(dataDir)).toEqual(files);
}

describe('per-component upload limits', () => {
  it('answers each component\'s own size and types in the draft, else the configured defaults', async () => {
    const d = await draft();
    const byId = Object.fromEntries(d.components.map((c: { id: string }) => [c.id, c]));
    expect(byId[FORM]).toMatchObject({ maxBytes: 10 * MB, allowedTypes: ['application/pdf', 'image/jpeg', 'image/png'] });
    expect(byId[MAP]).toMatchObject({ maxBytes: 50 * MB, allowedTypes: ['application/pdf', 'application/zip'] });
    expect(byId[REGISTRATION_COPY]).toMatchObject({ maxBytes: 5 * MB, allowedTypes: ['image/jpeg', 'image/png', 'application/pdf'] });
  });

  it('refuses a 6 MB file for a 5 MB component, naming the limit, and takes it for a component with the 10 MB default', async () => {
    const d = await draft();
    const sixMb = pdfOfSize(6 * MB);
    await expectNothingStored(async () => {
      const res = await applicant.upload(d.id, REGISTRATION_COPY, { name: 'Giấy chứng nhận ĐKDN.pdf', bytes: sixMb });
      expect(res.statusCode).toBe(413);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({
        code: 'files.too_large',
        detail: "Tệp 'Giấy chứng nhận ĐKDN.pdf' vượt quá dung lượng cho phép 5 MB.",
        errors: [{ path: 'body.file', message: "Tệp 'Giấy chứng nhận ĐKDN.pdf' vượt quá dung lượng cho phép 5 MB." }],
      });
    });
    const accepted = await applicant.upload(d.id, FORM, { name: 'Đơn đề nghị.pdf', bytes: sixMb });
    expect(accepted.statusCode, accepted.body).toBe(201);
    expect(accepted.json()).toMatchObject({ componentId: FORM, sizeBytes: 6 * MB, mediaType: 'application/pdf' });
  });

  it('accepts a ZIP for a component that allows it, also above the default size, and refuses it for one that does not', async () => {
    const d = await draft();
    const zip = await applicant.upload(d.id, MAP, { name: 'Bản đồ khu vực thăm dò.zip', bytes: mapArchive, type: 'application/zip' });
    expect(zip.statusCode, zip.body).toBe(201);
    expect(zip.json()).toMatchObject({ componentId: MAP, mediaType: 'application/zip', sizeBytes: mapArchive.length });
    const twelveMb = await applicant.upload(d.id, MAP, { name: 'Bản đồ khu vực thăm dò (bản quét).pdf', bytes: pdfOfSize(12 * MB) });
    expect(twelveMb.statusCode, twelveMb.body).toBe(201);
    const view = (await applicant.get(`/dossiers/${d.id}`)).json();
    expect(view.components.find((c: { id: string }) => c.id === MAP).attachments).toHaveLength(2);

    for (const component of [FORM, REGISTRATION_COPY]) {
      await expectNothingStored(async () => {
        const res = await applicant.upload(d.id, component, { name: 'ho-so.zip', bytes: mapArchive, type: 'application/zip' });
        expect(res.statusCode).toBe(415);
        expect(res.json().code).toBe('files.type_not_allowed');
        expect(res.json().detail).toMatch(/^Tệp 'ho-so\.zip' có nội dung ZIP, không thuộc các loại được chấp nhận: /);
      });
    }
  });
});
