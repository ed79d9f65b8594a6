import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { asc, eq, sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { openPgliteDataDir, type DatabaseHandle } from '../db/create-database.js';
import { createId } from '../db/ids.js';
import { migrateDatabase } from '../db/migrate.js';
import { createTestDatabase } from '../../test/test-database.js';
import { runAuditCommand } from './audit.commands.js';
import { auditEventsTable } from './audit.tables.js';
import { verifyAuditChain } from './audit-verify.js';
import { recordAuditEvent, recordRead } from './record-audit-event.js';

const open: DatabaseHandle[] = [];
async function freshDb() {
  const handle = await createTestDatabase();
  open.push(handle);
  return handle.db;
}
afterEach(async () => {
  while (open.length) await open.pop()!.close();
});

type Db = Awaited<ReturnType<typeof freshDb>>;
const t = auditEventsTable;

/** Runs a statement on audit_events with the append-only trigger off (what an intruder with DDL rights could do). */
async function behindTheTriggersBack(db: Db, statement: ReturnType<typeof sql>) {
  await db.transaction(async (tx) => {
    await tx.execute(sql`ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_or_delete`);
    await tx.execute(statement);
    await tx.execute(sql`ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update_or_delete`);
  });
}

async function recordSome(db: Db, n: number, tag: string) {
  for (let i = 0; i < n; i++) {
    await recordAuditEvent({ db, event: { actorUserId: null, action: 'TEST_EVENT', subject: `test:${tag}-${i}`, ip: '127.0.0.1', outcome: 'SUCCESS', details: { i, tag, nested: { z: 1, a: [{ y: 2, b: 'Hồ sơ' }] } } } });
  }
}

const rowsOf = (db: Db, tag: string) => db.select().from(t).where(sql`${t.subject} LIKE ${`test:${tag}-%`}`).orderBy(asc(t.seq));

describe('hash-chained audit trail', () => {
  it('chains every event, in a transaction of the caller or its own, and verifies in batches', async () => {
    const db = await freshDb();
    await recordSome(db, 3, 'a');
    await db.transaction(async (tx) => {
      await recordAuditEvent({ db: tx, event: { action: 'TEST_EVENT', subject: 'test:a-3', outcome: 'FAILURE', details: { when: new Date('2026-03-02T01:02:03.456Z'), skipped: undefined } } });
      await recordRead(tx, { actorUserId: null, subject: 'test:a-4', action: 'DOSSIER_VIEWED', ip: '10.0.0.1' });
    });
    // A rolled-back transaction uses up a sequence number: a gap in seq is not a break.
    await db.transaction(async (tx) => {
      await recordAuditEvent({ db: tx, event: { action: 'TEST_ROLLED_BACK', outcome: 'SUCCESS' } });
      tx.rollback();
    }).catch(() => {});
    await recordSome(db, 2, 'b');

    const rows = await rowsOf(db, 'a');
    expect(rows).toHaveLength(5);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prevHash).toBe(rows[i - 1]!.hash);
    expect(rows[4]).toMatchObject({ action: 'DOSSIER_VIEWED', outcome: 'SUCCESS', ip: '10.0.0.1' });
    expect(rows[3]!.details).toEqual({ when: '2026-03-02T01:02:03.456Z' });
    const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(t).where(sql`${t.hash} IS NOT NULL`);
    expect(await verifyAuditChain(db, { batchSize: 2 })).toEqual({ ok: true, rows: count!.n, legacy: 0 });
  });

  it('refuses UPDATE and DELETE while the trigger is on', async () => {
    const db = await freshDb();
    await recordSome(db, 1, 'u');
    const [row] = await rowsOf(db, 'u');
    await expect(db.update(t).set({ details: { forged: true } }).where(eq(t.id, row!.id))).rejects.toThrow();
    await expect(db.delete(t).where(eq(t.id, row!.id))).rejects.toThrow();
    expect((await rowsOf(db, 'u'))[0]!.details).toEqual(row!.details);
  });

  it('names a row edited behind the trigger\'s back', async () => {
    const db = await freshDb();
    await recordSome(db, 4, 'e');
    const rows = await rowsOf(db, 'e');
    await behindTheTriggersBack(db, sql`UPDATE audit_events SET details = '{"forged": true}'::jsonb WHERE id = ${rows[1]!.id}`);
    expect(await verifyAuditChain(db, { batchSize: 3 })).toMatchObject({ ok: false, firstBroken: { seq: rows[1]!.seq, id: rows[1]!.id, reason: 'hash_mismatch' } });
  });

  it('names the row after a deleted one', async () => {
    const db = await freshDb();
    await recordSome(db, 4, 'd');
    const rows = await rowsOf(db, 'd');
    await behindTheTriggersBack(db, sql`DELETE FROM audit_events WHERE id = ${rows[1]!.id}`);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, firstBroken: { seq: rows[2]!.seq, id: rows[2]!.id, reason: 'prev_hash_mismatch' } });
  });

  it('counts rows written before the chain as legacy, and names an unchained row inside it', async () => {
    const db = await freshDb();
    await behindTheTriggersBack(db, sql`DELETE FROM audit_events`);
    for (const n of [1, 2]) await db.insert(t).values({ id: createId('aud'), action: 'LEGACY', outcome: 'SUCCESS', details: { n } });
    await recordSome(db, 3, 'l');
    expect(await verifyAuditChain(db)).toEqual({ ok: true, rows: 3, legacy: 2 });
    expect((await rowsOf(db, 'l'))[0]!.prevHash).toBeNull();

    const intruder = createId('aud');
    await db.insert(t).values({ id: intruder, action: 'FORGED', outcome: 'SUCCESS' });
    await recordSome(db, 1, 'm');
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, rows: 3, legacy: 2, firstBroken: { id: intruder, reason: 'gap' } });
  });

  it('keeps one valid chain under concurrent transactions', async () => {
    const db = await freshDb();
    await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 3 === 0
      ? db.transaction(async (tx) => {
        await tx.execute(sql`SELECT 1`);
        await recordAuditEvent({ db: tx, event: { action: 'TEST_CONCURRENT', subject: `test:c-${i}`, outcome: 'SUCCESS', details: { i } } });
        await recordAuditEvent({ db: tx, event: { action: 'TEST_CONCURRENT', subject: `test:c-${i}b`, outcome: 'SUCCESS', details: { i } } });
      })
      : recordAuditEvent({ db, event: { action: 'TEST_CONCURRENT', subject: `test:c-${i}`, outcome: 'SUCCESS', details: { i } } }))));
    expect(await rowsOf(db, 'c')).toHaveLength(16);
    expect(await verifyAuditChain(db, { batchSize: 5 })).toMatchObject({ ok: true });
  });

  it('the CLI command answers in Vietnamese with exit code 0, then 1 once the chain is broken', async () => {
    const db = await freshDb();
    await recordSome(db, 3, 'cli');
    const lines: string[] = [];
    const out = (human: string) => void lines.push(human);
    expect(await runAuditCommand({ db, command: 'verify', out })).toBe(0);
    expect(lines[0]).toMatch(/^Chuỗi nhật ký toàn vẹn: \d+ bản ghi/);
    const rows = await rowsOf(db, 'cli');
    await behindTheTriggersBack(db, sql`UPDATE audit_events SET ip = '203.0.113.9' WHERE id = ${rows[0]!.id}`);
    expect(await runAuditCommand({ db, command: 'verify', args: ['--batch', '2'], out })).toBe(1);
    expect(lines[1]).toBe(`Chuỗi bị phá vỡ tại bản ghi #${rows[0]!.seq} (${rows[0]!.id}): nội dung bản ghi đã bị sửa sau khi ghi (mã băm không khớp). ${lines[1]!.match(/(\d+) bản ghi trước đó/)![1]} bản ghi trước đó hợp lệ.`);
  });
});

describe('npm run cli -- audit verify', () => {
  it('exits 1 and names the row on a broken chain (embedded database)', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'opendvc-audit-'));
    try {
      const handle = await openPgliteDataDir(dataDir);
      let id: string;
      let seq: number;
      try {
        await migrateDatabase(handle);
        await recordSome(handle.db as Db, 3, 'spawn');
        const rows = await rowsOf(handle.db as Db, 'spawn');
        ({ id, seq } = rows[2]!);
        await behindTheTriggersBack(handle.db as Db, sql`DELETE FROM audit_events WHERE id = ${rows[1]!.id}`);
      } finally {
        await handle.close();
      }
      const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, NODE_ENV: 'test', LOG_LEVEL: 'silent' };
      delete env.DATABASE_URL;
      const res = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli.ts', 'audit', 'verify'], { cwd: path.resolve(import.meta.dirname, '../../..'), env, encoding: 'utf8' });
      expect(res.stdout).toContain(`Chuỗi bị phá vỡ tại bản ghi #${seq} (${id})`);
      expect(res.status).toBe(1);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
