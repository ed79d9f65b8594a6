import { Alert, Container, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useRef } from 'react';
import { Navigate, useParams, useSearchParams } from 'react-router';
import { isApiError } from '../../../api/problem';
import { ErrorState } from '../../../components/ErrorState';
import { NotFoundMessage } from '../../../components/NotFoundMessage';
import { PageLoading } from '../../../components/PageLoading';
import { useI18n } from '../../../i18n/context';
import { loadTexts } from '../../../i18n/language';
import { useDocumentTitle } from '../../../lib/use-document-title';
import type { Me } from '../../account/types';
import { JourneyProgress } from '../components/JourneyProgress';
import { RequireUser } from '../components/RequireUser';
import { expiresSoon, FORM_STEP, resumeStep, REVIEW_STEP, stepFromSearch, vnDate } from '../journey';
import { dossierQuery } from '../queries';
import type { Dossier } from '../types';
import { dossierPaths } from '../urls';
import { useAutosave } from '../use-autosave';

/*
 * Each step is its own file, fetched when the step opens: the form step (applicant, autosave,
 * documents; the e-form engine comes after it, on its own) and the review step (answers, delivery,
 * fees, submission), each with its section of the texts (dossiers-journey-{form,review}.vi.ts). The
 * page loads the step it shows; the other is fetched once the browser is idle.
 */
const loadFormStep = () => Promise.all([import('./JourneyFormStep'), loadTexts(['dossierJourneyForm'])]).then(([m]) => m);
const loadReviewStep = () => Promise.all([import('./JourneyReviewStep'), loadTexts(['dossierJourneyReview'])]).then(([m]) => m);
const FormStep = lazy(() => loadFormStep().then((m) => ({ default: m.FormStep })));
const ReviewStep = lazy(() => loadReviewStep().then((m) => ({ default: m.ReviewStep })));

/** Fetches the step the applicant will probably open next, when the browser has nothing else to do. */
function usePrefetchStep(step: number) {
  useEffect(() => {
    const load = step === FORM_STEP ? loadReviewStep : loadFormStep;
    const idle = window.requestIdleCallback ?? ((cb: () => void) => window.setTimeout(cb, 2000));
    const cancel = window.cancelIdleCallback ?? window.clearTimeout;
    const handle = idle(() => void load().catch(() => undefined));
    return () => cancel(handle);
  }, [step]);
}

/** Steps 2–4 of the online filing of one draft; the address holds the draft and the step. */
export function JourneyPage() {
  const { t } = useI18n();
  useDocumentTitle(t.dossiers.journeyTitle);
  return <RequireUser>{(me) => <JourneyLoader me={me} />}</RequireUser>;
}

function JourneyLoader({ me }: { me: Me }) {
  const { t } = useI18n();
  const id = useParams().dossierId ?? '';
  const dossier = useQuery(dossierQuery(id));
  // The step named in the address comes beside the dossier, not after it.
  const named = stepFromSearch(useSearchParams()[0].get('buoc'));
  useEffect(() => void (named === REVIEW_STEP ? loadReviewStep() : loadFormStep()).catch(() => undefined), [named]);
  if (dossier.isPending) {
    return (
      <Container size="sm" py="lg" aria-busy="true">
        <Text>{t.dossiers.loading}</Text>
      </Container>
    );
  }
  if (dossier.isError) {
    const notFound = isApiError(dossier.error) && dossier.error.status === 404;
    return (
      <Container size="sm" py="lg">
        {notFound ? <NotFoundMessage title={t.dossiers.notFound} text={t.dossiers.notFoundText} /> : <ErrorState error={dossier.error} onRetry={() => void dossier.refetch()} />}
      </Container>
    );
  }
  if (dossier.data.status !== 'DRAFT') return <Navigate to={dossier.data.submittedAt ? dossierPaths.done(id) : dossierPaths.detail(id)} replace />;
  return <Journey me={me} dossier={dossier.data} />;
}

/** Opened without a step (from “Hồ sơ của tôi”, another device): go where the dossier needs the applicant. */
function useResumeStep(dossier: Dossier) {
  const [params, setParams] = useSearchParams();
  const missing = params.get('buoc') === null;
  useEffect(() => {
    if (missing) setParams({ buoc: String(resumeStep(dossier)) }, { replace: true });
  }, [missing, dossier, setParams]);
}

function Journey({ me, dossier }: { me: Me; dossier: Dossier }) {
  const { t } = useI18n();
  const d = t.dossiers;
  const [params, setParams] = useSearchParams();
  useResumeStep(dossier);
  const step = stepFromSearch(params.get('buoc'));
  const autosave = useAutosave(dossier);
  const headingRef = useRef<HTMLHeadingElement>(null);

  const goTo = async (next: number) => {
    await autosave.flush();
    setParams({ buoc: String(next) });
  };
  // Each step starts at its heading, for screen readers and small screens.
  useEffect(() => {
    headingRef.current?.focus();
    window.scrollTo({ top: 0 });
  }, [step]);

  usePrefetchStep(step);

  const stepTitle = d.steps[step - 1]!;
  return (
    <Container size="sm" py="lg" px="md">
      <JourneyProgress step={step} />
      <Stack gap="md">
        <div>
          <Title order={1} size="h2" ref={headingRef} tabIndex={-1}>
            {stepTitle}
          </Title>
          <Text size="sm" c="gray.8" lang="vi" mt={4}>
            {dossier.procedure.name} — {dossier.case.name}
          </Text>
        </div>
        {expiresSoon(dossier.draftExpiresAt) ? (
          <Alert color="orange" variant="light" role="note">
            {d.expiresSoon(vnDate(dossier.draftExpiresAt!))}
          </Alert>
        ) : null}
        <Suspense fallback={<PageLoading />}>
          {step === FORM_STEP ? <FormStep me={me} dossier={dossier} autosave={autosave} onNext={() => void goTo(REVIEW_STEP)} /> : null}
          {step === REVIEW_STEP ? <ReviewStep dossier={dossier} flush={autosave.flush} onBack={() => void goTo(FORM_STEP)} /> : null}
        </Suspense>
      </Stack>
    </Container>
  );
}

