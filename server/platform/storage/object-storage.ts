/**
 * Object storage for uploaded and generated files. Bodies are streamed: the SHA-256 and size
 * are computed on the way through, and a failed write leaves nothing behind.
 */
import { createHash } from 'node:crypto';
import { Transform, type Readable } from 'node:stream';
import { createInvalidObjectKeyError } from './storage.errors.js';

export interface PutOptions {
  contentType: string;
}

export interface StoredObject {
  size: number;
  /** Lower-case hex SHA-256 of the stored bytes. */
  sha256: string;
}

export interface ObjectStorage {
  readonly driver: 'filesystem' | 's3';
  /** Stores the body under key (replacing any object there) once it has been read in full. */
  put(key: string, body: Readable | Buffer, options: PutOptions): Promise<StoredObject>;
  /** The object's bytes; throws `storage.object_not_found` (404) when there is none. */
  get(key: string): Promise<Readable>;
  /** Removes the object; removing a missing object is not an error. */
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
}

const segmentPattern = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * Keys are `/`-separated segments of letters, digits, `.`, `_` and `-`, each starting with a
 * letter or digit (so `..`, hidden names, absolute paths and backslashes are impossible).
 */
export function assertValidObjectKey(key: string): void {
  const ok =
    typeof key === 'string' &&
    key.length > 0 &&
    key.length <= 512 &&
    key.split('/').every((segment) => segmentPattern.test(segment) && segment.length <= 200);
  if (!ok) throw createInvalidObjectKeyError({ details: { key: String(key).slice(0, 600) } });
}

/** A pass-through stream that counts and hashes what flows through it. */
export function createDigestStream() {
  const hash = createHash('sha256');
  let size = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      size += chunk.length;
      callback(null, chunk);
    },
  });
  return {
    stream,
    /** Call after the stream has ended. */
    result: (): StoredObject => ({ size, sha256: hash.digest('hex') }),
  };
}

export function digestBuffer(body: Buffer): StoredObject {
  return { size: body.length, sha256: createHash('sha256').update(body).digest('hex') };
}
