/** Pieces shared by the one-stop forms: document start, applicant lines, channel names. */
import { createPdfDocument, PdfWriter, type TextRun } from '../../../platform/pdf/index.js';
import type { DocumentApplicant, DocumentBase, DocumentChannel, DocumentProcedure } from './documents.types.js';

export const channelNames: Record<DocumentChannel, string> = {
  ONLINE: 'Trực tuyến',
  IN_PERSON: 'Trực tiếp',
  POSTAL: 'Bưu chính',
};

/** Circular 01/2018/TT-VPCP form numbers and titles. */
export const FORM_TITLES = {
  '01': 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả',
  '02': 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ',
  '03': 'Phiếu từ chối tiếp nhận, giải quyết hồ sơ',
  '04': 'Phiếu xin lỗi và hẹn lại ngày trả kết quả',
  '05': 'Phiếu kiểm soát quá trình giải quyết hồ sơ',
} as const;

export type FormNumber = keyof typeof FORM_TITLES;

/** A document with its header drawn; the input itself fingerprints the file. */
export function startForm(form: FormNumber, data: DocumentBase, reference: string | undefined, input: unknown): PdfWriter {
  const title = FORM_TITLES[form];
  const doc = createPdfDocument({
    title: reference ? `${title} — ${reference}` : title,
    subject: `Mẫu số ${form}, Thông tư số 01/2018/TT-VPCP`,
    author: data.agency.name,
    keywords: reference,
    createdAt: data.issuedAt,
    fingerprint: { form, input },
  });
  const w = new PdfWriter(doc);
  w.officialHeader({
    parentAgency: data.agency.parentName,
    agency: data.agency.name,
    number: data.documentNumber,
    place: data.agency.place,
    date: data.issuedAt,
  });
  return w;
}

export function idLine(applicant: DocumentApplicant): TextRun[] | undefined {
  if (!applicant.idNumber) return undefined;
  return [{ text: `${applicant.idLabel ?? 'Số CCCD/định danh cá nhân'}: ` }, { text: applicant.idNumber }];
}

/** Address, ID, phone and e-mail lines of the applicant (each only when given). */
export function applicantLines(w: PdfWriter, applicant: DocumentApplicant): void {
  if (applicant.filedBy) w.paragraph([{ text: '(do ' }, { text: applicant.filedBy, style: 'bold' }, { text: ' nộp thay)' }]);
  const id = idLine(applicant);
  if (id) w.paragraph(id);
  if (applicant.address) w.field('Địa chỉ', applicant.address);
  const contact: TextRun[] = [];
  contact.push({ text: 'Số điện thoại: ' }, { text: applicant.phone ?? '……' });
  contact.push({ text: '      Email: ' }, { text: applicant.email ?? '……' });
  w.paragraph(contact);
}

/** "Nội dung yêu cầu giải quyết: <procedure> (mã …) — trường hợp …" */
export function procedureLine(w: PdfWriter, procedure: DocumentProcedure): void {
  const runs: TextRun[] = [
    { text: 'Nội dung yêu cầu giải quyết: ' },
    { text: procedure.name, style: 'bold' },
    { text: ` (mã thủ tục: ${procedure.code})` },
  ];
  if (procedure.caseName) runs.push({ text: `; trường hợp: ${procedure.caseName}` });
  w.paragraph(runs);
}

export function twoDigits(n: number): string {
  return String(n).padStart(2, '0');
}
