/**
 * Assembles the data of the one-stop documents from a dossier and renders them: 01 receipt and
 * appointment slip, 02 supplement request, 03 refusal. The renderers are pure (documents/).
 */
import { feeAmount } from '../../../common/payments/fees.js';
import { and, desc, eq, inArray } from 'drizzle-orm';
import { answerLines, fieldLabel, renderAnswers, type JsonSchema } from '../../../common/forms/index.js';
import type { DbExecutor } from '../../platform/db/create-database.js';
import type { SignedInActor } from '../identity/index.js';
import { usersTable } from '../identity/index.js';
import { loadDossierFor } from './dossiers.access.js';
import { renderReceiptSlip, renderRefusal, renderSupplementRequest, type DocumentAgency, type DocumentApplicant, type DocumentPerson } from './documents/index.js';
import { createNoReceiptYetError, createNotRefusedError, createSupplementRequestNotFoundError } from './dossiers.errors.js';
import { phasesFor } from './dossiers.models.js';
import { createDossiersRepository } from './dossiers.repository.js';
import { dossierEventsTable, type DossierRow } from './dossiers.tables.js';
import { loadCaseContext, type DossierDeps } from './dossiers.core.js';
import { publishedTemplateTexts } from './document-templates.repository.js';

const unitNames: Record<string, string> = { WORKING_DAY: 'ngày làm việc', CALENDAR_DAY: 'ngày', HOUR: 'giờ làm việc' };

async function agencyOf(db: DbExecutor, dossier: DossierRow, place: string): Promise<DocumentAgency> {
  const repo = createDossiersRepository({ db });
  const unit = await repo.getAgencyById(dossier.receivingUnitId);
  const parent = unit?.parentId ? await repo.getAgencyById(unit.parentId) : undefined;
  return { parentName: parent?.name, name: unit?.name ?? '', place, address: unit?.address ?? undefined };
}

function applicantOf(dossier: DossierRow): DocumentApplicant {
  const a = dossier.applicant;
  const organisation = a.organisationTaxCode ? { idNumber: a.organisationTaxCode, idLabel: 'Mã số thuế' } : { idNumber: a.personalIdNumber ?? undefined };
  return { name: a.fullName, ...organisation, address: a.address ?? undefined, phone: a.phone ?? undefined, email: a.email ?? undefined, filedBy: a.filedByName ?? undefined };
}

/** The official who made the last event of the given actions (the receiving or requesting officer). */
async function officerOf(db: DbExecutor, dossierId: string, actions: string[]): Promise<(DocumentPerson & { phone?: string | null }) | undefined> {
  const [row] = await db.select({ name: usersTable.fullName, phone: usersTable.phone, role: dossierEventsTable.actorRole })
    .from(dossierEventsTable)
    .innerJoin(usersTable, eq(usersTable.id, dossierEventsTable.actorUserId))
    .where(and(eq(dossierEventsTable.dossierId, dossierId), inArray(dossierEventsTable.action, actions)))
    .orderBy(desc(dossierEventsTable.at))
    .limit(1);
  if (!row || row.role === 'APPLICANT') return undefined;
  return { name: row.name, position: 'Cán bộ tiếp nhận hồ sơ, Bộ phận Một cửa', phone: row.phone };
}

const trackingUrl = (publicUrl: string, code: string) => `${publicUrl.replace(/\/$/, '')}/tra-cuu?code=${encodeURIComponent(code)}`;

/** Template 01, once the dossier has a code. */
export async function renderDossierReceipt(deps: DossierDeps, { actor, dossierId }: { actor: SignedInActor; dossierId: string }) {
  const { db, config } = deps;
  const { dossier } = await loadDossierFor(db, actor, dossierId);
  if (!dossier.code || !dossier.appointmentAt) throw createNoReceiptYetError();
  const ctx = await loadCaseContext(db, dossier.caseId);
  const attachments = await createDossiersRepository({ db }).listAttachments(dossier.id);
  const phases = phasesFor(ctx.kase.channels, dossier.channel);
  const channelTerms = ctx.kase.channels.find((c) => c.channel === dossier.channel) ?? ctx.kase.channels[0];
  const officer = await officerOf(db, dossier.id, ['dossier.received']);
  const issuedAt = dossier.receivedAt ?? dossier.submittedAt ?? new Date();
  const pdf = await renderReceiptSlip({
    agency: await agencyOf(db, dossier, config.documentPlace),
    issuedAt,
    templates: await publishedTemplateTexts(db, '01', { at: issuedAt }),
    dossierCode: dossier.code,
    applicant: applicantOf(dossier),
    procedure: { name: ctx.procedure.name, code: ctx.procedure.code, caseName: ctx.kase.name },
    channel: dossier.channel,
    components: ctx.components
      .filter((c) => attachments.some((a) => a.componentId === c.id))
      .map((c) => ({ name: c.name, originals: dossier.channel === 'ONLINE' ? 0 : c.originals, copies: dossier.channel === 'ONLINE' ? 0 : c.copies, electronic: dossier.channel === 'ONLINE' })),
    receivedAt: dossier.receivedAt ?? dossier.submittedAt ?? new Date(),
    processingTime: phases.map((p) => `${p.amount} ${unitNames[p.unit]}`).join(' + ') || undefined,
    appointmentAt: dossier.appointmentAt,
    returnPlace: dossier.channel === 'ONLINE' ? 'Trên Cổng Dịch vụ công (mục "Hồ sơ của tôi") hoặc tại Bộ phận Một cửa' : 'Tại Bộ phận Một cửa nơi nộp hồ sơ',
    // Every fee the catalogue lists for this case and channel, with its amount or how it is set.
    // A tiered fee shows the amount the dossier's answers give (the amount its payment request carries).
    fees: (channelTerms?.fees ?? []).map((f) => {
      const amountVnd = feeAmount(f, dossier.answers);
      return { name: f.name, amountVnd, note: amountVnd === undefined ? f.description : f.illustrative ? 'mức thu minh họa' : undefined };
    }),
    receivingOfficer: officer ?? { name: 'Tiếp nhận trực tuyến', position: 'Cổng Dịch vụ công' },
    trackingUrl: trackingUrl(config.publicUrl, dossier.code),
    answers: ctx.form ? answerLines(renderAnswers(ctx.form.schema as JsonSchema, ctx.form.uiSchema as JsonSchema | undefined, dossier.answers)) : undefined,
  });
  return { pdf, fileName: `giay-tiep-nhan-${dossier.code}.pdf` };
}

/** Template 02 for a round of supplement request. */
export async function renderSupplementRequestPdf(deps: DossierDeps, { actor, dossierId, round }: { actor: SignedInActor; dossierId: string; round: number }) {
  const { db, config } = deps;
  const { dossier } = await loadDossierFor(db, actor, dossierId);
  const request = await createDossiersRepository({ db }).getSupplementRequest(dossier.id, round);
  if (!request) throw createSupplementRequestNotFoundError();
  const ctx = await loadCaseContext(db, dossier.caseId);
  const names = new Map(ctx.components.map((c) => [c.id, c.name]));
  const schema = (ctx.form?.schema ?? {}) as JsonSchema;
  const items = [
    ...request.components.map((id) => ({ component: names.get(id) ?? id, requirement: 'Nộp bổ sung hoặc thay thế tệp của thành phần này' })),
    ...(request.fields.length > 0
      ? [{ component: 'Tờ khai điện tử', requirement: 'Sửa, bổ sung các thông tin nêu trên', fields: request.fields.map((p) => ({ label: fieldLabel(schema, p.split('.')), problem: 'Cần bổ sung, sửa đổi' })) }]
      : []),
  ];
  const officer = await officerOf(db, dossier.id, ['dossier.supplement_requested']);
  const pdf = await renderSupplementRequest({
    agency: await agencyOf(db, dossier, config.documentPlace),
    issuedAt: request.requestedAt,
    templates: await publishedTemplateTexts(db, '02', { at: request.requestedAt }),
    dossierCode: dossier.code ?? '',
    round,
    applicant: applicantOf(dossier),
    procedure: { name: ctx.procedure.name, code: ctx.procedure.code, caseName: ctx.kase.name },
    receivedAt: dossier.submittedAt ?? request.requestedAt,
    items,
    reason: request.reason,
    deadline: request.dueAt ?? dossier.appointmentAt ?? request.requestedAt,
    contact: { name: officer?.name ?? 'Bộ phận Một cửa', phone: officer?.phone ?? '—' },
    guidingOfficer: officer ?? { name: 'Bộ phận Một cửa' },
    trackingUrl: dossier.code ? trackingUrl(config.publicUrl, dossier.code) : undefined,
  });
  return { pdf, fileName: `phieu-yeu-cau-bo-sung-${dossier.code ?? dossier.id}-lan-${round}.pdf` };
}

/** Template 03, for a refused dossier. */
export async function renderRefusalPdf(deps: DossierDeps, { actor, dossierId }: { actor: SignedInActor; dossierId: string }) {
  const { db, config } = deps;
  const { dossier } = await loadDossierFor(db, actor, dossierId);
  if (dossier.status !== 'REFUSED') throw createNotRefusedError();
  const [event] = await db.select().from(dossierEventsTable)
    .where(and(eq(dossierEventsTable.dossierId, dossier.id), eq(dossierEventsTable.action, 'dossier.refused')))
    .orderBy(desc(dossierEventsTable.at)).limit(1);
  const ctx = await loadCaseContext(db, dossier.caseId);
  const officer = await officerOf(db, dossier.id, ['dossier.refused']);
  const reasons = ((event?.payload as { reasons?: string[] } | undefined)?.reasons ?? [event?.reason ?? '']).filter(Boolean);
  const pdf = await renderRefusal({
    agency: await agencyOf(db, dossier, config.documentPlace),
    issuedAt: event?.at ?? new Date(),
    templates: await publishedTemplateTexts(db, '03', { at: event?.at ?? new Date() }),
    dossierCode: dossier.code ?? undefined,
    applicant: applicantOf(dossier),
    procedure: { name: ctx.procedure.name, code: ctx.procedure.code, caseName: ctx.kase.name },
    receivedAt: dossier.submittedAt ?? dossier.createdAt,
    reasons,
    officer: officer ?? { name: 'Bộ phận Một cửa' },
  });
  return { pdf, fileName: `phieu-tu-choi-${dossier.code ?? dossier.id}.pdf` };
}
