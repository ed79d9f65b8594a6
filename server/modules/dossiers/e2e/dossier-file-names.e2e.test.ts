/**
 * The name an attachment is stored and downloaded under: its extension follows the type detected
 * from the content, and bidirectional controls and other invisible characters are dropped, so a
 * download never opens as something else than it is or shows a name that reads backwards.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storedFileName } from '../../../platform/files/index.js';
import { buildPng } from '../../../platform/files/test-files.js';
import { createTestApp, type TestContext } from '../../../test/test-app.js';
import { CASE, PROCEDURE, callerFor, samplePdf, seedTestForm, tempDataDir, userIdByEmail, type Caller } from './dossiers.fixtures.js';

let ctx: TestContext;
let dataDir: string;
let citizen: Caller;

beforeAll(async () => {
  dataDir = tempDataDir();
  ctx = await createTestApp({ DATA_DIR: dataDir });
  await seedTestForm(ctx);
  citizen = await callerFor(ctx, await userIdByEmail(ctx, 'citizen@demo.opendvc.vn'));
});
afterAll(async () => {
  await ctx?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('stored attachment names', () => {
  it.each([
    ['a PDF uploaded as .html keeps the .pdf extension', 'polyhtml.html', samplePdf, 'polyhtml.pdf'],
    ['a right-to-left override is dropped', 'Giấy phép \u202egnp.pdf', samplePdf, 'Giấy phép gnp.pdf'],
    ['isolates, marks and zero-width characters are dropped; a PNG named .jpeg becomes .png', '\u2067Ảnh\u200b chụp\u2069\u200f.jpeg', buildPng(), 'Ảnh chụp.png'],
    ['a name without extension gets the detected one', 'don-de-nghi', samplePdf, 'don-de-nghi.pdf'],
    ['a path is cut to its last part', 'C:\\Users\\an\\giay-to.PDF', samplePdf, 'giay-to.PDF'],
  ])('%s', async (_label, name, bytes, expected) => {
    const draft = (await citizen.post('/dossiers', { procedureCode: PROCEDURE, caseCode: CASE })).json();
    const component = draft.components.find((c: { mandatory: boolean }) => c.mandatory).id as string;
    const res = await citizen.upload(draft.id, component, { name, bytes, type: 'text/html' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().fileName).toBe(expected);
    const download = await citizen.get(`/dossiers/${draft.id}/attachments/${res.json().id}`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent(expected)}`);
    expect(download.headers['content-disposition']).not.toMatch(/%E2%80%AE|%E2%81%A7|%E2%80%8B/);
  });

  it('keeps a name of invisible characters only as "tep" with the detected extension, and long names within 255 characters', () => {
    expect(storedFileName('\u202e\u200b', 'pdf')).toBe('tep.pdf');
    expect(storedFileName('.html', 'pdf')).toBe('html.pdf');
    const long = storedFileName(`${'Đơn'.repeat(200)}.exe`, 'pdf');
    expect([...long]).toHaveLength(255);
    expect(long.endsWith('.pdf')).toBe(true);
  });
});
