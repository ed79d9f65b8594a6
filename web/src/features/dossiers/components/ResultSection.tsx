import { Alert, Anchor, Button, Group, Paper, Radio, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { isApiError } from '../../../api/problem';
import { useI18n } from '../../../i18n/context';
import { ErrorSummary, type SummaryItem } from '../../account/components/ErrorSummary';
import { vnDate } from '../journey';
import { useRate } from '../queries-detail';
import type { Dossier } from '../types';
import { dossierFiles } from '../urls';
import classes from './Dossiers.module.css';
import termsClasses from '../../../components/Terms.module.css';

/** "Kết quả giải quyết": the issued result, its number and date, and its download when the applicant may have it now. */
export function ResultBox({ dossier }: { dossier: Dossier }) {
  const { t } = useI18n();
  const d = t.dossiers;
  const result = dossier.result;
  if (!result) return null;
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="result-title" style={{ borderColor: 'var(--mantine-color-green-8)', borderWidth: 2 }}>
      <Title order={2} size="h3" id="result-title">{d.resultTitle}</Title>
      <Text lang="vi" fw={600} mt="xs">{result.title}</Text>
      <dl className={termsClasses.terms}>
        {result.number ? (<><dt>{d.resultNumber}</dt><dd>{result.number}</dd></>) : null}
        {result.issuedAt ? (<><dt>{d.resultDate}</dt><dd>{vnDate(result.issuedAt)}</dd></>) : null}
      </dl>
      {result.downloadable ? (
        <Button component="a" href={dossierFiles.result(dossier.id)} target="_blank" rel="noopener" mt="sm">{d.resultDownload}</Button>
      ) : (
        <Text size="sm" mt="sm">{d.resultAtCounter}</Text>
      )}
    </Paper>
  );
}

/** Apology letters (template 04) with their new appointment. */
export function ApologiesBox({ dossier }: { dossier: Dossier }) {
  const { t } = useI18n();
  const d = t.dossiers;
  if (dossier.apologies.length === 0) return null;
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="apologies-title">
      <Title order={2} size="h4" id="apologies-title" mb="xs">{d.apologiesTitle}</Title>
      <ul className={classes.list}>
        {dossier.apologies.map((a, i) => (
          <li key={a.documentId}>
            {a.reason ? <Text size="sm" lang="vi">{a.reason}</Text> : null}
            {a.newAppointmentAt ? <Text size="sm" fw={600}>{d.apologyNewAppointment}: {vnDate(a.newAppointmentAt)}</Text> : null}
            <Anchor href={dossierFiles.document(dossier.id, a.documentId)} target="_blank" rel="noopener" underline="always" size="sm" fw={600}>
              {d.apologyPdf(i + 1)}
            </Anchor>
          </li>
        ))}
      </ul>
    </Paper>
  );
}

/** The satisfaction rating, once the result is returned: five labelled choices and an optional comment; thanks afterwards. */
export function RatingBox({ dossier }: { dossier: Dossier }) {
  const { t } = useI18n();
  const d = t.dossiers;
  const rate = useRate();
  const [score, setScore] = useState('');
  const [comment, setComment] = useState('');
  const [errors, setErrors] = useState<{ score?: string; comment?: string; other?: string }>({});
  const [attempt, setAttempt] = useState(0);
  const [thanked, setThanked] = useState(false);

  if (dossier.status !== 'RESULT_RETURNED') return null;
  if (dossier.rating) {
    return (
      <Alert color="green" variant="light" role="status" title={d.ratingTitle}>
        {thanked ? <Text fw={600}>{d.ratingThanks}</Text> : null}
        <Text size="sm">{d.ratingGiven(d.ratingLevels[dossier.rating.score - 1] ?? String(dossier.rating.score))}</Text>
      </Alert>
    );
  }

  const summary: SummaryItem[] = [
    ...(errors.score ? [{ message: errors.score, fieldId: 'rating-score' }] : []),
    ...(errors.comment ? [{ message: errors.comment, fieldId: 'rating-comment' }] : []),
    ...(errors.other ? [{ message: errors.other }] : []),
  ];

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="rating-title">
      <Title order={2} size="h3" id="rating-title" mb="sm">{d.ratingTitle}</Title>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!score) {
            setErrors({ score: d.ratingRequired });
            setAttempt((n) => n + 1);
            return;
          }
          rate.mutate(
            { id: dossier.id, score: Number(score), comment: comment.trim() || undefined },
            {
              onSuccess: () => setThanked(true),
              onError: (error) => {
                const found: typeof errors = {};
                if (isApiError(error)) {
                  for (const p of error.errors) {
                    if (p.path.endsWith('score')) found.score ??= p.message;
                    else if (p.path.endsWith('comment')) found.comment ??= p.message;
                  }
                  if (!found.score && !found.comment) found.other = error.title;
                } else found.other = t.errors.network;
                setErrors(found);
                setAttempt((n) => n + 1);
              },
            },
          );
        }}
      >
        <Stack gap="md">
          <ErrorSummary items={summary} attempt={attempt} />
          <Radio.Group label={d.ratingLegend} value={score} onChange={setScore} error={errors.score} required>
            <Stack gap={8} mt="xs">
              {d.ratingLevels.map((label, i) => (
                <Radio key={label} id={i === 0 ? 'rating-score' : undefined} value={String(i + 1)} label={label} />
              ))}
            </Stack>
          </Radio.Group>
          <Textarea id="rating-comment" label={d.ratingComment} autosize minRows={2} maxLength={2000} value={comment} onChange={(e) => setComment(e.currentTarget.value)} error={errors.comment} />
          <Group>
            <Button type="submit" loading={rate.isPending}>{d.ratingSubmit}</Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
