import { Text } from '@mantine/core';
import { useI18n } from '../../../i18n/context';
import { answerText, formFields, valueAt } from '../journey';
import type { Dossier } from '../types';
import termsClasses from '../../../components/Terms.module.css';

/** Every answered field of the e-form as a term and its value. */
export function AnswersReview({ dossier }: { dossier: Pick<Dossier, 'form' | 'answers'> }) {
  const { lang } = useI18n();
  const yes = lang === 'en' ? 'Yes' : 'Có';
  const no = lang === 'en' ? 'No' : 'Không';
  const rows = formFields(dossier.form.schema)
    .map((f) => ({ ...f, text: answerText(valueAt(dossier.answers, f.path), yes, no) }))
    .filter((r) => r.text);
  if (rows.length === 0) return <Text size="sm">—</Text>;
  return (
    <dl className={termsClasses.terms} lang="vi">
      {rows.map((r) => (
        <div key={r.path} style={{ display: 'contents' }}>
          <dt>{r.label}</dt>
          <dd>{r.text}</dd>
        </div>
      ))}
    </dl>
  );
}
