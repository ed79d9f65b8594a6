import { Alert, Button, Group, Paper, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorState } from '../../../components/ErrorState';
import { useI18n } from '../../../i18n/context';
import { ErrorSummary, type SummaryItem } from '../../account/components/ErrorSummary';
import { failFromServer } from '../../account/submit-errors';
import { useFormState } from '../../account/use-form-state';
import { resultDraftQuery, useSaveResultDraft } from '../queries';
import type { ResultDraft } from '../types';

type DraftField = 'draftTitle' | 'draftSummary' | 'draftBody';
const apiFields: Record<string, DraftField> = { title: 'draftTitle', summary: 'draftSummary', body: 'draftBody' };
const order: DraftField[] = ['draftTitle', 'draftSummary', 'draftBody'];

/** "Dự thảo kết quả": the result draft (or the template to start from), saved with PUT. */
export function ResultDraftSection({ dossierId }: { dossierId: string }) {
  const { t } = useI18n();
  const draft = useQuery(resultDraftQuery(dossierId));
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="draft-title">
      <Title order={2} size="h3" id="draft-title">{t.backoffice.draftTitle}</Title>
      <Text size="sm" mb="sm">{t.backoffice.draftHint}</Text>
      {draft.isError ? <ErrorState error={draft.error} onRetry={() => void draft.refetch()} /> : null}
      {draft.isPending ? <Text aria-busy="true">{t.backoffice.loading}</Text> : null}
      {draft.data ? <DraftForm dossierId={dossierId} draft={draft.data} /> : null}
    </Paper>
  );
}

function DraftForm({ dossierId, draft }: { dossierId: string; draft: ResultDraft }) {
  const { t } = useI18n();
  const b = t.backoffice;
  const save = useSaveResultDraft(dossierId);
  const form = useFormState<DraftField>({ draftTitle: draft.title, draftSummary: draft.summary, draftBody: draft.body });
  const [saved, setSaved] = useState(false);
  const summary: SummaryItem[] = [
    ...order.filter((f) => form.errors[f]).map((f) => ({ message: form.errors[f]!, fieldId: f })),
    ...(form.formError ? [{ message: form.formError }] : []),
  ];

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setSaved(false);
        save.mutate(
          { title: form.values.draftTitle.trim(), summary: form.values.draftSummary.trim(), body: form.values.draftBody.trim() },
          {
            onSuccess: () => {
              form.clearErrors();
              setSaved(true);
            },
            onError: (error) => failFromServer(error, apiFields, form.fail, t),
          },
        );
      }}
    >
      <Stack gap="md">
        <ErrorSummary items={summary} attempt={form.attempt} />
        {!draft.saved && !saved ? <Text size="sm" fs="italic">{b.draftFromTemplate}</Text> : null}
        <TextInput label={b.draftDocTitle} required {...form.bind('draftTitle')} />
        <Textarea label={b.draftSummary} required autosize minRows={2} {...form.bind('draftSummary')} />
        <Textarea label={b.draftBody} required autosize minRows={6} maxRows={20} {...form.bind('draftBody')} />
        {saved ? <Alert color="green" variant="light" role="status"><Text size="sm" fw={600}>{b.draftSaved}</Text></Alert> : null}
        <Group>
          <Button type="submit" loading={save.isPending}>{b.draftSave}</Button>
        </Group>
      </Stack>
    </form>
  );
}
