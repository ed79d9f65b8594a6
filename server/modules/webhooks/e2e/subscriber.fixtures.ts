/**
 * A test subscriber: an HTTP server on a loopback port that verifies each delivery's signature
 * with the `standardwebhooks` library (the reference implementation) and records what it got.
 * It can go down (the port closed: connections are refused) and come back on the same port.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface Received {
  id: string;
  timestamp: string;
  signatures: string[];
  body: { type: string; timestamp: string; data: Record<string, unknown> };
}

export interface Subscriber {
  url: string;
  received: Received[];
  /** Secrets the subscriber verifies with (a delivery passes when one of them verifies). */
  secrets: string[];
  /** Status answered after a verified delivery (204 by default). */
  answer: number;
  rejected: number;
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}

export async function startSubscriber(): Promise<Subscriber> {
  let port = 0;
  let server: http.Server | null = null;
  const state: Subscriber = {
    url: '',
    received: [],
    secrets: [],
    answer: 204,
    rejected: 0,
    async down() {
      const s = server;
      server = null;
      if (s) await new Promise<void>((r) => { s.close(() => r()); s.closeAllConnections(); });
    },
    async up() {
      if (server) return;
      server = http.createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          const payload = Buffer.concat(chunks).toString('utf8');
          const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
          const verified = state.secrets.some((secret) => {
            try {
              new Webhook(secret).verify(payload, headers);
              return true;
            } catch {
              return false;
            }
          });
          if (!verified) {
            state.rejected++;
            res.writeHead(400, { 'content-type': 'text/plain' }).end('chữ ký không hợp lệ');
            return;
          }
          if (state.answer >= 200 && state.answer < 300) {
            state.received.push({ id: headers['webhook-id']!, timestamp: headers['webhook-timestamp']!, signatures: headers['webhook-signature']!.split(' '), body: JSON.parse(payload) as Received['body'] });
          }
          res.writeHead(state.answer, { 'content-type': 'text/plain' }).end(state.answer < 300 ? '' : 'bận, thử lại sau');
        });
      });
      const s = server;
      await new Promise<void>((r) => s.listen(port, '127.0.0.1', () => r()));
      port = (s.address() as AddressInfo).port;
      state.url = `http://127.0.0.1:${port}/hooks/opendvc`;
    },
    async close() {
      await state.down();
    },
  };
  await state.up();
  return state;
}
