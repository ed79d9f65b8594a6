/**
 * The closing table of `npm run bench`: every measured figure beside its target, PASS or MISS,
 * with a one-line reason for each miss. Every part adds its rows here:
 *
 *   targets.push({ issue: '18', name: 'inbox p95, 16 clients', value: 42.1, unit: 'ms', target: '< 50', pass: 42.1 < 50, note: '' });
 *
 * or with the helpers `atMost(...)` / `atLeast(...)`, which fill `target` and `pass`.
 * `BENCH_WRITE_README=1` (or `npm run bench:report`, which reads the last run's rows) writes the
 * table into README.md between `<!-- bench:start -->` and `<!-- bench:end -->`.
 * A run of some parts only (`BENCH_ONLY=jobs BENCH_WRITE_README=1`) replaces those parts' rows of
 * the last report on this machine and keeps the others, each part saying when it was measured
 * (without BENCH_WRITE_README=1 a partial run prints the merged table and keeps the last report).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface TargetRow {
  /** The issue that set the target (e.g. '18'), or '' when none did. */
  issue: string;
  name: string;
  value: number;
  unit: string;
  /** The target as read, e.g. '< 50' or '≥ 1000'. */
  target: string;
  pass: boolean;
  /** Why it is missed (or a remark on how it was measured). */
  note?: string;
  /** The bench part that measured it (run.ts's BENCH_ONLY names), set by `beginPart`. */
  part?: string;
}

export const targets: TargetRow[] = [];

/** When each part of this run was measured, and the machine's load average then. */
interface PartRun { part: string; at: string; loadAverage: string }
const partRuns: PartRun[] = [];
let currentPart = '';

const loadAverageNow = () => os.loadavg().map((l) => l.toFixed(1)).join(' ');

/** Rows added from now on belong to `part`; its time and load average are noted at its end. */
export function beginPart(part: string) {
  endPart();
  currentPart = part;
}

function endPart() {
  if (currentPart) partRuns.push({ part: currentPart, at: new Date().toISOString().slice(0, 16).replace('T', ' '), loadAverage: loadAverageNow() });
  currentPart = '';
}

const root = path.resolve(import.meta.dirname, '..');
const lastRunFile = path.join(os.tmpdir(), 'opendvc-bench-last-report.json');
export const START_MARKER = '<!-- bench:start -->';
export const END_MARKER = '<!-- bench:end -->';

/** A row whose value must stay at or under `limit` (strictly under when `strict`). */
export function atMost(row: Omit<TargetRow, 'target' | 'pass'> & { limit: number; strict?: boolean }): TargetRow {
  const { limit, strict = false, ...rest } = row;
  const r = { ...rest, part: currentPart, target: `${strict ? '<' : '≤'} ${formatNumber(limit)}`, pass: Number.isFinite(row.value) && (strict ? row.value < limit : row.value <= limit) };
  targets.push(r);
  return r;
}

/** A row whose value must reach at least `limit`. */
export function atLeast(row: Omit<TargetRow, 'target' | 'pass'> & { limit: number }): TargetRow {
  const { limit, ...rest } = row;
  const r = { ...rest, part: currentPart, target: `≥ ${formatNumber(limit)}`, pass: Number.isFinite(row.value) && row.value >= limit };
  targets.push(r);
  return r;
}

function formatNumber(n: number) {
  if (!Number.isFinite(n)) return '—';
  if (Math.abs(n) >= 100) return n.toFixed(0);
  if (Math.abs(n) >= 10) return n.toFixed(1);
  return n.toFixed(2);
}

/** The table in Markdown. */
export function reportTable(rows: TargetRow[] = targets, loadAverage = loadAverageNow(), parts: PartRun[] = []): string {
  const escape = (s: string) => s.replace(/\|/g, '\\|');
  const used = parts.filter((p) => rows.some((r) => r.part === p.part));
  const lines = [
    `Measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} cores, Node ${process.version}, load average at the end ${loadAverage} (other processes on the machine raise latency; CPU per request is less disturbed).`,
    ...(used.length ? ['', `Parts measured again afterwards (their end, UTC, and the load average then): ${used.map((p) => `${p.part} ${p.at} (${p.loadAverage})`).join('; ')}.`] : []),
    '',
    '| issue | figure | value | target | result | note |',
    '| --- | --- | ---: | ---: | --- | --- |',
    ...rows.map((r) => `| ${r.issue ? `#${r.issue}` : '—'} | ${escape(r.name)} | ${formatNumber(r.value)} ${r.unit} | ${escape(r.target)} ${r.unit} | ${r.pass ? 'PASS' : '**MISS**'} | ${escape(r.note ?? '')} |`),
  ];
  return lines.join('\n');
}

/** Prints the table; keeps the rows for `npm run bench:report`; writes the README when asked. */
export function printReport({ writeReadme = process.env.BENCH_WRITE_README === '1', partial = false } = {}) {
  endPart();
  console.log('\nTargets:');
  console.log(reportTable());
  let rows = targets;
  let parts: PartRun[] = [];
  let loadAverage = loadAverageNow();
  if (partial && fs.existsSync(lastRunFile)) {
    // Some parts only: their rows replace the last report's rows of the same parts.
    const last = JSON.parse(fs.readFileSync(lastRunFile, 'utf8')) as LastRun;
    const measured = new Set(partRuns.map((p) => p.part));
    rows = [...(last.rows ?? []).filter((r) => !measured.has(r.part ?? '')), ...targets];
    parts = [...(last.parts ?? []).filter((p) => !measured.has(p.part)), ...partRuns];
    // Rows keep the last report's order; a part measured again keeps its place.
    const order = new Map<string, number>();
    for (const r of [...(last.rows ?? []), ...targets]) if (!order.has(r.part ?? '')) order.set(r.part ?? '', order.size);
    const partOrder = (r: TargetRow) => order.get(r.part ?? '') ?? -1;
    rows = rows.map((r, i) => ({ r, i })).sort((a, b) => partOrder(a.r) - partOrder(b.r) || a.i - b.i).map((x) => x.r);
    console.log(`\nThe last report with this run's parts (${[...measured].join(', ')}) replaced:`);
    loadAverage = last.loadAverage;
    console.log(reportTable(rows, loadAverage, parts));
  }
  // A partial run (often a quick one at other sizes) changes the kept report only when it is written.
  if (!partial || writeReadme) fs.writeFileSync(lastRunFile, JSON.stringify({ rows, loadAverage, parts } satisfies LastRun));
  if (writeReadme) writeReadmeTable(reportTable(rows, loadAverage, parts));
}

interface LastRun { rows: TargetRow[]; loadAverage: string; parts?: PartRun[] }

/** Replaces the text between the markers of README.md (which must be there). */
export function writeReadmeTable(table: string, readme = path.join(root, 'README.md')) {
  const text = fs.readFileSync(readme, 'utf8');
  const start = text.indexOf(START_MARKER);
  const end = text.indexOf(END_MARKER);
  if (start < 0 || end < start) throw new Error(`README.md has no ${START_MARKER} … ${END_MARKER} section`);
  fs.writeFileSync(readme, `${text.slice(0, start + START_MARKER.length)}\n${table}\n${text.slice(end)}`);
  console.log(`README.md: performance table written (${targets.length || 'saved'} rows)`);
}

/** The bench part (run.ts's BENCH_ONLY name) that measures a row of the table, from its figure's name. */
export function partOfRow(name: string): string {
  const rules: [RegExp, string][] = [
    [/^catalogue search, \d+ procedures/, 'search-scale'], [/^catalogue search/, 'search'], [/^national portal sync/, 'dvcqg'],
    [/^jobs beside/, 'jobs'], [/^inbox/, 'inbox'], [/^(statistics|public statistics)/, 'statistics'], [/^CPU per request/, 'cost'],
    [/^submission/, 'submit'], [/^embedded mode/, 'embedded'], [/^web:/, 'web'],
  ];
  return rules.find(([re]) => re.test(name))?.[1] ?? '';
}

/**
 * The last report read back from README.md's table (for a machine without a last run, so that a
 * run of some parts replaces only their rows): rows, the load average line and the parts' dates.
 */
export function lastRunFromReadme(text: string): LastRun {
  const start = text.indexOf(START_MARKER);
  const end = text.indexOf(END_MARKER);
  if (start < 0 || end < start) throw new Error(`README.md has no ${START_MARKER} … ${END_MARKER} section`);
  const section = text.slice(start + START_MARKER.length, end);
  const loadAverage = /load average at the end ([\d. ]+?) \(/.exec(section)?.[1] ?? '';
  const parts: PartRun[] = [];
  const partsLine = /Parts measured again afterwards[^:]*: (.*)\.\s*$/m.exec(section)?.[1];
  for (const m of (partsLine ?? '').matchAll(/([\w-]+) (\d{4}-\d\d-\d\d \d\d:\d\d) \(([\d. ]+)\)/g)) parts.push({ part: m[1]!, at: m[2]!, loadAverage: m[3]! });
  const rows: TargetRow[] = [];
  for (const line of section.split('\n')) {
    if (!line.startsWith('| #') && !line.startsWith('| —')) continue;
    // Cells split on unescaped bars.
    const cells = line.slice(2, -2).split(/ (?<!\\)\| /).map((c) => c.replace(/\\\|/g, '|'));
    if (cells.length < 6) continue;
    const [issue, name, value, target, result, note] = cells as [string, string, string, string, string, string];
    const v = /^(\S+) (.*)$/.exec(value);
    const unit = v?.[2] ?? '';
    rows.push({
      issue: issue.startsWith('#') ? issue.slice(1) : '', name, value: Number(v?.[1] ?? Number.NaN), unit,
      target: unit && target.endsWith(` ${unit}`) ? target.slice(0, -unit.length - 1) : target,
      pass: result === 'PASS', note, part: partOfRow(name),
    });
  }
  return { rows, loadAverage, parts };
}

// `tsx bench/report.ts`: writes the last run's table into the README without measuring again.
// `tsx bench/report.ts --from-readme`: the other way round, the README's table becomes the last
// report of this machine (a new machine has none), so that `BENCH_ONLY=… BENCH_WRITE_README=1`
// replaces only the parts it measures.
if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.argv.includes('--from-readme')) {
    const last = lastRunFromReadme(fs.readFileSync(path.join(root, 'README.md'), 'utf8'));
    fs.writeFileSync(lastRunFile, JSON.stringify(last satisfies LastRun));
    console.log(`${lastRunFile}: ${last.rows.length} rows read from README.md (${[...new Set(last.rows.map((r) => r.part))].join(', ')})`);
  } else {
    if (!fs.existsSync(lastRunFile)) throw new Error('no bench run to report: run npm run bench first');
    const last = JSON.parse(fs.readFileSync(lastRunFile, 'utf8')) as LastRun;
    writeReadmeTable(reportTable(last.rows, last.loadAverage, last.parts ?? []));
  }
}
