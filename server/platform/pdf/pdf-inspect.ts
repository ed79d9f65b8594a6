/**
 * Reading PDFs back with poppler-utils (pdftotext, pdfinfo, pdffonts, pdfimages): used by the tests
 * to check what a reader actually gets out of a generated document.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import QRCode from 'qrcode';

const run = promisify(execFile);

async function withFile<T>(pdf: Buffer, use: (file: string, dir: string) => Promise<T>): Promise<T> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'opendvc-pdf-'));
  try {
    const file = path.join(dir, 'document.pdf');
    await fs.writeFile(file, pdf);
    return await use(file, dir);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

async function tool(name: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await run(name, args, { encoding: 'utf8', maxBuffer: 32 * 1024 * 1024 });
    return stdout;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(`${name} is not installed: install poppler-utils (apt-get install poppler-utils)`, { cause: err });
    }
    throw err;
  }
}

/** Text in content-stream order (pdftotext -raw), optionally for a page range. */
export function pdfText(pdf: Buffer, pages?: { first: number; last: number }): Promise<string> {
  const range = pages ? ['-f', String(pages.first), '-l', String(pages.last)] : [];
  return withFile(pdf, (file) => tool('pdftotext', ['-raw', '-enc', 'UTF-8', ...range, file, '-']));
}

/**
 * Joins words broken over lines after a hyphen or slash and collapses whitespace, for substring
 * checks on wrapped text.
 */
export function flattenText(text: string): string {
  return text
    .replace(/(\S)([-/])[^\S\n]*\n\s*/g, '$1$2')
    .replace(/\s+/g, ' ')
    .trim();
}

export interface WordBox {
  page: number;
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

const unescapeXml = (t: string) =>
  t.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

/** Every word with its box in points from the top-left corner (pdftotext -bbox). */
export async function pdfWords(pdf: Buffer): Promise<WordBox[]> {
  const html = await withFile(pdf, (file) => tool('pdftotext', ['-bbox', '-enc', 'UTF-8', file, '-']));
  const words: WordBox[] = [];
  let page = 0;
  const re = /<page |<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g;
  for (const m of html.matchAll(re)) {
    if (m[0] === '<page ') {
      page++;
      continue;
    }
    words.push({ page, text: unescapeXml(m[5]!), xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]), yMax: Number(m[4]) });
  }
  return words;
}

/** Pairs of words on the same page whose boxes overlap by more than `share` of the smaller box. */
export function overlappingWords(words: WordBox[], share = 0.25): Array<[WordBox, WordBox]> {
  const found: Array<[WordBox, WordBox]> = [];
  const area = (w: WordBox) => (w.xMax - w.xMin) * (w.yMax - w.yMin);
  for (let i = 0; i < words.length; i++) {
    const a = words[i]!;
    for (let j = i + 1; j < words.length; j++) {
      const b = words[j]!;
      if (b.page !== a.page) continue;
      const w = Math.min(a.xMax, b.xMax) - Math.max(a.xMin, b.xMin);
      const h = Math.min(a.yMax, b.yMax) - Math.max(a.yMin, b.yMin);
      if (w > 0 && h > 0 && w * h > share * Math.min(area(a), area(b))) found.push([a, b]);
    }
  }
  return found;
}

export interface PdfInfo {
  pages: number;
  /** Size of each page in points. */
  pageSizes: Array<{ width: number; height: number }>;
  fields: Record<string, string>;
}

export async function pdfInfo(pdf: Buffer): Promise<PdfInfo> {
  return withFile(pdf, async (file) => {
    const out = await tool('pdfinfo', ['-isodates', '-f', '1', '-l', '9999', file]);
    const fields: Record<string, string> = {};
    const pageSizes: Array<{ width: number; height: number }> = [];
    for (const line of out.split('\n')) {
      const size = /^Page\s+\d+\s+size:\s+([\d.]+) x ([\d.]+) pts/.exec(line);
      if (size) {
        pageSizes.push({ width: Number(size[1]), height: Number(size[2]) });
        continue;
      }
      const m = /^([A-Za-z ]+):\s*(.*)$/.exec(line);
      if (m) fields[m[1]!.trim()] = m[2]!.trim();
    }
    return { pages: Number(fields.Pages), pageSizes, fields };
  });
}

export interface PdfFont {
  name: string;
  embedded: boolean;
  subset: boolean;
  unicodeMap: boolean;
}

export async function pdfFonts(pdf: Buffer): Promise<PdfFont[]> {
  return withFile(pdf, async (file) => {
    const lines = (await tool('pdffonts', [file])).split('\n').slice(2).filter((l) => l.trim() !== '');
    return lines.map((line) => {
      const cols = line.trim().split(/\s+/);
      // name type… emb sub uni object-id generation
      const [emb, sub, uni] = cols.slice(-5, -2);
      return { name: cols[0]!, embedded: emb === 'yes', subset: sub === 'yes', unicodeMap: uni === 'yes' };
    });
  });
}

/** A raster image extracted from the PDF: one grey level (0–255) per pixel. */
export interface GreyImage {
  page: number;
  width: number;
  height: number;
  grey: Uint8Array;
}

/** The images drawn in the document (soft masks left out), decoded from poppler's PNM output. */
export async function pdfImages(pdf: Buffer): Promise<GreyImage[]> {
  return withFile(pdf, async (file, dir) => {
    const list = (await tool('pdfimages', ['-list', file])).split('\n').slice(2).filter((l) => l.trim() !== '');
    await tool('pdfimages', [file, path.join(dir, 'img')]);
    const names = (await fs.readdir(dir)).filter((n) => n.startsWith('img-')).sort();
    const images: GreyImage[] = [];
    for (const [i, line] of list.entries()) {
      const cols = line.trim().split(/\s+/);
      if (cols[2] !== 'image') continue; // soft masks, stencils
      const name = names[i];
      if (!name) throw new Error(`pdfimages wrote no file for image ${i}`);
      images.push({ page: Number(cols[0]), ...parsePnm(await fs.readFile(path.join(dir, name))) });
    }
    return images;
  });
}

/** Parses binary PBM (P4), PGM (P5) and PPM (P6) into grey levels. */
export function parsePnm(bytes: Buffer): Omit<GreyImage, 'page'> {
  const magic = bytes.subarray(0, 2).toString('latin1');
  let pos = 2;
  const tokens: number[] = [];
  const wanted = magic === 'P4' ? 2 : 3;
  while (tokens.length < wanted) {
    while (/\s/.test(String.fromCharCode(bytes[pos]!))) pos++;
    if (bytes[pos] === 0x23) {
      while (bytes[pos] !== 0x0a) pos++;
      continue;
    }
    let token = '';
    while (!/\s/.test(String.fromCharCode(bytes[pos]!))) token += String.fromCharCode(bytes[pos++]!);
    tokens.push(Number(token));
  }
  pos++; // single whitespace after the header
  const [width, height] = tokens as [number, number];
  const grey = new Uint8Array(width * height);
  if (magic === 'P4') {
    const rowBytes = Math.ceil(width / 8);
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++) grey[y * width + x] = (bytes[pos + y * rowBytes + (x >> 3)]! >> (7 - (x & 7))) & 1 ? 0 : 255;
  } else if (magic === 'P5') {
    grey.set(bytes.subarray(pos, pos + width * height));
  } else if (magic === 'P6') {
    for (let i = 0; i < width * height; i++) {
      const p = pos + i * 3;
      grey[i] = Math.round((bytes[p]! + bytes[p + 1]! + bytes[p + 2]!) / 3);
    }
  } else {
    throw new Error(`Unsupported PNM format ${magic}`);
  }
  return { width, height, grey };
}

/**
 * Reads the module grid of a QR image drawn by createQrPng and compares it with the encoder's
 * matrix for `payload`. No tolerance: every module centre, quiet zone included, must agree.
 */
export function qrMatchesPayload(image: GreyImage, payload: string): boolean {
  const { modules } = QRCode.create(payload, { errorCorrectionLevel: 'M' });
  const size = modules.size;
  const pixelsPerModule = image.width / (size + 2); // one quiet-zone module on each side
  if (!Number.isInteger(pixelsPerModule) || image.height !== image.width) return false;
  for (let row = -1; row <= size; row++) {
    for (let col = -1; col <= size; col++) {
      const x = Math.floor((col + 1.5) * pixelsPerModule);
      const y = Math.floor((row + 1.5) * pixelsPerModule);
      const dark = image.grey[y * image.width + x]! < 128;
      const expected = row >= 0 && col >= 0 && row < size && col < size ? Boolean(modules.get(row, col)) : false;
      if (dark !== expected) return false;
    }
  }
  return true;
}
