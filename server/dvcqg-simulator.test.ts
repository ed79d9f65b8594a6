/** Outside production, npm start runs the national portal simulator and points the sync at it. */
import { afterAll, describe, expect, it } from 'vitest';
import { DVCQG_DEV_PASSWORD, DVCQG_DEV_USERNAME } from '../common/dvcqg/protocol.js';
import { startPortalSimulator, type StartedPortalSimulator } from './dvcqg-simulator.js';
import { loadConfig } from './platform/config/config.js';

let started: StartedPortalSimulator | null = null;
afterAll(() => started?.stop());

describe('the national portal simulator of npm start', () => {
  it('starts on loopback outside production and takes the development adapter account', async () => {
    started = await startPortalSimulator(loadConfig({ NODE_ENV: 'development', DATABASE_URL: '' }));
    expect(started).not.toBeNull();
    expect(started!.env.DVCQG_BASE_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/XrdAdapter\/RestService\/forward$/);
    expect(started!.env.DVCQG_FILE_HOSTS).toBe(new URL(started!.url).host);
    const auth = await fetch(`${started!.env.DVCQG_BASE_URL}/auth?dstcode=x`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: DVCQG_DEV_USERNAME, password: DVCQG_DEV_PASSWORD }) });
    expect(await auth.json()).toMatchObject({ error_code: '0', session: expect.any(String) });
    // The app's configuration then syncs to it.
    expect(loadConfig({ NODE_ENV: 'development', DATABASE_URL: '', ...started!.env }).dvcqgBaseUrl).toBe(started!.env.DVCQG_BASE_URL);
  }, 60_000);

  it('is not started when an adapter is configured, when turned off, or in production', async () => {
    expect(await startPortalSimulator(loadConfig({ NODE_ENV: 'development', DATABASE_URL: '', DVCQG_BASE_URL: 'https://lgsp.example.gov.vn/forward' }))).toBeNull();
    expect(await startPortalSimulator(loadConfig({ NODE_ENV: 'development', DATABASE_URL: '', DVCQG_SIMULATOR: 'false' }))).toBeNull();
    expect(() => loadConfig({ NODE_ENV: 'production', DVCQG_SIMULATOR: 'true' })).toThrow(/DVCQG_SIMULATOR/);
  });
});
