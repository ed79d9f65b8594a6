import { Container } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { isApiError } from '../../../api/problem';
import { ErrorState } from '../../../components/ErrorState';
import { NotFoundMessage } from '../../../components/NotFoundMessage';
import { useI18n } from '../../../i18n/context';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { ProcedureSkeleton } from '../components/ProcedureSkeleton';
import { ProcedureView } from '../components/ProcedureView';
import { localName } from '../procedure-view';
import { procedureDetailQuery } from '../queries';

export function ProcedurePage() {
  const { t, lang } = useI18n();
  const code = useParams().code ?? '';
  const procedure = useQuery(procedureDetailQuery(code));
  // A malformed code (400) is as unknown to a citizen as a missing one (404).
  const notFound = isApiError(procedure.error) && (procedure.error.status === 404 || procedure.error.status === 400);
  useDocumentTitle(
    procedure.data
      ? localName(procedure.data, lang)
      : notFound
        ? t.errors.procedureNotFoundTitle
        : procedure.isError
          ? t.errors.title
          : t.procedure.loading,
  );

  return (
    <Container size="lg" py="lg">
      {procedure.isPending ? <ProcedureSkeleton /> : null}
      {notFound ? <NotFoundMessage title={t.errors.procedureNotFoundTitle} text={t.errors.procedureNotFoundText(code)} /> : null}
      {procedure.isError && !notFound ? <ErrorState error={procedure.error} onRetry={() => void procedure.refetch()} /> : null}
      {procedure.data ? <ProcedureView procedure={procedure.data} /> : null}
    </Container>
  );
}
