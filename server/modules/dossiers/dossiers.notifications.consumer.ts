/**
 * Notifications as a consumer of the dossier event stream: what the applicant and officials are
 * told when a dossier changes (in-app and by e-mail). The dossier use cases only write events;
 * this consumer reacts to them, in the transaction that moves its checkpoint. Every message is
 * keyed by its event (dedupe key, mail message id), so a redelivered or replayed event tells
 * nobody twice.
 */
import { eq } from 'drizzle-orm';
import type { Config } from '../../platform/config/config.js';
import type { DbExecutor } from '../../platform/db/create-database.js';
import type { EventConsumer } from '../../platform/events/index.js';
import { enqueueMail } from '../../platform/mail/mail.jobs.js';
import { proceduresTable } from '../catalog/index.js';
import { workflowOf } from './dossiers.core.js';
import { dossierEventSource, type DossierStreamEvent } from './dossiers.events.js';
import { formatVnDate, formatVnDateTime } from './dossiers.models.js';
import { notifyApplicant, notifyOfficial } from './dossiers.notify.js';
import { stepById } from './dossiers.processing.models.js';
import { createProcessingRepository } from './dossiers.processing.repository.js';
import { createDossiersRepository } from './dossiers.repository.js';
import type { DossierRow, DossierStatus } from './dossiers.tables.js';

export const NOTIFICATIONS_CONSUMER = 'dossiers.notifications';

const WORKFLOW_ACTIONS = new Set(['dossier.forward', 'dossier.send_back', 'dossier.coordinate', 'dossier.payment', 'dossier.request_supplement', 'dossier.stop', 'dossier.finish']);

export function createDossierNotificationsConsumer(config: Pick<Config, 'publicUrl'>): EventConsumer<DossierStreamEvent> {
  return {
    name: NOTIFICATIONS_CONSUMER,
    source: dossierEventSource,
    async handle(tx, event) {
      const dossier = await createDossiersRepository({ db: tx }).getDossierById(event.aggregateId);
      if (!dossier) return; // deleted since (drafts only): nobody to tell
      await tell(tx, config, dossier, event);
    },
  };
}

async function procedureName(tx: DbExecutor, dossier: DossierRow) {
  const [row] = await tx.select({ name: proceduresTable.name }).from(proceduresTable).where(eq(proceduresTable.id, dossier.procedureId));
  return row?.name ?? '';
}

async function tell(tx: DbExecutor, config: Pick<Config, 'publicUrl'>, dossier: DossierRow, event: DossierStreamEvent) {
  const e = event.row;
  const payload = e.payload as Record<string, unknown>;
  const code = dossier.code ?? '';
  const email = dossier.applicant.email;
  const submission = e.fromStatus === 'DRAFT' || e.fromStatus === 'INTAKE';

  // Submission (online, or at once received): the receipt e-mail.
  if ((e.action === 'dossier.submitted' || e.action === 'dossier.received') && submission) {
    if (!email) return;
    const appointmentAt = new Date(String(payload.appointmentAt));
    await enqueueMail(tx, {
      to: email,
      subject: `Đã nộp hồ sơ ${code}`,
      text: [
        `Kính gửi ${dossier.applicant.fullName},`,
        '',
        `Hồ sơ "${await procedureName(tx, dossier)}" đã được ghi nhận với mã ${code}.`,
        `Ngày hẹn trả kết quả dự kiến: ${formatVnDate(appointmentAt)}.`,
        `Tra cứu tình trạng hồ sơ: ${config.publicUrl}/tra-cuu?code=${encodeURIComponent(code)}`,
      ].join('\n'),
    }, { messageId: `dossier-submitted-${dossier.id}` });
    return;
  }
  if (e.action === 'dossier.received') {
    if (!email) return;
    await enqueueMail(tx, {
      to: email,
      subject: `Hồ sơ ${code} đã được tiếp nhận`,
      text: `Hồ sơ ${code} (${await procedureName(tx, dossier)}) đã được tiếp nhận. Ngày hẹn trả kết quả: ${formatVnDate(new Date(String(payload.appointmentAt)))}. Giấy tiếp nhận và hẹn trả kết quả có trong mục "Hồ sơ của tôi".`,
    }, { messageId: `dossier-received-${dossier.id}-${e.id}` });
    return;
  }
  if (e.action === 'dossier.supplement_requested') {
    if (!email) return;
    await enqueueMail(tx, {
      to: email,
      subject: `Hồ sơ ${code} cần bổ sung`,
      text: `Hồ sơ ${code} (${await procedureName(tx, dossier)}) cần được bổ sung, hoàn thiện.\n\nLý do: ${e.reason ?? ''}\n\nVui lòng mở mục "Hồ sơ của tôi" để xem phiếu yêu cầu và bổ sung.`,
    }, { messageId: `dossier-supplement-${dossier.id}-${String(payload.round)}` });
    return;
  }
  if (e.action === 'dossier.refused') {
    if (!email) return;
    const reasons = Array.isArray(payload.reasons) ? (payload.reasons as string[]) : [e.reason ?? ''];
    await enqueueMail(tx, {
      to: email,
      subject: `Hồ sơ ${code} không được tiếp nhận`,
      text: `Hồ sơ ${code} không được tiếp nhận giải quyết vì:\n${reasons.map((r) => `- ${r}`).join('\n')}`,
    }, { messageId: `dossier-refused-${dossier.id}` });
    return;
  }
  if (e.action === 'dossier.apology_issued') {
    const reason = e.reason ?? '';
    await notifyApplicant(tx, dossier, {
      kind: 'dossier.apology',
      title: `Xin lỗi về việc chậm trả kết quả hồ sơ ${code}`,
      body: `Cơ quan giải quyết xin lỗi Ông/Bà vì hồ sơ ${code} chưa thể trả kết quả đúng hẹn.\n\nLý do: ${reason}\n\nNgày hẹn trả kết quả mới: ${formatVnDate(new Date(String(payload.newAppointmentAt)))}.\nPhiếu xin lỗi và hẹn lại ngày trả kết quả có trong mục "Hồ sơ của tôi".`,
      dedupeKey: `dossier.apology:${String(payload.documentId)}`,
    }, config);
    return;
  }
  // The supplement is in during processing: the official who asked gets the dossier back.
  if (e.action === 'dossier.resubmitted' && payload.pausedWorkingMinutes !== undefined && dossier.assigneeUserId) {
    const assignee = await createProcessingRepository({ db: tx }).getUser(dossier.assigneeUserId);
    if (!assignee) return;
    await notifyOfficial(tx, assignee, dossier.id, {
      kind: 'dossier.supplement_answered',
      title: `Hồ sơ ${code} đã được bổ sung`,
      body: `Người nộp đã bổ sung hồ sơ ${code} (lần ${String(payload.round)}); hồ sơ trở lại hộp xử lý của bạn.`,
      dedupeKey: `dossier.supplement_answered:${dossier.id}:${String(payload.round)}`,
    }, config);
    return;
  }
  if (e.action === 'dossier.assigned' || WORKFLOW_ACTIONS.has(e.action)) {
    const assigneeId = typeof payload.assigneeId === 'string' ? payload.assigneeId : null;
    const stepId = (e.action === 'dossier.assigned' ? payload.stepId : payload.toStep) as string | null | undefined;
    if (assigneeId && assigneeId !== e.actorUserId) await tellAssignee(tx, config, dossier, assigneeId, stepId ?? null, e.id);
    if (e.action !== 'dossier.assigned') await tellApplicant(tx, config, dossier, e.toStatus as DossierStatus, e.fromStatus as DossierStatus, e.reason, e.id);
  }
}

async function tellAssignee(tx: DbExecutor, config: Pick<Config, 'publicUrl'>, dossier: DossierRow, assigneeId: string, stepId: string | null, eventId: string) {
  const assignee = await createProcessingRepository({ db: tx }).getUser(assigneeId);
  if (!assignee) return;
  const step = stepId ? stepById(await workflowOf(tx, dossier), stepId) : undefined;
  const stepName = step?.name ?? stepId ?? '';
  await notifyOfficial(tx, assignee, dossier.id, {
    kind: 'dossier.assigned',
    title: `Hồ sơ ${dossier.code} được giao cho bạn: ${stepName}`,
    body: `Bạn được giao xử lý bước "${stepName}" của hồ sơ ${dossier.code}.${dossier.stepDueAt ? ` Hạn xử lý bước: ${formatVnDateTime(dossier.stepDueAt)}.` : ''}${dossier.dueAt ? ` Hạn trả kết quả: ${formatVnDateTime(dossier.dueAt)}.` : ''}`,
    dedupeKey: `dossier.assigned:${dossier.id}:${eventId}`,
  }, config);
}

/** The applicant hears of what they must know: supplement, stop, result ready, result returned. */
async function tellApplicant(tx: DbExecutor, config: Pick<Config, 'publicUrl'>, dossier: DossierRow, to: DossierStatus, from: DossierStatus, reason: string | null, eventId: string) {
  if (to === from) return;
  const code = dossier.code ?? '';
  const messages: Partial<Record<DossierStatus, { title: string; body: string }>> = {
    SUPPLEMENT_REQUESTED: {
      title: `Hồ sơ ${code} cần bổ sung`,
      body: `Hồ sơ ${code} cần được bổ sung, hoàn thiện để tiếp tục giải quyết.\n\nLý do: ${reason ?? ''}\n\nThời gian chờ bổ sung không tính vào thời hạn giải quyết. Vui lòng mở mục "Hồ sơ của tôi" để xem phiếu yêu cầu và bổ sung.`,
    },
    STOPPED: { title: `Hồ sơ ${code} đã dừng xử lý`, body: `Hồ sơ ${code} đã dừng xử lý.\n\nLý do: ${reason ?? ''}` },
    RESULT_READY: {
      title: `Hồ sơ ${code} đã có kết quả`,
      body: `Hồ sơ ${code} đã được giải quyết xong. Ông/Bà có thể nhận kết quả tại Bộ phận Một cửa, hoặc tải về trong mục "Hồ sơ của tôi" nếu thủ tục cho phép nhận kết quả điện tử.`,
    },
    RESULT_RETURNED: { title: `Hồ sơ ${code} đã trả kết quả`, body: `Kết quả của hồ sơ ${code} đã được trao. Mời Ông/Bà đánh giá mức độ hài lòng trong mục "Hồ sơ của tôi".` },
  };
  const message = messages[to];
  if (!message) return;
  await notifyApplicant(tx, dossier, { kind: `dossier.${to.toLowerCase()}`, ...message, dedupeKey: `dossier.status:${dossier.id}:${eventId}` }, config);
}
