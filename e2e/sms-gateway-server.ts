/**
 * An SMS gateway on 127.0.0.1 for the browser tests (the simulator of server/test/sms-gateway.ts):
 * the portal posts its SMS here (SMS_PROVIDER=http in e2e/playwright.config.ts) and each message
 * is written as a JSON file that the specs read (e2e/fixtures/sms.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { startSmsGatewayStub } from '../server/test/sms-gateway.js';
import { smsDir, smsGatewayKey, smsPort } from './fixtures/services.js';

const dir = smsDir();
fs.mkdirSync(dir, { recursive: true });
let count = 0;

const gateway = await startSmsGatewayStub({
  key: smsGatewayKey,
  port: smsPort,
  onMessage(message) {
    const name = `${Date.now()}-${String(++count).padStart(5, '0')}.json`;
    // Written whole, then renamed: a reader never sees half a message.
    fs.writeFileSync(path.join(dir, `${name}.part`), JSON.stringify({ to: message.to, text: message.text, receivedAt: new Date().toISOString() }));
    fs.renameSync(path.join(dir, `${name}.part`), path.join(dir, name));
  },
});
console.log(`test SMS gateway on ${gateway.url}, messages in ${dir}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => void gateway.close().then(() => process.exit(0)));
}
