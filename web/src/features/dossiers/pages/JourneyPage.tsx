import { Alert, Anchor, Button, Container, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState, type ComponentProps } from 'react';
import { Link, Navigate, useNavigate, useParams, useSearchParams } from 'react-router';
import { isApiError } from '../../../api/problem';
import { ErrorState } from '../../../components/ErrorState';
import { NotFoundMessage } from '../../../components/NotFoundMessage';
import { useI18n } from '../../../i18n/context';
import { applicantWithFiler } from '../applicant';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { AnswersReview } from '../components/AnswersReview';
import { ApplicantChoice } from '../components/ApplicantChoice';
import { AutosaveStatus } from '../components/AutosaveStatus';
import type { Me } from '../../account/types';
import { ComponentFiles, componentCardId } from '../components/ComponentFiles';
import { JourneyProgress } from '../components/JourneyProgress';
import { RequireUser } from '../components/RequireUser';
import { PageLoading } from '../../../components/PageLoading';
import { sortByFormOrder } from '../../../../../common/forms/answers';
import type { JsonSchema } from '../../../../../common/forms/schema-walk';
import { expiresSoon, FILES_ANCHOR, FORM_STEP, missingComponents, problemField, resumeStep, REVIEW_STEP, stepFromSearch, vnDate } from '../journey';
import { dossierQuery, useChooseDelivery, useSubmit } from '../queries';
import { FeesDue } from '../components/FeesDue';
import { DeliveryChoice, deliveryDraftOf, type DeliveryDraft, type DeliveryErrors } from '../components/DeliverySection';
import type { Dossier } from '../types';
import { useAutosave } from '../use-autosave';
import { dossierPaths } from '../urls';
import classes from '../components/Dossiers.module.css';

// The e-form engine (rjsf, Ajv, date pickers) is its own file, fetched when the form step opens.
const DossierForm = lazy(() => import('../form/DossierForm').then((m) => ({ default: m.DossierForm })));

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
        {step === FORM_STEP ? <FormStep me={me} dossier={dossier} autosave={autosave} onNext={() => void goTo(REVIEW_STEP)} /> : null}
        {step === REVIEW_STEP ? <ReviewStep dossier={dossier} flush={autosave.flush} onBack={() => void goTo(FORM_STEP)} /> : null}
      </Stack>
    </Container>
  );
}

/**
 * The e-form, then the documents it needs (FormSG style, one page): "Tiếp tục" checks both at
 * once, marks each missing document in place, and goes on only when nothing is missing.
 */
function FormStep({ me, dossier, autosave, onNext }: { me: Me; dossier: Dossier; autosave: ReturnType<typeof useAutosave>; onNext: () => void }) {
  const { t } = useI18n();
  const d = t.dossiers;
  const schema = dossier.form.schema as ComponentProps<typeof DossierForm>['schema'];
  const uiSchema = dossier.form.uiSchema as ComponentProps<typeof DossierForm>['uiSchema'];
  const missing = missingComponents(dossier);
  const [tried, setTried] = useState(false);
  const [attempt, setAttempt] = useState(0);
  // "Tiếp tục" checks the form: it waits until the form and its validators are on the page.
  const [formReady, setFormReady] = useState(false);
  const onFormReady = useCallback(() => setFormReady(true), []);
  const alertRef = useRef<HTMLDivElement>(null);
  // The form is complete but documents are missing: bring the applicant to the list of them.
  useEffect(() => {
    if (attempt === 0) return;
    alertRef.current?.scrollIntoView({ block: 'start' });
    alertRef.current?.focus();
  }, [attempt]);
  // Opened from a link to the documents (the review's "Sửa"): start there.
  useEffect(() => {
    if (window.location.hash === `#${FILES_ANCHOR}`) document.getElementById(FILES_ANCHOR)?.scrollIntoView({ block: 'start' });
  }, []);
  const goToComponent = (componentId: string) => {
    const card = document.getElementById(componentCardId(componentId));
    card?.scrollIntoView({ block: 'center' });
    card?.querySelector<HTMLElement>('button')?.focus();
  };
  return (
    <>
      <ApplicantChoice me={me} dossier={dossier} onChange={autosave.changeApplicant} />
      <Text size="sm">{d.formHint}</Text>
      <Paper withBorder radius="md" p="sm" className={classes.autosaveBar}>
        <AutosaveStatus state={autosave.state} savedAt={autosave.savedAt} updatedAt={dossier.updatedAt} />
      </Paper>
      <Suspense fallback={<PageLoading />}>
        <DossierForm validatorUrl={dossier.form.validator ?? null} id="dossier-form" onReady={onFormReady} schema={schema} uiSchema={uiSchema} answers={autosave.answers} onChange={autosave.setAnswers} onSubmit={() => (missing.length > 0 ? setAttempt((n) => n + 1) : onNext())}>
          <></>
        </DossierForm>
      </Suspense>
      {dossier.components.length > 0 ? (
        <div role="region" aria-labelledby={`${FILES_ANCHOR}-title`} id={FILES_ANCHOR}>
          <Title order={2} size="h3" id={`${FILES_ANCHOR}-title`} mb={4}>{d.attachTitle}</Title>
          <Text size="sm" mb="sm">{d.attachHint}</Text>
          {attempt > 0 && missing.length > 0 ? (
            <Alert color="red" variant="outline" role="alert" ref={alertRef} tabIndex={-1} mb="sm">
              <Text size="sm" fw={600}>{d.missingMandatory(missing.length)}</Text>
              <ul>
                {missing.map((c) => (
                  <li key={c.id} lang="vi">
                    <a
                      href={`#${componentCardId(c.id)}`}
                      onClick={(e) => {
                        e.preventDefault();
                        goToComponent(c.id);
                      }}
                    >
                      {c.name}
                    </a>
                  </li>
                ))}
              </ul>
            </Alert>
          ) : null}
          <ComponentFiles dossier={dossier} flagMissing={tried} headingLevel={3} />
        </div>
      ) : null}
      <div className={classes.actions}>
        <Button component={Link} to={`/thu-tuc/${encodeURIComponent(dossier.procedure.code)}`} variant="default" size="md">
          {d.back}
        </Button>
        <Button type="submit" form="dossier-form" size="md" disabled={!formReady} onClick={() => setTried(true)}>
          {d.next}
        </Button>
      </div>
    </>
  );
}

function ReviewStep({ dossier, flush, onBack }: { dossier: Dossier; flush: () => Promise<Dossier | undefined>; onBack: () => void }) {
  const { t } = useI18n();
  const d = t.dossiers;
  const navigate = useNavigate();
  const submit = useSubmit();
  const chooseDelivery = useChooseDelivery();
  const [delivery, setDelivery] = useState<DeliveryDraft>(() => deliveryDraftOf(dossier));
  const [deliveryErrors, setDeliveryErrors] = useState<DeliveryErrors>({});
  const [error, setError] = useState<{ title: string; items: string[] } | null>(null);
  const idempotencyKey = useMemo(() => `web-${dossier.id}-${crypto.randomUUID()}`, [dossier.id]);
  const missing = missingComponents(dossier);
  const blocked = dossier.problems.length > 0 || missing.length > 0;

  /** Saves the delivery choice; false (with the problems shown) when it is missing or refused. */
  async function saveDelivery(): Promise<boolean> {
    if (dossier.delivery.options.length === 0) return true;
    const dd = d.delivery;
    if (!delivery.method) {
      setDeliveryErrors({ method: dd.required });
      return false;
    }
    const postal = delivery.method === 'POSTAL';
    if (postal) {
      const missing: DeliveryErrors = {};
      if (delivery.recipientName.trim().length < 2) missing.recipientName = dd.recipientNameError;
      if (!/^0\d{9,10}$/.test(delivery.phone.trim())) missing.phone = dd.phoneError;
      if (delivery.address.trim().length < 5) missing.address = dd.addressError;
      if (Object.keys(missing).length) {
        setDeliveryErrors(missing);
        return false;
      }
    }
    setDeliveryErrors({});
    try {
      await chooseDelivery.mutateAsync({
        id: dossier.id,
        body: { method: delivery.method, address: postal ? { recipientName: delivery.recipientName.trim(), phone: delivery.phone.trim(), address: delivery.address.trim() } : null },
      });
      return true;
    } catch (e) {
      if (isApiError(e)) {
        const found: DeliveryErrors = {};
        for (const p of e.errors) {
          const key = p.path.endsWith('recipientName') ? 'recipientName' : p.path.endsWith('phone') ? 'phone' : p.path.endsWith('address.address') || p.path === 'body.address' ? 'address' : 'method';
          found[key] ??= p.message;
        }
        setDeliveryErrors(Object.keys(found).length ? found : { method: e.title });
      } else setDeliveryErrors({ method: String(e) });
      return false;
    }
  }

  async function onSubmit() {
    const deliverySaved = await saveDelivery();
    if (!deliverySaved) return;
    setError(null);
    await flush();
    submit.mutate(
      { id: dossier.id, idempotencyKey, declaration: d.declaration },
      {
        onSuccess: (done) => void navigate(dossierPaths.done(done.id), { replace: true }),
        onError: (e) => setError(isApiError(e) ? { title: e.title, items: e.errors.map((x) => x.message) } : { title: String(e), items: [] }),
      },
    );
  }

  const editLink = (step: number, what: string, anchor?: string) => (
    <Anchor component={Link} to={`${dossierPaths.step(dossier.id, step)}${anchor ? `#${anchor}` : ''}`} underline="always" size="sm" aria-label={`${d.edit}: ${what}`}>
      {d.edit}
    </Anchor>
  );

  return (
    <>
      {blocked ? (
        <Alert color="red" variant="outline" role="alert">
          <Text size="sm" fw={600}>{d.reviewBlocked}</Text>
          <ul lang="vi">
            {sortByFormOrder(dossier.form.schema as JsonSchema, dossier.form.uiSchema as JsonSchema | undefined, dossier.problems.map((p) => ({ ...p, path: problemField(p.path) }))).map((p) => (
              <li key={p.path + p.message}>
                <Anchor component={Link} to={dossierPaths.step(dossier.id, FORM_STEP)} size="sm" underline="always">
                  {p.message}
                </Anchor>
              </li>
            ))}
            {missing.map((c) => (
              <li key={c.id}>
                <Anchor component={Link} to={`${dossierPaths.step(dossier.id, FORM_STEP)}#${componentCardId(c.id)}`} size="sm" underline="always">
                  {c.name}
                </Anchor>
              </li>
            ))}
          </ul>
        </Alert>
      ) : null}
      <Paper withBorder radius="md" p="md" component="section" aria-labelledby="review-applicant">
        <Title order={2} size="h4" id="review-applicant" mb="xs">{d.reviewApplicant}</Title>
        <Text lang="vi">{applicantWithFiler(dossier.applicant.fullName, dossier.applicant.filedByName, d.filedBy)}</Text>
        <Text size="sm" c="gray.8" lang="vi">{dossier.case.name}</Text>
      </Paper>
      <Paper withBorder radius="md" p="md" component="section" aria-labelledby="review-form">
        <Group justify="space-between" mb="xs">
          <Title order={2} size="h4" id="review-form">{d.reviewForm}</Title>
          {editLink(FORM_STEP, d.reviewForm)}
        </Group>
        <AnswersReview dossier={dossier} />
      </Paper>
      <Paper withBorder radius="md" p="md" component="section" aria-labelledby="review-files">
        <Group justify="space-between" mb="xs">
          <Title order={2} size="h4" id="review-files">{d.reviewFiles}</Title>
          {editLink(FORM_STEP, d.reviewFiles, FILES_ANCHOR)}
        </Group>
        <ul className={classes.list} lang="vi">
          {dossier.components.map((c) => (
            <li key={c.id}>
              <Text size="sm" fw={600}>{c.name}</Text>
              <Text size="sm" c={c.attachments.length || c.filledByForm ? 'gray.8' : c.mandatory ? 'red.9' : 'gray.8'}>
                {c.attachments.length ? c.attachments.map((a) => a.fileName).join(', ') : c.filledByForm ? d.filledByFormReview : d.noFile}
              </Text>
            </li>
          ))}
        </ul>
      </Paper>
      <DeliveryChoice dossier={dossier} value={delivery} onChange={setDelivery} errors={deliveryErrors} postalFee={dossier.delivery.postalFee} />
      <FeesDue dossier={dossier} deliveryMethod={delivery.method} />
      {error ? (
        <Alert color="red" variant="outline" role="alert">
          <Text size="sm" fw={600} lang="vi">{error.title}</Text>
          {error.items.length ? (
            <ul lang="vi">
              {error.items.map((m) => <li key={m}>{m}</li>)}
            </ul>
          ) : null}
        </Alert>
      ) : null}
      {/* The declaration is made by pressing "Nộp hồ sơ" (GOV.UK's declaration pattern); its text goes with the submission. */}
      <Paper withBorder radius="md" p="md" component="section" aria-labelledby="review-declaration">
        <Title order={2} size="h4" id="review-declaration" mb="xs">{d.declarationTitle}</Title>
        <Text size="sm" data-testid="declaration">{d.declaration}</Text>
      </Paper>
      <div className={classes.actions}>
        <Button variant="default" size="md" onClick={onBack}>
          {d.back}
        </Button>
        <Button size="md" onClick={() => void onSubmit()} loading={submit.isPending || chooseDelivery.isPending} disabled={blocked}>
          {d.submit}
        </Button>
      </div>
    </>
  );
}
