import { Container } from '@mantine/core';
import { useI18n } from '../../../i18n/context';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { InboxView } from '../components/InboxView';
import { RequireOfficial } from '../components/RequireOfficial';

/** /can-bo/ky-duyet — the leader's signing queue: the unit's dossiers waiting on the LEADER role. */
export function SigningQueuePage() {
  const { t } = useI18n();
  useDocumentTitle(t.backoffice.signingTitle);
  return (
    <RequireOfficial leader>
      {() => (
        <Container size="lg" py="lg">
          <InboxView title={t.backoffice.signingTitle} lead={t.backoffice.signingLead} role="LEADER" />
        </Container>
      )}
    </RequireOfficial>
  );
}
