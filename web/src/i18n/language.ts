import { citizenVi } from './citizen.vi';
import { mergeTexts } from './merge';
import type { StaffMessages } from './staff.vi';
import type { Messages } from './vi';

export type Lang = 'vi' | 'en';

const STORAGE_KEY = 'opendvc.lang';

/*
 * The texts come in parts, each its own file but for the citizen's Vietnamese texts, which ship with
 * the app: the citizen's English texts (fetched when English is chosen) and the officials' texts
 * (fetched with the officials' pages, `loadStaffTexts`, in each language loaded). A part arrives
 * into its language's dictionary object, which therefore holds every text once the page that needs
 * it has been given them. The type says `Messages`: a page reading the officials' texts must be
 * loaded through `loadStaffTexts` (router.tsx, `staffPage`).
 */
const dictionaries: Partial<Record<Lang, Messages>> = { vi: { ...citizenVi } as Messages };
/** Set once an officials' page has been opened: every language loaded from then on brings them. */
let staffWanted = false;
const loading = new Map<string, Promise<void>>();

/** The texts in `lang` once loaded (Vietnamese until then). */
export function messagesFor(lang: Lang): Messages {
  return dictionaries[lang] ?? dictionaries.vi!;
}

/** Fetches a part once; concurrent callers share the request, a failed one may be asked again. */
function loadPart(key: string, load: () => Promise<void>): Promise<void> {
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

async function loadStaff(lang: Lang): Promise<void> {
  await loadPart(`staff.${lang}`, async () => {
    const staff: StaffMessages = lang === 'en' ? (await import('./staff.en')).staffEn : (await import('./staff.vi')).staffVi;
    const target = lang === 'en' ? await loadCitizen('en') : dictionaries.vi!;
    mergeTexts(target, staff, target);
  });
}

async function loadCitizen(lang: Lang): Promise<Messages> {
  if (lang === 'en' && !dictionaries.en) {
    await loadPart('citizen.en', async () => {
      const { citizenEn } = await import('./citizen.en');
      dictionaries.en ??= { ...citizenEn } as Messages;
    });
  }
  return messagesFor(lang);
}

/** The texts in `lang`, with the officials' texts if an officials' page has asked for them. */
export async function loadMessages(lang: Lang): Promise<Messages> {
  await loadCitizen(lang);
  if (staffWanted) await loadStaff(lang);
  return messagesFor(lang);
}

/** The officials' texts, in every language loaded: an officials' page waits for them before it shows. */
export async function loadStaffTexts(): Promise<void> {
  staffWanted = true;
  await Promise.all((Object.keys(dictionaries) as Lang[]).map((lang) => loadStaff(lang)));
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
