import { Alert, Anchor, Button, Group, Paper, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useCallback, useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { sortByFormOrder } from '../../../../../common/forms/answers';
import type { JsonSchema } from '../../../../../common/forms/schema-walk';
import { isApiError, errorTitle } from '../../../api/problem';
import { useI18n } from '../../../i18n/context';
import { procedureDetailQuery } from '../../procedures/queries';
import { applicantWithFiler } from '../applicant';
import { AnswersReview } from '../components/AnswersReview';
import { DeliveryChoice, deliveryDraftOf, type DeliveryDraft, type DeliveryErrors } from '../components/DeliveryChoice';
import classes from '../components/Dossiers.module.css';
import { FeesComputing } from '../components/FeesFrame';
import { componentCardId, FILES_ANCHOR, FORM_STEP, missingComponents, problemField } from '../journey';
import { useChooseDelivery, useSubmit } from '../queries';
import type { Dossier } from '../types';
import { dossierPaths } from '../urls';

/*
 * The fee lines need the procedure's fee table (its detail query) before they can show anything: the
 * step asks for the table when it opens, and the lines' code (FeesDue, the fee rules of
 * common/payments/fees.ts) comes beside that request instead of with the step's file.
 */
const FeesDue = lazy(() => import('../components/FeesDue').then((m) => ({ default: m.FeesDue })));

/** Step 3 of the online filing: everything the applicant gave, the delivery choice, the fees, and "Nộp hồ sơ". */
export function ReviewStep({ dossier, flush, onBack }: { dossier: Dossier; flush: () => Promise<Dossier | undefined>; onBack: () => void }) {
  const { t } = useI18n();
  const d = t.dossiers;
  const navigate = useNavigate();
  // The fee table FeesDue reads, asked for now: it arrives beside FeesDue's code, not after it.
  useQuery(procedureDetailQuery(dossier.procedure.code));
  const submit = useSubmit();
  const chooseDelivery = useChooseDelivery();
  const [delivery, setDelivery] = useState<DeliveryDraft>(() => deliveryDraftOf(dossier));
  const [deliveryErrors, setDeliveryErrors] = useState<DeliveryErrors>({});
  const [error, setError] = useState<{ title: string; items: string[] } | null>(null);
  // "Nộp hồ sơ" waits for the fee lines: the applicant declares and submits having seen what is
  // due, and the button no longer moves when the lines arrive above it (a tap then missed it).
  const [feesShown, setFeesShown] = useState(false);
  const onFeesShown = useCallback(() => setFeesShown(true), []);
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
      } else setDeliveryErrors({ method: errorTitle(e) });
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
        onError: (e) => setError(isApiError(e) ? { title: e.title, items: e.errors.map((x) => x.message) } : { title: errorTitle(e), items: [] }),
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
      <Suspense fallback={<FeesComputing />}>
        <FeesDue dossier={dossier} deliveryMethod={delivery.method} onShown={onFeesShown} />
      </Suspense>
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
        <Button size="md" onClick={() => void onSubmit()} loading={submit.isPending || chooseDelivery.isPending} disabled={blocked || !feesShown}>
          {d.submit}
        </Button>
      </div>
    </>
  );
}
