import { useEffect } from 'react';
import { useI18n } from '../i18n/context';

/** Sets the browser tab title: "<page> — OpenDVC". */
export function useDocumentTitle(title: string | undefined): void {
  const { t } = useI18n();
  useEffect(() => {
    if (title === undefined) return;
    document.title = `${title} — ${t.meta.titleSuffix}`;
  }, [title, t]);
}
