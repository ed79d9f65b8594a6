/**
 * Whole-table passes over the columns that hold secrets, declared by the modules
 * (`AppModule.secretColumns`):
 *   - `encryptExistingSecrets` seals values still in clear (run at start and by
 *     `npm run cli -- secrets encrypt-existing`);
 *   - `rewrapSecrets` re-wraps values sealed under an older key with the current one
 *     (`npm run cli -- secrets rotate-key`);
 *   - `secretsStatus` counts values per state.
 * Rows are visited once in id order, in batches; each row is replaced only if it still holds the
 * value that was read (compare-and-set), so two nodes sweeping at once, or a request writing the
 * row meanwhile, never lose a write nor seal twice. A pass can be stopped and run again at any
 * time: it only picks up what is left.
 */
import { and, asc, eq, gt, isNotNull, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { DbExecutor } from '../db/create-database.js';
import { rewrap, SEALED_PREFIX, type Keyring } from './envelope.js';
import { activeKeyring, sealSecret } from './keyring.js';

/** A column that holds a secret: text (the sealed string) or jsonb (a JSON string once sealed). */
export interface SecretColumn {
  /** `table.column`, for reports. */
  name: string;
  table: PgTable;
  /** The row's key (a text primary key). */
  id: PgColumn;
  column: PgColumn;
  /** The property of `column` in the table object (for updates). */
  field: string;
  kind: 'text' | 'json';
  /** The context the value is sealed with (the same as the module's own seal/open calls). */
  context(id: string): string;
}

/** The value's text: the column itself (text) or the JSON string (jsonb), else NULL. */
function textOf(c: SecretColumn): SQL {
  return c.kind === 'text' ? sql`${c.column}` : sql`(CASE WHEN jsonb_typeof(${c.column}) = 'string' THEN ${c.column} #>> '{}' END)`;
}

const clearCondition = (c: SecretColumn) => sql`(${c.column} IS NOT NULL AND (${textOf(c)} IS NULL OR NOT starts_with(${textOf(c)}, ${SEALED_PREFIX})))`;
const staleCondition = (c: SecretColumn, kid: string) => sql`(starts_with(${textOf(c)}, ${SEALED_PREFIX}) AND NOT starts_with(${textOf(c)}, ${`${SEALED_PREFIX}${kid}:`}))`;

export interface SweepReport {
  column: string;
  /** Rows replaced by this pass. */
  updated: number;
  /** Rows changed by someone else between the read and the write (they are picked up next time if still due). */
  skipped: number;
}

async function sweep(db: DbExecutor, c: SecretColumn, where: SQL, transform: (id: string, value: unknown) => unknown, batchSize: number): Promise<SweepReport> {
  let lastId: string | undefined;
  let updated = 0;
  let skipped = 0;
  // Bounded: each batch moves strictly forward in id order.
  for (;;) {
    const rows = (await db
      .select({ id: c.id, value: c.column })
      .from(c.table)
      .where(and(where, lastId === undefined ? undefined : gt(c.id, lastId)))
      .orderBy(asc(c.id))
      .limit(batchSize)) as { id: string; value: unknown }[];
    for (const row of rows) {
      const next = transform(row.id, row.value);
      const done = await db
        .update(c.table)
        .set({ [c.field]: next } as never)
        .where(and(eq(c.id, row.id), eq(c.column, row.value), isNotNull(c.column)))
        .returning({ id: c.id });
      if (done.length > 0) updated += 1;
      else skipped += 1;
    }
    if (rows.length < batchSize) break;
    lastId = rows[rows.length - 1]!.id;
  }
  return { column: c.name, updated, skipped };
}

/** Seals every value still in clear. Idempotent. */
export async function encryptExistingSecrets({ db, columns, batchSize = 200 }: { db: DbExecutor; columns: readonly SecretColumn[]; batchSize?: number }): Promise<SweepReport[]> {
  const reports: SweepReport[] = [];
  for (const c of columns) {
    reports.push(await sweep(db, c, clearCondition(c), (id, value) => sealSecret(c.kind === 'json' ? JSON.stringify(value) : String(value), c.context(id)), batchSize));
  }
  return reports;
}

/**
 * Re-wraps every value sealed under another key than the current one (values in clear are
 * sealed too). Idempotent and resumable.
 *
 * @throws SecretDecryptionError when a value names a key the keyring does not have (nothing after it is touched).
 */
export async function rewrapSecrets({ db, columns, batchSize = 200, keyring = activeKeyring() }: { db: DbExecutor; columns: readonly SecretColumn[]; batchSize?: number; keyring?: Keyring }): Promise<SweepReport[]> {
  const reports = await encryptExistingSecrets({ db, columns, batchSize });
  for (const c of columns) {
    const report = await sweep(db, c, staleCondition(c, keyring.current.kid), (_id, value) => rewrap(keyring, String(value)), batchSize);
    const sealed = reports.find((r) => r.column === c.name)!;
    sealed.updated += report.updated;
    sealed.skipped += report.skipped;
  }
  return reports;
}

export interface SecretColumnStatus {
  column: string;
  /** Values in clear. */
  clear: number;
  /** Sealed values per key id. */
  sealed: Record<string, number>;
}

/** How many values of each column are in clear, and under which key the others are sealed. */
export async function secretsStatus({ db, columns }: { db: DbExecutor; columns: readonly SecretColumn[] }): Promise<SecretColumnStatus[]> {
  const out: SecretColumnStatus[] = [];
  for (const c of columns) {
    // The prefix is a literal (not a parameter) so that the grouped expression is the selected one.
    const kidExpr = sql<string | null>`CASE WHEN starts_with(${textOf(c)}, ${sql.raw(`'${SEALED_PREFIX}'`)}) THEN split_part(${textOf(c)}, ':', 2) END`;
    const rows = await db
      .select({ kid: kidExpr, n: sql<number>`count(*)::int` })
      .from(c.table)
      .where(isNotNull(c.column))
      .groupBy(kidExpr);
    const status: SecretColumnStatus = { column: c.name, clear: 0, sealed: {} };
    for (const r of rows) {
      if (r.kid === null) status.clear += Number(r.n);
      else status.sealed[r.kid] = Number(r.n);
    }
    out.push(status);
  }
  return out;
}

interface StartLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

/**
 * At start: resolves the keyring (a bad key fails the start), seals values still in clear, and
 * warns about values sealed under a key this node does not have. Safe with several nodes starting at once.
 */
export async function sealSecretsAtStart({ db, columns, log }: { db: DbExecutor; columns: readonly SecretColumn[]; log: StartLog }): Promise<void> {
  const keyring = activeKeyring();
  const reports = await encryptExistingSecrets({ db, columns });
  const sealed = reports.filter((r) => r.updated > 0);
  if (sealed.length > 0) log.info({ sealed: Object.fromEntries(sealed.map((r) => [r.column, r.updated])), kid: keyring.current.kid }, 'secrets found in clear were sealed under SECRETS_KEY');
  const known = new Set([keyring.current.kid, ...keyring.previous.map((k) => k.kid)]);
  const unknown = (await secretsStatus({ db, columns })).flatMap((s) => Object.entries(s.sealed).filter(([kid]) => !known.has(kid)).map(([kid, n]) => ({ column: s.column, kid, values: n })));
  if (unknown.length > 0) log.warn({ unknown }, 'một số bí mật được mã hóa bằng khóa không có trong SECRETS_KEY / SECRETS_KEY_PREVIOUS — some secrets are sealed under a key this node does not have');
}
