/** Form 03: Phiếu từ chối tiếp nhận, giải quyết hồ sơ — with every reason. */
import { formatVietnameseDateTime } from '../../../platform/pdf/index.js';
import { applicantLines, FORM_TITLES, procedureLine, startForm } from './documents.shared.js';
import { commonValues, paragraphsOf, renderTemplate } from './templates.js';
import type { RefusalData } from './documents.types.js';

export async function renderRefusal(data: RefusalData): Promise<Buffer> {
  if (data.reasons.length === 0) throw new RangeError('A refusal states at least one reason');
  const w = startForm('03', data, data.dossierCode, data);
  const texts = renderTemplate('03', data.templates, commonValues(data));
  w.title(FORM_TITLES['03'], data.dossierCode ? [[{ text: 'Mã hồ sơ: ' }, { text: data.dossierCode, style: 'bold' }]] : []);

  w.field('Bộ phận tiếp nhận và trả kết quả', data.agency.name);
  w.field('Tiếp nhận hồ sơ của', data.applicant.name, { valueStyle: 'bold' });
  applicantLines(w, data.applicant);
  procedureLine(w, data.procedure);
  w.field('Thời gian nộp hồ sơ', formatVietnameseDateTime(data.receivedAt));
  w.moveDown(2);
  for (const paragraph of paragraphsOf(texts.mo_dau ?? '')) w.paragraph(paragraph);
  data.reasons.forEach((reason, i) => w.listItem(`${i + 1}.`, reason, { align: 'justify' }));
  if (data.legalBasis && data.legalBasis.length > 0) {
    w.paragraph([{ text: 'Căn cứ: ', style: 'bold' }, { text: data.legalBasis.join('; ') }]);
  }
  if (data.guidance) w.paragraph([{ text: 'Hướng dẫn: ', style: 'bold' }, { text: data.guidance }]);
  w.closing(paragraphsOf(texts.ket_thuc ?? ''), [
    { title: 'Người tiếp nhận hồ sơ', note: '(Ký và ghi rõ họ tên)', name: data.officer.name },
  ]);
  return w.finish(data.dossierCode ? `Mã hồ sơ ${data.dossierCode}` : undefined);
}
