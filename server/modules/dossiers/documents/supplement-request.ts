/** Form 02: Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ — exactly which components and fields, and why. */
import { createQrPng, formatVietnameseDateTime, type CellParagraph, type TableCell } from '../../../platform/pdf/index.js';
import { applicantLines, FORM_TITLES, procedureLine, startForm, twoDigits } from './documents.shared.js';
import { commonValues, paragraphsOf, renderTemplate } from './templates.js';
import type { SupplementRequestData } from './documents.types.js';

export async function renderSupplementRequest(data: SupplementRequestData): Promise<Buffer> {
  if (data.items.length === 0) throw new RangeError('A supplement request names at least one component');
  if (!Number.isInteger(data.round) || data.round < 1) throw new RangeError('The round is a positive integer');
  const qr = data.trackingUrl ? await createQrPng(data.trackingUrl) : undefined;
  const w = startForm('02', data, data.dossierCode, data);
  const contact = `${data.contact.name}, số điện thoại ${data.contact.phone}${data.contact.email ? `, email ${data.contact.email}` : ''}`;
  const texts = renderTemplate('02', data.templates, {
    ...commonValues(data),
    lan_yeu_cau: twoDigits(data.round),
    han_bo_sung: formatVietnameseDateTime(data.deadline),
    ly_do: data.reason,
    lien_he: contact,
  });
  w.title(FORM_TITLES['02'], [
    [{ text: 'Mã hồ sơ: ' }, { text: data.dossierCode, style: 'bold' }, { text: ` — Lần yêu cầu: ${twoDigits(data.round)}` }],
  ]);

  w.field('Hồ sơ của', data.applicant.name, { valueStyle: 'bold' });
  applicantLines(w, data.applicant);
  procedureLine(w, data.procedure);
  w.field('Thời gian tiếp nhận hồ sơ', formatVietnameseDateTime(data.receivedAt));
  w.moveDown(2);
  for (const paragraph of paragraphsOf(texts.mo_dau ?? '')) w.paragraph(paragraph);

  const rows: TableCell[][] = data.items.map((item, i) => {
    const fields: CellParagraph[] =
      item.fields && item.fields.length > 0
        ? item.fields.map((f) => ({ text: `• ${f.label}: ${f.problem}` }))
        : [{ text: 'Toàn bộ thành phần hồ sơ', style: 'italic' }];
    return [String(i + 1), [{ text: item.component, style: 'bold' }], fields, item.requirement];
  });
  w.table(
    [
      { header: 'STT', width: 0.8, align: 'center' },
      { header: 'Thành phần hồ sơ', width: 3 },
      { header: 'Nội dung, trường thông tin cần bổ sung, hoàn thiện', width: 4 },
      { header: 'Yêu cầu', width: 2.4 },
    ],
    rows,
  );

  w.paragraph([{ text: 'Lý do: ', style: 'bold' }, { text: data.reason }]);
  if (data.legalBasis) w.paragraph([{ text: 'Căn cứ: ', style: 'bold' }, { text: data.legalBasis }]);
  w.paragraph([
    { text: 'Thời hạn bổ sung, hoàn thiện hồ sơ: ', style: 'bold' },
    { text: `trước ${formatVietnameseDateTime(data.deadline)}`, style: 'bold' },
    { text: '. Thời gian bổ sung, hoàn thiện hồ sơ không tính vào thời hạn giải quyết.' },
  ]);
  if (qr && data.trackingUrl) {
    w.moveDown(4);
    w.qrBox(qr, [
      [{ text: 'Nộp bổ sung và theo dõi hồ sơ trực tuyến', style: 'bold' }],
      [{ text: 'Quét mã QR hoặc truy cập: ' }, { text: data.trackingUrl, style: 'bold' }],
      [{ text: 'Mã hồ sơ: ' }, { text: data.dossierCode, style: 'bold' }],
    ]);
  }
  w.closing(paragraphsOf(texts.ket_thuc ?? ''), [
    { title: 'Người hướng dẫn', note: '(Ký và ghi rõ họ tên)', name: data.guidingOfficer.name },
  ]);
  return w.finish(`Mã hồ sơ ${data.dossierCode}`);
}
