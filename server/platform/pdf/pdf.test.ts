import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  createPdfDocument,
  createQrPng,
  fingerprintId,
  formatDateLine,
  formatShortDateTime,
  formatVietnameseDate,
  formatVietnameseDateTime,
  formatVnd,
  PdfWriter,
  vndInWords,
} from './index.js';
import { flattenText, pdfFonts, pdfImages, pdfInfo, pdfText, qrMatchesPayload } from './pdf-inspect.js';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('Vietnamese dates and money', () => {
  it('writes dates in Asia/Ho_Chi_Minh with the leading zeros of Decree 30/2020', () => {
    // 18:30 UTC on 4 December is already 5 December in Vietnam.
    expect(formatVietnameseDate('2026-12-04T18:30:00Z')).toBe('ngày 05 tháng 12 năm 2026');
    expect(formatVietnameseDate('2026-02-09T10:00:00+07:00')).toBe('ngày 09 tháng 02 năm 2026');
    expect(formatVietnameseDate('2026-03-15T10:00:00+07:00')).toBe('ngày 15 tháng 3 năm 2026');
    expect(formatDateLine('Hà Nội', new Date('2026-12-05T02:00:00Z'))).toBe('Hà Nội, ngày 05 tháng 12 năm 2026');
    expect(formatVietnameseDateTime('2026-12-05T02:05:00Z')).toBe('9\u00a0giờ\u00a005\u00a0phút, ngày 05 tháng 12 năm 2026');
    expect(formatVietnameseDateTime('2026-12-05T17:00:00Z')).toBe('0\u00a0giờ\u00a000\u00a0phút, ngày 06 tháng 12 năm 2026');
    expect(formatVietnameseDateTime('2027-02-05T00:00:00Z')).toBe('7\u00a0giờ\u00a000\u00a0phút, ngày 05 tháng 02 năm 2027');
    expect(formatShortDateTime('2026-01-31T23:59:00+07:00')).toBe('31/01/2026 23:59');
    expect(() => formatVietnameseDate('not a date')).toThrow(RangeError);
  });

  it('writes amounts in đồng with dot separators and in words', () => {
    expect(formatVnd(0)).toBe('0 đồng');
    expect(formatVnd(150000)).toBe('150.000 đồng');
    expect(formatVnd(12_650_000)).toBe('12.650.000 đồng');
    expect(formatVnd(1_000_000_000)).toBe('1.000.000.000 đồng');
    const cases: Array<[number, string]> = [
      [0, 'Không đồng'],
      [10, 'Mười đồng'],
      [15, 'Mười lăm đồng'],
      [21, 'Hai mươi mốt đồng'],
      [24, 'Hai mươi tư đồng'],
      [105, 'Một trăm linh năm đồng'],
      [150_000, 'Một trăm năm mươi nghìn đồng'],
      [1_250_000, 'Một triệu hai trăm năm mươi nghìn đồng'],
      [2_000_001, 'Hai triệu không trăm linh một đồng'],
      [12_650_000, 'Mười hai triệu sáu trăm năm mươi nghìn đồng'],
      [1_000_000_000, 'Một tỷ đồng'],
      [3_005_000_000, 'Ba tỷ không trăm linh năm triệu đồng'],
      [1_000_000_000_000, 'Một nghìn tỷ đồng'],
    ];
    for (const [n, words] of cases) expect(vndInWords(n), String(n)).toBe(words);
  });
});

const decomposedSample = 'Nguyễn Thị Thu Hường — Độc lập - Tự do - Hạnh phúc — ỹ ỳ ỷ ỵ ữ ừ ử ự ẫ ẩ ậ ẵ ẳ ặ đ Đ ơ Ơ ư Ư';

async function renderTable(rows: number, text: string, fingerprint: unknown = { rows, text }): Promise<Buffer> {
  const doc = createPdfDocument({ title: 'Bảng thử', createdAt: '2026-12-05T09:30:00+07:00', fingerprint });
  const w = new PdfWriter(doc);
  w.officialHeader({ parentAgency: 'Bộ Nông nghiệp và Môi trường', agency: 'Văn phòng Một cửa', number: '1/TEST', place: 'Hà Nội', date: '2026-12-05T09:30:00+07:00' });
  w.title('Danh mục giấy tờ');
  w.paragraph(text);
  w.table(
    [
      { header: 'STT', width: 1, align: 'center' },
      { header: 'Tên giấy tờ kèm theo', width: 6 },
      { header: 'Số bản', width: 1.5, align: 'center' },
    ],
    Array.from({ length: rows }, (_, i) => [String(i + 1), `${text} số ${i + 1}`, '01']),
  );
  w.signatures([{ title: 'Người lập', note: '(Ký và ghi rõ họ tên)', name: 'Trần Quốc Việt' }]);
  return w.finish('Thử nghiệm');
}

describe('PDF documents', () => {
  it('are A4, embed Be Vietnam Pro and extract as NFC text even from decomposed input', async () => {
    const nfd = decomposedSample.normalize('NFD');
    expect(nfd).not.toBe(decomposedSample);
    const pdf = await renderTable(3, nfd);
    const info = await pdfInfo(pdf);
    expect(info.pages).toBe(1);
    expect(info.pageSizes).toEqual([{ width: 595.28, height: 841.89 }]);
    expect(info.fields.Title).toBe('Bảng thử');
    expect(info.fields.CreationDate).toBe('2026-12-05T02:30:00Z');

    const text = await pdfText(pdf);
    expect(text.normalize('NFC')).toBe(text); // the glyphs map to precomposed characters
    const flat = flattenText(text);
    expect(flat).toContain(decomposedSample);
    expect(flat).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(flat).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(flat).toContain('Hà Nội, ngày 05 tháng 12 năm 2026');
    expect(flat).toContain('DANH MỤC GIẤY TỜ');

    const fonts = await pdfFonts(pdf);
    expect(fonts.map((f) => f.name.replace(/^[A-Z]{6}\+/, '')).sort()).toEqual(['BeVietnamPro-Bold', 'BeVietnamPro-Italic', 'BeVietnamPro-Regular']);
    expect(fonts.every((f) => f.embedded && f.unicodeMap)).toBe(true);
  });

  it('repeats the table header on every page and numbers the pages', async () => {
    const pdf = await renderTable(60, 'Đề án khai thác, sử dụng nước mặt kèm theo sơ đồ vị trí công trình và tọa độ các hạng mục chính');
    const { pages } = await pdfInfo(pdf);
    expect(pages).toBeGreaterThanOrEqual(3);
    const all = flattenText(await pdfText(pdf));
    for (let i = 1; i <= 60; i++) expect(all).toContain(`tọa độ các hạng mục chính số ${i} `);
    for (let page = 1; page <= pages; page++) {
      const text = flattenText(await pdfText(pdf, { first: page, last: page }));
      expect(text, `page ${page}`).toContain('STT Tên giấy tờ kèm theo Số bản');
      expect(text, `page ${page}`).toContain(`Thử nghiệm — Trang ${page}/${pages}`);
    }
  });

  it('gives the same bytes for the same input, whatever the Unicode form, and a different ID otherwise', async () => {
    const a = await renderTable(5, decomposedSample);
    const b = await renderTable(5, decomposedSample);
    const c = await renderTable(5, decomposedSample.normalize('NFD'), { rows: 5, text: decomposedSample.normalize('NFD') });
    expect(sha256(a)).toBe(sha256(b));
    expect(sha256(c)).toBe(sha256(a));
    const d = await renderTable(5, `${decomposedSample}.`);
    expect(sha256(d)).not.toBe(sha256(a));
    const id = fingerprintId({ rows: 5, text: decomposedSample }).toString('hex');
    expect(a.toString('latin1')).toContain(`/ID [<${id}> <${id}>]`);
  });
});

describe('QR codes', () => {
  it('embed an image whose modules are exactly the encoding of the payload', async () => {
    const payload = 'https://dichvucong.example.gov.vn/tra-cuu-ho-so?ma=000.00.00.G22-261205-0007';
    const qr = await createQrPng(payload);
    const doc = createPdfDocument({ title: 'QR', createdAt: '2026-12-05T09:30:00+07:00', fingerprint: payload });
    const w = new PdfWriter(doc);
    w.qrBox(qr, [[{ text: 'Tra cứu hồ sơ', style: 'bold' }], [{ text: payload }]]);
    const images = await pdfImages(await w.finish());
    expect(images).toHaveLength(1);
    expect(images[0]!.width).toBe((qr.moduleCount + 2) * qr.scale);
    expect(qrMatchesPayload(images[0]!, payload)).toBe(true);
    // The check is discriminating: another payload of the same size does not match.
    expect(qrMatchesPayload(images[0]!, payload.replace('0007', '0008'))).toBe(false);
  });
});
