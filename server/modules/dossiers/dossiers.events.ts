/**
 * The dossier event stream: a published contract (docs/events.md). Every state change of a
 * dossier writes one `dossier_events` row in its transaction, with a stable `type`, a
 * monotonic `position`, the actor, the national status before and after, the unit, the time,
 * an `audience` and a versioned payload. Other systems and the consumers
 * (server/platform/events) read these rows; nobody is called from the use cases.
 *
 * Types and payloads are declared here once, with Zod, and exported in the OpenAPI document
 * (components `DossierEvent`, `DossierEventType`, `DossierEventAudience`).
 */
import { and, asc, count, eq, gt, or, sql, type Placeholder, type SQL } from 'drizzle-orm';
import { queryRows } from '../../platform/db/create-database.js';
import { z } from 'zod';
import { EVENT_PARTITIONS, type EventSource, type StreamEvent } from '../../platform/events/index.js';
import { toNationalStatus } from './dossiers.models.js';
import { dossierEventsTable, type DossierEventRow, type DossierStatus } from './dossiers.tables.js';

export const dossierEventTypes = [
  'dossier.created',
  'dossier.intake_started',
  'dossier.submitted',
  'dossier.received',
  'dossier.supplement_requested',
  'dossier.supplement_answered',
  'dossier.refused',
  'dossier.withdrawn',
  'dossier.claimed',
  'dossier.assigned',
  'dossier.step_completed',
  'dossier.payment_requested',
  'dossier.paid',
  'dossier.stopped',
  'dossier.apology_issued',
  'dossier.result_drafted',
  'dossier.result_signed',
  'dossier.result_issued',
  'dossier.result_shipped',
  'dossier.returned',
  'dossier.rated',
  'dossier.attachment_infected',
  'dossier.personal_data_purged',
] as const;
export type DossierEventType = (typeof dossierEventTypes)[number];

/**
 * Who an event is for. APPLICANT events are shown to the applicant (timeline, GET …/events);
 * OFFICIALS events (claims, assignments, drafts, internal workflow moves) only to officials.
 * Officials' workflow comments are never addressed to the applicant: they are kept in
 * `internal_note`, which only officials read, whatever the audience.
 */
export const eventAudiences = ['APPLICANT', 'OFFICIALS'] as const;
export type EventAudience = (typeof eventAudiences)[number];

/** The payload version each type is written with now; bump it with a new payload schema. */
export const CURRENT_PAYLOAD_VERSION = 1;

const isoInstant = z.string().describe('ISO 8601 instant');
const paymentItem = z.object({ code: z.string(), kind: z.enum(['PHI', 'LE_PHI', 'OTHER']), name: z.string(), amount: z.number().int() });
const workflowMove = {
  workflowAction: z.string().describe('The workflow action taken (seed/workflows)'),
  label: z.string().optional(),
  fromStep: z.string().nullable().optional(),
  toStep: z.string().nullable().optional(),
  assigneeId: z.string().nullable().optional(),
};


/** Payload of each type, version 1. Extra fields may be added within a version; none is removed. */
export const dossierEventPayloads = {
  'dossier.created': z.looseObject({}),
  'dossier.intake_started': z.looseObject({ channel: z.string().optional(), linkedAccount: z.boolean().optional() }),
  'dossier.submitted': z.looseObject({ code: z.string(), channel: z.string(), procedureVersionNo: z.number().optional(), appointmentAt: isoInstant, declaration: z.string().optional() }),
  'dossier.received': z.looseObject({ code: z.string().optional(), appointmentAt: isoInstant.optional() }),
  'dossier.supplement_requested': z.looseObject({ round: z.number().int().optional(), components: z.array(z.string()).optional(), fields: z.array(z.string()).optional(), ...workflowMove, workflowAction: z.string().optional() }),
  'dossier.supplement_answered': z.looseObject({ round: z.number().int(), pausedWorkingMinutes: z.number().optional() }),
  'dossier.refused': z.looseObject({ reasons: z.array(z.string()) }),
  'dossier.withdrawn': z.looseObject({}),
  'dossier.claimed': z.looseObject({ stepId: z.string().nullable().optional() }),
  'dossier.assigned': z.looseObject({ stepId: z.string().nullable().optional(), assigneeId: z.string(), previousAssigneeId: z.string().nullable().optional() }),
  'dossier.step_completed': z.looseObject(workflowMove),
  'dossier.payment_requested': z.looseObject({
    paymentId: z.string(),
    stage: z.enum(['FILING', 'AFTER_APPRAISAL']),
    amount: z.number().int().describe('Integer VND'),
    currency: z.literal('VND'),
    items: z.array(paymentItem),
    held: z.boolean().optional().describe('The dossier waits in AWAITING_PAYMENT until paid'),
  }).describe('Fees to pay: at filing (the submitted dossier waits unless the case lets the applicant pay later) or after appraisal (the clock stops).'),
  'dossier.paid': z.looseObject({
    paymentId: z.string(),
    stage: z.enum(['FILING', 'AFTER_APPRAISAL']).optional(),
    amount: z.number().int().describe('Integer VND'),
    currency: z.literal('VND'),
    items: z.array(paymentItem),
    provider: z.enum(['national', 'vnpay', 'bank_transfer']),
    providerTransactionId: z.string(),
    reference: z.string(),
    paidAt: isoInstant,
    pausedWorkingMinutes: z.number().optional().describe('After appraisal: the working time the clock was stopped; the deadlines moved by it'),
  }).describe('A payment request was paid, with proof from the provider (checksum, amount, reference).'),
  'dossier.stopped': z.looseObject(workflowMove),
  'dossier.apology_issued': z.looseObject({ documentId: z.string(), previousAppointmentAt: isoInstant.nullable(), newAppointmentAt: isoInstant }),
  'dossier.result_drafted': z.looseObject({ documentId: z.string() }),
  'dossier.result_signed': z.looseObject({ ...workflowMove, documentId: z.string(), signedSha256: z.string(), signer: z.string().optional() }),
  'dossier.result_issued': z.looseObject({ ...workflowMove, documentId: z.string(), number: z.string().optional(), issuedSha256: z.string() }),
  'dossier.result_shipped': z.looseObject({ carrier: z.string(), trackingNumber: z.string() }),
  'dossier.returned': z.looseObject({ method: z.string().optional(), trackingNumber: z.string().optional(), deliveredAt: isoInstant.optional(), ...workflowMove, workflowAction: z.string().optional() }),
  'dossier.rated': z.looseObject({ score: z.number().int() }),
  'dossier.attachment_infected': z.looseObject({ attachmentId: z.string(), componentId: z.string().optional(), signature: z.string().nullable().optional() }),
  'dossier.personal_data_purged': z.looseObject({
    rule: z.enum(['WITHDRAWN', 'REFUSED', 'STOPPED']).describe('The retention rule applied (RETENTION_*_DAYS)'),
    retentionDays: z.number().int(),
    filesRemoved: z.number().int().describe('Attachments deleted from storage'),
  }).describe('The retention purge removed the personal data of a closed dossier (ADR 0022); code, procedure, units, dates, statuses and issued documents stay.'),
} as const satisfies Record<DossierEventType, z.ZodType>;

export const dossierEventTypeSchema = z.enum(dossierEventTypes).meta({ id: 'DossierEventType', description: 'Stable type of a dossier event (docs/events.md).' });
export const eventAudienceSchema = z.enum(eventAudiences).meta({ id: 'DossierEventAudience' });

/** One event as other systems receive it. */
export const dossierEventSchema = z.object({
  id: z.string(),
  position: z.number().int().describe('Monotonic over the whole stream; a consumer resumes after the last position it processed.'),
  partition: z.number().int().min(0).max(EVENT_PARTITIONS - 1).describe('Hash of the dossier id: the events of one dossier are in one partition, in position order.'),
  type: dossierEventTypeSchema,
  dossierId: z.string(),
  occurredAt: isoInstant,
  actor: z.object({ userId: z.string().nullable(), role: z.string().nullable().describe('APPLICANT, SYSTEM or the official role used'), unitId: z.string().nullable() }),
  unitId: z.string().nullable().describe('The unit holding the dossier (receiving unit until processing starts)'),
  nationalStatusBefore: z.number().int().min(1).max(10).nullable(),
  nationalStatusAfter: z.number().int().min(1).max(10).nullable(),
  audience: eventAudienceSchema,
  payloadVersion: z.number().int(),
  payload: z.record(z.string(), z.unknown()).describe('Shape per type: DossierEventPayloads'),
}).meta({ id: 'DossierEvent', description: 'A dossier domain event (docs/events.md).' });

export const dossierEventPayloadsSchema = z.object(
  Object.fromEntries(dossierEventTypes.map((t) => [t, dossierEventPayloads[t].optional()])) as unknown as Record<DossierEventType, z.ZodOptional<z.ZodType>>,
).meta({ id: 'DossierEventPayloads', description: 'The payload of each event type, version 1 (one property per type).' });

/** The stream's partition of a dossier, computed by the database so every writer agrees (the id may be a prepared statement's placeholder). */
export function partitionOf(dossierId: string | Placeholder): SQL {
  return sql`((hashtext(${dossierId}) & 2147483647) % ${EVENT_PARTITIONS})::smallint`;
}

export interface EventClassification {
  type: DossierEventType;
  audience: EventAudience;
  nationalStatusBefore: number | null;
  nationalStatusAfter: number | null;
}

const OFFICIALS_ONLY: ReadonlySet<DossierEventType> = new Set(['dossier.claimed', 'dossier.assigned', 'dossier.result_drafted', 'dossier.personal_data_purged']);

/**
 * The contract type and audience of an event from what the use case recorded: its action
 * (workflow actions are `dossier.{kind}` with the kind of common/workflows), statuses and
 * payload. Workflow moves the applicant does not see a change of status for are OFFICIALS.
 */
export function classifyEvent(e: { action: string; fromStatus: DossierStatus | null; toStatus: DossierStatus; payload?: Record<string, unknown> }): EventClassification {
  const before = e.fromStatus ? toNationalStatus(e.fromStatus) : null;
  const after = toNationalStatus(e.toStatus);
  const type = typeOf(e.action, e.payload ?? {});
  const workflowMove = type === 'dossier.step_completed' || type === 'dossier.result_signed' || type === 'dossier.result_issued';
  const audience: EventAudience = OFFICIALS_ONLY.has(type) || (workflowMove && before === after) ? 'OFFICIALS' : 'APPLICANT';
  return { type, audience, nationalStatusBefore: before, nationalStatusAfter: after };
}

function typeOf(action: string, payload: Record<string, unknown>): DossierEventType {
  switch (action) {
    case 'dossier.resubmitted': return 'dossier.supplement_answered';
    case 'dossier.result_downloaded': return 'dossier.returned';
    case 'dossier.result_delivered': return 'dossier.returned';
    case 'dossier.request_supplement': return 'dossier.supplement_requested';
    case 'dossier.stop': return 'dossier.stopped';
    case 'dossier.finish': return 'dossier.returned';
    case 'dossier.forward':
    case 'dossier.send_back':
    case 'dossier.coordinate':
    case 'dossier.payment':
      if (typeof payload.issuedSha256 === 'string') return 'dossier.result_issued';
      if (typeof payload.signedSha256 === 'string') return 'dossier.result_signed';
      return 'dossier.step_completed';
  }
  if ((dossierEventTypes as readonly string[]).includes(action)) return action as DossierEventType;
  throw new Error(`dossier event action without a contract type: ${action}`);
}

/** The published shape of a stored row. */
export function presentStreamEvent(row: {
  id: string; position: number; partition: number; type: string; dossierId: string; at: Date;
  actorUserId: string | null; actorRole: string | null; actorUnitId: string | null; unitId: string | null;
  nationalStatusBefore: number | null; nationalStatusAfter: number | null; audience: string; payloadVersion: number; payload: Record<string, unknown>;
}): z.infer<typeof dossierEventSchema> {
  return {
    id: row.id,
    position: Number(row.position),
    partition: row.partition,
    type: row.type as DossierEventType,
    dossierId: row.dossierId,
    occurredAt: row.at.toISOString(),
    actor: { userId: row.actorUserId, role: row.actorRole, unitId: row.actorUnitId },
    unitId: row.unitId,
    nationalStatusBefore: row.nationalStatusBefore,
    nationalStatusAfter: row.nationalStatusAfter,
    audience: row.audience as EventAudience,
    payloadVersion: row.payloadVersion,
    payload: row.payload,
  };
}

/** A dossier event as the dossiers module's own consumers read it: the stream fields and the row. */
export interface DossierStreamEvent extends StreamEvent {
  row: DossierEventRow;
}

const toStreamEvent = (r: DossierEventRow): DossierStreamEvent => ({
  id: r.id,
  position: Number(r.position),
  partition: r.partition,
  aggregateId: r.dossierId,
  type: r.type,
  payloadVersion: r.payloadVersion,
  payload: r.payload,
  occurredAt: r.at,
  row: r,
});

/** The dossier event stream as consumers read it. */
export const dossierEventSource: EventSource<DossierStreamEvent> = {
  name: 'dossier_events',
  async read(db, partition, afterPosition, limit): Promise<DossierStreamEvent[]> {
    const t = dossierEventsTable;
    const rows = await db.select().from(t).where(and(eq(t.partition, partition), gt(t.position, afterPosition))).orderBy(asc(t.position)).limit(limit);
    return rows.map(toStreamEvent);
  },
  async readMany(db, positions, limit): Promise<DossierStreamEvent[]> {
    if (positions.length === 0) return [];
    const t = dossierEventsTable;
    const rows = await db.select().from(t)
      .where(or(...positions.map((p) => and(eq(t.partition, p.partition), gt(t.position, p.position)))))
      .orderBy(asc(t.position)).limit(limit);
    return rows.map(toStreamEvent);
  },
  async heads(db) {
    // One backward step on the (partition, position) index per partition, rather than a GROUP BY
    // over every event: the consumer runner asks this before each pass.
    const rows = await queryRows<{ partition: number; head: string | number | null }>(db, sql`
      SELECT p.partition, (SELECT e.position FROM ${dossierEventsTable} e WHERE e.partition = p.partition ORDER BY e.position DESC LIMIT 1) AS head
      FROM generate_series(0, ${EVENT_PARTITIONS - 1}) AS p(partition)`);
    return new Map(rows.filter((r) => r.head !== null).map((r) => [Number(r.partition), Number(r.head)]));
  },
  async countAfter(db, positions) {
    if (positions.length === 0) return 0;
    const t = dossierEventsTable;
    const [row] = await db.select({ n: count() }).from(t).where(or(...positions.map((p) => and(eq(t.partition, p.partition), gt(t.position, p.position)))));
    return row?.n ?? 0;
  },
};
