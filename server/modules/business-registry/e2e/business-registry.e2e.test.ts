/**
 * The business registry lookup over HTTP against the registry simulator, started as `npm start`
 * starts it (a separate server on loopback): found, not found, a malformed code, the registry
 * failing or too slow, strangers refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBusinessRegistrySimulator, type StartedRegistrySimulator } from '../../../business-registry-simulator.js';
import { loadConfig } from '../../../platform/config/config.js';
import { createTestApp, type TestContext } from '../../../test/test-app.js';
import { callerFor, userIdByEmail, type Caller } from '../../dossiers/e2e/dossiers.fixtures.js';

let sim: StartedRegistrySimulator | null = null;
let ctx: TestContext;
let citizen: Caller;
let registryUrl: string;

beforeAll(async () => {
  sim = await startBusinessRegistrySimulator(loadConfig({ NODE_ENV: 'development', DATABASE_URL: '' }));
  registryUrl = sim!.env.BUSINESS_REGISTRY_URL!;
  ctx = await createTestApp({ BUSINESS_REGISTRY_URL: registryUrl, BUSINESS_REGISTRY_TIMEOUT_MS: '500' });
  citizen = await callerFor(ctx, await userIdByEmail(ctx, 'citizen@demo.opendvc.vn'));
}, 60_000);
afterAll(async () => {
  await ctx?.close();
  sim?.stop();
});

const faults = (body: object) => fetch(`${registryUrl}/_sim/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('looking up an enterprise by tax code', () => {
  it('is started on loopback outside production, and not when a registry is configured, turned off or in production', async () => {
    expect(registryUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await startBusinessRegistrySimulator(loadConfig({ NODE_ENV: 'development', DATABASE_URL: '', BUSINESS_REGISTRY_URL: 'https://dkkd.example.gov.vn' }))).toBeNull();
    expect(await startBusinessRegistrySimulator(loadConfig({ NODE_ENV: 'development', DATABASE_URL: '', BUSINESS_REGISTRY_SIMULATOR: 'false' }))).toBeNull();
    expect(() => loadConfig({ NODE_ENV: 'production', BUSINESS_REGISTRY_SIMULATOR: 'true' })).toThrow(/BUSINESS_REGISTRY_SIMULATOR/);
  });

  it('answers the name, the head office by administrative units and as one line, and the legal representative', async () => {
    const res = await citizen.get('/business-registry/enterprises/0100109106');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['cache-control']).toBe('private, no-store');
    expect(res.json()).toEqual({
      taxCode: '0100109106',
      name: 'Công ty TNHH Nước sạch Sông Hồng',
      status: 'ACTIVE',
      address: { provinceCode: '01', provinceName: 'Thành phố Hà Nội', communeCode: '00070', communeName: 'Phường Hoàn Kiếm', detail: 'Số 5 phố Tràng Tiền' },
      addressLine: 'Số 5 phố Tràng Tiền, Phường Hoàn Kiếm, Thành phố Hà Nội',
      legalRepresentative: { name: 'Nguyễn Văn An', position: 'Giám đốc' },
      source: 'Cổng thông tin quốc gia về đăng ký doanh nghiệp',
    });
  });

  it('says in Vietnamese when no enterprise has the code, and refuses a malformed code before asking the registry', async () => {
    const missing = await citizen.get('/business-registry/enterprises/0100000000');
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    expect(missing.json()).toMatchObject({ code: 'business_registry.not_found', detail: expect.stringContaining('Không tìm thấy doanh nghiệp') });
    const bad = await citizen.get('/business-registry/enterprises/12ab');
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('Mã số thuế gồm 10 chữ số');
  });

  it('answers 503 when the registry fails or is slower than the timeout, then works again', async () => {
    await faults({ failNext: 1, status: 500 });
    const failed = await citizen.get('/business-registry/enterprises/0100109106');
    expect(failed.statusCode).toBe(503);
    expect(failed.json()).toMatchObject({ code: 'business_registry.unavailable', detail: expect.stringContaining('tự nhập') });
    await faults({ delayMs: 2000 });
    const started = Date.now();
    const slow = await citizen.get('/business-registry/enterprises/0100109106');
    expect(slow.statusCode).toBe(503);
    expect(Date.now() - started).toBeLessThan(1900);
    await faults({});
    expect((await citizen.get('/business-registry/enterprises/0100109106')).statusCode).toBe(200);
  });

  it('refuses strangers (no session)', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/v1/business-registry/enterprises/0100109106' });
    expect(res.statusCode).toBe(401);
  });
});
