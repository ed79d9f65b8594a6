import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponses } from '../../platform/http/common.schemas.js';
import { clientActor, signedInActor } from './identity.http.js';
import { publicJwks } from './identity.oauth.keys.js';
import { issueClientToken, listApiClients, OAuthError, registerApiClient, revokeApiClient, type TokenRequest } from './identity.oauth.usecases.js';
import { clientInfo } from './identity.routes.js';
import { apiScopes } from './identity.tables.js';

const tokenBodySchema = z.object({
  grant_type: z.string().optional(),
  scope: z.string().optional().meta({ description: 'Space-separated; the client\'s scopes when absent.' }),
  client_id: z.string().optional().meta({ description: 'When not sent with HTTP Basic authentication.' }),
  client_secret: z.string().optional(),
}).meta({ id: 'TokenRequest' });
const tokenResponseSchema = z.object({ access_token: z.string(), token_type: z.literal('Bearer'), expires_in: z.number().int(), scope: z.string() }).meta({ id: 'TokenResponse' });
const oauthErrorSchema = z.object({ error: z.string(), error_description: z.string().optional() }).meta({ id: 'OAuthError', description: 'RFC 6749 §5.2' });
const jwksSchema = z.object({ keys: z.array(z.record(z.string(), z.unknown())) }).meta({ id: 'JsonWebKeySet' });
const apiClientSchema = z.object({ clientId: z.string(), name: z.string(), scopes: z.array(z.string()), status: z.enum(['ACTIVE', 'DISABLED']), createdAt: z.string() }).meta({ id: 'ApiClient' });
const registerClientBodySchema = z.object({
  name: z.string().trim().min(2, 'Tên ứng dụng tối thiểu 2 ký tự').max(200, 'Tên ứng dụng tối đa 200 ký tự'),
  scopes: z.array(z.enum(apiScopes, { message: `Phạm vi phải là một trong: ${apiScopes.join(', ')}` })).min(1, 'Chọn ít nhất một phạm vi'),
});

/** Credentials from HTTP Basic (RFC 6749 §2.3.1: each part form-encoded) or from the body. */
function tokenRequestFrom(request: FastifyRequest): TokenRequest {
  const body = (request.body ?? {}) as z.infer<typeof tokenBodySchema>;
  const basic = /^Basic\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
  let clientId = body.client_id;
  let clientSecret = body.client_secret;
  if (basic) {
    const decoded = Buffer.from(basic, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) throw new OAuthError('invalid_client', 'Xác thực ứng dụng không thành công.');
    if (clientId !== undefined || clientSecret !== undefined) throw new OAuthError('invalid_request', 'Chỉ dùng một cách xác thực ứng dụng.');
    clientId = decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, ' '));
    clientSecret = decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, ' '));
  }
  return { grantType: body.grant_type, clientId, clientSecret, scope: body.scope };
}

/** POST /oauth/token and the JWKS, with RFC 6749 error bodies. */
export async function oauthRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['Other systems'];

  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 8192 }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
  app.setErrorHandler((error: FastifyError | OAuthError, request, reply) => {
    const oauth = error instanceof OAuthError ? error : new OAuthError('invalid_request', error.validation ? 'Yêu cầu không hợp lệ.' : 'Không xử lý được yêu cầu.');
    if (!(error instanceof OAuthError) && !error.validation && (error.statusCode ?? 500) >= 500) request.log.error({ err: error }, 'token endpoint failed');
    if (oauth.error === 'invalid_client' && /^Basic/i.test(request.headers.authorization ?? '')) reply.header('www-authenticate', 'Basic realm="opendvc"');
    return reply.status(oauth.status).header('cache-control', 'no-store').send({ error: oauth.error, error_description: oauth.message });
  });

  app.post('/oauth/token', {
    config: { rateLimit: { max: app.config.loginRateLimitPerMinute, timeWindow: '1 minute' } },
    schema: {
      tags,
      summary: 'OAuth 2.0 client credentials: a short-lived signed access token (JWT, ES256)',
      description: `Form-encoded or JSON. The client authenticates with HTTP Basic or \`client_id\` + \`client_secret\` in the body. Scopes: ${apiScopes.join(', ')}. Errors follow RFC 6749 §5.2.`,
      body: tokenBodySchema,
      response: { 200: tokenResponseSchema, 400: oauthErrorSchema, 401: oauthErrorSchema },
    },
  }, async (request, reply) => {
    const token = await issueClientToken({ db: app.db, issuer: app.config.publicUrl, ttlSeconds: app.config.oauthTokenTtlSeconds, request: tokenRequestFrom(request), client: clientInfo(request) });
    return reply.header('cache-control', 'no-store').header('pragma', 'no-cache').send(token);
  });

  app.get('/.well-known/jwks.json', {
    schema: { tags, summary: 'Public keys that verify access tokens (JSON Web Key Set)', response: { 200: jwksSchema } },
  }, async (_request, reply) => {
    reply.header('cache-control', 'public, max-age=300');
    return publicJwks({ db: app.db, tokenTtlSeconds: app.config.oauthTokenTtlSeconds });
  });
}

/** Administrators register API clients; a client can ask who it is. Under /api/v1. */
export async function apiClientRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['Other systems'];

  app.get('/admin/api-clients', {
    preValidation: app.requireAdministrator,
    schema: { tags, summary: 'Administrators: registered API clients', response: { 200: z.object({ items: z.array(apiClientSchema) }), ...problemResponses(401, 403) } },
  }, async () => ({ items: await listApiClients({ db: app.db }) }));

  app.post('/admin/api-clients', {
    preValidation: app.requireAdministrator,
    schema: {
      tags,
      summary: 'Administrators: register an API client (the secret is shown once)',
      body: registerClientBodySchema,
      response: { 201: apiClientSchema.extend({ clientSecret: z.string() }), ...problemResponses(400, 401, 403) },
    },
  }, async (request, reply) => {
    const created = await registerApiClient({ db: app.db, name: request.body.name, scopes: request.body.scopes, actorUserId: signedInActor(request).userId, client: clientInfo(request) });
    return reply.status(201).header('cache-control', 'no-store').send(created);
  });

  app.post('/admin/api-clients/:clientId/revoke', {
    preValidation: app.requireAdministrator,
    schema: {
      tags,
      summary: 'Administrators: revoke an API client (no new tokens; its tokens stop working at once)',
      description: 'Revoking a revoked client changes nothing. Errors: `identity.api_client_not_found` (404).',
      params: z.object({ clientId: z.string().max(64) }),
      response: { 200: apiClientSchema, ...problemResponses(401, 403, 404) },
    },
  }, async (request) => revokeApiClient({ db: app.db, clientId: request.params.clientId, actorUserId: signedInActor(request).userId, client: clientInfo(request) }));

  app.get('/auth/client', {
    config: { apiScope: 'any' },
    schema: { tags, summary: 'API clients: the calling client and the scopes of its token', security: [{ bearerAuth: [] }], response: { 200: z.object({ clientId: z.string(), scopes: z.array(z.string()) }), ...problemResponses(401, 403) } },
  }, async (request) => {
    const { clientId, scopes } = clientActor(request);
    return { clientId, scopes };
  });
}
