import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { TimeUnit } from '../../../common/calendar/deadlines.js';
import { problemResponses } from '../../platform/http/common.schemas.js';
import { signedInActor } from '../identity/index.js';
import { parseInstant } from './calendar.models.js';
import { calendarYearSchema, dayParamsSchema, dueDateQuerySchema, dueDateResponseSchema, overrideResponseSchema, setDayBodySchema, yearParamsSchema } from './calendar.schemas.js';
import { clearCalendarDay, computeDueDate, getCalendarYear, setCalendarDay } from './calendar.usecases.js';

const tags = ['Calendar'];

/** Public: due dates and the year's holidays. Under /api/v1. */
export async function calendarRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const sessions = app.config.calendarWorkingHours;

  app.get('/calendar/due-date', {
    config: { apiScope: 'procedures:read' },
    schema: {
      tags,
      summary: 'When a time limit runs out, on the working calendar',
      description: 'Counting starts inside working hours: after closing or on a day off it starts at the next opening, during the lunch break at the afternoon session. Holidays, compensatory days and the administrators\' overrides are skipped.',
      querystring: dueDateQuerySchema,
      response: { 200: dueDateResponseSchema, ...problemResponses(400, 422) },
    },
  }, async (request) => computeDueDate({ db: app.db, sessions, from: parseInstant(request.query.from)!, amount: request.query.amount, unit: request.query.unit as TimeUnit }));

  app.get('/calendar/years/:year', {
    config: { apiScope: 'procedures:read' },
    schema: {
      tags,
      summary: 'Holidays, overrides and the number of working days of a year',
      params: yearParamsSchema,
      response: { 200: calendarYearSchema, ...problemResponses(400) },
    },
  }, async (request) => getCalendarYear({ db: app.db, sessions, year: request.params.year }));
}

/** Administrators edit the year's decided days off and make-up Saturdays. Under /api/v1. */
export async function calendarAdminRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.put('/admin/calendar/days/:date', {
    preValidation: app.requireAdministrator,
    schema: {
      tags,
      summary: 'Administrators: make a date a working day or a day off',
      params: dayParamsSchema,
      body: setDayBodySchema,
      response: { 200: overrideResponseSchema, ...problemResponses(400, 401, 403) },
    },
  }, async (request) => setCalendarDay({ db: app.db, date: request.params.date, kind: request.body.kind, note: request.body.note, actorUserId: signedInActor(request).userId, client: { ip: request.ip } }));

  app.delete('/admin/calendar/days/:date', {
    preValidation: app.requireAdministrator,
    schema: {
      tags,
      summary: 'Administrators: remove the override of a date (it follows the rules again)',
      params: dayParamsSchema,
      response: { 204: z.null().meta({ description: 'Removed.' }), ...problemResponses(400, 401, 403, 404) },
    },
  }, async (request, reply) => {
    await clearCalendarDay({ db: app.db, date: request.params.date, actorUserId: signedInActor(request).userId, client: { ip: request.ip } });
    return reply.status(204).send(null);
  });
}
