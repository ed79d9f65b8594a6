/**
 * The visible stamp of an issuance signature: a framed box of text lines (agency, number, date)
 * drawn by pdfkit on a page of its own size, whose content and fonts are copied into the signed
 * file as a form XObject, the appearance of the seal signature's widget. Decree 30/2020/NĐ-CP
 * (Annex I) puts the agency's signature at the top right of the first page; by default the box
 * sits there, inside the top margin, so it covers nothing of the document.
 */
import PDFDocument from 'pdfkit';
import { loadFonts, nfc, pdfToBuffer } from '../pdf/index.js';
import { isStream, PdfFile, type IncrementalUpdate } from './pdf-incremental.js';
import { collectRefs, mapRefs, PdfDict, PdfRef, type PdfValue } from './pdf-objects.js';
import { formXObject } from './pdf-signature-field.js';
import { createUnsupportedPdfError } from './signing.errors.js';

export interface StampOptions {
  /** Lines printed in the box, e.g. ["Số: 12/KQ-G99", "Ban hành ngày 28/11/2026"]. The first is bold. */
  lines: string[];
  /**
   * Where the box goes on page 1, in PDF points from the bottom-left corner: [x1, y1, x2, y2].
   * Default: the top-right corner, 8 pt below the page edge, right-aligned on a 20 mm margin.
   */
  rect?: [number, number, number, number];
  /** Text colour (default the dark blue of seal stamps). */
  color?: string;
}

const FONT_SIZE = 8.5;
const LINE_HEIGHT = 11;
const PADDING = 5;
const RIGHT_MARGIN = (20 * 72) / 25.4;
const TOP_OFFSET = 8;

/** Renders the stamp and adds its form XObject (with fonts) to `update`. */
export async function addStampAppearance(
  update: IncrementalUpdate,
  stamp: StampOptions,
): Promise<{ pageIndex: number; rect: [number, number, number, number]; form: PdfRef }> {
  const lines = stamp.lines.map((l) => nfc(l)).filter((l) => l.length > 0);
  if (lines.length === 0) throw createUnsupportedPdfError({ details: { reason: 'empty stamp' } });
  const fonts = loadFonts();

  // Measure with a throwaway document, then draw on a page of exactly the box's size.
  const measure = new PDFDocument({ autoFirstPage: false });
  measure.registerFont('regular', fonts.regular).registerFont('bold', fonts.bold);
  const textWidth = Math.max(...lines.map((line, i) => measure.font(i === 0 ? 'bold' : 'regular').fontSize(FONT_SIZE).widthOfString(line)));
  const naturalWidth = Math.ceil(textWidth + 2 * PADDING + 2);
  const naturalHeight = Math.ceil(lines.length * LINE_HEIGHT + 2 * PADDING);

  const file = update.file;
  const pageRef = file.pageRefs()[0]!;
  const [, , pageWidth, pageHeight] = file.mediaBox(pageRef);
  const rect: [number, number, number, number] = stamp.rect ?? [
    pageWidth - RIGHT_MARGIN - naturalWidth,
    pageHeight - TOP_OFFSET - naturalHeight,
    pageWidth - RIGHT_MARGIN,
    pageHeight - TOP_OFFSET,
  ];
  const width = rect[2] - rect[0];
  const height = rect[3] - rect[1];

  const doc = new PDFDocument({ size: [width, height], margins: { top: 0, bottom: 0, left: 0, right: 0 }, info: { CreationDate: new Date(0) } });
  doc.registerFont('regular', fonts.regular).registerFont('bold', fonts.bold);
  const color = stamp.color ?? '#1a3a8a';
  doc.lineWidth(0.8).strokeColor(color).rect(0.5, 0.5, width - 1, height - 1).stroke();
  lines.forEach((line, i) => {
    doc.font(i === 0 ? 'bold' : 'regular').fontSize(FONT_SIZE).fillColor(color);
    doc.text(line, PADDING, PADDING + i * LINE_HEIGHT + 1, { width: width - 2 * PADDING, align: 'center', lineBreak: false });
  });
  const stampPdf = new PdfFile(await pdfToBuffer(doc));

  // Copy the page's resources (fonts and what they point to) under new numbers.
  const page = stampPdf.dict(stampPdf.pageRefs()[0])!;
  const contents = stampPdf.resolve(page.get('Contents'));
  if (!isStream(contents)) throw createUnsupportedPdfError({ details: { reason: 'stamp page without one content stream' } });
  const resources = stampPdf.resolve(page.get('Resources'));
  const renumbered = new Map<number, PdfRef>();
  const pending: PdfRef[] = collectRefs(resources instanceof PdfDict ? resources : new PdfDict());
  while (pending.length > 0) {
    const ref = pending.pop()!;
    if (renumbered.has(ref.num)) continue;
    renumbered.set(ref.num, update.allocate());
    const value = stampPdf.get(ref);
    if (isStream(value)) {
      const dict = value.dict.clone();
      dict.delete('Length');
      pending.push(...collectRefs(dict));
    } else if (value !== undefined) pending.push(...collectRefs(value));
  }
  const remap = (ref: PdfRef) => renumbered.get(ref.num) ?? ref;
  for (const [num, target] of renumbered) {
    const value = stampPdf.get(new PdfRef(num));
    if (isStream(value)) {
      const dict = value.dict.clone();
      dict.delete('Length');
      update.set(target, { dict: mapRefs(dict, remap) as PdfDict, data: value.data });
    } else if (value !== undefined) update.set(target, mapRefs(value, remap));
  }
  const form = update.add(
    formXObject(contents.data, {
      bbox: [0, 0, width, height],
      resources: resources instanceof PdfDict ? (mapRefs(resources, remap) as PdfValue) : new PdfDict(),
      filter: contents.dict.get('Filter'),
    }),
  );
  return { pageIndex: 0, rect, form };
}
