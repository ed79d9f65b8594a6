/**
 * Why the search takes a turn (server/platform/concurrency/turns.ts, ADR 0001 "Turns"): the same
 * fixed-work server (bench/turns-server.ts) under BENCH_CONNECTIONS (default 20) clients, without
 * and with turns, alternately (BENCH_TURNS_PAIRS pairs, default 2), loaded by autocannon (as the
 * other benches) and by Node's own HTTP client with keep-alive (one loop per client). Prints p50,
 * p95, p99 and requests per second of each run.
 *
 *   tsx bench/turns.ts             (BENCH_DURATION seconds a run, default 10; BENCH_WORK_MS, default 0.85)
 */
import http from 'node:http';
import { connections, load, percentile, startServer, stop, waitReady } from './harness.js';

const port = Number(process.env.BENCH_TURNS_PORT ?? 3302);
const pairs = Number(process.env.BENCH_TURNS_PAIRS ?? 2);
const seconds = Number(process.env.BENCH_DURATION ?? 10);
const workMs = process.env.BENCH_WORK_MS ?? '0.85';

/** `connections` loops of keep-alive requests through Node's HTTP client for `s` seconds. */
async function nodeClientLoad(name: string, s: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const get = (p: string) => new Promise<void>((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path: p, agent }, (res) => {
      res.resume();
      res.on('end', resolve);
    }).on('error', reject);
  });
  const latencies: number[] = [];
  const until = performance.now() + s * 1000;
  await Promise.all(Array.from({ length: connections }, async () => {
    while (performance.now() < until) {
      const t = performance.now();
      await get('/');
      latencies.push(performance.now() - t);
    }
  }));
  agent.destroy();
  latencies.sort((a, b) => a - b);
  console.log(`  ${name}: ${(latencies.length / s).toFixed(0)} req/s, p50 ${percentile(latencies, 50).toFixed(1)} ms, p95 ${percentile(latencies, 95).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms`);
}

console.log(`A server whose every request costs ${workMs} ms of CPU, ${connections} clients, ${seconds} s a run`);
for (let i = 0; i < pairs; i++) {
  for (const turns of ['0', '1']) {
    const child = startServer(['bench/turns-server.ts'], { PORT: String(port), TURNS: turns, BENCH_WORK_MS: workMs });
    const label = turns === '1' ? 'with turns   ' : 'without turns';
    try {
      await waitReady(port, '/');
      await load('warm-up', port, ['/'], 2, { record: false });
      await load(`autocannon,  ${label}`, port, ['/'], seconds, { serverPid: child.pid });
      await nodeClientLoad(`node:http,   ${label}`, seconds);
    } finally {
      await stop(child);
    }
  }
}
