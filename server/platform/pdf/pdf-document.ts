/**
 * A4 official documents with pdfkit: Be Vietnam Pro fonts, every string NFC-normalised, margins of
 * Decree 30/2020/NĐ-CP (top and bottom 20 mm, left 30 mm, right 20 mm) and deterministic bytes —
 * the creation date and the file identifier come from the inputs, so the same data always gives
 * the same file (and the same SHA-256).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { toDate, type DateInput } from './pdf-format.js';

const require = createRequire(import.meta.url);

export type FontStyle = 'regular' | 'bold' | 'italic' | 'boldItalic';

const fontFiles: Record<FontStyle, string> = {
  regular: '@expo-google-fonts/be-vietnam-pro/400Regular/BeVietnamPro_400Regular.ttf',
  bold: '@expo-google-fonts/be-vietnam-pro/700Bold/BeVietnamPro_700Bold.ttf',
  italic: '@expo-google-fonts/be-vietnam-pro/400Regular_Italic/BeVietnamPro_400Regular_Italic.ttf',
  boldItalic: '@expo-google-fonts/be-vietnam-pro/700Bold_Italic/BeVietnamPro_700Bold_Italic.ttf',
};

let fontCache: Record<FontStyle, Buffer> | undefined;

/** The TTF bytes of the four styles, read once per process. */
export function loadFonts(): Record<FontStyle, Buffer> {
  fontCache ??= {
    regular: fs.readFileSync(require.resolve(fontFiles.regular)),
    bold: fs.readFileSync(require.resolve(fontFiles.bold)),
    italic: fs.readFileSync(require.resolve(fontFiles.italic)),
    boldItalic: fs.readFileSync(require.resolve(fontFiles.boldItalic)),
  };
  return fontCache;
}

/** Unicode NFC: text typed on some keyboards arrives decomposed (e + combining marks). */
export function nfc(text: string): string {
  return text.normalize('NFC');
}

const MM = 72 / 25.4;

/** A4 in points and the margins of Decree 30/2020 (§ Annex I). */
export const A4 = { width: 595.28, height: 841.89 } as const;
export const MARGINS = { top: 20 * MM, bottom: 20 * MM, left: 30 * MM, right: 20 * MM } as const;

export interface PdfMetadata {
  /** Document title (PDF /Title), e.g. "Giấy tiếp nhận hồ sơ và hẹn trả kết quả — 000.00.00.G22-261205-0001". */
  title: string;
  subject?: string;
  author?: string;
  keywords?: string;
  /** Written as /CreationDate and /ModDate; pass the document's own date, never "now". */
  createdAt: DateInput;
  /**
   * Any JSON-serialisable value identifying the content (normally the renderer's input). The PDF
   * file identifier is derived from it, so equal inputs give byte-identical files.
   */
  fingerprint: unknown;
  /** Page orientation (default portrait); wide tables such as periodic reports use landscape. */
  layout?: 'portrait' | 'landscape';
}

export type PdfDocument = PDFKit.PDFDocument;

/** Creates a buffered A4 document with the fonts registered and fixed metadata. */
export function createPdfDocument(meta: PdfMetadata): PdfDocument {
  const createdAt = toDate(meta.createdAt);
  const doc = new PDFDocument({
    size: 'A4',
    layout: meta.layout ?? 'portrait',
    margins: { ...MARGINS },
    bufferPages: true,
    autoFirstPage: true,
    lang: 'vi-VN',
    displayTitle: true,
    info: {
      Title: nfc(meta.title),
      ...(meta.subject ? { Subject: nfc(meta.subject) } : {}),
      ...(meta.author ? { Author: nfc(meta.author) } : {}),
      ...(meta.keywords ? { Keywords: nfc(meta.keywords) } : {}),
      Creator: 'OpenDVC',
      Producer: 'OpenDVC (PDFKit)',
      CreationDate: createdAt,
      ModDate: createdAt,
    },
  });
  // pdfkit derives the file ID from the info dictionary only; bind it to the whole content instead.
  (doc as unknown as { _id: Buffer })._id = fingerprintId(meta.fingerprint);
  const fonts = loadFonts();
  for (const style of Object.keys(fonts) as FontStyle[]) doc.registerFont(style, fonts[style]);
  doc.font('regular');
  return doc;
}

/** 16 bytes of SHA-256 over the canonical JSON of `value` (object keys sorted). */
export function fingerprintId(value: unknown): Buffer {
  return createHash('sha256').update(canonicalJson(value)).digest().subarray(0, 16);
}

function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date)) {
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    }
    return typeof v === 'string' ? v.normalize('NFC') : v;
  }) ?? 'null';
}

/** Ends the document and collects its bytes. */
export function pdfToBuffer(doc: PdfDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}
