/**
 * An SMS gateway on 127.0.0.1 speaking the protocol of the `http` SMS provider (JSON POST, key in
 * `X-Api-Key`): it records what it receives and answers as told (`answerWith`), so tests see what
 * the portal sent and how it copes with refusals, outages and slowness.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedSms {
  apiKey: string | undefined;
  idempotencyKey: string | undefined;
  contentType: string | undefined;
  messageId: string;
  /** As sent: international form (+84…). */
  to: string;
  text: string;
}

export interface GatewayBehaviour {
  status: number;
  /** Wait this long before answering. */
  delayMs?: number;
}

export async function startSmsGatewayStub({ key = 'sms-gateway-test-key', port: wantedPort = 0, onMessage }: { key?: string; port?: number; onMessage?: (message: ReceivedSms) => void } = {}) {
  const messages: ReceivedSms[] = [];
  let behaviour: GatewayBehaviour = { status: 202 };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const answer = (status: number, body: object) => {
        if (res.destroyed) return;
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      };
      if (req.method !== 'POST') return answer(405, { error: 'method not allowed' });
      if (req.headers['x-api-key'] !== key) return answer(401, { error: 'bad key' });
      let body: { messageId?: unknown; to?: unknown; text?: unknown };
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return answer(400, { error: 'not JSON' });
      }
      if (typeof body.to !== 'string' || !/^\+84\d{9}$/.test(body.to) || typeof body.text !== 'string' || typeof body.messageId !== 'string') return answer(400, { error: 'bad message' });
      const { status, delayMs = 0 } = behaviour;
      const received: ReceivedSms = {
        apiKey: req.headers['x-api-key'] as string | undefined,
        idempotencyKey: req.headers['idempotency-key'] as string | undefined,
        contentType: req.headers['content-type'],
        messageId: body.messageId,
        to: body.to,
        text: body.text,
      };
      setTimeout(() => {
        // Only a message the gateway accepted counts as received.
        if (status >= 200 && status < 300) {
          messages.push(received);
          onMessage?.(received);
        }
        answer(status, status < 300 ? { id: `gw-${messages.length}` } : { error: `status ${status}` });
      }, delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(wantedPort, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1/messages`,
    key,
    messages,
    /** Messages accepted for a number (national form 0xxxxxxxxx or +84…), oldest first. */
    to: (phone: string) => messages.filter((m) => m.to === (phone.startsWith('0') ? `+84${phone.slice(1)}` : phone)),
    /** How the gateway answers from now on. */
    answerWith(next: GatewayBehaviour) {
      behaviour = next;
    },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** The 6-digit code in an SMS, or undefined. */
export const codeIn = (text: string) => /\b(\d{6})\b/.exec(text)?.[1];
