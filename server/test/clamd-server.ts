/**
 * A clamd stand-in on 127.0.0.1 that speaks the real INSTREAM protocol (zINSTREAM\0, 4-byte
 * big-endian chunk lengths, zero-length end) and reports the EICAR test string as clamd does.
 */
import net from 'node:net';
import type { AddressInfo } from 'node:net';

const EICAR_SIGNATURE = ['X5O!P%@AP[4\\PZX54(P^)7CC)7}$', 'EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*'].join('');

/** `port` 0 (default) picks a free port; a given port lets a test stop the daemon and start it again. */
export async function startTestClamd(options: { streamMaxLength?: number; silent?: boolean; port?: number } = {}) {
  const received: Buffer[] = [];
  const server = net.createServer((socket) => {
    let buffer = Buffer.alloc(0);
    let command: string | undefined;
    const body: Buffer[] = [];
    let bodyLength = 0;
    socket.on('error', () => {});
    socket.on('data', (data) => {
      buffer = Buffer.concat([buffer, data]);
      if (command === undefined) {
        const end = buffer.indexOf(0);
        if (end < 0) return;
        command = buffer.subarray(0, end).toString('latin1');
        buffer = buffer.subarray(end + 1);
        if (command !== 'zINSTREAM') {
          socket.end('UNKNOWN COMMAND\0');
          return;
        }
      }
      if (options.silent) return; // never answers (timeout tests)
      while (buffer.length >= 4) {
        const length = buffer.readUInt32BE(0);
        if (length === 0) {
          const content = Buffer.concat(body);
          received.push(content);
          socket.end(content.includes(EICAR_SIGNATURE) ? 'stream: Eicar-Signature FOUND\0' : 'stream: OK\0');
          return;
        }
        if (buffer.length < 4 + length) return;
        body.push(buffer.subarray(4, 4 + length));
        bodyLength += length;
        buffer = buffer.subarray(4 + length);
        if (options.streamMaxLength !== undefined && bodyLength > options.streamMaxLength) {
          socket.end('INSTREAM size limit exceeded. ERROR\0');
          return;
        }
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', () => resolve()));
  return {
    host: '127.0.0.1',
    port: (server.address() as AddressInfo).port,
    /** The bytes of each completed scan, as clamd received them. */
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
