import { useI18n } from '../i18n/context';
import type { Lang } from '../i18n/language';
import classes from './LanguageSwitch.module.css';

const options: { lang: Lang; label: string }[] = [
  { lang: 'vi', label: 'Tiếng Việt' },
  { lang: 'en', label: 'English' },
];

/** Two toggle buttons; each label is written in its own language. */
export function LanguageSwitch({ tone = 'dark' }: { tone?: 'dark' | 'light' }) {
  const { lang, setLang, t } = useI18n();
  return (
    <div role="group" aria-label={t.layout.languageGroup} className={classes.group} data-tone={tone}>
      {options.map((o) => (
        <button
          key={o.lang}
          type="button"
          lang={o.lang}
          aria-pressed={lang === o.lang}
          className={classes.button}
          onClick={() => setLang(o.lang)}
        >
          {o.label}
        </button>
      ))}
    </div>
  );
}
