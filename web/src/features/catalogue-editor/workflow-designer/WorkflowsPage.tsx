import { Alert, Anchor, Badge, Button, Container, Group, Loader, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { isApiError } from '../../../api/problem';
import { ErrorState } from '../../../components/ErrorState';
import { useI18n } from '../../../i18n/context';
import type { Me } from '../../account/types';
import { RequireUser } from '../../dossiers/components/RequireUser';
import { EDITOR_PATH, isCatalogueStaff } from '../pages/EditorHomePage';
import { designerWorkflowsQuery, useCreateWorkflowDraft } from './queries';

export const DESIGNER_PATH = `${EDITOR_PATH}/quy-trinh`;

export const isProcessDesigner = (me: Me) => me.grants.some((g) => g.role === 'PROCESS_DESIGNER');

/** /bien-tap-thu-tuc/quy-trinh: the workflows, their version in force and open drafts. */
export function WorkflowsPage() {
  const { t } = useI18n();
  return (
    <RequireUser>
      {(me) => (isCatalogueStaff(me) ? <Workflows me={me} /> : (
        <Container size="sm" py="xl"><Text role="alert">{t.workflowDesigner.noRole}</Text></Container>
      ))}
    </RequireUser>
  );
}

function Workflows({ me }: { me: Me }) {
  const { t } = useI18n();
  const m = t.workflowDesigner;
  const list = useQuery(designerWorkflowsQuery());
  const create = useCreateWorkflowDraft();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const [fresh, setFresh] = useState({ code: '', name: '' });
  const designer = isProcessDesigner(me);

  const start = (body: { workflowCode: string; name?: string }) => {
    setError(null);
    create.mutate(body, {
      onSuccess: (d) => void navigate(`${DESIGNER_PATH}/${d.id}`),
      onError: (e) => setError(isApiError(e) ? (e.errors[0]?.message ?? e.title) : m.saveFailed),
    });
  };
  const createNew = (event: FormEvent) => {
    event.preventDefault();
    start({ workflowCode: fresh.code.trim().toUpperCase(), name: fresh.name.trim() });
  };

  return (
    <Container size="lg" py="xl">
      <Stack gap="lg">
        <Anchor component={Link} to={EDITOR_PATH}>← {t.catalogueEditor.title}</Anchor>
        <Title order={1}>{m.listTitle}</Title>
        <Text>{m.listLead}</Text>
        {error ? <Alert color="red" role="alert">{error}</Alert> : null}
        {designer ? (
          <Paper withBorder p="md" component="section" aria-labelledby="new-workflow-title">
            <Title order={2} id="new-workflow-title" mb="sm">{m.newWorkflow}</Title>
            <form onSubmit={createNew}>
              <Group align="flex-end" wrap="wrap">
                <TextInput label={m.code} required value={fresh.code} onChange={(e) => setFresh({ ...fresh, code: e.currentTarget.value })} />
                <TextInput label={m.name} required value={fresh.name} onChange={(e) => setFresh({ ...fresh, name: e.currentTarget.value })} style={{ flex: '1 1 16rem' }} />
                <Button type="submit" loading={create.isPending}>{m.create}</Button>
              </Group>
            </form>
          </Paper>
        ) : null}
        <section aria-labelledby="workflows-title">
          <Title order={2} id="workflows-title" mb="sm">{m.listTitle}</Title>
          {list.isPending ? <Loader size="sm" aria-label={t.dossiers.loading} /> : list.isError ? <ErrorState error={list.error} onRetry={() => void list.refetch()} /> : (
            <Table layout="fixed" style={{ wordBreak: 'break-word' }}>
              <Table.Thead><Table.Tr><Table.Th>{m.code}</Table.Th><Table.Th>{m.name}</Table.Th><Table.Th>{m.versionInForce}</Table.Th><Table.Th>{m.cases}</Table.Th><Table.Th><span className="visually-hidden">{m.openDraft}</span></Table.Th></Table.Tr></Table.Thead>
              <Table.Tbody>
                {list.data.map((w) => (
                  <Table.Tr key={w.code}>
                    <Table.Td>{w.code}</Table.Td>
                    <Table.Td>{w.name}</Table.Td>
                    <Table.Td>{w.versionInForce ?? '—'}</Table.Td>
                    <Table.Td>{w.caseCount}</Table.Td>
                    <Table.Td>
                      {w.openDraft ? (
                        <Group gap="xs">
                          <Anchor component={Link} to={`${DESIGNER_PATH}/${w.openDraft.id}`} aria-label={`${m.openDraft} ${w.code}`}>{m.openDraft}</Anchor>
                          {w.openDraft.publishRequestedAt ? <Badge color="orange.9">{m.awaitingPublish}</Badge> : null}
                        </Group>
                      ) : designer ? (
                        <Button size="xs" variant="light" onClick={() => start({ workflowCode: w.code })} aria-label={`${m.newDraft} ${w.code}`}>{m.newDraft}</Button>
                      ) : null}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </section>
      </Stack>
    </Container>
  );
}
