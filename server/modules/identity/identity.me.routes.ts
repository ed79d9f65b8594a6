import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { signedInActor } from './identity.http.js';
import { getMe, updateProfile } from './identity.profile.usecases.js';
import { clientInfo } from './identity.routes.js';
import { changePassword, confirmCurrentCredentials } from './identity.credentials.usecases.js';
import { confirmPhoneChange, PHONE_CODE_MAX_ATTEMPTS } from './identity.phone.usecases.js';
import { changePasswordBodySchema, changePasswordResponseSchema, meSchema, phoneCodeBodySchema, reauthenticationBodySchema, recoveryCodesSchema, totpCodeBodySchema, totpEnrolmentSchema, updateProfileBodySchema } from './identity.schemas.js';
import { confirmTotpEnrolment, regenerateRecoveryCodes, startTotpEnrolment } from './identity.totp.usecases.js';
import { problemResponses } from '../../platform/http/common.schemas.js';

/** The signed-in user's own account, profile and second factor. */
export async function identityMeRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['Accounts'];

  // Every page of the portal asks who is signed in; nobody is an answer, not an error, so an
  // anonymous visitor's browser console stays clean. API clients (bearer tokens) get 403.
  app.get('/me', {
    schema: {
      tags,
      summary: 'The signed-in user, or null when nobody is signed in',
      description: 'Answers `null` (200) to a caller without a session, and 403 to an API client, which has no user.',
      response: { 200: meSchema.nullable(), ...problemResponses(403) },
    },
  }, async (request) => {
    if (request.actor.kind === 'anonymous') return null;
    const userId = signedInActor(request).userId;
    return app.keptForSession(request, 'me', () => getMe({ db: app.db, userId }));
  });

  app.patch('/me/profile', {
    preValidation: app.requireSignedIn,
    schema: {
      tags,
      summary: 'Change name, phone and applicant profile (fields sent only)',
      description: 'A new phone number takes effect only once proven: the answer shows it as `pendingPhone` and a 6-digit code is sent to it by SMS (confirm with `POST /me/phone/confirm`). A personal ID number typed here is unverified; it may equal another account\'s and links nothing. The only 409 is `identity.personal_id_verified`: a number proven by the national sign-in cannot be changed here.',
      body: updateProfileBodySchema,
      response: { 200: meSchema, ...problemResponses(400, 401, 403, 409) },
    },
  }, async (request) => updateProfile({ db: app.db, userId: signedInActor(request).userId, changes: request.body, client: clientInfo(request) }));

  app.post('/me/phone/confirm', {
    preValidation: app.requireSignedIn,
    config: { rateLimit: { max: app.config.loginRateLimitPerMinute, timeWindow: '1 minute' } },
    schema: {
      tags,
      summary: 'Complete a change of phone with the code sent to the new number',
      description: `Error \`auth.phone_code_invalid\` (400) for a wrong, expired, used or voided code, or when no change waits. After ${PHONE_CODE_MAX_ATTEMPTS} wrong codes the change is voided; send the number again to get a new code.`,
      body: phoneCodeBodySchema,
      response: { 200: meSchema, ...problemResponses(400, 401, 403, 429) },
    },
  }, async (request) => {
    const userId = signedInActor(request).userId;
    await confirmPhoneChange({ db: app.db, userId, code: request.body.code, client: clientInfo(request) });
    return getMe({ db: app.db, userId });
  });

  app.post('/me/password', {
    preValidation: app.requireSignedIn,
    schema: {
      tags,
      summary: 'Change one\'s own password (needs the current one; ends the other sessions)',
      description: 'Errors: `auth.current_credentials_invalid` (403, `body.currentPassword`; counts towards the sign-in throttle), `auth.password_unchanged` (422). This session stays; every other one ends, and outstanding reset links are voided.',
      body: changePasswordBodySchema,
      response: { 200: changePasswordResponseSchema, ...problemResponses(400, 401, 403, 422) },
    },
  }, async (request) => {
    const actor = signedInActor(request);
    const { sessionsEnded } = await changePassword({ db: app.db, config: app.config, userId: actor.userId, sessionId: actor.sessionId, currentPassword: request.body.currentPassword, newPassword: request.body.newPassword, client: clientInfo(request) });
    return { message: 'Đã đổi mật khẩu. Các phiên đăng nhập khác đã kết thúc.', sessionsEnded };
  });

  app.post('/me/totp/enrolment', {
    preValidation: app.requireOfficial,
    schema: {
      tags,
      summary: 'Officials: start (re-)enrolling an authenticator app (needs the current password or code)',
      description: 'A session alone cannot replace the second factor: the body brings the current password or a current TOTP or recovery code, else 403 `auth.current_credentials_invalid` (counts towards the sign-in throttle).',
      body: reauthenticationBodySchema,
      response: { 200: totpEnrolmentSchema, ...problemResponses(400, 401, 403) },
    },
  }, async (request) => {
    const actor = signedInActor(request);
    await confirmCurrentCredentials({ db: app.db, config: app.config, userId: actor.userId, password: request.body.password, code: request.body.code, client: clientInfo(request) });
    const me = await getMe({ db: app.db, userId: actor.userId });
    return startTotpEnrolment({ db: app.db, userId: actor.userId, account: me.email ?? me.id });
  });

  app.post('/me/totp/verify', {
    preValidation: app.requireOfficial,
    schema: { tags, summary: 'Officials: confirm the enrolment with a code; returns recovery codes', body: totpCodeBodySchema, response: { 200: recoveryCodesSchema, ...problemResponses(400, 401, 403, 409) } },
  }, async (request) => confirmTotpEnrolment({ db: app.db, userId: signedInActor(request).userId, code: request.body.code, client: clientInfo(request) }));

  app.post('/me/totp/recovery-codes', {
    preValidation: app.requireOfficial,
    schema: { tags, summary: 'Officials: replace the recovery codes (needs a current code)', body: totpCodeBodySchema, response: { 200: recoveryCodesSchema, ...problemResponses(400, 401, 403) } },
  }, async (request) => regenerateRecoveryCodes({ db: app.db, userId: signedInActor(request).userId, code: request.body.code, client: clientInfo(request) }));
}
