/** The SSRF guard: private, loopback, link-local and reserved addresses are refused unless allowed. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createWebhookSender } from './webhooks.sender.js';
import { checkTarget, isForbiddenAddress } from './webhooks.ssrf.js';

describe('webhook SSRF guard', () => {
  it('classifies addresses', () => {
    for (const a of ['127.0.0.1', '10.0.0.1', '172.16.5.4', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '224.0.0.1', '::1', '::', 'fe80::1', 'fd00::1', '::ffff:127.0.0.1', '::ffff:10.1.1.1']) {
      expect(isForbiddenAddress(a), a).toBe(true);
    }
    for (const a of ['8.8.8.8', '203.113.131.1', '2001:4860:4860::8888', '::ffff:8.8.8.8']) expect(isForbiddenAddress(a), a).toBe(false);
  });

  it('resolves names before deciding, and lets WEBHOOK_ALLOWED_HOSTS through', async () => {
    await expect(checkTarget('localhost', [])).rejects.toThrow(/loopback/);
    await expect(checkTarget('127.0.0.1', [])).rejects.toThrow();
    await expect(checkTarget('localhost', ['localhost'])).resolves.toBeTruthy();
    await expect(checkTarget('127.0.0.1', ['127.0.0.1'])).resolves.toEqual(['127.0.0.1']);
  });

  it('re-checks at delivery: a sender without the allowance never connects to loopback', async () => {
    let hits = 0;
    const server = http.createServer((_req, res) => { hits++; res.end('ok'); });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as AddressInfo).port;
    try {
      const refused = await createWebhookSender({ timeoutMs: 1000, allowedHosts: [] })({ url: `http://localhost:${port}/x`, headers: {}, body: '{}' });
      expect(refused.ok).toBe(false);
      expect(refused.error).toMatch(/loopback/);
      const literal = await createWebhookSender({ timeoutMs: 1000, allowedHosts: [] })({ url: `http://127.0.0.1:${port}/x`, headers: {}, body: '{}' });
      expect(literal.ok).toBe(false);
      expect(hits).toBe(0);
      const allowed = await createWebhookSender({ timeoutMs: 1000, allowedHosts: ['127.0.0.1'] })({ url: `http://127.0.0.1:${port}/x`, headers: {}, body: '{}' });
      expect(allowed).toMatchObject({ ok: true, httpStatus: 200, responseExcerpt: 'ok' });
      expect(hits).toBe(1);
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
