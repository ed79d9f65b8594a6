import type { DossiersMessages, dossiersVi } from './dossiers.vi';
import { dossiersCommonEn } from './dossiers-common.en';
import { dossiersJourneyEn } from './dossiers-journey.en';
import { dossiersJourneyFormEn } from './dossiers-journey-form.en';
import { dossiersJourneyReviewEn } from './dossiers-journey-review.en';
import { dossiersDoneEn } from './dossiers-done.en';
import { dossiersListEn } from './dossiers-list.en';
import { dossiersTrackingEn } from './dossiers-tracking.en';
import { dossiersDetailEn } from './dossiers-detail.en';

/** English texts of the online dossier pages, in the sections of dossiers.vi.ts. */
export const dossiersEn: typeof dossiersVi = { ...dossiersCommonEn, ...dossiersJourneyEn, ...dossiersJourneyFormEn, ...dossiersJourneyReviewEn, ...dossiersDoneEn, ...dossiersListEn, ...dossiersTrackingEn, ...dossiersDetailEn };

/** The dossier pages' texts in English (see dossiers.vi.ts). */
export const dossiersPartEn: DossiersMessages = { dossiers: dossiersEn };
