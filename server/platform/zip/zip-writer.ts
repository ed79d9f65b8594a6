/**
 * A small streaming ZIP writer (PKWARE APPNOTE 6.3: stored or deflated entries, UTF-8 names,
 * data descriptors, no ZIP64) and a reader of what it writes, for tests and checks. Entries are
 * written one after the other into any writable stream, so a large file is never held in memory.
 * The archive is limited to 4 GiB and 65 535 entries (no ZIP64): `add` throws beyond that.
 */
import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import zlib from 'node:zlib';

const LOCAL_HEADER = 0x04034b50;
const DATA_DESCRIPTOR = 0x08074b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL = 0x06054b50;
const UTF8_AND_DESCRIPTOR = 0x0800 | 0x0008;
const LIMIT = 0xffffffff;

interface CentralEntry { name: Buffer; method: number; crc: number; compressed: number; size: number; offset: number; time: number; date: number }

function dosDateTime(d: Date) {
  const year = Math.max(1980, d.getFullYear());
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | Math.floor(d.getSeconds() / 2),
    date: ((year - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}

export interface ZipWriter {
  /** Adds one entry; `compress: false` stores it as is (PDFs and images gain little). */
  add(name: string, body: Buffer | Readable, options?: { compress?: boolean; modifiedAt?: Date }): Promise<void>;
  /** Writes the central directory; resolves with the archive's size in bytes. */
  finish(): Promise<number>;
}

export function createZipWriter(out: Writable): ZipWriter {
  let offset = 0;
  const entries: CentralEntry[] = [];
  const write = async (chunk: Buffer) => {
    offset += chunk.length;
    if (!out.write(chunk)) await once(out, 'drain');
  };

  return {
    async add(name, body, options = {}) {
      if (entries.length >= 0xffff) throw new Error('zip: too many entries');
      const nameBytes = Buffer.from(name.replace(/^\/+/, ''), 'utf8');
      const method = options.compress === false ? 0 : 8;
      const { time, date } = dosDateTime(options.modifiedAt ?? new Date());
      const start = offset;
      const header = Buffer.alloc(30);
      header.writeUInt32LE(LOCAL_HEADER, 0);
      header.writeUInt16LE(20, 4);
      header.writeUInt16LE(UTF8_AND_DESCRIPTOR, 6);
      header.writeUInt16LE(method, 8);
      header.writeUInt16LE(time, 10);
      header.writeUInt16LE(date, 12);
      // crc, sizes: 0 here, in the data descriptor after the data
      header.writeUInt16LE(nameBytes.length, 26);
      await write(header);
      await write(nameBytes);

      let crc = 0;
      let size = 0;
      let compressed = 0;
      const source: Iterable<Buffer> | AsyncIterable<Buffer> = Buffer.isBuffer(body) ? [body] : (body as AsyncIterable<Buffer>);
      if (method === 0) {
        for await (const chunk of source) {
          crc = zlib.crc32(chunk, crc);
          size += chunk.length;
          compressed += chunk.length;
          await write(chunk);
        }
      } else {
        const deflate = zlib.createDeflateRaw();
        const drained = (async () => {
          for await (const chunk of deflate as AsyncIterable<Buffer>) {
            compressed += chunk.length;
            await write(chunk);
          }
        })();
        for await (const chunk of source) {
          crc = zlib.crc32(chunk, crc);
          size += chunk.length;
          if (!deflate.write(chunk)) await once(deflate, 'drain');
        }
        deflate.end();
        await drained;
      }
      if (size > LIMIT || offset > LIMIT) throw new Error('zip: archive larger than 4 GiB');
      const descriptor = Buffer.alloc(16);
      descriptor.writeUInt32LE(DATA_DESCRIPTOR, 0);
      descriptor.writeUInt32LE(crc >>> 0, 4);
      descriptor.writeUInt32LE(compressed, 8);
      descriptor.writeUInt32LE(size, 12);
      await write(descriptor);
      entries.push({ name: nameBytes, method, crc: crc >>> 0, compressed, size, offset: start, time, date });
    },

    async finish() {
      const centralStart = offset;
      for (const e of entries) {
        const h = Buffer.alloc(46);
        h.writeUInt32LE(CENTRAL_HEADER, 0);
        h.writeUInt16LE(0x031e, 4); // made by: Unix, 3.0
        h.writeUInt16LE(20, 6);
        h.writeUInt16LE(UTF8_AND_DESCRIPTOR, 8);
        h.writeUInt16LE(e.method, 10);
        h.writeUInt16LE(e.time, 12);
        h.writeUInt16LE(e.date, 14);
        h.writeUInt32LE(e.crc, 16);
        h.writeUInt32LE(e.compressed, 20);
        h.writeUInt32LE(e.size, 24);
        h.writeUInt16LE(e.name.length, 28);
        h.writeUInt32LE((0o100644 << 16) >>> 0, 38);
        h.writeUInt32LE(e.offset, 42);
        await write(h);
        await write(e.name);
      }
      const centralSize = offset - centralStart;
      if (offset > LIMIT) throw new Error('zip: archive larger than 4 GiB');
      const end = Buffer.alloc(22);
      end.writeUInt32LE(END_OF_CENTRAL, 0);
      end.writeUInt16LE(entries.length, 8);
      end.writeUInt16LE(entries.length, 10);
      end.writeUInt32LE(centralSize, 12);
      end.writeUInt32LE(centralStart, 16);
      await write(end);
      return offset;
    },
  };
}

export interface ZipEntry { name: string; size: number; data: Buffer }

/** Reads a whole archive held in memory (what createZipWriter writes: stored or deflated entries). */
export function readZip(zip: Buffer): ZipEntry[] {
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === END_OF_CENTRAL) { eocd = i; break; }
  }
  if (eocd < 0) throw new Error('zip: no end of central directory');
  const count = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  const out: ZipEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (zip.readUInt32LE(p) !== CENTRAL_HEADER) throw new Error('zip: bad central directory');
    const method = zip.readUInt16LE(p + 10);
    const crc = zip.readUInt32LE(p + 16);
    const compressed = zip.readUInt32LE(p + 20);
    const size = zip.readUInt32LE(p + 24);
    const nameLength = zip.readUInt16LE(p + 28);
    const extra = zip.readUInt16LE(p + 30);
    const comment = zip.readUInt16LE(p + 32);
    const local = zip.readUInt32LE(p + 42);
    const name = zip.subarray(p + 46, p + 46 + nameLength).toString('utf8');
    const dataStart = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(dataStart, dataStart + compressed);
    const data = method === 0 ? Buffer.from(raw) : zlib.inflateRawSync(raw);
    if (data.length !== size || (zlib.crc32(data) >>> 0) !== crc) throw new Error(`zip: entry ${name} is damaged`);
    out.push({ name, size, data });
    p += 46 + nameLength + extra + comment;
  }
  return out;
}
