import { Alert, Anchor, Badge, Button, Container, Group, Loader, NativeSelect, Paper, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, Navigate } from 'react-router';
import { ErrorState } from '../../../components/ErrorState';
import { isApiError } from '../../../api/problem';
import { useI18n } from '../../../i18n/context';
import { formatIsoDate } from '../../../lib/format';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { ErrorSummary, type SummaryItem } from '../components/ErrorSummary';
import type { FieldErrors } from '../form-errors';
import { myInvitationsQuery, organisationsQuery, representationsQuery, representativeInvitationsQuery, representativesQuery, useAnswerInvitation, useAuthoriseRepresentative, useRevokeRepresentative } from '../flows';
import { meQuery } from '../queries';
import { ACCOUNT_PATH, loginHref } from '../redirect';
import { EMAIL_PATTERN, failFromServer } from '../submit-errors';
import type { Organisation, RepresentativeAuthorisation } from '../types';
import { useFormState } from '../use-form-state';

export const REPRESENTATIVES_PATH = '/tai-khoan/uy-quyen';

export function RepresentativesPage() {
  const { t } = useI18n();
  useDocumentTitle(t.reps.title);
  const me = useQuery(meQuery());
  const applicant = me.data?.kind === 'APPLICANT';
  const given = useQuery({ ...representativesQuery(), enabled: applicant });
  const received = useQuery({ ...representationsQuery(), enabled: applicant });
  const orgs = useQuery({ ...organisationsQuery(), enabled: applicant });
  const pending = useQuery({ ...representativeInvitationsQuery(), enabled: applicant });
  const invitations = useQuery({ ...myInvitationsQuery(), enabled: applicant });
  const answer = useAnswerInvitation();
  const [notice, setNotice] = useState<string>();

  if (me.isPending) return <Container size="sm" py="xl" aria-busy="true"><Loader size="sm" aria-hidden="true" /></Container>;
  if (!me.data) return <Navigate to={loginHref(REPRESENTATIVES_PATH)} replace />;
  if (!applicant) return <Navigate to={ACCOUNT_PATH} replace />;
  const validity = (from: string, to: string | null) => `${formatIsoDate(from)} – ${to ? formatIsoDate(to) : t.reps.indefinite}`;

  return (
    <Container size="sm" py="xl" px="md">
      <Stack gap="xl">
        <div>
          <Title order={1} mb="xs">{t.reps.title}</Title>
          <Text size="lg">{t.reps.lead}</Text>
        </div>
        {notice ? <Alert color="green" variant="light" role="status">{notice}</Alert> : null}
        <section aria-labelledby="reps-given" aria-busy={given.isPending ? 'true' : undefined}>
          <Title order={2} id="reps-given" mb="md">{t.reps.givenTitle}</Title>
          {given.isError ? <ErrorState error={given.error} onRetry={() => void given.refetch()} />
            : given.isPending ? <Loader size="sm" aria-hidden="true" />
            : given.data.length === 0 ? <Paper withBorder p="md" radius="md"><Text>{t.reps.givenEmpty}</Text></Paper>
            : (
              <Stack gap="md" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
                {given.data.map((r) => <GivenCard key={r.id} rep={r} validity={validity(r.validFrom, r.validTo)} onRevoked={() => setNotice(t.reps.revoked)} />)}
              </Stack>
            )}
        </section>
        <section aria-labelledby="my-invitations">
          <Title order={2} id="my-invitations" mb="md">{t.reps.invitationsTitle}</Title>
          {invitations.isError ? <ErrorState error={invitations.error} onRetry={() => void invitations.refetch()} />
            : invitations.isPending ? <Loader size="sm" aria-hidden="true" />
            : invitations.data.length === 0 ? <Paper withBorder p="md" radius="md"><Text>{t.reps.invitationsEmpty}</Text></Paper>
            : (
              <Stack gap="md" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
                {invitations.data.map((i) => (
                  <Paper component="li" key={i.id} withBorder p="md" radius="md">
                    <Stack gap={4}>
                      <Text fw={600}>{i.kind === 'MEMBER' ? t.reps.invitationMember(i.organisationName ?? '', i.invitedBy) : t.reps.invitationRep(i.invitedBy)}{i.kind === 'REPRESENTATIVE' && i.organisationName ? ` — ${t.reps.forOrg(i.organisationName)}` : ''}</Text>
                      {i.scope ? <Text size="sm">{t.reps.scope}: {i.scope}</Text> : null}
                      {i.validFrom ? <Text size="sm">{t.reps.validity}: {validity(i.validFrom, i.validTo)}</Text> : null}
                      {i.documentReference ? <Text size="sm">{t.reps.document}: {i.documentReference}</Text> : null}
                      <Group gap="xs">
                        <Button size="xs" loading={answer.isPending} onClick={() => answer.mutate({ id: i.id, decision: 'accept' }, { onSuccess: () => setNotice(t.reps.accepted) })}>{t.reps.accept}</Button>
                        <Button size="xs" variant="outline" loading={answer.isPending} onClick={() => answer.mutate({ id: i.id, decision: 'decline' }, { onSuccess: () => setNotice(t.reps.declined) })}>{t.reps.decline}</Button>
                      </Group>
                    </Stack>
                  </Paper>
                ))}
              </Stack>
            )}
          {answer.isError ? <Alert color="red" role="alert">{isApiError(answer.error) ? answer.error.title : t.errors.network}</Alert> : null}
        </section>
        {pending.data && pending.data.length > 0 ? (
          <section aria-labelledby="reps-pending">
            <Title order={2} id="reps-pending" mb="md">{t.reps.pendingTitle}</Title>
            <Stack gap="xs" component="ul" style={{ paddingInlineStart: '1.2em', margin: 0 }}>
              {pending.data.map((p) => <li key={p.id}>{p.email} — {p.statusLabel}{p.scope ? ` (${p.scope})` : ''}</li>)}
            </Stack>
          </section>
        ) : null}
        <section aria-labelledby="reps-received" aria-busy={received.isPending ? 'true' : undefined}>
          <Title order={2} id="reps-received" mb="md">{t.reps.receivedTitle}</Title>
          {received.isError ? <ErrorState error={received.error} onRetry={() => void received.refetch()} />
            : received.isPending ? <Loader size="sm" aria-hidden="true" />
            : received.data.length === 0 ? <Paper withBorder p="md" radius="md"><Text>{t.reps.receivedEmpty}</Text></Paper>
            : (
              <Stack gap="md" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
                {received.data.map((r) => (
                  <Paper component="li" key={r.id} withBorder p="md" radius="md">
                    <Stack gap={4}>
                      <Group justify="space-between" gap="xs">
                        <Title order={3} size="h4">{r.principal.name}{r.principal.taxCode ? ` (${t.orgs.taxCode} ${r.principal.taxCode})` : ''}</Title>
                        <InForce inForce={r.inForce} />
                      </Group>
                      <Text size="sm">{t.reps.scope}: {r.scope}</Text>
                      <Text size="sm">{t.reps.validity}: {validity(r.validFrom, r.validTo)}</Text>
                      {r.documentReference ? <Text size="sm">{t.reps.document}: {r.documentReference}</Text> : null}
                    </Stack>
                  </Paper>
                ))}
              </Stack>
            )}
        </section>
        <AuthoriseForm organisations={(orgs.data ?? []).filter((o) => o.role === 'OWNER')} onDone={() => setNotice(t.reps.created)} />
        <Anchor component={Link} to={ACCOUNT_PATH} underline="always">{t.accountLinks.back}</Anchor>
      </Stack>
    </Container>
  );
}

function InForce({ inForce }: { inForce: boolean }) {
  const { t } = useI18n();
  return <Badge variant="light" color={inForce ? 'green' : 'gray'}>{inForce ? t.reps.inForce : t.reps.notInForce}</Badge>;
}

/**
 * The confirmation is told through the promise, not `mutate`'s callback: the refreshed list no
 * longer holds the card, and an unmounted card's callbacks never run.
 */
function GivenCard({ rep, validity, onRevoked }: { rep: RepresentativeAuthorisation; validity: string; onRevoked: () => void }) {
  const { t } = useI18n();
  const revoke = useRevokeRepresentative();
  const [confirming, setConfirming] = useState(false);
  const name = rep.representative.fullName;
  return (
    <Paper component="li" withBorder p="md" radius="md">
      <Stack gap={4}>
        <Group justify="space-between" gap="xs">
          <Title order={3} size="h4">{name}{rep.representative.email ? ` (${rep.representative.email})` : ''}</Title>
          <InForce inForce={rep.inForce} />
        </Group>
        <Text size="sm">{rep.organisationName ? t.reps.forOrg(rep.organisationName) : t.reps.forMe}</Text>
        <Text size="sm">{t.reps.scope}: {rep.scope}</Text>
        <Text size="sm">{t.reps.validity}: {validity}</Text>
        {rep.documentReference ? <Text size="sm">{t.reps.document}: {rep.documentReference}</Text> : null}
        {revoke.isError ? <Alert color="red" role="alert">{isApiError(revoke.error) ? revoke.error.title : t.errors.network}</Alert> : null}
        {rep.inForce || (rep.validTo === null || rep.validFrom > new Date().toISOString().slice(0, 10)) ? (
          confirming ? (
            <Group gap="sm" mt="xs">
              <Text size="sm" fw={600}>{t.reps.revokeConfirm}</Text>
              <Button color="red.9" size="sm" loading={revoke.isPending} onClick={() => revoke.mutateAsync(rep.id).then(onRevoked, () => undefined)}>{t.reps.revoke}</Button>
              <Button variant="default" size="sm" onClick={() => setConfirming(false)}>{t.account.cancel}</Button>
            </Group>
          ) : (
            <Button variant="outline" color="red.9" size="sm" mt="xs" style={{ alignSelf: 'flex-start' }} aria-label={t.reps.revokeLabel(name)} onClick={() => setConfirming(true)}>{t.reps.revoke}</Button>
          )
        ) : null}
      </Stack>
    </Paper>
  );
}

type Field = 'onBehalf' | 'representativeEmail' | 'scope' | 'validFrom' | 'validTo' | 'documentReference';
const order: Field[] = ['onBehalf', 'representativeEmail', 'scope', 'validFrom', 'validTo', 'documentReference'];
const apiFields: Record<string, Field> = { organisationId: 'onBehalf', representativeEmail: 'representativeEmail', scope: 'scope', validFrom: 'validFrom', validTo: 'validTo', documentReference: 'documentReference' };

function AuthoriseForm({ organisations, onDone }: { organisations: Organisation[]; onDone: () => void }) {
  const { t } = useI18n();
  const authorise = useAuthoriseRepresentative();
  const empty = { onBehalf: '', representativeEmail: '', scope: '', validFrom: new Date().toISOString().slice(0, 10), validTo: '', documentReference: '' };
  const { values, setValues, errors, formError, attempt, bind, fail, clearErrors } = useFormState<Field>(empty);
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const local: FieldErrors<Field> = {};
    const email = values.representativeEmail.trim();
    if (!email) local.representativeEmail = t.password.emailRequired;
    else if (!EMAIL_PATTERN.test(email)) local.representativeEmail = t.password.emailInvalid;
    if (values.scope.trim().length < 5) local.scope = t.reps.scopeRequired;
    if (!values.validFrom) local.validFrom = t.reps.fromRequired;
    if (values.validFrom && values.validTo && values.validTo < values.validFrom) local.validTo = t.reps.toBeforeFrom;
    if (values.documentReference.trim().length < 3) local.documentReference = t.reps.documentRequired;
    if (Object.keys(local).length > 0) return fail(local);
    clearErrors();
    authorise.mutate(
      { representativeEmail: email, organisationId: values.onBehalf || null, scope: values.scope.trim(), validFrom: values.validFrom, validTo: values.validTo || null, documentReference: values.documentReference.trim() },
      {
        onSuccess: () => {
          setValues(empty);
          onDone();
        },
        onError: (error) => failFromServer(error, apiFields, fail, t, { 'identity.user_not_found': 'representativeEmail', 'identity.organisation_not_found': 'onBehalf' }),
      },
    );
  }
  const summary: SummaryItem[] = [...(formError ? [{ message: formError }] : []), ...order.flatMap((f) => (errors[f] ? [{ message: errors[f], fieldId: f }] : []))];
  return (
    <section aria-labelledby="reps-create">
      <Title order={2} id="reps-create" mb="md">{t.reps.createTitle}</Title>
      <Paper withBorder p="md" radius="md">
        <ErrorSummary items={summary} attempt={attempt} />
        <form noValidate onSubmit={onSubmit}>
          <Stack gap="md">
            <NativeSelect {...bind('onBehalf')} label={t.reps.onBehalf} data={[{ value: '', label: t.reps.forMe }, ...organisations.map((o) => ({ value: o.id, label: `${o.name} (${o.taxCode})` }))]} />
            <TextInput {...bind('representativeEmail')} label={t.reps.repEmail} description={t.reps.repEmailHint} type="email" autoComplete="off" spellCheck={false} />
            <Textarea {...bind('scope')} label={t.reps.scope} autosize minRows={2} />
            <Group grow align="flex-start" wrap="wrap" gap="md">
              <TextInput {...bind('validFrom')} label={t.reps.from} type="date" miw={150} />
              <TextInput {...bind('validTo')} label={t.reps.to} description={t.reps.toHint} type="date" miw={150} />
            </Group>
            <TextInput {...bind('documentReference')} label={t.reps.document} autoComplete="off" />
            <Button type="submit" loading={authorise.isPending} style={{ alignSelf: 'flex-start' }}>{t.reps.submit}</Button>
          </Stack>
        </form>
      </Paper>
    </section>
  );
}
