import type { dossiersDoneVi } from './dossiers-done.vi';

/** English dossier texts of the confirmation after submitting (see dossiers-done.vi.ts). */
export const dossiersDoneEn: typeof dossiersDoneVi = {
  doneTitle: 'Your dossier has been submitted',
  doneLead: 'The one-stop office will check it. You will get an e-mail when it is received or when something must be added.',
  receiptPdf: 'Download the receipt (PDF)',
  howToTrack: 'Follow your dossier',
  howToTrackText: 'See it in “My dossiers”, or look it up on the tracking page with the dossier code and the last 4 digits of the ID or phone number (the QR code on the receipt opens that page).',
  openMyDossiers: 'Open My dossiers',
  receivingUnit: 'Received by',
};
