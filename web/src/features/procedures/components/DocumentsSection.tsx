import { PageSection } from '../../../components/PageSection';
import { useI18n } from '../../../i18n/context';
import { sectionTitle } from '../sections';
import type { ProcedureCase } from '../types';
import { DocumentItem } from './DocumentItem';
import classes from './DocumentsSection.module.css';

/** The documents to prepare for the chosen case, in the official order. */
export function DocumentsSection({ procedureCase }: { procedureCase: ProcedureCase }) {
  const { t } = useI18n();
  return (
    <PageSection id="ho-so" title={sectionTitle(t, 'ho-so')}>
      <ol className={classes.list}>
        {procedureCase.components.map((c) => (
          <li key={c.id}>
            <DocumentItem component={c} />
          </li>
        ))}
      </ol>
    </PageSection>
  );
}
