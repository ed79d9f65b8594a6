import { citizenVi } from './citizen.vi';
import { mergeTexts } from './merge';
import type { Messages } from './vi';

export type Lang = 'vi' | 'en';

const STORAGE_KEY = 'opendvc.lang';

/*
 * The texts come in parts, each its own file but for the citizen's Vietnamese texts, which ship with
 * the app: the citizen's English texts (fetched when English is chosen) and the texts only some
 * pages read (`parts`: fetched with those pages, `loadTexts`, in each language loaded). A part
 * arrives into its language's dictionary object, which therefore holds every text once the page
 * that needs it has been given them. The type says `Messages`: a page reading a part's texts must
 * be loaded with that part (router.tsx: `page(…, ['account'])`, `staffPage`).
 */
const parts = {
  /** The dossier pages (dossiers.vi.ts, every section); the header's few dossier texts ship with the app. */
  dossiers: async (lang: Lang): Promise<object> => (lang === 'en' ? (await import('./dossiers.en')).dossiersPartEn : (await import('./dossiers.vi')).dossiersPartVi),
  /*
   * The citizen's dossier pages take only the sections they show (dossiers-*.vi.ts), each with the
   * common one: the online filing's start and steps, its confirmation, "Hồ sơ của tôi", tracking.
   */
  dossierJourney: (lang: Lang) => dossierSection(journeySection(lang), lang),
  /*
   * The filing's steps page takes the common section only; each step brings its own with it
   * (JourneyPage): the form step the start's (applicant options) and its own, the review step its own.
   */
  dossierCommon: (lang: Lang) => dossierSection(Promise.resolve({}), lang),
  dossierJourneyForm: (lang: Lang) =>
    dossierSection(
      Promise.all([journeySection(lang), lang === 'en' ? import('./dossiers-journey-form.en').then((m) => m.dossiersJourneyFormEn) : import('./dossiers-journey-form.vi').then((m) => m.dossiersJourneyFormVi)]).then(([a, b]) => ({ ...a, ...b })),
      lang,
    ),
  dossierJourneyReview: (lang: Lang) => dossierSection(lang === 'en' ? import('./dossiers-journey-review.en').then((m) => m.dossiersJourneyReviewEn) : import('./dossiers-journey-review.vi').then((m) => m.dossiersJourneyReviewVi), lang),
  dossierDone: (lang: Lang) => dossierSection(lang === 'en' ? import('./dossiers-done.en').then((m) => m.dossiersDoneEn) : import('./dossiers-done.vi').then((m) => m.dossiersDoneVi), lang),
  dossierList: (lang: Lang) => dossierSection(lang === 'en' ? import('./dossiers-list.en').then((m) => m.dossiersListEn) : import('./dossiers-list.vi').then((m) => m.dossiersListVi), lang),
  dossierTracking: (lang: Lang) => dossierSection(lang === 'en' ? import('./dossiers-tracking.en').then((m) => m.dossiersTrackingEn) : import('./dossiers-tracking.vi').then((m) => m.dossiersTrackingVi), lang),
  /** The public verification page of signed documents (verification.vi.ts). */
  verification: async (lang: Lang): Promise<object> => (lang === 'en' ? (await import('./verification.en')).verificationPartEn : (await import('./verification.vi')).verificationPartVi),
  /** The statistics dashboard and the public transparency page (statistics.vi.ts). */
  statistics: async (lang: Lang): Promise<object> => (lang === 'en' ? (await import('./statistics.en')).statisticsPartEn : (await import('./statistics.vi')).statisticsPartVi),
  /** The account pages (account.vi.ts). */
  account: async (lang: Lang): Promise<object> => (lang === 'en' ? (await import('./account.en')).accountPartEn : (await import('./account.vi')).accountPartVi),
  /** The officials' pages (staff.vi.ts). */
  staff: async (lang: Lang): Promise<object> => (lang === 'en' ? (await import('./staff.en')).staffEn : (await import('./staff.vi')).staffVi),
};
export type TextPart = keyof typeof parts;

/** The online filing's start section (dossiers-journey.vi.ts), shared by the start page and the form step. */
function journeySection(lang: Lang): Promise<object> {
  return lang === 'en' ? import('./dossiers-journey.en').then((m) => m.dossiersJourneyEn) : import('./dossiers-journey.vi').then((m) => m.dossiersJourneyVi);
}

/** A section of the dossiers' texts with the common one, as a part: the `dossiers` area with the keys of both. */
async function dossierSection(section: Promise<object>, lang: Lang): Promise<object> {
  const common = lang === 'en' ? import('./dossiers-common.en').then((m) => m.dossiersCommonEn) : import('./dossiers-common.vi').then((m) => m.dossiersCommonVi);
  const [a, b] = await Promise.all([common, section]);
  return { dossiers: { ...a, ...b } };
}

const dictionaries: Partial<Record<Lang, Messages>> = { vi: { ...citizenVi } as Messages };
/** The parts a page has asked for: every language loaded from then on brings them too. */
const wanted = new Set<TextPart>();
const loading = new Map<string, Promise<void>>();

/** The texts in `lang` once loaded (Vietnamese until then). */
export function messagesFor(lang: Lang): Messages {
  return dictionaries[lang] ?? dictionaries.vi!;
}

/** Fetches something once; concurrent callers share the request, a failed one may be asked again. */
function once(key: string, load: () => Promise<void>): Promise<void> {
  let pending = loading.get(key);
  if (!pending) {
    pending = load().catch((error: unknown) => {
      loading.delete(key);
      throw error;
    });
    loading.set(key, pending);
  }
  return pending;
}

async function loadCitizen(lang: Lang): Promise<Messages> {
  if (lang === 'en' && !dictionaries.en) {
    await once('citizen.en', async () => {
      const { citizenEn } = await import('./citizen.en');
      dictionaries.en ??= { ...citizenEn } as Messages;
    });
  }
  return messagesFor(lang);
}

function loadPart(part: TextPart, lang: Lang): Promise<void> {
  return once(`${part}.${lang}`, async () => {
    const [texts, target] = await Promise.all([parts[part](lang), loadCitizen(lang)]);
    mergeTexts(target, texts, target);
  });
}

/** The texts in `lang`, with the parts pages have asked for. */
export async function loadMessages(lang: Lang): Promise<Messages> {
  await loadCitizen(lang);
  await Promise.all([...wanted].map((part) => loadPart(part, lang)));
  return messagesFor(lang);
}

/** Parts of the texts, in every language loaded: a page that reads them waits for them before it shows. */
export async function loadTexts(names: readonly TextPart[]): Promise<void> {
  for (const name of names) wanted.add(name);
  await Promise.all((Object.keys(dictionaries) as Lang[]).flatMap((lang) => names.map((name) => loadPart(name, lang))));
}

/** The language chosen earlier on this device; Vietnamese otherwise. */
export function readStoredLang(): Lang {
  try {
    return window.localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

export function storeLang(lang: Lang): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Private browsing may refuse storage; the choice then lasts for this page only.
  }
}

/** Screen readers pick their voice from html[lang]. */
export function applyDocumentLang(lang: Lang): void {
  document.documentElement.lang = lang;
}

/** Locale for Intl formatters. */
export function localeOf(lang: Lang): string {
  return lang === 'vi' ? 'vi-VN' : 'en-GB';
}
