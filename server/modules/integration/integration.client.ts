/**
 * Transport to the National Public Service Portal through the data-sharing platform adapter
 * (LGSP/NDXP, X-Road style; domain brief §5.2): `POST {base}/{service}?dstcode={dstcode}` with a
 * JSON body and the session token the adapter's `auth` service issued for the configured account.
 * An answer is a success only with `error_code` "0" or "00". Every failure is a PortalError that
 * says whether trying again later can succeed (network, timeout, 5xx, busy, expired session) or
 * not (the portal refuses the data itself).
 */
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { DVCQG_ERRORS, DVCQG_SERVICES, isAdapterSuccess, type AdapterAnswer } from '../../../common/dvcqg/protocol.js';
import type { Config } from '../../platform/config/config.js';

export class PortalError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly answer: AdapterAnswer | null = null,
    readonly httpStatus: number | null = null,
  ) {
    super(message);
  }
  get errorCode() {
    return this.answer?.error_code ?? null;
  }
}

export interface PortalClient {
  /** Calls a service; resolves with the answer when `error_code` is success, else throws PortalError. */
  call(service: string, body: Record<string, unknown>): Promise<AdapterAnswer>;
}

export type PortalClientConfig = Pick<Config, 'dvcqgDstcode' | 'dvcqgUsername' | 'dvcqgPassword' | 'dvcqgTimeoutMs' | 'dvcqgTlsCertFile' | 'dvcqgTlsKeyFile' | 'dvcqgTlsCaFile'> & { dvcqgBaseUrl: string };

/** Non-success error codes that a later attempt may overcome. */
const RETRYABLE_CODES = new Set<string>([DVCQG_ERRORS.unavailable, DVCQG_ERRORS.unauthenticated, '500', '502', '503', '504', '429']);

export function createPortalClient(config: PortalClientConfig): PortalClient {
  const base = new URL(config.dvcqgBaseUrl.endsWith('/') ? config.dvcqgBaseUrl : `${config.dvcqgBaseUrl}/`);
  const secure = base.protocol === 'https:';
  // Idle pooled sockets are closed after 4 s, before the usual 5 s keep-alive of servers, so that
  // a request is never written to a socket the server is closing (a needless failure and retry).
  const pool = { keepAlive: true, maxSockets: 64, timeout: 4000 };
  const agent = secure
    ? new https.Agent({
        ...pool,
        cert: config.dvcqgTlsCertFile ? fs.readFileSync(config.dvcqgTlsCertFile) : undefined,
        key: config.dvcqgTlsKeyFile ? fs.readFileSync(config.dvcqgTlsKeyFile) : undefined,
        ca: config.dvcqgTlsCaFile ? fs.readFileSync(config.dvcqgTlsCaFile) : undefined,
      })
    : new http.Agent(pool);
  let session: Promise<string> | null = null;

  function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; answer: AdapterAnswer }> {
    const url = new URL(path, base);
    const text = JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = (secure ? https : http).request(url, {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), accept: 'application/json', ...headers },
        timeout: config.dvcqgTimeoutMs,
      }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', (err) => reject(new PortalError(`Kết nối tới Cổng DVCQG bị gián đoạn: ${err.message}`, true)));
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          const raw = Buffer.concat(chunks).toString('utf8');
          let answer: AdapterAnswer;
          try {
            answer = JSON.parse(raw) as AdapterAnswer;
          } catch {
            const retryable = status >= 500 || status === 429 || status === 408;
            return reject(new PortalError(`Cổng DVCQG trả lời không phải JSON (HTTP ${status})`, retryable || status === 0, { error_code: String(status), message: raw.slice(0, 500) }, status));
          }
          if (typeof answer !== 'object' || answer === null) return reject(new PortalError(`Cổng DVCQG trả lời không hợp lệ (HTTP ${status})`, status >= 500, null, status));
          answer.error_code = String(answer.error_code ?? '');
          resolve({ status, answer });
        });
      });
      req.on('timeout', () => req.destroy(new Error(`quá thời gian ${config.dvcqgTimeoutMs} ms`)));
      req.on('error', (err) => reject(err instanceof PortalError ? err : new PortalError(`Không kết nối được Cổng DVCQG: ${err.message}`, true)));
      req.end(text);
    });
  }

  function servicePath(service: string) {
    return `${encodeURIComponent(service)}?dstcode=${encodeURIComponent(config.dvcqgDstcode)}`;
  }

  async function authenticate(): Promise<string> {
    const { status, answer } = await post(servicePath(DVCQG_SERVICES.auth), { username: config.dvcqgUsername, password: config.dvcqgPassword });
    if (status >= 500) throw new PortalError(`Xác thực với Cổng DVCQG thất bại (HTTP ${status})`, true, answer, status);
    if (!isAdapterSuccess(answer) || typeof answer.session !== 'string') {
      // Wrong credentials will not become right (an operator must fix the configuration); a busy adapter will.
      const busy = status === 429 || (RETRYABLE_CODES.has(answer.error_code) && answer.error_code !== DVCQG_ERRORS.unauthenticated);
      throw new PortalError(`Xác thực với Cổng DVCQG thất bại: ${answer.message ?? answer.error_code}`, busy, answer, status);
    }
    return answer.session;
  }

  function sessionToken(): Promise<string> {
    session ??= authenticate().catch((err: unknown) => {
      session = null;
      throw err;
    });
    return session;
  }

  async function callOnce(service: string, body: Record<string, unknown>, token: string) {
    const { status, answer } = await post(servicePath(service), body, { session: token });
    if (status >= 200 && status < 300 && isAdapterSuccess(answer)) return { ok: true as const, answer };
    return { ok: false as const, status, answer };
  }

  return {
    async call(service, body) {
      let token = await sessionToken();
      let result = await callOnce(service, body, token);
      // An expired session: once more with a new one.
      if (!result.ok && (result.answer.error_code === DVCQG_ERRORS.unauthenticated || result.status === 401)) {
        session = null;
        token = await sessionToken();
        result = await callOnce(service, body, token);
      }
      if (result.ok) return result.answer;
      const { status, answer } = result;
      const retryable = status >= 500 || status === 429 || status === 408 || RETRYABLE_CODES.has(answer.error_code);
      throw new PortalError(`Cổng DVCQG từ chối ${service}: ${answer.message ?? ''} (error_code ${answer.error_code}, HTTP ${status})`, retryable, answer, status);
    },
  };
}
