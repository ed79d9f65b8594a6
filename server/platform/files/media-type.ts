/**
 * What a file is, judged from its content (never from its name): `file-type` recognises binary
 * formats by their signatures; plain text, CSV and XML, which have none, are recognised here.
 */
import { fileTypeFromBuffer } from 'file-type';

export interface SniffedType {
  /** Media type, e.g. `application/pdf`. */
  mime: string;
  /** Usual extension without the dot, e.g. `pdf`. */
  ext: string;
}

/** How many leading bytes are enough to recognise the formats we accept (DOCX needs its ZIP directory entries). */
export const SNIFF_BYTES = 64 * 1024;

/**
 * Recognises the type of a file from its first bytes (up to SNIFF_BYTES). `complete` says the
 * bytes are the whole file, so a multi-byte character cut at the end is not excused.
 */
export async function sniffMediaType(firstBytes: Uint8Array, options: { complete?: boolean } = {}): Promise<SniffedType | undefined> {
  if (firstBytes.length === 0) return undefined;
  const found = await fileTypeFromBuffer(firstBytes);
  if (found) return { mime: found.mime, ext: found.ext };
  return sniffText(firstBytes, options.complete ?? false);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function sniffText(bytes: Uint8Array, complete: boolean): SniffedType | undefined {
  let body = bytes;
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) body = body.subarray(3);
  let decoded: string | undefined;
  // A sample may end inside a character of up to 4 bytes.
  for (let cut = 0; cut <= (complete ? 0 : 3) && decoded === undefined; cut++) {
    try {
      decoded = utf8.decode(body.subarray(0, body.length - cut));
    } catch {
      decoded = undefined;
    }
  }
  if (decoded === undefined) return undefined;
  // Control characters other than tab, line feed, form feed and carriage return mean binary data.
  for (let i = 0; i < decoded.length; i++) {
    const c = decoded.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0c && c !== 0x0d) || c === 0x7f) return undefined;
  }
  const head = decoded.trimStart();
  const rootElement = /^<([A-Za-z_][\w.:-]*)[\s>/][\s\S]*>\s*$/.test(decoded.trim()) && !/^<html[\s>]/i.test(head);
  if (/^<\?xml[\s?]/.test(head) || rootElement) {
    return { mime: 'application/xml', ext: 'xml' };
  }
  if (looksLikeCsv(decoded, complete)) return { mime: 'text/csv', ext: 'csv' };
  return { mime: 'text/plain', ext: 'txt' };
}

/** At least two lines with the same, non-zero number of `,`, `;` or tab separators outside quotes. */
function looksLikeCsv(text: string, complete: boolean): boolean {
  let lines = text.split(/\r\n|\n|\r/);
  if (!complete) lines = lines.slice(0, -1); // the last line may be cut
  lines = lines.filter((l) => l.trim() !== '').slice(0, 20);
  if (lines.length < 2) return false;
  return [',', ';', '\t'].some((sep) => {
    const counts = lines.map((l) => countOutsideQuotes(l, sep));
    return counts[0]! > 0 && counts.every((c) => c === counts[0]);
  });
}

function countOutsideQuotes(line: string, sep: string): number {
  let quoted = false;
  let n = 0;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === sep && !quoted) n++;
  }
  return n;
}

const labels: Record<string, string> = {
  'text/plain': 'văn bản thuần',
  'application/x-msdownload': 'chương trình chạy được (EXE)',
  'application/x-elf': 'chương trình chạy được (ELF)',
};

/** Short name of a type for messages: `PDF`, `ZIP`, `DOCX`, … */
export function mediaTypeLabel(type: { mime: string; ext?: string }): string {
  return labels[type.mime] ?? (type.ext ? type.ext.toUpperCase() : type.mime);
}

/** The usual extension of the media types an application accepts (for messages and names). */
export const extensionOfMediaType: Record<string, string> = {
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/tiff': 'tif',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/msword': 'doc',
  'application/vnd.ms-excel': 'xls',
  'application/vnd.oasis.opendocument.text': 'odt',
  'application/zip': 'zip',
  'application/xml': 'xml',
  'text/csv': 'csv',
  'text/plain': 'txt',
};
