/**
 * Layout helpers for official documents (Decree 30/2020/NĐ-CP presentation, Circular 01/2018/TT-VPCP
 * forms): the two-column header with the national motto, titles, paragraphs mixing styles, hanging
 * lists, tables that wrap and repeat their header row on each page, signature blocks, a QR box and
 * page numbers. Every string passes through NFC before it reaches pdfkit.
 */
import QRCode from 'qrcode';
import { nfc, pdfToBuffer, type FontStyle, type PdfDocument } from './pdf-document.js';
import { formatDateLine, type DateInput } from './pdf-format.js';

export const NATIONAL_NAME = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const NATIONAL_MOTTO = 'Độc lập - Tự do - Hạnh phúc';

/** A piece of text in one style; a paragraph is a list of runs. */
export interface TextRun {
  text: string;
  style?: FontStyle;
}

export type Align = 'left' | 'center' | 'right' | 'justify';

export interface ParagraphOptions {
  align?: Align;
  /** Left indent in points. */
  indent?: number;
  size?: number;
  /** Space after the paragraph in points (default 3). */
  after?: number;
}

export interface OfficialHeader {
  /** Governing body (cơ quan chủ quản), printed in capitals above the agency, e.g. "BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG". */
  parentAgency?: string;
  /** Issuing agency or unit, printed in bold capitals, e.g. "VĂN PHÒNG MỘT CỬA". */
  agency: string;
  /** Number and symbol without "Số:", e.g. "125/TNHS"; omitted → "Số: ……". */
  number?: string;
  /** Place in the date line, e.g. "Hà Nội". */
  place: string;
  /** Omitted → "ngày …… tháng …… năm ……", left for the records clerk. */
  date?: DateInput;
}

export interface TableColumn {
  header: string;
  /** Relative width; the columns share the text width in proportion. */
  width: number;
  align?: Align;
}

/** One paragraph inside a cell. */
export interface CellParagraph {
  text: string;
  style?: FontStyle;
  align?: Align;
}

export type TableCell = string | CellParagraph[];

export interface TableOptions {
  size?: number;
  /** Padding inside each cell in points (default 4). */
  padding?: number;
}

export interface SignatureBlock {
  /** Authority line above the title, e.g. "KT. GIÁM ĐỐC" (optional). */
  authority?: string;
  /** Capitalised title, e.g. "NGƯỜI TIẾP NHẬN HỒ SƠ". */
  title: string;
  /** Italic instruction, e.g. "(Ký và ghi rõ họ tên)". */
  note?: string;
  /** Printed under the signing space. */
  name?: string;
  /** Printed inside the signing space instead of leaving it blank, e.g. "Đã ký số". */
  signedMark?: string;
}

export interface QrPng {
  png: Buffer;
  /** Modules per side without the quiet zone. */
  moduleCount: number;
  /** Quiet zone in modules on each side. */
  margin: number;
  /** Pixels per module. */
  scale: number;
}

/** The QR code of `payload` as a PNG (error correction M, 4 px per module, 1-module quiet zone). */
export async function createQrPng(payload: string, options: { scale?: number; margin?: number } = {}): Promise<QrPng> {
  const scale = options.scale ?? 4;
  const margin = options.margin ?? 1;
  const text = nfc(payload);
  const moduleCount = QRCode.create(text, { errorCorrectionLevel: 'M' }).modules.size;
  const png = await QRCode.toBuffer(text, { type: 'png', errorCorrectionLevel: 'M', margin, scale, color: { dark: '#000000ff', light: '#ffffffff' } });
  return { png, moduleCount, margin, scale };
}

const BODY_SIZE = 11;
const LINE_GAP = 1.5;
const JUSTIFY_SLACK = 3;

export class PdfWriter {
  constructor(readonly doc: PdfDocument, readonly bodySize: number = BODY_SIZE) {
    doc.font('regular').fontSize(bodySize);
  }

  get left(): number {
    return this.doc.page.margins.left;
  }

  get right(): number {
    return this.doc.page.width - this.doc.page.margins.right;
  }

  get width(): number {
    return this.right - this.left;
  }

  get bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  get top(): number {
    return this.doc.page.margins.top;
  }

  /** Starts a new page unless `height` points still fit on this one. */
  ensureSpace(height: number): void {
    if (this.doc.y + height > this.bottom) this.newPage();
  }

  newPage(): void {
    this.doc.addPage();
    this.doc.x = this.left;
    this.doc.y = this.top;
  }

  moveDown(points: number): void {
    this.doc.y += points;
  }

  private style(style: FontStyle = 'regular', size: number = this.bodySize): void {
    this.doc.font(style).fontSize(size);
  }

  /** Height of text in one style across `width`. */
  measure(text: string, width: number, style: FontStyle = 'regular', size: number = this.bodySize): number {
    this.style(style, size);
    return this.doc.heightOfString(nfc(text), { width, lineGap: LINE_GAP });
  }

  /** The national header: agency on the left, motto on the right, number and date line on one row. */
  officialHeader(h: OfficialHeader): void {
    const { doc } = this;
    const size = 10.5;
    const y0 = this.doc.y;
    this.style('bold', size);
    const rightWidth = Math.ceil(doc.widthOfString(NATIONAL_NAME)) + 8;
    const gap = 8;
    const leftWidth = this.width - rightWidth - gap;
    const leftX = this.left - 14; // the agency block traditionally sits a little into the margin
    const rightX = this.right - rightWidth;

    // Left column
    let y = y0;
    if (h.parentAgency) {
      y = this.centred(nfc(h.parentAgency).toLocaleUpperCase('vi'), leftX, y, leftWidth + 14, 'regular', size);
    }
    this.style('bold', size);
    const agency = nfc(h.agency).toLocaleUpperCase('vi');
    y = this.centred(agency, leftX, y, leftWidth + 14, 'bold', size);
    const ruleLeft = Math.min(doc.widthOfString(agency), leftWidth + 14) / 3;
    const leftCentre = leftX + (leftWidth + 14) / 2;
    y += 3;
    doc.moveTo(leftCentre - ruleLeft / 2, y).lineTo(leftCentre + ruleLeft / 2, y).lineWidth(0.6).stroke();
    const leftEnd = y;

    // Right column
    let r = y0;
    r = this.centred(NATIONAL_NAME, rightX, r, rightWidth, 'bold', size);
    r = this.centred(NATIONAL_MOTTO, rightX, r, rightWidth, 'bold', size + 0.5);
    this.style('bold', size + 0.5);
    const mottoWidth = doc.widthOfString(NATIONAL_MOTTO);
    const rightCentre = rightX + rightWidth / 2;
    r += 2;
    doc.moveTo(rightCentre - mottoWidth / 2, r).lineTo(rightCentre + mottoWidth / 2, r).lineWidth(0.6).stroke();
    const rightEnd = r;

    // Number (left) and place-date line (right) share a baseline.
    const rowY = Math.max(leftEnd, rightEnd) + 8;
    const numberText = `Số: ${h.number ? nfc(h.number) : '……'}`;
    const a = this.centred(numberText, leftX, rowY, leftWidth + 14, 'regular', size);
    const dateLine = h.date === undefined ? `${nfc(h.place)}, ngày …… tháng …… năm ……` : formatDateLine(nfc(h.place), h.date);
    const b = this.centred(dateLine, rightX - 20, rowY, rightWidth + 20, 'italic', size);
    doc.x = this.left;
    doc.y = Math.max(a, b) + 14;
    this.style();
  }

  /** Draws centred text in a box and returns the y below it. */
  private centred(text: string, x: number, y: number, width: number, style: FontStyle, size: number): number {
    this.style(style, size);
    this.doc.text(nfc(text), x, y, { width, align: 'center', lineGap: 0.5 });
    return this.doc.y;
  }

  /** Bold capital title, centred, with optional lines under it (each a paragraph of runs). */
  title(text: string, lines: TextRun[][] = [], size = 13): void {
    this.ensureSpace(60);
    this.style('bold', size);
    this.doc.text(nfc(text).toLocaleUpperCase('vi'), this.left, this.doc.y, { width: this.width, align: 'center', lineGap: 1 });
    this.doc.y += 2;
    for (const runs of lines) this.paragraph(runs, { align: 'center', after: 1 });
    this.doc.y += 8;
    this.style();
  }

  /** A paragraph of runs; wraps and continues on the next page by itself. */
  paragraph(content: string | TextRun[], options: ParagraphOptions = {}): void {
    const runs = typeof content === 'string' ? [{ text: content }] : content.filter((r) => r.text.length > 0);
    const indent = options.indent ?? 0;
    const size = options.size ?? this.bodySize;
    const x = this.left + indent;
    const width = this.width - indent;
    // Keep short paragraphs (up to a quarter page) whole; longer ones flow onto the next page.
    const widest: FontStyle = runs.some((r) => r.style === 'bold' || r.style === 'boldItalic') ? 'bold' : 'regular';
    const estimate = this.measure(runs.map((r) => r.text).join(''), width, widest, size);
    this.style(runs[0]?.style, size);
    const needed = estimate <= (this.bottom - this.top) / 4 ? estimate : this.doc.currentLineHeight(true);
    if (this.doc.y + needed > this.bottom) this.newPage();
    const y = this.doc.y;
    if (runs.length === 0) return;
    // pdfkit misplaces continued runs on centred lines: lay a one-line centred paragraph out by hand.
    if (options.align === 'center' && runs.length > 1) {
      const widths = runs.map((run) => {
        this.style(run.style, size);
        return this.doc.widthOfString(nfc(run.text));
      });
      const total = widths.reduce((s, w) => s + w, 0);
      if (total <= width) {
        let rx = x + (width - total) / 2;
        runs.forEach((run, i) => {
          this.style(run.style, size);
          this.doc.text(nfc(run.text), rx, y, { lineBreak: false, lineGap: LINE_GAP });
          rx += widths[i]!;
        });
        this.doc.x = this.left;
        this.doc.y = y + this.doc.currentLineHeight(true) + LINE_GAP + (options.after ?? 3);
        this.style();
        return;
      }
    }
    // Justification is only safe for a single run; mixed runs are set flush left.
    const align = options.align ?? (runs.length === 1 ? 'justify' : 'left');
    runs.forEach((run, i) => {
      this.style(run.style, size);
      const last = i === runs.length - 1;
      // pdfkit's justified lines can overshoot their width by a point or two (kerning is not
      // counted when spreading words); keep them inside the margin.
      const opts = { width: align === 'justify' ? width - JUSTIFY_SLACK : width, align, lineGap: LINE_GAP, continued: !last };
      if (i === 0) this.doc.text(nfc(run.text), x, y, opts);
      else this.doc.text(nfc(run.text), opts);
    });
    this.doc.x = this.left;
    this.doc.y += options.after ?? 3;
    this.style();
  }

  /** "Label: value" on one paragraph. */
  field(label: string, value: string | TextRun[], options: ParagraphOptions & { valueStyle?: FontStyle } = {}): void {
    const valueRuns = typeof value === 'string' ? [{ text: value, style: options.valueStyle ?? 'regular' }] : value;
    this.paragraph([{ text: `${label}: ` }, ...valueRuns], { align: 'left', ...options });
  }

  /** A list item with a hanging marker ("1.", "–", "a)"). */
  listItem(marker: string, content: string | TextRun[], options: ParagraphOptions & { markerWidth?: number } = {}): void {
    const indent = options.indent ?? 12;
    const markerWidth = options.markerWidth ?? 18;
    const size = options.size ?? this.bodySize;
    this.style('regular', size);
    if (this.doc.y + this.doc.currentLineHeight(true) > this.bottom) this.newPage();
    const y = this.doc.y;
    this.doc.text(nfc(marker), this.left + indent, y, { width: markerWidth, lineBreak: false });
    this.doc.y = y;
    this.paragraph(content, { ...options, indent: indent + markerWidth, align: options.align ?? 'left' });
  }

  /**
   * A bordered table. Cells wrap; a row that does not fit starts a new page, where the header row
   * is drawn again. A row taller than a whole page is cut at the page end with an ellipsis.
   */
  table(columns: TableColumn[], rows: TableCell[][], options: TableOptions = {}): void {
    const { doc } = this;
    const size = options.size ?? this.bodySize - 1;
    const pad = options.padding ?? 4;
    const total = columns.reduce((s, c) => s + c.width, 0);
    const widths = columns.map((c) => (c.width / total) * this.width);
    const xs = widths.map((_, i) => this.left + widths.slice(0, i).reduce((s, w) => s + w, 0));
    const header: CellParagraph[][] = columns.map((c) => [{ text: c.header, style: 'bold', align: 'center' }]);
    const toParagraphs = (cell: TableCell | undefined, col: number): CellParagraph[] =>
      typeof cell === 'string' || cell === undefined ? [{ text: cell ?? '', align: columns[col]!.align }] : cell;

    const paragraphHeight = (p: CellParagraph, width: number) => {
      this.style(p.style, size);
      return p.text === '' ? doc.currentLineHeight(true) : doc.heightOfString(nfc(p.text), { width, lineGap: 1 });
    };
    const rowHeight = (cells: CellParagraph[][]) =>
      Math.max(...cells.map((ps, i) => ps.reduce((s, p) => s + paragraphHeight(p, widths[i]! - 2 * pad), 0) + (ps.length - 1) * 2)) + 2 * pad;

    const drawRow = (cells: CellParagraph[][], height: number, shaded: boolean) => {
      const y = doc.y;
      cells.forEach((ps, i) => {
        if (shaded) doc.rect(xs[i]!, y, widths[i]!, height).fillColor('#eeeeee').fill().fillColor('#000000');
        doc.rect(xs[i]!, y, widths[i]!, height).lineWidth(0.5).strokeColor('#000000').stroke();
        let ty = y + pad;
        const limit = y + height - pad;
        for (const p of ps) {
          if (ty >= limit) break;
          this.style(p.style, size);
          const w = widths[i]! - 2 * pad;
          doc.text(nfc(p.text), xs[i]! + pad, ty, { width: w, align: p.align ?? 'left', lineGap: 1, height: limit - ty, ellipsis: true });
          ty = doc.y + 2;
        }
      });
      doc.x = this.left;
      doc.y = y + height;
    };

    const headerHeight = rowHeight(header);
    this.ensureSpace(headerHeight + 2 * pad + 2 * size);
    drawRow(header, headerHeight, true);
    for (const row of rows) {
      const cells = columns.map((_, i) => toParagraphs(row[i], i));
      let height = rowHeight(cells);
      if (doc.y + height > this.bottom) {
        this.newPage();
        drawRow(header, headerHeight, true);
        height = Math.min(height, this.bottom - doc.y);
      }
      drawRow(cells, height, false);
    }
    doc.y += 6;
    this.style();
  }

  /** Height the signature blocks need (their row, with spacing). */
  signaturesHeight(blocks: SignatureBlock[], options: { space?: number } = {}): number {
    const space = options.space ?? 64;
    const columnWidth = this.width / Math.max(blocks.length, 2);
    const measureBlock = (b: SignatureBlock) =>
      (b.authority ? this.measure(b.authority, columnWidth, 'bold') : 0) +
      this.measure(b.title, columnWidth, 'bold') +
      (b.note ? this.measure(b.note, columnWidth, 'italic', this.bodySize - 1) : 0) +
      space +
      (b.name ? this.measure(b.name, columnWidth, 'bold') : 0);
    return Math.max(...blocks.map(measureBlock)) + 14;
  }

  /** A closing sentence and the signatures, never separated by a page break. */
  closing(text: string | TextRun[][], blocks: SignatureBlock[], options: { space?: number } = {}): void {
    const paragraphs = typeof text === 'string' ? [text] : text;
    const height = paragraphs.reduce<number>((h, p) => h + this.measure(typeof p === 'string' ? p : p.map((r) => r.text).join(''), this.width) + 3, 0);
    this.ensureSpace(height + this.signaturesHeight(blocks, options));
    for (const p of paragraphs) this.paragraph(p);
    this.signatures(blocks, options);
  }

  /** Signature blocks side by side; a single block sits in the right half as usual. */
  signatures(blocks: SignatureBlock[], options: { space?: number } = {}): void {
    const { doc } = this;
    const space = options.space ?? 64;
    const columnWidth = this.width / Math.max(blocks.length, 2);
    this.ensureSpace(this.signaturesHeight(blocks, options));
    const y0 = doc.y + 6;
    let end = y0;
    blocks.forEach((b, i) => {
      const x = blocks.length === 1 ? this.left + this.width / 2 : this.left + i * columnWidth;
      let y = y0;
      if (b.authority) y = this.centred(b.authority.toLocaleUpperCase('vi'), x, y, columnWidth, 'bold', this.bodySize);
      y = this.centred(nfc(b.title).toLocaleUpperCase('vi'), x, y, columnWidth, 'bold', this.bodySize);
      if (b.note) y = this.centred(b.note, x, y, columnWidth, 'italic', this.bodySize - 1);
      if (b.signedMark) this.centred(b.signedMark, x, y + space / 2 - 6, columnWidth, 'italic', this.bodySize - 1);
      y += space;
      if (b.name) y = this.centred(b.name, x, y, columnWidth, 'bold', this.bodySize);
      end = Math.max(end, y);
    });
    doc.x = this.left;
    doc.y = end + 8;
    this.style();
  }

  /** A bordered box with the QR image on the left and paragraphs on the right. */
  /** The height qrBox will take, so that a block following it can be kept on the same page. */
  qrBoxHeight(lines: TextRun[][], options: { size?: number } = {}): number {
    return this.qrBoxLayout(lines, options).height + 6;
  }

  private qrBoxLayout(lines: TextRun[][], options: { size?: number }) {
    const side = options.size ?? 84;
    const pad = 6;
    const textX = this.left + pad + side + 10;
    const textWidth = this.right - pad - textX;
    let textHeight = 0;
    for (const runs of lines) {
      const plain = runs.map((r) => r.text).join('');
      textHeight += this.measure(plain, textWidth, runs[0]?.style ?? 'regular', this.bodySize - 1) + 2;
    }
    return { side, pad, textX, textWidth, textHeight, height: Math.max(side, textHeight) + 2 * pad };
  }

  qrBox(qr: QrPng, lines: TextRun[][], options: { size?: number } = {}): void {
    const { doc } = this;
    const { side, pad, textX, textWidth, textHeight, height } = this.qrBoxLayout(lines, options);
    this.ensureSpace(height + 6);
    const y = doc.y;
    doc.rect(this.left, y, this.width, height).lineWidth(0.5).stroke();
    doc.image(qr.png, this.left + pad, y + pad, { width: side, height: side });
    let ty = y + pad + Math.max(0, (side - textHeight) / 2);
    for (const runs of lines) {
      runs.forEach((run, i) => {
        this.style(run.style, this.bodySize - 1);
        const opts = { width: textWidth, align: 'left' as const, lineGap: LINE_GAP, continued: i < runs.length - 1 };
        if (i === 0) doc.text(nfc(run.text), textX, ty, opts);
        else doc.text(nfc(run.text), opts);
      });
      ty = doc.y + 2;
    }
    doc.x = this.left;
    doc.y = y + height + 8;
    this.style();
  }

  /**
   * Writes "Trang i/n" (and `label`, e.g. the dossier code) at the foot of every page when the
   * document has more than one page, then ends it and returns the bytes.
   */
  async finish(label?: string): Promise<Buffer> {
    const { doc } = this;
    const range = doc.bufferedPageRange();
    if (range.count > 1) {
      for (let i = range.start; i < range.start + range.count; i++) {
        doc.switchToPage(i);
        const bottomMargin = doc.page.margins.bottom;
        doc.page.margins.bottom = 0; // writing inside the margin must not open a page
        this.style('regular', 8.5);
        const text = nfc(`${label ? `${label} — ` : ''}Trang ${i - range.start + 1}/${range.count}`);
        doc.text(text, this.left, doc.page.height - bottomMargin + 16, { width: this.width, align: 'center', lineBreak: false });
        doc.page.margins.bottom = bottomMargin;
      }
    }
    return pdfToBuffer(doc);
  }
}
