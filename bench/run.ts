/**
 * npm run bench — catalogue search throughput and latency on PostgreSQL and on embedded PGlite,
 * beside a bare Fastify route measured in the same run as the machine's reference; then the
 * officials' inbox with a million dossiers in PostgreSQL (bench/inbox.ts).
 * Servers run as child processes on 127.0.0.1; autocannon drives them from this process.
 * Search is measured with the per-node answer cache off (every request reaches the database)
 * and on (the default, 60 s).
 *   BENCH_ONLY (search | search-scale | inbox | dvcqg | jobs | statistics | cost | submit | embedded | web; default all; cost, submit, embedded: server CPU per request, submission beside a raw insert and PGlite catalogue reads, bench/cost.ts and bench/submit.ts; dvcqg: the national portal sync, bench/dvcqg-sync.ts; jobs: job throughput and lag beside submission, bench/jobs.ts; statistics: bench/statistics.ts; web: JavaScript per citizen page, bench/web.ts), BENCH_DURATION (s, default 10),
 *   BENCH_CONNECTIONS (default 20; the inbox uses BENCH_INBOX_CONNECTIONS, default 16), BENCH_CATALOGUE (default 10000: procedures of the national-scale search, bench/search-scale.ts, also alone as BENCH_ONLY=search-scale; BENCH_SEARCH_SCALE_PORT, default 3305, and the next port for PGlite),
 *   BENCH_DOSSIERS (default 1000000), BENCH_DEMO_UNIT_SHARE (default 0.02),
 *   PG_ADMIN_URL (default postgres://postgres@127.0.0.1:5432/test; fresh databases are created and dropped).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cli, connections, duration, load, startServer, stop, waitReady, withFreshDatabase, type Figures } from './harness.js';
import { benchInbox, INBOX_P95_TARGET_MS } from './inbox.js';
import { benchDvcqgSync } from './dvcqg-sync.js';
import { benchJobs } from './jobs.js';
import { benchStatistics } from './statistics.js';
import { benchSearchScale, describeCollections, type SearchScaleTarget } from './search-scale.js';
import { benchWeb } from './web.js';
import { benchCost, benchEmbedded } from './cost.js';
import { benchSubmit } from './submit.js';
import { atLeast, atMost, beginPart, printReport } from './report.js';

const allParts = ['search', 'search-scale', 'inbox', 'dvcqg', 'jobs', 'statistics', 'cost', 'submit', 'embedded', 'web'];
const parts = new Set((process.env.BENCH_ONLY ?? allParts.join(',')).split(',').map((s) => s.trim()).filter(Boolean));
for (const p of parts) if (!allParts.includes(p)) throw new Error(`BENCH_ONLY: unknown part "${p}" (${allParts.join(', ')})`);

const searchPaths = [
  '/api/v1/procedures?q=khai%20thac%20nuoc%20mat',
  '/api/v1/procedures?q=giay%20phep%20moi%20truong',
  '/api/v1/procedures?q=xuat%20khau%20chat%20thai',
  '/api/v1/procedures?q=khoang%20san&page=2&pageSize=5',
  '/api/v1/procedures?q=d%C3%B2%20%C4%91%E1%BA%A1c%20b%E1%BA%A3n%20%C4%91%E1%BB%93',
  '/api/v1/procedures?field=TAI_NGUYEN_NUOC',
  '/api/v1/procedures?q=nuoc%20duoi%20dat&level=PARTIAL',
];

async function measure(name: string, child: ReturnType<typeof startServer>, port: number, paths: string[], readyPath?: string) {
  try {
    await waitReady(port, readyPath);
    // Sanity: every path answers 200 before measuring.
    for (const p of paths) {
      const res = await fetch(`http://127.0.0.1:${port}${p}`);
      if (!res.ok) throw new Error(`${p} answered ${res.status}`);
    }
    await load(`${name} (warm-up)`, port, paths, Math.min(3, duration), { record: false });
    return await load(name, port, paths, duration, { serverPid: child.pid });
  } finally {
    await stop(child);
  }
}

const results: Figures[] = [];
const loadAverage = () => os.loadavg().map((l) => l.toFixed(1)).join(' ');
console.log(`OpenDVC bench: ${connections} connections, ${duration} s per target, ${os.cpus().length} cores, Node ${process.version}, load average ${loadAverage()}`);

if (parts.has('search')) {
  beginPart('search');
  // 1. Reference: a bare Fastify route on this machine.
  results.push(await measure('bare Fastify route', startServer(['bench/bare-server.ts'], { PORT: '3301' }), 3301, ['/ping'], '/ping'));

  // 2. Embedded PGlite (fresh folder, migrated and seeded at start).
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'opendvc-bench-'));
  try {
    for (const [label, cache] of [['no cache', '0'], ['cache 60 s', '60']] as const) {
      results.push(await measure(`catalogue search, PGlite, ${label}`, startServer(['server/main.ts', 'start'], { PORT: '3302', DATA_DIR: dataDir, SEED_ON_START: 'true', DATABASE_URL: '', SEARCH_CACHE_SECONDS: cache }), 3302, searchPaths));
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }

  // 3. PostgreSQL (fresh database).
  await withFreshDatabase('opendvc_bench', async (url) => {
    await cli(['db', 'migrate'], url);
    for (const [label, cache] of [['no cache', '0'], ['cache 60 s', '60']] as const) {
      const figures = await measure(`catalogue search, PostgreSQL, ${label}`, startServer(['server/main.ts', 'start'], { PORT: '3303', DATABASE_URL: url, SEED_ON_START: 'true', SEARCH_CACHE_SECONDS: cache }), 3303, searchPaths);
      results.push(figures);
      atMost({ issue: '18', name: `${figures.name}, p95 at ${connections} clients`, value: figures.p95, unit: 'ms', limit: 20, strict: true, note: figures.p95 < 20 ? '' : `server CPU ${figures.serverCpuMs?.toFixed(2)} ms/request; 20 requests at once queue for 2 cores shared with PostgreSQL and the load generator` });
    }
  });

  // 3b. A national-scale catalogue (bench/search-scale.ts), uncached, on both engines.
  beginPart('search-scale');
  const scale = await benchSearchScale();
  results.push(...scale.figures);
  searchScaleTargets(scale.targets, scale.figures);
}

/** The national-scale search's targets, each with why it is missed when it is (with this run's own rate, median and CPU). */
function searchScaleTargets(targets: SearchScaleTarget[], figures: Figures[]) {
  for (const t of targets) {
    const f = figures.find((x) => x.name === t.name);
    // The same server with the clients in step (autocannon's own order), for comparison.
    const inStep = t.inStep ? `clients in step (each asking the searches in the same order): p95 ${t.inStep.p95.toFixed(1)} ms, median ${t.inStep.p50.toFixed(1)} ms` : '';
    const run = f ? `${f.rps.toFixed(0)} requests/s, median ${f.p50.toFixed(1)} ms${f.serverCpuMs !== undefined ? `, ${f.serverCpuMs.toFixed(2)} ms of server CPU per request` : ''}` : '';
    // Latency scales with the CPU per request (the clients queue behind it): about what a request
    // would have to cost for the p95 to reach the target.
    const ratio = f && f.p50 > 0 ? `${(t.p95 / f.p50).toFixed(1)} times` : 'more than';
    const needed = f?.serverCpuMs !== undefined ? `; a request would have to cost about ${(f.serverCpuMs * t.limitMs / t.p95).toFixed(2)} ms` : '';
    // Every queued request waits through a collection's pause (ADR 0027: V8's pretenuring off in the app).
    const gc = t.collections ? describeCollections(t.collections, duration) : '';
    const why = /serving processes/.test(t.name)
      ? `two serving processes (ADR 0026; here ${run}) raise the rate by a third or more and cut the median by a third, but each does less when both are busy, and with the load generator they want more than the 2 cores: a process waiting for a core holds its queued requests, so the slowest 5 % wait ${ratio} the median${needed}`
      : `one process uses one core: the 20 clients' requests queue behind its CPU per request (here ${run}; 0.7–1.5 ms on machines of this kind from one hour or day to the next), so the median is about 20 times that; searches are served in the order they arrived (ADR 0001, "Turns"), and the slowest 5 % wait ${ratio} the median${needed}; a broad query still measures the word similarity of about 100 names lying within hundredths of the page's last score, and every collection's pause delays the requests queued (ADR 0001, "eighth" to "twelfth pass"; ADR 0026, 0027)`;
    const parts = (...xs: string[]) => xs.filter(Boolean).join('; ');
    const note = t.p95 < t.limitMs ? parts(run, gc, inStep) : parts(why, gc, inStep);
    atMost({ issue: '18', name: `${t.name}, p95 at ${connections} clients`, value: t.p95, unit: 'ms', limit: t.limitMs, strict: true, note });
  }
}

// The national-scale search alone (BENCH_ONLY=search-scale; part of `search` otherwise).
if (parts.has('search-scale') && !parts.has('search')) {
  beginPart('search-scale');
  const scale = await benchSearchScale();
  results.push(...scale.figures);
  searchScaleTargets(scale.targets, scale.figures);
}

// The national portal sync: throughput, lag and recovery after an outage (printed; not a latency target).
if (parts.has('dvcqg')) {
  beginPart('dvcqg');
  const sync = await benchDvcqgSync();
  atLeast({ issue: '14', name: `national portal sync: changes/s drained while ${sync.rate}/s are offered, portal answering in ${sync.delayMs} ms`, value: sync.drained, unit: '/s', limit: 0.95 * sync.rate, note: `offered ${sync.achieved.toFixed(1)}/s` });
  atMost({ issue: '14', name: 'national portal sync: lag from a change to the portal, p95', value: sync.steadyP95, unit: 'ms', limit: 10_000, note: `p50 ${sync.steadyP50.toFixed(0)} ms` });
  atMost({ issue: '14', name: 'national portal sync: backlog after an outage at the portal, seconds until all sent', value: sync.recoveryMs / 1000, unit: 's', limit: 15 * 60, note: Number.isFinite(sync.recoveryMs) ? '' : 'not all sent within 15 min' });
}

// Background jobs beside submission: receipt mails per second and their lag (printed).
if (parts.has('jobs')) {
  beginPart('jobs');
  // One node doing everything, then the production layout: an API node beside a worker node
  // (BENCH_JOBS_LAYOUT=one or split for only one of them).
  const layouts = { one: [false], split: [true] }[process.env.BENCH_JOBS_LAYOUT ?? ''] ?? [false, true];
  for (const workerNode of layouts) {
    const jobs = await benchJobs({ workerNode });
    const layout = workerNode ? 'API node + worker node' : 'one node';
    atMost({ issue: '19', name: `jobs beside submission (${layout}): receipt mails all out after the last submission`, value: jobs.drainSeconds, unit: 's', limit: 10, strict: true, note: jobs.keptUp ? '' : 'mails lag behind submissions' });
    // Capacity (bench/jobs.ts header, ADR 5 amendment of 2026-12-05): each consumer and the receipt
    // mails drain a backlog while the submissions go on; the pace of the steady burst is not held.
    const cap = jobs.capacity;
    const capRow = atLeast({ issue: '19', name: `jobs beside submission (${layout}): capacity of the slowest event consumer or queue, submissions' worth per second drained from a backlog while submissions go on at ${process.env.BENCH_JOBS_RATE ?? 50}/s`, value: cap?.slowest?.perSubmission ?? Number.NaN, unit: '/s', limit: Number(process.env.BENCH_JOBS_RATE ?? 50), note: `slowest: ${cap?.slowest?.name ?? 'none measured'}${cap?.slowest && !cap.slowest.backlogDrained ? ' (backlog left when the submissions ended)' : ''}; reads low by ≤ ${((cap?.slowest?.resolution ?? Number.NaN) * 100).toFixed(0)} % (250 ms sampling); acknowledged ${cap?.acknowledgedPerSecond.toFixed(1)}/s during the phase${cap && cap.acknowledgedPerSecond < 0.9 * Number(process.env.BENCH_JOBS_RATE ?? 50) ? ' (under the offered rate: a smaller backlog than planned, the figure says little)' : ''}; every one: ${(cap?.units ?? []).map((u) => `${u.name.replace(/^(queue|consumer) /, '').replace(/ \(.*\)$/, '')} ${u.perSubmission.toFixed(0)}`).join(', ')}; worker CPU ms per dossier (steady burst): ${(jobs.cpu ?? []).slice(0, 4).map((c) => `${c.unit} ${c.msPerDossier.toFixed(2)}`).join(', ')}` });
    if (cap?.units.some((u) => !u.backlogDrained)) capRow.pass = false;
    atMost({ issue: '19', name: `jobs beside submission (${layout}): every event consumer caught up after the last submission`, value: jobs.consumersSeconds ?? Number.NaN, unit: 's', limit: 10, strict: true });
    const mailRow = atLeast({ issue: '19', name: `jobs beside submission (${layout}): receipt mails' capacity, sent per second from a backlog while submissions go on at ${process.env.BENCH_JOBS_RATE ?? 50}/s`, value: cap?.mails?.perSubmission ?? Number.NaN, unit: '/s', limit: Number(process.env.BENCH_JOBS_RATE ?? 50), note: `notifications consumer → mail.send → SMTP (a lower bound for mail.send)${cap?.mails && !cap.mails.backlogDrained ? '; backlog left when the submissions ended' : ''}; steady burst: submissions acknowledged at ${jobs.acknowledgedPerSecond.toFixed(1)}/s, mails at a pace of ${jobs.mailsPerSecond.toFixed(1)}/s; per dossier: server CPU ${jobs.serverCpuMsPerDossier.toFixed(1)} ms, ${jobs.transactionsPerDossier.toFixed(1)} database transactions` });
    if (cap?.mails && !cap.mails.backlogDrained) mailRow.pass = false;
  }
}

// 4. Officials' inbox with BENCH_DOSSIERS dossiers in PostgreSQL (fresh database).
if (parts.has('inbox')) {
  beginPart('inbox');
  const inbox = await benchInbox();
  results.push(...inbox);
  const inboxClients = Number(process.env.BENCH_INBOX_CONNECTIONS ?? 16);
  for (const r of inbox.filter((x) => x.name.startsWith('inbox'))) {
    atMost({ issue: '18', name: `${r.name}, p95 at ${r.name.endsWith(', 1 client') ? 1 : inboxClients} clients`, value: r.p95, unit: 'ms', limit: INBOX_P95_TARGET_MS, strict: true, note: r.p95 < INBOX_P95_TARGET_MS ? '' : `server CPU ${r.serverCpuMs?.toFixed(2)} ms/request; the requests queue behind each other on 2 cores` });
  }
}

// 5. Statistics reports, public figures and the fact table's upkeep (bench/statistics.ts).
if (parts.has('statistics')) {
  beginPart('statistics');
  const stats = await benchStatistics();
  results.push(...stats.figures);
  for (const t of stats.targets) atMost({ issue: '16', name: `${t.name}, p95 at 10 clients`, value: t.p95, unit: 'ms', limit: t.limitMs, strict: true, note: t.p95 < t.limitMs ? '' : 'a year report reads about 4 × keys count rows in small statements of plain sums (ADR 14: about 4 ms of database time and 3–5 ms of server CPU per report); measured on a shared machine under load' });
  atMost({ issue: '16', name: `statistics: the consumer keeping the counts, as a share of the dossier writes' time (${stats.writes} submissions + receptions)`, value: stats.upkeepSharePercent, unit: '%', limit: 10, note: stats.upkeepSharePercent <= 10 ? '' : 'the consumer folds each event into daily, monthly and yearly counts' });
}

// 6. Per-request cost, submission throughput and embedded mode (issue 18, items 1, 4, 5).
if (parts.has('cost')) {
  beginPart('cost');
  results.push(...(await benchCost()));
}
if (parts.has('submit')) {
  beginPart('submit');
  results.push(...(await benchSubmit()));
}
if (parts.has('embedded')) {
  beginPart('embedded');
  results.push(...(await benchEmbedded()));
}

/** Why a citizen page is still over the target (ADR 0002, amendment of issue 18 item 6). */
function webMissNote(page: string): string {
  if (page.startsWith('journey:') && page.endsWith('step')) return 'the step\'s own part (form: applicant and documents; review: answers, delivery, fees) beside the start file; the e-form engine itself comes on the form step only (counted apart)';
  return 'the start file (React, router, TanStack Query, Mantine base) and the dossier pages\' texts, a few KB over';
}

// 7. JavaScript per citizen page from the web build's manifest (bench/web.ts; printed, PASS/MISS beside 150 KB).
if (parts.has('web')) {
  beginPart('web');
  for (const r of benchWeb()) atMost({ issue: '18', name: `web: JavaScript (gzip) loaded by ${r.name} (${r.url})`, value: r.jsGzipKb, unit: 'KB', limit: 150, note: r.jsGzipKb <= 150 ? '' : webMissNote(r.name) });
}

console.log(`\nLoad average at the end: ${loadAverage()} (other processes on the machine raise latency, not server CPU per request)`);
console.log('| target | req/s | p50 ms | p95 ms | p99 ms | server CPU ms/req | errors | non-2xx |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of results) console.log(`| ${r.name} | ${r.rps.toFixed(0)} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.serverCpuMs?.toFixed(2) ?? '—'} | ${r.errors} | ${r.non2xx} |`);
// A run of some parts (BENCH_ONLY) keeps the other parts' rows of the last report.
printReport({ partial: parts.size < allParts.length });
if (results.some((r) => r.errors > 0 || r.non2xx > 0)) process.exitCode = 1;
