import type { useI18n } from '../../i18n/context';
import type { Me } from '../account/types';
import type { OnBehalfOf } from './types';

export interface ForOption {
  value: string;
  label: string;
  description?: string;
  onBehalfOf?: OnBehalfOf;
}

/**
 * Whom the applicant may file for: themselves (when the procedure takes citizens, or as the last
 * resort), their verified organisations and those that authorised them, an organisation the
 * e-form names by its tax code (when the procedure takes businesses or organisations), and the
 * people who authorised them. The first is the one a new draft is filed for; the form's page
 * offers the others ("Nộp cho ai").
 */
export function applicantOptions(me: Me, applicantTypes: readonly string[], d: ReturnType<typeof useI18n>['t']['dossiers']): { options: ForOption[]; unverified: Me['organisations']; businessesOnly: boolean } {
  const forPeople = applicantTypes.length === 0 || applicantTypes.includes('CITIZEN');
  const forOrganisations = applicantTypes.some((type) => type !== 'CITIZEN');
  const own = forOrganisations ? me.organisations.filter((o) => o.verified) : [];
  const represented = (forOrganisations ? me.representations : [])
    .filter((r) => r.principalOrganisationId && r.principalVerified && !own.some((o) => o.id === r.principalOrganisationId));
  // "another" organisation only beside the user's own ones.
  const inFormLabel = own.length + represented.length > 0 ? d.forOrganisationInForm : d.forAnyOrganisationInForm;
  const options: ForOption[] = [
    ...own.map((o) => ({ value: `org:${o.id}`, label: d.forOrganisation(o.name), description: d.forOrganisationTaxCode(o.taxCode), onBehalfOf: { organisationId: o.id } })),
    ...represented
      .map((r) => ({ value: `org:${r.principalOrganisationId}`, label: d.forRepresentedOrganisation(r.principalName), description: r.principalTaxCode ? d.forOrganisationTaxCode(r.principalTaxCode) : undefined, onBehalfOf: { organisationId: r.principalOrganisationId! } })),
    ...(forOrganisations ? [{ value: 'form', label: inFormLabel, description: d.forOrganisationInFormHint, onBehalfOf: { organisationInForm: true as const } }] : []),
    ...(forPeople ? me.representations : [])
      .filter((r) => r.principalUserId)
      .map((r) => ({ value: `person:${r.principalUserId}`, label: r.principalName ? d.forPrincipalNamed(r.principalName) : d.forPrincipalNoRef, description: r.documentReference ?? undefined, onBehalfOf: { principalUserId: r.principalUserId! } })),
  ];
  const businessesOnly = !forPeople;
  // Oneself comes first when the procedure takes citizens; for a procedure for businesses only,
  // it stays the last resort (a household business files in the owner's name).
  options[forPeople ? 'unshift' : 'push']({ value: 'self', label: d.forSelfNamed(me.fullName) });
  return { options, unverified: forOrganisations ? me.organisations.filter((o) => !o.verified) : [], businessesOnly };
}

/** The option a draft is filed for now. */
export function chosenOption(onBehalfOf: { organisationId: string | null; principalUserId: string | null; organisationInForm?: boolean } | null): string {
  if (onBehalfOf?.organisationId) return `org:${onBehalfOf.organisationId}`;
  if (onBehalfOf?.principalUserId) return `person:${onBehalfOf.principalUserId}`;
  if (onBehalfOf?.organisationInForm) return 'form';
  return 'self';
}
