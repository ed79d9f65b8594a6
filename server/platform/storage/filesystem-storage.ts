/**
 * Filesystem driver: objects are files under `root` (DATA_DIR/files). A write goes to a temporary
 * file in `root/.tmp` (same filesystem) and is renamed into place once complete, so readers never
 * see half an object and a failed write leaves nothing behind.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { assertValidObjectKey, createDigestStream, digestBuffer, type ObjectStorage } from './object-storage.js';
import { createInvalidObjectKeyError, createObjectNotFoundError } from './storage.errors.js';

export function createFilesystemStorage(root: string): ObjectStorage {
  const base = path.resolve(root);
  const tmpDir = path.join(base, '.tmp');

  const fileOf = (key: string) => {
    assertValidObjectKey(key);
    const file = path.resolve(base, ...key.split('/'));
    // The key rules already exclude escapes; this is the second line of defence.
    if (!file.startsWith(base + path.sep)) throw createInvalidObjectKeyError({ details: { key } });
    return file;
  };

  return {
    driver: 'filesystem',

    async put(key, body) {
      const file = fileOf(key);
      await fs.promises.mkdir(tmpDir, { recursive: true });
      const tmp = path.join(tmpDir, `${randomBytes(12).toString('hex')}.part`);
      try {
        let stored;
        if (Buffer.isBuffer(body)) {
          stored = digestBuffer(body);
          await fs.promises.writeFile(tmp, body, { flag: 'wx' });
        } else {
          const digest = createDigestStream();
          await pipeline(body, digest.stream, fs.createWriteStream(tmp, { flags: 'wx' }));
          stored = digest.result();
        }
        const handle = await fs.promises.open(tmp, 'r+');
        try {
          await handle.sync();
        } finally {
          await handle.close();
        }
        await fs.promises.mkdir(path.dirname(file), { recursive: true });
        await fs.promises.rename(tmp, file);
        return stored;
      } catch (e) {
        await fs.promises.rm(tmp, { force: true });
        throw e;
      }
    },

    async get(key) {
      const file = fileOf(key);
      let handle: fs.promises.FileHandle;
      try {
        handle = await fs.promises.open(file, 'r');
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'EISDIR') {
          throw createObjectNotFoundError({ details: { key } });
        }
        throw e;
      }
      const stat = await handle.stat();
      if (!stat.isFile()) {
        await handle.close();
        throw createObjectNotFoundError({ details: { key } });
      }
      return handle.createReadStream() as unknown as Readable;
    },

    async delete(key) {
      await fs.promises.rm(fileOf(key), { force: true });
    },

    async exists(key) {
      try {
        return (await fs.promises.stat(fileOf(key))).isFile();
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
        throw e;
      }
    },
  };
}
