import type { Messages } from '../../i18n/vi';

/** The sections of a procedure page, in reading order; ids are the in-page link targets. */
export function procedureSections(t: Messages) {
  return [
    { id: 'truc-tuyen', title: t.procedure.online },
    { id: 'doi-tuong', title: t.procedure.whoTitle },
    { id: 'ho-so', title: t.procedure.documentsTitle },
    { id: 'trinh-tu', title: t.procedure.stepsTitle },
    { id: 'thoi-han', title: t.procedure.timeTitle },
    { id: 'le-phi', title: t.procedure.feesTitle },
    { id: 'ket-qua', title: t.procedure.resultsTitle },
    { id: 'co-quan', title: t.procedure.agenciesTitle },
    { id: 'can-cu', title: t.procedure.legalTitle },
  ] as const;
}

export type SectionId = ReturnType<typeof procedureSections>[number]['id'];

export function sectionTitle(t: Messages, id: SectionId): string {
  return procedureSections(t).find((s) => s.id === id)?.title ?? id;
}
