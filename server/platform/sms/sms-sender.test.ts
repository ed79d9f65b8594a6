import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config.js';
import { queryRows, type DatabaseHandle } from '../db/create-database.js';
import { createTestDatabase } from '../../test/test-database.js';
import { startSmsGatewayStub } from '../../test/sms-gateway.js';
import { createHttpSmsSender, createSmsSender, SmsRejectedError, SmsTemporaryError } from './sms-sender.js';
import { deliverSms } from './sms.jobs.js';

let gateway: Awaited<ReturnType<typeof startSmsGatewayStub>>;
beforeAll(async () => {
  gateway = await startSmsGatewayStub();
});
afterAll(async () => gateway?.close());

const sender = (overrides: { key?: string; timeoutMs?: number } = {}) => createHttpSmsSender({ url: gateway.url, key: overrides.key ?? gateway.key, timeoutMs: overrides.timeoutMs ?? 2000 });

describe('HTTP SMS gateway adapter', () => {
  it('posts the documented JSON with the key in X-Api-Key and the number in international form', async () => {
    gateway.answerWith({ status: 202 });
    await sender().send({ messageId: 'sms_test_1', to: '0912345678', text: 'OpenDVC: Mã xác thực 123456' });
    expect(gateway.to('0912345678')).toEqual([{
      apiKey: gateway.key, idempotencyKey: 'sms_test_1', contentType: 'application/json', messageId: 'sms_test_1', to: '+84912345678', text: 'OpenDVC: Mã xác thực 123456',
    }]);
  });

  it('treats a refusal (4xx) as final', async () => {
    await expect(sender({ key: 'wrong-key-123' }).send({ messageId: 'sms_test_2', to: '0912345679', text: 'x' })).rejects.toThrow(SmsRejectedError);
    gateway.answerWith({ status: 422 });
    await expect(sender().send({ messageId: 'sms_test_3', to: '0912345679', text: 'x' })).rejects.toThrow(SmsRejectedError);
    expect(gateway.to('0912345679')).toEqual([]);
  });

  it('treats 5xx, 429 and no answer in time as temporary', async () => {
    for (const status of [500, 503, 429]) {
      gateway.answerWith({ status });
      await expect(sender().send({ messageId: `sms_t_${status}`, to: '0912345680', text: 'x' })).rejects.toThrow(SmsTemporaryError);
    }
    gateway.answerWith({ status: 202, delayMs: 1500 });
    await expect(sender({ timeoutMs: 200 }).send({ messageId: 'sms_slow', to: '0912345680', text: 'x' })).rejects.toThrow(/no answer within 200 ms/);
    gateway.answerWith({ status: 202 });
  });

  it('treats a gateway that is not listening as temporary', async () => {
    const down = createHttpSmsSender({ url: 'http://127.0.0.1:9/v1/messages', key: 'k-12345678', timeoutMs: 2000 });
    await expect(down.send({ messageId: 'sms_down', to: '0912345681', text: 'x' })).rejects.toThrow(SmsTemporaryError);
  });

  it('console provider writes the message to the log', async () => {
    const lines: object[] = [];
    const consoleSender = createSmsSender(loadConfig({}), { info: (obj: object) => lines.push(obj) } as never);
    await consoleSender.send({ messageId: 'sms_c', to: '0912000111', text: 'Mã 654321' });
    expect(lines).toEqual([{ sms: { messageId: 'sms_c', to: '0912000111', text: 'Mã 654321' } }]);
  });
});

describe('deliverSms', () => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database?.close());
  const config = loadConfig({ SMS_PER_NUMBER_PER_HOUR: '2' });
  const status = async (messageId: string) => (await queryRows<{ status: string; attempts: number }>(database.db, sql`SELECT status, attempts FROM sms_deliveries WHERE message_id = ${messageId}`))[0];

  it('sends each message once, and at most SMS_PER_NUMBER_PER_HOUR to a number', async () => {
    gateway.answerWith({ status: 202 });
    const to = '0933000001';
    const send = (messageId: string) => deliverSms({ db: database.db, sender: sender(), config, message: { messageId, to, text: `tin ${messageId}` } });
    expect(await send('m1')).toBe('sent');
    expect(await send('m1')).toBe('sent');
    expect(await send('m2')).toBe('sent');
    expect(await send('m3')).toBe('throttled');
    expect(gateway.to(to).map((m) => m.messageId)).toEqual(['m1', 'm2']);
    expect(await status('m3')).toMatchObject({ status: 'throttled' });
  });

  it('records a temporary failure for the retry and a refusal as failed', async () => {
    const to = '0933000002';
    gateway.answerWith({ status: 503 });
    await expect(deliverSms({ db: database.db, sender: sender(), config, message: { messageId: 't1', to, text: 'x' } })).rejects.toThrow(SmsTemporaryError);
    expect(await status('t1')).toMatchObject({ status: 'queued', attempts: 1 });
    gateway.answerWith({ status: 202 });
    expect(await deliverSms({ db: database.db, sender: sender(), config, message: { messageId: 't1', to, text: 'x' } })).toBe('sent');
    expect(await status('t1')).toMatchObject({ status: 'sent', attempts: 2 });
    gateway.answerWith({ status: 400 });
    expect(await deliverSms({ db: database.db, sender: sender(), config, message: { messageId: 't2', to, text: 'x' } })).toBe('rejected');
    expect(await status('t2')).toMatchObject({ status: 'failed' });
    gateway.answerWith({ status: 202 });
  });
});
