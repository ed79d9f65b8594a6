/**
 * Backup and restore of one installation: the database (pg_dump custom format on PostgreSQL,
 * the data-folder dump on PGlite), the stored files (filesystem folder or S3 bucket) and the
 * signing keystore, in one tar.gz with a manifest.json of per-entry SHA-256 and sizes.
 *
 * Archive layout:
 *   database/postgres.dump         pg_dump --format=custom (PostgreSQL)
 *   database/pglite-datadir.tar    PGlite's dumpDataDir (embedded engine)
 *   files/{object key}             every stored object
 *   keystore/{relative path}       every file of SIGNING_KEYSTORE_DIR
 *   manifest.json                  last, written once every checksum is known
 *
 * Restore reads the archive twice: first to verify every checksum against the manifest (nothing
 * is touched before that succeeds), then to put the entries in place.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { PGlite } from '@electric-sql/pglite';
import { ListObjectsV2Command, GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import type { Config } from '../config/config.js';
import { openPgliteDataDir, openPostgres, pgliteExtensions, queryRows, wrapPglite, createDataDirLockedError, type DatabaseHandle } from '../db/create-database.js';
import { acquireDataDirLock } from '../db/data-dir-lock.js';
import { appliedMigrationCount, expectedMigrationCount, migrationsFolder } from '../db/migrate.js';
import { recordAuditEvent } from '../audit/index.js';
import { assertValidObjectKey, createConfiguredS3Storage, createFilesystemStorage, type ObjectStorage } from '../storage/index.js';
import { readTar, TarFormatError, writeTar, type TarEntrySource } from './tar.js';
import {
  createBackupCorruptError,
  createBackupDatabaseBusyError,
  createBackupIncompatibleError,
  createBackupTargetNotEmptyError,
  createBackupToolError,
} from './backup.errors.js';

export const BACKUP_FORMAT_VERSION = 1;
const MANIFEST = 'manifest.json';
const PG_DUMP_ENTRY = 'database/postgres.dump';
const PGLITE_ENTRY = 'database/pglite-datadir.tar';

export type BackupConfig = Pick<
  Config,
  'databaseUrl' | 'dataDir' | 'storageDriver' | 's3Endpoint' | 's3Region' | 's3Bucket' | 's3AccessKeyId' | 's3SecretAccessKey' | 's3ForcePathStyle' | 'signingKeystoreDir' | 'backupPgBinDir'
>;

export interface ManifestEntry {
  path: string;
  kind: 'database' | 'file' | 'keystore';
  size: number;
  sha256: string;
  contentType?: string;
}

export interface BackupManifest {
  formatVersion: number;
  app: { name: string; version: string };
  engine: 'pglite' | 'postgres';
  database: { serverVersion: string; dumpTool?: string };
  migrations: { applied: number; lastTag: string | null };
  storage: { driver: 'filesystem' | 's3'; bucket?: string };
  /** ISO 8601, UTC. */
  createdAt: string;
  /** The same instant in Asia/Ho_Chi_Minh (UTC+7), e.g. 2026-12-05T00:20:00+07:00. */
  createdAtLocal: string;
  entries: ManifestEntry[];
  totals: { files: number; keystoreFiles: number; bytes: number };
}

/** Progress lines for the operator (Vietnamese first). */
export type Report = (line: string) => void;

const appVersion = (): string =>
  (JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../../package.json'), 'utf8')) as { version: string }).version;

/** `2026-12-05T00:20:00+07:00` for an instant (Viet Nam keeps UTC+7 all year). */
export function vietnamTimestamp(at: Date): string {
  return `${new Date(at.getTime() + 7 * 3600_000).toISOString().slice(0, 19)}+07:00`;
}

function migrationTag(applied: number): string | null {
  if (applied <= 0) return null;
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as { entries: { tag: string }[] };
  return journal.entries[applied - 1]?.tag ?? null;
}

const formatBytes = (n: number) => (n >= 1 << 20 ? `${(n / (1 << 20)).toFixed(1)} MiB` : n >= 1024 ? `${(n / 1024).toFixed(1)} KiB` : `${n} B`);

// --- PostgreSQL client tools ---------------------------------------------------------------

function pgBin(config: BackupConfig, name: 'pg_dump' | 'pg_restore'): string {
  return config.backupPgBinDir ? path.join(config.backupPgBinDir, name) : name;
}

/** The connection string without its password (kept out of the process list) and the environment that carries it. */
function pgTarget(databaseUrl: string): { url: string; env: NodeJS.ProcessEnv } {
  const url = new URL(databaseUrl);
  const password = decodeURIComponent(url.password);
  url.password = '';
  return { url: url.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } };
}

function runTool(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
    child.on('error', (e) =>
      reject(createBackupToolError({ message: `Không chạy được ${command} (${(e as NodeJS.ErrnoException).code ?? e.message}); cài postgresql-client hoặc đặt BACKUP_PG_BIN_DIR / cannot run ${command}`, cause: e })),
    );
    child.on('close', (code) => {
      if (code === 0) resolve(stdout);
      else reject(createBackupToolError({ message: `${path.basename(command)} thất bại (mã ${code}) / failed:\n${stderr.trim()}`, details: { command: path.basename(command), exitCode: code } }));
    });
  });
}

async function toolVersion(command: string): Promise<{ text: string; major: number }> {
  const text = (await runTool(command, ['--version'], process.env)).trim();
  const major = Number(/(\d+)(?:\.\d+)?/.exec(text)?.[1] ?? NaN);
  return { text, major };
}

async function withPgClient<T>(databaseUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'opendvc-backup' });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const userTablesSql = `SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%' AND n.nspname NOT LIKE 'pg_temp%'`;

// --- Files and keystore ----------------------------------------------------------------------

/** Relative `/`-separated paths of the regular files under root (none when it does not exist). */
async function listFolder(root: string, skipTop: string[] = []): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string, rel: string, depth: number) => {
    if (depth > 64) return;
    let items: fs.Dirent[];
    try {
      items = await fs.promises.readdir(dir, { withFileTypes: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw e;
    }
    for (const item of items.sort((a, b) => a.name.localeCompare(b.name))) {
      if (depth === 0 && skipTop.includes(item.name)) continue;
      const relPath = rel ? `${rel}/${item.name}` : item.name;
      if (item.isDirectory()) await walk(path.join(dir, item.name), relPath, depth + 1);
      else if (item.isFile()) out.push(relPath);
    }
  };
  await walk(root, '', 0);
  return out;
}

interface StorageAccess {
  driver: 'filesystem' | 's3';
  storage: ObjectStorage;
  root?: string;
  s3?: { client: S3Client; bucket: string };
}

function openStorage(config: BackupConfig): StorageAccess {
  if (config.storageDriver === 's3') {
    const storage = createConfiguredS3Storage(config);
    return { driver: 's3', storage, s3: { client: storage.client, bucket: config.s3Bucket! } };
  }
  const root = path.join(config.dataDir, 'files');
  return { driver: 'filesystem', storage: createFilesystemStorage(root), root };
}

/** Every object key of the store (filesystem: the files folder without its `.tmp`; S3: the whole bucket). */
async function listObjects(access: StorageAccess, limit = Infinity): Promise<string[]> {
  if (access.root) return (await listFolder(access.root, ['.tmp'])).slice(0, Number.isFinite(limit) ? limit : undefined);
  const keys: string[] = [];
  let token: string | undefined;
  // One page per round; a bucket of a million objects takes a thousand rounds.
  for (let page = 0; page < 1_000_000; page++) {
    const answer = await access.s3!.client.send(new ListObjectsV2Command({ Bucket: access.s3!.bucket, ContinuationToken: token, MaxKeys: 1000 }));
    for (const o of answer.Contents ?? []) if (o.Key) keys.push(o.Key);
    if (!answer.IsTruncated || keys.length >= limit) break;
    token = answer.NextContinuationToken;
  }
  return Number.isFinite(limit) ? keys.slice(0, limit) : keys;
}

/** A keystore path inside the archive, checked so that it cannot leave the keystore folder. */
function safeRelative(rel: string): boolean {
  return rel.length > 0 && rel.length <= 1000 && !rel.startsWith('/') && rel.split('/').every((s) => s !== '' && s !== '.' && s !== '..' && !s.includes('\\') && !s.includes('\0'));
}

// --- Create ------------------------------------------------------------------------------------

export interface CreateBackupResult {
  file: string;
  size: number;
  sha256: string;
  manifest: BackupManifest;
}

export async function createBackup({ config, out, report = () => {}, now = () => new Date() }: { config: BackupConfig; out: string; report?: Report; now?: () => Date }): Promise<CreateBackupResult> {
  const target = path.resolve(out);
  await fs.promises.mkdir(path.dirname(target), { recursive: true });
  const work = await fs.promises.mkdtemp(path.join(path.dirname(target), '.opendvc-backup-'));
  const engine = config.databaseUrl ? 'postgres' : 'pglite';
  let handle: DatabaseHandle | undefined;
  try {
    // 1. The database, first: files copied afterwards cover every file it refers to.
    const dumpFile = path.join(work, 'database');
    let database: BackupManifest['database'];
    let applied: number;
    if (engine === 'pglite') {
      report(`Mở cơ sở dữ liệu nhúng (PGlite) trong ${config.dataDir} / opening the embedded database`);
      handle = await openPgliteLocked(config.dataDir);
      applied = await appliedMigrationCount(handle);
      const [version] = await queryRows<{ v: string }>(handle.db, sql`SELECT current_setting('server_version') AS v`);
      report('Đang xuất thư mục dữ liệu PGlite / dumping the PGlite data folder');
      const dump = await handle.pglite!.dumpDataDir('none');
      await fs.promises.writeFile(dumpFile, Buffer.from(await dump.arrayBuffer()), { mode: 0o600 });
      database = { serverVersion: `PGlite (PostgreSQL ${version?.v ?? '?'})` };
    } else {
      const url = config.databaseUrl!;
      const tool = await toolVersion(pgBin(config, 'pg_dump'));
      const info = await withPgClient(url, async (client) => {
        const v = await client.query<{ v: string; num: string }>(`SELECT current_setting('server_version') AS v, current_setting('server_version_num') AS num`);
        return { version: v.rows[0]!.v, major: Math.floor(Number(v.rows[0]!.num) / 10000) };
      });
      if (!(tool.major >= info.major)) {
        throw createBackupToolError({ message: `${tool.text} cũ hơn máy chủ PostgreSQL ${info.version}; cần pg_dump phiên bản ${info.major} trở lên (BACKUP_PG_BIN_DIR) / pg_dump is older than the server` });
      }
      handle = openPostgres(url, 2);
      applied = await appliedMigrationCount(handle);
      report(`Đang chạy pg_dump (${tool.text}, máy chủ ${info.version}) / dumping the database`);
      const { url: dbname, env } = pgTarget(url);
      await runTool(pgBin(config, 'pg_dump'), ['--format=custom', '--no-owner', '--no-privileges', `--file=${dumpFile}`, `--dbname=${dbname}`], env);
      database = { serverVersion: `PostgreSQL ${info.version}`, dumpTool: tool.text };
    }
    const dumpSize = (await fs.promises.stat(dumpFile)).size;
    report(`Đã xuất cơ sở dữ liệu: ${formatBytes(dumpSize)}, mức migration ${applied} / database dumped`);

    // 2. Stored files and the keystore, streamed into the archive.
    const access = openStorage(config);
    const keys = await listObjects(access);
    const keystoreFiles = await listFolder(config.signingKeystoreDir);
    report(`Tệp lưu trữ (${access.driver}): ${keys.length}; tệp kho khoá ký số: ${keystoreFiles.length} / stored files, keystore files`);

    const written: ManifestEntry[] = [];
    const kinds = new Map<string, { kind: ManifestEntry['kind']; contentType?: string }>();
    let skipped = 0;
    let filesDone = 0;
    async function* entries(): AsyncGenerator<TarEntrySource> {
      const dumpName = engine === 'pglite' ? PGLITE_ENTRY : PG_DUMP_ENTRY;
      kinds.set(dumpName, { kind: 'database' });
      yield { name: dumpName, size: dumpSize, open: async () => fs.createReadStream(dumpFile) };
      for (const key of keys) {
        const name = `files/${key}`;
        if (access.root) {
          const file = path.join(access.root, ...key.split('/'));
          const stat = await fs.promises.stat(file).catch(() => undefined);
          if (!stat) {
            skipped += 1;
            continue;
          }
          kinds.set(name, { kind: 'file' });
          yield { name, size: stat.size, mtime: stat.mtime, open: async () => fs.createReadStream(file) };
        } else {
          const answer = await access.s3!.client.send(new GetObjectCommand({ Bucket: access.s3!.bucket, Key: key })).catch(() => undefined);
          if (!answer?.Body) {
            skipped += 1;
            continue;
          }
          kinds.set(name, { kind: 'file', contentType: answer.ContentType });
          yield { name, size: Number(answer.ContentLength ?? 0), mtime: answer.LastModified, open: async () => answer.Body as Readable };
        }
        filesDone += 1;
        if (filesDone % 500 === 0) report(`  … ${filesDone} / ${keys.length} tệp`);
      }
      for (const rel of keystoreFiles) {
        const file = path.join(config.signingKeystoreDir, ...rel.split('/'));
        const stat = await fs.promises.stat(file);
        kinds.set(`keystore/${rel}`, { kind: 'keystore' });
        yield { name: `keystore/${rel}`, size: stat.size, mtime: stat.mtime, open: async () => fs.createReadStream(file) };
      }
      // The manifest, last: it lists every entry written before it.
      const at = now();
      const manifest: BackupManifest = {
        formatVersion: BACKUP_FORMAT_VERSION,
        app: { name: 'opendvc', version: appVersion() },
        engine,
        database,
        migrations: { applied, lastTag: migrationTag(applied) },
        storage: access.driver === 's3' ? { driver: 's3', bucket: access.s3!.bucket } : { driver: 'filesystem' },
        createdAt: at.toISOString(),
        createdAtLocal: vietnamTimestamp(at),
        entries: written,
        totals: {
          files: written.filter((e) => e.kind === 'file').length,
          keystoreFiles: written.filter((e) => e.kind === 'keystore').length,
          bytes: written.reduce((sum, e) => sum + e.size, 0),
        },
      };
      manifestOut = manifest;
      const body = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
      yield { name: MANIFEST, size: body.length, mtime: at, open: async () => Readable.from([body]) };
    }
    let manifestOut: BackupManifest | undefined;
    const partial = `${target}.partial`;
    const archiveHash = createHash('sha256');
    let archiveSize = 0;
    await pipeline(
      Readable.from(
        writeTar(entries(), (e) => {
          if (e.name !== MANIFEST) written.push({ path: e.name, size: e.size, sha256: e.sha256, ...kinds.get(e.name)! });
        }),
      ),
      zlib.createGzip({ level: 6 }),
      async function* (source: AsyncIterable<Buffer>) {
        for await (const chunk of source) {
          archiveHash.update(chunk);
          archiveSize += chunk.length;
          yield chunk;
        }
      },
      fs.createWriteStream(partial, { mode: 0o600 }),
    );
    const fd = await fs.promises.open(partial, 'r+');
    try {
      await fd.sync();
    } finally {
      await fd.close();
    }
    await fs.promises.rename(partial, target);
    const manifest = manifestOut!;
    const sha256 = archiveHash.digest('hex');
    if (skipped > 0) report(`Bỏ qua ${skipped} tệp đã bị xoá trong lúc sao lưu / files deleted during the backup were skipped`);
    report(`Đã tạo bản sao lưu ${target}: ${formatBytes(archiveSize)}, ${manifest.entries.length} mục, SHA-256 ${sha256} / backup written`);

    if (applied > 0) {
      await recordAuditEvent({
        db: handle.db,
        event: {
          action: 'BACKUP_CREATED',
          outcome: 'SUCCESS',
          subject: `backup:${path.basename(target)}`,
          details: { file: target, size: archiveSize, sha256, engine, migrations: applied, files: manifest.totals.files, keystoreFiles: manifest.totals.keystoreFiles, createdAt: manifest.createdAt },
        },
      });
    }
    return { file: target, size: archiveSize, sha256, manifest };
  } finally {
    await handle?.close();
    await fs.promises.rm(work, { recursive: true, force: true });
    await fs.promises.rm(`${target}.partial`, { force: true });
  }
}

async function openPgliteLocked(dataDir: string): Promise<DatabaseHandle> {
  try {
    return await openPgliteDataDir(dataDir);
  } catch (e) {
    if ((e as { code?: string }).code === createDataDirLockedError.code) throw busyError(dataDir, (e as { details?: { owner?: { pid?: number; host?: string } } }).details?.owner);
    throw e;
  }
}

function busyError(dataDir: string, owner?: { pid?: number; host?: string }) {
  return createBackupDatabaseBusyError({
    message: `Thư mục dữ liệu ${dataDir} đang được tiến trình ${owner?.pid ?? '?'} (máy ${owner?.host ?? '?'}) giữ; hãy dừng máy chủ OpenDVC rồi chạy lại / the data folder is locked by a running server`,
    details: { dataDir, owner },
  });
}

// --- Verify ------------------------------------------------------------------------------------

function archiveChunks(file: string): AsyncIterable<Buffer> {
  const gunzip = zlib.createGunzip();
  const source = fs.createReadStream(file);
  source.on('error', (e) => gunzip.destroy(e));
  return source.pipe(gunzip) as AsyncIterable<Buffer>;
}

const corrupt = (reason: string, cause?: unknown) =>
  createBackupCorruptError({ message: `Tệp sao lưu bị hỏng hoặc không đầy đủ (${reason}); không có gì bị thay đổi / the backup is damaged: nothing was changed`, details: { reason }, cause });

/** Reads the whole archive and checks every entry against the manifest. Returns the manifest. */
export async function verifyBackup(file: string): Promise<BackupManifest> {
  const seen = new Map<string, { size: number; sha256: string }>();
  let manifest: BackupManifest | undefined;
  try {
    await readTar(archiveChunks(file), async (entry) => {
      if (seen.has(entry.name)) throw corrupt(`mục trùng ${entry.name}`);
      const hash = createHash('sha256');
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of entry.body) {
        hash.update(chunk);
        size += chunk.length;
        if (entry.name === MANIFEST && size <= 64 << 20) chunks.push(chunk);
      }
      seen.set(entry.name, { size, sha256: hash.digest('hex') });
      if (entry.name === MANIFEST) {
        try {
          manifest = JSON.parse(Buffer.concat(chunks).toString('utf8')) as BackupManifest;
        } catch (e) {
          throw corrupt('manifest.json không đọc được', e);
        }
      }
    });
  } catch (e) {
    if ((e as { code?: string }).code === createBackupCorruptError.code) throw e;
    if (e instanceof TarFormatError || (e as NodeJS.ErrnoException).code?.startsWith('Z_')) throw corrupt((e as Error).message, e);
    throw e;
  }
  if (!manifest || !Array.isArray(manifest.entries)) throw corrupt('thiếu manifest.json');
  if (manifest.formatVersion !== BACKUP_FORMAT_VERSION) {
    throw createBackupIncompatibleError({ message: `Định dạng sao lưu ${String(manifest.formatVersion)} không được hỗ trợ (hỗ trợ ${BACKUP_FORMAT_VERSION}) / unsupported backup format` });
  }
  const listed = new Set<string>();
  for (const e of manifest.entries) {
    const got = seen.get(e.path);
    if (!got) throw corrupt(`thiếu ${e.path}`);
    if (got.size !== e.size || got.sha256 !== e.sha256) throw corrupt(`sai mã băm SHA-256 của ${e.path}`);
    if (e.kind === 'file') assertValidObjectKey(e.path.slice('files/'.length));
    else if (e.kind === 'keystore' && !safeRelative(e.path.slice('keystore/'.length))) throw corrupt(`đường dẫn không hợp lệ ${e.path}`);
    listed.add(e.path);
  }
  for (const name of seen.keys()) if (name !== MANIFEST && !listed.has(name)) throw corrupt(`mục ${name} không có trong manifest.json`);
  if (!manifest.entries.some((e) => e.kind === 'database')) throw corrupt('thiếu cơ sở dữ liệu');
  return manifest;
}

// --- Restore -----------------------------------------------------------------------------------

export interface RestoreResult {
  manifest: BackupManifest;
  files: number;
  keystoreFiles: number;
}

export async function restoreBackup({ config, file, force = false, report = () => {} }: { config: BackupConfig; file: string; force?: boolean; report?: Report }): Promise<RestoreResult> {
  const archive = path.resolve(file);
  if (!fs.existsSync(archive)) throw createBackupCorruptError({ message: `Không có tệp ${archive} / no such file`, status: 404 });
  report(`Đang kiểm tra mã băm mọi mục của ${archive} / verifying every checksum`);
  const manifest = await verifyBackup(archive);
  report(`Bản sao lưu hợp lệ: ${manifest.entries.length} mục, tạo lúc ${manifest.createdAtLocal}, ${manifest.engine}, mức migration ${manifest.migrations.applied} / checksums verified`);
  const engine = config.databaseUrl ? 'postgres' : 'pglite';
  if (manifest.engine !== engine) {
    throw createBackupIncompatibleError({ message: `Bản sao lưu của ${manifest.engine} không khôi phục được vào ${engine}; dùng cùng loại cơ sở dữ liệu / the backup is of another database engine` });
  }
  const supported = expectedMigrationCount();
  if (manifest.migrations.applied > supported) {
    throw createBackupIncompatibleError({
      message: `Bản sao lưu ở mức migration ${manifest.migrations.applied} (${manifest.migrations.lastTag ?? '?'}), mới hơn phiên bản này (${supported}); hãy cài phiên bản ứng dụng mới hơn / the backup comes from a newer version`,
    });
  }

  const access = openStorage(config);
  let releaseLock: (() => void) | undefined;
  let restored: DatabaseHandle | undefined;
  const dbDir = path.join(config.dataDir, 'pglite');
  let asideDir: string | undefined;
  try {
    // Targets: refuse anything that already holds data unless --force.
    const occupied: string[] = [];
    if (engine === 'pglite') {
      await fs.promises.mkdir(config.dataDir, { recursive: true });
      try {
        releaseLock = acquireDataDirLock(path.join(config.dataDir, 'pglite.lock'));
      } catch (e) {
        throw busyError(config.dataDir, (e as { owner?: { pid?: number; host?: string } }).owner);
      }
      if (fs.existsSync(path.join(dbDir, 'PG_VERSION'))) occupied.push(`cơ sở dữ liệu PGlite ${dbDir}`);
    } else {
      const restoreTool = await toolVersion(pgBin(config, 'pg_restore'));
      const dumpMajor = Number(/(\d+)(?:\.\d+)?/.exec(manifest.database.dumpTool ?? '')?.[1] ?? 0);
      if (restoreTool.major < dumpMajor) throw createBackupToolError({ message: `${restoreTool.text} cũ hơn công cụ đã tạo bản sao lưu (${manifest.database.dumpTool}); đặt BACKUP_PG_BIN_DIR / pg_restore is older than the dump` });
      await withPgClient(config.databaseUrl!, async (client) => {
        const live = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'opendvc' AND pid <> pg_backend_pid()`);
        if (live.rows[0]!.n > 0) throw createBackupDatabaseBusyError({ message: `Máy chủ OpenDVC đang kết nối cơ sở dữ liệu (${live.rows[0]!.n} kết nối); hãy dừng mọi máy chủ rồi chạy lại / the application is connected` });
        const tables = await client.query<{ n: number }>(userTablesSql);
        if (tables.rows[0]!.n > 0) occupied.push(`cơ sở dữ liệu PostgreSQL (${tables.rows[0]!.n} bảng)`);
      });
    }
    if ((await listObjects(access, 1)).length > 0) occupied.push(access.root ? `thư mục tệp ${access.root}` : `bucket S3 ${access.s3!.bucket}`);
    if ((await listFolder(config.signingKeystoreDir)).length > 0) occupied.push(`kho khoá ký số ${config.signingKeystoreDir}`);
    if (occupied.length > 0 && !force) {
      throw createBackupTargetNotEmptyError({
        message: `Nơi khôi phục đã có dữ liệu: ${occupied.join('; ')}. Thêm --force để xoá và thay bằng bản sao lưu / the target is not empty (use --force)`,
        details: { occupied },
      });
    }
    if (occupied.length > 0) report(`--force: xoá dữ liệu hiện có (${occupied.join('; ')}) / clearing the existing data`);

    // Clear what --force allows to replace.
    if (engine === 'pglite') {
      if (fs.existsSync(dbDir)) {
        asideDir = `${dbDir}.before-restore-${Date.now()}`;
        await fs.promises.rename(dbDir, asideDir);
      }
    } else if (occupied.length > 0) {
      await withPgClient(config.databaseUrl!, async (client) => {
        const schemas = await client.query<{ nspname: string }>(
          `SELECT nspname FROM pg_namespace WHERE nspname NOT IN ('pg_catalog', 'information_schema') AND nspname NOT LIKE 'pg_toast%' AND nspname NOT LIKE 'pg_temp%'`,
        );
        for (const { nspname } of schemas.rows) await client.query(`DROP SCHEMA ${pg.escapeIdentifier(nspname)} CASCADE`);
        await client.query('CREATE SCHEMA public');
      });
    }
    if (access.root) {
      for (const entry of await fs.promises.readdir(access.root).catch(() => [] as string[])) await fs.promises.rm(path.join(access.root, entry), { recursive: true, force: true });
    } else {
      for (const key of await listObjects(access)) await access.storage.delete(key);
    }
    for (const entry of await fs.promises.readdir(config.signingKeystoreDir).catch(() => [] as string[])) await fs.promises.rm(path.join(config.signingKeystoreDir, entry), { recursive: true, force: true });

    // Second pass: put every entry in place, checking each checksum again on the way.
    const byPath = new Map(manifest.entries.map((e) => [e.path, e]));
    const work = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'opendvc-restore-'));
    let files = 0;
    let keystoreFiles = 0;
    try {
      await readTar(archiveChunks(archive), async (entry) => {
        const expected = byPath.get(entry.name);
        if (!expected) return;
        const hash = createHash('sha256');
        const checked = (async function* () {
          for await (const chunk of entry.body) {
            hash.update(chunk);
            yield chunk;
          }
          if (hash.digest('hex') !== expected.sha256) throw corrupt(`${entry.name} đã thay đổi giữa hai lần đọc`);
        })();
        if (expected.kind === 'database') {
          const dumpFile = path.join(work, 'database');
          await pipeline(Readable.from(checked), fs.createWriteStream(dumpFile, { mode: 0o600 }));
          if (engine === 'pglite') {
            report('Đang nạp thư mục dữ liệu PGlite / loading the PGlite data folder');
            const client = await PGlite.create(dbDir, { loadDataDir: new Blob([await fs.promises.readFile(dumpFile)]), extensions: pgliteExtensions });
            restored = wrapPglite(client);
          } else {
            report('Đang chạy pg_restore / restoring the database');
            const { url, env } = pgTarget(config.databaseUrl!);
            await runTool(pgBin(config, 'pg_restore'), ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', `--dbname=${url}`, dumpFile], env);
            restored = openPostgres(config.databaseUrl!, 2);
          }
          await fs.promises.rm(dumpFile, { force: true });
          report('Đã khôi phục cơ sở dữ liệu / database restored');
        } else if (expected.kind === 'file') {
          await access.storage.put(entry.name.slice('files/'.length), Readable.from(checked), { contentType: expected.contentType ?? 'application/octet-stream' });
          files += 1;
          if (files % 500 === 0) report(`  … ${files} tệp / files`);
        } else {
          const target = path.join(config.signingKeystoreDir, ...entry.name.slice('keystore/'.length).split('/'));
          await fs.promises.mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
          await pipeline(Readable.from(checked), fs.createWriteStream(target, { mode: 0o600 }));
          keystoreFiles += 1;
        }
      });
    } finally {
      await fs.promises.rm(work, { recursive: true, force: true });
    }
    report(`Đã khôi phục ${files} tệp lưu trữ và ${keystoreFiles} tệp kho khoá ký số / files and keystore restored`);
    if (asideDir) await fs.promises.rm(asideDir, { recursive: true, force: true });
    asideDir = undefined;

    if (restored && manifest.migrations.applied > 0) {
      await recordAuditEvent({
        db: restored.db,
        event: {
          action: 'BACKUP_RESTORED',
          outcome: 'SUCCESS',
          subject: `backup:${path.basename(archive)}`,
          details: { file: archive, backupCreatedAt: manifest.createdAt, engine, migrations: manifest.migrations.applied, files, keystoreFiles, force },
        },
      });
    }
    if (manifest.migrations.applied < supported) report(`Mức migration ${manifest.migrations.applied} < ${supported}: máy chủ áp dụng phần còn lại khi khởi động (hoặc npm run db:migrate) / pending migrations apply at the next start`);
    report('Khôi phục xong / restore complete');
    return { manifest, files, keystoreFiles };
  } catch (e) {
    // The embedded database folder that was moved aside comes back when nothing replaced it.
    if (asideDir) {
      await restored?.close().catch(() => {});
      restored = undefined;
      await fs.promises.rm(dbDir, { recursive: true, force: true });
      await fs.promises.rename(asideDir, dbDir).catch(() => {});
    }
    throw e;
  } finally {
    await restored?.close();
    releaseLock?.();
  }
}
