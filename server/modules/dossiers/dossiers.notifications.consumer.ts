/**
 * Notifications as a consumer of the dossier event stream: what the applicant and officials are
 * told when a dossier changes (in-app and by e-mail). The dossier use cases only write events;
 * this consumer reacts to them, in the transaction that moves its checkpoint. Every message is
 * keyed by its event (dedupe key, mail message id), so a redelivered or replayed event tells
 * nobody twice.
 */
import { eq, inArray } from 'drizzle-orm';
import type { Config } from '../../platform/config/config.js';
import type { DbExecutor } from '../../platform/db/create-database.js';
import type { EventConsumer } from '../../platform/events/index.js';
import { enqueueMail, enqueueMails } from '../../platform/mail/mail.jobs.js';
import type { MailMessage } from '../../platform/mail/mailer.js';
import { proceduresTable } from '../catalog/index.js';
import { workflowOf } from './dossiers.core.js';
import { dossierEventSource, type DossierStreamEvent } from './dossiers.events.js';
import { formatVnDate, formatVnDateTime } from './dossiers.models.js';
import { notifyApplicant, notifyOfficial } from './dossiers.notify.js';
import { stepById } from './dossiers.processing.models.js';
import { createProcessingRepository } from './dossiers.processing.repository.js';
import { createDossiersRepository } from './dossiers.repository.js';
import { dossiersTable, type DossierRow, type DossierStatus } from './dossiers.tables.js';

export const NOTIFICATIONS_CONSUMER = 'dossiers.notifications';

const WORKFLOW_ACTIONS = new Set(['dossier.forward', 'dossier.send_back', 'dossier.coordinate', 'dossier.payment', 'dossier.request_supplement', 'dossier.stop', 'dossier.finish']);

/** The actions `tell` says something about; the others (drafts saved, steps recorded, …) need no read of the dossier. */
const TOLD_ACTIONS = new Set(['dossier.submitted', 'dossier.received', 'dossier.supplement_requested', 'dossier.refused', 'dossier.apology_issued', 'dossier.resubmitted', 'dossier.assigned', ...WORKFLOW_ACTIONS]);

export function createDossierNotificationsConsumer(config: Pick<Config, 'publicUrl'>): EventConsumer<DossierStreamEvent> {
  const handle = async (tx: DbExecutor, event: DossierStreamEvent) => {
    if (!TOLD_ACTIONS.has(event.row.action)) return;
    const dossier = await createDossiersRepository({ db: tx }).getDossierById(event.aggregateId);
    if (!dossier) return; // deleted since (drafts only): nobody to tell
    await tell(tx, config, dossier, event);
  };
  return {
    name: NOTIFICATIONS_CONSUMER,
    source: dossierEventSource,
    handle,
    /**
     * The same effects as `handle` on each event. Submission receipts (most of the stream at peak
     * hours) are written together: their dossiers and procedure names in one read each, their
     * deliveries and mail jobs in one statement each; other events go through `handle`.
     */
    async handleBatch(tx, events) {
      const receipts = events.filter(isReceiptEvent);
      const others = events.filter((e) => !isReceiptEvent(e));
      if (receipts.length > 0) {
        const dossiers = new Map((await tx.select().from(dossiersTable).where(inArray(dossiersTable.id, [...new Set(receipts.map((e) => e.aggregateId))])))
          .map((d) => [d.id, d]));
        const procedureIds = [...new Set([...dossiers.values()].filter((d) => d.applicant.email).map((d) => d.procedureId))];
        const names = new Map(procedureIds.length === 0 ? [] : (await tx.select({ id: proceduresTable.id, name: proceduresTable.name }).from(proceduresTable)
          .where(inArray(proceduresTable.id, procedureIds))).map((p) => [p.id, p.name]));
        const mails = receipts.flatMap((e) => {
          const dossier = dossiers.get(e.aggregateId);
          return dossier?.applicant.email ? [receiptMail(config, dossier, e, names.get(dossier.procedureId) ?? '')] : [];
        });
        await enqueueMails(tx, mails);
      }
      for (const event of others) await handle(tx, event);
    },
  };
}

/** The event of a submission (online, or at once received), which sends the receipt e-mail. */
function isReceiptEvent(event: DossierStreamEvent) {
  const e = event.row;
  return (e.action === 'dossier.submitted' || e.action === 'dossier.received') && (e.fromStatus === 'DRAFT' || e.fromStatus === 'INTAKE');
}

/** The receipt e-mail of a submission; its message id is the dossier's, so it is sent once. */
function receiptMail(config: Pick<Config, 'publicUrl'>, dossier: DossierRow, event: DossierStreamEvent, procedure: string): { message: MailMessage; messageId: string } {
  const code = dossier.code ?? '';
  const appointmentAt = new Date(String((event.row.payload as Record<string, unknown>).appointmentAt));
  return {
    message: {
      to: dossier.applicant.email!,
      subject: `Đã nộp hồ sơ ${code}`,
      text: [
        `Kính gửi ${dossier.applicant.fullName},`,
        '',
        `Hồ sơ "${procedure}" đã được ghi nhận với mã ${code}.`,
        `Ngày hẹn trả kết quả dự kiến: ${formatVnDate(appointmentAt)}.`,
        `Tra cứu tình trạng hồ sơ: ${config.publicUrl}/tra-cuu?code=${encodeURIComponent(code)}`,
      ].join('\n'),
    },
    messageId: `dossier-submitted-${dossier.id}`,
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

  // Submission (online, or at once received): the receipt e-mail.
  if (isReceiptEvent(event)) {
    if (!email) return;
    const { message, messageId } = receiptMail(config, dossier, event, await procedureName(tx, dossier));
    await enqueueMail(tx, message, { messageId });
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
