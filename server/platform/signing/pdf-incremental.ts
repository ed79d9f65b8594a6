/**
 * Reading a PDF with classic cross-reference tables and appending an incremental update
 * (ISO 32000-1 § 7.5.6): earlier bytes are never touched, so earlier signatures stay valid.
 * Cross-reference streams (PDF 1.5 compressed files) are not supported: the documents signed
 * here are the platform's own (pdfkit), which always writes tables.
 */
import { createHash } from 'node:crypto';
import { createUnsupportedPdfError } from './signing.errors.js';
import { PdfDict, PdfName, PdfRef, PdfString, PdfSyntaxError, isWhitespace, parseValue, serialize, skipSpace, type PdfValue } from './pdf-objects.js';

export interface PdfStreamObject {
  dict: PdfDict;
  /** The stream's bytes as stored (still encoded by its /Filter). */
  data: Buffer;
}

export type PdfObjectValue = PdfValue | PdfStreamObject;

export function isStream(value: PdfObjectValue | undefined): value is PdfStreamObject {
  return typeof value === 'object' && value !== null && 'data' in value && 'dict' in value && value.dict instanceof PdfDict;
}

const unsupported = (reason: string, cause?: unknown) => createUnsupportedPdfError({ details: { reason }, cause });

/** A parsed PDF: the cross-reference entries of all revisions and the newest trailer. */
export class PdfFile {
  readonly text: string;
  readonly offsets = new Map<number, { offset: number; gen: number }>();
  readonly trailer: PdfDict;
  readonly startXref: number;
  readonly size: number;
  private readonly cache = new Map<number, PdfObjectValue>();

  constructor(readonly bytes: Buffer) {
    this.text = bytes.toString('latin1');
    if (!this.text.startsWith('%PDF-')) throw unsupported('not a PDF');
    const eof = this.text.lastIndexOf('%%EOF');
    const sx = this.text.lastIndexOf('startxref', eof);
    if (eof < 0 || sx < 0) throw unsupported('no startxref');
    this.startXref = Number(/startxref\s+(\d+)/.exec(this.text.slice(sx, eof))?.[1]);
    if (!Number.isFinite(this.startXref)) throw unsupported('bad startxref');
    let trailer: PdfDict | undefined;
    const seen = new Set<number>();
    let at: number | undefined = this.startXref;
    try {
      while (at !== undefined) {
        if (seen.has(at)) throw unsupported('cross-reference loop');
        seen.add(at);
        const section = this.readXrefSection(at);
        trailer ??= section.trailer;
        const prev = section.trailer.get('Prev');
        at = typeof prev === 'number' ? prev : undefined;
      }
    } catch (e) {
      if (e instanceof PdfSyntaxError) throw unsupported(e.message, e);
      throw e;
    }
    this.trailer = trailer!;
    const size = this.trailer.get('Size');
    if (typeof size !== 'number') throw unsupported('trailer without /Size');
    this.size = size;
  }

  private readXrefSection(at: number): { trailer: PdfDict } {
    let i = skipSpace(this.text, at);
    if (!this.text.startsWith('xref', i)) throw unsupported('cross-reference stream (compressed PDF)');
    i += 4;
    const rowPattern = /(\d{10})\s(\d{5})\s([nf])/y;
    for (;;) {
      i = skipSpace(this.text, i);
      if (this.text.startsWith('trailer', i)) break;
      const head = /^(\d+)\s+(\d+)/.exec(this.text.slice(i, i + 40));
      if (!head) throw unsupported('bad cross-reference subsection');
      const first = Number(head[1]);
      const count = Number(head[2]);
      i += head[0].length;
      for (let k = 0; k < count; k++) {
        i = skipSpace(this.text, i);
        rowPattern.lastIndex = i;
        const row = rowPattern.exec(this.text);
        if (!row) throw unsupported('bad cross-reference entry');
        i = rowPattern.lastIndex;
        const num = first + k;
        // The newest section is read first; an older entry never replaces it.
        if (!this.offsets.has(num)) this.offsets.set(num, { offset: row[3] === 'n' ? Number(row[1]) : -1, gen: Number(row[2]) });
      }
    }
    const trailer = parseValue(this.text, i + 'trailer'.length).value;
    if (!(trailer instanceof PdfDict)) throw unsupported('bad trailer');
    if (trailer.has('XRefStm')) throw unsupported('hybrid cross-reference file');
    return { trailer };
  }

  /** The object `ref` points to (parsed once), or undefined when it is free or missing. */
  get(ref: PdfRef): PdfObjectValue | undefined {
    if (this.cache.has(ref.num)) return this.cache.get(ref.num);
    const entry = this.offsets.get(ref.num);
    if (!entry || entry.offset < 0) return undefined;
    let value: PdfObjectValue;
    try {
      value = this.readObjectAt(entry.offset, ref.num);
    } catch (e) {
      if (e instanceof PdfSyntaxError) throw unsupported(e.message, e);
      throw e;
    }
    this.cache.set(ref.num, value);
    return value;
  }

  /** Follows a reference; other values are returned as they are. */
  resolve(value: PdfValue | undefined): PdfObjectValue | undefined {
    return value instanceof PdfRef ? this.get(value) : value;
  }

  dict(value: PdfValue | undefined): PdfDict | undefined {
    const v = this.resolve(value);
    if (v instanceof PdfDict) return v;
    if (isStream(v)) return v.dict;
    return undefined;
  }

  private readObjectAt(offset: number, num: number): PdfObjectValue {
    const head = /^\s*(\d+)\s+(\d+)\s+obj/.exec(this.text.slice(offset, offset + 40));
    if (!head || Number(head[1]) !== num) throw new PdfSyntaxError(`object ${num} not at its offset`, offset);
    const { value, end } = parseValue(this.text, offset + head[0].length);
    let i = skipSpace(this.text, end);
    if (value instanceof PdfDict && this.text.startsWith('stream', i)) {
      i += 'stream'.length;
      if (this.text[i] === '\r') i++;
      if (this.text[i] === '\n') i++;
      const lengthValue = value.get('Length');
      const length = lengthValue instanceof PdfRef ? this.get(lengthValue) : lengthValue;
      if (typeof length !== 'number') throw new PdfSyntaxError('stream without a length', i);
      return { dict: value, data: this.bytes.subarray(i, i + length) };
    }
    return value;
  }

  get rootRef(): PdfRef {
    const root = this.trailer.get('Root');
    if (!(root instanceof PdfRef)) throw unsupported('trailer without /Root');
    return root;
  }

  get catalog(): PdfDict {
    const catalog = this.dict(this.rootRef);
    if (!catalog) throw unsupported('no catalog');
    return catalog;
  }

  /** References of the pages in order. */
  pageRefs(): PdfRef[] {
    const pages: PdfRef[] = [];
    const walk = (ref: PdfValue | undefined, depth: number) => {
      if (!(ref instanceof PdfRef) || depth > 32) return;
      const node = this.dict(ref);
      if (!node) return;
      const type = node.get('Type');
      if (type instanceof PdfName && type.name === 'Page') {
        pages.push(ref);
        return;
      }
      const kids = this.resolve(node.get('Kids'));
      if (Array.isArray(kids)) for (const kid of kids) walk(kid, depth + 1);
    };
    walk(this.catalog.get('Pages'), 0);
    if (pages.length === 0) throw unsupported('no pages');
    return pages;
  }

  /** The page's /MediaBox (inherited from its parents when absent). */
  mediaBox(pageRef: PdfRef): [number, number, number, number] {
    let node = this.dict(pageRef);
    for (let depth = 0; node && depth < 32; depth++) {
      const box = this.resolve(node.get('MediaBox'));
      if (Array.isArray(box) && box.length === 4 && box.every((n) => typeof n === 'number')) return box as [number, number, number, number];
      node = this.dict(node.get('Parent'));
    }
    return [0, 0, 595.28, 841.89];
  }
}

/** Objects written by one incremental update; `finish` appends them with their xref section. */
export class IncrementalUpdate {
  private readonly objects = new Map<number, { gen: number; value: PdfObjectValue }>();
  private nextNumber: number;

  constructor(readonly file: PdfFile) {
    this.nextNumber = file.size;
  }

  /** A new object number. */
  allocate(): PdfRef {
    return new PdfRef(this.nextNumber++, 0);
  }

  /** Writes (or rewrites) object `ref` in this update. */
  set(ref: PdfRef, value: PdfObjectValue): void {
    this.objects.set(ref.num, { gen: ref.gen, value });
  }

  add(value: PdfObjectValue): PdfRef {
    const ref = this.allocate();
    this.set(ref, value);
    return ref;
  }

  /** The whole file with this update appended (the original bytes unchanged at its start). */
  finish(): Buffer {
    const { file } = this;
    const chunks: Buffer[] = [file.bytes];
    let length = file.bytes.length;
    const push = (b: Buffer | string) => {
      const buf = typeof b === 'string' ? Buffer.from(b, 'latin1') : b;
      chunks.push(buf);
      length += buf.length;
    };
    // A new revision starts on a new line even if the previous one ended right after %%EOF.
    if (!isWhitespace(file.text[file.text.length - 1])) push('\n');
    const offsets = new Map<number, { offset: number; gen: number }>();
    for (const [num, { gen, value }] of [...this.objects].sort(([a], [b]) => a - b)) {
      offsets.set(num, { offset: length, gen });
      if (isStream(value)) {
        const dict = value.dict.clone().set('Length', value.data.length);
        push(`${num} ${gen} obj\n${serialize(dict)}\nstream\n`);
        push(value.data);
        push('\nendstream\nendobj\n');
      } else {
        push(`${num} ${gen} obj\n${serialize(value)}\nendobj\n`);
      }
    }
    const xrefAt = length;
    const nums = [...offsets.keys()].sort((a, b) => a - b);
    let xref = 'xref\n';
    for (let i = 0; i < nums.length; ) {
      let j = i;
      while (j + 1 < nums.length && nums[j + 1] === nums[j]! + 1) j++;
      xref += `${nums[i]} ${j - i + 1}\n`;
      for (let k = i; k <= j; k++) {
        const { offset, gen } = offsets.get(nums[k]!)!;
        xref += `${String(offset).padStart(10, '0')} ${String(gen).padStart(5, '0')} n \n`;
      }
      i = j + 1;
    }
    const trailer = new PdfDict();
    trailer.set('Size', Math.max(this.nextNumber, file.size));
    trailer.set('Root', file.rootRef);
    const info = file.trailer.get('Info');
    if (info !== undefined) trailer.set('Info', info);
    // The first identifier stays; the second changes with every revision (§ 14.4).
    const ids = file.trailer.get('ID');
    const first = Array.isArray(ids) && ids[0] instanceof PdfString ? ids[0] : undefined;
    const changed = PdfString.hex(createHash('sha256').update(Buffer.concat(chunks)).digest().subarray(0, 16));
    trailer.set('ID', [first ?? changed, changed]);
    trailer.set('Prev', file.startXref);
    push(`${xref}trailer\n${serialize(trailer)}\nstartxref\n${xrefAt}\n%%EOF\n`);
    return Buffer.concat(chunks);
  }
}
