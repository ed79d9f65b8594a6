/**
 * npm run test:faults — the fault harness. Each trial runs real app processes (server/main.ts)
 * under submission load over HTTP and breaks something:
 *   kill9-pglite    kill -9 of the app on the embedded database, restarted at once (it takes over the lock);
 *   kill9-postgres  the same on PostgreSQL;
 *   terminate       two app nodes on one PostgreSQL database, every backend terminated several times
 *                   under mixed load (submissions and catalogue reads);
 *   restart         a throwaway PostgreSQL cluster of its own (initdb + pg_ctl, another port) restarted
 *                   under mixed load; the app must survive and serve again within 5 s, unaided.
 * Every submission carries an Idempotency-Key; unanswered ones are retried with the same key.
 * Each trial then asserts: 0 acknowledged dossiers lost, 0 duplicated codes, submit events, jobs
 * or receipt mails (a real SMTP server counts them), the audit chain intact, recovery within its
 * target; and prints its figures. Exit status 1 when any assertion fails.
 *   FAULTS_TRIALS (comma list, default all), FAULTS_DOSSIERS (per trial, default 240), FAULTS_KILLS (default 3),
 *   PG_ADMIN_URL (default postgres://postgres@127.0.0.1:5432/test), FAULTS_REASONS=1 (print why requests
 *   answered 503 in the two-node trials, counted by message; printed anyway when recovery was slow).
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { sql } from 'drizzle-orm';
import { openPgliteDataDir, openPostgres, queryRows, type DatabaseHandle } from '../../server/platform/db/create-database.js';
import { verifyAuditChain, describeChainVerification } from '../../server/platform/audit/index.js';
import { startTestSmtpServer, type ReceivedMail } from '../../server/test/smtp-server.js';
import { prepare, type Prepared } from './prepare.js';
import { withFreshDatabase } from '../../bench/harness.js';
import { loadConfig } from '../../server/platform/config/config.js';

const root = path.resolve(import.meta.dirname, '../..');
const DOSSIERS = Number(process.env.FAULTS_DOSSIERS ?? 240);
const KILLS = Number(process.env.FAULTS_KILLS ?? 3);
const trials = new Set((process.env.FAULTS_TRIALS ?? 'kill9-pglite,kill9-postgres,terminate,restart').split(',').map((s) => s.trim()).filter(Boolean));
const BASE_PORT = Number(process.env.FAULTS_PORT ?? 3380);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const failures: string[] = [];
const check = (trial: string, ok: boolean, what: string) => {
  console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures.push(`${trial}: ${what}`);
};

const appEnv = (extra: Record<string, string>) => ({
  ...process.env,
  NODE_ENV: 'test',
  LOG_LEVEL: 'warn',
  LOG_PRETTY: 'false',
  PUBLIC_URL: 'http://127.0.0.1',
  WEB_BUILD_ON_START: 'false',
  SEED_ON_START: 'false',
  RATE_LIMIT_PER_MINUTE: '100000000',
  TRACKING_RATE_LIMIT_PER_MINUTE: '100000',
  MAIL_PROVIDER: 'smtp',
  JOBS_POLLING_INTERVAL_SECONDS: '0.5',
  EVENT_CONSUMERS_POLL_MS: '200',
  JOBS_LEASE_SECONDS: '15',
  SIGNING_DEMO_PKI: 'false',
  ...extra,
});

/** The apps' failed requests (their log lines of level error naming a request), the last 20: printed when a trial saw a 500. */
const failedRequests: string[] = [];
/** Why the apps answered 503 (their "database unavailable" lines' messages, counted): printed when recovery was slow. */
const unavailableReasons = new Map<string, number>();

function startApp(env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', 'start'], { cwd: root, env: appEnv(env), stdio: ['ignore', 'pipe', 'inherit'] });
  readline.createInterface({ input: child.stdout! }).on('line', (line) => {
    if (line.includes('"level":40') && line.includes('database unavailable')) {
      const reason = /"message":"((?:[^"\\]|\\.)*)"/.exec(line)?.[1]?.replace(/\d+/g, 'N').slice(0, 160) ?? 'unknown';
      unavailableReasons.set(reason, (unavailableReasons.get(reason) ?? 0) + 1);
      return;
    }
    if (!line.includes('"level":50') || !line.includes('request failed')) return;
    failedRequests.push(line.slice(0, 2000));
    if (failedRequests.length > 20) failedRequests.shift();
  });
  return child;
}

async function waitStatus(port: number, pathName: string, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}${pathName}`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return Date.now() - started;
    } catch {
      // not answering yet
    }
    await sleep(50);
  }
  return Number.NaN;
}

async function stopApp(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await Promise.race([exited, sleep(20000)]);
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

/** Submits every draft over HTTP with `lanes` at once, retrying unanswered ones with the same key. */
function submitter(ports: number[], prepared: Prepared, lanes = 8) {
  const acked = new Map<string, string>();
  const statuses = new Map<string, number>();
  const mismatches: string[] = [];
  let next = 0;
  let stopped = false;
  const queue = [...prepared.drafts];
  const one = async (id: string, port: number) => {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/dossiers/${id}/submit`, {
        method: 'POST',
        headers: { ...prepared.headers, 'content-type': 'application/json', 'idempotency-key': `faults-${id}` },
        body: '{}',
        signal: AbortSignal.timeout(15000),
      });
      statuses.set(String(res.status), (statuses.get(String(res.status)) ?? 0) + 1);
      if (res.status === 200) {
        const { code } = (await res.json()) as { code: string };
        const before = acked.get(id);
        if (before && before !== code) mismatches.push(`${id}: ${before} then ${code}`);
        acked.set(id, code);
        return true;
      }
    } catch {
      statuses.set('no answer', (statuses.get('no answer') ?? 0) + 1);
    }
    return false;
  };
  const retries: string[] = [];
  const lane = async (k: number) => {
    while (!stopped) {
      const id = retries.shift() ?? queue[next++];
      if (!id) {
        if (retries.length === 0 && next >= queue.length) return;
        await sleep(100);
        continue;
      }
      const ok = await one(id, ports[k % ports.length]!);
      if (!ok) {
        retries.push(id);
        await sleep(100);
      }
    }
  };
  const done = Promise.all(Array.from({ length: lanes }, (_, k) => lane(k)));
  return {
    acked,
    statuses,
    mismatches,
    done,
    stop: () => {
      stopped = true;
    },
    /** Asks again for every acknowledged dossier: the same code must come back. */
    async replay(port: number) {
      for (const id of [...acked.keys()].slice(0, 50)) await one(id, port);
    },
  };
}

/** Reads between submissions (mixed load): the public tracking look-up, which reads the database (404 for this code). */
function reader(ports: number[]) {
  let stopped = false;
  const statuses = new Map<string, number>();
  const loop = async (port: number) => {
    while (!stopped) {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/api/v1/tracking?code=000.00.01.G99-000101-0001&key=1234`, { signal: AbortSignal.timeout(5000) });
        statuses.set(String(res.status), (statuses.get(String(res.status)) ?? 0) + 1);
        await res.arrayBuffer();
      } catch {
        statuses.set('no answer', (statuses.get('no answer') ?? 0) + 1);
      }
      await sleep(20);
    }
  };
  const done = Promise.all(ports.map(loop));
  return { statuses, stop: async () => { stopped = true; await done; } };
}

/**
 * The checks every trial ends with, on the database after the app stopped.
 *
 * `kills`: a kill -9 between the SMTP server's acceptance of a mail and its recording as sent
 * repeats that mail on the next attempt (SMTP has no idempotent submission). The mails that can
 * be in that window at one moment are those in flight (`MAIL_CONCURRENCY`): that many repeats per
 * kill are tolerated (the figure printed says how many there were), and each repeat must carry its
 * first copy's `Message-ID` (the delivery's id), so that a mail client shows it once.
 */
async function verify(trial: string, handle: DatabaseHandle, acked: Map<string, string>, mails: ReceivedMail[], mismatches: string[], kills = 0) {
  const db = handle.db;
  const rows = await queryRows<{ id: string; code: string | null }>(db, sql`SELECT id, code FROM dossiers WHERE id IN (${sql.join([...acked.keys()].map((k) => sql`${k}`), sql`, `)})`);
  const stored = new Map(rows.map((r) => [r.id, r.code]));
  const lost = [...acked].filter(([id, code]) => stored.get(id) !== code);
  check(trial, lost.length === 0, `0 acknowledged dossiers lost (${acked.size} acknowledged, ${lost.length} lost)`);
  const [dupCodes] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM (SELECT code FROM dossiers WHERE code IS NOT NULL GROUP BY code HAVING count(*) > 1) d`);
  check(trial, dupCodes!.n === 0, `0 duplicated dossier codes (${dupCodes!.n})`);
  check(trial, mismatches.length === 0, `retries with the same Idempotency-Key returned the stored code (${mismatches.length} mismatches)`);
  const [dupEvents] = await queryRows<{ n: number; total: number }>(db, sql`SELECT count(*) FILTER (WHERE c > 1)::int AS n, coalesce(sum(c), 0)::int AS total FROM (SELECT dossier_id, count(*) AS c FROM dossier_events WHERE action = 'dossier.submitted' GROUP BY dossier_id) e`);
  check(trial, dupEvents!.n === 0 && dupEvents!.total === acked.size, `one submit event per dossier (${dupEvents!.total} events for ${acked.size} dossiers, ${dupEvents!.n} duplicated)`);
  const dupJobs = await queryRows<{ name: string; key: string; n: number }>(db, sql`SELECT name, singleton_key AS key, count(*)::int AS n FROM (SELECT name, singleton_key FROM pgboss.job UNION ALL SELECT name, singleton_key FROM pgboss.archive) j WHERE singleton_key IS NOT NULL AND name NOT LIKE '\\_\\_pgboss\\_\\_%' GROUP BY name, singleton_key HAVING count(*) > 1`);
  check(trial, dupJobs.length === 0, `0 duplicated jobs (${dupJobs.length} keys with two jobs${dupJobs.length ? `: ${dupJobs.slice(0, 3).map((d) => `${d.name} ${d.key} ×${d.n}`).join(', ')}` : ''})`);
  const perCode = new Map<string, ReceivedMail[]>();
  for (const m of mails) for (const code of acked.values()) if (m.subject.includes(code) || m.text.includes(code)) perCode.set(code, [...(perCode.get(code) ?? []), m]);
  const receipts = [...acked.values()].map((c) => perCode.get(c) ?? []);
  const repeated = receipts.filter((copies) => copies.length > 1);
  const twice = repeated.length;
  const none = receipts.filter((copies) => copies.length === 0).length;
  if (kills === 0) check(trial, twice === 0, `0 duplicated receipt mails (${mails.length} mails received; ${twice} dossiers mailed twice)`);
  else {
    const inFlight = mailsInFlight();
    check(trial, twice <= kills * inFlight, `receipt mails repeated only by a kill inside an SMTP send, at most the ${inFlight} mails in flight per kill (${mails.length} mails received; ${twice} dossiers mailed twice; ${kills} kills)`);
    const unlike = repeated.filter((copies) => copies[0]!.messageId === '' || copies.some((m) => m.messageId !== copies[0]!.messageId)).length;
    check(trial, unlike === 0, `a repeated receipt mail carries its first copy's Message-ID (${twice} repeated, ${unlike} with another or none)`);
  }
  check(trial, none === 0, `every acknowledged dossier's receipt mail sent (${none} missing)`);
  const chain = await verifyAuditChain(db);
  check(trial, chain.ok, `audit chain intact: ${describeChainVerification(chain)}`);
}

/**
 * Mails a node can have between the SMTP server's acceptance and their recording as sent: each is
 * recorded as soon as it is accepted (grouped, one update at a time), so the window is about one
 * update long, but every mail in flight (`MAIL_CONCURRENCY`) could be in it at one moment.
 */
function mailsInFlight(): number {
  const mailConcurrency = (appEnv({}) as Record<string, string | undefined>).MAIL_CONCURRENCY;
  return loadConfig(mailConcurrency ? { MAIL_CONCURRENCY: mailConcurrency } : {}).mailConcurrency;
}

async function waitMails(mails: ReceivedMail[], acked: Map<string, string>, timeoutMs: number) {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    const codes = new Set([...acked.values()].filter((c) => mails.some((m) => m.subject.includes(c) || m.text.includes(c))));
    if (codes.size >= acked.size) return Date.now() - started;
    await sleep(250);
  }
  return Number.NaN;
}

const fmt = (m: Map<string, number>) => [...m].map(([k, v]) => `${k}: ${v}`).join(', ');

/** kill -9 of the app under submission load, restarted at once, KILLS times. */
async function killTrial(trial: string, open: () => Promise<DatabaseHandle>, env: Record<string, string>, dataDir: string, port: number) {
  const smtp = await startTestSmtpServer();
  try {
    let handle = await open();
    const prepared = await prepare(handle, dataDir, DOSSIERS);
    await handle.close();
    const childEnv = { ...env, PORT: String(port), DATA_DIR: dataDir, SMTP_URL: smtp.url };
    let child = startApp(childEnv);
    if (Number.isNaN(await waitStatus(port, '/readyz', 120000))) throw new Error('app did not start');
    const load = submitter([port], prepared);
    const recoveries: number[] = [];
    for (let k = 1; k <= KILLS; k++) {
      while (load.acked.size < (DOSSIERS * k) / (KILLS + 1)) await sleep(20);
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      const killedAt = Date.now();
      child = startApp(childEnv);
      await waitStatus(port, '/readyz', 120000);
      recoveries.push(Date.now() - killedAt);
    }
    await load.done;
    await load.replay(port);
    const mailMs = await waitMails(smtp.messages, load.acked, 90000);
    await stopApp(child);
    console.log(`  figures: ${load.acked.size} acknowledged; answers ${fmt(load.statuses)}; ${KILLS} kills, back (ready) after ${recoveries.map((r) => `${(r / 1000).toFixed(1)} s`).join(', ')}; receipts all out ${Number.isNaN(mailMs) ? 'NOT' : `${(mailMs / 1000).toFixed(1)} s after the last submission`}`);
    check(trial, load.acked.size === DOSSIERS, `every draft ends submitted (${load.acked.size}/${DOSSIERS})`);
    check(trial, recoveries.every((r) => r < 60000), 'restart to ready within 60 s after each kill');
    handle = await open();
    try {
      await verify(trial, handle, load.acked, smtp.messages, load.mismatches, KILLS);
    } finally {
      await handle.close();
    }
  } finally {
    await smtp.close();
  }
}

async function mixedTrial(trial: string, url: string, dataDir: string, ports: number[], fault: (round: number) => Promise<number | void>, rounds: number) {
  unavailableReasons.clear();
  const smtp = await startTestSmtpServer();
  try {
    let handle = openPostgres(url, 5);
    const prepared = await prepare(handle, dataDir, DOSSIERS);
    await handle.close();
    const children = ports.map((port, i) => startApp({ PORT: String(port), DATABASE_URL: url, DATA_DIR: `${dataDir}/node${i}`, SMTP_URL: smtp.url, DATABASE_CONNECT_TIMEOUT_MS: '1000' }));
    const exits: string[] = [];
    children.forEach((c, i) => c.once('exit', (code, signal) => exits.push(`node ${i} exited (${code ?? signal})`)));
    for (const port of ports) if (Number.isNaN(await waitStatus(port, '/readyz', 120000))) throw new Error('app did not start');
    const load = submitter(ports, prepared);
    const reads = reader(ports);
    const recoveries: number[] = [];
    for (let k = 1; k <= rounds; k++) {
      while (load.acked.size < (DOSSIERS * k) / (rounds + 1)) await sleep(20);
      const r = await fault(k);
      if (typeof r === 'number') recoveries.push(r);
      // Every node answers again, unaided.
      const back = Date.now();
      for (const port of ports) await waitStatus(port, '/readyz', 30000);
      recoveries.push(Date.now() - back);
    }
    await load.done;
    await reads.stop();
    await load.replay(ports[0]!);
    const mailMs = await waitMails(smtp.messages, load.acked, 90000);
    const alive = children.every((c) => c.exitCode === null && c.signalCode === null);
    const diedUnderLoad = [...exits];
    for (const c of children) await stopApp(c);
    console.log(`  graceful stop: ${children.map((c, i) => `node ${i} exit ${c.exitCode ?? c.signalCode}`).join(', ')}`);
    const serverErrors = [...load.statuses, ...reads.statuses].filter(([s]) => s === '500').reduce((a, [, n]) => a + n, 0);
    console.log(`  figures: ${load.acked.size} acknowledged over ${ports.length} nodes; submissions ${fmt(load.statuses)}; reads ${fmt(reads.statuses)}; serving again after ${recoveries.map((r) => `${(r / 1000).toFixed(2)} s`).join(', ')}; receipts ${Number.isNaN(mailMs) ? 'NOT all out' : `all out ${(mailMs / 1000).toFixed(1)} s after the last submission`}`);
    check(trial, alive && diedUnderLoad.length === 0, `every app node survived (${diedUnderLoad.join('; ') || 'no exit'})`);
    check(trial, serverErrors === 0, `no 500 answers during the faults (${serverErrors})`);
    if (serverErrors > 0) for (const line of failedRequests) console.log(`    the app logged: ${line}`);
    check(trial, recoveries.every((r) => r < 5000), 'every node serving again within 5 s of the database accepting connections');
    if (process.env.FAULTS_REASONS || !recoveries.every((r) => r < 5000)) for (const [reason, n] of unavailableReasons) console.log(`    503 "database unavailable" ×${n}: ${reason}`);
    check(trial, load.acked.size === DOSSIERS, `every draft ends submitted (${load.acked.size}/${DOSSIERS})`);
    handle = openPostgres(url, 2);
    try {
      await verify(trial, handle, load.acked, smtp.messages, load.mismatches);
    } finally {
      await handle.close();
    }
  } finally {
    await smtp.close();
  }
}

/** A throwaway PostgreSQL cluster in a temp folder on its own port (never the shared server). */
function throwawayCluster(port: number) {
  const bin = fs.readdirSync('/usr/lib/postgresql').sort().reverse().map((v) => `/usr/lib/postgresql/${v}/bin`).find((b) => fs.existsSync(`${b}/initdb`));
  if (!bin) throw new Error('no PostgreSQL server binaries (initdb) found');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opendvc-faults-pg-'));
  const asRoot = process.getuid?.() === 0;
  // initdb refuses to run as root: the cluster belongs to the postgres user then.
  const run = (args: string[]) => (asRoot ? execFileSync('runuser', ['-u', 'postgres', '--', ...args], { stdio: 'pipe' }) : execFileSync(args[0]!, args.slice(1), { stdio: 'pipe' }));
  if (asRoot) execFileSync('chown', ['postgres', dir]);
  run([`${bin}/initdb`, '-D', `${dir}/data`, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  const ctl = (action: string, extra: string[] = []) => run([`${bin}/pg_ctl`, '-D', `${dir}/data`, '-w', '-t', '60', ...extra, action]);
  const opts = ['-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100`, '-l', `${dir}/log`];
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start: () => ctl('start', opts),
    restart: () => ctl('restart', ['-m', 'fast', ...opts]),
    stop: () => {
      try {
        ctl('stop', ['-m', 'immediate']);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

async function main() {
  console.log(`Fault harness: ${DOSSIERS} dossiers per trial, ${KILLS} kills, trials ${[...trials].join(', ')}`);
  const started = Date.now();
  if (trials.has('kill9-pglite')) {
    console.log('\nkill -9 under submission load, embedded PGlite');
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'opendvc-faults-'));
    try {
      await killTrial('kill9-pglite', () => openPgliteDataDir(dataDir), { DATABASE_URL: '' }, dataDir, BASE_PORT);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }
  if (trials.has('kill9-postgres')) {
    console.log('\nkill -9 under submission load, PostgreSQL');
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'opendvc-faults-'));
    try {
      await withFreshDatabase('opendvc_faults', (url) => killTrial('kill9-postgres', async () => openPostgres(url, 5), { DATABASE_URL: url }, dataDir, BASE_PORT + 1));
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }
  if (trials.has('terminate')) {
    console.log('\nbackends terminated under mixed load, two app nodes on one PostgreSQL database');
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'opendvc-faults-'));
    try {
      await withFreshDatabase('opendvc_faults', async (url) => {
        const admin = openPostgres(url, 1);
        const dbName = new URL(url).pathname.slice(1);
        try {
          await mixedTrial('terminate', url, dataDir, [BASE_PORT + 2, BASE_PORT + 3], async () => {
            const [r] = await queryRows<{ n: number }>(admin.db, sql`SELECT count(*)::int AS n FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'opendvc' AND datname = ${dbName} AND pid <> pg_backend_pid()) t`);
            console.log(`  terminated ${r!.n} backends`);
          }, KILLS);
        } finally {
          await admin.close();
        }
      });
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }
  if (trials.has('restart')) {
    console.log('\nPostgreSQL restarted under mixed load (a throwaway cluster), two app nodes');
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'opendvc-faults-'));
    const cluster = throwawayCluster(Number(process.env.FAULTS_PG_PORT ?? 55439));
    try {
      cluster.start();
      await mixedTrial('restart', cluster.url, dataDir, [BASE_PORT + 4, BASE_PORT + 5], async () => {
        const t0 = Date.now();
        cluster.restart();
        console.log(`  restarted PostgreSQL in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      }, Math.max(1, KILLS - 1));
    } finally {
      cluster.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }
  console.log(`\n${failures.length === 0 ? 'All fault trials passed' : `${failures.length} check(s) failed:\n  ${failures.join('\n  ')}`} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  process.exit(failures.length === 0 ? 0 : 1);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
