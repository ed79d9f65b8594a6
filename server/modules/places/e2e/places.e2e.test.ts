/** The public catalogue of administrative units over HTTP: provinces, communes of one, search, caching. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../test/test-app.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx?.close());

const get = (query = '') => ctx.app.inject({ method: 'GET', url: `/api/v1/administrative-units${query}` });

describe('GET /api/v1/administrative-units', () => {
  it('lists the 34 provinces and cities to anyone, cacheable', async () => {
    const res = await get();
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=86400');
    const body = res.json();
    expect(body.effectiveFrom).toBe('2025-07-01');
    expect(body.items).toHaveLength(34);
    expect(body.items[0]).toEqual({ code: '01', name: 'Thành phố Hà Nội', nameEn: 'Ha Noi City', level: 'PROVINCE' });
  });

  it('lists the units of a province and searches them without diacritics', async () => {
    const all = (await get('?parent=01')).json().items;
    expect(all).toHaveLength(126);
    expect(all.every((u: { parentCode: string }) => u.parentCode === '01')).toBe(true);
    expect((await get('?parent=01&q=ba%20dinh')).json().items[0]).toEqual({ code: '00004', name: 'Phường Ba Đình', nameEn: 'Ba Dinh Ward', level: 'COMMUNE', parentCode: '01', parentName: 'Thành phố Hà Nội' });
    expect((await get(`?parent=91&q=${encodeURIComponent('Phú Quốc')}`)).json().items[0]).toMatchObject({ code: '31078', name: 'Đặc khu Phú Quốc' });
    expect((await get('?q=ho%20chi%20minh')).json().items).toEqual([{ code: '79', name: 'Thành phố Hồ Chí Minh', nameEn: 'Ho Chi Minh City', level: 'PROVINCE' }]);
    expect((await get('?parent=01&limit=3')).json().items).toHaveLength(3);
    expect((await get('?parent=99')).json().items).toEqual([]);
  });

  it('finds a commune in the whole country when the province is not chosen yet, with its province', async () => {
    const items = (await get('?level=COMMUNE&q=ba%20dinh')).json().items;
    expect(items[0]).toEqual({ code: '00004', name: 'Phường Ba Đình', nameEn: 'Ba Dinh Ward', level: 'COMMUNE', parentCode: '01', parentName: 'Thành phố Hà Nội' });
    expect(items.length).toBeLessThanOrEqual(50);
    expect((await get(`?level=COMMUNE&q=${encodeURIComponent('Phú Quốc')}`)).json().items[0]).toMatchObject({ code: '31078', parentCode: '91', parentName: 'Tỉnh An Giang' });
    expect((await get('?level=COMMUNE')).json().items).toEqual([]);
  });

  it('refuses a malformed province code with problem+json', async () => {
    const res = await get('?parent=Ha%20Noi');
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });
});
