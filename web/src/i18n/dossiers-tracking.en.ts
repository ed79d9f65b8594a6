import type { dossiersTrackingVi } from './dossiers-tracking.vi';

/** English dossier texts of the public tracking page (“Tra cứu hồ sơ”) (see dossiers-tracking.vi.ts). */
export const dossiersTrackingEn: typeof dossiersTrackingVi = {
  trackTitle: 'Track a dossier',
  trackLead: 'Enter the dossier code (printed on the receipt) and the last 4 digits of the applicant’s ID number or phone number.',
  trackCode: 'Dossier code',
  trackCodeHint: 'For example: 000.00.01.G99-261128-0001',
  trackKey: 'Last 4 digits of the ID or phone number',
  trackSubmit: 'Look up',
  trackCodeRequired: 'Please enter the dossier code',
  trackKeyInvalid: 'Enter exactly 4 digits',
  trackNotFound: 'No dossier matches this code and these 4 digits. Check the code on your receipt.',
  trackRateLimited: 'Too many look-ups. Please wait a minute and try again.',
  trackResult: 'Result',
};
