/** Form 01: Giấy tiếp nhận hồ sơ và hẹn trả kết quả, with a QR code to the public tracking page. */
import {
  createQrPng,
  formatVietnameseDateTime,
  formatVnd,
  vndInWords,
  type SignatureBlock,
  type TableCell,
} from '../../../platform/pdf/index.js';
import { applicantLines, channelNames, FORM_TITLES, procedureLine, startForm, twoDigits } from './documents.shared.js';
import { commonValues, paragraphsOf, renderTemplate, toRuns } from './templates.js';
import type { ReceiptSlipData } from './documents.types.js';

export const DEFAULT_TRACKING_HINT = 'Tra cứu bằng mã hồ sơ và 4 số cuối CCCD';

export async function renderReceiptSlip(data: ReceiptSlipData): Promise<Buffer> {
  if (data.components.length === 0) throw new RangeError('A receipt slip lists at least one component');
  const qr = await createQrPng(data.trackingUrl);
  const w = startForm('01', data, data.dossierCode, data);
  const texts = renderTemplate('01', data.templates, {
    ...commonValues(data),
    han_tra: formatVietnameseDateTime(data.appointmentAt),
    kenh_nop: channelNames[data.channel],
    noi_tra_ket_qua: data.returnPlace,
  });
  w.title(FORM_TITLES['01'], [[{ text: 'Mã hồ sơ: ' }, { text: data.dossierCode, style: 'bold' }]]);

  const unit = data.agency.parentName ? `${data.agency.name} — ${data.agency.parentName}` : data.agency.name;
  w.field('Bộ phận tiếp nhận và trả kết quả', unit);
  w.field('Tiếp nhận hồ sơ của', data.applicant.name, { valueStyle: 'bold' });
  applicantLines(w, data.applicant);
  procedureLine(w, data.procedure);
  w.field('Hình thức nộp hồ sơ', channelNames[data.channel]);
  w.moveDown(2);

  w.paragraph([{ text: '1. Thành phần hồ sơ nộp gồm:', style: 'bold' }]);
  const rows: TableCell[][] = data.components.map((c, i) => [
    String(i + 1),
    c.note ? [{ text: c.name }, { text: c.note, style: 'italic' }] : c.name,
    c.originals > 0 ? twoDigits(c.originals) : '–',
    c.copies > 0 ? twoDigits(c.copies) : '–',
    c.electronic ? 'Có' : 'Không',
  ]);
  w.table(
    [
      { header: 'STT', width: 0.7, align: 'center' },
      { header: 'Tên giấy tờ', width: 6 },
      { header: 'Bản chính', width: 1.2, align: 'center' },
      { header: 'Bản sao', width: 1.2, align: 'center' },
      { header: 'Bản điện tử', width: 1.3, align: 'center' },
    ],
    rows,
  );
  w.paragraph([{ text: '2. Số lượng hồ sơ: ', style: 'bold' }, { text: `${twoDigits(data.setCount ?? 1)} bộ` }]);
  if (data.processingTime) {
    w.paragraph([{ text: '3. Thời gian giải quyết hồ sơ theo quy định: ', style: 'bold' }, { text: data.processingTime }]);
  } else {
    w.paragraph([{ text: '3. Thời gian giải quyết hồ sơ theo quy định: ', style: 'bold' }, { text: 'theo thủ tục hành chính đã công bố' }]);
  }
  w.paragraph([{ text: '4. Thời gian nhận hồ sơ: ', style: 'bold' }, { text: formatVietnameseDateTime(data.receivedAt) }]);
  w.paragraph([
    { text: '5. Thời gian trả kết quả giải quyết hồ sơ: ', style: 'bold' },
    { text: formatVietnameseDateTime(data.appointmentAt), style: 'bold' },
  ]);
  w.paragraph([{ text: '6. Đăng ký nhận kết quả tại: ', style: 'bold' }, { text: data.returnPlace }]);
  const fees = data.fees ?? [];
  if (fees.length === 0) {
    w.paragraph([{ text: '7. Phí, lệ phí: ', style: 'bold' }, { text: 'Không thu phí, lệ phí.' }]);
  } else {
    w.paragraph([{ text: '7. Phí, lệ phí:', style: 'bold' }]);
    for (const fee of fees) {
      w.listItem('–', fee.amountVnd === undefined
        // The amount depends on the case: the catalogue says how it is set.
        ? [{ text: fee.note ? `${fee.name}: ` : fee.name }, ...(fee.note ? [{ text: fee.note }] : [])]
        : [
          { text: `${fee.name}: ` },
          { text: formatVnd(fee.amountVnd), style: 'bold' as const },
          { text: ` (${vndInWords(fee.amountVnd)})` },
          ...(fee.note ? [{ text: `; ${fee.note}`, style: 'italic' as const }] : []),
        ]);
    }
    const amounts = fees.flatMap((f) => (f.amountVnd === undefined ? [] : [f.amountVnd]));
    if (amounts.length > 1 && amounts.length === fees.length) {
      const total = amounts.reduce((s, a) => s + a, 0);
      w.listItem('', [{ text: 'Tổng cộng: ' }, { text: formatVnd(total), style: 'bold' }, { text: ` (${vndInWords(total)})` }]);
    }
  }
  if (data.answers?.length) {
    w.paragraph([{ text: '8. Nội dung tờ khai:', style: 'bold' }]);
    for (const line of data.answers) {
      const indent = 12 * (line.depth + 1);
      if (line.text === undefined) w.paragraph([{ text: line.label, style: 'italic' }], { indent, after: 1 });
      else w.paragraph([{ text: `${line.label}: ` }, { text: line.text }], { indent, after: 1 });
    }
  }
  if (data.logbook) {
    w.paragraph(`Vào Sổ theo dõi hồ sơ, Quyển số: ${data.logbook.book}, Số thứ tự: ${data.logbook.entry}.`, { after: 6 });
  }
  for (const paragraph of paragraphsOf(texts.ghi_chu ?? '')) w.paragraph(paragraph);
  const officer: SignatureBlock = {
    title: 'Người tiếp nhận hồ sơ',
    note: '(Ký và ghi rõ họ tên)',
    name: data.receivingOfficer.name,
  };
  // An online applicant signs nothing at the counter; the slip is sent electronically.
  const blocks: SignatureBlock[] =
    data.channel === 'ONLINE' ? [officer] : [{ title: 'Người nộp hồ sơ', note: '(Ký và ghi rõ họ tên)', name: data.applicant.name }, officer];
  const qrLines = [
    toRuns(texts.tieu_de_tra_cuu ?? ''),
    [{ text: 'Quét mã QR hoặc truy cập: ' }, { text: data.trackingUrl, style: 'bold' as const }],
    [{ text: 'Mã hồ sơ: ' }, { text: data.dossierCode, style: 'bold' as const }],
    [{ text: `${data.trackingHint ?? DEFAULT_TRACKING_HINT}.`, style: 'italic' as const }],
  ];
  // The QR box and the signatures stay together: a page never holds the signatures alone.
  w.moveDown(4);
  w.ensureSpace(w.qrBoxHeight(qrLines) + w.signaturesHeight(blocks));
  w.qrBox(qr, qrLines);
  w.signatures(blocks);
  return w.finish(`Mã hồ sơ ${data.dossierCode}`);
}
