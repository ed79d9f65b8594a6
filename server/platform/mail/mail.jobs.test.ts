import net from 'node:net';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config.js';
import type { DatabaseHandle } from '../db/create-database.js';
import { createJobQueue, enqueueInTransaction, type JobQueue } from '../jobs/job-queue.js';
import { createTestDatabase } from '../../test/test-database.js';
import { startTestSmtpServer } from '../../test/smtp-server.js';
import { waitFor } from '../../test/wait-for.js';
import { createMailer, messageIdHeader, type Mailer } from './mailer.js';
import { mailDeliveriesTable } from './mail-deliveries.tables.js';
import { enqueueMail, enqueueMails, MAIL_SEND, mailSendQueue, registerMailJobs } from './mail.jobs.js';

const silent = { info() {}, warn() {}, error() {} };
const config = loadConfig({ JOBS_POLLING_INTERVAL_SECONDS: '0.5' });

let database: DatabaseHandle;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

const delivery = async (messageId: string) =>
  (await database.db.select().from(mailDeliveriesTable).where(eq(mailDeliveriesTable.messageId, messageId)))[0];

async function startMailWorker(smtpUrl: string, wrap: (mailer: Mailer) => Mailer = (m) => m) {
  const base = createMailer({ mailProvider: 'smtp', smtpUrl, mailFrom: 'OpenDVC <no-reply@opendvc.local>' }, silent);
  const mailer = { ...base, send: wrap(base).send };
  const jobs = createJobQueue({ database, config, logger: silent, queues: [mailSendQueue] });
  await registerMailJobs(jobs, { db: database.db, mailer });
  await jobs.start();
  return {
    jobs,
    async stop() {
      await jobs.stop();
      base.close();
    },
  };
}

describe('mail.send job through a real SMTP server', () => {
  let smtp: Awaited<ReturnType<typeof startTestSmtpServer>>;
  let worker: { jobs: JobQueue; stop(): Promise<void> };
  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    worker = await startMailWorker(smtp.url);
  });
  afterAll(async () => {
    await worker.stop();
    await smtp.close();
  });

  it('delivers a mail queued in a committed transaction exactly once', async () => {
    const messageId = await database.db.transaction((tx) =>
      enqueueMail(tx, { to: 'cong.dan@example.vn', subject: 'Hồ sơ đã được tiếp nhận', text: 'Mã hồ sơ G01.123.456-260101-0001' }),
    );
    expect(await delivery(messageId)).toMatchObject({ status: 'queued', attempts: 0 });
    await waitFor(() => smtp.to('cong.dan@example.vn').length > 0, { what: 'the mail' });
    await waitFor(async () => (await delivery(messageId))?.status === 'sent', { what: 'the delivery to be recorded' });
    // The delivery's id is the Message-ID: a copy sent again after a crash is recognisably the same message.
    expect(smtp.to('cong.dan@example.vn')).toEqual([{ to: ['cong.dan@example.vn'], subject: 'Hồ sơ đã được tiếp nhận', text: 'Mã hồ sơ G01.123.456-260101-0001\n', messageId: `<${messageId}@opendvc.local>` }]);
    expect(await delivery(messageId)).toMatchObject({ status: 'sent', attempts: 1, lastError: null });

    // Queuing the same message id again, or a stray second job for it, sends nothing more.
    await database.db.transaction((tx) => enqueueMail(tx, { to: 'cong.dan@example.vn', subject: 'Hồ sơ đã được tiếp nhận', text: 'lần hai' }, { messageId }));
    const strayJob = await database.db.transaction((tx) =>
      enqueueInTransaction(tx, MAIL_SEND, { messageId, message: { to: 'cong.dan@example.vn', subject: 'x', text: 'lần ba' } }),
    );
    await waitFor(async () => (await worker.jobs.boss.getJobById(MAIL_SEND, strayJob!))?.state === 'completed', { what: 'the stray job to finish' });
    expect(smtp.to('cong.dan@example.vn')).toHaveLength(1);
    expect(await delivery(messageId)).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('sends nothing when the transaction rolls back', async () => {
    let messageId = '';
    await expect(
      database.db.transaction(async (tx) => {
        messageId = await enqueueMail(tx, { to: 'rollback@example.vn', subject: 'Không được gửi', text: '…' });
        throw new Error('dossier could not be saved');
      }),
    ).rejects.toThrow('dossier could not be saved');
    expect(await delivery(messageId)).toBeUndefined();
    await new Promise((r) => setTimeout(r, 1500)); // three polling rounds
    expect(smtp.to('rollback@example.vn')).toEqual([]);
  });
});

describe('mail.send in batches', () => {
  it('queues many mails in one call and sends each once; a failing one is retried alone', async () => {
    const smtp = await startTestSmtpServer();
    let refusals = 0;
    // The first attempt at one recipient fails; every other mail of the batch goes through.
    const worker = await startMailWorker(smtp.url, (m) => ({
      ...m,
      async send(message) {
        if (message.to === 'lan.dau.loi@example.vn' && refusals++ === 0) throw new Error('451 try again later');
        await m.send(message);
      },
    }));
    try {
      const already = await database.db.transaction((tx) => enqueueMail(tx, { to: 'da.co@example.vn', subject: 'Đã có', text: '…' }, { messageId: 'batch-already' }));
      const mails = Array.from({ length: 12 }, (_, i) => ({ messageId: `batch-${i}`, message: { to: `nguoi.${i}@example.vn`, subject: `Hồ sơ số ${i}`, text: '…' } }));
      const ids = await database.db.transaction((tx) => enqueueMails(tx, [
        ...mails,
        { messageId: 'batch-3', message: { to: 'nguoi.3@example.vn', subject: 'lặp lại', text: '…' } }, // the same id twice: once
        { messageId: already, message: { to: 'da.co@example.vn', subject: 'Đã có', text: 'lần hai' } }, // recorded before: not queued again
        { message: { to: 'lan.dau.loi@example.vn', subject: 'Thử lại', text: '…' }, retryDelaySeconds: 1 },
      ]));
      expect(ids).toHaveLength(15);
      await waitFor(async () => {
        const rows = await database.db.select().from(mailDeliveriesTable);
        return rows.filter((r) => r.messageId.startsWith('batch-') || r.recipient === 'lan.dau.loi@example.vn').every((r) => r.status === 'sent');
      }, { what: 'every delivery sent', timeoutMs: 60000 });
      for (let i = 0; i < 12; i++) expect(smtp.to(`nguoi.${i}@example.vn`)).toHaveLength(1);
      expect(smtp.to('nguoi.3@example.vn')[0]?.subject).toBe('Hồ sơ số 3');
      expect(smtp.to('da.co@example.vn')).toHaveLength(1);
      expect(smtp.to('lan.dau.loi@example.vn')).toHaveLength(1);
      expect(refusals).toBe(2);
      expect(await delivery(ids[14]!)).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
      expect(await delivery('batch-0')).toMatchObject({ status: 'sent', attempts: 1 });
      expect(worker.jobs.stats()[MAIL_SEND]).toMatchObject({ completed: 14, failed: 1 });
    } finally {
      await worker.stop();
      await smtp.close();
    }
  });
});

describe('mail.send when the SMTP server is down', () => {
  it('retries with backoff, then delivers once the server is back', async () => {
    // A port with nothing listening on it (yet).
    const probe = net.createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', () => r()));
    const port = (probe.address() as net.AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));

    const worker = await startMailWorker(`smtp://127.0.0.1:${port}`);
    let smtp: Awaited<ReturnType<typeof startTestSmtpServer>> | undefined;
    try {
      const messageId = await database.db.transaction((tx) =>
        enqueueMail(tx, { to: 'kien.nhan@example.vn', subject: 'Thông báo bổ sung hồ sơ', text: 'Vui lòng bổ sung giấy tờ.' }, { retryDelaySeconds: 1 }),
      );
      await waitFor(
        async () => {
          const d = await delivery(messageId);
          return d && d.attempts >= 2 && d.status === 'queued';
        },
        { what: 'two failed attempts', timeoutMs: 20000 },
      );
      const failing = await delivery(messageId);
      expect(failing).toMatchObject({ status: 'queued' });
      expect(failing?.lastError).toMatch(/ECONNREFUSED|connect/i);

      smtp = await startTestSmtpServer({ port });
      await waitFor(() => smtp!.to('kien.nhan@example.vn').length > 0, { what: 'the mail after the server came back', timeoutMs: 30000 });
      await waitFor(async () => (await delivery(messageId))?.status === 'sent', { what: 'the delivery to be recorded' });
      const sent = await delivery(messageId);
      expect(sent?.attempts).toBeGreaterThanOrEqual(3);
      expect(sent?.lastError).toBeNull();
      await new Promise((r) => setTimeout(r, 1000));
      expect(smtp.to('kien.nhan@example.vn')).toHaveLength(1);
    } finally {
      await worker.stop();
      await smtp?.close();
    }
  });
});

describe('messageIdHeader', () => {
  it('puts the delivery id at the sender domain, writing characters a Message-ID may not hold as =XX', () => {
    expect(messageIdHeader('dossier-submitted-dos_01abc', 'OpenDVC <no-reply@dvc.monre.gov.vn>')).toBe('<dossier-submitted-dos_01abc@dvc.monre.gov.vn>');
    expect(messageIdHeader('a.b c/đ', 'no-reply@opendvc.local')).toBe('<a=2Eb=20c=2F=111@opendvc.local>');
    expect(messageIdHeader('x', 'OpenDVC')).toBe('<x@opendvc.invalid>');
  });
});
