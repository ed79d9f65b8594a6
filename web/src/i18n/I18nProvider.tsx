import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { I18nContext, type I18nValue } from './context';
import { applyDocumentLang, loadMessages, messagesFor, readStoredLang, storeLang, type Lang } from './language';

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(readStoredLang);

  useEffect(() => {
    applyDocumentLang(lang);
  }, [lang]);

  const setLang = useCallback((next: Lang) => {
    storeLang(next);
    // English arrives as its own file: switch once it is here (Vietnamese stays shown until then).
    void loadMessages(next).then(
      () => setLangState(next),
      () => setLangState(next),
    );
  }, []);

  const value = useMemo<I18nValue>(() => ({ lang, t: messagesFor(lang), setLang }), [lang, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}
