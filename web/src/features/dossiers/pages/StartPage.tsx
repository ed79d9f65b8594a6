import { Alert, Button, Container, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { errorTitle } from '../../../api/problem';
import { ChoiceGroup } from '../../../components/ChoiceGroup';
import { ErrorState } from '../../../components/ErrorState';
import { useI18n } from '../../../i18n/context';
import { useDocumentTitle } from '../../../lib/use-document-title';
import type { Me } from '../../account/types';
import { procedureDetailQuery } from '../../procedures/queries';
import type { ProcedureDetail } from '../../procedures/types';
import { JourneyProgress } from '../components/JourneyProgress';
import { RequireUser } from '../components/RequireUser';
import { FORM_STEP, vnDateTime } from '../journey';
import { myDossiersQuery, useCreateDraft } from '../queries';
import { dossierPaths } from '../urls';
import { applicantOptions } from '../applicant-options';
import classes from '../components/Dossiers.module.css';

/** Step 1: the case (when the procedure has several online) and whom the applicant files for. */
export function StartPage() {
  const { t } = useI18n();
  useDocumentTitle(t.dossiers.journeyTitle);
  return <RequireUser>{(me) => <StartForProcedure me={me} />}</RequireUser>;
}

function StartForProcedure({ me }: { me: Me }) {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const code = params.get('thu-tuc') ?? '';
  const procedure = useQuery({ ...procedureDetailQuery(code), enabled: Boolean(code) });
  if (!code) return <Navigate to="/thu-tuc" replace />;
  return (
    <Container size="sm" py="lg" px="md">
      <JourneyProgress step={1} />
      {procedure.isPending ? <Text aria-busy="true">{t.dossiers.loading}</Text> : null}
      {procedure.isError ? <ErrorState error={procedure.error} onRetry={() => void procedure.refetch()} /> : null}
      {procedure.data ? <StartChoices me={me} procedure={procedure.data} initialCase={params.get('truong-hop') ?? ''} /> : null}
    </Container>
  );
}

function StartChoices({ me, procedure, initialCase }: { me: Me; procedure: ProcedureDetail; initialCase: string }) {
  const { t } = useI18n();
  const d = t.dossiers;
  const navigate = useNavigate();
  const create = useCreateDraft();
  const onlineCases = procedure.cases.filter((c) => c.capabilities.onlineSubmission);
  const [caseCode, setCaseCode] = useState(onlineCases.some((c) => c.code === initialCase) ? initialCase : onlineCases.length === 1 ? onlineCases[0]!.code : '');
  // Whom the draft is for is asked on the form's page ("Nộp cho ai"): it starts for the first.
  const { options: forOptions } = applicantOptions(me, procedure.applicantTypes, d);
  const [error, setError] = useState<string | null>(null);

  function start(chosenCase: string) {
    setError(null);
    create.mutate(
      { procedureCode: procedure.code, caseCode: chosenCase, onBehalfOf: forOptions[0]!.onBehalfOf },
      {
        onSuccess: (dossier) => void navigate(dossierPaths.step(dossier.id, FORM_STEP), { replace: true }),
        onError: (e) => setError(errorTitle(e)),
      },
    );
  }

  // Nothing to choose here: one online case (or the one the procedure page chose).
  const caseSettled = onlineCases.length === 1 || onlineCases.some((c) => c.code === initialCase);
  const nothingToChoose = caseSettled;
  // An unsubmitted draft for this procedure (and case, when settled): offer to continue it
  // rather than make another empty one on each tap; another is started only on purpose.
  const drafts = useQuery(myDossiersQuery(['DRAFT'], 1));
  const settledCaseName = caseSettled ? onlineCases.find((c) => c.code === caseCode)?.name : undefined;
  const existing = (drafts.data?.items ?? []).filter((i) => i.procedure.code === procedure.code && (!settledCaseName || i.caseName === settledCaseName));
  const [another, setAnother] = useState(false);
  const draftsKnown = drafts.isSuccess || drafts.isError;
  const offerDraft = draftsKnown && existing.length > 0 && !another;
  const started = useRef(false);
  useEffect(() => {
    if (!nothingToChoose || !draftsKnown || offerDraft || started.current) return;
    started.current = true;
    start(caseCode);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [nothingToChoose, draftsKnown, offerDraft]);

  if (offerDraft) {
    const latest = existing[0]!;
    return (
      <Stack gap="md">
        <Title order={1} size="h2">
          {d.draftExistsTitle}
        </Title>
        <Text lang="vi" fw={600}>
          {procedure.name}
        </Text>
        <Paper withBorder p="md" radius="md">
          <Stack gap="sm">
            <Text lang="vi">{latest.caseName}</Text>
            <Text>{d.draftExistsText(vnDateTime(latest.updatedAt), latest.applicantName)}</Text>
            <div className={classes.actions}>
              <Button component={Link} to={dossierPaths.resume(latest.id)} size="md">
                {d.continueExistingDraft}
              </Button>
              <Button variant="default" size="md" onClick={() => setAnother(true)}>
                {d.startAnother}
              </Button>
            </div>
          </Stack>
        </Paper>
      </Stack>
    );
  }

  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        {d.journeyTitle}
      </Title>
      <Text lang="vi" fw={600}>
        {procedure.name}
      </Text>
      {onlineCases.length === 0 ? <Alert color="orange" variant="light">{d.noOnlineCase}</Alert> : null}
      {error ? (
        <Alert color="red" variant="light" role="alert">
          <Text lang="vi" size="sm">{error}</Text>
        </Alert>
      ) : null}
      {nothingToChoose && !error ? <Text aria-busy="true">{d.loading}</Text> : null}
      {onlineCases.length > 0 && (!nothingToChoose || error) ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (caseCode) start(caseCode);
          }}
        >
          <Stack gap="md">
            {onlineCases.length > 1 ? (
              <Paper withBorder p="md" radius="md">
                <ChoiceGroup legend={d.caseLegend} value={caseCode} onChange={setCaseCode} required gap={10} options={onlineCases.map((c) => ({ value: c.code, label: <span lang="vi">{c.name}</span> }))} />
              </Paper>
            ) : null}
            <div className={classes.actions}>
              <Button type="submit" size="md" loading={create.isPending} disabled={!caseCode}>
                {d.start}
              </Button>
            </div>
          </Stack>
        </form>
      ) : null}
    </Stack>
  );
}
