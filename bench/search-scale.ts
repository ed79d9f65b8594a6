/**
 * Uncached catalogue search over a national-scale catalogue: BENCH_CATALOGUE (default 10,000)
 * procedures generated from the seed's (bench/generate-catalogue.ts) beside the 61 real ones,
 * on PostgreSQL (fresh database) and on embedded PGlite (fresh folder), with the answer cache
 * off (SEARCH_CACHE_SECONDS=0) so that every request reaches the database.
 * Targets: p95 < 20 ms on PostgreSQL and < 50 ms on PGlite at BENCH_CONNECTIONS (default 20).
 *   BENCH_SEARCH_DATABASE_URL: measure an existing, already generated PostgreSQL database instead.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openPgliteDataDir, openPostgres } from '../server/platform/db/create-database.js';
import { searchIndexOf } from '../server/modules/catalog/catalog.search-index.js';
import type { Database } from '../server/platform/db/create-database.js';
import type { SearchFilters } from '../server/modules/catalog/catalog.search.js';
import { generateCatalogue } from './generate-catalogue.js';
import { cli, connections, duration, load, startServer, stop, waitReady, withFreshDatabase, type Figures } from './harness.js';

export const SEARCH_SCALE_TARGETS = { postgres: 20, pglite: 50 };

/** The bench's requests: broad and narrow queries, a later page, diacritics, filters. */
export const SEARCH_SCALE_PATHS = [
  '/api/v1/procedures?q=khai%20thac%20nuoc%20mat',
  '/api/v1/procedures?q=giay%20phep%20moi%20truong',
  '/api/v1/procedures?q=xuat%20khau%20chat%20thai',
  '/api/v1/procedures?q=khoang%20san&page=2&pageSize=5',
  '/api/v1/procedures?q=d%C3%B2%20%C4%91%E1%BA%A1c%20b%E1%BA%A3n%20%C4%91%E1%BB%93',
  '/api/v1/procedures?q=cap%20phep%20khai%20thac%20nuoc%20duoi%20dat',
  '/api/v1/procedures?q=th%E1%BB%A7y%20%C4%91i%E1%BB%87n',
  '/api/v1/procedures?field=TAI_NGUYEN_NUOC',
  '/api/v1/procedures?q=nuoc%20duoi%20dat&level=PARTIAL',
];

/**
 * Builds the in-process search index from the generated database here (as a node does on its
 * first search) and prints its build time, its size, and the CPU time of each bench query
 * answered from it (median of 50, no HTTP).
 */
/** The search filters a bench path asks for (as the route reads them). */
export function filtersOf(p: string): SearchFilters {
  const params = new URL(p, 'http://x').searchParams;
  return { q: params.get('q') ?? undefined, field: params.get('field') ?? undefined, level: params.get('level') ?? undefined, page: Number(params.get('page') ?? 1), pageSize: Number(params.get('pageSize') ?? 20) };
}

async function describeIndex(engine: string, db: Database) {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const started = performance.now();
  const index = await searchIndexOf(db, 60_000);
  const buildMs = performance.now() - started;
  gc?.();
  const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1e6;
  console.log(`  ${engine}: search index of ${index.size.toLocaleString('en')} procedures built in ${buildMs.toFixed(0)} ms, about ${(index.approximateBytes() / 1e6).toFixed(1)} MB of arrays and strings, heap +${heapMb.toFixed(1)} MB${gc ? '' : ' (without --expose-gc: rough)'}`);
  const times: string[] = [];
  for (const p of SEARCH_SCALE_PATHS) {
    const filters = filtersOf(p);
    const params = new URL(p, 'http://x').searchParams;
    const runs: number[] = [];
    for (let i = 0; i < 50; i++) {
      const t = performance.now();
      index.search(filters);
      runs.push(performance.now() - t);
    }
    runs.sort((x, y) => x - y);
    times.push(`${(filters.q ?? params.toString()).slice(0, 28)} ${runs[25]!.toFixed(2)}`);
  }
  console.log(`  ${engine}: index CPU per query, ms (median of 50): ${times.join('; ')}`);
}

/**
 * A node serves for days: the figures are taken after this long at full load (at most the run's
 * duration). Over the first ten seconds its CPU per request still falls as V8 optimises the index's
 * code and sizes its heap (0.95 ms in the first eight seconds after a 3-second warm-up, 0.86 ms
 * by the fifth eight; ADR 0001, "Independent clients").
 */
const WARM_UP_SECONDS = 10;

/** The server's garbage collections during a load: how many, and their mean pause (ms), young generation and full. */
export interface Collections { minor: number; minorMeanMs: number; major: number; majorMeanMs: number }

/** Collections by kind (minor, major, …): how many, and their pauses' sum in seconds. */
type CollectionTotals = Map<string, { count: number; seconds: number }>;

/** prom-client's `nodejs_gc_duration_seconds` counts and sums by kind, from the node's /metrics (open outside production). */
async function collectionTotals(port: number): Promise<CollectionTotals> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const totals: CollectionTotals = new Map();
  for (const m of text.matchAll(/^opendvc_nodejs_gc_duration_seconds_(sum|count)\{kind="(\w+)"\} ([0-9.e+-]+)$/gm)) {
    const t = totals.get(m[2]!) ?? { count: 0, seconds: 0 };
    if (m[1] === 'sum') t.seconds = Number(m[3]);
    else t.count = Number(m[3]);
    totals.set(m[2]!, t);
  }
  return totals;
}

function collectionsBetween(before: CollectionTotals, after: CollectionTotals): Collections {
  const of = (kind: string) => {
    const count = (after.get(kind)?.count ?? 0) - (before.get(kind)?.count ?? 0);
    const seconds = (after.get(kind)?.seconds ?? 0) - (before.get(kind)?.seconds ?? 0);
    return { count, meanMs: count > 0 ? (1000 * seconds) / count : 0 };
  };
  const minor = of('minor');
  const major = of('major');
  return { minor: minor.count, minorMeanMs: minor.meanMs, major: major.count, majorMeanMs: major.meanMs };
}

export function describeCollections(c: Collections, seconds: number): string {
  return `${c.minor} young-generation collections in ${seconds} s (mean pause ${c.minorMeanMs.toFixed(1)} ms), ${c.major} full (mean ${c.majorMeanMs.toFixed(1)} ms)`;
}

/**
 * The load: each client's every request is one of the bench's paths drawn at random (seeded), as
 * independent users search. With autocannon's own order every client asks the paths in the list's
 * order, and clients that start together stay in step (served one after another, each sends its
 * next request behind the others'): the queue then holds twenty of the same query, so the p95 is
 * set by the two costliest queries back to back, not by the mix. `inStep` also measures that order,
 * for comparison (ADR 0001, "Independent clients").
 */
async function measure(name: string, port: number, env: Record<string, string>, { inStep = false } = {}): Promise<Figures & { inStep?: Figures; collections?: Collections }> {
  const child = startServer(['server/main.ts', 'start'], { PORT: String(port), SEED_ON_START: 'false', SEARCH_CACHE_SECONDS: '0', ...env });
  try {
    await waitReady(port);
    for (const p of SEARCH_SCALE_PATHS) {
      const res = await fetch(`http://127.0.0.1:${port}${p}`);
      if (!res.ok) throw new Error(`${p} answered ${res.status}`);
      const body = (await res.json()) as { total: number; items: { code: string; name: string }[] };
      console.log(`  ${decodeURIComponent(p.replace('/api/v1/procedures?', ''))}: ${body.total} found, first ${body.items[0]?.code ?? '—'} ${body.items[0]?.name.slice(0, 60) ?? ''}`);
    }
    await load(`${name} (warm-up)`, port, SEARCH_SCALE_PATHS, Math.min(WARM_UP_SECONDS, duration), { record: false, mix: 'random' });
    const before = await collectionTotals(port);
    const figures = await load(name, port, SEARCH_SCALE_PATHS, duration, { serverPid: child.pid, mix: 'random' });
    const collections = collectionsBetween(before, await collectionTotals(port));
    console.log(`    ${describeCollections(collections, duration)}`);
    if (!inStep) return { ...figures, collections };
    return { ...figures, collections, inStep: await load(`${name}, clients in step`, port, SEARCH_SCALE_PATHS, duration, { serverPid: child.pid, mix: 'cycle' }) };
  } finally {
    await stop(child);
  }
}

/** A target of this bench; `inStep`, the same server under clients in step (see `measure`). */
export interface SearchScaleTarget { name: string; p95: number; limitMs: number; inStep?: Figures; collections?: Collections }

export async function benchSearchScale(): Promise<{ figures: Figures[]; targets: SearchScaleTarget[] }> {
  const count = Number(process.env.BENCH_CATALOGUE ?? 10_000);
  const port = Number(process.env.BENCH_SEARCH_SCALE_PORT ?? 3305);
  const figures: Figures[] = [];
  const targets: SearchScaleTarget[] = [];
  console.log(`\nCatalogue search at national scale: ${count.toLocaleString('en')} generated procedures beside the real ones, no answer cache, ${connections} connections, each request one of ${SEARCH_SCALE_PATHS.length} searches at random`);

  const onPostgres = async (url: string, generate: boolean) => {
    if (generate) {
      await cli(['db', 'migrate'], url);
      await cli(['db', 'seed'], url);
      const handle = openPostgres(url, 2);
      try {
        const g = await generateCatalogue(handle.db, { count });
        console.log(`  PostgreSQL: generated ${g.procedures.toLocaleString('en')} procedures in ${(g.ms / 1000).toFixed(1)} s`);
        await describeIndex('PostgreSQL', handle.db);
      } finally {
        await handle.close();
      }
    }
    const { inStep, collections, ...f } = await measure(`catalogue search, ${count} procedures, PostgreSQL, no cache`, port, { DATABASE_URL: url }, { inStep: true });
    figures.push(f);
    targets.push({ name: f.name, p95: f.p95, limitMs: SEARCH_SCALE_TARGETS.postgres, inStep, collections });
    // The same node with one serving process per core (WEB_CONCURRENCY=2 on this 2-core machine,
    // ADR 0026). Each process builds its own index on its first search and sees half the requests.
    const { collections: twoCollections, ...two } = await measure(`catalogue search, ${count} procedures, PostgreSQL, 2 serving processes, no cache`, port, { DATABASE_URL: url, WEB_CONCURRENCY: '2' });
    figures.push(two);
    targets.push({ name: two.name, p95: two.p95, limitMs: SEARCH_SCALE_TARGETS.postgres, collections: twoCollections });
  };
  const existing = process.env.BENCH_SEARCH_DATABASE_URL;
  if (existing) await onPostgres(existing, false);
  else await withFreshDatabase('opendvc_bench_search', (url) => onPostgres(url, true));

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'opendvc-bench-search-'));
  try {
    await cli(['db', 'migrate'], '', { DATA_DIR: dataDir });
    await cli(['db', 'seed'], '', { DATA_DIR: dataDir });
    const handle = await openPgliteDataDir(dataDir);
    try {
      const g = await generateCatalogue(handle.db, { count });
      console.log(`  PGlite: generated ${g.procedures.toLocaleString('en')} procedures in ${(g.ms / 1000).toFixed(1)} s`);
      await describeIndex('PGlite', handle.db);
    } finally {
      await handle.close();
    }
    const { collections, ...f } = await measure(`catalogue search, ${count} procedures, PGlite, no cache`, process.env.BENCH_SEARCH_SCALE_PORT ? port + 1 : 3316, { DATABASE_URL: '', DATA_DIR: dataDir });
    figures.push(f);
    targets.push({ name: f.name, p95: f.p95, limitMs: SEARCH_SCALE_TARGETS.pglite, collections });
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return { figures, targets };
}
