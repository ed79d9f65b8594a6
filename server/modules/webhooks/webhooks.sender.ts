/**
 * One HTTP POST of a webhook: JSON body, the Standard Webhooks headers, a timeout, no redirects
 * followed, and the SSRF guard on the addresses the host resolves to at connection time.
 */
import http from 'node:http';
import https from 'node:https';
import { checkTarget, guardedLookup } from './webhooks.ssrf.js';

export interface SendResult {
  httpStatus: number | null;
  ok: boolean;
  latencyMs: number;
  responseExcerpt: string | null;
  error: string | null;
}

export type WebhookSender = (input: { url: string; headers: Record<string, string>; body: string }) => Promise<SendResult>;

const EXCERPT = 500;

export function createWebhookSender({ timeoutMs, allowedHosts }: { timeoutMs: number; allowedHosts: readonly string[] }): WebhookSender {
  return async ({ url, headers, body }) => {
    const started = performance.now();
    const latency = () => Math.round(performance.now() - started);
    try {
      const target = new URL(url);
      // An address literal never reaches the lookup function: it is checked here.
      await checkTarget(target.hostname, allowedHosts);
      const client = target.protocol === 'https:' ? https : http;
      const result = await new Promise<{ status: number; text: string }>((resolve, reject) => {
        const req = client.request(target, {
          method: 'POST',
          lookup: guardedLookup(allowedHosts),
          headers: { 'content-type': 'application/json', 'user-agent': 'OpenDVC-Webhooks/1.0', 'content-length': Buffer.byteLength(body), ...headers },
          timeout: timeoutMs,
        }, (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (c: Buffer) => {
            if (size < 4096) chunks.push(c);
            size += c.length;
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        });
        req.on('timeout', () => req.destroy(new Error(`Hết thời gian chờ (${timeoutMs} ms)`)));
        req.on('error', reject);
        req.end(body);
      });
      const ok = result.status >= 200 && result.status < 300;
      return { httpStatus: result.status, ok, latencyMs: latency(), responseExcerpt: result.text.slice(0, EXCERPT) || null, error: ok ? null : `HTTP ${result.status}` };
    } catch (err) {
      return { httpStatus: null, ok: false, latencyMs: latency(), responseExcerpt: null, error: (err instanceof Error ? err.message : String(err)).slice(0, 1000) };
    }
  };
}
