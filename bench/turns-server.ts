// A server whose every request costs the same fixed CPU time (BENCH_WORK_MS, default 0.85 ms,
// about a search's at national scale) and answers 16 KB, taking a turn first when TURNS=1
// (server/platform/concurrency/turns.ts). Started by bench/turns.ts.
import http from 'node:http';
import { takeTurn } from '../server/platform/concurrency/turns.js';

const workMs = Number(process.env.BENCH_WORK_MS ?? 0.85);
const withTurns = process.env.TURNS === '1';
const body = Buffer.alloc(16_000, 'a');

function answer(res: http.ServerResponse) {
  const until = performance.now() + workMs;
  while (performance.now() < until);
  res.writeHead(200, { 'content-type': 'application/octet-stream' });
  res.end(body);
}

const server = http.createServer((_req, res) => {
  if (withTurns) void takeTurn().then(() => answer(res));
  else answer(res);
});
server.listen(Number(process.env.PORT ?? 3302), '127.0.0.1');
process.on('SIGTERM', () => server.close(() => process.exit(0)));
