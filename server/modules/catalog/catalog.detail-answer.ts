/**
 * The public procedure page's answer, ready to send: its JSON text, a strong ETag (the SHA-256 of
 * that text) and its brotli and gzip encodings, made once. A node keeps answers for
 * SEARCH_CACHE_SECONDS per procedure and date; publishing or importing on the node drops them at
 * once (markProjectionFresh), other nodes within that time. A version's content never changes
 * once published, so a client holding the ETag gets 304 Not Modified without a body.
 */
import { createHash } from 'node:crypto';
import zlib from 'node:zlib';

export type AnswerEncoding = 'br' | 'gzip';

export class DetailAnswer {
  readonly etag: string;
  private readonly encoded = new Map<AnswerEncoding, Buffer>();

  constructor(readonly json: string) {
    this.etag = `"${createHash('sha256').update(json).digest('base64url')}"`;
  }

  /** The body in `encoding`, compressed on first use (brotli quality 5, as for the web assets' order of cost). */
  body(encoding: AnswerEncoding): Buffer {
    let body = this.encoded.get(encoding);
    if (!body) {
      body = encoding === 'br'
        ? zlib.brotliCompressSync(this.json, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: Buffer.byteLength(this.json) } })
        : zlib.gzipSync(this.json);
      this.encoded.set(encoding, body);
    }
    return body;
  }
}

/** Whether `If-None-Match` names this strong ETag (or is `*`). */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t === etag || t === `W/${etag}`;
  });
}

/** br when the client accepts it, else gzip, else none (identity); `;q=0` refuses an encoding. */
export function preferredEncoding(acceptEncoding: string | undefined): AnswerEncoding | undefined {
  if (!acceptEncoding) return undefined;
  const accepted = new Set<string>();
  for (const part of acceptEncoding.toLowerCase().split(',')) {
    const [name, ...params] = part.split(';').map((s) => s.trim());
    const q = params.find((p) => p.startsWith('q='));
    if (name && !(q && Number(q.slice(2)) === 0)) accepted.add(name);
  }
  if (accepted.has('br')) return 'br';
  if (accepted.has('gzip')) return 'gzip';
  return undefined;
}
