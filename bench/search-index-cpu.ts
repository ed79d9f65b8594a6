/**
 * CPU of the in-process search index alone (no HTTP, no database) on the national-scale
 * catalogue: the index is built from the projection of a generated catalogue (bench/generate-catalogue.ts,
 * BENCH_CATALOGUE procedures, default 10,000, beside the real ones), then each query of the
 * search-scale bench runs `BENCH_RUNS` times (default 200). Prints, per query, the mean CPU time
 * of one search (this process's, robust to other load on the machine), the median and p95 wall
 * time and the number of matches, the means over the bench's queries, and a
 * digest of the answers (the bench's queries and a wider set: the ranking table's phrasings with
 * later pages and filters) so that two versions of the index can be compared answer for answer.
 *
 *   tsx bench/search-index-cpu.ts              (generates once on PostgreSQL, then reuses the rows' file)
 *   BENCH_SEARCH_ROWS=file                     the projection rows' file (default: in the temp folder)
 *   BENCH_SEARCH_DATABASE_URL=postgres://…     read the rows from an already generated database
 *   BENCH_PROFILE_QUERY=<bench path>           run only that query (e.g. under node --cpu-prof)
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openPostgres } from '../server/platform/db/create-database.js';
import { readSearchIndexSource, SearchIndex, type FieldRow, type ProjectionRow } from '../server/modules/catalog/catalog.search-index.js';
import type { SearchFilters } from '../server/modules/catalog/catalog.search.js';
import { rankingTable } from '../server/modules/catalog/e2e/catalog.ranking-table.js';
import { generateCatalogue } from './generate-catalogue.js';
import { cli, withFreshDatabase } from './harness.js';
import { filtersOf, SEARCH_SCALE_PATHS } from './search-scale.js';

const count = Number(process.env.BENCH_CATALOGUE ?? 10_000);
const runs = Number(process.env.BENCH_RUNS ?? 200);
const rowsFile = process.env.BENCH_SEARCH_ROWS ?? path.join(os.tmpdir(), `opendvc-search-rows-${count}.json`);

type Source = { rows: ProjectionRow[]; fields: FieldRow[] };

async function readFrom(url: string): Promise<Source> {
  const handle = openPostgres(url, 2);
  try {
    return await readSearchIndexSource(handle.db);
  } finally {
    await handle.close();
  }
}

async function source(): Promise<Source> {
  if (process.env.BENCH_SEARCH_DATABASE_URL) return readFrom(process.env.BENCH_SEARCH_DATABASE_URL);
  if (fs.existsSync(rowsFile)) return JSON.parse(fs.readFileSync(rowsFile, 'utf8')) as Source;
  const generated = await withFreshDatabase('opendvc_bench_sidx', async (url) => {
    await cli(['db', 'migrate'], url);
    await cli(['db', 'seed'], url);
    const handle = openPostgres(url, 2);
    try {
      const g = await generateCatalogue(handle.db, { count });
      console.log(`generated ${g.procedures.toLocaleString('en')} procedures in ${(g.ms / 1000).toFixed(1)} s`);
    } finally {
      await handle.close();
    }
    return readFrom(url);
  });
  fs.writeFileSync(rowsFile, JSON.stringify(generated));
  console.log(`projection rows kept in ${rowsFile}`);
  return generated;
}

/** The wider set whose answers the digest covers. */
function answerCases(): SearchFilters[] {
  const cases: SearchFilters[] = SEARCH_SCALE_PATHS.map(filtersOf);
  cases.push({ page: 1, pageSize: 20 }, { page: 3, pageSize: 10, level: 'PARTIAL' }, { page: 1, pageSize: 20, q: '???' }, { page: 1, pageSize: 20, q: 'zzzz qqqq' });
  for (const [q] of rankingTable) {
    cases.push({ q, page: 1, pageSize: 20 }, { q, page: 2, pageSize: 10 }, { q, page: 1, pageSize: 20, level: 'PARTIAL' }, { q, page: 1, pageSize: 10, field: 'TAI_NGUYEN_NUOC' });
  }
  for (const q of ['nuoc', 'giay phep', 'khoang san', 'moi truong', 'cap', 'cấp giấy phép', 'khoan', 'dtm', 'ba', 'x', 'nuoc ngam khai thac', 'bao cao ket qua quan trac', 'giay pep moi truog']) {
    cases.push({ q, page: 1, pageSize: 20 }, { q, page: 4, pageSize: 5 }, { q, page: 30, pageSize: 20 }, { q, page: 1, pageSize: 10, field: 'TAI_NGUYEN_NUOC', level: 'FULL' });
  }
  return cases;
}

const src = await source();
let started = performance.now();
const index = new SearchIndex(src.rows, src.fields);
console.log(`index of ${index.size.toLocaleString('en')} procedures built in ${(performance.now() - started).toFixed(0)} ms`);

const only = process.env.BENCH_PROFILE_QUERY;
const paths = only ? [only] : SEARCH_SCALE_PATHS;
const medians: number[] = [];
const cpus: number[] = [];
for (const p of paths) {
  const filters = filtersOf(p);
  const times: number[] = [];
  let total = 0;
  index.search(filters);
  const cpuBefore = process.cpuUsage();
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    total = index.search(filters).total;
    times.push(performance.now() - t);
  }
  const cpu = process.cpuUsage(cpuBefore);
  const cpuMs = (cpu.user + cpu.system) / 1000 / runs;
  cpus.push(cpuMs);
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)]!;
  medians.push(median);
  console.log(`  ${decodeURIComponent(p.replace('/api/v1/procedures?', '')).padEnd(44)} ${String(total).padStart(5)} found  CPU ${cpuMs.toFixed(3)} ms  wall min ${times[0]!.toFixed(3)} ms, median ${median.toFixed(3)} ms, p95 ${times[Math.ceil(0.95 * times.length) - 1]!.toFixed(3)} ms`);
}
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
console.log(`mean per search: CPU ${mean(cpus).toFixed(3)} ms, wall (medians) ${mean(medians).toFixed(3)} ms; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);

if (!only) {
  const hash = createHash('sha256');
  started = performance.now();
  const cases = answerCases();
  for (const filters of cases) {
    const answer = JSON.stringify(index.search(filters));
    hash.update(answer);
  }
  console.log(`answers of ${cases.length} searches: digest ${hash.digest('hex').slice(0, 16)} (${(performance.now() - started).toFixed(0)} ms)`);
  if (process.env.BENCH_ANSWERS_FILE) {
    const lines: string[] = [];
    for (const filters of cases) lines.push(`${JSON.stringify(filters)} ${JSON.stringify(index.search(filters))}`);
    fs.writeFileSync(process.env.BENCH_ANSWERS_FILE, lines.join('\n') + '\n');
  }
}
