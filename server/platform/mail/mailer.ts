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
      await transport.sendMail({ from: config.mailFrom, to: message.to, subject: message.subject, text: message.text });
    },
    close() {
      transport.close();
    },
  };
}
