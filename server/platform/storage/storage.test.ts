import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config.js';
import { startTestS3Server } from '../../test/s3-server.js';
import { createFilesystemStorage } from './filesystem-storage.js';
import { createObjectStorage } from './create-storage.js';
import type { ObjectStorage } from './object-storage.js';
import { createS3Storage } from './s3-storage.js';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c));
  return Buffer.concat(chunks);
}

/** A stream of `total` random bytes in 64 KiB chunks, remembering what it produced. */
function randomStream(total: number, failAfter?: number) {
  const produced: Buffer[] = [];
  let sent = 0;
  const stream = new Readable({
    read() {
      if (failAfter !== undefined && sent >= failAfter) {
        this.destroy(new Error('client went away'));
        return;
      }
      if (sent >= total) {
        this.push(null);
        return;
      }
      const chunk = randomBytes(Math.min(65536, total - sent));
      produced.push(chunk);
      sent += chunk.length;
      this.push(chunk);
    },
  });
  return { stream, bytes: () => Buffer.concat(produced) };
}

/** The behaviour every driver must have. */
function storageContract(name: string, make: () => ObjectStorage, leftovers: () => string[]) {
  describe(`${name}: ObjectStorage contract`, () => {
    it('stores a buffer and reads it back with size and SHA-256', async () => {
      const storage = make();
      const body = Buffer.from('Giấy phép khai thác nước mặt', 'utf8');
      const stored = await storage.put('dossiers/2026/ho-so_1/giay-phep.txt', body, { contentType: 'text/plain' });
      expect(stored).toEqual({ size: body.length, sha256: sha256(body) });
      expect(await storage.exists('dossiers/2026/ho-so_1/giay-phep.txt')).toBe(true);
      expect(await text(await storage.get('dossiers/2026/ho-so_1/giay-phep.txt'))).toBe('Giấy phép khai thác nước mặt');
    });

    it('streams a 3 MB body, hashing on the way', async () => {
      const storage = make();
      const source = randomStream(3 * 1024 * 1024 + 17);
      const stored = await storage.put('big/file.bin', source.stream, { contentType: 'application/octet-stream' });
      const expected = source.bytes();
      expect(stored).toEqual({ size: expected.length, sha256: sha256(expected) });
      const back = await readAll(await storage.get('big/file.bin'));
      expect(back.equals(expected)).toBe(true);
    });

    it('replaces an object with the same key', async () => {
      const storage = make();
      await storage.put('replace/me.txt', Buffer.from('một'), { contentType: 'text/plain' });
      await storage.put('replace/me.txt', Buffer.from('hai'), { contentType: 'text/plain' });
      expect(await text(await storage.get('replace/me.txt'))).toBe('hai');
    });

    it('answers a 404-style error for a missing object, and false from exists', async () => {
      const storage = make();
      await expect(storage.get('missing/none.pdf')).rejects.toMatchObject({ code: 'storage.object_not_found', status: 404 });
      expect(await storage.exists('missing/none.pdf')).toBe(false);
    });

    it('deletes, and deleting twice is fine', async () => {
      const storage = make();
      await storage.put('gone/soon.txt', Buffer.from('x'), { contentType: 'text/plain' });
      await storage.delete('gone/soon.txt');
      await storage.delete('gone/soon.txt');
      expect(await storage.exists('gone/soon.txt')).toBe(false);
    });

    it('leaves nothing behind when the body fails half-way', async () => {
      const storage = make();
      const source = randomStream(1024 * 1024, 256 * 1024);
      await expect(storage.put('broken/upload.bin', source.stream, { contentType: 'application/octet-stream' })).rejects.toThrow('client went away');
      expect(await storage.exists('broken/upload.bin')).toBe(false);
      expect(leftovers()).toEqual([]);
    });

    it('refuses keys that could escape or hide', async () => {
      const storage = make();
      for (const key of ['../etc/passwd', 'a/../../b', '/abs/path', 'a//b', '.hidden', 'a/.env', 'a\\b', 'a/b/', '', 'nul\0byte', 'ổ-đĩa']) {
        await expect(storage.put(key, Buffer.from('x'), { contentType: 'text/plain' }), key).rejects.toMatchObject({ code: 'storage.invalid_key' });
        await expect(storage.get(key), key).rejects.toMatchObject({ code: 'storage.invalid_key' });
      }
    });
  });
}

describe('filesystem driver', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'opendvc-files-'));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
  const tmpEntries = () => (fs.existsSync(path.join(root, '.tmp')) ? fs.readdirSync(path.join(root, '.tmp')) : []);

  storageContract('filesystem', () => createFilesystemStorage(root), tmpEntries);

  it('keeps objects as files under the root, written atomically', async () => {
    const storage = createFilesystemStorage(root);
    await storage.put('a/b/c.txt', Buffer.from('nội dung'), { contentType: 'text/plain' });
    expect(fs.readFileSync(path.join(root, 'a', 'b', 'c.txt'), 'utf8')).toBe('nội dung');
    expect(tmpEntries()).toEqual([]);
  });

  it('treats a folder as no object', async () => {
    const storage = createFilesystemStorage(root);
    await storage.put('folder/inside.txt', Buffer.from('x'), { contentType: 'text/plain' });
    expect(await storage.exists('folder')).toBe(false);
    await expect(storage.get('folder')).rejects.toMatchObject({ code: 'storage.object_not_found' });
  });

  it('is the default driver, under DATA_DIR/files', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'opendvc-data-'));
    try {
      const storage = createObjectStorage(loadConfig({ DATA_DIR: dataDir }));
      expect(storage.driver).toBe('filesystem');
      await storage.put('x/y.txt', Buffer.from('ok'), { contentType: 'text/plain' });
      expect(fs.existsSync(path.join(dataDir, 'files', 'x', 'y.txt'))).toBe(true);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('s3 driver against s3rver on 127.0.0.1', () => {
  let server: Awaited<ReturnType<typeof startTestS3Server>>;
  const spoolDir = fs.mkdtempSync(path.join(os.tmpdir(), 'opendvc-spool-'));
  beforeAll(async () => {
    server = await startTestS3Server();
  });
  afterAll(async () => {
    await server.close();
    fs.rmSync(spoolDir, { recursive: true, force: true });
  });

  const make = () =>
    createS3Storage({
      endpoint: server.endpoint,
      region: 'us-east-1',
      bucket: server.bucket,
      accessKeyId: server.accessKeyId,
      secretAccessKey: server.secretAccessKey,
      forcePathStyle: true,
      spoolDir,
    });

  storageContract('s3', make, () => fs.readdirSync(spoolDir));

  it('is chosen by STORAGE_DRIVER=s3 and keeps type and SHA-256 with the object', async () => {
    const storage = createObjectStorage(
      loadConfig({
        STORAGE_DRIVER: 's3',
        S3_ENDPOINT: server.endpoint,
        S3_BUCKET: server.bucket,
        S3_ACCESS_KEY_ID: server.accessKeyId,
        S3_SECRET_ACCESS_KEY: server.secretAccessKey,
      }),
    ) as ReturnType<typeof createS3Storage>;
    expect(storage.driver).toBe('s3');
    const body = Buffer.from('%PDF-1.4 ...');
    await storage.put('typed/doc.pdf', body, { contentType: 'application/pdf' });
    const { HeadObjectCommand } = await import('@aws-sdk/client-s3');
    const head = await storage.client.send(new HeadObjectCommand({ Bucket: server.bucket, Key: 'typed/doc.pdf' }));
    expect(head.ContentType).toBe('application/pdf');
    expect(head.ContentLength).toBe(body.length);
    expect(head.Metadata?.sha256).toBe(sha256(body));
  });

  it('reports an unreachable store as unavailable', async () => {
    const storage = createS3Storage({ endpoint: 'http://127.0.0.1:1', region: 'us-east-1', bucket: 'x-bucket', accessKeyId: 'a', secretAccessKey: 'b', forcePathStyle: true, spoolDir });
    await expect(storage.put('a/b.txt', Buffer.from('x'), { contentType: 'text/plain' })).rejects.toMatchObject({ code: 'storage.unavailable', status: 503 });
  });
});

describe('storage configuration', () => {
  it('lists every missing S3 setting at once', () => {
    expect(() => loadConfig({ STORAGE_DRIVER: 's3' })).toThrow(/S3_BUCKET, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY: bắt buộc/);
    expect(() => loadConfig({ STORAGE_DRIVER: 'ftp', S3_ENDPOINT: 'nope' })).toThrow(/STORAGE_DRIVER[\s\S]*S3_ENDPOINT/);
  });

  it('addresses buckets by path when an endpoint is given, unless told otherwise', () => {
    expect(loadConfig({ S3_ENDPOINT: 'http://127.0.0.1:9000' }).s3ForcePathStyle).toBe(true);
    expect(loadConfig({}).s3ForcePathStyle).toBe(false);
    expect(loadConfig({ S3_ENDPOINT: 'http://127.0.0.1:9000', S3_FORCE_PATH_STYLE: 'false' }).s3ForcePathStyle).toBe(false);
  });
});
