/** Form 05: Phiếu kiểm soát quá trình giải quyết hồ sơ — one row per hand-over. */
import { formatShortDateTime, formatVietnameseDateTime, type TableCell } from '../../../platform/pdf/index.js';
import { FORM_TITLES, procedureLine, startForm } from './documents.shared.js';
import { commonValues, paragraphsOf, renderTemplate } from './templates.js';
import type { ControlSheetData, HandoverResult } from './documents.types.js';

export const handoverResultNames: Record<HandoverResult, string> = {
  EARLY: 'Trước hạn',
  ON_TIME: 'Đúng hạn',
  LATE: 'Quá hạn',
};

export async function renderControlSheet(data: ControlSheetData): Promise<Buffer> {
  const w = startForm('05', data, data.dossierCode, data);
  const texts = renderTemplate('05', data.templates, {
    ...commonValues(data),
    han_tra: formatVietnameseDateTime(data.appointmentAt),
    don_vi_giai_quyet: data.processingUnit,
  });
  const subtitle = data.receiptNumber
    ? [[{ text: `(Kèm theo Giấy tiếp nhận hồ sơ và hẹn trả kết quả số: ${data.receiptNumber})`, style: 'italic' as const }]]
    : [];
  w.title(FORM_TITLES['05'], [[{ text: 'Mã hồ sơ: ' }, { text: data.dossierCode, style: 'bold' }], ...subtitle]);

  w.field('Tổ chức, cá nhân nộp hồ sơ', data.applicant.name, { valueStyle: 'bold' });
  procedureLine(w, data.procedure);
  w.field('Cơ quan (bộ phận) giải quyết hồ sơ', data.processingUnit);
  w.field('Cơ quan phối hợp giải quyết hồ sơ', data.coordinatingUnits && data.coordinatingUnits.length > 0 ? data.coordinatingUnits.join('; ') : 'Không');
  w.field('Thời gian tiếp nhận', formatVietnameseDateTime(data.receivedAt));
  w.field('Thời gian hẹn trả kết quả', formatVietnameseDateTime(data.appointmentAt), { valueStyle: 'bold', after: 8 });

  const rows: TableCell[][] = data.handovers.map((h, i) => [
    String(i + 1),
    [{ text: `Giao: ${h.from.unit}` }, { text: `Nhận: ${h.to.unit}` }],
    formatShortDateTime(h.at)
      .split(' ')
      .reverse()
      .map((text) => ({ text, align: 'center' as const })),
    h.result ? handoverResultNames[h.result] : 'Đang giải quyết',
    [
      { text: `Người giao: ${h.from.person}` },
      { text: `Người nhận: ${h.to.person}` },
      ...(h.confirmedElectronically ? [{ text: '(Đã xác nhận điện tử)', style: 'italic' as const }] : []),
    ],
    h.note ?? '',
  ]);
  w.table(
    [
      { header: 'STT', width: 0.8, align: 'center' },
      { header: 'Cơ quan, bộ phận giao và nhận', width: 3.2 },
      { header: 'Thời gian giao, nhận', width: 1.9, align: 'center' },
      { header: 'Kết quả (trước hạn, đúng hạn, quá hạn)', width: 1.7, align: 'center' },
      { header: 'Người giao, người nhận (ký)', width: 2.8 },
      { header: 'Ghi chú', width: 1.6 },
    ],
    rows,
    { size: 9 },
  );
  for (const paragraph of paragraphsOf(texts.ghi_chu ?? '')) w.paragraph(paragraph);
  return w.finish(`Mã hồ sơ ${data.dossierCode}`);
}
