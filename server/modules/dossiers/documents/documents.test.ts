import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { A4, MARGINS } from '../../../platform/pdf/index.js';
import {
  flattenText,
  overlappingWords,
  pdfImages,
  pdfInfo,
  pdfText,
  pdfWords,
  qrMatchesPayload,
} from '../../../platform/pdf/pdf-inspect.js';
import {
  DEFAULT_TRACKING_HINT,
  renderApology,
  renderControlSheet,
  renderReceiptSlip,
  renderRefusal,
  renderSupplementRequest,
  type ReceiptSlipData,
  type SupplementRequestData,
} from './index.js';
import {
  sampleApology,
  sampleControlSheet,
  sampleReceiptSlip,
  sampleRefusal,
  sampleSupplementRequest,
} from './documents.samples.js';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** The same data with every string decomposed (NFD), as some keyboards and browsers send it. */
function decomposed<T>(value: T): T {
  if (typeof value === 'string') return value.normalize('NFD') as T;
  if (Array.isArray(value)) return value.map(decomposed) as T;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decomposed(v)])) as T;
  }
  return value;
}

/** Checks shared by every form; returns the whole text, flattened, and the page count. */
async function inspect(pdf: Buffer): Promise<{ text: string; pages: number }> {
  const info = await pdfInfo(pdf);
  expect(info.pageSizes).toHaveLength(info.pages);
  for (const size of info.pageSizes) expect(size).toEqual({ width: A4.width, height: A4.height });
  const raw = await pdfText(pdf);
  expect(raw.normalize('NFC')).toBe(raw);
  const text = flattenText(raw);
  expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc');

  // Layout: nothing outside the text area (the header's agency block may reach 14 pt into the
  // left margin; page numbers sit in the bottom margin; justified lines may overshoot by a
  // fraction of a point) and no two words drawn over each other.
  const words = await pdfWords(pdf);
  const footerTop = A4.height - MARGINS.bottom;
  for (const w of words) {
    expect(w.xMin, w.text).toBeGreaterThanOrEqual(MARGINS.left - 15);
    expect(w.xMax, w.text).toBeLessThanOrEqual(A4.width - MARGINS.right + 1);
    if (w.yMin < footerTop) expect(w.yMax, w.text).toBeLessThanOrEqual(footerTop + 1);
  }
  expect(overlappingWords(words).map(([a, b]) => `${a.text} / ${b.text} (page ${a.page})`)).toEqual([]);

  if (info.pages > 1) {
    for (let page = 1; page <= info.pages; page++) {
      const pageText = flattenText(await pdfText(pdf, { first: page, last: page }));
      expect(pageText).toContain(`Trang ${page}/${info.pages}`);
    }
  }
  return { text, pages: info.pages };
}

describe('01 Giấy tiếp nhận hồ sơ và hẹn trả kết quả', () => {
  it('prints everything received, the appointment, the fees and a QR code of the tracking URL', async () => {
    const pdf = await renderReceiptSlip(sampleReceiptSlip);
    const { text, pages } = await inspect(pdf);
    const d = sampleReceiptSlip;
    expect(pages).toBe(2);
    for (const expected of [
      'VĂN PHÒNG MỘT CỬA',
      'BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG',
      'Số: 1207/TNHS-VPMC',
      'Hà Nội, ngày 05 tháng 12 năm 2026',
      'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ',
      'Mã hồ sơ: 000.00.00.G22-261205-0007',
      `Tiếp nhận hồ sơ của: ${d.applicant.name}`,
      `Số CCCD/định danh cá nhân: ${d.applicant.idNumber}`,
      `Địa chỉ: ${d.applicant.address}`,
      `Số điện thoại: ${d.applicant.phone}`,
      `Email: ${d.applicant.email}`,
      `Nội dung yêu cầu giải quyết: ${d.procedure.name} (mã thủ tục: ${d.procedure.code}); trường hợp: ${d.procedure.caseName}`,
      'Hình thức nộp hồ sơ: Trực tiếp',
      '2. Số lượng hồ sơ: 01 bộ',
      `3. Thời gian giải quyết hồ sơ theo quy định: ${d.processingTime}`,
      '4. Thời gian nhận hồ sơ: 9 giờ 30 phút, ngày 05 tháng 12 năm 2026',
      '5. Thời gian trả kết quả giải quyết hồ sơ: 16 giờ 00 phút, ngày 05 tháng 02 năm 2027',
      `6. Đăng ký nhận kết quả tại: ${d.returnPlace}`,
      'Phí thẩm định đề án khai thác, sử dụng nước mặt: 12.500.000 đồng (Mười hai triệu năm trăm nghìn đồng)',
      'Lệ phí cấp giấy phép: 150.000 đồng (Một trăm năm mươi nghìn đồng)',
      'Tổng cộng: 12.650.000 đồng (Mười hai triệu sáu trăm năm mươi nghìn đồng)',
      'Vào Sổ theo dõi hồ sơ, Quyển số: 12/2026, Số thứ tự: 0007.',
      `Quét mã QR hoặc truy cập: ${d.trackingUrl}`,
      `${DEFAULT_TRACKING_HINT}.`,
      `NGƯỜI NỘP HỒ SƠ (Ký và ghi rõ họ tên) ${d.applicant.name} NGƯỜI TIẾP NHẬN HỒ SƠ (Ký và ghi rõ họ tên) ${d.receivingOfficer.name}`,
    ]) {
      expect(text).toContain(expected);
    }
    // Each component with its originals, copies and electronic flag, in order.
    const rows = [
      ['1', d.components[0]!.name, '01 – Có'],
      ['2', d.components[1]!.name, '01 02 Có'],
      ['3', `${d.components[2]!.name} ${d.components[2]!.note}`, '01 – Không'],
      ['4', d.components[3]!.name, '– 01 Có'],
      ['5', d.components[4]!.name, '01 – Không'],
    ];
    let from = 0;
    for (const [n, name, counts] of rows) {
      const at = text.indexOf(`${n} ${name} ${counts}`, from);
      expect(at, name).toBeGreaterThan(from);
      from = at;
    }

    const images = await pdfImages(pdf);
    expect(images).toHaveLength(1);
    expect(qrMatchesPayload(images[0]!, d.trackingUrl)).toBe(true);

    const info = await pdfInfo(pdf);
    expect(info.fields.Title).toBe('Giấy tiếp nhận hồ sơ và hẹn trả kết quả — 000.00.00.G22-261205-0007');
    expect(info.fields.CreationDate).toBe('2026-12-05T02:42:00Z');
  });

  it('for an online dossier without fees: channel, no applicant signature, no fee', async () => {
    const data: ReceiptSlipData = {
      ...sampleReceiptSlip,
      channel: 'ONLINE',
      fees: [],
      trackingHint: undefined,
      logbook: undefined,
      trackingUrl: 'https://dichvucong.example.gov.vn/tra-cuu?ma=000.00.00.G22-261205-0008',
    };
    const pdf = await renderReceiptSlip(data);
    const { text } = await inspect(pdf);
    expect(text).toContain('Hình thức nộp hồ sơ: Trực tuyến');
    expect(text).toContain('7. Phí, lệ phí: Không thu phí, lệ phí.');
    expect(text).not.toContain('NGƯỜI NỘP HỒ SƠ');
    expect(text).toContain('NGƯỜI TIẾP NHẬN HỒ SƠ');
    expect(text).not.toContain('Vào Sổ theo dõi hồ sơ');
    const [qr] = await pdfImages(pdf);
    expect(qrMatchesPayload(qr!, data.trackingUrl)).toBe(true);
    expect(qrMatchesPayload(qr!, sampleReceiptSlip.trackingUrl)).toBe(false);
  });

  it('prints a fee whose amount depends on the case with how it is set, never "Không thu phí"', async () => {
    const data: ReceiptSlipData = {
      ...sampleReceiptSlip,
      channel: 'ONLINE',
      appointmentAt: '2027-02-05T07:00:00+07:00',
      fees: [{ name: 'Phí thẩm định báo cáo kết quả thăm dò nước dưới đất', note: 'Mức thu phụ thuộc lưu lượng khai thác.' }],
    };
    const { text } = await inspect(await renderReceiptSlip(data));
    expect(text).not.toContain('Không thu phí');
    expect(text).toContain('7. Phí, lệ phí: – Phí thẩm định báo cáo kết quả thăm dò nước dưới đất: Mức thu phụ thuộc lưu lượng khai thác.');
    expect(text).not.toContain('Tổng cộng');
    // "7 giờ 00 phút", never "07 giờ 00" with "phút" on the next line.
    expect(text).toContain('5. Thời gian trả kết quả giải quyết hồ sơ: 7 giờ 00 phút, ngày 05 tháng 02 năm 2027');
  });

  it('never leaves the signatures alone on the last page', async () => {
    // From few components to many: wherever the page breaks, the QR box goes with the signatures.
    for (let extra = 0; extra <= 12; extra += 2) {
      const components = [...sampleReceiptSlip.components, ...Array.from({ length: extra }, (_, i) => ({ name: `Giấy tờ bổ sung số ${i + 1} kèm theo hồ sơ`, originals: 1, copies: 0, electronic: true }))];
      const pdf = await renderReceiptSlip({ ...sampleReceiptSlip, components });
      const info = await pdfInfo(pdf);
      const last = flattenText(await pdfText(pdf, { first: info.pages, last: info.pages }));
      expect(last, `${extra} more components`).toContain('NGƯỜI TIẾP NHẬN HỒ SƠ');
      expect(last, `${extra} more components`).toContain('Tra cứu tình trạng giải quyết hồ sơ');
    }
  });

  it('is byte-identical for the same data, in NFC or NFD, and differs when the data does', async () => {
    const a = await renderReceiptSlip(sampleReceiptSlip);
    const b = await renderReceiptSlip(structuredClone(sampleReceiptSlip));
    const c = await renderReceiptSlip(decomposed(sampleReceiptSlip));
    expect(sha256(b)).toBe(sha256(a));
    expect(sha256(c)).toBe(sha256(a));
    const later = await renderReceiptSlip({ ...sampleReceiptSlip, appointmentAt: '2027-02-06T16:00:00+07:00' });
    expect(sha256(later)).not.toBe(sha256(a));
  });

  it('refuses a slip without components', async () => {
    await expect(renderReceiptSlip({ ...sampleReceiptSlip, components: [] })).rejects.toThrow(RangeError);
  });
});

describe('02 Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ', () => {
  it('names every component and field with the problem, over several pages with the header repeated', async () => {
    const d = sampleSupplementRequest;
    const pdf = await renderSupplementRequest(d);
    const { text, pages } = await inspect(pdf);
    expect(pages).toBeGreaterThanOrEqual(3);
    for (const expected of [
      'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ',
      'Mã hồ sơ: 000.00.00.G22-261205-0007 — Lần yêu cầu: 01',
      'Hà Nội, ngày 08 tháng 12 năm 2026',
      `Hồ sơ của: ${d.applicant.name}`,
      'Thời gian tiếp nhận hồ sơ: 9 giờ 30 phút, ngày 05 tháng 12 năm 2026',
      'Sau khi kiểm tra, Văn phòng Một cửa đề nghị Ông/Bà bổ sung, hoàn thiện hồ sơ gồm những nội dung sau:',
      `Lý do: ${d.reason}`,
      `Căn cứ: ${d.legalBasis}`,
      'Thời hạn bổ sung, hoàn thiện hồ sơ: trước 17 giờ 00 phút, ngày 07 tháng 01 năm 2027.',
      'Thời gian bổ sung, hoàn thiện hồ sơ không tính vào thời hạn giải quyết.',
      `liên hệ với ${d.contact.name}, số điện thoại ${d.contact.phone}, email ${d.contact.email} để được hướng dẫn./.`,
      'NGƯỜI HƯỚNG DẪN',
      d.guidingOfficer.name,
    ]) {
      expect(text).toContain(expected);
    }
    let from = 0;
    d.items.forEach((item, i) => {
      const fields = item.fields?.length ? item.fields.map((f) => `• ${f.label}: ${f.problem}`).join(' ') : 'Toàn bộ thành phần hồ sơ';
      const row = `${i + 1} ${item.component} ${fields} ${item.requirement}`;
      const at = text.indexOf(row, from);
      expect(at, row).toBeGreaterThan(from);
      from = at;
    });

    const header = 'STT Thành phần hồ sơ Nội dung, trường thông tin cần bổ sung, hoàn thiện Yêu cầu';
    let pagesWithRows = 0;
    for (let page = 1; page <= pages; page++) {
      const pageText = flattenText(await pdfText(pdf, { first: page, last: page }));
      if (d.items.some((item) => pageText.includes(item.component))) {
        pagesWithRows++;
        expect(pageText, `page ${page}`).toContain(header);
      }
    }
    expect(pagesWithRows).toBeGreaterThanOrEqual(2);
    // The closing sentence and the signature stay on one page.
    const last = flattenText(await pdfText(pdf, { first: pages, last: pages }));
    expect(last).toContain('NGƯỜI HƯỚNG DẪN');
    expect(last).toContain('để được hướng dẫn./.');

    const images = await pdfImages(pdf);
    expect(images).toHaveLength(1);
    expect(qrMatchesPayload(images[0]!, d.trackingUrl!)).toBe(true);
  });

  it('works without a QR code, and numbers later rounds', async () => {
    const data: SupplementRequestData = { ...sampleSupplementRequest, round: 2, trackingUrl: undefined, items: sampleSupplementRequest.items.slice(0, 2) };
    const pdf = await renderSupplementRequest(data);
    const { text } = await inspect(pdf);
    expect(text).toContain('Lần yêu cầu: 02');
    expect(text).not.toContain('Sơ đồ hạng mục công trình');
    expect(await pdfImages(pdf)).toHaveLength(0);
  });

  it('is deterministic and rejects empty or badly numbered requests', async () => {
    const a = await renderSupplementRequest(sampleSupplementRequest);
    const b = await renderSupplementRequest(decomposed(sampleSupplementRequest));
    expect(sha256(b)).toBe(sha256(a));
    await expect(renderSupplementRequest({ ...sampleSupplementRequest, items: [] })).rejects.toThrow(RangeError);
    await expect(renderSupplementRequest({ ...sampleSupplementRequest, round: 0 })).rejects.toThrow(RangeError);
  });
});

describe('03 Phiếu từ chối tiếp nhận, giải quyết hồ sơ', () => {
  it('states every reason, the legal basis and where to go instead', async () => {
    const d = sampleRefusal;
    const pdf = await renderRefusal(d);
    const { text, pages } = await inspect(pdf);
    expect(pages).toBe(1);
    for (const expected of [
      'PHIẾU TỪ CHỐI TIẾP NHẬN, GIẢI QUYẾT HỒ SƠ',
      'Số: 45/TCHS-VPMC',
      `Tiếp nhận hồ sơ của: ${d.applicant.name}`,
      `Nội dung yêu cầu giải quyết: ${d.procedure.name} (mã thủ tục: ${d.procedure.code})`,
      'Thời gian nộp hồ sơ: 8 giờ 05 phút, ngày 05 tháng 12 năm 2026',
      `1. ${d.reasons[0]}`,
      `2. ${d.reasons[1]}`,
      `Căn cứ: ${d.legalBasis!.join('; ')}`,
      `Hướng dẫn: ${d.guidance}`,
      'Xin thông báo cho Ông/Bà được biết và thực hiện./.',
      'NGƯỜI TIẾP NHẬN HỒ SƠ',
      d.officer.name,
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('Mã hồ sơ');
    expect(await pdfImages(pdf)).toHaveLength(0);
    await expect(renderRefusal({ ...d, reasons: [] })).rejects.toThrow(RangeError);
  });
});

describe('04 Phiếu xin lỗi và hẹn lại ngày trả kết quả', () => {
  it('gives the missed date, the reason and the new date, signed by the head', async () => {
    const d = sampleApology;
    const pdf = await renderApology(d);
    const { text, pages } = await inspect(pdf);
    expect(pages).toBe(1);
    for (const expected of [
      'CỤC QUẢN LÝ TÀI NGUYÊN NƯỚC',
      'PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ',
      'Hà Nội, ngày 03 tháng 02 năm 2027',
      `Ngày 05 tháng 12 năm 2026, Cục Quản lý tài nguyên nước tiếp nhận giải quyết hồ sơ của Ông/Bà: ${d.applicant.name}`,
      'Thời hạn trả kết quả theo Giấy tiếp nhận hồ sơ và hẹn trả kết quả: 16 giờ 00 phút, ngày 05 tháng 02 năm 2027.',
      `Lý do: ${d.reason}`,
      'sẽ trả kết quả giải quyết hồ sơ cho Ông/Bà vào 16 giờ 00 phút, ngày 19 tháng 02 năm 2027.',
      'KT. CỤC TRƯỞNG PHÓ CỤC TRƯỞNG',
      d.signer.name,
    ]) {
      expect(text).toContain(expected);
    }
  });
});

describe('05 Phiếu kiểm soát quá trình giải quyết hồ sơ', () => {
  it('lists each hand-over with both parties, the time and how it ended', async () => {
    const d = sampleControlSheet;
    const pdf = await renderControlSheet(d);
    const { text, pages } = await inspect(pdf);
    expect(pages).toBe(1);
    for (const expected of [
      'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ',
      '(Kèm theo Giấy tiếp nhận hồ sơ và hẹn trả kết quả số: 1207/TNHS-VPMC)',
      `Cơ quan (bộ phận) giải quyết hồ sơ: ${d.processingUnit}`,
      'Cơ quan phối hợp giải quyết hồ sơ: Ủy ban nhân dân tỉnh Lai Châu; Cục Thủy lợi',
      'Thời gian hẹn trả kết quả: 16 giờ 00 phút, ngày 05 tháng 02 năm 2027',
      'STT Cơ quan, bộ phận giao và nhận Thời gian giao, nhận Kết quả (trước hạn, đúng hạn, quá hạn) Người giao, người nhận (ký) Ghi chú',
    ]) {
      expect(text).toContain(expected);
    }
    const outcomes = ['Đúng hạn', 'Trước hạn', 'Quá hạn', 'Đang giải quyết'];
    const times = ['14:00 05/12/2026', '08:30 07/12/2026', '10:00 21/12/2026', '15:20 28/01/2027'];
    let from = 0;
    d.handovers.forEach((h, i) => {
      const row =
        `${i + 1} Giao: ${h.from.unit} Nhận: ${h.to.unit} ${times[i]} ${outcomes[i]} ` +
        `Người giao: ${h.from.person} Người nhận: ${h.to.person}` +
        (h.confirmedElectronically ? ' (Đã xác nhận điện tử)' : '') +
        (h.note ? ` ${h.note}` : '');
      const at = text.indexOf(row, from);
      expect(at, row).toBeGreaterThan(from);
      from = at;
    });
  });
});
