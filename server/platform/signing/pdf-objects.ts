/**
 * PDF objects (ISO 32000-1 § 7.3): a small parser and writer, enough to read and extend the
 * classic-xref files pdfkit writes and the incremental updates added to them here. Files are
 * handled as latin1 strings, one character per byte, so offsets equal byte positions.
 */

export class PdfName {
  constructor(readonly name: string) {}
}

export class PdfRef {
  constructor(readonly num: number, readonly gen = 0) {}
  get key(): string {
    return `${this.num} ${this.gen}`;
  }
}

/** A string kept as its source token (literal `( … )` or hex `< … >`), so it is written back unchanged. */
export class PdfString {
  constructor(readonly token: string) {}

  /** A text string (§ 7.9.2.2): UTF-16BE with a byte order mark, written in hex. */
  static text(text: string): PdfString {
    const utf16 = Buffer.from(`\uFEFF${text.normalize('NFC')}`, 'utf16le').swap16();
    return new PdfString(`<${utf16.toString('hex').toUpperCase()}>`);
  }

  /** A byte string of ASCII characters, e.g. a date "D:20261128093000+07'00'". */
  static ascii(text: string): PdfString {
    return new PdfString(`(${text.replace(/[\\()]/g, (c) => `\\${c}`)})`);
  }

  static hex(bytes: Buffer): PdfString {
    return new PdfString(`<${bytes.toString('hex').toUpperCase()}>`);
  }

  /** The string's bytes (escapes and hex decoded). */
  bytes(): Buffer {
    const t = this.token;
    if (t.startsWith('<')) {
      const hex = t.slice(1, -1).replace(/\s+/g, '');
      return Buffer.from(hex.length % 2 ? `${hex}0` : hex, 'hex');
    }
    const out: number[] = [];
    const body = t.slice(1, -1);
    for (let i = 0; i < body.length; i++) {
      const c = body[i]!;
      if (c !== '\\') {
        out.push(c.charCodeAt(0));
        continue;
      }
      const n = body[++i];
      if (n === undefined) break;
      const simple: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12, '(': 40, ')': 41, '\\': 92 };
      if (n in simple) out.push(simple[n]!);
      else if (/[0-7]/.test(n)) {
        let oct = n;
        while (oct.length < 3 && /[0-7]/.test(body[i + 1] ?? '')) oct += body[++i];
        out.push(parseInt(oct, 8) & 0xff);
      } else if (n === '\r') {
        if (body[i + 1] === '\n') i++;
      } else if (n !== '\n') out.push(n.charCodeAt(0));
    }
    return Buffer.from(out);
  }

  /** The string as text: UTF-16BE when it starts with a byte order mark, else PDFDocEncoding read as latin1. */
  text(): string {
    const b = this.bytes();
    if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return Buffer.from(b.subarray(2)).swap16().toString('utf16le');
    if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return b.subarray(3).toString('utf8');
    return b.toString('latin1');
  }
}

/** Written exactly as given, e.g. the `[0 /********** …]` byte range placeholder. */
export class PdfRaw {
  constructor(readonly source: string) {}
}

export type PdfValue = number | boolean | null | PdfName | PdfRef | PdfString | PdfRaw | PdfDict | PdfValue[];

/** A dictionary; entries keep their insertion order when written. */
export class PdfDict {
  readonly entries = new Map<string, PdfValue>();

  constructor(init?: Record<string, PdfValue>) {
    if (init) for (const [k, v] of Object.entries(init)) this.entries.set(k, v);
  }

  get(key: string): PdfValue | undefined {
    return this.entries.get(key);
  }

  set(key: string, value: PdfValue): this {
    this.entries.set(key, value);
    return this;
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  clone(): PdfDict {
    const copy = new PdfDict();
    for (const [k, v] of this.entries) copy.set(k, v);
    return copy;
  }
}

export class PdfSyntaxError extends Error {
  constructor(message: string, readonly position: number) {
    super(`${message} (byte ${position})`);
    this.name = 'PdfSyntaxError';
  }
}

const WHITESPACE = new Set(['\0', '\t', '\n', '\f', '\r', ' ']);
const DELIMITERS = new Set(['(', ')', '<', '>', '[', ']', '{', '}', '/', '%']);

export function isWhitespace(c: string | undefined): boolean {
  return c !== undefined && WHITESPACE.has(c);
}

/** Skips whitespace and comments from `pos`. */
export function skipSpace(s: string, pos: number): number {
  let i = pos;
  while (i < s.length) {
    const c = s[i]!;
    if (WHITESPACE.has(c)) i++;
    else if (c === '%') {
      while (i < s.length && s[i] !== '\n' && s[i] !== '\r') i++;
    } else break;
  }
  return i;
}

function readRegular(s: string, pos: number): number {
  let i = pos;
  while (i < s.length && !WHITESPACE.has(s[i]!) && !DELIMITERS.has(s[i]!)) i++;
  return i;
}

/** Parses one value at `pos` (after optional whitespace); returns it and the position after it. */
export function parseValue(s: string, pos: number): { value: PdfValue; end: number } {
  let i = skipSpace(s, pos);
  const c = s[i];
  if (c === undefined) throw new PdfSyntaxError('unexpected end of data', i);
  if (c === '/') {
    const end = readRegular(s, i + 1);
    const name = s.slice(i + 1, end).replace(/#([0-9A-Fa-f]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
    return { value: new PdfName(name), end };
  }
  if (c === '<' && s[i + 1] === '<') {
    const dict = new PdfDict();
    i += 2;
    for (;;) {
      i = skipSpace(s, i);
      if (s[i] === '>' && s[i + 1] === '>') return { value: dict, end: i + 2 };
      const key = parseValue(s, i);
      if (!(key.value instanceof PdfName)) throw new PdfSyntaxError('dictionary key is not a name', i);
      const val = parseValue(s, key.end);
      dict.set(key.value.name, val.value);
      i = val.end;
    }
  }
  if (c === '<') {
    const end = s.indexOf('>', i);
    if (end < 0) throw new PdfSyntaxError('unterminated hex string', i);
    return { value: new PdfString(s.slice(i, end + 1)), end: end + 1 };
  }
  if (c === '(') {
    let depth = 0;
    let j = i;
    for (; j < s.length; j++) {
      const ch = s[j];
      if (ch === '\\') j++;
      else if (ch === '(') depth++;
      else if (ch === ')' && --depth === 0) break;
    }
    if (j >= s.length) throw new PdfSyntaxError('unterminated string', i);
    return { value: new PdfString(s.slice(i, j + 1)), end: j + 1 };
  }
  if (c === '[') {
    const items: PdfValue[] = [];
    i++;
    for (;;) {
      i = skipSpace(s, i);
      if (s[i] === ']') return { value: items, end: i + 1 };
      if (i >= s.length) throw new PdfSyntaxError('unterminated array', i);
      const item = parseValue(s, i);
      items.push(item.value);
      i = item.end;
    }
  }
  const end = readRegular(s, i);
  const word = s.slice(i, end);
  if (word === 'true') return { value: true, end };
  if (word === 'false') return { value: false, end };
  if (word === 'null') return { value: null, end };
  if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(word)) {
    // "n g R" is a reference.
    if (/^\d+$/.test(word)) {
      const m = /^\s+(\d+)\s+R(?=[\s/<>[\]()%]|$)/.exec(s.slice(end, end + 32));
      if (m) return { value: new PdfRef(Number(word), Number(m[1])), end: end + m[0].length };
    }
    return { value: Number(word), end };
  }
  throw new PdfSyntaxError(`unexpected token ${JSON.stringify(word.slice(0, 20) || c)}`, i);
}

function formatNumber(n: number): string {
  if (Number.isInteger(n)) return String(n);
  return n.toFixed(4).replace(/0+$/, '').replace(/\.$/, '');
}

function formatName(name: string): string {
  return `/${name.replace(/[^!-~]|[#()<>[\]{}/%]/g, (ch) => `#${ch.charCodeAt(0).toString(16).padStart(2, '0').toUpperCase()}`)}`;
}

/** The PDF syntax of a value. */
export function serialize(value: PdfValue): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return formatNumber(value);
  if (value instanceof PdfName) return formatName(value.name);
  if (value instanceof PdfRef) return `${value.num} ${value.gen} R`;
  if (value instanceof PdfString) return value.token;
  if (value instanceof PdfRaw) return value.source;
  if (Array.isArray(value)) return `[${value.map(serialize).join(' ')}]`;
  const parts = [...value.entries].map(([k, v]) => `${formatName(k)} ${serialize(v)}`);
  return `<<\n${parts.join('\n')}\n>>`;
}

/** Every reference inside a value (deep), for copying object graphs. */
export function collectRefs(value: PdfValue, out: PdfRef[] = []): PdfRef[] {
  if (value instanceof PdfRef) out.push(value);
  else if (Array.isArray(value)) for (const v of value) collectRefs(v, out);
  else if (value instanceof PdfDict) for (const v of value.entries.values()) collectRefs(v, out);
  return out;
}

/** A copy of a value with every reference replaced through `map`. */
export function mapRefs(value: PdfValue, map: (ref: PdfRef) => PdfRef): PdfValue {
  if (value instanceof PdfRef) return map(value);
  if (Array.isArray(value)) return value.map((v) => mapRefs(v, map));
  if (value instanceof PdfDict) {
    const copy = new PdfDict();
    for (const [k, v] of value.entries) copy.set(k, mapRefs(v, map));
    return copy;
  }
  return value;
}

/** "D:20261128093000+07'00'" for a moment, in Vietnam time. */
export function pdfDate(date: Date): string {
  const local = new Date(date.getTime() + 7 * 3600 * 1000);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `D:${p(local.getUTCFullYear(), 4)}${p(local.getUTCMonth() + 1)}${p(local.getUTCDate())}${p(local.getUTCHours())}${p(local.getUTCMinutes())}${p(local.getUTCSeconds())}+07'00'`;
}
