/**
 * Property: arbitrary JSON posted to every write route of the OpenAPI contract, by a citizen, an
 * official and an administrator, never answers 5xx, and a 4xx answer writes nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { count } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../test/test-app.js';
import { CASE, PROCEDURE, callerFor, rowCounts, seedTestForm, userIdByEmail } from '../../modules/dossiers/e2e/dossiers.fixtures.js';
import { organisationsTable, representativeAuthorisationsTable, usersTable } from '../../modules/identity/identity.tables.js';

interface Operation { method: string; path: string; bodyKeys: string[] }

const contract = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../../contracts/openapi.json'), 'utf8')) as {
  paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> } }>>;
};
const writeOperations: Operation[] = Object.entries(contract.paths).flatMap(([p, ops]) =>
  Object.entries(ops)
    .filter(([m]) => ['post', 'put', 'patch', 'delete'].includes(m))
    .map(([m, op]) => ({ method: m.toUpperCase(), path: p, bodyKeys: Object.keys(op.requestBody?.content?.['application/json']?.schema?.properties ?? {}) })));

/** Strings as a hostile client would send them: ordinary, Vietnamese, NUL, unpaired surrogates, huge numbers as text. */
const hostileString = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.constantFrom('', 'Nguyễn Văn An', '\u0000', 'a\u0000b', '\ud800', 'x\udc00', '001090012345', '2026-02-30', 'dos_', '../../etc/passwd', '<script>', "' OR 1=1 --", '9'.repeat(40)),
);

function jsonFor(keys: string[]) {
  const key = keys.length > 0 ? fc.oneof(fc.constantFrom(...keys), hostileString) : hostileString;
  const { value } = fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      hostileString, fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null),
      fc.array(tie('value'), { maxLength: 3 }),
      fc.dictionary(key, tie('value'), { maxKeys: 4 }),
    ),
  }));
  // Mostly objects with the route's own field names, so that the bodies get past the first checks.
  return fc.oneof({ arbitrary: fc.dictionary(key, value, { maxKeys: 6 }), weight: 4 }, { arbitrary: value, weight: 1 });
}

/** A path segment; an unpaired surrogate (which encodeURIComponent refuses) is sent as its raw UTF-8-style bytes. */
function pathSegment(value: string) {
  try {
    return encodeURIComponent(value);
  } catch {
    return `${encodeURIComponent(value.replace(/[\ud800-\udfff]/g, ''))}%ED%A0%80`;
  }
}

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestApp({ MAX_OPEN_DRAFTS: '1000' });
  await seedTestForm(ctx);
});
afterAll(async () => {
  await ctx?.close();
});

/** Rows a refused request must not add. */
async function counts() {
  const db = ctx.database.db;
  const n = async (t: typeof usersTable | typeof organisationsTable | typeof representativeAuthorisationsTable) => (await db.select({ n: count() }).from(t))[0]!.n;
  return { ...(await rowCounts(ctx)), users: await n(usersTable), organisations: await n(organisationsTable), representatives: await n(representativeAuthorisationsTable) };
}

describe('arbitrary JSON on every write route', () => {
  it(`covers the ${writeOperations.length} write operations of the contract`, () => {
    expect(writeOperations.length).toBeGreaterThan(30);
  });

  it('never answers 5xx, and writes nothing when it answers 4xx', async () => {
    const emails = ['citizen@demo.opendvc.vn', 'officer@demo.opendvc.vn', 'admin@demo.opendvc.vn'];
    for (const op of writeOperations) {
      // Fresh sessions per route: a sign-out route may end them.
      const callers = await Promise.all(emails.map(async (e) => callerFor(ctx, await userIdByEmail(ctx, e))));
      const draft = (await callers[0]!.post('/dossiers', { procedureCode: PROCEDURE, caseCode: CASE })).json();
      const param = fc.oneof(fc.constant(draft.id as string), hostileString.filter((s) => s.length > 0));
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(0, 1, 2), jsonFor(op.bodyKeys), param, async (who, body, paramValue) => {
          const url = op.path.replace(/\{[^}]+\}/g, pathSegment(paramValue));
          const before = await counts();
          const res = await ctx.app.inject({
            method: op.method as 'POST',
            url,
            headers: { ...callers[who]!.headers, 'content-type': 'application/json' },
            payload: JSON.stringify(body),
          });
          expect(res.statusCode, `${op.method} ${url} ${JSON.stringify(body)} → ${res.body.slice(0, 300)}`).toBeLessThan(500);
          if (res.statusCode >= 400) expect(await counts(), `${op.method} ${url} ${JSON.stringify(body)} → ${res.statusCode}`).toEqual(before);
        }),
        { numRuns: 6, seed: 20261204 + op.path.length },
      );
    }
  }, 120_000);
});
