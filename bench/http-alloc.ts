/**
 * What one request allocates on the JavaScript heap, and where: a lead for the garbage collector's
 * pauses, which make most of the search bench's tail (ADR 0001, twelfth pass). The portal listens
 * on loopback in this process (seeded catalogue, embedded database, answer cache off, no jobs);
 * a worker thread (its own heap) sends the requests one after another over one kept-alive
 * connection. V8's sampling heap profiler, told to keep the samples of objects already collected,
 * attributes the bytes allocated to the functions that allocated them.
 *
 *   tsx bench/http-alloc.ts [path|search]     default /healthz; `search` = the search bench's nine paths
 *   BENCH_HTTP_ALLOC_DIR=folder               seed there once, reuse on later runs
 *   BENCH_RUNS=n                              requests profiled (default 2000)
 *
 * Prints the bytes per request, the functions allocating most themselves, and most with what they call.
 */
import fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { buildApp } from '../server/app.js';
import { loadConfig } from '../server/platform/config/config.js';
import { openPgliteDataDir } from '../server/platform/db/create-database.js';
import { cli } from './harness.js';
import { SEARCH_SCALE_PATHS } from './search-scale.js';

const target = process.argv[2] ?? '/healthz';
const urls = target === 'search' ? SEARCH_SCALE_PATHS : [target];
const runs = Number(process.env.BENCH_RUNS ?? 2000);
const kept = process.env.BENCH_HTTP_ALLOC_DIR;
const dataDir = kept ?? fs.mkdtempSync(path.join(os.tmpdir(), 'opendvc-bench-http-alloc-'));

interface ProfileNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: ProfileNode[];
}

/** Sends `count` GET requests, cycling through `paths`, one at a time from a worker thread. */
function send(port: number, paths: string[], count: number): Promise<void> {
  const code = `
    const http = require('node:http');
    const { workerData: w, parentPort } = require('node:worker_threads');
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    (async () => {
      for (let i = 0; i < w.count; i++) {
        await new Promise((done, fail) => http.get({ host: '127.0.0.1', port: w.port, path: w.paths[i % w.paths.length], agent }, (r) => { r.resume(); r.on('end', done); }).on('error', fail));
      }
      parentPort.postMessage('done');
    })();`;
  return new Promise((resolve, reject) => {
    const worker = new Worker(code, { eval: true, workerData: { port, paths, count } });
    worker.once('message', () => void worker.terminate().then(() => resolve()));
    worker.once('error', reject);
  });
}

function where(frame: ProfileNode['callFrame']): string {
  const file = frame.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*?\/(server|bench)\//, '$1/');
  return `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}`;
}

try {
  if (!kept || !fs.existsSync(path.join(dataDir, 'pglite'))) {
    await cli(['db', 'migrate'], '', { DATA_DIR: dataDir });
    await cli(['db', 'seed'], '', { DATA_DIR: dataDir });
  }
  const database = await openPgliteDataDir(dataDir);
  const config = loadConfig({ ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'warn', LOG_PRETTY: 'false', PUBLIC_URL: 'http://127.0.0.1', DATABASE_URL: '', DATA_DIR: dataDir, SEED_ON_START: 'false', SEARCH_CACHE_SECONDS: '0', RATE_LIMIT_PER_MINUTE: '100000000', WEB_DIST_DIR: '/nonexistent', JOBS_WORKER: 'false' });
  const app = await buildApp({ config, database, logStream: fs.createWriteStream('/dev/null') });
  try {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const port = (app.server.address() as { port: number }).port;
    await send(port, urls, 300);
    const session = new Session();
    session.connect();
    await session.post('HeapProfiler.startSampling', { samplingInterval: 256, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
    await send(port, urls, runs);
    const { profile } = (await session.post('HeapProfiler.stopSampling')) as unknown as { profile: { head: ProfileNode } };
    session.disconnect();

    const self = new Map<string, number>();
    const inclusive = new Map<string, number>();
    let all = 0;
    const walk = (node: ProfileNode, onStack: Set<string>): number => {
      const key = where(node.callFrame);
      self.set(key, (self.get(key) ?? 0) + node.selfSize);
      all += node.selfSize;
      const outer = !onStack.has(key);
      onStack.add(key);
      let sum = node.selfSize;
      for (const child of node.children) sum += walk(child, onStack);
      if (outer) {
        onStack.delete(key);
        inclusive.set(key, (inclusive.get(key) ?? 0) + sum);
      }
      return sum;
    };
    walk(profile.head, new Set());
    const top = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `${String(Math.round(v / runs)).padStart(7)} B  ${k}`).join('\n');
    console.log(`${target}: ${runs} requests, ${(all / runs / 1024).toFixed(1)} KB allocated per request (sampled every 256 bytes)`);
    console.log(`--- allocated by the function itself\n${top(self, 25)}`);
    console.log(`--- allocated by the function and what it calls\n${top(inclusive, 40)}`);
  } finally {
    await app.close();
    await database.close();
  }
} finally {
  if (!kept) fs.rmSync(dataDir, { recursive: true, force: true });
}
