import { dossiersCommonVi } from './dossiers-common.vi';
import { dossiersJourneyVi } from './dossiers-journey.vi';
import { dossiersJourneyFormVi } from './dossiers-journey-form.vi';
import { dossiersJourneyReviewVi } from './dossiers-journey-review.vi';
import { dossiersDoneVi } from './dossiers-done.vi';
import { dossiersListVi } from './dossiers-list.vi';
import { dossiersTrackingVi } from './dossiers-tracking.vi';
import { dossiersDetailVi } from './dossiers-detail.vi';

/**
 * Vietnamese texts of the online dossier pages (applicant, public tracking, one-stop desk), in
 * sections (dossiers-*.vi.ts): each citizen's dossier page loads the sections it shows (language.ts,
 * parts `dossierJourney`, `dossierDone`, `dossierList`, `dossierTracking`); the other pages load
 * them all (part `dossiers`).
 */
export const dossiersVi = { ...dossiersCommonVi, ...dossiersJourneyVi, ...dossiersJourneyFormVi, ...dossiersJourneyReviewVi, ...dossiersDoneVi, ...dossiersListVi, ...dossiersTrackingVi, ...dossiersDetailVi };

/**
 * The dossier pages' texts, a part of the dictionary (language.ts) loaded with those pages: the
 * dossiers' texts but the few of the header and the procedure page (dossiers-start.vi.ts). The
 * verification page's texts are a part of their own (verification.vi.ts).
 */
export const dossiersPartVi = { dossiers: dossiersVi };
export type DossiersMessages = typeof dossiersPartVi;
