import { vi, type Messages } from './vi';

export type Lang = 'vi' | 'en';

const STORAGE_KEY = 'opendvc.lang';
/** Vietnamese ships with the app; English is its own file, fetched by `loadMessages` when chosen. */
const dictionaries: Partial<Record<Lang, Messages>> = { vi };

/** The texts in `lang` once loaded (Vietnamese until then). */
export function messagesFor(lang: Lang): Messages {
  return dictionaries[lang] ?? vi;
}

export async function loadMessages(lang: Lang): Promise<Messages> {
  if (lang === 'en') dictionaries.en ??= (await import('./en')).en;
  return messagesFor(lang);
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
