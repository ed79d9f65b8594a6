import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponses } from '../../platform/http/common.schemas.js';
import { login, logout, logoutEverywhere } from './identity.auth.usecases.js';
import { registerApplicant, resetPassword, verifyEmail } from './identity.accounts.usecases.js';
import { enqueueAccountMail } from './identity.jobs.js';
import { clearSessionCookie, setSessionCookie, signedInActor } from './identity.http.js';
import { normalizePhone } from './identity.models.js';
import { PHONE_CODE_MAX_ATTEMPTS, PHONE_CODE_MINUTES, verifyRegistrationPhone } from './identity.phone.usecases.js';
import { getMe } from './identity.profile.usecases.js';
import { enqueuePhoneCode } from './identity.queues.js';
import {
  csrfResponseSchema,
  forgotPasswordBodySchema,
  loginBodySchema,
  logoutEverywhereResponseSchema,
  meSchema,
  messageSchema,
  registerBodySchema,
  resendPhoneCodeBodySchema,
  resetPasswordBodySchema,
  verifyPhoneBodySchema,
  verifyEmailQuerySchema,
} from './identity.schemas.js';

export const clientInfo = (request: FastifyRequest) => ({ ip: request.ip, userAgent: request.headers['user-agent'] });

/** Registration, sign-in and sign-out, password reset, CSRF token. */
export async function identityAuthRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['Accounts'];
  const deps = { db: app.db, config: app.config };
  const strictLimit = { rateLimit: { max: app.config.loginRateLimitPerMinute, timeWindow: '1 minute' } };

  app.get('/auth/csrf', {
    schema: { tags, summary: 'The CSRF token (also set as the `csrf` cookie)', response: { 200: csrfResponseSchema } },
  }, async (request) => ({ csrfToken: request.csrfToken }));

  app.post('/auth/register', {
    config: strictLimit,
    schema: {
      tags,
      summary: 'Register an applicant account (always 202; a verification e-mail and/or a phone code follow)',
      description: 'Queues the `identity.registration` job and answers 202, the same answer in the same time whether or not the e-mail address or phone number already has an account. The job creates the account and mails a verification link, and sends a 6-digit code by SMS to the phone number (prove it with `/auth/verify-phone`; the account signs in by phone only then). An address or number that already has an account gets a notice instead.',
      body: registerBodySchema,
      response: { 202: messageSchema, ...problemResponses(400, 403, 429) },
    },
  }, async (request, reply) => {
    await registerApplicant({ ...deps, input: request.body, client: clientInfo(request) });
    const { email, phone } = request.body;
    const message = email && phone
      ? 'Đã nhận đăng ký. Vui lòng mở thư chúng tôi gửi đến địa chỉ thư điện tử của bạn để xác minh tài khoản, và nhập mã xác thực gửi đến số điện thoại của bạn.'
      : email
        ? 'Đã nhận đăng ký. Vui lòng mở thư chúng tôi vừa gửi đến địa chỉ thư điện tử của bạn để xác minh tài khoản.'
        : `Đã nhận đăng ký. Vui lòng nhập mã xác thực gồm 6 chữ số chúng tôi gửi đến số điện thoại của bạn (hiệu lực ${PHONE_CODE_MINUTES} phút).`;
    return reply.status(202).send({ message });
  });

  app.post('/auth/verify-phone', {
    config: strictLimit,
    schema: {
      tags,
      summary: 'Prove the phone number of a registration with the 6-digit code from the SMS',
      description: `Error \`auth.phone_code_invalid\` (400), the same for a wrong, expired, used or voided code and for a number without a code. A code lasts ${PHONE_CODE_MINUTES} minutes; after ${PHONE_CODE_MAX_ATTEMPTS} wrong codes it is voided (ask for a new one).`,
      body: verifyPhoneBodySchema,
      response: { 200: messageSchema, ...problemResponses(400, 403, 429) },
    },
  }, async (request) => {
    await verifyRegistrationPhone({ db: app.db, phone: normalizePhone(request.body.phone)!, code: request.body.code, client: clientInfo(request) });
    return { message: 'Số điện thoại đã được xác thực. Bạn có thể đăng nhập bằng số điện thoại.' };
  });

  app.post('/auth/verify-phone/resend', {
    config: strictLimit,
    schema: { tags, summary: 'Send a new registration code (always 202)', description: 'Queues a job that sends a new code only when the number has a registration waiting for proof, within `SMS_PER_NUMBER_PER_HOUR` and `PHONE_CODES_PER_SOURCE_PER_HOUR`; the same answer for every number. The new code voids the earlier one.', body: resendPhoneCodeBodySchema, response: { 202: messageSchema, ...problemResponses(400, 403, 429) } },
  }, async (request, reply) => {
    await enqueuePhoneCode(app.db, { registrationPhone: normalizePhone(request.body.phone)!, ...(request.ip ? { ip: request.ip } : {}) });
    return reply.status(202).send({ message: 'Nếu số điện thoại này đang chờ xác thực, chúng tôi đã gửi một mã mới đến đó. Mã cũ không còn dùng được.' });
  });

  app.get('/auth/verify-email', {
    schema: { tags, summary: 'Verify an e-mail address with the token from the link', querystring: verifyEmailQuerySchema, response: { 200: messageSchema, ...problemResponses(400) } },
  }, async (request) => {
    await verifyEmail({ db: app.db, token: request.query.token, client: clientInfo(request) });
    return { message: 'Địa chỉ thư điện tử đã được xác minh. Bạn có thể đăng nhập.' };
  });

  app.post('/auth/verify-email/resend', {
    config: strictLimit,
    schema: { tags, summary: 'Send a new verification link (always 202)', description: 'Queues a job that sends a link only when the address belongs to an account whose address is not verified yet, at most `ACCOUNT_MAILS_PER_HOUR` an hour; the request does the same work and gives the same answer for every address. A new link voids the earlier ones.', body: forgotPasswordBodySchema, response: { 202: messageSchema, ...problemResponses(400, 403, 429) } },
  }, async (request, reply) => {
    await enqueueAccountMail({ db: app.db, purpose: 'EMAIL_VERIFICATION', email: request.body.email, client: clientInfo(request) });
    return reply.status(202).send({ message: 'Nếu địa chỉ này có tài khoản chưa xác minh, chúng tôi đã gửi một liên kết xác minh mới đến đó.' });
  });

  app.post('/auth/login', {
    config: strictLimit,
    schema: {
      tags,
      summary: 'Sign in with e-mail or phone and password (officials add a TOTP code)',
      description: 'Sets the `opendvc_session` cookie. Errors: `auth.invalid_credentials` (401), `auth.otp_required` (401), `auth.otp_invalid` (401), `auth.email_not_verified` (403). After repeated failures the account and the client address are throttled with growing delays; a throttled attempt gets `auth.invalid_credentials` (401), exactly like a wrong password, unless it brings the right password and a right second-factor code.',
      body: loginBodySchema,
      response: { 200: meSchema, ...problemResponses(400, 401, 403, 429) },
    },
  }, async (request, reply) => {
    const { userId, token } = await login({ ...deps, input: request.body, client: clientInfo(request) });
    setSessionCookie(app, reply, token);
    return getMe({ db: app.db, userId });
  });

  app.post('/auth/logout', {
    schema: { tags, summary: 'Sign out: ends this session', response: { 204: z.null(), ...problemResponses(401, 403) } },
  }, async (request, reply) => {
    const actor = signedInActor(request);
    await logout({ db: app.db, userId: actor.userId, sessionId: actor.sessionId, client: clientInfo(request) });
    clearSessionCookie(app, reply);
    return reply.status(204).send(null);
  });

  app.post('/auth/logout-everywhere', {
    schema: { tags, summary: 'Sign out on every device', response: { 200: logoutEverywhereResponseSchema, ...problemResponses(401, 403) } },
  }, async (request, reply) => {
    const actor = signedInActor(request);
    const result = await logoutEverywhere({ db: app.db, userId: actor.userId, client: clientInfo(request) });
    clearSessionCookie(app, reply);
    return result;
  });

  app.post('/auth/password/forgot', {
    config: strictLimit,
    schema: { tags, summary: 'Ask for a password-reset link (always 202)', description: 'Queues a job that e-mails a link (valid 60 minutes) only when the address has an active account, at most `ACCOUNT_MAILS_PER_HOUR` an hour; the request does the same work and gives the same answer for every address. A new link voids the earlier ones.', body: forgotPasswordBodySchema, response: { 202: messageSchema, ...problemResponses(400, 403, 429) } },
  }, async (request, reply) => {
    await enqueueAccountMail({ db: app.db, purpose: 'PASSWORD_RESET', email: request.body.email, client: clientInfo(request) });
    return reply.status(202).send({ message: 'Nếu địa chỉ này có tài khoản, chúng tôi đã gửi hướng dẫn đặt lại mật khẩu đến đó.' });
  });

  app.post('/auth/password/reset', {
    config: strictLimit,
    schema: { tags, summary: 'Set a new password with the token from the e-mail (ends every session)', body: resetPasswordBodySchema, response: { 200: messageSchema, ...problemResponses(400, 403, 429) } },
  }, async (request) => {
    await resetPassword({ db: app.db, config: app.config, token: request.body.token, password: request.body.password, client: clientInfo(request) });
    return { message: 'Đã đặt mật khẩu mới. Vui lòng đăng nhập lại.' };
  });
}
