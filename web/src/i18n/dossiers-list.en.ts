import type { dossiersListVi } from './dossiers-list.vi';

/** English dossier texts of “Hồ sơ của tôi”, the applicant's list of dossiers (see dossiers-list.vi.ts). */
export const dossiersListEn: typeof dossiersListVi = {
  myTitle: 'My dossiers',
  statusFilter: 'Status',
  allStatuses: 'All statuses',
  emptyTitle: 'You have no dossier yet',
  emptyText: 'Find the procedure you need, then choose “Apply online”.',
  findProcedure: 'Find a procedure',
  listLabel: 'Dossiers',
  draftCode: 'Draft (no code yet)',
  continueDraft: 'Continue',
  viewDossier: 'View the dossier',
  submittedOn: 'Submitted',
  updatedOn: 'Updated',
  savedOn: 'Last saved',
  completeness: (filled, total, missingDocuments) =>
    `${total === 0 ? 'No required field to fill in' : `${filled} of ${total} required fields filled in`}, ${missingDocuments === 0 ? 'all required documents attached' : `${missingDocuments} ${missingDocuments === 1 ? 'document' : 'documents'} missing`}`,
  page: (p, n) => `Page ${p} of ${n}`,
  nextPage: 'Next page',
  previousPage: 'Previous page',
  pagination: 'Pages',
  deleteDraft: 'Delete the draft',
  deleteDraftConfirm: 'Delete this draft and its uploaded files for good?',
  deleteDraftYes: 'Delete',
  deleteDraftNo: 'Keep it',
  deleteDraftFailed: 'The draft could not be deleted. Please try again.',
  applicant: 'Applicant',
};
