import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pathAfterSignIn, safeNextPath } from '../../../common/sign-in-redirect.js';
import { isAppError } from '../../platform/errors/app-error.js';
import { noteProblemCode } from '../../platform/logging/request-logging.js';
import { setSessionCookie } from './identity.http.js';
import { completeOidcSignIn, OIDC_STATE_MINUTES, startOidcSignIn } from './identity.oidc.usecases.js';
import { clientInfo } from './identity.routes.js';

export const OIDC_COOKIE = 'opendvc_oidc';
/** The same-site path to return to after the national sign-in (`?next=` of the start). */
export const OIDC_NEXT_COOKIE = 'opendvc_oidc_next';
/** The portal page that explains a failed national sign-in (the browser is never shown raw JSON). */
export const OIDC_ERROR_PAGE = '/dang-nhap/loi-quoc-gia';
const redirectSchema = z.null().meta({ description: 'Redirect (see Location).' });

/**
 * These two routes are browser navigations: a failure becomes a redirect to the portal page
 * that explains it, with the error code, the reason when known, and the request id for support.
 */
function redirectToErrorPage(request: FastifyRequest, reply: FastifyReply, error: unknown, next: string | null) {
  if (!isAppError(error)) throw error;
  if (error.status >= 500) request.log.error({ err: error }, 'national sign-in failed');
  else request.log.debug({ code: error.code, details: error.details }, 'national sign-in refused');
  noteProblemCode(request, error.code);
  const query = new URLSearchParams({ ma: error.code });
  const reason = error.details?.reason;
  if (typeof reason === 'string') query.set('ly-do', reason);
  query.set('yeu-cau', request.id);
  if (next) query.set('next', next);
  return reply.header('cache-control', 'no-store').redirect(`${OIDC_ERROR_PAGE}?${query.toString()}`, 302);
}

/** National single sign-on: browser redirects to and from the provider. */
export async function identityOidcRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['Accounts'];
  const cookieOptions = { path: '/api/v1/auth/oidc', httpOnly: true, sameSite: 'lax' as const, secure: app.config.publicUrl.startsWith('https:') };

  app.get('/auth/oidc/start', {
    schema: {
      tags,
      summary: 'Sign in with the national portal / VNeID: redirects to the provider',
      description: `Authorization code + PKCE. \`next\`, a path on this site, is where the callback returns to (otherwise the account page); it is kept on the error page too. Failures redirect to the portal page \`${OIDC_ERROR_PAGE}?ma=CODE\`: \`auth.oidc_disabled\` when \`OIDC_ISSUER_URL\` is not set, \`auth.oidc_failed\` when the provider cannot be reached.`,
      querystring: z.object({ next: z.string().max(2000).optional().meta({ description: 'A path on this site to return to after signing in; anything else is ignored.' }) }),
      response: { 302: redirectSchema },
    },
  }, async (request, reply) => {
    const next = safeNextPath(request.query.next);
    try {
      const { redirectTo, cookie } = await startOidcSignIn({ db: app.db, config: app.config });
      reply.setCookie(OIDC_COOKIE, cookie, { ...cookieOptions, maxAge: OIDC_STATE_MINUTES * 60 });
      if (next) reply.setCookie(OIDC_NEXT_COOKIE, next, { ...cookieOptions, maxAge: OIDC_STATE_MINUTES * 60 });
      else reply.clearCookie(OIDC_NEXT_COOKIE, cookieOptions);
      return reply.header('cache-control', 'no-store').redirect(redirectTo, 302);
    } catch (error) {
      return redirectToErrorPage(request, reply, error, next);
    }
  });

  app.get('/auth/oidc/callback', {
    schema: {
      tags,
      summary: 'Return from the national portal: opens a session and redirects to the page the start was given as next, or the account page',
      description: `Creates or links the applicant account on the verified personal ID number claim, never on e-mail. Failures redirect to the portal page \`${OIDC_ERROR_PAGE}?ma=CODE&ly-do=REASON&yeu-cau=REQUEST_ID\`: \`auth.oidc_failed\` (unknown or expired state, refused exchange, provider unreachable), \`auth.oidc_id_unverified\` (reason \`missing\`, \`invalid\` or \`unverified\`), \`auth.oidc_disabled\`.`,
      querystring: z.object({ code: z.string().optional(), state: z.string().optional(), iss: z.string().optional(), error: z.string().optional(), error_description: z.string().optional() }),
      response: { 302: redirectSchema },
    },
  }, async (request, reply) => {
    const cookie = request.cookies[OIDC_COOKIE];
    const next = safeNextPath(request.cookies[OIDC_NEXT_COOKIE]);
    reply.clearCookie(OIDC_COOKIE, cookieOptions);
    reply.clearCookie(OIDC_NEXT_COOKIE, cookieOptions);
    const callbackUrl = new URL(request.url, app.config.publicUrl);
    try {
      const { token } = await completeOidcSignIn({ db: app.db, config: app.config, cookie, callbackUrl, client: clientInfo(request) });
      setSessionCookie(app, reply, token);
    } catch (error) {
      return redirectToErrorPage(request, reply, error, next);
    }
    // National sign-in opens applicant accounts only.
    return reply.header('cache-control', 'no-store').redirect(pathAfterSignIn(next, 'APPLICANT'), 302);
  });
}
