/**
 * Outside production `npm start` starts the payment simulators (simulators/payments) on loopback
 * as a child process, with this installation's demo partner codes and secrets, and points the
 * providers at them, so that a newcomer can pay after `npm ci && npm start`. Their pages say
 * "MÔI TRƯỜNG THỬ NGHIỆM — không phải giao dịch thật". The app reaches them over HTTP only.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import type { Config } from './platform/config/config.js';

export interface StartedSimulators {
  env: Record<string, string>;
  stop(): void;
}

export async function startPaymentSimulators(config: Config): Promise<StartedSimulators | null> {
  if (!config.paymentSimulators || config.nodeEnv === 'production') return null;
  if (config.paymentNationalUrl && config.paymentVnpayUrl) return null;
  const root = path.resolve(import.meta.dirname, '..');
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'simulators/payments/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      SIM_NATIONAL_PORT: process.env.SIM_NATIONAL_PORT ?? '0',
      SIM_VNPAY_PORT: process.env.SIM_VNPAY_PORT ?? '0',
      SIM_NATIONAL_PARTNER_CODE: config.paymentNationalPartnerCode,
      SIM_NATIONAL_SECRET: config.paymentNationalSecret,
      SIM_NATIONAL_TOKEN: config.paymentNationalToken,
      SIM_VNPAY_TMN_CODE: config.paymentVnpayTmnCode,
      SIM_VNPAY_HASH_SECRET: config.paymentVnpayHashSecret,
      SIM_VNPAY_IPN_URL: `${config.publicUrl.replace(/\/$/, '')}/api/v1/payments/vnpay/callback`,
    },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  const line = await new Promise<string>((resolve, reject) => {
    readline.createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`payment simulators exited with ${code}`)));
  });
  const urls = JSON.parse(line) as { national: string; vnpay: string };
  const env: Record<string, string> = {};
  if (!config.paymentNationalUrl) env.PAYMENT_NATIONAL_URL = urls.national;
  if (!config.paymentVnpayUrl) env.PAYMENT_VNPAY_URL = urls.vnpay;
  return { env, stop: () => { if (child.exitCode === null) child.kill('SIGTERM'); } };
}
