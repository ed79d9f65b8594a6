/**
 * Backup round trip on the engine the suite runs on (PGlite, or PostgreSQL when DATABASE_URL is
 * set): seeded data, stored files and the signing keystore go into one archive, come back into an
 * empty database and empty folders, and every table and every file compares equal. Damaged,
 * tampered and too-new archives are refused before anything is touched; a non-empty target is
 * refused without --force.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../config/config.js';
import { openPgliteDataDir, openPostgres, pgliteExtensions, queryRows, type DatabaseHandle } from '../db/create-database.js';
import { recordAuditEvent } from '../audit/index.js';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { createFilesystemStorage, createS3Storage } from '../storage/index.js';
import { startTestS3Server } from '../../test/s3-server.js';
import { createBackup, restoreBackup, verifyBackup, type BackupConfig } from './backup.js';
import { readTar, writeTar, type TarEntrySource } from './tar.js';

const databaseUrl = process.env.DATABASE_URL;
const engine = databaseUrl ? 'postgres' : 'pglite';
const tmpRoot = path.resolve(import.meta.dirname, '../../../.tmp');
const SLOW = 600_000;

interface Target {
  config: BackupConfig;
  open(): Promise<DatabaseHandle>;
  drop(): Promise<void>;
}

let admin: pg.Client | undefined;

/** A data folder (and, on PostgreSQL, a database: a copy of the seeded template or an empty one). */
async function makeTarget(work: string, name: string, seeded: boolean): Promise<Target> {
  const dataDir = path.join(work, name);
  fs.mkdirSync(dataDir, { recursive: true });
  if (!databaseUrl) {
    if (seeded) {
      const client = await PGlite.create(path.join(dataDir, 'pglite'), {
        loadDataDir: new Blob([fs.readFileSync(inject('templatePglitePath'))]),
        extensions: pgliteExtensions,
      });
      await client.close();
    }
    return { config: loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir }), open: () => openPgliteDataDir(dataDir), drop: async () => {} };
  }
  const db = `${inject('templatePgDatabase')}_bk${name}_${randomBytes(3).toString('hex')}`;
  await admin!.query(seeded ? `CREATE DATABASE ${db} TEMPLATE ${inject('templatePgDatabase')}` : `CREATE DATABASE ${db}`);
  const url = new URL(databaseUrl);
  url.pathname = `/${db}`;
  return {
    config: loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, DATABASE_URL: url.toString() }),
    open: async () => openPostgres(url.toString(), 2),
    drop: async () => {
      await admin!.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
    },
  };
}

/** Row count and a content hash of every table of every schema, audit rows of backups left out. */
async function tableDigests(target: Target): Promise<Record<string, { rows: number; hash: string }>> {
  const handle = await target.open();
  try {
    const tables = await queryRows<{ schema: string; name: string }>(
      handle.db,
      sql.raw(`SELECT n.nspname AS schema, c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%' AND n.nspname NOT LIKE 'pg_temp%'
        ORDER BY 1, 2`),
    );
    const out: Record<string, { rows: number; hash: string }> = {};
    for (const t of tables) {
      const where = t.schema === 'public' && t.name === 'audit_events' ? ` WHERE t.action NOT LIKE 'BACKUP\\_%'` : '';
      const [row] = await queryRows<{ n: number; h: string }>(
        handle.db,
        sql.raw(`SELECT count(*)::int AS n, md5(coalesce(string_agg(md5(t::text), '' ORDER BY md5(t::text)), '')) AS h FROM "${t.schema}"."${t.name}" t${where}`),
      );
      out[`${t.schema}.${t.name}`] = { rows: row!.n, hash: row!.h };
    }
    return out;
  } finally {
    await handle.close();
  }
}

/** SHA-256 of every file under root, by relative path. */
function folderDigests(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!fs.existsSync(root)) return out;
  for (const rel of fs.readdirSync(root, { recursive: true, encoding: 'utf8' })) {
    const file = path.join(root, rel);
    if (rel.split(path.sep)[0] === '.tmp' || !fs.statSync(file).isFile()) continue;
    out[rel.split(path.sep).join('/')] = createHash('sha256').update(fs.readFileSync(file)).digest('hex');
  }
  return out;
}

async function auditActions(target: Target, action: string): Promise<number> {
  const handle = await target.open();
  try {
    const [row] = await queryRows<{ n: number }>(handle.db, sql`SELECT count(*)::int AS n FROM audit_events WHERE action = ${action}`);
    return row!.n;
  } finally {
    await handle.close();
  }
}

/** Rewrites an archive, changing entries on the way (tests of what restore refuses). */
async function rewriteArchive(from: string, to: string, change: (name: string, body: Buffer) => Buffer) {
  const entries: TarEntrySource[] = [];
  await readTar(zlibChunks(from), async (entry) => {
    const chunks: Buffer[] = [];
    for await (const c of entry.body) chunks.push(c);
    const body = change(entry.name, Buffer.concat(chunks));
    entries.push({ name: entry.name, size: body.length, open: async () => Readable.from([body]) });
  });
  await pipeline(Readable.from(writeTar(entries)), zlib.createGzip(), fs.createWriteStream(to));
}

const zlibChunks = (file: string) => fs.createReadStream(file).pipe(zlib.createGunzip()) as AsyncIterable<Buffer>;

const codeOf = async (p: Promise<unknown>) => p.then(() => 'no error', (e: { code?: string; message?: string }) => e.code ?? e.message);

describe(`backup and restore (${engine})`, () => {
  let work: string;
  let source: Target;
  let archive: string;
  const targets: Target[] = [];
  const progress: string[] = [];
  const longKey = `dossiers/dos_${'x'.repeat(40)}/attachments/${'y'.repeat(60)}/giay-to-tuy-than.pdf`;

  beforeAll(async () => {
    fs.mkdirSync(tmpRoot, { recursive: true });
    work = fs.mkdtempSync(path.join(tmpRoot, 'backup-test-'));
    if (databaseUrl) {
      admin = new pg.Client({ connectionString: databaseUrl });
      await admin.connect();
    }
    source = await makeTarget(work, 'source', true);
    targets.push(source);
    // Data of our own beside the seed, and stored files and keystore files to carry over.
    const handle = await source.open();
    try {
      await recordAuditEvent({ db: handle.db, event: { action: 'USER_SIGNED_IN', outcome: 'SUCCESS', subject: 'user:usr_backup', details: { tên: 'Nguyễn Văn Á' } } });
    } finally {
      await handle.close();
    }
    const storage = createFilesystemStorage(path.join(source.config.dataDir, 'files'));
    await storage.put('dossiers/dos_1/don-de-nghi.pdf', Buffer.from('%PDF-1.7 đơn đề nghị'), { contentType: 'application/pdf' });
    await storage.put('dossiers/dos_1/anh.jpg', randomBytes(300_000), { contentType: 'image/jpeg' });
    await storage.put(longKey, randomBytes(1025), { contentType: 'application/pdf' });
    await storage.put('empty.txt', Buffer.alloc(0), { contentType: 'text/plain' });
    fs.cpSync(inject('signingKeystoreDir'), source.config.signingKeystoreDir, { recursive: true });

    archive = path.join(work, 'backup.tar.gz');
    const result = await createBackup({ config: source.config, out: archive, report: (line) => progress.push(line) });
    expect(result.manifest.engine).toBe(engine);
  }, SLOW);

  afterAll(async () => {
    for (const t of targets) await t.drop().catch(() => {});
    await admin?.end();
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  it('writes a manifest with checksums, sizes, times and the migration level, and audits the backup', async () => {
    const manifest = await verifyBackup(archive);
    expect(manifest.formatVersion).toBe(1);
    expect(manifest.app.name).toBe('opendvc');
    expect(manifest.migrations.applied).toBeGreaterThan(0);
    expect(manifest.migrations.lastTag).toMatch(/^\d{4}_/);
    expect(manifest.createdAtLocal).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00$/);
    expect(new Date(manifest.createdAtLocal).getTime()).toBe(Math.floor(new Date(manifest.createdAt).getTime() / 1000) * 1000);
    const files = manifest.entries.filter((e) => e.kind === 'file').map((e) => e.path).sort();
    expect(files).toEqual(['files/dossiers/dos_1/anh.jpg', 'files/dossiers/dos_1/don-de-nghi.pdf', `files/${longKey}`, 'files/empty.txt'].sort());
    const keystore = manifest.entries.filter((e) => e.kind === 'keystore').map((e) => e.path.slice('keystore/'.length)).sort();
    expect(keystore).toEqual(Object.keys(folderDigests(inject('signingKeystoreDir'))).sort());
    const pdf = manifest.entries.find((e) => e.path === 'files/dossiers/dos_1/don-de-nghi.pdf')!;
    expect(pdf.size).toBe(Buffer.byteLength('%PDF-1.7 đơn đề nghị'));
    expect(pdf.sha256).toBe(createHash('sha256').update('%PDF-1.7 đơn đề nghị').digest('hex'));
    expect(progress.some((l) => l.startsWith('Đã tạo bản sao lưu'))).toBe(true);
    expect(await auditActions(source, 'BACKUP_CREATED')).toBe(1);
  });

  it('restores into an empty database and empty folders: every table and every file compares equal', async () => {
    const target = await makeTarget(work, 'empty', false);
    targets.push(target);
    const lines: string[] = [];
    const result = await restoreBackup({ config: target.config, file: archive, report: (l) => lines.push(l) });
    expect(result.files).toBe(4);
    expect(lines[0]).toMatch(/^Đang kiểm tra mã băm/);
    expect(lines.at(-1)).toMatch(/^Khôi phục xong/);

    const before = await tableDigests(source);
    const after = await tableDigests(target);
    expect(Object.keys(before).length).toBeGreaterThan(20);
    expect(Object.values(before).some((t) => t.rows > 0)).toBe(true);
    expect(after).toEqual(before);
    expect(folderDigests(path.join(target.config.dataDir, 'files'))).toEqual(folderDigests(path.join(source.config.dataDir, 'files')));
    expect(folderDigests(target.config.signingKeystoreDir)).toEqual(folderDigests(source.config.signingKeystoreDir));
    expect(await auditActions(target, 'BACKUP_RESTORED')).toBe(1);
    expect(await auditActions(target, 'USER_SIGNED_IN')).toBe(await auditActions(source, 'USER_SIGNED_IN'));

    // The same target now holds data: refused without --force, replaced with it.
    fs.writeFileSync(path.join(target.config.dataDir, 'files', 'extra.txt'), 'không có trong bản sao lưu');
    expect(await codeOf(restoreBackup({ config: target.config, file: archive }))).toBe('backup.target_not_empty');
    expect(fs.existsSync(path.join(target.config.dataDir, 'files', 'extra.txt'))).toBe(true);
    await restoreBackup({ config: target.config, file: archive, force: true });
    expect(await tableDigests(target)).toEqual(before);
    expect(folderDigests(path.join(target.config.dataDir, 'files'))).toEqual(folderDigests(path.join(source.config.dataDir, 'files')));
    expect(await auditActions(target, 'BACKUP_RESTORED')).toBe(1);
  }, SLOW);

  it('refuses a damaged archive, a changed entry and a backup from a newer migration level, touching nothing', async () => {
    const target = await makeTarget(work, 'untouched', false);
    targets.push(target);
    const filesDir = path.join(target.config.dataDir, 'files');

    const truncated = path.join(work, 'truncated.tar.gz');
    fs.writeFileSync(truncated, fs.readFileSync(archive).subarray(0, Math.floor(fs.statSync(archive).size / 2)));
    expect(await codeOf(restoreBackup({ config: target.config, file: truncated }))).toBe('backup.corrupt');

    const flipped = path.join(work, 'flipped.tar.gz');
    const bytes = fs.readFileSync(archive);
    const at = Math.floor(bytes.length / 3);
    bytes[at] = bytes[at]! ^ 0xff;
    fs.writeFileSync(flipped, bytes);
    expect(await codeOf(restoreBackup({ config: target.config, file: flipped }))).toBe('backup.corrupt');

    // A well-formed archive whose file no longer matches its checksum.
    const changed = path.join(work, 'changed.tar.gz');
    await rewriteArchive(archive, changed, (name, body) => (name === 'files/dossiers/dos_1/don-de-nghi.pdf' ? Buffer.from('%PDF-1.7 đơn đã sửa') : body));
    expect(await codeOf(restoreBackup({ config: target.config, file: changed }))).toBe('backup.corrupt');

    const newer = path.join(work, 'newer.tar.gz');
    await rewriteArchive(archive, newer, (name, body) => {
      if (name !== 'manifest.json') return body;
      const manifest = JSON.parse(body.toString('utf8')) as { migrations: { applied: number } };
      manifest.migrations.applied = 9999;
      return Buffer.from(JSON.stringify(manifest));
    });
    expect(await codeOf(restoreBackup({ config: target.config, file: newer }))).toBe('backup.incompatible');

    expect(fs.existsSync(filesDir) ? fs.readdirSync(filesDir) : []).toEqual([]);
    expect(fs.existsSync(path.join(target.config.dataDir, 'pglite'))).toBe(false);
    if (databaseUrl) {
      const handle = await target.open();
      try {
        const [row] = await queryRows<{ n: number }>(handle.db, sql`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')`);
        expect(row!.n).toBe(0);
      } finally {
        await handle.close();
      }
    }
  }, SLOW);

  it('refuses while a server holds the database (PGlite: the folder lock; PostgreSQL: a connected node, for restore)', async () => {
    if (databaseUrl) {
      // A node of the application connected to the target (application_name opendvc).
      const node = await source.open();
      try {
        await node.probe();
        expect(await codeOf(restoreBackup({ config: source.config, file: archive, force: true }))).toBe('backup.database_busy');
      } finally {
        await node.close();
      }
      return;
    }
    const lock = path.join(source.config.dataDir, 'pglite.lock');
    // The parent process (the test runner) is alive: its lock is not abandoned.
    fs.writeFileSync(lock, JSON.stringify({ pid: process.ppid, host: os.hostname(), since: new Date().toISOString() }));
    try {
      const create = createBackup({ config: source.config, out: path.join(work, 'locked.tar.gz') });
      await expect(create).rejects.toMatchObject({ code: 'backup.database_busy', message: expect.stringContaining(`tiến trình ${process.ppid}`) });
      expect(fs.existsSync(path.join(work, 'locked.tar.gz'))).toBe(false);
      expect(await codeOf(restoreBackup({ config: source.config, file: archive, force: true }))).toBe('backup.database_busy');
    } finally {
      fs.rmSync(lock, { force: true });
    }
  });

  it('carries the objects of an S3 bucket (content types included) into another bucket', async () => {
    const from = await startTestS3Server('opendvc-source');
    const to = await startTestS3Server('opendvc-target');
    try {
      const s3 = (server: typeof from) => ({ storageDriver: 's3' as const, s3Endpoint: server.endpoint, s3Region: 'us-east-1', s3Bucket: server.bucket, s3AccessKeyId: server.accessKeyId, s3SecretAccessKey: server.secretAccessKey, s3ForcePathStyle: true });
      const storageOf = (server: typeof from) => createS3Storage({ endpoint: server.endpoint, region: 'us-east-1', bucket: server.bucket, accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey, forcePathStyle: true });
      await storageOf(from).put('dossiers/dos_2/quyet-dinh.pdf', Buffer.from('%PDF-1.7 quyết định'), { contentType: 'application/pdf' });
      await storageOf(from).put(longKey, randomBytes(70_000), { contentType: 'image/png' });
      const s3Archive = path.join(work, 'backup-s3.tar.gz');
      await createBackup({ config: { ...source.config, ...s3(from) }, out: s3Archive });

      const target = await makeTarget(work, 's3target', false);
      targets.push(target);
      const result = await restoreBackup({ config: { ...target.config, ...s3(to) }, file: s3Archive });
      expect(result.files).toBe(2);
      const objects = async (server: typeof from) => {
        const client = storageOf(server).client;
        const list = await client.send(new ListObjectsV2Command({ Bucket: server.bucket }));
        const out: Record<string, { sha256: string; type?: string }> = {};
        for (const o of list.Contents ?? []) {
          const got = await client.send(new GetObjectCommand({ Bucket: server.bucket, Key: o.Key! }));
          out[o.Key!] = { sha256: createHash('sha256').update(Buffer.from(await got.Body!.transformToByteArray())).digest('hex'), type: got.ContentType };
        }
        return out;
      };
      const expected = await objects(from);
      expect(Object.keys(expected).sort()).toEqual(['dossiers/dos_2/quyet-dinh.pdf', longKey].sort());
      expect(await objects(to)).toEqual(expected);
      expect(await tableDigests(target)).toEqual(await tableDigests(source));
      // A non-empty bucket is a non-empty target.
      const again = makeTarget(work, 's3again', false);
      const other = await again;
      targets.push(other);
      expect(await codeOf(restoreBackup({ config: { ...other.config, ...s3(to) }, file: s3Archive }))).toBe('backup.target_not_empty');
    } finally {
      await from.close();
      await to.close();
    }
  }, SLOW);

  it('keeps PGlite and PostgreSQL archives apart', async () => {
    const other = databaseUrl ? loadConfig({ NODE_ENV: 'test', DATA_DIR: path.join(work, 'other') }) : loadConfig({ NODE_ENV: 'test', DATA_DIR: path.join(work, 'other'), DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
    expect(await codeOf(restoreBackup({ config: other, file: archive }))).toBe('backup.incompatible');
  });
});
