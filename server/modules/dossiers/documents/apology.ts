/** Form 04: Phiếu xin lỗi và hẹn lại ngày trả kết quả. */
import { formatVietnameseDate, formatVietnameseDateTime } from '../../../platform/pdf/index.js';
import { applicantLines, FORM_TITLES, procedureLine, startForm } from './documents.shared.js';
import type { ApologyData } from './documents.types.js';

export async function renderApology(data: ApologyData): Promise<Buffer> {
  const w = startForm('04', data, data.dossierCode, data);
  const agency = data.agency.name;
  w.title(FORM_TITLES['04'], [[{ text: 'Mã hồ sơ: ' }, { text: data.dossierCode, style: 'bold' }]]);

  w.paragraph([
    { text: `Ngày ${formatVietnameseDate(data.receivedAt).replace(/^ngày /, '')}, ${agency} tiếp nhận giải quyết hồ sơ của Ông/Bà: ` },
    { text: data.applicant.name, style: 'bold' },
  ]);
  applicantLines(w, data.applicant);
  procedureLine(w, data.procedure);
  w.paragraph([
    { text: 'Thời hạn trả kết quả theo Giấy tiếp nhận hồ sơ và hẹn trả kết quả: ' },
    { text: formatVietnameseDateTime(data.originalAppointmentAt), style: 'bold' },
    { text: '.' },
  ]);
  w.paragraph(`Tuy nhiên đến nay, ${agency} chưa trả kết quả giải quyết hồ sơ của Ông/Bà.`);
  w.paragraph([{ text: 'Lý do: ', style: 'bold' }, { text: data.reason }]);
  w.paragraph([
    { text: `Sự chậm trễ này đã gây phiền hà cho Ông/Bà. ${agency} xin lỗi Ông/Bà và sẽ trả kết quả giải quyết hồ sơ cho Ông/Bà vào ` },
    { text: formatVietnameseDateTime(data.newAppointmentAt), style: 'bold' },
    { text: '.' },
  ]);
  w.closing('Xin trân trọng cảm ơn./.', [
    {
      authority: data.signer.authority,
      title: data.signer.title ?? 'Thủ trưởng cơ quan',
      note: '(Ký, ghi rõ họ tên và đóng dấu)',
      name: data.signer.name,
    },
  ]);
  return w.finish(`Mã hồ sơ ${data.dossierCode}`);
}
