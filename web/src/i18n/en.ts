import type { Messages } from './vi';

/** English texts. Procedure content from the catalogue stays in Vietnamese unless it has an English name. */
export const en: Messages = {
  meta: {
    siteTitle: 'Online public services',
    titleSuffix: 'OpenDVC',
  },
  layout: {
    skipLink: 'Skip to main content',
    portalName: 'Public Services Portal',
    ministry: 'Ministry of Natural Resources and Environment',
    homeLink: 'Public Services Portal — Ministry of Natural Resources and Environment, home page',
    mainNav: 'Main navigation',
    navHome: 'Home',
    navProcedures: 'Find a procedure',
    languageGroup: 'Ngôn ngữ / Language',
    footerAbout: 'This online public services portal runs on the open-source OpenDVC platform.',
    footerHelp: 'Need help? Contact the Ministry’s One-Stop Office during working hours.',
    footerLicense: 'Open source under the AGPL-3.0 licence.',
    footerApi: 'API documentation',
  },
  search: {
    label: 'Find an administrative procedure',
    placeholder: 'For example: surface water extraction',
    hint: 'Vietnamese words work with or without diacritics.',
    submit: 'Search',
  },
  home: {
    title: 'Online public services',
    lead: 'Find administrative procedures, prepare your documents and apply online to the Ministry of Natural Resources and Environment.',
    fieldsTitle: 'Procedures by field',
    fieldCount: (n: number) => `${formatCount(n)} ${n === 1 ? 'procedure' : 'procedures'}`,
    allProcedures: 'See all procedures',
    fieldsError: 'The list of fields could not be loaded.',
    howTitle: 'How does it work?',
    howSteps: [
      { title: 'Find the procedure', text: 'Search by name or browse by field.' },
      { title: 'Prepare documents', text: 'See what you need and download the forms.' },
      { title: 'Apply online', text: 'Submit your application and pay fees on the portal when the procedure allows it.' },
      { title: 'Follow progress', text: 'See which step your application has reached.' },
      { title: 'Receive the result', text: 'Electronically, by post or at the One-Stop Office.' },
    ],
  },
  results: {
    title: 'Find an administrative procedure',
    documentTitle: (q: string) => (q ? `Search results for “${q}”` : 'Find an administrative procedure'),
    found: (n: number) => `${formatCount(n)} ${n === 1 ? 'procedure' : 'procedures'} found`,
    forQuery: (q: string) => ` for “${q}”`,
    listLabel: 'Procedures',
    filters: 'Filters',
    showFilters: (n: number) => (n > 0 ? `Filters (${n} selected)` : 'Filters'),
    fieldFilter: 'Field',
    allFields: 'All fields',
    levelFilter: 'Online level',
    allLevels: 'All levels',
    clearFilters: 'Clear all filters',
    code: 'Procedure code',
    field: 'Field',
    agency: 'Implementing agency',
    emptyTitle: 'No matching procedure',
    emptyHints: [
      'Check the spelling or use fewer words, for example “nước mặt”.',
      'Remove the field or level filter.',
      'Browse procedures by field on the home page.',
    ],
    pagination: 'Result pages',
    page: (n: number) => `Page ${n}`,
    previousPage: 'Previous page',
    nextPage: 'Next page',
    pageOf: (page: number, pages: number) => `Page ${page} of ${pages}`,
    loading: 'Loading results…',
  },
  levels: {
    FULL: 'Full online',
    PARTIAL: 'Partly online',
    INFO_ONLY: 'Information only',
  },
  errors: {
    title: 'Something went wrong',
    network: 'The server could not be reached. Please check your connection.',
    retry: 'Try again',
    notFoundTitle: 'Page not found',
    notFoundText: 'This address does not exist or has changed.',
    procedureNotFoundTitle: 'Procedure not found',
    procedureNotFoundText: (code: string) => `There is no administrative procedure with code “${code}”. The code may have changed or the procedure may have been abolished.`,
    searchInstead: 'Find another procedure',
    backHome: 'Back to the home page',
  },
  procedure: {
    loading: 'Loading the procedure…',
    breadcrumb: 'Breadcrumb',
    code: 'Procedure code',
    field: 'Field',
    level: 'Level',
    summary: 'Summary',
    onThisPage: 'On this page',
    online: 'What you can do online',
    illustrative: 'Demonstration data',
    illustrativeText: 'Some details of this procedure (time limits, fees, forms) are illustrative demonstration data, not official information. Please check with the implementing agency before you apply.',
    contentLanguage: 'The details of this procedure are published in Vietnamese.',
    currentVersion: 'Version in force',
    caseChoice: 'Your situation',
    caseChoiceHint: 'Documents, time limits and fees depend on your situation.',
    whoTitle: 'Who can apply',
    implementationLevels: 'Handled at',
    requirementsTitle: 'Conditions',
    documentsTitle: 'Documents to prepare',
    mandatory: 'Required',
    optional: 'If applicable',
    quantity: (originals: number, copies: number) => quantity(originals, copies),
    downloadTemplate: 'Download form',
    stepsTitle: 'Steps',
    submitTitle: 'Where to apply',
    timeTitle: 'Time limit',
    excludesNote: (items: string[]) => `Not counting time spent ${items.join(' or ')}.`,
    feesTitle: 'Fees and charges',
    noFee: 'No fee',
    sameForAllChannels: (ways: string[]) => `The same when applying ${joinOr(ways)}.`,
    feeDependsOnCase: 'Amount depends on the case',
    resultsTitle: 'Result',
    agenciesTitle: 'Agencies',
    legalTitle: 'Legal basis',
    publishedBy: (n: string) => `Published by Decision No. ${n}`,
    issued: (issuer: string | undefined, date: string | undefined) =>
      [issuer, date ? `issued on ${date}` : undefined].filter(Boolean).join(', '),
    validFrom: (date: string) => `In force from ${date}`,
    validTo: (date: string) => `until ${date}`,
    version: (n: number) => `version ${n}`,
    none: 'None',
  },
  channels: {
    ONLINE: 'Online',
    IN_PERSON: 'In person',
    POSTAL: 'By post',
  },
  channelWays: {
    ONLINE: 'online',
    IN_PERSON: 'in person',
    POSTAL: 'by post',
  },
  units: {
    WORKING_DAY: (n: string) => `${n} working ${n === '1' ? 'day' : 'days'}`,
    CALENDAR_DAY: (n: string) => `${n} ${n === '1' ? 'day' : 'days'}`,
    HOUR: (n: string) => `${n} ${n === '1' ? 'hour' : 'hours'}`,
  },
  excludes: {
    APPLICANT_SUPPLEMENT: 'by the applicant completing the file',
    FOREIGN_REPLY: 'waiting for a foreign authority to reply',
    PAYMENT: 'waiting for payment',
    OTHER: 'on other waits set by law',
  },
  feeKinds: { FEE: 'Fee', CHARGE: 'Charge' },
  applicantTypes: {
    CITIZEN: 'Individuals',
    ENTERPRISE: 'Businesses',
    ORGANISATION: 'Organisations',
    STATE_AGENCY: 'State agencies',
  },
  implementationLevels: {
    CENTRAL: 'Ministry (central)',
    PROVINCE: 'Province',
    COMMUNE: 'Commune',
  },
  agencyRoles: {
    IMPLEMENTING: 'Implementing agency',
    COMPETENT: 'Deciding authority',
    DELEGATED: 'Delegated agency',
    COORDINATING: 'Coordinating agency',
  },
};

function formatCount(n: number): string {
  return new Intl.NumberFormat('en-GB').format(n);
}

function joinOr(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

function quantity(originals: number, copies: number): string {
  const parts = [
    originals > 0 ? `${originals} ${originals === 1 ? 'original' : 'originals'}` : '',
    copies > 0 ? `${copies} ${copies === 1 ? 'copy' : 'copies'}` : '',
  ].filter(Boolean);
  return parts.join(' and ');
}
