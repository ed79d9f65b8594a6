// Provisional renderer (replaced by the full result template).
import { createPdfDocument, PdfWriter, pdfToBuffer } from '../../../platform/pdf/index.js';

export interface ResultData {
  agencyName: string; parentAgencyName?: string; documentTitle: string; procedureName: string; dossierCode: string;
  applicantName: string; applicantAddress?: string; summary: string; body: string; signerName: string; signerTitle: string;
  placeName?: string; verifyUrl: string; documentId: string; issuedNumber?: string | null; signedAt?: Date;
}

export async function renderResult(data: ResultData): Promise<Buffer> {
  const doc = createPdfDocument({ title: data.documentTitle, subject: data.summary, author: data.agencyName, createdAt: data.signedAt ?? new Date(0), fingerprint: { input: data } });
  const w = new PdfWriter(doc);
  w.officialHeader({ parentAgency: data.parentAgencyName, agency: data.agencyName, number: data.issuedNumber ?? undefined, place: data.placeName ?? 'Hà Nội', date: data.signedAt ?? new Date(0) });
  w.title(data.documentTitle, [[{ text: data.summary }]]);
  w.paragraph([{ text: data.body }]);
  w.paragraph([{ text: `${data.signerTitle}: ${data.signerName}` }]);
  w.paragraph([{ text: `Tra cứu, xác thực văn bản: ${data.verifyUrl}` }]);
  return pdfToBuffer(doc);
}
