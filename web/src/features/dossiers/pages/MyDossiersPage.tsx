import { Anchor, Button, Container, Group, NativeSelect, Pagination, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ErrorState } from '../../../components/ErrorState';
import { useI18n } from '../../../i18n/context';
import { applicantWithFiler } from '../applicant';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { RequireUser } from '../components/RequireUser';
import { StatusBadge } from '../components/StatusBadge';
import { expiresSoon, vnDate, vnDateTime } from '../journey';
import { myDossiersQuery, useDeleteDraft } from '../queries';
import type { DossierStatus, MyDossierSummary } from '../types';
import { dossierPaths } from '../urls';
import classes from '../components/Dossiers.module.css';

const filterable: DossierStatus[] = ['DRAFT', 'SUBMITTED', 'SUPPLEMENT_REQUESTED', 'RESUBMITTED', 'RECEIVED', 'IN_PROGRESS', 'RESULT_READY', 'RESULT_RETURNED', 'REFUSED', 'WITHDRAWN'];

export function MyDossiersPage() {
  const { t } = useI18n();
  useDocumentTitle(t.dossiers.myTitle);
  return <RequireUser>{() => <MyDossiers />}</RequireUser>;
}

function MyDossiers() {
  const { t } = useI18n();
  const d = t.dossiers;
  const [params, setParams] = useSearchParams();
  const status = filterable.find((s) => s === params.get('trang-thai'));
  const page = Math.max(1, Number(params.get('trang')) || 1);
  const list = useQuery(myDossiersQuery(status ? [status] : [], page));
  const pages = list.data ? Math.max(1, Math.ceil(list.data.total / list.data.pageSize)) : 1;

  return (
    <Container size="md" py="lg" px="md">
      <Stack gap="md">
        <Title order={1}>{d.myTitle}</Title>
        {/* The phone's own list of choices: lighter than a custom combobox (no popover code on this page). */}
        <NativeSelect
          label={d.statusFilter}
          data={[{ value: '', label: d.allStatuses }, ...filterable.map((s) => ({ value: s, label: d.statuses[s]! }))]}
          value={status ?? ''}
          onChange={(e) => setParams(e.currentTarget.value ? { 'trang-thai': e.currentTarget.value } : {})}
          maw={360}
        />
        {list.isError ? <ErrorState error={list.error} onRetry={() => void list.refetch()} /> : null}
        {list.isPending ? <Text aria-busy="true">{d.loading}</Text> : null}
        {list.data && list.data.items.length === 0 ? (
          <Paper withBorder radius="md" p="lg">
            <Title order={2} size="h3">{d.emptyTitle}</Title>
            <Text mt="xs">{d.emptyText}</Text>
            <Button component={Link} to="/thu-tuc" mt="md">
              {d.findProcedure}
            </Button>
          </Paper>
        ) : null}
        {list.data && list.data.items.length > 0 ? (
          <ul className={classes.list} aria-label={d.listLabel}>
            {list.data.items.map((item) => (
              <li key={item.id}>
                <DossierCard item={item} />
              </li>
            ))}
          </ul>
        ) : null}
        {list.data && pages > 1 ? (
          <Group justify="center">
            <Pagination
              total={pages}
              value={page}
              onChange={(p) => setParams({ ...(status ? { 'trang-thai': status } : {}), trang: String(p) })}
              getControlProps={(control) => ({ 'aria-label': control === 'next' ? d.nextPage : control === 'previous' ? d.previousPage : control })}
              getItemProps={(p) => ({ 'aria-label': d.page(p, pages) })}
            />
          </Group>
        ) : null}
      </Stack>
    </Container>
  );
}

function DossierCard({ item }: { item: MyDossierSummary }) {
  const { t } = useI18n();
  const d = t.dossiers;
  const draft = item.status === 'DRAFT';
  const href = draft ? dossierPaths.resume(item.id) : dossierPaths.detail(item.id);
  const remove = useDeleteDraft();
  const [confirming, setConfirming] = useState(false);
  return (
    <Paper withBorder radius="md" p="md" component="article" aria-label={item.code ?? d.draftCode}>
      <Stack gap={6}>
        <Group justify="space-between" align="flex-start" gap="xs">
          {/* A code is read character by character (monospace); "Bản nháp (chưa có mã)" is words. */}
          <Text className={item.code ? classes.code : undefined} fw={item.code ? undefined : 700} size="md">
            {item.code ?? d.draftCode}
          </Text>
          <StatusBadge status={item.status} />
        </Group>
        <Text lang="vi" fw={600}>{item.procedure.name}</Text>
        <Text size="sm" lang="vi" c="gray.8">{item.caseName}</Text>
        <Text size="sm" lang="vi">{d.applicant}: {applicantWithFiler(item.applicantName, item.filedByName, d.filedBy)}</Text>
        <Text size="sm">
          {/* Two drafts of one procedure differ by when they were last saved: show the time too. */}
          {item.submittedAt ? `${d.submittedOn}: ${vnDate(item.submittedAt)}` : `${draft ? d.savedOn : d.updatedOn}: ${vnDateTime(item.updatedAt)}`}
          {item.appointmentAt ? ` · ${d.appointment}: ${vnDate(item.appointmentAt)}` : ''}
        </Text>
        {draft && item.completeness ? (
          <Text size="sm" data-testid="draft-completeness">
            {d.completeness(item.completeness.requiredFields.filled, item.completeness.requiredFields.total, item.completeness.missingDocuments)}
          </Text>
        ) : null}
        {draft && expiresSoon(item.draftExpiresAt) ? <Text size="sm" c="orange.9">{d.expiresSoon(vnDate(item.draftExpiresAt!))}</Text> : null}
        <Anchor component={Link} to={href} underline="always" fw={600}>
          {draft ? d.continueDraft : d.viewDossier}
          <span className="visually-hidden"> {item.code ?? item.procedure.name}</span>
        </Anchor>
        {draft && !confirming ? (
          <Button variant="subtle" color="red" c="red.9" size="compact-sm" style={{ alignSelf: 'flex-start' }} onClick={() => setConfirming(true)} aria-label={`${d.deleteDraft}: ${item.procedure.name}`}>
            {d.deleteDraft}
          </Button>
        ) : null}
        {draft && confirming ? (
          <Stack gap={6} role="group" aria-label={d.deleteDraftConfirm}>
            <Text size="sm" fw={600}>{d.deleteDraftConfirm}</Text>
            <Group gap="xs">
              <Button color="red.9" size="compact-sm" loading={remove.isPending} onClick={() => remove.mutate(item.id)}>
                {d.deleteDraftYes}
              </Button>
              <Button variant="default" size="compact-sm" onClick={() => setConfirming(false)}>
                {d.deleteDraftNo}
              </Button>
            </Group>
          </Stack>
        ) : null}
        {remove.isError ? (
          <Text size="sm" c="red.9" role="alert">
            {d.deleteDraftFailed}
          </Text>
        ) : null}
      </Stack>
    </Paper>
  );
}
