import '../styles';
import { Alert, Anchor, Badge, Button, Container, Group, Loader, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { isApiError } from '../../../api/problem';
import { ErrorState } from '../../../components/ErrorState';
import { useI18n } from '../../../i18n/context';
import { RequireUser } from '../../dossiers/components/RequireUser';
import type { Me } from '../../account/types';
import { draftsQuery, editorProceduresQuery, useCreateDraft } from '../queries';

export const EDITOR_PATH = '/bien-tap-thu-tuc';

export const isCatalogueStaff = (me: Me) => me.grants.some((g) => g.role === 'CATALOGUE_EDITOR' || g.role === 'PROCESS_DESIGNER');
export const isCatalogueEditor = (me: Me) => me.grants.some((g) => g.role === 'CATALOGUE_EDITOR');

/** /bien-tap-thu-tuc: drafts, the procedures with their version in force, a new procedure. */
export function EditorHomePage() {
  const { t } = useI18n();
  return (
    <RequireUser>
      {(me) => (isCatalogueStaff(me) ? <EditorHome me={me} /> : (
        <Container size="sm" py="xl"><Text role="alert">{t.catalogueEditor.noRole}</Text></Container>
      ))}
    </RequireUser>
  );
}

function EditorHome({ me }: { me: Me }) {
  const { t } = useI18n();
  const m = t.catalogueEditor;
  const drafts = useQuery(draftsQuery());
  const procedures = useQuery(editorProceduresQuery());
  const create = useCreateDraft();
  const navigate = useNavigate();
  const [filter, setFilter] = useState('');
  const [error, setError] = useState<string | null>(null);
  const shown = useMemo(() => {
    const q = filter.trim().toLowerCase();
    return (procedures.data ?? []).filter((p) => !q || p.code.includes(q) || p.name.toLowerCase().includes(q)).slice(0, 50);
  }, [procedures.data, filter]);

  const startFrom = (code: string) => {
    setError(null);
    create.mutate({ fromProcedureCode: code }, {
      onSuccess: (d) => void navigate(`${EDITOR_PATH}/${d.id}`),
      onError: (e) => setError(isApiError(e) ? e.title : m.saveFailed),
    });
  };

  const [fresh, setFresh] = useState({ code: '', name: '', fieldCode: '', agencyCode: '' });
  const createNew = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    create.mutate({
      procedureCode: fresh.code.trim(),
      content: {
        procedure: {
          name: fresh.name, fieldCode: fresh.fieldCode.trim(), implementationLevels: ['CENTRAL'], applicantTypes: ['CITIZEN'],
          agencies: [{ agencyCode: fresh.agencyCode.trim(), role: 'IMPLEMENTING' }], keywords: [], provenance: { confidence: 'SOURCED', sources: [] },
        },
        version: { validFrom: new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date()), legalBasis: [], requirements: [], submissionPlaces: [], results: [], cases: [] },
      },
    }, {
      onSuccess: (d) => void navigate(`${EDITOR_PATH}/${d.id}`),
      onError: (e) => setError(isApiError(e) ? (e.errors[0]?.message ?? e.title) : m.saveFailed),
    });
  };

  return (
    <Container size="lg" py="xl">
      <Stack gap="lg">
        <Title order={1}>{m.title}</Title>
        <Text>{m.lead}</Text>
        <Anchor component={Link} to={`${EDITOR_PATH}/quy-trinh`}>{t.workflowDesigner.link} →</Anchor>
        <Anchor component={Link} to={`${EDITOR_PATH}/mau-van-ban`}>{t.documentTemplates.link} →</Anchor>
        {error ? <Alert color="red" role="alert">{error}</Alert> : null}
        <section aria-labelledby="drafts-title">
          <Title order={2} id="drafts-title" mb="sm">{m.drafts}</Title>
          {drafts.isPending ? <Loader size="sm" role="status" aria-label={t.dossiers.loading} /> : drafts.isError ? <ErrorState error={drafts.error} onRetry={() => void drafts.refetch()} /> : drafts.data.length === 0 ? <Text>{m.noDrafts}</Text> : (
                          <Table layout="fixed" style={{ wordBreak: 'break-word' }}>
                <Table.Thead><Table.Tr><Table.Th>{m.code}</Table.Th><Table.Th>{m.name}</Table.Th><Table.Th>{m.fields.validFrom}</Table.Th><Table.Th>{m.drafts}</Table.Th></Table.Tr></Table.Thead>
                <Table.Tbody>
                  {drafts.data.map((d) => (
                    <Table.Tr key={d.id}>
                      <Table.Td>{d.procedureCode}</Table.Td>
                      <Table.Td><Anchor component={Link} to={`${EDITOR_PATH}/${d.id}`}>{d.name || d.procedureCode}</Anchor></Table.Td>
                      <Table.Td>{d.validFrom}</Table.Td>
                      <Table.Td><Badge color={d.status === 'PUBLISHED' ? 'green.9' : d.status === 'DRAFT' ? 'blue.9' : 'gray.8'}>{m.status[d.status]}{d.publishedVersionNo ? ` · v${d.publishedVersionNo}` : ''}</Badge></Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
                      )}
        </section>
        {isCatalogueEditorOf(me) ? (
          <Paper withBorder p="md" component="section" aria-labelledby="new-title">
            <Title order={2} id="new-title" mb="sm">{m.newProcedure}</Title>
            <form onSubmit={createNew}>
              <Group align="flex-end" wrap="wrap">
                <TextInput label={m.newProcedureCode} required value={fresh.code} onChange={(e) => setFresh({ ...fresh, code: e.currentTarget.value })} />
                <TextInput label={m.newProcedureName} required value={fresh.name} onChange={(e) => setFresh({ ...fresh, name: e.currentTarget.value })} style={{ flex: '1 1 16rem' }} />
                <TextInput label={m.newProcedureField} required value={fresh.fieldCode} onChange={(e) => setFresh({ ...fresh, fieldCode: e.currentTarget.value })} />
                <TextInput label={m.newProcedureAgency} required value={fresh.agencyCode} onChange={(e) => setFresh({ ...fresh, agencyCode: e.currentTarget.value })} />
                <Button type="submit" loading={create.isPending}>{m.create}</Button>
              </Group>
            </form>
          </Paper>
        ) : null}
        <section aria-labelledby="procedures-title">
          <Title order={2} id="procedures-title" mb="sm">{m.procedures}</Title>
          <TextInput label={m.filter} value={filter} onChange={(e) => setFilter(e.currentTarget.value)} mb="sm" />
          {procedures.isPending ? <Loader size="sm" role="status" aria-label={t.dossiers.loading} /> : procedures.isError ? <ErrorState error={procedures.error} onRetry={() => void procedures.refetch()} /> : (
                          <Table layout="fixed" style={{ wordBreak: 'break-word' }}>
                <Table.Thead><Table.Tr><Table.Th>{m.code}</Table.Th><Table.Th>{m.name}</Table.Th><Table.Th>{m.versionInForce}</Table.Th><Table.Th><span className="visually-hidden">{m.newVersion}</span></Table.Th></Table.Tr></Table.Thead>
                <Table.Tbody>
                  {shown.map((p) => (
                    <Table.Tr key={p.code}>
                      <Table.Td>{p.code}</Table.Td>
                      <Table.Td>{p.name}</Table.Td>
                      <Table.Td>{p.versionInForce ?? '—'}{p.scheduled.length ? ` (→ v${p.scheduled.map((s) => `${s.versionNo} ${s.validFrom}`).join(', ')})` : ''}</Table.Td>
                      <Table.Td>
                        {p.openDraftId ? (
                          <Anchor component={Link} to={`${EDITOR_PATH}/${p.openDraftId}`} aria-label={`${m.openDraft} ${p.code}`}>{m.openDraft}</Anchor>
                        ) : isCatalogueEditorOf(me) && p.versionInForce ? (
                          <Button size="xs" variant="light" onClick={() => startFrom(p.code)} aria-label={`${m.newVersion} ${p.code}`}>{m.newVersion}</Button>
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

const isCatalogueEditorOf = isCatalogueEditor;
