import type { dossiersJourneyVi } from './dossiers-journey.vi';

/** English dossier texts of the online filing's start and its form step (see dossiers-journey.vi.ts). */
export const dossiersJourneyEn: typeof dossiersJourneyVi = {
  caseLegend: 'Your case',
  forSelf: 'For myself',
  forSelfNamed: (name) => `For myself — ${name}`,
  forOrganisation: (name) => `For the organisation: ${name}`,
  forOrganisationTaxCode: (taxCode) => `Tax code ${taxCode}`,
  forRepresentedOrganisation: (name) => `On behalf of an organisation that authorised me: ${name}`,
  forPrincipal: (ref) => `On behalf of a person who authorised me (${ref})`,
  forPrincipalNamed: (name) => `On behalf of ${name} (who authorised me)`,
  forPrincipalNoRef: 'On behalf of a person who authorised me',
  forOrganisationInForm: 'For another organisation or business — enter its tax code in the form below',
  forAnyOrganisationInForm: 'For an organisation or business — enter its tax code in the form below',
  forOrganisationInFormHint: 'The dossier is in the name of the organisation whose tax code you enter; you file it on its behalf.',
  noOnlineCase: 'This procedure does not accept online applications yet. Please apply at the one-stop office or by post.',
  start: 'Start the form',
  draftExistsTitle: 'You have an unsubmitted dossier for this procedure',
  draftExistsText: (when: string, applicant: string) => `Draft last saved at ${when}, applicant: ${applicant}.`,
  continueExistingDraft: 'Continue that dossier',
  startAnother: 'Start another new dossier',
};
