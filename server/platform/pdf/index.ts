/** Official PDF documents: fonts, A4 layout, Vietnamese dates and money, QR codes, deterministic bytes. */
export { A4, MARGINS, createPdfDocument, fingerprintId, loadFonts, nfc, pdfToBuffer } from './pdf-document.js';
export type { FontStyle, PdfDocument, PdfMetadata } from './pdf-document.js';
export {
  DOCUMENT_TIME_ZONE,
  formatDateLine,
  formatShortDateTime,
  formatVietnameseDate,
  formatVietnameseDateTime,
  formatVnd,
  toDate,
  vietnamDateParts,
  vndInWords,
} from './pdf-format.js';
export type { DateInput, VietnamDateParts } from './pdf-format.js';
export { NATIONAL_MOTTO, NATIONAL_NAME, PdfWriter, createQrPng } from './pdf-writer.js';
export type {
  Align,
  CellParagraph,
  OfficialHeader,
  ParagraphOptions,
  QrPng,
  SignatureBlock,
  TableCell,
  TableColumn,
  TableOptions,
  TextRun,
} from './pdf-writer.js';
