import { Alert, Button, Container, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { isApiError } from '../../../api/problem';
import { useI18n } from '../../../i18n/context';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { StatusBadgeNational } from '../components/StatusBadgeNational';
import { vnDate } from '../journey';
import { trackDossier } from '../queries';
import classes from '../components/Dossiers.module.css';
import termsClasses from '../../../components/Terms.module.css';

/** Public look-up by code and the last four digits of the ID or phone number: status and appointment only. */
export function TrackingPage() {
  const { t } = useI18n();
  const d = t.dossiers;
  useDocumentTitle(d.trackTitle);
  const [params, setParams] = useSearchParams();
  const [code, setCode] = useState(params.get('code') ?? '');
  const [key, setKey] = useState('');
  const [errors, setErrors] = useState<{ code?: string; key?: string }>({});
  const keyRef = useRef<HTMLInputElement>(null);
  const track = useMutation({ mutationFn: ({ code, key }: { code: string; key: string }) => trackDossier(code, key) });

  // From the QR code on the slip: the code is there, the four digits are what is left to type.
  useEffect(() => {
    if (params.get('code')) keyRef.current?.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const next: typeof errors = {};
    if (code.trim().length < 5) next.code = d.trackCodeRequired;
    if (!/^\d{4}$/.test(key.trim())) next.key = d.trackKeyInvalid;
    setErrors(next);
    if (next.code || next.key) return;
    setParams({ code: code.trim() }, { replace: true });
    track.mutate({ code: code.trim(), key: key.trim() });
  }

  const failure = track.error
    ? isApiError(track.error) && track.error.status === 429
      ? d.trackRateLimited
      : isApiError(track.error) && track.error.status === 404
        ? d.trackNotFound
        : isApiError(track.error) && track.error.status === 400
          ? (track.error.errors[0]?.message ?? track.error.title)
          : t.errors.network
    : null;

  return (
    <Container size="sm" py="lg" px="md">
      <Stack gap="md">
        <Title order={1}>{d.trackTitle}</Title>
        <Text>{d.trackLead}</Text>
        <Paper withBorder radius="md" p="md">
          <form noValidate onSubmit={onSubmit}>
            <Stack gap="md">
              <TextInput id="track-code" label={d.trackCode} description={d.trackCodeHint} value={code} onChange={(e) => setCode(e.currentTarget.value)} error={errors.code} autoComplete="off" autoCapitalize="characters" />
              <TextInput
                ref={keyRef}
                id="track-key"
                label={d.trackKey}
                value={key}
                onChange={(e) => setKey(e.currentTarget.value)}
                error={errors.key}
                inputMode="numeric"
                maxLength={4}
                autoComplete="off"
                maw={200}
              />
              <Button type="submit" size="md" loading={track.isPending}>
                {d.trackSubmit}
              </Button>
            </Stack>
          </form>
        </Paper>
        {failure ? (
          <Alert color="red" variant="light" role="alert">
            {failure}
          </Alert>
        ) : null}
        <div role="status">
        {track.data ? (
          <Paper withBorder radius="md" p="md" component="section" aria-labelledby="track-result">
            <Title order={2} size="h4" id="track-result" mb="xs">{d.trackResult}</Title>
            <dl className={termsClasses.terms}>
              <dt>{d.code}</dt>
              <dd className={classes.code}>{track.data.code}</dd>
              <dt>{d.status}</dt>
              <dd><StatusBadgeNational label={track.data.statusLabel} code={track.data.nationalStatus} /></dd>
              <dt>{d.appointment}</dt>
              <dd>{track.data.appointmentAt ? vnDate(track.data.appointmentAt) : d.appointmentAfterReception}</dd>
            </dl>
          </Paper>
        ) : null}
        </div>
      </Stack>
    </Container>
  );
}
