/**
 * The adapter client against the simulator (a child process): session authentication, and
 * failures classified as worth retrying (network, timeout, HTTP 5xx, busy) or not (wrong
 * credentials, data the portal refuses).
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DVCQG_DEV_PASSWORD, DVCQG_DEV_USERNAME } from '../../../../common/dvcqg/protocol.js';
import { loadConfig } from '../../../platform/config/config.js';
import { createPortalClient, PortalError } from '../index.js';
import { portalCodeFor } from '../integration.mapping.js';
import { startSimulator, type Simulator } from './dvcqg.fixtures.js';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator(['--username', 'bo-tnmt', '--password', 'mat-khau-thu']);
}, 60_000);
afterAll(async () => sim?.stop());

const client = (over: Record<string, string> = {}) => {
  const config = loadConfig({ NODE_ENV: 'test', DVCQG_BASE_URL: sim.baseUrl, DVCQG_USERNAME: 'bo-tnmt', DVCQG_PASSWORD: 'mat-khau-thu', DVCQG_TIMEOUT_MS: '1000', ...over });
  return createPortalClient({ ...config, dvcqgBaseUrl: config.dvcqgBaseUrl! });
};
async function failure(p: Promise<unknown>) {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(PortalError);
  return err as PortalError;
}
const step = { MaHoSo: '000.00.01.G99-261204-0001', NguoiXuLy: 'Phạm Thị Dung', ThoiDiemXuLy: '20261204090000', NoiDungXuLy: 'Tiếp nhận hồ sơ', TrangThai: '2' };

describe('national portal adapter client', () => {
  it('the app\'s development defaults are the simulator\'s default account', () => {
    const config = loadConfig({ NODE_ENV: 'development' });
    expect([config.dvcqgUsername, config.dvcqgPassword]).toEqual([DVCQG_DEV_USERNAME, DVCQG_DEV_PASSWORD]);
    expect(config.dvcqgBaseUrl).toBeUndefined();
  });

  it('authenticates once and sends with the session; wrong credentials are not retried', async () => {
    const c = client();
    expect(await failure(c.call('CapNhatTienDoHoSoMC', { data: [step] }))).toMatchObject({ retryable: false, errorCode: '3' });
    const wrong = await failure(client({ DVCQG_PASSWORD: 'sai-mat-khau' }).call('DongBoHoSoMC', { isUpdating: 'False', data: [] }));
    expect(wrong).toMatchObject({ retryable: false, errorCode: '401' });
  });

  it('data the portal refuses is not retried; its answer names the fields', async () => {
    const err = await failure(client().call('DongBoHoSoMC', { isUpdating: 'False', data: [{ MaHoSo: 'x' }] }));
    expect(err.retryable).toBe(false);
    expect(err.errorCode).toBe('-1');
    expect(err.answer!.message).toContain('data[0].MaHoSo');
  });

  it('HTTP 5xx, a busy answer, a timeout and a dropped connection are retried', async () => {
    await sim.faults({ rate: 1, status: 503 });
    expect(await failure(client().call('CapNhatTienDoHoSoMC', { data: [step] }))).toMatchObject({ retryable: true, httpStatus: 503 });
    await sim.faults({ rate: 1, errorCode: '99' });
    expect(await failure(client().call('CapNhatTienDoHoSoMC', { data: [step] }))).toMatchObject({ retryable: true, errorCode: '99' });
    await sim.faults({ delayMs: 1500 });
    expect((await failure(client().call('CapNhatTienDoHoSoMC', { data: [step] }))).retryable).toBe(true);
    await sim.faults({ downForSeconds: 30 });
    expect((await failure(client().call('CapNhatTienDoHoSoMC', { data: [step] }))).retryable).toBe(true);
    await sim.faults({});
    // Nothing listening at all.
    const server = net.createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as net.AddressInfo).port;
    await new Promise<void>((r) => server.close(() => r()));
    expect((await failure(client({ DVCQG_BASE_URL: `http://127.0.0.1:${port}/forward` }).call('DongBoHoSoMC', { data: [] }))).retryable).toBe(true);
  });

  it('keeps a code the portal takes; replaces one it would refuse, keeping the local code (§2.7)', () => {
    expect(portalCodeFor('000.00.01.G99-261204-0001', '000.00.01.G99', new Date())).toEqual({ portalCode: '000.00.01.G99-261204-0001', otherCode: null });
    const other = portalCodeFor('HS-2026-77', '000.00.01.G99', new Date('2026-12-04T03:00:00Z'));
    expect(other.otherCode).toBe('HS-2026-77');
    expect(other.portalCode).toMatch(/^000\.00\.01\.G99-261204-\d{5}$/);
  });
});
