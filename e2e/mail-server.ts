/**
 * An SMTP server on 127.0.0.1 for the browser tests: the portal sends its e-mail here
 * (MAIL_PROVIDER=smtp in e2e/playwright.config.ts) and each message is written as a JSON file
 * that the specs read (e2e/fixtures/mail.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { mailDir, smtpPort } from './fixtures/services.js';

const dir = mailDir();
fs.mkdirSync(dir, { recursive: true });
let count = 0;

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['AUTH', 'STARTTLS'],
  logger: false,
  onData(stream, session, callback) {
    simpleParser(stream).then(
      (mail) => {
        const message = { to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()), subject: mail.subject ?? '', text: mail.text ?? '', receivedAt: new Date().toISOString() };
        const name = `${Date.now()}-${String(++count).padStart(5, '0')}.json`;
        // Written whole, then renamed: a reader never sees half a message.
        fs.writeFileSync(path.join(dir, `${name}.part`), JSON.stringify(message));
        fs.renameSync(path.join(dir, `${name}.part`), path.join(dir, name));
        callback();
      },
      (err: Error) => callback(err),
    );
  },
});
server.listen(smtpPort, '127.0.0.1', () => console.log(`test SMTP server on 127.0.0.1:${smtpPort}, messages in ${dir}`));

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
