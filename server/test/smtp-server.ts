/** A real SMTP server in the test process: messages sent by the app's smtp mailer land in `messages`. */
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
  /** The `Message-ID` header as sent (with its angle brackets), '' without one. */
  messageId: string;
}

/** `port` 0 (default) picks a free one; a test that needs the server to come back on the same port passes it. */
export async function startTestSmtpServer({ port: wantedPort = 0 }: { port?: number } = {}) {
  const messages: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (mail) => {
          messages.push({ to: session.envelope.rcptTo.map((r) => r.address), subject: mail.subject ?? '', text: mail.text ?? '', messageId: mail.messageId ?? '' });
          callback();
        },
        (err: Error) => callback(err),
      );
    },
  });
  // A client killed mid-session (fault tests) resets its connection: not a server fault.
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(wantedPort, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    /** Messages delivered to an address, oldest first. */
    to: (address: string) => messages.filter((m) => m.to.includes(address)),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
