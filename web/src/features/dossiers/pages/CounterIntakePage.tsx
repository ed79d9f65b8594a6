import { Alert, Anchor, Button, Container, Paper, Radio, Select, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { isApiError } from '../../../api/problem';
import { ErrorState } from '../../../components/ErrorState';
import { useI18n } from '../../../i18n/context';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { procedureDetailQuery, procedureSearchQuery } from '../../procedures/queries';
import { AutosaveStatus } from '../components/AutosaveStatus';
import classes from '../components/Dossiers.module.css';
import { ComponentFiles } from '../components/ComponentFiles';
import { RequireUser } from '../components/RequireUser';
import { DossierForm } from '../form/DossierForm';
import { missingComponents, problemField } from '../journey';
import { dossierQuery, useSubmit } from '../queries';
import { useCounterIntake } from '../queries-office';
import type { Dossier } from '../types';
import { useAutosave } from '../use-autosave';
import { dossierFiles, dossierPaths } from '../urls';

/** A dossier handed in at the counter or by post: procedure and case, applicant, e-form, papers, receipt slip. */
export function CounterIntakePage() {
  const { t } = useI18n();
  useDocumentTitle(t.dossiers.counterTitle);
  return <RequireUser official>{() => <CounterIntake />}</RequireUser>;
}

function CounterIntake() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const id = params.get('ho-so');
  return (
    <Container size="sm" py="lg" px="md">
      <Stack gap="md">
        <Title order={1}>{t.dossiers.counterTitle}</Title>
        {id ? <IntakeDossier id={id} /> : <IntakeStart />}
      </Stack>
    </Container>
  );
}

function IntakeStart() {
  const { t } = useI18n();
  const d = t.dossiers;
  const [, setParams] = useSearchParams();
  const [query, setQuery] = useState('');
  const [searched, setSearched] = useState('');
  const [procedureCode, setProcedureCode] = useState<string | null>(null);
  const [caseCode, setCaseCode] = useState<string | null>(null);
  const [channel, setChannel] = useState<'IN_PERSON' | 'POSTAL'>('IN_PERSON');
  const [applicant, setApplicant] = useState({ fullName: '', personalIdNumber: '', phone: '', email: '', address: '' });
  const results = useQuery({ ...procedureSearchQuery({ q: searched, page: 1 }), enabled: Boolean(searched) });
  const procedure = useQuery({ ...procedureDetailQuery(procedureCode ?? ''), enabled: Boolean(procedureCode) });
  const create = useCounterIntake();
  const chosenCase = caseCode ?? (procedure.data?.cases.length === 1 ? procedure.data.cases[0]!.code : null);
  const fieldError = (name: string) => (isApiError(create.error) ? create.error.errors.find((e) => e.path.endsWith(name))?.message : undefined);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!procedureCode || !chosenCase) return;
    const blankToNull = (v: string) => (v.trim() ? v.trim() : null);
    create.mutate(
      {
        procedureCode,
        caseCode: chosenCase,
        channel,
        applicant: { fullName: applicant.fullName.trim(), personalIdNumber: blankToNull(applicant.personalIdNumber), phone: blankToNull(applicant.phone), email: blankToNull(applicant.email), address: blankToNull(applicant.address) },
        answers: {},
      },
      { onSuccess: (dossier) => setParams({ 'ho-so': dossier.id }) },
    );
  }

  const bind = (key: keyof typeof applicant) => ({
    id: `applicant-${key}`,
    value: applicant[key],
    onChange: (e: { currentTarget: { value: string } }) => {
      const value = e.currentTarget.value;
      setApplicant((a) => ({ ...a, [key]: value }));
    },
    error: fieldError(key),
  });

  return (
    <Stack gap="md">
      <Paper withBorder radius="md" p="md">
        <form
          role="search"
          onSubmit={(e) => {
            e.preventDefault();
            setProcedureCode(null);
            setCaseCode(null);
            setSearched(query.trim());
          }}
        >
          <Stack gap="sm">
            <TextInput id="counter-search" label={d.counterProcedure} description={d.counterProcedureHint} value={query} onChange={(e) => setQuery(e.currentTarget.value)} />
            <Button type="submit" variant="outline">{d.counterFind}</Button>
          </Stack>
        </form>
        {results.data ? (
          <Radio.Group label={d.procedure} value={procedureCode ?? ''} onChange={(v) => { setProcedureCode(v); setCaseCode(null); }} mt="md">
            <Stack gap={6} mt="xs">
              {results.data.items.slice(0, 8).map((p) => <Radio key={p.code} value={p.code} label={<span lang="vi">{p.code} — {p.name}</span>} />)}
            </Stack>
          </Radio.Group>
        ) : null}
      </Paper>
      {procedure.isError ? <ErrorState error={procedure.error} onRetry={() => void procedure.refetch()} /> : null}
      {procedure.data ? (
        <Paper withBorder radius="md" p="md">
          <form noValidate onSubmit={onSubmit}>
            <Stack gap="md">
              <Select
                id="counter-case"
                label={d.counterCase}
                data={procedure.data.cases.map((c) => ({ value: c.code, label: c.name }))}
                value={chosenCase}
                onChange={setCaseCode}
                allowDeselect={false}
              />
              <Radio.Group label={d.counterChannel} value={channel} onChange={(v) => setChannel(v as 'IN_PERSON' | 'POSTAL')}>
                <Stack gap={6} mt="xs">
                  <Radio value="IN_PERSON" label={d.counterChannelInPerson} />
                  <Radio value="POSTAL" label={d.counterChannelPostal} />
                </Stack>
              </Radio.Group>
              <Title order={2} size="h4">{d.counterApplicant}</Title>
              <TextInput label={d.fullName} required autoComplete="off" {...bind('fullName')} />
              <TextInput label={d.idNumber} inputMode="numeric" maxLength={12} autoComplete="off" {...bind('personalIdNumber')} />
              <TextInput label={d.phone} type="tel" inputMode="tel" autoComplete="off" {...bind('phone')} />
              <TextInput label={d.email} type="email" autoComplete="off" {...bind('email')} />
              <Textarea label={d.address} autosize minRows={2} {...bind('address')} />
              {create.error && !isApiError(create.error) ? <Alert color="red" role="alert">{t.errors.network}</Alert> : null}
              {isApiError(create.error) ? <Alert color="red" variant="outline" role="alert"><Text size="sm" lang="vi">{create.error.title}</Text></Alert> : null}
              <Button
                type="submit"
                size="md"
                loading={create.isPending}
                disabled={!chosenCase}
              >
                {d.counterCreate}
              </Button>
            </Stack>
          </form>
        </Paper>
      ) : null}
    </Stack>
  );
}

function IntakeDossier({ id }: { id: string }) {
  const { t } = useI18n();
  const dossier = useQuery(dossierQuery(id));
  if (dossier.isPending) return <Text aria-busy="true">{t.dossiers.loading}</Text>;
  if (dossier.isError) return <ErrorState error={dossier.error} onRetry={() => void dossier.refetch()} />;
  if (dossier.data.status !== 'INTAKE') return <IntakeDone dossier={dossier.data} />;
  return <IntakeForm dossier={dossier.data} />;
}

function IntakeForm({ dossier }: { dossier: Dossier }) {
  const { t } = useI18n();
  const d = t.dossiers;
  const autosave = useAutosave(dossier);
  const submit = useSubmit();
  const [key] = useState(() => `counter-${dossier.id}-${Date.now()}`);
  // The receive button checks the form: it waits until the form and its validators are on the page.
  const [formReady, setFormReady] = useState(false);
  const onFormReady = useCallback(() => setFormReady(true), []);
  const schema = dossier.form.schema as Parameters<typeof DossierForm>[0]['schema'];
  const uiSchema = dossier.form.uiSchema as Parameters<typeof DossierForm>[0]['uiSchema'];
  const serverErrors = isApiError(submit.error) ? submit.error.errors.filter((e) => e.path.startsWith('answers')).map((e) => ({ path: problemField(e.path), message: e.message })) : undefined;
  const missing = missingComponents(dossier);

  async function receive() {
    await autosave.flush();
    submit.mutate({ id: dossier.id, idempotencyKey: key });
  }

  return (
    <Stack gap="md">
      <Text lang="vi" fw={600}>{dossier.procedure.name} — {dossier.case.name}</Text>
      <Text size="sm" lang="vi">{d.applicant}: {dossier.applicant.fullName} · {d.channels[dossier.channel]}</Text>
      <Paper withBorder radius="md" p="sm" className={classes.autosaveBar}>
        <AutosaveStatus state={autosave.state} savedAt={autosave.savedAt} updatedAt={dossier.updatedAt} />
      </Paper>
      <DossierForm validatorUrl={dossier.form.validator ?? null} id="counter-form" onReady={onFormReady} schema={schema} uiSchema={uiSchema} answers={autosave.answers} onChange={autosave.setAnswers} errors={serverErrors} onSubmit={() => void receive()}>
        <></>
      </DossierForm>
      <Title order={2} size="h4">{d.attachTitle}</Title>
      <ComponentFiles dossier={dossier} headingLevel={3} />
      {missing.length ? <Text size="sm" c="red.9">{d.missingMandatory(missing.length)}</Text> : null}
      {isApiError(submit.error) ? (
        <Alert color="red" variant="outline" role="alert">
          <Text size="sm" fw={600} lang="vi">{submit.error.title}</Text>
          {submit.error.errors.length ? <ul lang="vi">{submit.error.errors.map((e) => <li key={e.path + e.message}>{e.message}</li>)}</ul> : null}
        </Alert>
      ) : null}
      <Button type="submit" form="counter-form" size="md" disabled={!formReady} loading={submit.isPending}>{d.counterReceive}</Button>
    </Stack>
  );
}

function IntakeDone({ dossier }: { dossier: Dossier }) {
  const { t } = useI18n();
  const d = t.dossiers;
  return (
    <Alert color="green" variant="light" role="status">
      <Text fw={700}>{d.counterDone(dossier.code ?? '')}</Text>
      <Stack gap={4} mt="sm">
        <Anchor href={dossierFiles.receipt(dossier.id)} target="_blank" rel="noopener" underline="always" fw={600}>{d.receiptPdf}</Anchor>
        <Anchor component={Link} to={dossierPaths.review(dossier.id)} underline="always">{d.viewDossier}</Anchor>
        <Anchor component={Link} to={dossierPaths.counter} reloadDocument underline="always">{d.counterAnother}</Anchor>
      </Stack>
    </Alert>
  );
}
