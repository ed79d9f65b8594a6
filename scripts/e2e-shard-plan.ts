/**
 * Splits the browser spec files into shards of about equal running time, for
 * scripts/test-e2e-sharded.sh. Playwright's own --shard cuts the list of files into runs of equal
 * test counts, but the specs differ widely in time (one form builder test takes minutes, one of the
 * seventeen accessibility checks a few seconds), so two shards ended 6 minutes apart.
 *
 * Each file weighs what e2e/durations.json says it took (seconds, measured from a run's list
 * output with `--record <log>…`); a file not in it weighs its test count times the average. Files
 * go, heaviest first, to the lightest shard (longest-processing-time first); a file is never split,
 * because the tests of several files run in order (describe.serial) and share their set-up.
 *
 * Usage:
 *   tsx scripts/e2e-shard-plan.ts <shards>            prints one line per shard: its files, space separated
 *   tsx scripts/e2e-shard-plan.ts --record <log>…     writes e2e/durations.json from list-reporter logs
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const durationsFile = path.join(root, 'e2e', 'durations.json');
const specsDir = path.join(root, 'e2e', 'specs');

/** Test counts per spec file, from Playwright's own listing (so skipped filters and projects agree). */
function testCounts(): Map<string, number> {
  const out = execFileSync(path.join(root, 'node_modules', '.bin', 'playwright'), ['test', '--config', 'e2e/playwright.config.ts', '--list'], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const counts = new Map<string, number>();
  for (const line of out.split('\n')) {
    const file = /^\s+([\w.-]+\.spec\.ts):\d+:\d+ ›/.exec(line)?.[1];
    if (file) counts.set(file, (counts.get(file) ?? 0) + 1);
  }
  return counts;
}

function readDurations(): Record<string, number> {
  if (!fs.existsSync(durationsFile)) return {};
  return JSON.parse(fs.readFileSync(durationsFile, 'utf8')) as Record<string, number>;
}

/** Sums the "(12.3s)" / "(1.2m)" / "(850ms)" times of each file's test runs (retries included) in list-reporter logs. */
export function durationsFromLogs(text: string): Record<string, number> {
  const seconds: Record<string, number> = {};
  for (const line of text.split('\n')) {
    const m = /\s(?:[\w.-]+\/)*([\w.-]+\.spec\.ts):\d+:\d+ ›.*\((\d+(?:\.\d+)?)(ms|s|m)\)\s*$/.exec(line);
    const [, file, amount, unit] = m ?? [];
    if (!file) continue;
    const value = Number(amount) * (unit === 'ms' ? 0.001 : unit === 'm' ? 60 : 1);
    seconds[file] = (seconds[file] ?? 0) + value;
  }
  const files = Object.keys(seconds).sort();
  return Object.fromEntries(files.map((file) => [file, Math.round(seconds[file] ?? 0)]));
}

export function plan(weights: Map<string, number>, shards: number): string[][] {
  const bins = Array.from({ length: shards }, () => ({ files: [] as string[], total: 0 }));
  const heaviestFirst = [...weights].sort(([fa, a], [fb, b]) => b - a || fa.localeCompare(fb));
  for (const [file, weight] of heaviestFirst) {
    const lightest = bins.reduce((min, bin) => (bin.total < min.total ? bin : min));
    lightest.files.push(file);
    lightest.total += weight;
  }
  return bins.map((bin) => bin.files.sort());
}

function main() {
  const args = process.argv.slice(2);
  if (args[0] === '--record') {
    const recorded = durationsFromLogs(args.slice(1).map((f) => fs.readFileSync(f, 'utf8')).join('\n'));
    fs.writeFileSync(durationsFile, `${JSON.stringify(recorded, null, 2)}\n`);
    console.log(`${Object.keys(recorded).length} files written to ${path.relative(root, durationsFile)}`);
    return;
  }
  const shards = Number(args[0] ?? 2);
  if (!Number.isInteger(shards) || shards < 1) throw new Error(`shards must be a positive whole number, got "${args[0]}"`);
  const counts = testCounts();
  if (counts.size === 0) throw new Error(`no browser tests listed under ${specsDir}`);
  const durations = readDurations();
  const known = Object.entries(durations).filter(([file]) => counts.has(file));
  const knownTests = known.reduce((n, [file]) => n + (counts.get(file) ?? 0), 0);
  const perTest = knownTests ? known.reduce((s, [, d]) => s + d, 0) / knownTests : 25;
  const weights = new Map([...counts].map(([file, n]) => [file, durations[file] ?? n * perTest]));
  for (const files of plan(weights, shards)) console.log(files.map((f) => path.join('e2e', 'specs', f)).join(' '));
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) main();
