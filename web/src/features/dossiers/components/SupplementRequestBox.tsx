import { Anchor, Paper, Text, Title } from '@mantine/core';
import { useI18n } from '../../../i18n/context';
import { formFields, vnDate } from '../journey';
import type { Dossier } from '../types';
import { dossierFiles } from '../urls';

/** What the one-stop desk asked for, and why (template 02). */
export function SupplementRequestBox({ dossier }: { dossier: Dossier }) {
  const { t } = useI18n();
  const d = t.dossiers;
  const request = dossier.supplementRequest!;
  const labels = new Map(formFields(dossier.form.schema).map((f) => [f.path, f.label]));
  const components = dossier.components.filter((c) => request.components.includes(c.id));
  const open = !request.answeredAt;
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="supplement-title" bg={open ? 'orange.0' : undefined} style={open ? { borderColor: 'var(--mantine-color-orange-7)', borderWidth: 2 } : undefined}>
      <Title order={2} size="h4" id="supplement-title">
        {d.supplementTitle}
      </Title>
      <Text size="sm" fw={600} mt="xs">{d.supplementReason}</Text>
      <Text size="sm" lang="vi" style={{ whiteSpace: 'pre-line' }}>{request.reason}</Text>
      {components.length ? (
        <>
          <Text size="sm" fw={600} mt="xs">{d.supplementComponents}</Text>
          <ul lang="vi">{components.map((c) => <li key={c.id}>{c.name}</li>)}</ul>
        </>
      ) : null}
      {request.fields.length ? (
        <>
          <Text size="sm" fw={600} mt="xs">{d.supplementFields}</Text>
          <ul lang="vi">{request.fields.map((f) => <li key={f}>{labels.get(f) ?? f}</li>)}</ul>
        </>
      ) : null}
      {request.dueAt && open ? <Text size="sm" fw={600}>{d.supplementDue(vnDate(request.dueAt))}</Text> : null}
      <Anchor href={dossierFiles.supplementRequest(dossier.id, request.round)} target="_blank" rel="noopener" underline="always" size="sm" fw={600}>
        {d.supplementPdf}
      </Anchor>
    </Paper>
  );
}
