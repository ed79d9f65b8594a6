import { Alert, Anchor, Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { errorTitle } from '../../../api/problem';
import { ErrorState } from '../../../components/ErrorState';
import { useI18n } from '../../../i18n/context';
import { organisationClaimsQuery, useRefuseClaim, useVerifyClaim } from '../queries';
import type { OrganisationClaim } from '../types';
import { Busy } from './UnitsPanel';


/** /quan-tri/xac-minh-to-chuc: organisation claims whose proof waits for a decision. */
export function OrganisationClaimsPanel() {
  const { t } = useI18n();
  const claims = useQuery(organisationClaimsQuery());
  const [done, setDone] = useState<string>();
  return (
    <Stack gap="md">
      <Title order={2}>{t.admin.claimsTitle}</Title>
      <Text>{t.admin.claimsLead}</Text>
      {done ? <Alert color="green" variant="light" role="status">{done}</Alert> : null}
      {claims.isError ? <ErrorState error={claims.error} onRetry={() => void claims.refetch()} /> : null}
      {claims.isPending ? <Busy /> : null}
      {claims.data && claims.data.length === 0 ? <Paper withBorder p="md" radius="md"><Text>{t.admin.claimsEmpty}</Text></Paper> : null}
      {claims.data && claims.data.length > 0 ? (
        <Stack gap="md" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {claims.data.map((claim) => <ClaimCard key={claim.id} claim={claim} onDone={setDone} />)}
        </Stack>
      ) : null}
    </Stack>
  );
}

function ClaimCard({ claim, onDone }: { claim: OrganisationClaim; onDone: (message: string) => void }) {
  const { t } = useI18n();
  const a = t.admin;
  const verify = useVerifyClaim();
  const refuse = useRefuseClaim();
  const [reason, setReason] = useState('');
  const [refusing, setRefusing] = useState(false);
  const [error, setError] = useState<string>();
  const fail = (e: unknown) => setError(errorTitle(e));
  const reasonId = `reason-${claim.id}`;
  function onRefuse(event: FormEvent) {
    event.preventDefault();
    if (reason.trim().length < 5) return setError(a.claimReasonRequired);
    setError(undefined);
    refuse.mutate({ organisationId: claim.id, reason: reason.trim() }, { onSuccess: () => onDone(a.claimRefused(claim.name)), onError: fail });
  }
  return (
    <Paper component="li" withBorder p="md" radius="md" aria-labelledby={`claim-${claim.id}`}>
      <Stack gap="xs">
        <Title order={3} size="h4" id={`claim-${claim.id}`} lang="vi">{claim.name}</Title>
        <Text size="sm">{t.orgs.taxCode}: <strong>{claim.taxCode}</strong></Text>
        {claim.address ? <Text size="sm" lang="vi">{claim.address}</Text> : null}
        <Text size="sm">{a.claimOwners}: <span lang="vi">{claim.owners.map((o) => (o.email ? `${o.fullName} (${o.email})` : o.fullName)).join(', ')}</span></Text>
        {claim.proof ? (
          <Anchor href={`/api/v1/admin/organisation-claims/${encodeURIComponent(claim.id)}/proof`} target="_blank" rel="noopener" underline="always">
            {a.claimProof(claim.proof.fileName)}
          </Anchor>
        ) : null}
        {claim.verifiedSameTaxCode ? <Alert color="orange" variant="light"><Text size="sm" lang="vi">{a.claimSameTaxCode(claim.verifiedSameTaxCode.name)}</Text></Alert> : null}
        {error && !refusing ? <Alert color="red" variant="light" role="alert"><Text size="sm">{error}</Text></Alert> : null}
        {refusing ? (
          <form noValidate onSubmit={onRefuse}>
            <Stack gap="xs">
              <Textarea id={reasonId} label={a.claimReason} description={a.claimReasonHint} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={error} required autosize minRows={2} />
              <Group gap="sm">
                <Button type="submit" color="red.8" loading={refuse.isPending}>{a.claimRefuse}</Button>
                <Button variant="default" onClick={() => { setRefusing(false); setError(undefined); }}>{a.cancel}</Button>
              </Group>
            </Stack>
          </form>
        ) : (
          <Group gap="sm">
            <Button disabled={Boolean(claim.verifiedSameTaxCode)} loading={verify.isPending} onClick={() => verify.mutate(claim.id, { onSuccess: () => onDone(a.claimVerified(claim.name)), onError: fail })}>
              {a.claimVerify}
            </Button>
            <Button variant="outline" color="red.8" onClick={() => setRefusing(true)}>{a.claimRefuse}</Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
