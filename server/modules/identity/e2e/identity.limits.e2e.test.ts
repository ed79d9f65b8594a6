import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient } from '../../../test/http-client.js';
import { createTestApp, type TestContext } from '../../../test/test-app.js';

let ctx: TestContext;
beforeAll(async () => {
  // Port 9 (discard) refuses SMTP: mail delivery fails.
  ctx = await createTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: '3', MAIL_PROVIDER: 'smtp', SMTP_URL: 'smtp://127.0.0.1:9' });
});
afterAll(async () => ctx?.close());

describe('sign-in limits and mail outages', () => {
  it('still registers when the mail server is down', async () => {
    const res = await createHttpClient(ctx.app).post('/api/v1/auth/register', { email: 'mat.thu@example.vn', password: 'mat-khau-dai-2026', fullName: 'Hồ Văn Quang' });
    expect(res.statusCode).toBe(202);
  });

  it('limits sign-in attempts per client address', async () => {
    const client = createHttpClient(ctx.app, { ip: '198.51.100.9' });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await client.login('nobody@example.vn', 'wrong-password')).statusCode);
    expect(statuses).toEqual([401, 401, 401, 429]);
    const limited = await client.login('nobody@example.vn', 'wrong-password');
    expect(limited.json().code).toBe('request.rate_limited');
  });
});
