import net from 'node:net';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import { registerErrorHandling } from '../errors/error-handler.js';
import { createTestApp, type TestContext } from '../../test/test-app.js';
import { registerRequestLogging } from './request-logging.js';

interface LogLine { level: number; msg: string; reqId?: string; err?: { type?: string; code?: string; stack?: string }; code?: string }

const lines: LogLine[] = [];
const logStream = new Writable({
  write(chunk: Buffer, _encoding, done) {
    for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line) as LogLine);
    done();
  },
});

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp({ LOG_LEVEL: 'info' }, { logStream });
});
afterAll(async () => ctx?.close());

const linesOf = (reqId: string) => lines.filter((l) => l.reqId === reqId);

describe('request logging', () => {
  it('writes one line per request at info', async () => {
    const ok = await ctx.app.inject({ method: 'GET', url: '/api/v1/fields' });
    expect(ok.statusCode).toBe(200);
    const okLines = linesOf(ok.headers['x-request-id'] as string);
    expect(okLines, JSON.stringify(okLines)).toHaveLength(1);
    expect(okLines[0]).toMatchObject({ level: 30, msg: 'request completed' });

    const refused = await ctx.app.inject({ method: 'GET', url: '/api/v1/procedures/9.999999' });
    expect(refused.statusCode).toBe(404);
    const refusedLines = linesOf(refused.headers['x-request-id'] as string);
    expect(refusedLines).toHaveLength(1);
    expect(refusedLines[0]).toMatchObject({ level: 30, msg: 'request completed', code: refused.json().code });
  });

  it('does not log a request the client aborted (an autosave cut short) as an error', async () => {
    await ctx.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = ctx.app.server.address() as net.AddressInfo;
    const before = lines.length;
    await new Promise<void>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.write(`PATCH /api/v1/dossiers/00000000-0000-0000-0000-000000000000 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{"answers":{"a":"`);
        setTimeout(() => socket.destroy(), 100);
      });
      socket.on('close', () => resolve());
      socket.on('error', () => resolve());
    });
    await new Promise((r) => setTimeout(r, 500));
    const logged = lines.slice(before);
    expect(logged.filter((l) => l.level >= 50), JSON.stringify(logged)).toEqual([]);
    expect(JSON.stringify(logged)).not.toContain('stack');
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ level: 30, msg: 'request aborted by the client' });
  });

  it('answers a stream closed early (ERR_STREAM_PREMATURE_CLOSE) without an error line or stack', async () => {
    const own: LogLine[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) own.push(JSON.parse(line) as LogLine);
        done();
      },
    });
    const app = Fastify({ logger: { level: 'info', stream }, disableRequestLogging: true });
    registerErrorHandling(app);
    registerRequestLogging(app);
    app.put('/autosave', async () => {
      throw Object.assign(new Error('Premature close'), { code: 'ERR_STREAM_PREMATURE_CLOSE' });
    });
    const res = await app.inject({ method: 'PUT', url: '/autosave', payload: {} });
    expect(res.json().code).toBe('request.aborted');
    expect(own.filter((l) => l.level >= 40)).toEqual([]);
    expect(own).toHaveLength(1);
    expect(own[0]).toMatchObject({ level: 30, msg: 'request completed', code: 'request.aborted' });
    await app.close();
  });
});
