import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponses } from '../../platform/http/common.schemas.js';
import { setSessionCookie } from './identity.http.js';
import { completeOidcSignIn, OIDC_STATE_MINUTES, startOidcSignIn } from './identity.oidc.usecases.js';
import { clientInfo } from './identity.routes.js';

export const OIDC_COOKIE = 'opendvc_oidc';
const redirectSchema = z.null().meta({ description: 'Redirect (see Location).' });

/** National single sign-on: browser redirects to and from the provider. */
export async function identityOidcRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['Accounts'];
  const cookieOptions = { path: '/api/v1/auth/oidc', httpOnly: true, sameSite: 'lax' as const, secure: app.config.publicUrl.startsWith('https:') };

  app.get('/auth/oidc/start', {
    schema: {
      tags,
      summary: 'Sign in with the national portal / VNeID: redirects to the provider',
      description: 'Authorization code + PKCE. 404 `auth.oidc_disabled` when `OIDC_ISSUER_URL` is not set.',
      response: { 302: redirectSchema, ...problemResponses(404, 502) },
    },
  }, async (_request, reply) => {
    const { redirectTo, cookie } = await startOidcSignIn({ db: app.db, config: app.config });
    reply.setCookie(OIDC_COOKIE, cookie, { ...cookieOptions, maxAge: OIDC_STATE_MINUTES * 60 });
    return reply.header('cache-control', 'no-store').redirect(redirectTo, 302);
  });

  app.get('/auth/oidc/callback', {
    schema: {
      tags,
      summary: 'Return from the national portal: opens a session and redirects to /',
      description: 'Creates or links the applicant account on the verified personal ID number claim, never on e-mail. Errors: `auth.oidc_failed` (400, 502), `auth.oidc_id_unverified` (403).',
      querystring: z.object({ code: z.string().optional(), state: z.string().optional(), iss: z.string().optional(), error: z.string().optional(), error_description: z.string().optional() }),
      response: { 302: redirectSchema, ...problemResponses(400, 403, 404, 502) },
    },
  }, async (request, reply) => {
    const cookie = request.cookies[OIDC_COOKIE];
    reply.clearCookie(OIDC_COOKIE, cookieOptions);
    const callbackUrl = new URL(request.url, app.config.publicUrl);
    const { token } = await completeOidcSignIn({ db: app.db, config: app.config, cookie, callbackUrl, client: clientInfo(request) });
    setSessionCookie(app, reply, token);
    return reply.header('cache-control', 'no-store').redirect('/', 302);
  });
}
