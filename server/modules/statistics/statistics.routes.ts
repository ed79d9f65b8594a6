/**
 * Statistics routes: the resolution report and the dashboard for leaders and unit heads (their
 * units only), and the public transparency figures.
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponses } from '../../platform/http/common.schemas.js';
import { contentDisposition } from '../catalog/index.js';
import { clientActor, signedInActor } from '../identity/index.js';
import { lateCsv, latePdf, lateXlsx, reportCsv, reportPdf, reportXlsx, type ReportIssuer } from './statistics.export.js';
import { createInvalidPeriodError } from './statistics.errors.js';
import { dashboard, groupings, lateReport, type LateReport, periodKinds, periodRange, publicStatistics, publicStatisticsVersion, reportIssuingUnit, reportScope, resolutionReport, today } from './statistics.usecases.js';

const tags = ['Statistics'];

const count = z.number().int();
const share = z.number().nullable();
const countsShape = {
  received: count.describe('Received (tiếp nhận) in the period'),
  receivedOnline: count, receivedCounter: count, receivedPost: count, receivedNationalPortal: count, receivedNsw: count,
  carriedOver: count.describe('Received before the period, still open when it began'),
  resolved: count,
  resolvedEarly: count, resolvedOnTime: count, resolvedLate: count,
  refused: count, withdrawn: count, stopped: count,
  pendingWithin: count.describe('Open at the end of the period, within the deadline'),
  pendingOverdue: count.describe('Open at the end of the period, overdue'),
  awaitingSupplement: count, awaitingPayment: count,
  apologies: count, ratings: count, ratingsSatisfied: count,
  filedInOnlineProcedures: count, filedOnline: count,
  paid: count, paidOnline: count, feesCollected: z.number().describe('VND collected in the period'),
  resolvedLateApologised: count.describe('Resolved late in the period with an apology letter issued by the resolution date'),
  resolvedLateSupplemented: count.describe('Resolved late in the period after a supplement request'),
  resolvedLateDays: count.describe('Calendar days after the due date, summed over those resolved late in the period'),
  pendingOverdueApologised: count.describe('Overdue in process at the end of the period with an apology letter issued by then'),
  ratingAverage: share, onTimeRate: share.describe('(within + early + on time) ÷ all × 100'), onlineShare: share, onlinePaymentShare: share, satisfactionRate: share,
};
const countsSchema = z.object(countsShape).meta({ id: 'StatisticsCounts' });
const reportSchema = z.object({
  from: z.string(), to: z.string(), groupBy: z.enum(groupings),
  rows: z.array(z.object({ key: z.string(), label: z.string(), ...countsShape })),
  totals: countsSchema,
  coverage: z.object({
    procedures: count, proceduresOnline: count, proceduresFullyOnline: count, proceduresWithDossiers: count, proceduresOnlineWithDossiers: count,
    proceduresWithPayments: count, proceduresWithOnlinePayments: count,
  }),
  indicators: z.array(z.object({ group: z.string(), name: z.string(), value: share, unit: z.string(), rule: z.string() })),
}).meta({ id: 'ResolutionReport' });

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const reportQuery = z.object({
  from: isoDate.optional().describe('First day (local date); with `to`, or use `period`'),
  to: isoDate.optional(),
  period: z.enum(periodKinds).optional().describe('month, quarter, half (6 months), nine-months, year — with `year` and `number`'),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  number: z.coerce.number().int().min(1).max(12).optional().describe('Month 1–12 or quarter 1–4'),
  groupBy: z.enum(groupings).default('field'),
  format: z.enum(['json', 'xlsx', 'csv', 'pdf']).default('json'),
});

/**
 * The period of a report query (both tables, staff and system routes): a named period (`period`
 * with `year`, default this year, and `number`) or `from`–`to`; anything else is an invalid period.
 */
function reportPeriod(q: { from?: string | undefined; to?: string | undefined; period?: (typeof periodKinds)[number] | undefined; year?: number | undefined; number?: number | undefined }) {
  if (q.period === 'quarter' && (q.number ?? 1) > 4) throw createInvalidPeriodError();
  if (q.period) return periodRange(q.period, q.year ?? Number(today().slice(0, 4)), q.number ?? 1);
  if (q.from && q.to) return { from: q.from, to: q.to };
  throw createInvalidPeriodError();
}

const publicCount = z.union([z.number().int(), z.literal('< 5')]);
const publicGroup = {
  code: z.string(), name: z.string(), received: publicCount, resolved: publicCount,
  onTimeShare: share.describe('Resolved early or on time ÷ resolved, %'), onlineShare: share, averageRating: share, apologies: publicCount,
};
const publicSchema = z.object({
  year: z.number().int(), from: z.string(), to: z.string(), generatedAt: z.string(),
  fields: z.array(z.object({ ...publicGroup, procedures: z.array(z.object(publicGroup)) })),
}).meta({ id: 'PublicStatistics' });

export async function statisticsRoutes(fastify: FastifyInstance, { publicCacheSeconds }: { publicCacheSeconds: number }) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/statistics/resolution', {
    preValidation: app.requireOfficial,
    schema: {
      tags,
      summary: 'Leaders and unit heads: resolution of dossiers for a period, grouped by field, unit, procedure or case',
      description: 'Counting rules: docs/statistics.md. Unit heads see their units (and those under them) only; other officials get 403. `format=xlsx` returns the workbook (the Government Office periodic table shape and the Decision 766 indicators), `format=csv` UTF-8 CSV with a BOM, `format=pdf` an A4 landscape report with the national header, issued by the caller\'s unit (LEADER grant, else UNIT_HEAD) and dated today.',
      querystring: reportQuery,
      response: { 200: reportSchema, ...problemResponses(400, 401, 403) },
    },
  }, async (request, reply) => {
    const q = request.query;
    const period = reportPeriod(q);
    const scope = await reportScope(app.db, signedInActor(request));
    const report = await resolutionReport(app.db, { period, groupBy: q.groupBy, scope });
    const name = `bao-cao-giai-quyet-tthc_${report.from}_${report.to}`;
    if (q.format === 'xlsx') {
      return (reply as FastifyReply).header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', contentDisposition(`${name}.xlsx`)).header('cache-control', 'private, no-store').send(await reportXlsx(report));
    }
    if (q.format === 'pdf') {
      const unit = await reportIssuingUnit(app.db, signedInActor(request));
      const pdf = await reportPdf(report, { ...unit, place: app.config.documentPlace, issuedAt: new Date() });
      return (reply as FastifyReply).header('content-type', 'application/pdf')
        .header('content-disposition', contentDisposition(`${name}.pdf`)).header('cache-control', 'private, no-store').send(pdf);
    }
    if (q.format === 'csv') {
      return (reply as FastifyReply).header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', contentDisposition(`${name}.csv`)).header('cache-control', 'private, no-store').send(reportCsv(report));
    }
    return report;
  });

  // Other systems (the Government Office's reporting system, a ministry's data warehouse): the
  // same report for every unit, with a client-credentials token holding statistics:read.
  app.get('/system/statistics/resolution', {
    config: { apiScope: 'statistics:read' },
    // Only API clients (the scope itself is checked for every client before this).
    preValidation: async (request) => { clientActor(request); },
    schema: {
      tags,
      security: [{ bearerAuth: [] }],
      summary: 'Other systems: resolution of dossiers for a period, every unit, grouped by field, unit, procedure or case (scope statistics:read)',
      description: 'The report of `GET /statistics/resolution` (counting rules: docs/statistics.md) for every unit; `format=xlsx` or `csv` as there. No personal data.',
      querystring: reportQuery.extend({ format: z.enum(['json', 'xlsx', 'csv']).default('json') }),
      response: { 200: reportSchema, ...problemResponses(400, 401, 403) },
    },
  }, async (request, reply) => {
    const q = request.query;
    const period = reportPeriod(q);
    const report = await resolutionReport(app.db, { period, groupBy: q.groupBy, scope: 'ALL' });
    const name = `bao-cao-giai-quyet-tthc_${report.from}_${report.to}`;
    if (q.format === 'xlsx') {
      return (reply as FastifyReply).header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', contentDisposition(`${name}.xlsx`)).header('cache-control', 'private, no-store').send(await reportXlsx(report));
    }
    if (q.format === 'csv') {
      return (reply as FastifyReply).header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', contentDisposition(`${name}.csv`)).header('cache-control', 'private, no-store').send(reportCsv(report));
    }
    return report;
  });

  // The second national report table on resolution: dossiers resolved late and overdue in process.
  const lateFigures = {
    resolved: count, resolvedLate: count, resolvedLateApologised: count, resolvedLateSupplemented: count,
    averageDaysLate: share.describe('Calendar days after the due date, on average, of those resolved late'),
    pending: count, pendingOverdue: count, pendingOverdueApologised: count,
    lateShare: share.describe('(resolved late + overdue in process) ÷ (resolved + in process) × 100'),
  };
  const lateSchema = z.object({
    from: z.string(), to: z.string(), groupBy: z.enum(groupings),
    rows: z.array(z.object({ key: z.string(), label: z.string(), ...lateFigures })),
    totals: z.object(lateFigures),
  }).meta({ id: 'LateResolutionReport' });
  const lateName = (r: { from: string; to: string }) => `bao-cao-ho-so-qua-han_${r.from}_${r.to}`;
  const sendLate = async (reply: FastifyReply, report: LateReport, format: string, issuer?: () => Promise<ReportIssuer>) => {
    if (format === 'xlsx') {
      return reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', contentDisposition(`${lateName(report)}.xlsx`)).header('cache-control', 'private, no-store').send(await lateXlsx(report));
    }
    if (format === 'pdf' && issuer) {
      return reply.header('content-type', 'application/pdf')
        .header('content-disposition', contentDisposition(`${lateName(report)}.pdf`)).header('cache-control', 'private, no-store').send(await latePdf(report, await issuer()));
    }
    if (format === 'csv') {
      return reply.header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', contentDisposition(`${lateName(report)}.csv`)).header('cache-control', 'private, no-store').send(lateCsv(report));
    }
    return report;
  };

  app.get('/statistics/late', {
    preValidation: app.requireOfficial,
    schema: {
      tags,
      summary: 'Leaders and unit heads: dossiers resolved late and overdue in process for a period, grouped by field, unit, procedure or case',
      description: 'The second national report table on resolution (counting rules: docs/statistics.md), with the scope, periods and formats of `GET /statistics/resolution`.',
      querystring: reportQuery,
      response: { 200: lateSchema, ...problemResponses(400, 401, 403) },
    },
  }, async (request, reply) => {
    const q = request.query;
    const period = reportPeriod(q);
    const actor = signedInActor(request);
    const scope = await reportScope(app.db, actor);
    const report = await lateReport(app.db, { period, groupBy: q.groupBy, scope });
    return sendLate(reply as FastifyReply, report, q.format, async () => ({ ...(await reportIssuingUnit(app.db, actor)), place: app.config.documentPlace, issuedAt: new Date() }));
  });

  app.get('/system/statistics/late', {
    config: { apiScope: 'statistics:read' },
    preValidation: async (request) => { clientActor(request); },
    schema: {
      tags,
      security: [{ bearerAuth: [] }],
      summary: 'Other systems: dossiers resolved late and overdue in process for a period, every unit (scope statistics:read)',
      description: 'The report of `GET /statistics/late` for every unit; `format=xlsx` or `csv` as there. No personal data.',
      querystring: reportQuery.extend({ format: z.enum(['json', 'xlsx', 'csv']).default('json') }),
      response: { 200: lateSchema, ...problemResponses(400, 401, 403) },
    },
  }, async (request, reply) => {
    const q = request.query;
    const period = reportPeriod(q);
    return sendLate(reply as FastifyReply, await lateReport(app.db, { period, groupBy: q.groupBy, scope: 'ALL' }), q.format);
  });

  app.get('/statistics/dashboard', {
    preValidation: app.requireOfficial,
    schema: {
      tags,
      summary: 'Leaders and unit heads: trend by month, on-time rate by unit and field, late and soon-due dossiers, uptake',
      querystring: z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() }),
      response: {
        200: z.object({
          year: z.number().int(),
          months: z.array(z.object({ month: z.string(), received: count, resolved: count, resolvedLate: count, onTimeRate: share, onlineShare: share })),
          byUnit: z.array(z.object({ key: z.string(), label: z.string(), onTimeRate: share, resolved: count, pendingOverdue: count })),
          byField: z.array(z.object({ key: z.string(), label: z.string(), onTimeRate: share, resolved: count, pendingOverdue: count })),
          attention: z.array(z.object({ dossierId: z.string(), code: z.string().nullable(), procedure: z.string(), unit: z.string(), dueAt: z.string(), state: z.enum(['OVERDUE', 'DUE_SOON', 'LATE']), resolvedAt: z.string().nullable() })),
          totals: countsSchema,
          coverage: reportSchema.shape.coverage,
        }).meta({ id: 'StatisticsDashboard' }),
        ...problemResponses(400, 401, 403),
      },
    },
  }, async (request) => {
    const scope = await reportScope(app.db, signedInActor(request));
    return dashboard(app.db, { year: request.query.year ?? Number(today().slice(0, 4)), scope });
  });

  // Public figures: a precomputed answer per node (body and ETag), recomputed only when the
  // facts have moved (the statistics consumer's checkpoints), the day has changed or it is an
  // hour old, checked at most once per publicCacheSeconds.
  interface Answer { key: string; computedAt: number; checkedAt: number; body: string; etag: string }
  let cached: Answer | null = null;
  let computing: Promise<Answer> | null = null;
  const currentAnswer = async (): Promise<Answer> => {
    const now = Date.now();
    if (cached && now - cached.checkedAt <= publicCacheSeconds * 1000) return cached;
    computing ??= (async () => {
      try {
        const key = `${today()}:${await publicStatisticsVersion(app.db)}`;
        // Facts written outside the stream (the demo seed) show within the hour.
        if (cached?.key === key && Date.now() - cached.computedAt < 3_600_000) {
          cached = { ...cached, checkedAt: Date.now() };
          return cached;
        }
        const body = JSON.stringify(await publicStatistics(app.db));
        cached = { key, computedAt: Date.now(), checkedAt: Date.now(), body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
        return cached;
      } finally {
        computing = null;
      }
    })();
    return computing;
  };
  app.get('/public/statistics', {
    schema: {
      tags,
      summary: 'Public transparency: per field and procedure this year — received, resolved, on-time share, online share, average rating, apologies',
      description: 'No personal data; counts below 5 are shown as "< 5" (and the shares computed over them are null). Precomputed per node; `ETag` and `If-None-Match` (304).',
      response: { 200: publicSchema, 304: z.null().describe('Not modified (If-None-Match)') },
    },
  }, async (request, reply) => {
    const answer = await currentAnswer();
    reply.header('cache-control', `public, max-age=${publicCacheSeconds}`).header('etag', answer.etag);
    if (request.headers['if-none-match'] === answer.etag) return (reply as FastifyReply).code(304).send();
    return (reply as FastifyReply).header('content-type', 'application/json; charset=utf-8').send(answer.body);
  });
}
