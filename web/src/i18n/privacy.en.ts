import type { privacyVi } from './privacy.vi';

/** English texts of "My personal data". */
export const privacyEn: typeof privacyVi = {
  title: 'My personal data',
  linkHint: 'Download all the personal data the portal holds about you.',
  lead: 'Under the Law on Personal Data Protection (Law 91/2025/QH15) you have the right to a copy of your personal data. The download is one ZIP file.',
  includedTitle: 'The download contains',
  included: [
    'Your account, personal details and addresses; the link to your national identity account (VNeID).',
    'Your businesses or organisations and authorisations; your sign-in sessions.',
    'Dossiers you filed or that were filed for you: form data, processing history, supplement requests, payments, receipts and results.',
    'The files you attached, issued results and e-receipts.',
    'Ratings, notifications, e-mails and text messages sent to you; your account\'s access log.',
  ],
  excluded: 'Officials\' internal notes and dossiers other members filed for a business are not included. Every download is logged.',
  retention: 'Withdrawn, refused or stopped dossiers have their personal data deleted after the retention period; the dossier code, status and issued results are kept.',
  download: 'Download my data',
  preparing: 'Preparing your data file…',
  progress: (percent: number) => `Downloading: ${percent}%`,
  progressLabel: 'Download progress',
  done: (size: string) => `Your personal data file was downloaded (${size}). Keep it safe: it holds your personal information.`,
  rateLimited: 'You have downloaded your data too many times in one hour. Please try again later.',
  failed: 'Your personal data could not be downloaded. Check your connection and try again in a few minutes.',
  back: 'Back to my account',
};
