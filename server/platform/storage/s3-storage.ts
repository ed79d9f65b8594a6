/**
 * S3 driver for any S3-compatible store (AWS S3, MinIO, Ceph RGW, …).
 * `@aws-sdk/lib-storage` is not a dependency, so a stream is first spooled to a temporary file
 * (hashing it on the way, never holding it in memory) and then sent with PutObject and its
 * known length. The SHA-256 is kept in the object's metadata (`x-amz-meta-sha256`).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { assertValidObjectKey, createDigestStream, digestBuffer, type ObjectStorage } from './object-storage.js';
import { createObjectNotFoundError, createStorageUnavailableError } from './storage.errors.js';

export interface S3StorageOptions {
  /** e.g. `http://127.0.0.1:9000`; AWS's own endpoint when absent. */
  endpoint?: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  forcePathStyle: boolean;
  /** Where streamed bodies are spooled before upload (default: the system temp folder). */
  spoolDir?: string;
}

const isNotFound = (e: unknown) =>
  e instanceof S3ServiceException && (e.name === 'NoSuchKey' || e.name === 'NotFound' || e.$metadata?.httpStatusCode === 404);

export function createS3Storage(options: S3StorageOptions): ObjectStorage & { client: S3Client } {
  const client = new S3Client({
    endpoint: options.endpoint,
    region: options.region,
    forcePathStyle: options.forcePathStyle,
    credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
    // Many S3-compatible stores do not know the newer default CRC checksums.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: 3,
  });
  const bucket = options.bucket;
  const spoolDir = options.spoolDir ?? os.tmpdir();

  const wrap = async <T>(key: string, action: () => Promise<T>): Promise<T> => {
    try {
      return await action();
    } catch (e) {
      if (isNotFound(e)) throw createObjectNotFoundError({ details: { key } });
      if (e instanceof S3ServiceException || (e as NodeJS.ErrnoException).code === 'ECONNREFUSED') {
        throw createStorageUnavailableError({ details: { key, reason: (e as Error).name }, cause: e });
      }
      throw e;
    }
  };

  return {
    driver: 's3',
    client,

    async put(key, body, { contentType }) {
      assertValidObjectKey(key);
      if (Buffer.isBuffer(body)) {
        const stored = digestBuffer(body);
        await wrap(key, () =>
          client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentLength: body.length, ContentType: contentType, Metadata: { sha256: stored.sha256 } })),
        );
        return stored;
      }
      await fs.promises.mkdir(spoolDir, { recursive: true });
      const spool = path.join(spoolDir, `opendvc-s3-${randomBytes(12).toString('hex')}.part`);
      try {
        const digest = createDigestStream();
        await pipeline(body, digest.stream, fs.createWriteStream(spool, { flags: 'wx', mode: 0o600 }));
        const stored = digest.result();
        await wrap(key, () =>
          client.send(
            new PutObjectCommand({
              Bucket: bucket,
              Key: key,
              Body: fs.createReadStream(spool),
              ContentLength: stored.size,
              ContentType: contentType,
              Metadata: { sha256: stored.sha256 },
            }),
          ),
        );
        return stored;
      } finally {
        await fs.promises.rm(spool, { force: true });
      }
    },

    async get(key) {
      assertValidObjectKey(key);
      const answer = await wrap(key, () => client.send(new GetObjectCommand({ Bucket: bucket, Key: key })));
      if (!answer.Body) throw createObjectNotFoundError({ details: { key } });
      return answer.Body as Readable;
    },

    async delete(key) {
      assertValidObjectKey(key);
      await wrap(key, () => client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key })));
    },

    async exists(key) {
      assertValidObjectKey(key);
      try {
        await wrap(key, () => client.send(new HeadObjectCommand({ Bucket: bucket, Key: key })));
        return true;
      } catch (e) {
        if ((e as { code?: string }).code === createObjectNotFoundError.code) return false;
        throw e;
      }
    },
  };
}
