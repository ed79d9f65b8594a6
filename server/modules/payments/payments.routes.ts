/**
 * Payments over HTTP: the dossier's payment requests, checkout, the official's request_payment,
 * and the provider-facing endpoints (national callback and return, VNPAY IPN and return). The
 * provider endpoints carry no session: what they say is believed only after its checksum,
 * amount and reference are checked (payments.usecases settleAttempt).
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponses } from '../../platform/http/common.schemas.js';
import { signedInActor } from '../identity/index.js';
import { checkout, listPayments, requestAppraisalPayment, settleAttempt, type PaymentDeps } from './payments.usecases.js';
import type { OnlineProvider, PaymentProvider } from './providers/port.js';
import { mismatchKinds, reconcileDay, refundPayment, resolveMismatch } from './payments.reconciliation.js';
import { vnTimestamp } from './providers/port.js';
import { importBankStatement, STATEMENT_MAX_BYTES, STATEMENT_MAX_ROWS } from './payments.statements.js';

const paymentItemSchema = z.object({ code: z.string(), kind: z.enum(['PHI', 'LE_PHI', 'OTHER']), name: z.string(), amount: z.number().int() });
const paymentSchema = z.object({
  id: z.string(),
  stage: z.enum(['FILING', 'AFTER_APPRAISAL']),
  status: z.enum(['PENDING', 'PAID', 'CANCELLED', 'EXPIRED', 'REFUNDED']),
  amount: z.number().int().describe('Integer VND'),
  currency: z.literal('VND'),
  items: z.array(paymentItemSchema),
  reference: z.string().describe('Payment reference (bank transfers and the VietQR code carry it)'),
  createdAt: z.string(),
  paidAt: z.string().nullable(),
  provider: z.enum(['national', 'vnpay', 'bank_transfer']).nullable(),
  receiptUrl: z.string().optional().describe('When PAID: the electronic receipt'),
}).meta({ id: 'Payment' });
const listSchema = z.object({
  items: z.array(paymentSchema.extend({ vietQr: z.string().optional().describe('PENDING: VietQR (NAPAS) payload for a bank transfer to the unit\'s account with the reference') })),
  providers: z.array(z.enum(['national', 'vnpay'])).describe('Online providers offered for this dossier'),
  beneficiary: z.object({ bankBin: z.string(), accountNumber: z.string(), accountName: z.string() }).nullable().describe('The unit\'s account for a bank transfer (VietQR)'),
});
const dossierParams = z.object({ dossierId: z.string() });
const paymentParams = z.object({ dossierId: z.string(), paymentId: z.string() });
const nationalResult = z.looseObject({ MaThamChieu: z.string().optional(), TrangThaiGD: z.string().optional(), MaXacThuc: z.string().optional() }).describe('The platform\'s result fields (MaLoi, MaDoiTac, MaThamChieu, MaGiaoDich, MaNganHang, SoTien, ThoiGianGD, TrangThaiGD, MaXacThuc)');
const vnpayResult = z.looseObject({ vnp_TxnRef: z.string().optional(), vnp_ResponseCode: z.string().optional(), vnp_SecureHash: z.string().optional() }).describe('The gateway\'s vnp_* result parameters');

export async function paymentsRoutes(fastify: FastifyInstance, opts: { deps: PaymentDeps }) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { deps } = opts;
  const tags = ['Payments'];

  app.get('/dossiers/:dossierId/payments', {
    preValidation: app.requireSignedIn,
    schema: { tags, summary: 'Payment requests of a dossier (applicant, representatives in force, officials of the unit)', params: dossierParams, response: { 200: listSchema, ...problemResponses(401, 404) } },
  }, async (request) => listPayments(deps, { actor: signedInActor(request), dossierId: request.params.dossierId }));

  app.post('/dossiers/:dossierId/payments/:paymentId/checkout', {
    preValidation: app.requireSignedIn,
    schema: {
      tags, summary: 'Opens a payment attempt with a provider; the browser goes to redirectUrl', params: paymentParams,
      body: z.object({ provider: z.enum(['national', 'vnpay']) }),
      response: { 200: z.object({ redirectUrl: z.string() }), ...problemResponses(401, 404, 409, 422, 502) },
    },
  }, async (request) => {
    const { redirectUrl } = await checkout(deps, { actor: signedInActor(request), dossierId: request.params.dossierId, paymentId: request.params.paymentId, provider: request.body.provider, ip: request.ip });
    return { redirectUrl };
  });

  app.post('/dossiers/:dossierId/payments', {
    preValidation: app.requireOfficial,
    schema: {
      tags, summary: 'Workflow action request_payment: the after-appraisal fees become a payment request; the dossier awaits payment (status 6) and its clock stops',
      description: 'Without `items`, the case\'s AFTER_APPRAISAL fee items for the dossier\'s answers; with `items`, the amounts the official states (e.g. a fee the catalogue describes only in words).',
      params: dossierParams,
      body: z.object({
        comment: z.string().trim().max(2000).optional(),
        items: z.array(z.object({
          kind: z.enum(['PHI', 'LE_PHI', 'OTHER']),
          name: z.string().trim().min(2, 'Vui lòng nhập tên khoản thu (tối thiểu 2 ký tự)').max(300, 'Tên khoản thu tối đa 300 ký tự'),
          amount: z.number({ message: 'Số tiền phải là số' }).int('Số tiền là số nguyên (đồng)').min(1000, 'Số tiền tối thiểu 1.000 đồng').max(100_000_000_000, 'Số tiền quá lớn'),
        })).min(1, 'Cần ít nhất một khoản thu').max(20, 'Tối đa 20 khoản thu').optional().describe('Integer VND amounts; the items of the request'),
      }).optional(),
      response: { 201: paymentSchema, ...problemResponses(401, 403, 404, 409) },
    },
  }, async (request, reply) => {
    const created = await requestAppraisalPayment(deps, { actor: signedInActor(request), dossierId: request.params.dossierId, comment: request.body?.comment ?? null, items: request.body?.items, ip: request.ip });
    return reply.code(201).send(created);
  });

  // The accountant (kế toán): reconciliation and refunds ---------------------------------------
  const accountTags = ['Payments: accounting'];
  const mismatchSchema = z.object({
    provider: z.enum(['national', 'vnpay']),
    kind: z.enum(mismatchKinds).describe('PAID_THERE_NOT_HERE, PAID_HERE_NOT_THERE, AMOUNT_DIFFERS, DUPLICATE (money received twice, or after the request was cancelled)'),
    reference: z.string(), remoteAmount: z.number().int().nullable(), localAmount: z.number().int().nullable(), remoteTransactionId: z.string().nullable(),
    paymentId: z.string().nullable(), attemptId: z.string().nullable(), dossierId: z.string().nullable(), dossierCode: z.string().nullable(),
    refundable: z.number().int().describe('What can still be refunded of the attempt'),
    resolution: z.object({ reason: z.string(), byUserId: z.string().nullable(), at: z.string() }).nullable(),
  }).meta({ id: 'PaymentMismatch' });
  const refundSchema = z.object({
    id: z.string(), paymentId: z.string(), attemptId: z.string(), provider: z.enum(['national', 'vnpay', 'bank_transfer']), amount: z.number().int(), full: z.boolean(),
    status: z.enum(['SUCCEEDED', 'FAILED', 'MANUAL']).describe('MANUAL: the provider has no refund message we know; the unit refunds it by transfer'),
    reason: z.string(), providerCode: z.string().nullable(), providerTransactionId: z.string().nullable(), createdAt: z.string(),
  }).meta({ id: 'PaymentRefund' });

  app.get('/payments/reconciliation', {
    preValidation: app.requireOfficial,
    schema: {
      tags: accountTags, summary: 'A day\'s reconciliation: each provider\'s list of paid transactions against OpenDVC\'s, with the mismatches (ACCOUNTANT of the unit)',
      querystring: z.object({ day: z.string().regex(/^\d{8}$/, 'Ngày theo dạng yyyyMMdd').optional().describe('yyyyMMdd (Asia/Ho_Chi_Minh); today by default') }),
      response: { 200: z.object({ day: z.string(), matched: z.number().int(), items: z.array(mismatchSchema), errors: z.array(z.object({ provider: z.string(), message: z.string() })) }), ...problemResponses(400, 401, 403) },
    },
  }, async (request) => reconcileDay(deps, { actor: signedInActor(request), day: request.query.day ?? vnTimestamp(new Date()).slice(0, 8) }));

  app.post('/payments/reconciliation/resolutions', {
    preValidation: app.requireOfficial,
    schema: {
      tags: accountTags, summary: 'Resolve a mismatch with a reason (audited)',
      body: z.object({ provider: z.enum(['national', 'vnpay']), reference: z.string().min(1).max(64), kind: z.enum(mismatchKinds), reason: z.string().trim().min(5, 'Vui lòng nêu cách xử lý (tối thiểu 5 ký tự)').max(2000) }),
      response: { 201: z.object({ provider: z.string(), reference: z.string(), kind: z.string(), resolution: z.object({ reason: z.string(), byUserId: z.string().nullable(), at: z.string() }) }), ...problemResponses(400, 401, 403) },
    },
  }, async (request, reply) => reply.code(201).send(await resolveMismatch(deps, { actor: signedInActor(request), ...request.body, ip: request.ip })));

  // The bank's statement as CSV (text/csv, UTF-8): one parser, with its own size limit, for this route's plugin.
  app.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: STATEMENT_MAX_BYTES }, (_request, body, done) => done(null, body));
  app.post('/payments/reconciliation/statements', {
    preValidation: app.requireOfficial,
    bodyLimit: STATEMENT_MAX_BYTES,
    schema: {
      tags: accountTags,
      summary: `Import the unit account's bank statement (CSV: date, amount, description columns; at most ${STATEMENT_MAX_ROWS} rows, 1 MiB): VietQR transfers whose description carries a pending request's reference and amount are paid like a provider's callback (ACCOUNTANT of the unit)`,
      consumes: ['text/csv'],
      body: z.string().min(1, 'Tệp sao kê trống.').describe('CSV, UTF-8, header row with date (Ngày), amount (Số tiền / Ghi có) and description (Nội dung / Diễn giải) columns; comma or semicolon separated'),
      response: {
        200: z.object({
          rows: z.number().int(),
          matched: z.array(z.object({ line: z.number().int(), reference: z.string(), amount: z.number().int(), paymentId: z.string(), dossierId: z.string(), effect: z.string().describe('paid; already_paid (imported before); duplicate_payment (paid another way or cancelled: to refund)') })),
          unmatched: z.array(z.object({ line: z.number().int(), date: z.string(), amount: z.number().int(), description: z.string(), reference: z.string().nullable(), reason: z.string() })),
          errors: z.array(z.object({ line: z.number().int(), message: z.string() })),
        }).meta({ id: 'BankStatementImport' }),
        ...problemResponses(400, 401, 403, 413, 415, 422),
      },
    },
  }, async (request) => importBankStatement(deps, { actor: signedInActor(request), csv: request.body, ip: request.ip }));

  app.post('/payments/:paymentId/refunds', {
    preValidation: app.requireOfficial,
    schema: {
      tags: accountTags, summary: 'Refund all or part of a payment through the provider\'s refund message (VNPAY refund), or record it for a manual refund (ACCOUNTANT of the dossier\'s unit)',
      params: z.object({ paymentId: z.string() }),
      body: z.object({
        attemptId: z.string().optional().describe('A duplicate attempt to refund; the attempt that paid the request by default'),
        amount: z.number().int().positive().optional().describe('Integer VND; everything left by default'),
        reason: z.string().trim().min(5, 'Vui lòng nêu lý do hoàn tiền (tối thiểu 5 ký tự)').max(2000),
      }),
      response: { 201: refundSchema, ...problemResponses(400, 401, 403, 404, 409, 422, 502) },
    },
  }, async (request, reply) => reply.code(201).send(await refundPayment(deps, { actor: signedInActor(request), paymentId: request.params.paymentId, ...request.body, ip: request.ip })));

  /** What the applicant is told on return: paid (ok), cancelled (huy), not settled yet (cho), refused (loi). */
  const returnOutcome = (r: Awaited<ReturnType<typeof settleAttempt>>, verified: ReturnType<PaymentProvider['verify']>) =>
    !r.accepted || !verified.ok ? 'loi' : verified.outcome.status === 'SUCCEEDED' ? 'ok' : verified.outcome.status === 'FAILED' ? 'huy' : 'cho';

  // Provider-facing endpoints -------------------------------------------------------------------
  const providerTags = ['Payment providers'];
  const providerOf = (name: OnlineProvider) => deps.providers.get(name);
  const backToDossier = (reply: FastifyReply, dossierId: string | undefined, outcome: string) =>
    reply.redirect(dossierId ? `/ho-so-cua-toi/${encodeURIComponent(dossierId)}?thanh-toan=${outcome}` : `/ho-so-cua-toi?thanh-toan=${outcome}`, 303);

  app.post('/payments/national/callback', { schema: { tags: providerTags, summary: 'National payment platform: the server-to-server callback (MaXacThuc verified; answers MaLoi)', body: nationalResult } }, async (request) => {
    const port = providerOf('national');
    if (!port) return { MaLoi: '99', MoTaLoi: 'Không hỗ trợ' };
    const r = await settleAttempt(deps.db, deps.config, { provider: 'national', channel: 'callback', verified: port.verify(request.body), body: request.body });
    if (r.accepted) return { MaLoi: '00', MoTaLoi: 'Thành công' };
    return { MaLoi: r.reason === 'checksum' ? '02' : r.reason === 'amount' ? '04' : '01', MoTaLoi: 'Từ chối' };
  });
  app.get('/payments/national/return', { schema: { tags: providerTags, summary: 'National payment platform: the payer\'s browser comes back here (verified like the callback), then goes to the dossier', querystring: nationalResult } }, async (request, reply) => {
    const port = providerOf('national');
    if (!port) return backToDossier(reply, undefined, 'loi');
    const verified = port.verify(request.query);
    const r = await settleAttempt(deps.db, deps.config, { provider: 'national', channel: 'return', verified, body: request.query });
    return backToDossier(reply, r.dossierId, returnOutcome(r, verified));
  });
  app.get('/payments/vnpay/callback', { schema: { tags: providerTags, summary: 'VNPAY 2.1.0: the IPN (vnp_SecureHash verified; answers RspCode)', querystring: vnpayResult } }, async (request) => {
    // The IPN: VNPAY expects RspCode 00 (confirmed), 02 (already confirmed), 01 (order not found), 04 (amount), 97 (checksum).
    const port = providerOf('vnpay');
    if (!port) return { RspCode: '99', Message: 'Unknown error' };
    const r = await settleAttempt(deps.db, deps.config, { provider: 'vnpay', channel: 'ipn', verified: port.verify(request.query), body: request.query });
    if (r.accepted) return r.effect === 'already_paid' || r.effect === 'unchanged' ? { RspCode: '02', Message: 'Order already confirmed' } : { RspCode: '00', Message: 'Confirm Success' };
    return r.reason === 'checksum' ? { RspCode: '97', Message: 'Invalid Checksum' } : r.reason === 'amount' ? { RspCode: '04', Message: 'Invalid amount' } : { RspCode: '01', Message: 'Order not found' };
  });
  app.get('/payments/vnpay/return', { schema: { tags: providerTags, summary: 'VNPAY 2.1.0: the return URL of the payer\'s browser (verified like the IPN), then the dossier', querystring: vnpayResult } }, async (request, reply) => {
    const port = providerOf('vnpay');
    if (!port) return backToDossier(reply, undefined, 'loi');
    const verified = port.verify(request.query);
    const r = await settleAttempt(deps.db, deps.config, { provider: 'vnpay', channel: 'return', verified, body: request.query });
    return backToDossier(reply, r.dossierId, returnOutcome(r, verified));
  });
}
