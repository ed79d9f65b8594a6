/**
 * A real OpenID Connect provider (`oidc-provider`) on 127.0.0.1, standing in for the national
 * portal in tests. Its sign-in and consent pages are replaced by a tiny interaction handler:
 * it signs in whichever account the test chose with `signInAs`, or, when `people` are given,
 * shows a sign-in page on which a browser picks one of them (browser tests).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export type TestAccount = Record<string, unknown> & { sub: string };

export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The account the next sign-in at the provider will use. */
  signInAs(account: TestAccount): void;
  close(): Promise<void>;
}

const escapeHtml = (value: unknown) => String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The provider's sign-in page: one button per test person. */
function signInPage(uid: string, people: TestAccount[]) {
  const buttons = people.map((p) => `<li><form method="post" action="/interaction/${escapeHtml(uid)}/login"><input type="hidden" name="sub" value="${escapeHtml(p.sub)}"><button type="submit">Đăng nhập với tư cách ${escapeHtml(p.name ?? p.sub)}</button></form></li>`).join('');
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Cổng xác thực thử nghiệm</title></head>`
    + `<body><main><h1>Cổng xác thực thử nghiệm</h1><p>Nhà cung cấp định danh dùng cho kiểm thử: chọn người đăng nhập.</p><ul>${buttons}</ul></main></body></html>`;
}

async function readForm(req: http.IncomingMessage) {
  let body = '';
  for await (const chunk of req) body += String(chunk);
  return new URLSearchParams(body);
}

export async function startTestOidcProvider({ redirectUri, port = 0, people }: { redirectUri: string; port?: number; people?: TestAccount[] }): Promise<TestOidcProvider> {
  const accounts = new Map<string, TestAccount>((people ?? []).map((p) => [p.sub, p]));
  let next: TestAccount | undefined;
  const clientId = 'opendvc-test';
  const clientSecret = 'opendvc-test-secret-0123456789abcdef';
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const provider = new Provider(issuer, {
    clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: [redirectUri], grant_types: ['authorization_code'], response_types: ['code'], token_endpoint_auth_method: 'client_secret_basic' }],
    claims: { openid: ['sub'], profile: ['name', 'email', 'birthdate', 'address', 'personal_id_number', 'personal_id_verified', 'organisation_tax_code', 'organisation_name'] },
    findAccount: async (_ctx, id) => {
      const account = accounts.get(id);
      return account ? { accountId: id, claims: async () => account } : undefined;
    },
    pkce: { required: () => true },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    cookies: { keys: ['opendvc-test-cookie-key'] },
    acrValues: ['LoA1', 'LoA2'],
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
  });
  provider.on('server_error', (_ctx, error) => console.error('test provider error', error));
  const callback = provider.callback();

  server.on('request', (req, res) => {
    const match = /^\/interaction\/([^/?]+)/.exec(req.url ?? '');
    if (!match) return callback(req, res);
    void (async () => {
      try {
        const details = await provider.interactionDetails(req, res);
        if (details.prompt.name === 'login' && people) {
          if (req.method !== 'POST') {
            res.setHeader('content-type', 'text/html; charset=utf-8');
            res.end(signInPage(details.uid, people));
            return;
          }
          const sub = (await readForm(req)).get('sub') ?? '';
          if (!accounts.has(sub)) throw new Error(`no test person ${sub}`);
          await provider.interactionFinished(req, res, { login: { accountId: sub } }, { mergeWithLastSubmission: false });
          return;
        }
        if (details.prompt.name === 'login') {
          if (!next) throw new Error('the test did not choose an account');
          accounts.set(next.sub, next);
          await provider.interactionFinished(req, res, { login: { accountId: next.sub } }, { mergeWithLastSubmission: false });
          return;
        }
        const grant = new provider.Grant({ accountId: details.session!.accountId, clientId });
        const missing = details.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[] };
        if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
        if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
        const grantId = await grant.save();
        await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
      } catch (error) {
        res.statusCode = 500;
        res.end(String(error));
      }
    })();
  });

  return {
    issuer,
    clientId,
    clientSecret,
    signInAs(account) {
      next = account;
    },
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
