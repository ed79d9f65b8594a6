/**
 * Standard Webhooks signatures: `webhook-signature: v1,<base64 HMAC-SHA256 over "id.timestamp.body">`
 * with the key of a `whsec_<base64>` secret; several signatures are space-separated (during a
 * secret rotation's overlap both the new and the previous secret sign).
 */
import { createHmac, randomBytes } from 'node:crypto';

const PREFIX = 'whsec_';

/** A new secret: 32 random bytes, `whsec_` + base64. */
export function createWebhookSecret(): string {
  return PREFIX + randomBytes(32).toString('base64');
}

export function signatureOf(secret: string, msgId: string, timestampSeconds: number, body: string): string {
  const key = Buffer.from(secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret, 'base64');
  return `v1,${createHmac('sha256', key).update(`${msgId}.${timestampSeconds}.${body}`).digest('base64')}`;
}

/** The three Standard Webhooks headers of one attempt, signed by every given secret. */
export function webhookHeaders(secrets: string[], msgId: string, timestampSeconds: number, body: string): Record<string, string> {
  return {
    'webhook-id': msgId,
    'webhook-timestamp': String(timestampSeconds),
    'webhook-signature': secrets.map((s) => signatureOf(s, msgId, timestampSeconds, body)).join(' '),
  };
}
