import '../styles';
import { Alert, Anchor, Box, Button, Container, Group, List, Loader, NativeSelect, Paper, SimpleGrid, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import type { paths } from '../../../../../contracts/api';
import { api, unwrap } from '../../../api/client';
import { isApiError, toApiError } from '../../../api/problem';
import { ErrorState } from '../../../components/ErrorState';
import { useI18n } from '../../../i18n/context';
import { RequireUser } from '../../dossiers/components/RequireUser';
import { EDITOR_PATH, isCatalogueEditor } from '../pages/EditorHomePage';

export const TEMPLATES_PATH = `${EDITOR_PATH}/mau-van-ban`;

type Kind = paths['/api/v1/admin/catalogue/document-templates/{kind}']['get']['parameters']['path']['kind'];
type Texts = Record<string, string>;

const KINDS: Kind[] = ['RESULT', '01', '02', '03', '04', '05'];

const templateQuery = (kind: Kind, procedureCode: string) => queryOptions({
  queryKey: ['catalogue-editor', 'document-template', kind, procedureCode] as const,
  queryFn: ({ signal }) => unwrap(api.GET('/api/v1/admin/catalogue/document-templates/{kind}', {
    params: { path: { kind }, query: procedureCode ? { procedureCode } : {} }, signal,
  })),
});

/** /bien-tap-thu-tuc/mau-van-ban: the editable texts of the result document and of forms 01–05. */
export function DocumentTemplatesPage() {
  const { t } = useI18n();
  return (
    <RequireUser>
      {(me) => (isCatalogueEditor(me) ? <TemplatesEditor /> : (
        <Container size="sm" py="xl"><Text role="alert">{t.documentTemplates.noRole}</Text></Container>
      ))}
    </RequireUser>
  );
}

function TemplatesEditor() {
  const { t } = useI18n();
  const m = t.documentTemplates;
  const [kind, setKind] = useState<Kind>('RESULT');
  const [procedureInput, setProcedureInput] = useState('');
  const procedureCode = kind === 'RESULT' ? procedureInput.trim() : '';
  const template = useQuery(templateQuery(kind, procedureCode));
  const queryClient = useQueryClient();
  const [texts, setTexts] = useState<Texts>({});
  const [problems, setProblems] = useState<{ path: string; message: string }[]>([]);
  const [notice, setNotice] = useState<{ color: 'green' | 'red'; text: string } | null>(null);
  const [previewUrl, setPreviewUrl] = useState<string | null>(null);

  const data = template.data;
  useEffect(() => {
    if (!data) return;
    setTexts({ ...(data.draft?.texts ?? data.published?.texts ?? data.initialTexts) });
    setProblems([]);
  }, [data]);
  useEffect(() => () => { if (previewUrl) URL.revokeObjectURL(previewUrl); }, [previewUrl]);

  const query = procedureCode ? { procedureCode } : {};
  const fail = (error: unknown) => {
    if (isApiError(error) && error.errors.length > 0) {
      setProblems(error.errors);
      setNotice({ color: 'red', text: m.errorsTitle });
    } else {
      setNotice({ color: 'red', text: isApiError(error) ? error.title : m.failed });
    }
  };
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['catalogue-editor', 'document-template', kind, procedureCode] });

  const save = useMutation({
    mutationFn: () => unwrap(api.PUT('/api/v1/admin/catalogue/document-templates/{kind}/draft', { params: { path: { kind }, query }, body: { texts } })),
    onSuccess: async () => { setProblems([]); setNotice({ color: 'green', text: m.saved }); await refresh(); },
    onError: fail,
  });
  const publish = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/admin/catalogue/document-templates/{kind}/draft/publish', { params: { path: { kind }, query }, body: {} })),
    onSuccess: async () => { setNotice({ color: 'green', text: m.published }); await refresh(); },
    onError: fail,
  });
  const discard = useMutation({
    mutationFn: () => unwrap(api.DELETE('/api/v1/admin/catalogue/document-templates/{kind}/draft', { params: { path: { kind }, query } })),
    onSuccess: async () => { setNotice(null); await refresh(); },
    onError: fail,
  });
  const preview = useMutation({
    mutationFn: async () => {
      const result = await api.POST('/api/v1/admin/catalogue/document-templates/{kind}/preview', { params: { path: { kind } }, body: { texts }, parseAs: 'blob' });
      if (!result.response.ok) throw toApiError(result.error, result.response);
      return result.data as unknown as Blob;
    },
    onSuccess: (blob) => {
      setProblems([]);
      setNotice(null);
      setPreviewUrl(URL.createObjectURL(new Blob([blob], { type: 'application/pdf' })));
    },
    onError: fail,
  });

  const fieldError = (key: string) => {
    const messages = problems.filter((p) => p.path === `texts.${key}`).map((p) => p.message);
    return messages.length ? messages.join(' ') : undefined;
  };
  const busy = save.isPending || publish.isPending || discard.isPending || preview.isPending;

  return (
    <Container size="xl" py="xl">
      <Stack gap="lg">
        <Anchor component={Link} to={EDITOR_PATH}>← {t.catalogueEditor.title}</Anchor>
        <Title order={1}>{m.title}</Title>
        <Text>{m.lead}</Text>
        <Group align="flex-end" wrap="wrap">
          <NativeSelect
            label={m.kind}
            value={kind}
            onChange={(e) => { setKind(e.currentTarget.value as Kind); setPreviewUrl(null); setNotice(null); }}
            data={KINDS.map((k) => ({ value: k, label: m.kinds[k] }))}
            style={{ flex: '1 1 18rem', maxWidth: '100%' }}
          />
          {kind === 'RESULT' ? (
            <TextInput label={m.procedureCode} description={m.procedureHint} value={procedureInput} onChange={(e) => setProcedureInput(e.currentTarget.value)} style={{ flex: '1 1 14rem' }} />
          ) : null}
        </Group>
        {template.isPending ? <Loader size="sm" role="status" aria-label={m.loading} /> : template.isError ? <ErrorState error={template.error} onRetry={() => void template.refetch()} /> : (
          <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
            <Stack gap="md" component="section" aria-labelledby="template-texts">
              <Title order={2} id="template-texts">{template.data.name}</Title>
              <Text>
                {template.data.published?.publishedAt && template.data.published.publishedByUserId
                  ? m.inForce(template.data.published.versionNo, new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date(template.data.published.publishedAt)))
                  : template.data.published ? m.initialVersion(template.data.published.versionNo) : m.initialInForce}
              </Text>
              <Text fw={600}>{template.data.draft ? m.draftOf(template.data.draft.versionNo) : m.noDraft}</Text>
              {notice ? <Alert color={notice.color} role={notice.color === 'red' ? 'alert' : 'status'} title={notice.color === 'red' && problems.length > 0 ? notice.text : undefined}>
                {notice.color === 'red' && problems.length > 0 ? <List size="sm">{problems.map((p) => <List.Item key={`${p.path}${p.message}`}>{p.message}</List.Item>)}</List> : notice.text}
              </Alert> : null}
              {template.data.fields.map((f) => (f.multiline ? (
                <Textarea key={f.key} label={f.label} value={texts[f.key] ?? ''} autosize minRows={2} maxRows={14} error={fieldError(f.key)}
                  onChange={(e) => { const value = e.currentTarget.value; setTexts((x) => ({ ...x, [f.key]: value })); }} />
              ) : (
                <TextInput key={f.key} label={f.label} value={texts[f.key] ?? ''} error={fieldError(f.key)}
                  onChange={(e) => { const value = e.currentTarget.value; setTexts((x) => ({ ...x, [f.key]: value })); }} />
              )))}
              <Text size="sm">{m.syntaxHint}{template.data.boldMarkup ? ` ${m.boldHint}` : ''}</Text>
              <Group wrap="wrap">
                <Button onClick={() => save.mutate()} loading={save.isPending} disabled={busy}>{m.save}</Button>
                <Button variant="default" onClick={() => preview.mutate()} loading={preview.isPending} disabled={busy}>{m.preview}</Button>
                {template.data.draft ? <Button onClick={() => publish.mutate()} loading={publish.isPending} disabled={busy}>{m.publish}</Button> : null}
                {template.data.draft ? <Button variant="default" onClick={() => discard.mutate()} disabled={busy}>{m.discard}</Button> : null}
              </Group>
              <Text size="sm">{m.fourEyes}</Text>
              <section aria-labelledby="template-placeholders">
                <Title order={3} id="template-placeholders" mb="xs">{m.placeholders}</Title>
                <Table layout="fixed" style={{ wordBreak: 'break-word' }}>
                  <Table.Thead><Table.Tr><Table.Th>{m.placeholder}</Table.Th><Table.Th>{m.meaning}</Table.Th></Table.Tr></Table.Thead>
                  <Table.Tbody>
                    {template.data.placeholders.map((p) => (
                      <Table.Tr key={p.name}><Table.Td><code>{`{{ ${p.name} }}`}</code></Table.Td><Table.Td>{p.description}</Table.Td></Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </section>
            </Stack>
            <Paper withBorder p="sm" component="section" aria-labelledby="template-preview">
              <Title order={2} id="template-preview" mb="sm">{m.previewTitle}</Title>
              {previewUrl ? (
                <Stack gap="xs">
                  <Anchor href={previewUrl} download={`xem-truoc-mau-${kind}.pdf`}>{m.openPreview}</Anchor>
                  {/* Phone browsers show no PDF inside a page: there the download link opens it in the viewer. */}
                  <Box visibleFrom="md">
                    <iframe src={previewUrl} title={m.previewFrame} style={{ width: '100%', height: 'min(80vh, 60rem)', border: '1px solid var(--mantine-color-gray-4)' }} />
                  </Box>
                </Stack>
              ) : <Text>{m.preview}: —</Text>}
            </Paper>
          </SimpleGrid>
        )}
      </Stack>
    </Container>
  );
}
