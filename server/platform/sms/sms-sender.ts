/**
 * Outgoing SMS, with the provider chosen by configuration: `console` writes each message to the
 * log (development and demos: a developer reads one-time codes there), `http` posts it to an SMS
 * gateway (`SMS_GATEWAY_URL`, key in the `X-Api-Key` header).
 *
 * The gateway protocol (documented in docs/configuration.md):
 *
 *     POST {SMS_GATEWAY_URL}
 *     Content-Type: application/json
 *     X-Api-Key: {SMS_GATEWAY_KEY}
 *     Idempotency-Key: {messageId}
 *     {"messageId": "sms_…", "to": "+84912345678", "text": "…"}
 *
 * Any 2xx is accepted. 408, 429, 5xx, a network error or no answer within
 * `SMS_GATEWAY_TIMEOUT_MS` are temporary (`SmsTemporaryError`: the job retries with backoff);
 * any other status is a refusal (`SmsRejectedError`: retrying would not help).
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config/config.js';

export interface SmsMessage {
  /** Unique per message: the gateway may use it to drop a repeat. */
  messageId: string;
  /** Vietnamese mobile number in national form (0xxxxxxxxx). */
  to: string;
  text: string;
}

export interface SmsSender {
  send(message: SmsMessage): Promise<void>;
}

/** The gateway could not take the message now; try again later. */
export class SmsTemporaryError extends Error {
  override name = 'SmsTemporaryError';
}

/** The gateway refused the message (bad number, bad key, …); trying again would not help. */
export class SmsRejectedError extends Error {
  override name = 'SmsRejectedError';
}

type SmsConfig = Pick<Config, 'smsProvider' | 'smsGatewayUrl' | 'smsGatewayKey' | 'smsGatewayTimeoutMs'>;
type SmsLog = Pick<FastifyBaseLogger, 'info'>;

/** `0912345678` → `+84912345678`, the international form gateways expect. */
export const internationalPhone = (national: string) => (national.startsWith('0') ? `+84${national.slice(1)}` : national);

export function createSmsSender(config: SmsConfig, log: SmsLog): SmsSender {
  if (config.smsProvider === 'http') return createHttpSmsSender({ url: config.smsGatewayUrl!, key: config.smsGatewayKey!, timeoutMs: config.smsGatewayTimeoutMs });
  return {
    async send(message) {
      log.info({ sms: { messageId: message.messageId, to: message.to, text: message.text } }, 'sms (console provider)');
    },
  };
}

export function createHttpSmsSender({ url, key, timeoutMs }: { url: string; key: string; timeoutMs: number }): SmsSender {
  return {
    async send(message) {
      let response: Response;
      try {
        response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-api-key': key, 'idempotency-key': message.messageId },
          body: JSON.stringify({ messageId: message.messageId, to: internationalPhone(message.to), text: message.text }),
          signal: AbortSignal.timeout(timeoutMs),
          redirect: 'error',
        });
      } catch (error) {
        const reason = (error as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : String((error as Error).cause ?? (error as Error).message);
        throw new SmsTemporaryError(`SMS gateway unreachable: ${reason}`, { cause: error });
      }
      // The body is read (and dropped) so that the connection can be reused.
      const body = (await response.text().catch(() => '')).slice(0, 200);
      if (response.ok) return;
      const status = response.status;
      if (status === 408 || status === 429 || status >= 500) throw new SmsTemporaryError(`SMS gateway answered ${status}: ${body}`);
      throw new SmsRejectedError(`SMS gateway refused the message (${status}): ${body}`);
    },
  };
}
