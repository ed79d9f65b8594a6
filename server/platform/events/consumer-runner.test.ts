/**
 * The consumer framework over a stream of its own (a test table), so that it is tested without
 * any module: crash mid-batch and restart, dead letter and replay, lag, and two nodes on one
 * PostgreSQL database sharing the work without double effects.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, queryRows, type DatabaseHandle, type DbExecutor } from '../db/create-database.js';
import { migrateDatabase } from '../db/migrate.js';
import { createTestDatabase } from '../../test/test-database.js';
import { EVENT_PARTITIONS, type EventConsumer, type EventSource, type StreamEvent } from './consumer.js';
import { consumerLag, createConsumerRunner, replayConsumer, retryDelayMs } from './consumer-runner.js';

async function createStream(db: DbExecutor) {
  await db.execute(sql`CREATE TABLE test_stream (position bigserial PRIMARY KEY, partition smallint NOT NULL, aggregate_id text NOT NULL, type text NOT NULL)`);
  // effects: one row per applied event; deliveries: every call, to see redeliveries.
  await db.execute(sql`CREATE TABLE test_effects (event_position bigint NOT NULL, node text NOT NULL)`);
  await db.execute(sql`CREATE TABLE test_deliveries (event_position bigint NOT NULL)`);
}

/** `count` events over `aggregates` aggregates, each aggregate in its partition. */
async function append(db: DbExecutor, count: number, aggregates = 40) {
  for (let i = 0; i < count; i++) {
    const aggregate = `agg-${i % aggregates}`;
    await db.execute(sql`INSERT INTO test_stream (partition, aggregate_id, type) VALUES (${(i % aggregates) % EVENT_PARTITIONS}, ${aggregate}, 'test.happened')`);
  }
}

const source: EventSource = {
  name: 'test_stream',
  async read(db, partition, after, limit) {
    const rows = await queryRows<{ position: string; partition: number; aggregate_id: string; type: string }>(db, sql`SELECT * FROM test_stream WHERE partition = ${partition} AND position > ${after} ORDER BY position LIMIT ${limit}`);
    return rows.map((r): StreamEvent => ({ id: `e${r.position}`, position: Number(r.position), partition: r.partition, aggregateId: r.aggregate_id, type: r.type, payloadVersion: 1, payload: {}, occurredAt: new Date() }));
  },
  async heads(db) {
    const rows = await queryRows<{ partition: number; head: string }>(db, sql`SELECT partition, max(position) AS head FROM test_stream GROUP BY partition`);
    return new Map(rows.map((r) => [r.partition, Number(r.head)]));
  },
  async countAfter(db, positions) {
    let n = 0;
    for (const p of positions) n += Number((await queryRows<{ n: string }>(db, sql`SELECT count(*) AS n FROM test_stream WHERE partition = ${p.partition} AND position > ${p.position}`))[0]!.n);
    return n;
  },
};

/** A consumer whose effect is a row in test_effects, written in the consumer's transaction. */
function consumer(name: string, node: string, { failOn }: { failOn?: (event: StreamEvent) => boolean } = {}): EventConsumer {
  return {
    name,
    source,
    async handle(tx, event) {
      await tx.execute(sql`INSERT INTO test_effects (event_position, node) VALUES (${event.position}, ${node})`);
      if (failOn?.(event)) throw new Error(`cannot handle ${event.id}`);
    },
  };
}

async function effectsPerEvent(db: DbExecutor) {
  return queryRows<{ position: string; n: string }>(db, sql`SELECT s.position, count(e.event_position) AS n FROM test_stream s LEFT JOIN test_effects e ON e.event_position = s.position GROUP BY s.position`);
}

async function expectExactlyOnce(db: DbExecutor, total: number) {
  const rows = await effectsPerEvent(db);
  expect(rows).toHaveLength(total);
  expect(rows.filter((r) => Number(r.n) !== 1)).toEqual([]);
}

describe('event consumers (embedded database)', () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
    await createStream(handle.db);
  });
  afterAll(async () => handle?.close());

  it('a consumer killed mid-batch resumes after restart and applies every event exactly once', async () => {
    await append(handle.db, 120);
    let applied = 0;
    // The first node dies after 25 effects: from its 26th event on, every call throws, and
    // each failing event's effect is rolled back with it.
    const dying = createConsumerRunner({ db: handle.db, consumers: [consumer('crash', 'first', { failOn: () => ++applied > 25 })], backoffMs: 60_000, batchSize: 50 });
    const first = await dying.runOnce();
    expect(first.processed).toBe(25);
    expect(first.failed).toBeGreaterThanOrEqual(1);
    const [{ n }] = await queryRows<{ n: string }>(handle.db, sql`SELECT count(*) AS n FROM test_effects`) as [{ n: string }];
    expect(Number(n)).toBe(25);
    const lag = (await consumerLag(handle.db, [consumer('crash', 'first')]))[0]!;
    expect(lag.lag).toBe(95);
    expect(lag.retrying).toHaveLength(first.failed);

    // Restart: a new runner (a new process) with the healthy consumer, once the backoff is over.
    await handle.db.execute(sql`UPDATE event_consumer_checkpoints SET next_attempt_at = now() - interval '1 second' WHERE consumer = 'crash'`);
    const restarted = createConsumerRunner({ db: handle.db, consumers: [consumer('crash', 'second')], backoffMs: 0 });
    const rest = await restarted.drain();
    expect(rest).toMatchObject({ processed: 95, failed: 0 });
    await expectExactlyOnce(handle.db, 120);
    expect((await consumerLag(handle.db, [consumer('crash', 'second')]))[0]).toMatchObject({ lag: 0, deadLetters: [], retrying: [] });
    await handle.db.execute(sql`DELETE FROM test_effects`);
  });

  it('retries with exponential backoff, parks a poisoned event as a dead letter, and replays it', async () => {
    expect([1, 2, 3, 4].map((a) => retryDelayMs(a))).toEqual([1000, 2000, 4000, 8000]);
    expect(retryDelayMs(30)).toBe(600_000);
    const [poisoned] = await queryRows<{ position: string; partition: number }>(handle.db, sql`SELECT position, partition FROM test_stream ORDER BY position LIMIT 1 OFFSET 7`);
    const bad = Number(poisoned!.position);
    const runner = createConsumerRunner({ db: handle.db, consumers: [consumer('poison', 'n', { failOn: (e) => e.position === bad })], backoffMs: 0, maxAttempts: 3 });
    const result = await runner.drain();
    expect(result.failed).toBe(3);
    const [lag] = await consumerLag(handle.db, [consumer('poison', 'n')]);
    expect(lag!.deadLetters).toEqual([{ partition: poisoned!.partition, position: bad, error: `cannot handle e${bad}` }]);
    // Other partitions went on; the parked partition stopped before the poisoned event.
    const parkedPartitionLeft = (await queryRows<{ n: string }>(handle.db, sql`SELECT count(*) AS n FROM test_stream WHERE partition = ${poisoned!.partition} AND position >= ${bad}`))[0]!.n;
    expect(lag!.lag).toBe(Number(parkedPartitionLeft));
    expect((await runner.drain()).processed).toBe(0);

    // Fixed consumer: a replay of the parked events delivers them, once each in effect.
    await replayConsumer(handle.db, 'poison');
    const fixed = createConsumerRunner({ db: handle.db, consumers: [consumer('poison', 'n')], backoffMs: 0 });
    expect((await fixed.drain()).failed).toBe(0);
    await expectExactlyOnce(handle.db, 120);
    expect((await consumerLag(handle.db, [consumer('poison', 'n')]))[0]).toMatchObject({ lag: 0, deadLetters: [] });
    await handle.db.execute(sql`DELETE FROM test_effects`);
  });

  it('one claim takes every due partition: one batch in position order, checkpoints moved together', async () => {
    const batches: StreamEvent[][] = [];
    const batching: EventConsumer = {
      ...consumer('grouped', 'g'),
      async handleBatch(tx, events) {
        batches.push(events);
        for (const event of events) await tx.execute(sql`INSERT INTO test_effects (event_position, node) VALUES (${event.position}, 'g')`);
      },
    };
    const runner = createConsumerRunner({ db: handle.db, consumers: [batching], batchSize: 500 });
    expect(await runner.runOnce()).toMatchObject({ processed: 120, failed: 0, more: false });
    expect(batches).toHaveLength(1);
    const positions = batches[0]!.map((e) => e.position);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(new Set(batches[0]!.map((e) => e.partition)).size).toBe(EVENT_PARTITIONS);
    await expectExactlyOnce(handle.db, 120);
    expect((await consumerLag(handle.db, [batching]))[0]).toMatchObject({ lag: 0, retrying: [] });
    // A batch cut at batchSize leaves each partition at a prefix of its events; the next pass goes on.
    await append(handle.db, 40);
    const small = createConsumerRunner({ db: handle.db, consumers: [batching], batchSize: 15 });
    expect(await small.runOnce()).toMatchObject({ processed: 15, more: true });
    expect((await small.drain()).processed).toBe(25);
    await expectExactlyOnce(handle.db, 160);
    await handle.db.execute(sql`DELETE FROM test_effects`);
    await handle.db.execute(sql`DELETE FROM test_stream WHERE position > (SELECT min(position) + 119 FROM test_stream)`);
  });

  it('replays from a position: events are delivered again, idempotent effects stay once', async () => {
    const idempotent: EventConsumer = {
      name: 'replayed',
      source,
      async handle(tx, event) {
        await tx.execute(sql`INSERT INTO test_deliveries (event_position) VALUES (${event.position})`);
        const done = await queryRows(tx, sql`SELECT 1 FROM test_effects WHERE event_position = ${event.position}`);
        if (done.length === 0) await tx.execute(sql`INSERT INTO test_effects (event_position, node) VALUES (${event.position}, 'r')`);
      },
    };
    const runner = createConsumerRunner({ db: handle.db, consumers: [idempotent] });
    expect((await runner.drain()).processed).toBe(120);
    await replayConsumer(handle.db, 'replayed', { fromPosition: 61 });
    expect((await runner.drain()).processed).toBe(await countFrom(handle.db, 61));
    const [{ n }] = await queryRows<{ n: string }>(handle.db, sql`SELECT count(*) AS n FROM test_deliveries`) as [{ n: string }];
    expect(Number(n)).toBe(120 + (await countFrom(handle.db, 61)));
    await expectExactlyOnce(handle.db, 120);
  });
});

async function countFrom(db: DbExecutor, position: number) {
  return Number((await queryRows<{ n: string }>(db, sql`SELECT count(*) AS n FROM test_stream WHERE position >= ${position}`))[0]!.n);
}

/**
 * Two app nodes on one PostgreSQL database (PGlite has a single connection, so it cannot show
 * concurrent claims): the suite's server under `npm run test:pg`, else the local server
 * (PG_ADMIN_URL, as scripts/test-on-postgres.sh).
 */
describe('event consumers on two nodes (PostgreSQL)', () => {
  const adminUrl = process.env.DATABASE_URL ?? process.env.PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const name = `opendvc_consumers_${randomBytes(4).toString('hex')}`;
  let admin: pg.Client;
  let nodeA: DatabaseHandle;
  let nodeB: DatabaseHandle;

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    nodeA = openPostgres(url.toString(), 3);
    nodeB = openPostgres(url.toString(), 3);
    await migrateDatabase(nodeA);
    await createStream(nodeA.db);
  }, 120_000);
  afterAll(async () => {
    await nodeA?.close();
    await nodeB?.close();
    await admin?.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin?.end();
  });

  it('share the partitions without processing any event twice', async () => {
    await append(nodeA.db, 400, 64);
    const slow = (node: string): EventConsumer => ({
      ...consumer('shared', node),
      async handle(tx, event) {
        await tx.execute(sql`INSERT INTO test_effects (event_position, node) VALUES (${event.position}, ${node})`);
        await new Promise((resolve) => setTimeout(resolve, 2));
      },
    });
    // Claims of four partitions: each node holds a part of them at a time.
    const a = createConsumerRunner({ db: nodeA.db, consumers: [slow('a')], batchSize: 10, partitionsPerClaim: 4 });
    const b = createConsumerRunner({ db: nodeB.db, consumers: [slow('b')], batchSize: 10, partitionsPerClaim: 4 });
    await a.ensureCheckpoints();
    const [ra, rb] = await Promise.all([a.drain(), b.drain()]);
    // Both worked, together exactly once per event.
    expect(ra.processed).toBeGreaterThan(0);
    expect(rb.processed).toBeGreaterThan(0);
    expect(ra.processed + rb.processed).toBe(400);
    await expectExactlyOnce(nodeA.db, 400);
    // In order per aggregate: within a partition, positions were applied ascending.
    const perNode = await queryRows<{ node: string }>(nodeA.db, sql`SELECT DISTINCT node FROM test_effects`);
    expect(perNode.map((r) => r.node).sort()).toEqual(['a', 'b']);
  }, 120_000);

  it('a partition held by one node is skipped by the other, not waited for', async () => {
    await append(nodeA.db, 32, 16);
    let release!: () => void;
    const held = new Promise<void>((resolve) => { release = resolve; });
    let holding!: () => void;
    const started = new Promise<void>((resolve) => { holding = resolve; });
    const blocking: EventConsumer = {
      ...consumer('held', 'a'),
      async handle(tx, event) {
        await tx.execute(sql`INSERT INTO test_effects (event_position, node) VALUES (${event.position}, 'a')`);
        if (event.partition === 0) { holding(); await held; }
      },
    };
    const a = createConsumerRunner({ db: nodeA.db, consumers: [blocking], batchSize: 1000, partitionsPerClaim: 1 });
    await a.ensureCheckpoints();
    const before = Number((await queryRows<{ n: string }>(nodeA.db, sql`SELECT count(*) AS n FROM test_effects`))[0]!.n);
    // Node A reaches partition 0 and holds it (its transaction stays open).
    const runningA = a.runOnce();
    await started;
    const b = createConsumerRunner({ db: nodeB.db, consumers: [consumer('held', 'b')], batchSize: 1000, partitionsPerClaim: 1 });
    const rb = await b.runOnce();
    // B did everything but partition 0 (and whatever A finished before it), without waiting.
    const partition0 = Number((await queryRows<{ n: string }>(nodeB.db, sql`SELECT count(*) AS n FROM test_stream WHERE partition = 0`))[0]!.n);
    release();
    const ra = await runningA;
    expect(ra.processed + rb.processed).toBe(Number((await queryRows<{ n: string }>(nodeA.db, sql`SELECT count(*) AS n FROM test_stream`))[0]!.n));
    expect(ra.processed).toBeGreaterThanOrEqual(partition0);
    const after = Number((await queryRows<{ n: string }>(nodeA.db, sql`SELECT count(*) AS n FROM test_effects`))[0]!.n);
    expect(after - before).toBe(ra.processed + rb.processed);
  }, 120_000);
});
