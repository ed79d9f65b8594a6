import { createHash } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { createKeystore, stampAndSign } from '../../../platform/signing/index.js';
import { pdfsig } from '../../../platform/signing/pdfsig.js';
import { A4, MARGINS } from '../../../platform/pdf/index.js';
import { flattenText, overlappingWords, pdfImages, pdfInfo, pdfText, pdfWords, qrMatchesPayload } from '../../../platform/pdf/pdf-inspect.js';
import { renderResult, type ResultData } from './result.js';
import { sampleResult } from './result.samples.js';


const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('result document (văn bản kết quả)', () => {
  it('prints the national header, a blank number, the body, the signer and the verification QR code', async () => {
    const pdf = await renderResult(sampleResult);
    const text = flattenText(await pdfText(pdf));
    expect(text.normalize('NFC')).toBe(text);
    for (const expected of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG',
      'CỤC QUẢN LÝ TÀI NGUYÊN NƯỚC',
      'Số: ……',
      'Hà Nội, ngày 28 tháng 11 năm 2026',
      'THÔNG BÁO',
      sampleResult.summary,
      `Kính gửi: Ông/Bà ${sampleResult.applicantName}`,
      `Hồ sơ số ${sampleResult.dossierCode}, thủ tục hành chính: ${sampleResult.procedureName}.`,
      'Giấy phép có thời hạn 10 năm kể từ ngày ký.',
      'KT. CỤC TRƯỞNG PHÓ CỤC TRƯỞNG',
      'Đặng Văn Hùng',
      'Nơi nhận: - Như trên; - Lưu: VT, hồ sơ.',
      `Tra cứu, xác thực văn bản: ${sampleResult.verifyUrl}`,
      `Mã văn bản: ${sampleResult.documentId}`,
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).toContain(flattenText(`Địa chỉ: ${sampleResult.applicantAddress!}`));

    const images = await pdfImages(pdf);
    expect(images).toHaveLength(1);
    expect(qrMatchesPayload(images[0]!, sampleResult.verifyUrl)).toBe(true);

    const info = await pdfInfo(pdf);
    expect(info.pages).toBe(1);
    expect(info.pageSizes[0]).toEqual({ width: A4.width, height: A4.height });
    expect(info.fields.Title).toBe(`Thông báo — ${sampleResult.dossierCode}`);
    expect(info.fields.CreationDate).toBe('2026-11-28T03:15:00Z');

    // Inside the margins (the agency block may reach a little into the left one), nothing overlapping.
    const words = await pdfWords(pdf);
    for (const w of words) {
      expect(w.xMin, w.text).toBeGreaterThanOrEqual(MARGINS.left - 16);
      expect(w.xMax, w.text).toBeLessThanOrEqual(A4.width - MARGINS.right + 1);
      expect(w.yMin, w.text).toBeGreaterThanOrEqual(MARGINS.top - 1);
      expect(w.yMax, w.text).toBeLessThanOrEqual(A4.height - MARGINS.bottom + 1);
    }
    expect(overlappingWords(words).map(([a, b]) => `${a.text} / ${b.text}`)).toEqual([]);
    // The top-right corner above the header stays free for the issuance stamp.
    expect(words.filter((w) => w.yMin < MARGINS.top - 1 && w.xMin > A4.width / 2)).toEqual([]);
  });

  it('prints the number once it is known, and dots for a date not yet set', async () => {
    const numbered = flattenText(await pdfText(await renderResult({ ...sampleResult, issuedNumber: '12/KQ-G99' })));
    expect(numbered).toContain('Số: 12/KQ-G99');
    expect(numbered).not.toContain('Số: ……');

    const undated = await renderResult({ ...sampleResult, signedAt: undefined });
    expect(flattenText(await pdfText(undated))).toContain('Hà Nội, ngày …… tháng …… năm ……');
    expect((await pdfInfo(undated)).fields.CreationDate).toBeUndefined();
    expect(sha256(await renderResult({ ...sampleResult, signedAt: undefined }))).toBe(sha256(undated));
  });

  it('gives the same bytes for the same data, NFC or NFD, and other bytes for other data', async () => {
    const a = await renderResult(sampleResult);
    const nfd = Object.fromEntries(Object.entries(sampleResult).map(([k, v]) => [k, typeof v === 'string' ? v.normalize('NFD') : v])) as ResultData;
    expect(sha256(await renderResult(nfd))).toBe(sha256(a));
    expect(sha256(await renderResult({ ...sampleResult, body: `${sampleResult.body} Thêm.` }))).not.toBe(sha256(a));
  });

  it('continues a long body on further pages, numbered, with the signer and QR code kept whole', async () => {
    const long = { ...sampleResult, body: Array.from({ length: 40 }, (_, i) => `Điều ${i + 1}. Nội dung quy định chi tiết của điều khoản thứ ${i + 1} trong văn bản kết quả.`).join('\n') };
    const pdf = await renderResult(long);
    const info = await pdfInfo(pdf);
    expect(info.pages).toBeGreaterThan(1);
    for (let page = 1; page <= info.pages; page++) {
      expect(flattenText(await pdfText(pdf, { first: page, last: page }))).toContain(`Trang ${page}/${info.pages}`);
    }
    const last = flattenText(await pdfText(pdf, { first: info.pages, last: info.pages }));
    expect(last).toContain('Tra cứu, xác thực văn bản:');
    expect(overlappingWords(await pdfWords(pdf))).toEqual([]);
  });

  it('is signed by the leader and issued with the stamp in the free top-right corner', async () => {
    const keystore = createKeystore({ dir: inject('signingKeystoreDir'), passphrase: inject('signingPassphrase') });
    const leader = (await keystore.signerForUser('leader@demo.opendvc.vn'))!;
    const seal = (await keystore.signerForUnit('000.00.01.G99'))!;
    const signed = await leader.sign(await renderResult(sampleResult), { reason: `Phê duyệt kết quả hồ sơ ${sampleResult.dossierCode}` });
    const issued = await stampAndSign(signed, { lines: ['CỤC QUẢN LÝ TÀI NGUYÊN NƯỚC', 'Số: 12/KQ-G99', 'Ban hành ngày 28/11/2026'] }, seal, { reason: 'Ban hành văn bản số 12/KQ-G99' });
    expect((await pdfsig(issued)).map((s) => s.validation)).toEqual(['Signature is Valid.', 'Signature is Valid.']);
    const words = await pdfWords(issued);
    expect(overlappingWords(words).map(([a, b]) => `${a.text} / ${b.text}`)).toEqual([]);
    expect(flattenText(await pdfText(issued))).toContain('Số: 12/KQ-G99 Ban hành ngày 28/11/2026');
  });
});
