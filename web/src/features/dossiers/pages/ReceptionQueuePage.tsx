import { Anchor, Button, Container, Group, Pagination, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { ErrorState } from '../../../components/ErrorState';
import { useI18n } from '../../../i18n/context';
import { applicantWithFiler } from '../applicant';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { RequireUser } from '../components/RequireUser';
import { OriginBadge } from '../components/OriginBadge';
import { StatusBadge } from '../components/StatusBadge';
import { vnDateTime } from '../journey';
import { receptionQueueQuery } from '../queries-office';
import { dossierPaths } from '../urls';
import classes from '../components/Dossiers.module.css';

export function ReceptionQueuePage() {
  const { t } = useI18n();
  useDocumentTitle(t.dossiers.queueTitle);
  return <RequireUser official>{() => <Queue />}</RequireUser>;
}

function Queue() {
  const { t } = useI18n();
  const d = t.dossiers;
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('trang')) || 1);
  const queue = useQuery(receptionQueueQuery(page));
  const pages = queue.data ? Math.max(1, Math.ceil(queue.data.total / queue.data.pageSize)) : 1;
  return (
    <Container size="lg" py="lg">
      <Stack gap="md">
        <Group justify="space-between" align="flex-end">
          <div>
            <Title order={1}>{d.queueTitle}</Title>
            <Text size="sm" c="gray.8">{d.queueLead}</Text>
          </div>
          <Button component={Link} to={dossierPaths.counter} variant="outline">{d.counterNav}</Button>
        </Group>
        {queue.isError ? <ErrorState error={queue.error} onRetry={() => void queue.refetch()} /> : null}
        {queue.isPending ? <Text aria-busy="true">{d.loading}</Text> : null}
        {queue.data && queue.data.items.length === 0 ? (
          <Paper withBorder radius="md" p="lg"><Text>{d.queueEmpty}</Text></Paper>
        ) : null}
        {queue.data && queue.data.items.length > 0 ? (
          <ul className={classes.list} aria-label={d.queueTitle}>
            {queue.data.items.map((item) => (
              <li key={item.id}>
                <Paper withBorder radius="md" p="md" component="article" aria-label={item.code ?? item.id}>
                  <Group justify="space-between" align="flex-start" gap="xs">
                    <Text className={classes.code} size="md">{item.code}</Text>
                    <StatusBadge status={item.status} />
                    <OriginBadge origin={item.origin} />
                  </Group>
                  <Text lang="vi" fw={600} mt={4}>{item.procedure.name}</Text>
                  <Text size="sm" lang="vi">{d.applicant}: {applicantWithFiler(item.applicantName, item.filedByName, d.filedBy)}</Text>
                  {item.submittedAt ? <Text size="sm" c="gray.8">{d.submittedOn}: {vnDateTime(item.submittedAt)}</Text> : null}
                  <Anchor component={Link} to={dossierPaths.review(item.id)} underline="always" fw={600}>
                    {d.review}
                    <span className="visually-hidden"> {item.code}</span>
                  </Anchor>
                </Paper>
              </li>
            ))}
          </ul>
        ) : null}
        {pages > 1 ? (
          <Group justify="center">
            <Pagination total={pages} value={page} onChange={(p) => setParams({ trang: String(p) })} getItemProps={(p) => ({ 'aria-label': d.page(p, pages) })} getControlProps={(control) => ({ 'aria-label': control === 'next' ? d.nextPage : control === 'previous' ? d.previousPage : control })} />
          </Group>
        ) : null}
      </Stack>
    </Container>
  );
}
