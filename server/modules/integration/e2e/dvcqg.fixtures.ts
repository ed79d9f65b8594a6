/**
 * Shared set-up of the national portal tests: the simulator as a child process on a free
 * loopback port, and dossiers moved through their lifecycles by writing their changes and events
 * the way the dossier use cases do (the dossiers repository's insertEvent, one transaction each).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import type { Database } from '../../../platform/db/create-database.js';
import { createId } from '../../../platform/db/ids.js';
import { procedureCasesTable, procedureVersionsTable } from '../../catalog/catalog.tables.js';
import { createDossiersRepository } from '../../dossiers/dossiers.repository.js';
import { dossiersTable, type DossierRow, type DossierStatus } from '../../dossiers/dossiers.tables.js';
import { createIdentityRepository } from '../../identity/identity.repository.js';
import { DEMO_UNIT_CODE } from '../../identity/identity.seed.js';

const root = path.resolve(import.meta.dirname, '../../../..');

export interface Simulator {
  url: string;
  baseUrl: string;
  child: ChildProcess;
  faults(body: Record<string, unknown>): Promise<void>;
  dossier(code: string): Promise<{ dossier: Record<string, string>; history: Record<string, string>[]; duplicates: number; files: { url: string; status: number | null; sha256: string | null }[] } | null>;
  stats(): Promise<Record<string, number>>;
  stop(): Promise<void>;
}

/** `npm run sim:dvcqg -- --port 0` as a child process; resolves once it listens. */
export async function startSimulator(args: string[] = []): Promise<Simulator> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'simulators/dvcqg/server.ts'), '--port', '0', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('simulator did not start')), 30_000);
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.on('exit', (code) => reject(new Error(`simulator exited with ${code}`)));
  });
  const json = async (res: Response) => (res.ok ? res.json() : null);
  // The control calls are idempotent: once more when a kept-alive connection closed under the request.
  const fetch = async (input: string, init?: RequestInit) => {
    try {
      return await globalThis.fetch(input, init);
    } catch {
      return globalThis.fetch(input, init);
    }
  };
  return {
    url,
    baseUrl: `${url}/XrdAdapter/RestService/forward`,
    child,
    async faults(body) {
      const res = await fetch(`${url}/_sim/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      if (!res.ok) throw new Error(`faults: ${res.status}`);
    },
    dossier: async (code) => json(await fetch(`${url}/_sim/dossiers/${encodeURIComponent(code)}`)),
    stats: async () => json(await fetch(`${url}/_sim/stats`)),
    async stop() {
      if (child.exitCode !== null) return;
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
    },
  };
}

/** A submitted dossier of the demo citizen (status SUBMITTED, event dossier.submitted). */
export async function fileDossier(db: Database, { code, at, applicant }: { code: string; at: Date; applicant?: Partial<DossierRow['applicant']> }) {
  const identity = createIdentityRepository({ db });
  const citizen = await identity.getUserByEmail('citizen@demo.opendvc.vn');
  const unit = await identity.getAgencyByCode(DEMO_UNIT_CODE);
  const [kase] = await db.select({ id: procedureCasesTable.id, versionId: procedureCasesTable.versionId, procedureId: procedureVersionsTable.procedureId })
    .from(procedureCasesTable).innerJoin(procedureVersionsTable, eq(procedureVersionsTable.id, procedureCasesTable.versionId)).limit(1);
  const id = createId('dos');
  await db.transaction(async (tx) => {
    await tx.insert(dossiersTable).values({
      id, procedureId: kase!.procedureId, versionId: kase!.versionId, caseId: kase!.id, applicantUserId: citizen!.id,
      applicant: { fullName: citizen!.fullName, personalIdNumber: '001090012345', email: 'citizen@demo.opendvc.vn', phone: '0912345678', ...applicant },
      channel: 'ONLINE', status: 'SUBMITTED', receivingUnitId: unit!.id, answers: {}, code, submittedAt: at,
    });
    await createDossiersRepository({ db: tx }).insertEvent({
      dossierId: id, action: 'dossier.submitted', actorUserId: citizen!.id, actorRole: 'APPLICANT', at, fromStatus: 'DRAFT', toStatus: 'SUBMITTED',
      payload: { code, channel: 'ONLINE', appointmentAt: new Date(at.getTime() + 10 * 86400_000).toISOString() },
    });
  });
  return id;
}

export interface Move {
  action: string;
  to: DossierStatus;
  set?: (at: Date) => Partial<typeof dossiersTable.$inferInsert>;
  reason?: string;
  payload?: Record<string, unknown>;
}

/** Every move the lifecycles use: the dossier's new columns and the event, as the use cases write them. */
export const moves = {
  receive: { action: 'dossier.received', to: 'RECEIVED', set: (at) => ({ receivedAt: at, appointmentAt: new Date(at.getTime() + 10 * 86400_000), dueAt: new Date(at.getTime() + 10 * 86400_000) }) },
  start: { action: 'dossier.forward', to: 'IN_PROGRESS', payload: { workflowAction: 'forward', label: 'Chuyển chuyên viên thẩm định', fromStep: 'TIEP_NHAN', toStep: 'THAM_DINH' } },
  appraise: { action: 'dossier.forward', to: 'IN_PROGRESS', payload: { workflowAction: 'forward', label: 'Trình lãnh đạo', fromStep: 'THAM_DINH', toStep: 'PHE_DUYET' } },
  askSupplement: { action: 'dossier.request_supplement', to: 'SUPPLEMENT_REQUESTED', reason: 'Thiếu bản sao giấy phép kinh doanh', payload: { round: 1 } },
  answerSupplement: { action: 'dossier.resubmitted', to: 'IN_PROGRESS', payload: { round: 1, pausedWorkingMinutes: 240 } },
  askPayment: { action: 'dossier.payment_requested', to: 'AWAITING_PAYMENT', payload: { amount: 500000, currency: 'VND' } },
  pay: { action: 'dossier.paid', to: 'IN_PROGRESS', payload: { amount: 500000, currency: 'VND' } },
  holdForFilingFee: { action: 'dossier.payment_requested', to: 'AWAITING_PAYMENT', payload: { amount: 300000, currency: 'VND', stage: 'FILING', held: true } },
  payFilingFee: { action: 'dossier.paid', to: 'SUBMITTED', payload: { amount: 300000, currency: 'VND', stage: 'FILING' } },
  issue: { action: 'dossier.forward', to: 'RESULT_READY', set: (at) => ({ resolvedAt: at }), payload: { workflowAction: 'forward', label: 'Ban hành', documentId: 'doc_x', issuedSha256: 'ab'.repeat(32) } },
  giveBack: { action: 'dossier.finish', to: 'RESULT_RETURNED', set: (at) => ({ returnedAt: at, returnMethod: 'COUNTER' }), payload: { workflowAction: 'finish', method: 'COUNTER' } },
  refuse: { action: 'dossier.refused', to: 'REFUSED', reason: 'Hồ sơ không thuộc thẩm quyền giải quyết', payload: { reasons: ['Hồ sơ không thuộc thẩm quyền giải quyết'] } },
  withdraw: { action: 'dossier.withdrawn', to: 'WITHDRAWN', reason: 'Tôi nộp nhầm thủ tục' },
  stop: { action: 'dossier.stop', to: 'STOPPED', set: (at) => ({ resolvedAt: at }), reason: 'Người nộp không bổ sung đúng hạn', payload: { workflowAction: 'stop' } },
} satisfies Record<string, Move>;

/** The lifecycles the dossiers follow (index i takes lifecycles[i % length]). */
export const lifecycles: Move[][] = [
  [moves.receive, moves.start, moves.appraise, moves.issue, moves.giveBack],
  [moves.receive, moves.start, moves.askSupplement, moves.answerSupplement, moves.appraise, moves.issue, moves.giveBack],
  [moves.receive, moves.start, moves.askPayment, moves.pay, moves.appraise, moves.issue, moves.giveBack],
  [moves.refuse],
  [moves.receive, moves.start, moves.stop],
  [moves.withdraw],
  [moves.receive, moves.start, moves.askSupplement, moves.answerSupplement, moves.askPayment, moves.pay, moves.appraise, moves.appraise, moves.appraise, moves.appraise, moves.issue, moves.giveBack],
];

/** One move of a dossier, in one transaction: its columns, then its event. */
export async function moveDossier(db: Database, dossierId: string, move: Move, at: Date, actors: { official: string; citizen: string }) {
  const byApplicant = move.action === 'dossier.withdrawn' || move.action === 'dossier.resubmitted' || move.action === 'dossier.paid';
  await db.transaction(async (tx) => {
    const [d] = await tx.select({ status: dossiersTable.status }).from(dossiersTable).where(eq(dossiersTable.id, dossierId)).for('update');
    await tx.update(dossiersTable).set({ status: move.to, ...(move.set?.(at) ?? {}), updatedAt: at }).where(eq(dossiersTable.id, dossierId));
    await createDossiersRepository({ db: tx }).insertEvent({
      dossierId, action: move.action, actorUserId: byApplicant ? actors.citizen : actors.official, actorRole: byApplicant ? 'APPLICANT' : 'SPECIALIST',
      at, fromStatus: d!.status, toStatus: move.to, reason: move.reason ?? null, payload: move.payload ?? {},
    });
  });
}
