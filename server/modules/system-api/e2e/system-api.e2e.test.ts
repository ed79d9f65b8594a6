/**
 * The system API with real client-credential tokens: scopes (procedures:read only → 403,
 * dossiers:read → 200 without personal data, dossiers:read:personal → with it), the event feed
 * (ordered, resumable, each event once per cursor, type filter), and the open-data files
 * validated against their published JSON Schemas.
 */
import { asc, eq } from 'drizzle-orm';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../test/test-app.js';
import { dossierEventsTable } from '../../dossiers/index.js';
import { createIdentityRepository } from '../../identity/identity.repository.js';
import { issueClientToken, registerApiClient } from '../../identity/identity.oauth.usecases.js';
import { fileDossier, moveDossier, moves } from '../../integration/e2e/dvcqg.fixtures.js';
import { openStatisticsColumns } from '../../statistics/index.js';
import { procedureColumns } from '../index.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
let ctx: TestContext;
const code = 'G99-261203-0042';
let dossierId: string;

async function tokenWith(scopes: string[]) {
  const client = await registerApiClient({ db: ctx.database.db, name: `Hệ thống ${scopes.join(' ')}`, scopes });
  const token = await issueClientToken({ db: ctx.database.db, issuer: ctx.config.publicUrl, ttlSeconds: 300, request: { grantType: 'client_credentials', clientId: client.clientId, clientSecret: client.clientSecret } });
  return { authorization: `Bearer ${token.access_token}` };
}
const get = (url: string, headers: Record<string, string> = {}) => ctx.app.inject({ method: 'GET', url: `/api/v1${url}`, headers });

beforeAll(async () => {
  ctx = await createTestApp();
  const identity = createIdentityRepository({ db: ctx.database.db });
  const actors = { official: (await identity.getUserByEmail('officer@demo.opendvc.vn'))!.id, citizen: (await identity.getUserByEmail('citizen@demo.opendvc.vn'))!.id };
  const at = new Date(Date.UTC(2026, 11, 3, 2));
  dossierId = await fileDossier(ctx.database.db, { code, at });
  for (const [i, move] of [moves.receive, moves.start, moves.appraise, moves.issue, moves.giveBack].entries()) {
    await moveDossier(ctx.database.db, dossierId, move, new Date(at.getTime() + (i + 1) * 3_600_000), actors);
  }
}, 120_000);
afterAll(async () => ctx?.close());

describe('system API', () => {
  it('a token with procedures:read only gets 403; with dossiers:read 200 without personal data; with dossiers:read:personal the applicant too', async () => {
    expect((await get(`/system/dossiers/${code}`, await tokenWith(['procedures:read']))).statusCode).toBe(403);
    expect((await get(`/system/dossiers/${code}`, await tokenWith(['dossiers:read:personal']))).statusCode).toBe(403);
    expect((await get(`/system/dossiers/${code}`)).statusCode).toBe(401);
    const res = await get(`/system/dossiers/${code}`, await tokenWith(['dossiers:read']));
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json();
    expect(d).toMatchObject({ code, status: 10, statusLabel: 'Đã trả kết quả', channel: 'ONLINE' });
    expect(d.procedure.code).toBeTruthy();
    expect(d.dates.submittedAt).toBe('2026-12-03T02:00:00.000Z');
    expect(d.history.map((h: { type: string }) => h.type)).toEqual(['dossier.submitted', 'dossier.received', 'dossier.step_completed', 'dossier.step_completed', 'dossier.result_issued', 'dossier.returned']);
    expect(d.applicant).toBeUndefined();
    expect(res.body).not.toContain('001090012345');
    const personal = await get(`/system/dossiers/${code}`, await tokenWith(['dossiers:read', 'dossiers:read:personal']));
    expect(personal.json().applicant).toMatchObject({ personalIdNumber: '001090012345', email: 'citizen@demo.opendvc.vn' });
    expect((await get('/system/dossiers/KHONG-CO', await tokenWith(['dossiers:read']))).json().code).toBe('system.dossier_not_found');
  });

  it('statistics for other systems: the resolution report of every unit with statistics:read, 403 without it, 401 without a token', async () => {
    const url = '/system/statistics/resolution?from=2026-12-01&to=2026-12-31&groupBy=procedure';
    expect((await get(url)).statusCode).toBe(401);
    expect((await get(url, await tokenWith(['dossiers:read']))).statusCode).toBe(403);
    const res = await get(url, await tokenWith(['statistics:read']));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ from: '2026-12-01', to: '2026-12-31', groupBy: 'procedure' });
    expect(res.json().totals.received).toBeGreaterThanOrEqual(1);
    expect(res.body).not.toContain('001090012345');
    const csv = await get(`${url}&format=csv`, await tokenWith(['statistics:read']));
    expect(csv.headers['content-type']).toContain('text/csv');
    expect((await get(`${url}&format=pdf`, await tokenWith(['statistics:read']))).statusCode).toBe(400);
  });

  it('the event feed: ordered, resumable from nextCursor, each event once per cursor, filtered by type', async () => {
    const headers = await tokenWith(['dossiers:read']);
    const all = await ctx.database.db.select({ id: dossierEventsTable.id, position: dossierEventsTable.position }).from(dossierEventsTable).where(eq(dossierEventsTable.dossierId, dossierId)).orderBy(asc(dossierEventsTable.position));
    const seen: string[] = [];
    let cursor = '0';
    for (let page = 0; page < 1000; page++) {
      const res = await get(`/events?after=${cursor}&limit=2`, headers);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      const positions = body.items.map((e: { position: number }) => e.position);
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
      seen.push(...body.items.map((e: { id: string }) => e.id));
      if (body.items.length === 0) break;
      expect(Number(body.nextCursor)).toBe(positions.at(-1));
      cursor = body.nextCursor;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.filter((id) => all.some((a) => a.id === id))).toEqual(all.map((a) => a.id));
    // Resuming from the middle gives the rest, and nothing before.
    const mid = all[2]!.position;
    const rest = (await get(`/events?after=${mid}`, headers)).json().items.filter((e: { dossierCode: string }) => e.dossierCode === code);
    expect(rest.map((e: { id: string }) => e.id)).toEqual(all.slice(3).map((a) => a.id));
    const returned = (await get('/events?after=0&types=dossier.returned,dossier.received', headers)).json().items.filter((e: { dossierCode: string }) => e.dossierCode === code);
    expect(returned.map((e: { type: string; nationalStatusAfter: number }) => [e.type, e.nationalStatusAfter])).toEqual([['dossier.received', 2], ['dossier.returned', 10]]);
    expect((await get('/events?types=dossier.khong_co', headers)).statusCode).toBe(400);
    expect((await get('/events?after=abc', headers)).statusCode).toBe(400);
  });
});

describe('open data', () => {
  it('publishes the catalogue as JSON and CSV, and a DCAT-AP catalogue, each valid against its published JSON Schema (CC BY 4.0)', async () => {
    const ajv = addFormats(new Ajv2020({ allErrors: true, strict: false }));
    const schema = async (name: string) => (await get(`/open-data/schemas/${name}`)).json();
    const compiled = new Map<string, ReturnType<typeof ajv.compile>>();
    const validate = async (name: string, data: unknown) => {
      if (!compiled.has(name)) compiled.set(name, ajv.compile(await schema(name)));
      const v = compiled.get(name)!;
      expect(v(data), `${name}: ${JSON.stringify(v.errors)}`).toBe(true);
    };

    const catalog = await get('/open-data/catalog.json');
    expect(catalog.statusCode).toBe(200);
    expect(catalog.headers['content-type']).toContain('application/ld+json');
    const dcat = catalog.json();
    await validate('catalog.schema.json', dcat);
    expect(dcat['dct:license']).toBe('https://creativecommons.org/licenses/by/4.0/');
    const datasets = dcat['dcat:dataset'] as { 'dct:identifier': string; 'adms:status': string; 'dcat:distribution': { 'dcat:downloadURL': string }[] }[];
    expect(datasets.map((d) => [d['dct:identifier'], d['adms:status']])).toEqual([['procedures', 'completed'], ['statistics-monthly', 'completed']]);

    const json = await get('/open-data/procedures.json');
    expect(json.statusCode).toBe(200);
    await validate('procedures.schema.json', json.json());
    expect(json.json().count).toBeGreaterThan(0);
    expect(json.json().items.length).toBe(json.json().count);

    const csv = await get('/open-data/procedures.csv');
    expect(csv.headers['content-type']).toContain('text/csv');
    const text = csv.body.replace(/^\uFEFF/, '');
    const rows = parseCsv(text);
    expect(rows[0]).toEqual([...procedureColumns]);
    const v = ajv.compile(await schema('procedures-csv-row.schema.json'));
    for (const row of rows.slice(1)) {
      const record = Object.fromEntries(procedureColumns.map((c, i) => [c, row[i]]));
      expect(v(record), JSON.stringify(v.errors)).toBe(true);
    }
    expect(rows.length - 1).toBe(json.json().count);
    // The distributions point at the files just read.
    const urls = datasets[0]!['dcat:distribution'].map((d) => new URL(d['dcat:downloadURL']).pathname);
    expect(urls).toEqual(['/api/v1/open-data/procedures.json', '/api/v1/open-data/procedures.csv']);

    // Monthly statistics: the demo seed's generated history of this year gives figures; counts below 5 are "< 5".
    const stats = await get('/open-data/statistics-monthly.json');
    expect(stats.statusCode).toBe(200);
    await validate('statistics-monthly.schema.json', stats.json());
    const items = stats.json().items as Record<string, string | number>[];
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((r) => (typeof r.received === 'number' && r.received >= 5) || r.received === '< 5')).toBe(true);
    expect(JSON.stringify(stats.json())).not.toMatch(/fullName|personalIdNumber|@/);
    const statsCsv = await get('/open-data/statistics-monthly.csv');
    const statRows = parseCsv(statsCsv.body.replace(/^\uFEFF/, ''));
    expect(statRows[0]).toEqual([...openStatisticsColumns]);
    const vs = ajv.compile(await schema('statistics-monthly-csv-row.schema.json'));
    for (const row of statRows.slice(1)) {
      const record = Object.fromEntries(openStatisticsColumns.map((c, i) => [c, row[i]]));
      expect(vs(record), JSON.stringify(vs.errors)).toBe(true);
    }
    expect(statRows.length - 1).toBe(items.length);
    const statUrls = datasets[1]!['dcat:distribution'].map((d) => new URL(d['dcat:downloadURL']).pathname);
    expect(statUrls).toEqual(['/api/v1/open-data/statistics-monthly.json', '/api/v1/open-data/statistics-monthly.csv']);
    // Another year: none of this installation's dossiers, an empty list that still validates.
    const old = await get('/open-data/statistics-monthly.json?year=2001');
    await validate('statistics-monthly.schema.json', old.json());
    expect(old.json()).toMatchObject({ year: 2001, items: [] });
    expect((await get('/open-data/statistics-monthly.json?year=abc')).statusCode).toBe(400);
  });
});

/** RFC 4180 parser (quoted cells, doubled quotes, CRLF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (ch === '"') quoted = false; else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(cell); cell = ''; } else if (ch === '\r') continue;
    else if (ch === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; } else cell += ch;
  }
  if (cell || row.length) { row.push(cell); rows.push(row); }
  return rows;
}
