/** Addresses of the dossier pages and of the files the API serves (links, not typed calls). */
const api = '/api/v1';

export const dossierPaths = {
  start: (procedureCode: string, caseCode?: string) =>
    `/nop-ho-so?thu-tuc=${encodeURIComponent(procedureCode)}${caseCode ? `&truong-hop=${encodeURIComponent(caseCode)}` : ''}`,
  /** Without a step: the journey opens at the first step that still needs the applicant. */
  resume: (dossierId: string) => `/nop-ho-so/${encodeURIComponent(dossierId)}`,
  step: (dossierId: string, step: number) => `/nop-ho-so/${encodeURIComponent(dossierId)}?buoc=${step}`,
  done: (dossierId: string) => `/nop-ho-so/${encodeURIComponent(dossierId)}/da-nop`,
  mine: '/ho-so-cua-toi',
  detail: (dossierId: string) => `/ho-so-cua-toi/${encodeURIComponent(dossierId)}`,
  tracking: (code?: string) => (code ? `/tra-cuu?code=${encodeURIComponent(code)}` : '/tra-cuu'),
  queue: '/can-bo/tiep-nhan',
  review: (dossierId: string) => `/can-bo/tiep-nhan/${encodeURIComponent(dossierId)}`,
  counter: '/can-bo/tiep-nhan/moi',
};

export const dossierFiles = {
  attachments: (dossierId: string) => `${api}/dossiers/${encodeURIComponent(dossierId)}/attachments`,
  attachment: (dossierId: string, attachmentId: string) => `${api}/dossiers/${encodeURIComponent(dossierId)}/attachments/${encodeURIComponent(attachmentId)}`,
  receipt: (dossierId: string) => `${api}/dossiers/${encodeURIComponent(dossierId)}/receipt.pdf`,
  supplementRequest: (dossierId: string, round: number) => `${api}/dossiers/${encodeURIComponent(dossierId)}/supplement-requests/${round}.pdf`,
  refusal: (dossierId: string) => `${api}/dossiers/${encodeURIComponent(dossierId)}/refusal.pdf`,
  /** The digitally signed result. */
  result: (dossierId: string) => `${api}/dossiers/${encodeURIComponent(dossierId)}/result.pdf`,
  /** An apology letter and new appointment (template 04). */
  document: (dossierId: string, documentId: string) => `${api}/dossiers/${encodeURIComponent(dossierId)}/documents/${encodeURIComponent(documentId)}.pdf`,
};
