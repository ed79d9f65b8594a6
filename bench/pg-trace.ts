/**
 * Profiling aid for the benches (not loaded in production): imported into a server with
 * `BENCH_SERVER_NODE_ARGS='--import ./bench/pg-trace.ts'` and `PG_TRACE_FILE=…`, it counts the
 * statements the process sends to PostgreSQL through node-postgres: each transaction under the
 * first statement after its BEGIN, each autocommit statement under its own text (normalised:
 * numbers and $n placeholders folded, whitespace squeezed, cut at 140 characters). The counts
 * are written as JSON to PG_TRACE_FILE when the process exits.
 */
import fs from 'node:fs';
import pg from 'pg';

const file = process.env.PG_TRACE_FILE;
const transactions = new Map<string, number>();
const autocommit = new Map<string, number>();
const inTransaction = new Set<pg.Client>();
const labelled = new Set<pg.Client>();
const statements = new Map<string, number>();

const norm = (text: string) => text.replace(/\s+/g, ' ').replace(/\$\d+/g, '$').replace(/\b\d+\b/g, 'N').trim().slice(0, 140);
const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);

if (file) {
  const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  pg.Client.prototype.query = function traced(this: pg.Client, ...args: unknown[]) {
    const first = args[0];
    const text = typeof first === 'string' ? first : (first as { text?: string } | undefined)?.text ?? '';
    const n = norm(text);
    bump(statements, n);
    if (/^begin\b/i.test(n)) {
      inTransaction.add(this);
      labelled.delete(this);
    } else if (/^(commit|rollback)\b/i.test(n) && !/^rollback to/i.test(n)) {
      inTransaction.delete(this);
    } else if (inTransaction.has(this)) {
      if (!labelled.has(this) && !/^savepoint/i.test(n)) {
        labelled.add(this);
        bump(transactions, n);
      }
    } else {
      bump(autocommit, n);
    }
    return query.apply(this, args);
  } as typeof pg.Client.prototype.query;
  const sorted = (m: Map<string, number>) => Object.fromEntries([...m].sort((a, b) => b[1] - a[1]));
  process.on('exit', () => {
    fs.writeFileSync(file.replace('%p', String(process.pid)), JSON.stringify({ transactions: sorted(transactions), autocommit: sorted(autocommit), statements: sorted(statements) }, null, 1));
  });
}
