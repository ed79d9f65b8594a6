import { Container } from '@mantine/core';
import { useI18n } from '../../../i18n/context';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { InboxView } from '../components/InboxView';
import { RequireOfficial } from '../components/RequireOfficial';

/** /can-bo/ho-so — the official's inbox: their dossiers or their unit's, filtered, soonest due first. */
export function InboxPage() {
  const { t } = useI18n();
  useDocumentTitle(t.backoffice.inboxTitle);
  return (
    <RequireOfficial>
      {() => (
        <Container size="lg" py="lg">
          <InboxView title={t.backoffice.inboxTitle} lead={t.backoffice.inboxLead} />
        </Container>
      )}
    </RequireOfficial>
  );
}
