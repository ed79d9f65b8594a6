/**
 * The result of a dossier (văn bản kết quả giải quyết): an administrative document in the
 * presentation of Decree 30/2020/NĐ-CP — national header, number and date, title and summary,
 * addressee, body, recipients and the signer — closed by a QR code to the public verification
 * page. The leader signs this PDF digitally; the records clerk then issues it, which stamps the
 * number and date on page 1 (platform/signing stampAndSign), so "Số: ……" stays blank here until
 * a number is known. Pure: same input → same bytes.
 */
import { createPdfDocument, createQrPng, nfc, PdfWriter, type DateInput, type TextRun } from '../../../platform/pdf/index.js';

export interface ResultData {
  /** Issuing agency (bold capitals in the header), e.g. "Văn phòng Bộ (Văn phòng Một cửa)". */
  agencyName: string;
  /** Governing body above it, e.g. "Bộ Nông nghiệp và Môi trường". */
  parentAgencyName?: string;
  /** Kind of document, printed as the title in capitals, e.g. "Giấy phép khai thác nước mặt", "Thông báo". */
  documentTitle: string;
  procedureName: string;
  dossierCode: string;
  applicantName: string;
  /** An organisation is addressed by its name, a person as "Ông/Bà …". */
  applicantIsOrganisation?: boolean;
  applicantAddress?: string;
  /** Summary under the title (trích yếu), e.g. "Về kết quả giải quyết hồ sơ cấp giấy phép …". */
  summary: string;
  /** The decision itself; paragraphs separated by line breaks. */
  body: string;
  signerName: string;
  /** The signer's position, e.g. "Phó Cục trưởng". */
  signerTitle: string;
  /** Authority line above the position when signing for the head, e.g. "KT. CỤC TRƯỞNG". */
  signerAuthority?: string;
  /** Place in the date line; default "Hà Nội". */
  placeName?: string;
  /** Public verification page of this document (encoded in the QR code). */
  verifyUrl: string;
  documentId: string;
  /** Number and symbol (e.g. "12/KQ-G99") once issued; null or absent → "Số: ……". */
  issuedNumber?: string | null;
  /** Date in the date line (and the PDF's creation date); absent → "ngày …… tháng …… năm ……". */
  signedAt?: DateInput;
  /** Recipients (Nơi nhận) after "Như trên"; default ["Lưu: VT, hồ sơ."]. */
  recipients?: string[];
}

/** The result document as PDF bytes. */
export async function renderResult(data: ResultData): Promise<Buffer> {
  const qr = await createQrPng(data.verifyUrl);
  const doc = createPdfDocument({
    title: `${data.documentTitle} — ${data.dossierCode}`,
    subject: data.summary,
    author: data.agencyName,
    keywords: `${data.dossierCode} ${data.documentId}`,
    createdAt: data.signedAt ?? new Date(0),
    fingerprint: { form: 'result', input: data },
  });
  if (data.signedAt === undefined) {
    // No date to stand for: write none rather than a made-up one. pdfkit reads CreationDate once
    // more for XMP metadata, which it only writes for PDF 1.4 and later (this file is 1.3).
    const info = doc.info as unknown as Record<string, unknown>;
    delete info.CreationDate;
    delete info.ModDate;
    (doc as unknown as { _addInfo: () => void })._addInfo = () => {};
  }
  const w = new PdfWriter(doc, 12);
  w.officialHeader({
    parentAgency: data.parentAgencyName,
    agency: data.agencyName,
    number: data.issuedNumber ?? undefined,
    place: data.placeName ?? 'Hà Nội',
    date: data.signedAt,
  });
  w.title(data.documentTitle, [[{ text: data.summary, style: 'bold' }]], 13.5);

  w.paragraph([{ text: 'Kính gửi: ', style: 'bold' }, { text: data.applicantIsOrganisation ? data.applicantName : `Ông/Bà ${data.applicantName}`, style: 'bold' }], { align: 'center', after: 2 });
  // One run: pdfkit misplaces continued runs on wrapped centred lines.
  if (data.applicantAddress) w.paragraph(`Địa chỉ: ${data.applicantAddress}`, { align: 'center', after: 8 });
  else w.moveDown(6);

  // The grounds (căn cứ) belong to the drafted body; this line only names the dossier.
  w.paragraph([
    { text: 'Hồ sơ số ', style: 'italic' },
    { text: data.dossierCode, style: 'boldItalic' },
    { text: ', thủ tục hành chính: ', style: 'italic' },
    { text: data.procedureName, style: 'italic' },
    { text: '.', style: 'italic' },
  ], { after: 6 });
  for (const paragraph of nfc(data.body).split(/\r?\n/).map((p) => p.trim()).filter(Boolean)) {
    w.paragraph(paragraph, { after: 4 });
  }
  w.moveDown(6);

  // Recipients on the left, the signer on the right, on the same rows (kept on one page).
  const recipients = ['Như trên;', ...(data.recipients ?? ['Lưu: VT, hồ sơ.'])];
  const recipientsHeight = w.measure('Nơi nhận:', w.width / 2, 'boldItalic', 11) + recipients.length * 14;
  const blocks = [{ authority: data.signerAuthority, title: data.signerTitle, name: data.signerName }];
  w.ensureSpace(Math.max(recipientsHeight, w.signaturesHeight(blocks, { space: 70 })));
  const top = doc.y;
  w.signatures(blocks, { space: 70 });
  const after = doc.y;
  doc.y = top + 6;
  doc.font('boldItalic').fontSize(11).text('Nơi nhận:', w.left, doc.y, { width: w.width / 2 - 10 });
  for (const line of recipients) doc.font('regular').fontSize(10).text(`- ${nfc(line)}`, w.left, doc.y, { width: w.width / 2 - 10 });
  doc.x = w.left;
  doc.y = Math.max(after, doc.y + 8);

  const lines: TextRun[][] = [
    [{ text: 'Tra cứu, xác thực văn bản: ', style: 'bold' }, { text: data.verifyUrl }],
    [{ text: 'Mã văn bản: ' }, { text: data.documentId, style: 'bold' }],
    [{ text: 'Mã hồ sơ: ' }, { text: data.dossierCode, style: 'bold' }],
    [{ text: 'Văn bản điện tử có chữ ký số. Quét mã QR để xem thông tin ký và đối chiếu tệp đang có với bản gốc.', style: 'italic' }],
  ];
  w.qrBox(qr, lines, { size: 76 });
  return w.finish(`Mã hồ sơ ${data.dossierCode}`);
}
