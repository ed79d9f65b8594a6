import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { createFilesystemStorage } from '../storage/filesystem-storage.js';
import { sniffMediaType } from './media-type.js';
import { checkUpload, formatSize } from './upload-check.js';
import { storeUpload } from './store-upload.js';
import { buildDocx, buildExe, buildJpeg, buildPng, buildZip } from './test-files.js';

const pdf = fs.readFileSync(path.resolve(import.meta.dirname, '../../test/fixtures/mau-don.pdf'));
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const policy = { allowedTypes: ['application/pdf', 'image/jpeg', 'image/png', DOCX], maxBytes: 10 * 1024 * 1024 };

/** A stream that delivers the bytes in small chunks, as a network upload does. */
function upload(bytes: Buffer, chunkSize = 1000) {
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunkSize) chunks.push(bytes.subarray(i, i + chunkSize));
  return Readable.from(chunks, { objectMode: false });
}

describe('sniffMediaType', () => {
  it('recognises binary formats by content', async () => {
    expect(await sniffMediaType(pdf)).toEqual({ mime: 'application/pdf', ext: 'pdf' });
    expect(await sniffMediaType(buildPng())).toEqual({ mime: 'image/png', ext: 'png' });
    expect(await sniffMediaType(buildJpeg())).toEqual({ mime: 'image/jpeg', ext: 'jpg' });
    expect(await sniffMediaType(buildDocx())).toEqual({ mime: DOCX, ext: 'docx' });
    expect(await sniffMediaType(buildZip({ 'giay-phep.pdf': '%PDF-1.4 not really' }))).toEqual({ mime: 'application/zip', ext: 'zip' });
    expect(await sniffMediaType(buildExe())).toEqual({ mime: 'application/x-msdownload', ext: 'exe' });
  });

  it('recognises plain text, CSV and XML, which have no signature', async () => {
    const enc = (s: string) => Buffer.from(s, 'utf8');
    expect(await sniffMediaType(enc('Kính gửi: Ủy ban nhân dân xã\nTôi tên là Nguyễn Văn A.\n'), { complete: true })).toEqual({ mime: 'text/plain', ext: 'txt' });
    expect(await sniffMediaType(enc('ho_ten;ngay_sinh;so_dinh_danh\nNguyễn Văn A;01/01/1990;001090000001\n"Trần; Thị B";02/02/1991;001091000002\n'), { complete: true })).toEqual({ mime: 'text/csv', ext: 'csv' });
    expect(await sniffMediaType(enc('\ufeffa,b,c\r\n1,2,3\r\n'), { complete: true })).toEqual({ mime: 'text/csv', ext: 'csv' });
    expect((await sniffMediaType(enc('<?xml version="1.0" encoding="UTF-8"?><HoSo><MaHoSo>G01.123</MaHoSo></HoSo>'), { complete: true }))?.mime).toMatch(/xml$/);
    expect(await sniffMediaType(enc('<HoSo xmlns="urn:x"><Ten>Đơn</Ten></HoSo>'), { complete: true })).toEqual({ mime: 'application/xml', ext: 'xml' });
  });

  it('tolerates a character cut at the end of a sample, but not binary garbage', async () => {
    const text = Buffer.from('Thủ tục hành chính '.repeat(10), 'utf8');
    const cut = text.subarray(0, text.indexOf(Buffer.from('ủ', 'utf8'), 100) + 1); // ends inside "ủ"
    expect(await sniffMediaType(cut)).toEqual({ mime: 'text/plain', ext: 'txt' });
    expect(await sniffMediaType(cut, { complete: true })).toBeUndefined();
    expect(await sniffMediaType(Buffer.from([0x00, 0x01, 0x02, 0xfe, 0x80, 0x41]))).toBeUndefined();
    expect(await sniffMediaType(Buffer.alloc(0))).toBeUndefined();
  });
});

describe('checkUpload', () => {
  const check = async (declaredName: string, bytes: Buffer, p = policy) =>
    checkUpload({ declaredName, sniffedType: await sniffMediaType(bytes, { complete: true }), size: bytes.length }, p);

  it('accepts allowed content whatever its name', async () => {
    expect(await check('giay-phep.pdf', pdf)).toBeUndefined();
    expect(await check('anh-the.png', buildPng())).toBeUndefined();
    expect(await check('anh-the', buildJpeg())).toBeUndefined();
    expect(await check('don.docx', buildDocx())).toBeUndefined();
  });

  it('refuses a ZIP or an EXE renamed .pdf, naming what the content is', async () => {
    expect(await check('giay-phep.pdf', buildZip({ 'a.txt': 'x' }))).toEqual({
      code: 'files.content_mismatch',
      message: "Tệp 'giay-phep.pdf' không phải là tệp PDF thực sự (nội dung là ZIP).",
    });
    expect(await check('giay-phep.pdf', buildExe())).toEqual({
      code: 'files.content_mismatch',
      message: "Tệp 'giay-phep.pdf' không phải là tệp PDF thực sự (nội dung là chương trình chạy được (EXE)).",
    });
    expect((await check('scan.jpeg', Buffer.from([0, 1, 2, 3, 0xff])))?.message).toBe("Tệp 'scan.jpeg' không phải là tệp JPG thực sự (không nhận biết được nội dung).");
  });

  it('refuses content of a type not allowed, and unknown content', async () => {
    expect(await check('ban-sao.zip', buildZip({ 'a.txt': 'x' }))).toEqual({
      code: 'files.type_not_allowed',
      message: "Tệp 'ban-sao.zip' có nội dung ZIP, không thuộc các loại được chấp nhận: PDF, JPG, PNG, DOCX.",
    });
    expect((await check('x.bin', Buffer.from([0, 1, 2, 3])))?.code).toBe('files.unknown_type');
    expect((await check('empty.pdf', Buffer.alloc(0)))?.code).toBe('files.empty');
  });

  it('refuses files over the limit', () => {
    expect(checkUpload({ declaredName: 'giay-phep.pdf', sniffedType: { mime: 'application/pdf', ext: 'pdf' }, size: 10 * 1024 * 1024 + 1 }, policy)).toEqual({
      code: 'files.too_large',
      message: "Tệp 'giay-phep.pdf' vượt quá dung lượng cho phép 10 MB.",
    });
    expect(formatSize(1.5 * 1024 * 1024)).toBe('1,5 MB');
    expect(formatSize(512 * 1024)).toBe('512 KB');
  });
});

describe('storeUpload', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'opendvc-upload-'));
  const storage = createFilesystemStorage(root);
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
  const nothingLeft = () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        if (e.isDirectory()) walk(path.join(dir, e.name));
        else files.push(path.join(dir, e.name));
      }
    };
    walk(root);
    return files.filter((f) => !f.endsWith('kept.pdf'));
  };

  it('stores a real PDF with its type from content, size and SHA-256', async () => {
    const stored = await storeUpload(storage, { stream: upload(pdf), declaredName: 'Giấy phép.PDF' }, { ...policy, key: 'uploads/kept.pdf' });
    expect(stored).toEqual({ key: 'uploads/kept.pdf', size: pdf.length, sha256: sha256(pdf), mediaType: 'application/pdf', ext: 'pdf' });
    expect(fs.readFileSync(path.join(root, 'uploads/kept.pdf')).equals(pdf)).toBe(true);
  });

  it('stores a large DOCX that streams past the sniffing window', async () => {
    const docx = buildDocx('Nội dung '.repeat(20000));
    expect(docx.length).toBeGreaterThan(150_000);
    const stored = await storeUpload(storage, { stream: upload(docx, 4096), declaredName: 'don.docx' }, { ...policy, key: 'uploads/don.docx' });
    expect(stored).toMatchObject({ size: docx.length, sha256: sha256(docx), mediaType: DOCX });
    await storage.delete('uploads/don.docx');
  });

  it('refuses a ZIP named .pdf with a 415 problem naming the field, storing nothing', async () => {
    const source = upload(buildZip({ 'x.txt': 'y'.repeat(100_000) }));
    const error = await storeUpload(storage, { stream: source, declaredName: 'giay-phep.pdf' }, { ...policy, key: 'uploads/zip.pdf', fieldPath: 'body.files.0' }).catch((e) => e);
    expect(error).toMatchObject({
      code: 'files.content_mismatch',
      status: 415,
      errors: [{ path: 'body.files.0', message: "Tệp 'giay-phep.pdf' không phải là tệp PDF thực sự (nội dung là ZIP)." }],
    });
    await new Promise((r) => setImmediate(r));
    expect(source.readableEnded).toBe(true); // drained, so the request can finish
    expect(nothingLeft()).toEqual([]);
  });

  it('aborts an oversized upload in the middle and deletes the partial object', async () => {
    const big = Buffer.concat([pdf, randomBytes(300_000)]);
    const error = await storeUpload(storage, { stream: upload(big, 8192), declaredName: 'lon.pdf' }, { ...policy, maxBytes: 200_000, key: 'uploads/lon.pdf' }).catch((e) => e);
    expect(error).toMatchObject({ code: 'files.too_large', status: 413, message: "Tệp 'lon.pdf' vượt quá dung lượng cho phép 195 KB." });
    expect(await storage.exists('uploads/lon.pdf')).toBe(false);
    expect(nothingLeft()).toEqual([]);
  });

  it('honours a part truncated by the multipart limit', async () => {
    const source = Object.assign(upload(pdf), { truncated: false });
    source.on('end', () => (source.truncated = true));
    const error = await storeUpload(storage, { stream: source, declaredName: 'cut.pdf' }, { ...policy, key: 'uploads/cut.pdf' }).catch((e) => e);
    expect(error).toMatchObject({ code: 'files.too_large' });
    expect(await storage.exists('uploads/cut.pdf')).toBe(false);
  });

  it('leaves nothing when the client goes away', async () => {
    let sent = 0;
    const source = new Readable({
      read() {
        if (sent === 0) {
          sent++;
          this.push(pdf);
        } else if (sent < 20) {
          sent++;
          this.push(randomBytes(10_000));
        } else this.destroy(new Error('aborted'));
      },
    });
    await expect(storeUpload(storage, { stream: source, declaredName: 'a.pdf' }, { ...policy, key: 'uploads/aborted.pdf' })).rejects.toThrow('aborted');
    expect(nothingLeft()).toEqual([]);
  });
});
