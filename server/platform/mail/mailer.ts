/**
 * Outgoing e-mail, with the provider chosen by configuration: `console` logs the message
 * (development and demos), `smtp` delivers it with nodemailer through `SMTP_URL`.
 */
import nodemailer from 'nodemailer';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config/config.js';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /**
   * The delivery's id (mail_deliveries.message_id), sent as the `Message-ID` header
   * (`<id@domain of MAIL_FROM>`): a message sent again after a crash between the mail server's
   * acceptance and its recording (SMTP offers no idempotent submission) carries the same
   * Message-ID, which mail clients and stores recognise as one message. Without it, nodemailer
   * makes a random one.
   */
  deliveryId?: string;
}

/** The `Message-ID` of a delivery: its id (characters outside letters, digits, `-` and `_` written as `=XX`) at MAIL_FROM's domain. */
export function messageIdHeader(deliveryId: string, mailFrom: string): string {
  const domain = /@([A-Za-z0-9.-]+)>?\s*$/.exec(mailFrom)?.[1] ?? 'opendvc.invalid';
  const local = deliveryId.replace(/[^A-Za-z0-9_-]/gu, (c) => `=${c.codePointAt(0)!.toString(16).toUpperCase().padStart(2, '0')}`);
  return `<${local}@${domain}>`;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
  close(): void;
  /** Called by senders that must not fail when a message cannot be sent. */
  onError?(error: unknown, subject: string): void;
}

type MailConfig = Pick<Config, 'mailProvider' | 'smtpUrl' | 'mailFrom'> & Partial<Pick<Config, 'smtpPoolSize'>>;
type MailLog = Pick<FastifyBaseLogger, 'info' | 'error'>;

export function createMailer(config: MailConfig, log: MailLog): Mailer {
  const onError = (err: unknown, subject: string) => log.error({ err, subject }, 'mail not sent');
  if (config.mailProvider === 'smtp') return { ...createSmtpMailer(config), onError };
  return {
    onError,
    async send(message) {
      log.info({ mail: { from: config.mailFrom, ...message } }, 'mail (console provider)');
    },
    close() {},
  };
}

function createSmtpMailer(config: MailConfig): Mailer {
  // Pooled: the mail workers send many messages at once (MAIL_CONCURRENCY) through a few kept
  // connections instead of a handshake per message.
  const poolSize = config.smtpPoolSize ?? 10;
  const transport = poolSize > 0
    ? nodemailer.createTransport({ url: config.smtpUrl!, pool: true, maxConnections: poolSize, maxMessages: 1000 })
    : nodemailer.createTransport(config.smtpUrl!);
  return {
    async send(message) {
      await transport.sendMail({
        from: config.mailFrom,
        to: message.to,
        subject: message.subject,
        text: message.text,
        ...(message.deliveryId ? { messageId: messageIdHeader(message.deliveryId, config.mailFrom) } : {}),
      });
    },
    close() {
      transport.close();
    },
  };
}
