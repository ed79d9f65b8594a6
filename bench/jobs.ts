/**
 * BENCH_ONLY=jobs: background jobs beside submission, on PostgreSQL. One app node (server/main.ts)
 * takes BENCH_JOBS_RATE submissions per second (default 50) for BENCH_JOBS_SECONDS (default 10)
 * over HTTP; each submission's event is consumed (notifications) and its receipt mail goes
 * through the mail.send queue to a real SMTP server in this process. Prints the submission rate,
 * the receipt mail rate, the lag from a submission's answer to its mail (p50/p95/max) and the
 * time to drain after the last submission. Jobs keep up when the mail rate is at or above the
 * submission rate and the lag stays flat.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openPostgres } from '../server/platform/db/create-database.js';
import { startTestSmtpServer } from '../server/test/smtp-server.js';
import { prepare } from '../scripts/faults/prepare.js';
import { startServer, stop, waitReady, withFreshDatabase } from './harness.js';

const rate = Number(process.env.BENCH_JOBS_RATE ?? 50);
const seconds = Number(process.env.BENCH_JOBS_SECONDS ?? 10);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (xs: number[], p: number) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]! : Number.NaN);

export async function benchJobs(): Promise<{ keptUp: boolean; drainSeconds: number }> {
  let outcome = { keptUp: false, drainSeconds: Number.NaN };
  const total = Math.min(1000, rate * seconds);
  console.log(`\nJobs beside submission: ${rate} submissions/s for ${seconds} s (${total} dossiers), PostgreSQL, receipts over SMTP`);
  const smtp = await startTestSmtpServer();
  const mailAt = new Map<string, number>();
  const watch = setInterval(() => {
    for (const m of smtp.messages) {
      const code = /\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}-\d{6}-\d{4}/.exec(`${m.subject} ${m.text}`)?.[0];
      if (code && !mailAt.has(code)) mailAt.set(code, Date.now());
    }
  }, 20);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'opendvc-bench-jobs-'));
  try {
    await withFreshDatabase('opendvc_bench_jobs', async (url) => {
      const handle = openPostgres(url, 5);
      const prepared = await prepare(handle, dataDir, total);
      await handle.close();
      const port = 3305;
      const child = startServer(['server/main.ts', 'start'], { PORT: String(port), DATABASE_URL: url, DATA_DIR: dataDir, SEED_ON_START: 'false', MAIL_PROVIDER: 'smtp', SMTP_URL: smtp.url, JOBS_POLLING_INTERVAL_SECONDS: '1', SIGNING_DEMO_PKI: 'false' });
      try {
        await waitReady(port);
        const ackedAt = new Map<string, number>();
        const started = Date.now();
        const inFlight: Promise<void>[] = [];
        for (let i = 0; i < total; i++) {
          const due = started + (i * 1000) / rate;
          if (due > Date.now()) await sleep(due - Date.now());
          const id = prepared.drafts[i]!;
          inFlight.push(fetch(`http://127.0.0.1:${port}/api/v1/dossiers/${id}/submit`, {
            method: 'POST',
            headers: { ...prepared.headers, 'content-type': 'application/json', 'idempotency-key': `bench-${id}` },
            body: '{}',
          }).then(async (res) => {
            if (res.ok) ackedAt.set(((await res.json()) as { code: string }).code, Date.now());
          }, () => {}));
        }
        await Promise.all(inFlight);
        const submitSeconds = (Date.now() - started) / 1000;
        const lastAck = Date.now();
        while (Date.now() - lastAck < 120000 && [...ackedAt.keys()].some((c) => !mailAt.has(c))) await sleep(50);
        const drainMs = Date.now() - lastAck;
        const lags = [...ackedAt].filter(([c]) => mailAt.has(c)).map(([c, at]) => mailAt.get(c)! - at);
        const mailTimes = [...mailAt.values()].sort((a, b) => a - b);
        const mailSeconds = mailTimes.length > 1 ? (mailTimes.at(-1)! - mailTimes[0]!) / 1000 : Number.NaN;
        console.log(`  submissions: ${ackedAt.size}/${total} acknowledged at ${(ackedAt.size / submitSeconds).toFixed(1)}/s`);
        console.log(`  receipt mails: ${lags.length} sent at ${(lags.length / mailSeconds).toFixed(1)}/s; lag from answer to mail p50 ${pct(lags, 50)} ms, p95 ${pct(lags, 95)} ms, max ${Math.max(...lags)} ms; all out ${(drainMs / 1000).toFixed(1)} s after the last submission`);
        outcome = { keptUp: lags.length === ackedAt.size && drainMs < 10000, drainSeconds: lags.length === ackedAt.size ? drainMs / 1000 : Number.NaN };
        console.log(`  jobs keep up: ${outcome.keptUp ? 'yes' : 'NO'}`);
      } finally {
        await stop(child);
      }
    });
  } finally {
    clearInterval(watch);
    await smtp.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return outcome;
}
