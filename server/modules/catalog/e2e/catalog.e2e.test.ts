import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import zlib from 'node:zlib';
import { eq } from 'drizzle-orm';
import { createTestApp, type TestContext } from '../../../test/test-app.js';
import { markProjectionFresh, proceduresTable } from '../index.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx?.close());

const get = (url: string) => ctx.app.inject({ method: 'GET', url });
type Item = { code: string; name: string; onlineLevel: string };

describe('GET /api/v1/procedures', () => {
  it('lists the ministry\'s 61 procedures with counts per field and level', async () => {
    const res = await get('/api/v1/procedures?pageSize=100');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBe(61);
    expect(body.items).toHaveLength(61);
    const byField = Object.fromEntries(body.facets.fields.map((f: { code: string; count: number }) => [f.code, f.count]));
    expect(byField).toEqual({ MOI_TRUONG: 28, TAI_NGUYEN_NUOC: 14, DIA_CHAT_KHOANG_SAN: 10, DO_DAC_BAN_DO: 6, BIEN_DOI_KHI_HAU: 3 });
    const byLevel = Object.fromEntries(body.facets.levels.map((l: { level: string; count: number }) => [l.level, l.count]));
    expect(byLevel).toEqual({ PARTIAL: 57, FULL: 4 });
  });

  it('finds the surface-water abstraction licence first when typed without diacritics', async () => {
    const body = (await get('/api/v1/procedures?q=khai%20thac%20nuoc%20mat')).json();
    expect(body.items[0].name).toMatch(/khai thác.*nước mặt/i);
  });

  it('finds the hazardous-waste export', async () => {
    const body = (await get('/api/v1/procedures?q=xuat%20khau%20chat%20thai')).json();
    expect(body.items[0].name).toMatch(/chất thải nguy hại/i);
    expect(body.items[0].onlineLevel).toBe('FULL');
  });

  it('tolerates one wrong letter', async () => {
    for (const q of ['khai thac nuoc mst', 'khai thác nươc mặt', 'xuat khau chat thao']) {
      const body = (await get(`/api/v1/procedures?q=${encodeURIComponent(q)}`)).json();
      expect(body.items.length, q).toBeGreaterThan(0);
      expect(body.items[0].name, q).toMatch(/nước mặt|chất thải nguy hại/i);
    }
  });

  it('filters by field, level and applicant type, and counts facets without their own filter', async () => {
    const body = (await get('/api/v1/procedures?field=TAI_NGUYEN_NUOC&pageSize=100')).json();
    expect(body.total).toBe(14);
    expect(body.items.every((i: { field: { code: string } }) => i.field.code === 'TAI_NGUYEN_NUOC')).toBe(true);
    expect(body.facets.fields.find((f: { code: string }) => f.code === 'MOI_TRUONG').count).toBe(28);
    const full = (await get('/api/v1/procedures?level=FULL')).json();
    expect(full.total).toBe(4);
    expect(full.items.every((i: Item) => i.onlineLevel === 'FULL')).toBe(true);
    const none = (await get('/api/v1/procedures?field=DO_DAC_BAN_DO&level=FULL')).json();
    expect(none.total).toBe(0);
    expect(none.items).toEqual([]);
  });

  it('paginates on the server', async () => {
    const first = (await get('/api/v1/procedures?pageSize=10&page=1')).json();
    const last = (await get('/api/v1/procedures?pageSize=10&page=7')).json();
    expect(first.items).toHaveLength(10);
    expect(last.items).toHaveLength(1);
    expect(last.total).toBe(61);
    const beyond = (await get('/api/v1/procedures?pageSize=10&page=9')).json();
    expect(beyond.items).toEqual([]);
    expect(beyond.total).toBe(61);
    const codes = new Set<string>();
    for (let page = 1; page <= 7; page++) for (const i of (await get(`/api/v1/procedures?pageSize=10&page=${page}`)).json().items) codes.add(i.code);
    expect(codes.size).toBe(61);
  });

  it.each([
    ['page 0', 'page=0', 'query.page'],
    ['pageSize 10000', 'pageSize=10000', 'query.pageSize'],
    ['a pageSize that is not a number', 'pageSize=abc', 'query.pageSize'],
    ['a 5 KB query', `q=${'a'.repeat(5000)}`, 'query.q'],
    ['an unknown level', 'level=5', 'query.level'],
  ])('answers a clear problem for %s', async (_label, query, path) => {
    const res = await get(`/api/v1/procedures?${query}`);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const body = res.json();
    expect(body.code).toBe('request.invalid');
    expect(body.errors.map((e: { path: string }) => e.path)).toContain(path);
    expect(body.errors[0].message).toBeTruthy();
  });
});

describe('GET /api/v1/procedures/{code}', () => {
  it('returns the version in force in full', async () => {
    const list = (await get('/api/v1/procedures?q=khai%20thac%20nuoc%20mat')).json();
    const res = await get(`/api/v1/procedures/${list.items[0].code}`);
    expect(res.statusCode).toBe(200);
    const p = res.json();
    expect(p.version.legalBasis.length).toBeGreaterThan(0);
    expect(p.cases[0].steps.length).toBeGreaterThan(0);
    expect(p.cases[0].channels[0].phases[0].unit).toMatch(/WORKING_DAY|CALENDAR_DAY|HOUR/);
    const templates = p.cases.flatMap((c: { components: { templates: unknown[] }[] }) => c.components.flatMap((m) => m.templates));
    expect(templates.length).toBeGreaterThan(0);
    expect(p.versions.filter((v: { current: boolean }) => v.current)).toHaveLength(1);
  });

  it('sends a strong ETag and answers 304 to a revalidation; a publish on the node changes the answer', async () => {
    const code = (await get('/api/v1/procedures?q=khai%20thac%20nuoc%20mat')).json().items[0].code as string;
    const first = await get(`/api/v1/procedures/${code}`);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
    expect(first.headers['cache-control']).toBe('public, no-cache');
    const again = await ctx.app.inject({ method: 'GET', url: `/api/v1/procedures/${code}`, headers: { 'if-none-match': `"other", ${etag}` } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    // No length announced for a body that never comes (clients that honour it would wait).
    expect(again.headers['content-length'] ?? '0').toBe('0');
    expect(again.headers.etag).toBe(etag);
    const stale = await ctx.app.inject({ method: 'GET', url: `/api/v1/procedures/${code}`, headers: { 'if-none-match': '"other"' } });
    expect(stale.statusCode).toBe(200);
    expect(stale.json()).toEqual(first.json());

    // Compressed once, the same JSON after decoding.
    for (const encoding of ['br', 'gzip'] as const) {
      const res = await ctx.app.inject({ method: 'GET', url: `/api/v1/procedures/${code}`, headers: { 'accept-encoding': encoding === 'br' ? 'gzip, deflate, br' : 'gzip;q=1, br;q=0' } });
      expect(res.headers['content-encoding']).toBe(encoding);
      const text = (encoding === 'br' ? zlib.brotliDecompressSync(res.rawPayload) : zlib.gunzipSync(res.rawPayload)).toString('utf8');
      expect(JSON.parse(text)).toEqual(first.json());
    }

    // The cached answer stays until the node publishes (or imports), which drops it at once.
    await ctx.database.db.update(proceduresTable).set({ name: 'Tên thử nghiệm sau khi công bố' }).where(eq(proceduresTable.code, code));
    expect((await get(`/api/v1/procedures/${code}`)).headers.etag).toBe(etag);
    markProjectionFresh(ctx.database.db);
    const changed = await ctx.app.inject({ method: 'GET', url: `/api/v1/procedures/${code}`, headers: { 'if-none-match': etag } });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().name).toBe('Tên thử nghiệm sau khi công bố');
    expect(changed.headers.etag).not.toBe(etag);
    await ctx.database.db.update(proceduresTable).set({ name: first.json().name }).where(eq(proceduresTable.code, code));
    markProjectionFresh(ctx.database.db);
  });

  it('answers 404 with a stable code for an unknown procedure', async () => {
    const res = await get('/api/v1/procedures/9.999999');
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('catalog.procedure_not_found');
  });

  it('refuses a malformed code', async () => {
    const res = await get('/api/v1/procedures/%3Cscript%3E');
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toBe('params.code');
  });
});

describe('templates', () => {
  it('every procedure has a downloadable PDF or DOCX template with a Vietnamese file name', async () => {
    const list = (await get('/api/v1/procedures?pageSize=100')).json();
    for (const item of list.items as Item[]) {
      const p = (await get(`/api/v1/procedures/${item.code}`)).json();
      const template = p.cases.flatMap((c: { components: { templates: { url: string; fileName: string }[] }[] }) => c.components.flatMap((m) => m.templates))[0];
      expect(template, item.code).toBeDefined();
      const res = await get(template.url);
      expect(res.statusCode, item.code).toBe(200);
      expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent(template.fileName)}`);
      const head = res.rawPayload.subarray(0, 4).toString('latin1');
      expect(['%PDF', 'PK\u0003\u0004']).toContain(head);
    }
  });

  it('does not serve a template through another procedure', async () => {
    const list = (await get('/api/v1/procedures?pageSize=2')).json();
    const a = (await get(`/api/v1/procedures/${list.items[0].code}`)).json();
    const templateId = a.cases[0].components.flatMap((m: { templates: { id: string }[] }) => m.templates)[0].id;
    const res = await get(`/api/v1/procedures/${list.items[1].code}/templates/${templateId}`);
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('catalog.template_not_found');
  });
});

describe('fields, agencies, operations', () => {
  it('lists fields with counts and agencies with their parent', async () => {
    const fields = (await get('/api/v1/fields')).json();
    expect(fields.items.reduce((n: number, f: { procedureCount: number }) => n + f.procedureCount, 0)).toBe(61);
    const agencies = (await get('/api/v1/agencies')).json();
    expect(agencies.items.some((a: { parentCode: string | null }) => a.parentCode === null)).toBe(true);
    expect(agencies.items.some((a: { parentCode: string | null }) => a.parentCode !== null)).toBe(true);
  });

  it('reports health and readiness', async () => {
    expect((await get('/healthz')).json()).toEqual({ status: 'ok' });
    const ready = (await get('/readyz')).json();
    expect(ready.status).toBe('ok');
    expect(ready.migrations).toBeGreaterThan(0);
  });

  it('serves the OpenAPI 3.1 document and the reference page', async () => {
    const spec = (await get('/openapi.json')).json();
    expect(spec.openapi).toBe('3.1.0');
    expect(Object.keys(spec.paths)).toContain('/api/v1/procedures/{code}/templates/{templateId}');
    expect((await get('/docs')).statusCode).toBeLessThan(400);
  });

  it('answers an unknown API route with problem+json and a request id', async () => {
    const res = await get('/api/v1/nothing-here');
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('request.route_not_found');
    expect(res.json().requestId).toBe(res.headers['x-request-id']);
  });
});
