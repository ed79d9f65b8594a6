/**
 * CPU of the search route's whole request path in process (`app.inject`: hooks, query parsing,
 * the index, the answer's encoding), on the seeded catalogue in a fresh PGlite folder with the
 * answer cache off, as bench/search-scale.ts starts its server. Prints the mean CPU per request
 * over the search-scale bench's paths, and a digest of the answers (status, content type, body;
 * the bench's paths and a wider set: errors, filters, pages, accepted encodings) so that two
 * versions of the route can be compared byte for byte.
 *
 *   tsx bench/search-http-cpu.ts               (BENCH_RUNS rounds of the bench's paths, default 300)
 *   BENCH_ANSWERS_FILE=file                    also write every answer, one a line
 *   BENCH_SEARCH_HTTP_DIR=folder               seed there once, reuse on later runs
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { buildApp } from '../server/app.js';
import { loadConfig } from '../server/platform/config/config.js';
import { openPgliteDataDir } from '../server/platform/db/create-database.js';
import { rankingTable } from '../server/modules/catalog/e2e/catalog.ranking-table.js';
import { cli } from './harness.js';
import { SEARCH_SCALE_PATHS } from './search-scale.js';

const runs = Number(process.env.BENCH_RUNS ?? 300);
// BENCH_SEARCH_HTTP_DIR: keep the seeded folder there and reuse it on the next run.
const kept = process.env.BENCH_SEARCH_HTTP_DIR;
const reuse = Boolean(kept && fs.existsSync(path.join(kept, 'pglite')));
const dataDir = kept ?? fs.mkdtempSync(path.join(os.tmpdir(), 'opendvc-bench-search-http-'));

function answerPaths(): { path: string; encoding?: string }[] {
  const p = (q: string, rest = '') => `/api/v1/procedures?q=${encodeURIComponent(q)}${rest}`;
  const paths: { path: string; encoding?: string }[] = SEARCH_SCALE_PATHS.map((x) => ({ path: x }));
  for (const rest of ['', '?page=3&pageSize=10&level=PARTIAL', '?pageSize=100', '?agency=X&applicantType=CITIZEN', '?page=0', '?pageSize=abc', '?level=NONE', `?q=${'a'.repeat(201)}`]) paths.push({ path: `/api/v1/procedures${rest}` });
  for (const [q] of rankingTable) paths.push({ path: p(q) }, { path: p(q, '&page=2&pageSize=10') }, { path: p(q, '&level=PARTIAL') }, { path: p(q, '&pageSize=10&field=TAI_NGUYEN_NUOC') });
  for (const q of ['nuoc', 'giay phep', 'khoang san', 'cấp giấy phép', 'x', '???', 'zzzz qqqq', 'giay pep moi truog']) paths.push({ path: p(q) }, { path: p(q, '&page=4&pageSize=5') }, { path: p(q, '&page=30') });
  for (const x of SEARCH_SCALE_PATHS.slice(0, 3)) paths.push({ path: x, encoding: 'gzip, deflate, br' }, { path: x, encoding: 'gzip' });
  paths.push({ path: '/api/v1/procedures?q=x', encoding: 'br' }, { path: '/api/v1/procedures?q=zzzz', encoding: 'br' });
  return paths;
}

try {
  if (!reuse) {
    await cli(['db', 'migrate'], '', { DATA_DIR: dataDir });
    await cli(['db', 'seed'], '', { DATA_DIR: dataDir });
  }
  const database = await openPgliteDataDir(dataDir);
  const config = loadConfig({ ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'warn', LOG_PRETTY: 'false', PUBLIC_URL: 'http://127.0.0.1', DATABASE_URL: '', DATA_DIR: dataDir, SEED_ON_START: 'false', SEARCH_CACHE_SECONDS: '0', RATE_LIMIT_PER_MINUTE: '100000000', WEB_DIST_DIR: '/nonexistent' });
  const app = await buildApp({ config, database, logStream: fs.createWriteStream('/dev/null') });
  await app.ready();
  try {
    const hash = createHash('sha256');
    const lines: string[] = [];
    for (const { path: url, encoding } of answerPaths()) {
      const res = await app.inject({ method: 'GET', url, headers: encoding ? { 'accept-encoding': encoding } : {} });
      const enc = res.headers['content-encoding'];
      const raw = res.rawPayload;
      const body = enc === 'br' ? zlib.brotliDecompressSync(raw).toString() : enc === 'gzip' ? zlib.gunzipSync(raw).toString() : raw.toString();
      const line = `${url} [${encoding ?? ''}] ${res.statusCode} ${res.headers['content-type']} ${enc ?? ''} ${res.headers.vary ?? ''} ${body.replace(/"requestId":"[^"]*"/, '')}`;
      hash.update(line);
      lines.push(line);
    }
    console.log(`answers of ${lines.length} requests: digest ${hash.digest('hex').slice(0, 16)}`);
    if (process.env.BENCH_ANSWERS_FILE) fs.writeFileSync(process.env.BENCH_ANSWERS_FILE, lines.join('\n') + '\n');

    for (let i = 0; i < 50; i++) for (const url of SEARCH_SCALE_PATHS) await app.inject({ method: 'GET', url });
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    for (let i = 0; i < runs; i++) for (const url of SEARCH_SCALE_PATHS) await app.inject({ method: 'GET', url });
    const cpu = process.cpuUsage(cpuBefore);
    const n = runs * SEARCH_SCALE_PATHS.length;
    console.log(`${n} requests: CPU ${((cpu.user + cpu.system) / 1000 / n).toFixed(3)} ms per request, wall ${((performance.now() - started) / n).toFixed(3)} ms; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  } finally {
    await app.close();
    await database.close();
  }
} finally {
  if (!kept) fs.rmSync(dataDir, { recursive: true, force: true });
}
