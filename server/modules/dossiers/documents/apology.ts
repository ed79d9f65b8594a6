/** Form 04: Phiếu xin lỗi và hẹn lại ngày trả kết quả. */
import { formatVietnameseDateTime } from '../../../platform/pdf/index.js';
import { applicantLines, FORM_TITLES, procedureLine, startForm } from './documents.shared.js';
import { commonValues, paragraphsOf, renderTemplate } from './templates.js';
import type { ApologyData } from './documents.types.js';

export async function renderApology(data: ApologyData): Promise<Buffer> {
  const w = startForm('04', data, data.dossierCode, data);
  const texts = renderTemplate('04', data.templates, {
    ...commonValues(data),
    han_tra_cu: formatVietnameseDateTime(data.originalAppointmentAt),
    han_tra_moi: formatVietnameseDateTime(data.newAppointmentAt),
    ly_do: data.reason,
  });
  w.title(FORM_TITLES['04'], [[{ text: 'Mã hồ sơ: ' }, { text: data.dossierCode, style: 'bold' }]]);

  for (const paragraph of paragraphsOf(texts.mo_dau ?? '')) w.paragraph(paragraph);
  applicantLines(w, data.applicant);
  procedureLine(w, data.procedure);
  for (const paragraph of paragraphsOf(texts.noi_dung ?? '')) w.paragraph(paragraph);
  w.closing(paragraphsOf(texts.ket_thuc ?? ''), [
    {
      authority: data.signer.authority,
      title: data.signer.title ?? 'Thủ trưởng cơ quan',
      note: '(Ký, ghi rõ họ tên và đóng dấu)',
      name: data.signer.name,
    },
  ]);
  return w.finish(`Mã hồ sơ ${data.dossierCode}`);
}
