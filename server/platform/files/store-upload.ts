/**
 * Takes one uploaded file (a multipart part's stream) into storage: its first bytes decide the
 * media type, the size limit is enforced while it streams, and SHA-256 and size come from the
 * storage write. Any failure deletes what was written, so nothing is left behind.
 */
import { Readable } from 'node:stream';
import type { ObjectStorage } from '../storage/object-storage.js';
import { cleanFileName } from './file-name.js';
import { createUploadRejectedError } from './files.errors.js';
import { SNIFF_BYTES, sniffMediaType, type SniffedType } from './media-type.js';
import { checkUpload, formatSize, tooLargeProblem, type UploadPolicy, type UploadProblem } from './upload-check.js';

export interface IncomingFile {
  /** The part's bytes (`part.file` of @fastify/multipart; its `truncated` flag is honoured). */
  stream: Readable & { truncated?: boolean };
  /** The name the browser sent. */
  declaredName: string;
}

export interface StoredUpload {
  key: string;
  size: number;
  sha256: string;
  /** From the content, never from the name. */
  mediaType: string;
  ext: string;
}

const statusOf: Record<UploadProblem['code'], number> = {
  'files.empty': 400,
  'files.too_large': 413,
  'files.unknown_type': 415,
  'files.content_mismatch': 415,
  'files.type_not_allowed': 415,
};

export const uploadProblemError = (problem: UploadProblem, fieldPath: string) =>
  createUploadRejectedError({
    code: problem.code,
    status: statusOf[problem.code],
    message: problem.message,
    errors: [{ path: fieldPath, message: problem.message }],
  });

export async function storeUpload(
  storage: ObjectStorage,
  file: IncomingFile,
  options: UploadPolicy & { key: string; /** Where the file is in the request, for the problem's `errors`. */ fieldPath?: string },
): Promise<StoredUpload> {
  const fieldPath = options.fieldPath ?? 'body.file';
  const iterator = file.stream[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
  const next = async (): Promise<Buffer | undefined> => {
    const step = await iterator.next();
    return step.done ? undefined : Buffer.isBuffer(step.value) ? step.value : Buffer.from(step.value);
  };
  // Messages quote the name without bidirectional or other invisible characters.
  const shownName = cleanFileName(file.declaredName);
  const tooLarge = () => uploadProblemError(tooLargeProblem(shownName, options.maxBytes), fieldPath);

  let written = false;
  try {
    // Enough leading bytes to recognise the type (or the whole file when it is smaller).
    const head: Buffer[] = [];
    let headSize = 0;
    let ended = false;
    while (headSize < SNIFF_BYTES) {
      const chunk = await next();
      if (!chunk) {
        ended = true;
        break;
      }
      head.push(chunk);
      headSize += chunk.length;
      if (headSize > options.maxBytes) throw tooLarge();
    }
    const headBytes = Buffer.concat(head);
    const sniffed: SniffedType | undefined = await sniffMediaType(headBytes.subarray(0, SNIFF_BYTES), { complete: ended && headSize <= SNIFF_BYTES });
    const early = checkUpload({ declaredName: shownName, sniffedType: sniffed, size: Math.max(headSize, ended ? 0 : 1) }, options);
    if (early) throw uploadProblemError(early, fieldPath);

    let size = headSize;
    async function* body() {
      yield headBytes;
      if (ended) return;
      for (;;) {
        const chunk = await next();
        if (!chunk) break;
        size += chunk.length;
        if (size > options.maxBytes) throw tooLarge();
        yield chunk;
      }
    }
    written = true;
    const stored = await storage.put(options.key, Readable.from(body(), { objectMode: false }), { contentType: sniffed!.mime });
    // @fastify/multipart cuts a part at its own limit and marks it truncated.
    if (file.stream.truncated) throw tooLarge();
    return { key: options.key, size: stored.size, sha256: stored.sha256, mediaType: sniffed!.mime, ext: sniffed!.ext };
  } catch (error) {
    // Drain the rest so the request can finish, and remove whatever reached storage.
    file.stream.on('error', () => {});
    void (async () => {
      try {
        while (!(await iterator.next()).done);
      } catch {
        // the source failed; nothing more to drain
      }
    })();
    if (written) await storage.delete(options.key).catch(() => {});
    throw error;
  }
}

export { formatSize };
