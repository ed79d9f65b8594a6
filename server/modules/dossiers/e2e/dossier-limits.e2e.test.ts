/**
 * Attachment and draft limits: files per component (the catalogue's `maxFiles`, else 5), the total
 * size of one dossier's files (DOSSIER_MAX_TOTAL_MB), and open drafts per account
 * (MAX_OPEN_DRAFTS) — each refused with a Vietnamese problem, leaving nothing behind.
 */
import fs from 'node:fs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseComponentsTable } from '../../catalog/catalog.tables.js';
import { createTestApp, type TestContext } from '../../../test/test-app.js';
import { CASE, PROCEDURE, callerFor, rowCounts, samplePdf, seedTestForm, storedFiles, tempDataDir, userIdByEmail, type Caller } from './dossiers.fixtures.js';

let ctx: TestContext;
let dataDir: string;
let citizen: Caller;
let representative: Caller;
const MAX_TOTAL_BYTES = Math.floor(0.1 * 1024 * 1024);

beforeAll(async () => {
  dataDir = tempDataDir();
  ctx = await createTestApp({ DATA_DIR: dataDir, DOSSIER_MAX_TOTAL_MB: '0.1', MAX_OPEN_DRAFTS: '3' });
  await seedTestForm(ctx);
  citizen = await callerFor(ctx, await userIdByEmail(ctx, 'citizen@demo.opendvc.vn'));
  representative = await callerFor(ctx, await userIdByEmail(ctx, 'representative@demo.opendvc.vn'));
});
afterAll(async () => {
  await ctx?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const pdfOfSize = (size: number) => Buffer.concat([samplePdf, Buffer.alloc(size - samplePdf.length, 0x20)]);

async function newDraft(caller: Caller) {
  const res = await caller.post('/dossiers', { procedureCode: PROCEDURE, caseCode: CASE });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

describe('files per component', () => {
  it('takes 5 files for a component without maxFiles and refuses the sixth, naming the limit', async () => {
    const draft = await newDraft(citizen);
    const component = draft.components.find((c: { mandatory: boolean }) => c.mandatory);
    expect(component.maxFiles).toBe(5);
    for (let i = 0; i < 5; i++) expect((await citizen.upload(draft.id, component.id)).statusCode).toBe(201);
    const before = { rows: await rowCounts(ctx), files: storedFiles(dataDir) };
    const sixth = await citizen.upload(draft.id, component.id);
    expect(sixth.statusCode, sixth.body).toBe(409);
    expect(sixth.json()).toMatchObject({ code: 'dossiers.too_many_files', details: { maxFiles: 5 }, errors: [{ path: 'body.componentId' }] });
    expect(sixth.json().detail).toBe('Thành phần này chỉ nhận tối đa 5 tệp. Hãy xóa bớt tệp cũ trước khi tải thêm.');
    expect({ rows: await rowCounts(ctx), files: storedFiles(dataDir) }).toEqual(before);
    // Removing one makes room again.
    const first = (await citizen.get(`/dossiers/${draft.id}`)).json().components.find((c: { id: string }) => c.id === component.id).attachments[0];
    expect((await citizen.delete(`/dossiers/${draft.id}/attachments/${first.id}`)).statusCode).toBe(204);
    expect((await citizen.upload(draft.id, component.id)).statusCode).toBe(201);
  });

  it('follows the catalogue\'s maxFiles for the component', async () => {
    const draft = await newDraft(citizen);
    const component = draft.components.find((c: { mandatory: boolean }) => !c.mandatory);
    await ctx.database.db.update(caseComponentsTable).set({ maxFiles: 1 }).where(eq(caseComponentsTable.id, component.id));
    try {
      expect((await citizen.get(`/dossiers/${draft.id}`)).json().components.find((c: { id: string }) => c.id === component.id).maxFiles).toBe(1);
      expect((await citizen.upload(draft.id, component.id)).statusCode).toBe(201);
      const second = await citizen.upload(draft.id, component.id);
      expect(second.statusCode).toBe(409);
      expect(second.json().detail).toContain('tối đa 1 tệp');
    } finally {
      await ctx.database.db.update(caseComponentsTable).set({ maxFiles: null }).where(eq(caseComponentsTable.id, component.id));
    }
  });
});

describe('total size of a dossier', () => {
  it('refuses a file that would take the dossier past DOSSIER_MAX_TOTAL_MB, and stores nothing of it', async () => {
    const draft = await newDraft(citizen);
    const [a, b] = draft.components as { id: string }[];
    expect((await citizen.upload(draft.id, a!.id, { name: 'phan-1.pdf', bytes: pdfOfSize(60 * 1024) })).statusCode).toBe(201);
    const before = { rows: await rowCounts(ctx), files: storedFiles(dataDir) };
    const res = await citizen.upload(draft.id, b!.id, { name: 'phan-2.pdf', bytes: pdfOfSize(50 * 1024) });
    expect(res.statusCode, res.body).toBe(413);
    expect(res.json()).toMatchObject({ code: 'dossiers.total_size_exceeded', details: { maxTotalBytes: MAX_TOTAL_BYTES, usedBytes: 60 * 1024 }, errors: [{ path: 'body.file' }] });
    expect(res.json().detail).toMatch(/^Tổng dung lượng các tệp của hồ sơ không được vượt quá 102 KB \(đã dùng 60 KB\)\.$/);
    expect({ rows: await rowCounts(ctx), files: storedFiles(dataDir) }).toEqual(before);
    expect((await citizen.upload(draft.id, b!.id, { name: 'phan-2.pdf', bytes: pdfOfSize(30 * 1024) })).statusCode).toBe(201);
  });
});

describe('open drafts per account', () => {
  it('refuses a draft beyond MAX_OPEN_DRAFTS until one is deleted', async () => {
    const drafts = [await newDraft(representative), await newDraft(representative), await newDraft(representative)];
    const before = await rowCounts(ctx);
    const res = await representative.post('/dossiers', { procedureCode: PROCEDURE, caseCode: CASE });
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json()).toMatchObject({ code: 'dossiers.too_many_drafts', details: { maxOpenDrafts: 3 } });
    expect(res.json().detail).toBe('Bạn đang có 3 hồ sơ nháp, đã đạt mức tối đa 3. Hãy nộp hoặc xóa bớt hồ sơ nháp trước khi tạo hồ sơ mới.');
    expect(await rowCounts(ctx)).toEqual(before);
    expect((await representative.delete(`/dossiers/${drafts[0].id}`)).statusCode).toBe(204);
    await newDraft(representative);
  });
});
