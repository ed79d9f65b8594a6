/**
 * BENCH_ONLY=submit (issue 18, item 4): complete submissions of dossiers through the real HTTP
 * API (`POST /api/v1/dossiers/{id}/submit` by the signed-in demo citizen: validation, the
 * dossier code, events, jobs and the outbox in one transaction) at BENCH_SUBMIT_CLIENTS clients
 * (default 20), beside a raw single-row insert through the same stack (bench/submit-server.ts:
 * the same hooks, session check and pool). Target: submissions ≥ 25 % of the insert rate.
 * BENCH_SUBMIT_DRAFTS (default 1000, the most open drafts one applicant may hold) drafts are made first;
 * the first hundred are submitted as a warm-up, unmeasured, and the rest until they are all sent
 * (about 6 s: with 600 and no warm-up the measured run lasted 4–6 s, included the path's first
 * compilation, and its CPU per submission varied from 5.1 to 8.1 ms between runs).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openPostgres } from '../server/platform/db/create-database.js';
import { prepare } from '../scripts/faults/prepare.js';
import { duration, processCpuMs, startServer, stop, waitReady, withFreshDatabase, type Figures } from './harness.js';
import { atLeast } from './report.js';

const PORT = Number(process.env.BENCH_SUBMIT_PORT ?? 4453);
const clients = Number(process.env.BENCH_SUBMIT_CLIENTS ?? 20);
const draftCount = Number(process.env.BENCH_SUBMIT_DRAFTS ?? 1000);
/** Submissions before the measured ones (their path compiled, the node's caches and each connection's prepared statements made). */
const warmSubmissions = Math.min(100, Math.floor(draftCount / 8));
const pct = (xs: number[], p: number) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]! : Number.NaN);

/** `clients` workers send requests until `next()` has none left or `seconds` have passed. */
async function drive(name: string, pid: number | undefined, next: () => (() => Promise<Response>) | undefined, seconds: number): Promise<Figures> {
  const latencies: number[] = [];
  let errors = 0;
  let non2xx = 0;
  const cpuBefore = processCpuMs(pid);
  const started = Date.now();
  const until = started + seconds * 1000;
  await Promise.all(Array.from({ length: clients }, async () => {
    for (let call = next(); call && Date.now() < until; call = next()) {
      const t0 = performance.now();
      try {
        const res = await call();
        await res.arrayBuffer();
        if (!res.ok) non2xx += 1;
      } catch {
        errors += 1;
      }
      latencies.push(performance.now() - t0);
    }
  }));
  const elapsed = (Date.now() - started) / 1000;
  const cpuAfter = processCpuMs(pid);
  const f: Figures = {
    name, requests: latencies.length, rps: latencies.length / elapsed, p50: pct(latencies, 50), p95: pct(latencies, 95), p99: pct(latencies, 99), errors, non2xx,
    serverCpuMs: cpuBefore !== undefined && cpuAfter !== undefined && latencies.length ? (cpuAfter - cpuBefore) / latencies.length : undefined,
  };
  console.log(`  ${name}: ${f.requests} in ${elapsed.toFixed(1)} s = ${f.rps.toFixed(0)}/s, p50 ${f.p50.toFixed(1)} ms, p95 ${f.p95.toFixed(1)} ms, server CPU ${f.serverCpuMs?.toFixed(2)} ms/request, errors ${errors}, non-2xx ${non2xx}`);
  return f;
}

export async function benchSubmit(): Promise<Figures[]> {
  console.log(`\nSubmission beside a raw insert: ${clients} clients, ${draftCount} drafts, PostgreSQL, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'opendvc-bench-submit-'));
  try {
    return await withFreshDatabase('opendvc_bench_submit', async (url) => {
      const handle = openPostgres(url, 5);
      const t0 = Date.now();
      const prepared = await prepare(handle, dataDir, draftCount);
      await handle.close();
      console.log(`  ${prepared.drafts.length} drafts made in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      const server = startServer(['bench/submit-server.ts'], { PORT: String(PORT), DATABASE_URL: url, DATA_DIR: dataDir, SEED_ON_START: 'false', SIGNING_DEMO_PKI: 'false' });
      try {
        await waitReady(PORT);
        const base = `http://127.0.0.1:${PORT}`;
        const headers = { ...prepared.headers, 'content-type': 'application/json' };
        const insert = () => fetch(`${base}/api/bench/insert-one`, { method: 'POST', headers, body: '{}' });
        const probe = await insert();
        if (!probe.ok) throw new Error(`POST /api/bench/insert-one answered ${probe.status}: ${await probe.text()}`);
        // Warm-up of both paths (a few inserts, then the first submissions, unmeasured), then the measured runs.
        let warm = 20;
        await drive('raw insert (warm-up)', undefined, () => (warm-- > 0 ? insert : undefined), 5);
        const submitOne = (id: string) => () => fetch(`${base}/api/v1/dossiers/${id}/submit`, { method: 'POST', headers: { ...headers, 'idempotency-key': `bench-${id}` }, body: '{}' });
        let i = 0;
        await drive('complete submission (warm-up)', undefined, () => (i < warmSubmissions ? submitOne(prepared.drafts[i++]!) : undefined), 30);
        // The events of the warm-up handled before the measured runs (the server's consumers run in its process).
        await new Promise((r) => setTimeout(r, 3000));
        const raw = await drive('raw single-row insert, POST /api/bench/insert-one', server.pid, () => insert, duration);
        const submit = await drive('complete submission, POST /api/v1/dossiers/{id}/submit', server.pid, () => {
          const id = prepared.drafts[i++];
          return id ? submitOne(id) : undefined;
        }, Math.max(duration, 60));
        const share = (submit.rps / raw.rps) * 100;
        console.log(`  submissions reach ${share.toFixed(1)} % of the raw insert rate (target ≥ 25 %)`);
        atLeast({ issue: '18', name: `submission rate as a share of a raw insert through the same stack (${submit.rps.toFixed(0)}/s vs ${raw.rps.toFixed(0)}/s, ${clients} clients)`, value: share, unit: '%', limit: 25, note: share >= 25 ? '' : `a submission costs ${submit.serverCpuMs?.toFixed(1)} ms of app CPU against ${raw.serverCpuMs?.toFixed(1)} ms for the insert` });
        return [raw, submit];
      } finally {
        await new Promise((r) => setTimeout(r, 1000));
        await stop(server);
      }
    });
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
