/**
 * Serving precompiled form validators (ADR 0021). Published forms are keyed by
 * `case_forms.content_hash` and generated on first request on each node (the code is deterministic,
 * so nodes agree); drafts of the catalogue editor are generated on request of an editor and stored
 * in `form_validators`, so any node can serve them. Generated modules are kept in memory.
 */
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { DbExecutor } from '../../platform/db/create-database.js';
import type { JsonSchema } from '../../../common/forms/index.js';
import { caseFormsTable } from '../dossiers/index.js';
import { createFormSchemaInvalidError, createFormValidatorNotFoundError } from './forms.errors.js';
import { precompileForm, schemaHash } from './forms.precompile.js';
import { formValidatorsTable } from './forms.tables.js';

export interface ValidatorModule {
  code: string;
  /** Strong validator of the module text. */
  etag: string;
}

export const publishedValidatorPath = (contentHash: string) => `/api/v1/forms/${contentHash}/validator.js`;
export const draftValidatorPath = (hash: string) => `/api/v1/admin/catalogue/form-validators/${hash}/validator.js`;

const MAX_CACHED = 300;
const cache = new Map<string, Promise<ValidatorModule>>();

const moduleOf = (code: string): ValidatorModule => ({ code, etag: `"${createHash('sha256').update(code).digest('base64url')}"` });

/** One generation per key and node at a time; failures are not kept. */
function cached(key: string, make: () => Promise<ValidatorModule>): Promise<ValidatorModule> {
  const hit = cache.get(key);
  if (hit) return hit;
  const p = make();
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value as string);
  cache.set(key, p);
  p.catch(() => cache.delete(key));
  return p;
}

/** The validator module of a published form (anyone may read it: the form is public). */
export function publishedValidator(db: DbExecutor, contentHash: string): Promise<ValidatorModule> {
  return cached(`p:${contentHash}`, async () => {
    const [row] = await db.select({ schema: caseFormsTable.schema }).from(caseFormsTable).where(eq(caseFormsTable.contentHash, contentHash)).limit(1);
    if (!row) throw createFormValidatorNotFoundError();
    return moduleOf(precompileForm(row.schema as JsonSchema).code);
  });
}

/** Compiles a draft schema for the editor's preview; returns where its module is served. */
export async function registerDraftValidator(db: DbExecutor, schema: JsonSchema): Promise<{ hash: string; url: string }> {
  const hash = schemaHash(schema);
  await cached(`d:${hash}`, async () => {
    const [row] = await db.select({ code: formValidatorsTable.code }).from(formValidatorsTable).where(eq(formValidatorsTable.hash, hash));
    if (row) return moduleOf(row.code);
    let code: string;
    try {
      code = precompileForm(schema).code;
    } catch (e) {
      throw createFormSchemaInvalidError({ message: `Lược đồ biểu mẫu chưa hợp lệ nên chưa kiểm tra thử được: ${(e as Error).message}` });
    }
    await db.insert(formValidatorsTable).values({ hash, code }).onConflictDoNothing();
    return moduleOf(code);
  });
  return { hash, url: draftValidatorPath(hash) };
}

/** A draft's validator module, as registered by any node. */
export function draftValidator(db: DbExecutor, hash: string): Promise<ValidatorModule> {
  return cached(`d:${hash}`, async () => {
    const [row] = await db.select({ code: formValidatorsTable.code }).from(formValidatorsTable).where(eq(formValidatorsTable.hash, hash));
    if (!row) throw createFormValidatorNotFoundError();
    return moduleOf(row.code);
  });
}
