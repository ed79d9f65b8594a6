import { Container } from '@mantine/core';
import { useI18n } from '../i18n/context';
import { useDocumentTitle } from '../lib/use-document-title';
import { NotFoundMessage } from './NotFoundMessage';

export function NotFoundPage() {
  const { t } = useI18n();
  useDocumentTitle(t.errors.notFoundTitle);
  return (
    <Container size="lg" py="xl">
      <NotFoundMessage title={t.errors.notFoundTitle} text={t.errors.notFoundText} />
    </Container>
  );
}
