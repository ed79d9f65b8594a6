import type { dossiersStartVi } from './dossiers-start.vi';

/** English of dossiers-start.vi.ts. */
export const dossiersStartEn: typeof dossiersStartVi = {
  fileOnline: 'Apply online',
  fileOnlineHint: 'Fill in the form, attach your documents and submit from your phone — no queue at the one-stop office.',
  fileOnlineSignIn: 'Sign in to apply. You come back to this step afterwards.',
  openTracking: 'Track a dossier',
  myNav: 'My dossiers',
  queueNav: 'Reception',
};
