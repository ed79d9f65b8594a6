import type { presentDelivery } from './dossiers.delivery.models.js';
/** Rows → the views the API answers with. */
import { componentMaxFiles, componentUploadPolicy, scanMessage, statusLabels, toNationalStatus, nationalStatusLabels, type ComponentLimits } from './dossiers.models.js';
import type { DossierEventType, EventAudience } from './dossiers.events.js';
import type { DossierAttachmentRow, DossierEventRow, DossierRow, SupplementRequestRow } from './dossiers.tables.js';

export interface CaseContextView {
  procedure: { code: string; name: string };
  kase: { code: string; name: string };
  components: ({ id: string; name: string; description: string | null; mandatory: boolean; filledByForm: boolean; originals: number; copies: number } & ComponentLimits)[];
  form: { schema: Record<string, unknown>; uiSchema: Record<string, unknown>; validator?: string } | null;
}

export function presentStatus(status: DossierRow['status']) {
  const national = toNationalStatus(status);
  return { status, statusLabel: statusLabels[status], nationalStatus: national, nationalStatusLabel: national === null ? null : nationalStatusLabels[national] };
}

export function presentAttachment(a: DossierAttachmentRow) {
  return {
    id: a.id,
    componentId: a.componentId,
    fileName: a.originalName,
    mediaType: a.mediaType,
    sizeBytes: a.sizeBytes,
    sha256: a.sha256,
    scanStatus: a.scanStatus,
    /** Why the file blocks the dossier (quarantined, or infected and deleted: replace it); null when clean. */
    scanMessage: scanMessage(a),
    supplementRound: a.supplementRound,
    uploadedAt: a.createdAt.toISOString(),
  };
}

export function presentSupplementRequest(s: SupplementRequestRow) {
  return {
    round: s.round,
    components: s.components,
    fields: s.fields,
    reason: s.reason,
    requestedAt: s.requestedAt.toISOString(),
    dueAt: s.dueAt?.toISOString() ?? null,
    answeredAt: s.answeredAt?.toISOString() ?? null,
  };
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

export interface DossierOutcome {
  /** The issued result, when there is one; `downloadable` when the applicant may fetch it now. */
  result: { documentId: string; title: string; number: string | null; issuedAt: string | null; downloadable: boolean } | null;
  apologies: { documentId: string; issuedAt: string | null; newAppointmentAt: string | null; reason: string | null }[];
  rating: { score: number; comment: string | null; createdAt: string } | null;
}

export function presentDossier({ dossier, context, attachments, problems, supplementRequest, receivingUnit, maxBytes, delivery, outcome }: {
  dossier: DossierRow;
  context: CaseContextView;
  attachments: DossierAttachmentRow[];
  problems: { path: string; message: string }[];
  supplementRequest: SupplementRequestRow | undefined;
  receivingUnit: { code: string; name: string };
  /** ATTACHMENT_MAX_BYTES, for components without their own limit. */
  maxBytes: number;
  delivery: ReturnType<typeof presentDelivery>;
  outcome: DossierOutcome;
}) {
  return {
    id: dossier.id,
    code: dossier.code,
    ...presentStatus(dossier.status),
    channel: dossier.channel,
    origin: dossier.origin,
    procedure: context.procedure,
    case: context.kase,
    applicant: dossier.applicant,
    onBehalfOf: dossier.organisationId ? { organisationId: dossier.organisationId, principalUserId: null } : dossier.principalUserId ? { organisationId: null, principalUserId: dossier.principalUserId } : dossier.applicant.organisationInForm ? { organisationId: null, principalUserId: null, organisationInForm: true } : null,
    receivingUnit,
    answers: dossier.answers,
    form: context.form ?? { schema: {}, uiSchema: {} },
    components: context.components.map((c) => ({
      id: c.id,
      name: c.name,
      description: c.description,
      mandatory: c.mandatory,
      filledByForm: c.filledByForm && Boolean(context.form),
      originals: c.originals,
      copies: c.copies,
      ...componentUploadPolicy(c, maxBytes),
      maxFiles: componentMaxFiles(c),
      attachments: attachments.filter((a) => a.componentId === c.id).map(presentAttachment),
    })),
    problems,
    supplementRequest: supplementRequest ? presentSupplementRequest(supplementRequest) : null,
    submittedAt: iso(dossier.submittedAt),
    receivedAt: iso(dossier.receivedAt),
    appointmentAt: iso(dossier.appointmentAt),
    draftExpiresAt: iso(dossier.draftExpiresAt),
    dueAt: iso(dossier.dueAt),
    returnedAt: iso(dossier.returnedAt),
    returnMethod: dossier.returnMethod ?? null,
    personalDataPurgedAt: iso(dossier.personalDataPurgedAt),
    delivery,
    ...outcome,
    createdAt: dossier.createdAt.toISOString(),
    updatedAt: dossier.updatedAt.toISOString(),
    version: dossier.version,
  };
}

export function presentSummary(row: { dossier: DossierRow; procedureCode: string; procedureName: string; caseName: string }) {
  const d = row.dossier;
  return {
    id: d.id,
    code: d.code,
    ...presentStatus(d.status),
    channel: d.channel,
    origin: d.origin,
    procedure: { code: row.procedureCode, name: row.procedureName },
    caseName: row.caseName,
    applicantName: d.applicant.fullName,
    filedByName: d.applicant.filedByName ?? null,
    submittedAt: iso(d.submittedAt),
    appointmentAt: iso(d.appointmentAt),
    draftExpiresAt: iso(d.draftExpiresAt),
    updatedAt: d.updatedAt.toISOString(),
  };
}

/** One timeline line; `forOfficials` adds the internal note (never sent to the applicant). */
export function presentEvent(e: DossierEventRow, { forOfficials = false }: { forOfficials?: boolean } = {}) {
  return {
    id: e.id,
    type: e.type as DossierEventType,
    action: e.action,
    at: e.at.toISOString(),
    fromStatus: e.fromStatus,
    toStatus: e.toStatus,
    ...(() => { const n = toNationalStatus(e.toStatus as DossierRow['status']); return { nationalStatus: n, label: statusLabels[e.toStatus as DossierRow['status']] }; })(),
    actorRole: e.actorRole,
    reason: e.reason,
    audience: e.audience as EventAudience,
    ...(forOfficials ? { internalNote: e.internalNote } : {}),
  };
}
