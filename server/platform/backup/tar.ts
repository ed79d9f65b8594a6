/**
 * A small tar (POSIX ustar + pax) writer and reader over Node streams, enough for backup archives:
 * regular files only, names and sizes of any length (pax records), read and written in one pass
 * without holding a whole entry in memory. `tar -tzf` and `tar -xzf` read what it writes.
 */
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';

const BLOCK = 512;
const MAX_OCTAL_SIZE = 8 ** 11 - 1;

export interface TarEntrySource {
  /** `/`-separated path inside the archive. */
  name: string;
  size: number;
  mtime?: Date;
  /** The bytes; exactly `size` of them must come out. */
  open: () => Promise<Readable | AsyncIterable<Buffer>>;
}

export interface WrittenEntry {
  name: string;
  size: number;
  sha256: string;
}

function octal(value: number, length: number): string {
  return value.toString(8).padStart(length - 1, '0') + '\0';
}

function paxRecord(key: string, value: string): Buffer {
  const body = ` ${key}=${value}\n`;
  let length = Buffer.byteLength(body) + 1;
  // The length counts its own digits.
  while (String(length).length + Buffer.byteLength(body) !== length) length = String(length).length + Buffer.byteLength(body);
  return Buffer.from(`${length}${body}`, 'utf8');
}

function header(name: string, size: number, mtime: Date, type: '0' | 'x'): Buffer {
  const block = Buffer.alloc(BLOCK);
  block.write(name, 0, 100, 'utf8');
  block.write(octal(type === 'x' ? 0o644 : 0o600, 8), 100, 'ascii');
  block.write(octal(0, 8), 108, 'ascii');
  block.write(octal(0, 8), 116, 'ascii');
  block.write(octal(size > MAX_OCTAL_SIZE ? 0 : size, 12), 124, 'ascii');
  block.write(octal(Math.floor(mtime.getTime() / 1000), 12), 136, 'ascii');
  block.write('        ', 148, 'ascii');
  block.write(type, 156, 'ascii');
  block.write('ustar\0', 257, 'ascii');
  block.write('00', 263, 'ascii');
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return block;
}

const padding = (size: number) => Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK);

/**
 * The archive's bytes, entry after entry. Each entry's SHA-256 is computed on the way and
 * passed to `onEntry` once the entry is written; an entry whose source yields more or fewer
 * bytes than announced fails the archive.
 */
export async function* writeTar(entries: AsyncIterable<TarEntrySource> | Iterable<TarEntrySource>, onEntry: (entry: WrittenEntry) => void = () => {}): AsyncGenerator<Buffer> {
  for await (const entry of entries) {
    const mtime = entry.mtime ?? new Date();
    const records: Buffer[] = [];
    if (Buffer.byteLength(entry.name) > 100) records.push(paxRecord('path', entry.name));
    if (entry.size > MAX_OCTAL_SIZE) records.push(paxRecord('size', String(entry.size)));
    if (records.length > 0) {
      const pax = Buffer.concat(records);
      yield header('PaxHeader', pax.length, mtime, 'x');
      yield pax;
      yield padding(pax.length);
    }
    yield header(Buffer.byteLength(entry.name) > 100 ? entry.name.slice(-90).replace(/^[^/]*\//, '') : entry.name, entry.size, mtime, '0');
    const hash = createHash('sha256');
    let written = 0;
    for await (const chunk of await entry.open()) {
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
      written += buffer.length;
      if (written > entry.size) throw new Error(`${entry.name}: more bytes than announced (${entry.size}); the file changed during the backup`);
      hash.update(buffer);
      yield buffer;
    }
    if (written !== entry.size) throw new Error(`${entry.name}: ${written} bytes instead of ${entry.size}; the file changed during the backup`);
    yield padding(entry.size);
    onEntry({ name: entry.name, size: entry.size, sha256: hash.digest('hex') });
  }
  yield Buffer.alloc(BLOCK * 2);
}

export class TarFormatError extends Error {}

class ByteReader {
  private buffer: Buffer = Buffer.alloc(0);
  private readonly iterator: AsyncIterator<Buffer>;
  constructor(source: AsyncIterable<Buffer>) {
    this.iterator = source[Symbol.asyncIterator]();
  }

  /** Exactly n bytes, or undefined at the end of the input. */
  async take(n: number): Promise<Buffer | undefined> {
    while (this.buffer.length < n) {
      const next = await this.iterator.next();
      if (next.done) {
        if (this.buffer.length === 0) return undefined;
        throw new TarFormatError('archive truncated');
      }
      this.buffer = this.buffer.length === 0 ? next.value : Buffer.concat([this.buffer, next.value]);
    }
    const out = this.buffer.subarray(0, n);
    this.buffer = this.buffer.subarray(n);
    return out;
  }

  /** The next n bytes in pieces; `state.remaining` says how many have not been handed out. */
  async *chunks(state: { remaining: number }): AsyncGenerator<Buffer> {
    while (state.remaining > 0) {
      if (this.buffer.length === 0) {
        const next = await this.iterator.next();
        if (next.done) throw new TarFormatError('archive truncated');
        this.buffer = next.value;
      }
      const part = this.buffer.subarray(0, Math.min(state.remaining, this.buffer.length));
      this.buffer = this.buffer.subarray(part.length);
      state.remaining -= part.length;
      yield part;
    }
  }
}

function parseOctal(block: Buffer, offset: number, length: number): number {
  const text = block.toString('ascii', offset, offset + length).replace(/\0.*$/s, '').trim();
  if (text === '') return 0;
  if (!/^[0-7]+$/.test(text)) throw new TarFormatError('bad number in a tar header');
  return parseInt(text, 8);
}

function parsePax(data: Buffer): Record<string, string> {
  const out: Record<string, string> = {};
  let offset = 0;
  while (offset < data.length) {
    const space = data.indexOf(0x20, offset);
    if (space < 0) break;
    const length = Number(data.toString('ascii', offset, space));
    if (!Number.isInteger(length) || length <= 0) throw new TarFormatError('bad pax record');
    const record = data.toString('utf8', space + 1, offset + length - 1);
    const eq = record.indexOf('=');
    if (eq > 0) out[record.slice(0, eq)] = record.slice(eq + 1);
    offset += length;
  }
  return out;
}

export interface TarEntry {
  name: string;
  size: number;
  /** The entry's bytes; what is not read is skipped. */
  body: AsyncIterable<Buffer>;
}

/** Calls `onEntry` for each regular file of the archive, in order. */
export async function readTar(source: AsyncIterable<Buffer>, onEntry: (entry: TarEntry) => Promise<void>): Promise<void> {
  const reader = new ByteReader(source);
  let pax: Record<string, string> = {};
  // Ends at the end marker, or with an error when the input runs out.
  for (;;) {
    const block = await reader.take(BLOCK);
    if (!block) throw new TarFormatError('archive ends without its end marker');
    if (block.every((b) => b === 0)) return;
    let sum = 0;
    for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : block[i]!;
    if (sum !== parseOctal(block, 148, 8)) throw new TarFormatError('tar header checksum mismatch');
    const type = block.toString('ascii', 156, 157);
    const prefix = block.toString('utf8', 345, 500).replace(/\0.*$/s, '');
    const shortName = block.toString('utf8', 0, 100).replace(/\0.*$/s, '');
    const name = pax.path ?? (prefix ? `${prefix}/${shortName}` : shortName);
    const size = pax.size !== undefined ? Number(pax.size) : parseOctal(block, 124, 12);
    const state = { remaining: size };
    if (type === 'x') {
      const chunks: Buffer[] = [];
      for await (const c of reader.chunks(state)) chunks.push(c);
      pax = parsePax(Buffer.concat(chunks));
    } else {
      pax = {};
      if (type === '0' || type === '\0') await onEntry({ name, size, body: reader.chunks(state) });
      for await (const c of reader.chunks(state)) void c;
    }
    const pad = (BLOCK - (size % BLOCK)) % BLOCK;
    if (pad > 0 && !(await reader.take(pad))) throw new TarFormatError('archive truncated');
  }
}
