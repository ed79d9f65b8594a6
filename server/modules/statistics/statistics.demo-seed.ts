/**
 * Demo figures for the public page and the dashboard: generated historical facts (no dossier
 * behind them, `demo = true`, ids `demo-…`) for the current year over every procedure of the
 * seeded catalogue, so that a newcomer's `/cong-khai` shows figures for the five fields. Only
 * with the demo seed (never in production); a rebuild keeps them; deterministic.
 */
import { sql } from 'drizzle-orm';
import { addDays, classifyTimeliness, fromLocal, toLocal } from '../../../common/calendar/index.js';
import { queryRows, type Database } from '../../platform/db/create-database.js';
import { appendDossierEvent, dossiersTable } from '../dossiers/index.js';
import { holdHorizon, overdueFromDate } from './statistics.projection.js';
import { seededRandom } from '../../../common/seeded-random.js';
import { applyContributions } from './statistics.rules.js';
import { statisticsFactsTable, statisticsMarksTable, type FactChannel } from './statistics.tables.js';

export async function seedDemoFacts(db: Database, now = new Date()) {
  const todayDate = toLocal(now).date;
  const year = Number(todayDate.slice(0, 4));
  const [existing] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM statistics_dossier_facts WHERE demo AND dossier_id LIKE ${`demo-${year}-%`}`);
  if (existing!.n > 0) return { facts: 0 };
  const procedures = await queryRows<{ id: string; field_code: string; case_id: string; unit_id: string; online_level: string }>(db, sql`
    SELECT DISTINCT ON (p.id) p.id, p.field_code, c.id AS case_id, s.online_level,
           (SELECT id FROM agencies WHERE NOT external ORDER BY parent_id NULLS FIRST, code LIMIT 1) AS unit_id
      FROM procedures p JOIN procedure_search s ON s.procedure_id = p.id
      JOIN procedure_cases c ON c.version_id = s.version_id
     ORDER BY p.id, c.sort_order`);
  const rnd = seededRandom(year);
  const facts: (typeof statisticsFactsTable.$inferInsert)[] = [];
  const marks: (typeof statisticsMarksTable.$inferInsert)[] = [];
  const startDay = `${year}-01-02`;
  const span = Math.max(1, (Date.parse(todayDate) - Date.parse(startDay)) / 86_400_000);
  let n = 0;
  for (const p of procedures) {
    const online = p.online_level === 'PARTIAL' || p.online_level === 'FULL';
    const count = 3 + Math.floor(rnd() * 22);
    for (let i = 0; i < count; i++) {
      const received = addDays(startDay, Math.floor(rnd() * span));
      const receivedAt = fromLocal(received, 8 * 60 + Math.floor(rnd() * 480));
      const dueAt = fromLocal(addDays(received, 10 + Math.floor(rnd() * 30)), 16 * 60);
      const r = rnd();
      const channel: FactChannel = online && r < 0.7 ? 'ONLINE' : r < 0.9 ? 'COUNTER' : 'POST';
      const endRoll = rnd();
      let resolvedAt: Date | null = null;
      if (endRoll < 0.8) resolvedAt = new Date(receivedAt.getTime() + (dueAt.getTime() - receivedAt.getTime()) * (0.4 + rnd() * 0.75));
      if (resolvedAt && resolvedAt > now) resolvedAt = null;
      const refused = !resolvedAt && endRoll > 0.97;
      const endedAt = resolvedAt ?? (refused ? receivedAt : null);
      const timeliness = resolvedAt ? classifyTimeliness({ dueAt, resolvedAt, at: resolvedAt }) as 'EARLY' | 'ON_TIME' | 'LATE' : null;
      const rated = resolvedAt && rnd() < 0.5;
      const paid = rnd() < 0.4 ? 500_000 + Math.floor(rnd() * 20) * 100_000 : 0;
      const id = `demo-${year}-${String(++n).padStart(5, '0')}`;
      facts.push({
        dossierId: id, code: null, channel, unitId: p.unit_id, receivingUnitId: p.unit_id, fieldCode: p.field_code, procedureId: p.id, caseId: p.case_id,
        procedureOnline: online, filedOn: received, receivedOn: refused ? null : received, dueAt, overdueFrom: refused ? null : overdueFromDate(dueAt),
        outcome: resolvedAt ? 'RESOLVED' : refused ? 'REFUSED' : null, endedOn: endedAt ? toLocal(endedAt).date : null, resolvedAt, timeliness,
        returnedOn: resolvedAt ? toLocal(resolvedAt).date : null, supplementRounds: 0, paymentDays: paid > 0 ? 1 : 0, paymentRequested: paid > 0, paidOnline: paid > 0 && channel === 'ONLINE', feesPaid: paid,
        rating: rated ? 3 + Math.floor(rnd() * 3) : null, ratedOn: rated ? toLocal(resolvedAt!).date : null,
        apologyOn: timeliness === 'LATE' ? toLocal(dueAt).date : null, demo: true, lastPosition: 0,
      });
      if (paid > 0) marks.push({ dossierId: id, seq: 1, kind: 'PAID', startOn: received, endOn: received, amount: paid, online: channel === 'ONLINE' });
    }
  }
  for (let i = 0; i < facts.length; i += 500) await db.insert(statisticsFactsTable).values(facts.slice(i, i + 500)).onConflictDoNothing();
  for (let i = 0; i < marks.length; i += 500) await db.insert(statisticsMarksTable).values(marks.slice(i, i + 500)).onConflictDoNothing();
  await holdHorizon(db);
  await db.execute(applyContributions(sql`f.demo AND f.dossier_id LIKE ${`demo-${year}-%`}`, 1));
  return { facts: facts.length };
}

/**
 * Demo dossiers needing a leader's attention (`npm run cli -- statistics demo-late`, refused in
 * production): filed and received weeks ago in the demo unit, one overdue in process, one due
 * within three days, one resolved late. Their events are real stream events, so the statistics
 * consumer projects them like any other; the applicant is marked as demo data. Idempotent.
 */
export async function seedDemoLateDossiers(db: Database, unitCode: string, now = new Date()) {
  const [unit] = await queryRows<{ id: string }>(db, sql`SELECT id FROM agencies WHERE code = ${unitCode}`);
  if (!unit) throw new Error(`unknown unit ${unitCode}`);
  const [kase] = await queryRows<{ case_id: string; version_id: string; procedure_id: string }>(db, sql`
    SELECT c.id AS case_id, c.version_id, p.id AS procedure_id FROM procedures p
      JOIN procedure_search s ON s.procedure_id = p.id JOIN procedure_cases c ON c.version_id = s.version_id
     ORDER BY (p.code = '1.012601') DESC, p.code, c.sort_order LIMIT 1`);
  const day = 86_400_000;
  const plans = [
    { key: 'QH', receivedDaysAgo: 30, dueDaysAgo: 5, resolvedDaysAgo: null as number | null },
    { key: 'SH', receivedDaysAgo: 12, dueDaysAgo: -2, resolvedDaysAgo: null },
    { key: 'TH', receivedDaysAgo: 40, dueDaysAgo: 15, resolvedDaysAgo: 10 },
  ];
  const created: string[] = [];
  for (const plan of plans) {
    const id = `dos_demo_late_${plan.key.toLowerCase()}`;
    const [exists] = await queryRows<{ id: string }>(db, sql`SELECT id FROM dossiers WHERE id = ${id}`);
    if (exists) continue;
    const receivedAt = new Date(now.getTime() - plan.receivedDaysAgo * day);
    const dueAt = new Date(now.getTime() - plan.dueDaysAgo * day);
    const resolvedAt = plan.resolvedDaysAgo === null ? null : new Date(now.getTime() - plan.resolvedDaysAgo * day);
    const code = `${unitCode}-${toLocal(receivedAt).date.slice(2).replaceAll('-', '')}-9${plan.key === 'QH' ? '01' : plan.key === 'SH' ? '02' : '03'}`;
    await db.transaction(async (tx) => {
      await tx.insert(dossiersTable).values({
        id, code, procedureId: kase!.procedure_id, versionId: kase!.version_id, caseId: kase!.case_id,
        applicant: { fullName: 'Công ty minh họa (dữ liệu mẫu)' }, channel: 'ONLINE', status: resolvedAt ? 'RESULT_READY' : 'IN_PROGRESS',
        receivingUnitId: unit.id, processingUnitId: unit.id, submittedAt: receivedAt, receivedAt, appointmentAt: dueAt, dueAt, resolvedAt,
      });
      const event = (action: string, fromStatus: 'SUBMITTED' | 'RECEIVED' | 'IN_PROGRESS' | null, toStatus: 'SUBMITTED' | 'RECEIVED' | 'IN_PROGRESS' | 'RESULT_READY', at: Date, payload: Record<string, unknown> = {}) =>
        appendDossierEvent(tx, { dossierId: id, action, actorUserId: null, actorRole: 'SYSTEM', fromStatus, toStatus, at, payload });
      await event('dossier.submitted', null, 'SUBMITTED', new Date(receivedAt.getTime() - 3_600_000), { code, channel: 'ONLINE', appointmentAt: dueAt.toISOString() });
      await event('dossier.received', 'SUBMITTED', 'RECEIVED', receivedAt, { appointmentAt: dueAt.toISOString() });
      await event('dossier.forward', 'RECEIVED', 'IN_PROGRESS', new Date(receivedAt.getTime() + 3_600_000), { workflowAction: 'forward', label: 'Chuyển xử lý' });
      if (resolvedAt) await event('dossier.forward', 'IN_PROGRESS', 'RESULT_READY', resolvedAt, { workflowAction: 'forward', label: 'Hoàn thành' });
    });
    created.push(code);
  }
  return { created };
}
