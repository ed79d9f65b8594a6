import { en } from './en';
import { vi, type Messages } from './vi';

export type Lang = 'vi' | 'en';

const STORAGE_KEY = 'opendvc.lang';
const dictionaries: Record<Lang, Messages> = { vi, en };

export function messagesFor(lang: Lang): Messages {
  return dictionaries[lang];
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
