/** Addresses of the back-office pages and of the documents the API serves (links, not typed calls). */
const api = '/api/v1';
const dossier = (id: string) => `${api}/dossiers/${encodeURIComponent(id)}`;

export const backofficePaths = {
  inbox: '/can-bo/ho-so',
  signing: '/can-bo/ky-duyet',
  reconciliation: '/can-bo/doi-soat',
  workspace: (dossierId: string) => `/can-bo/ho-so/${encodeURIComponent(dossierId)}`,
  /** The public page confirming an issued document. */
  verify: (documentId: string) => `/xac-minh/${encodeURIComponent(documentId)}`,
};

export const backofficeFiles = {
  result: (dossierId: string) => `${dossier(dossierId)}/result.pdf`,
  controlSheet: (dossierId: string) => `${dossier(dossierId)}/control-sheet.pdf`,
  document: (dossierId: string, documentId: string) => `${dossier(dossierId)}/documents/${encodeURIComponent(documentId)}.pdf`,
};
