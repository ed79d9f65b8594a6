import '@mantine/core/styles/Table.css';
import { Anchor, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useI18n } from '../../../i18n/context';
import { applicantWithFiler } from '../../dossiers/applicant';
import { OriginBadge } from '../../dossiers/components/OriginBadge';
import { StatusBadge } from '../../dossiers/components/StatusBadge';
import { dueDateTime } from '../format';
import type { InboxItem } from '../types';
import { backofficePaths } from '../urls';
import { DeadlineBadge } from './DeadlineBadge';
import classes from './Backoffice.module.css';
import termsClasses from '../../../components/Terms.module.css';

/**
 * The dossiers of an inbox page, in the server's order (soonest due first): a table on wide
 * screens, stacked cards on phones (≤ 600 px). Each code opens the dossier's workspace.
 */
export function InboxList({ items, label }: { items: InboxItem[]; label: string }) {
  const { t } = useI18n();
  const b = t.backoffice;
  return (
    <>
      <div className={classes.table}>
        <Table.ScrollContainer minWidth={860}>
          <Table striped highlightOnHover verticalSpacing="sm" aria-label={label}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{b.colCode}</Table.Th>
                <Table.Th scope="col">{b.colProcedure}</Table.Th>
                <Table.Th scope="col">{b.colApplicant}</Table.Th>
                <Table.Th scope="col">{b.colStep}</Table.Th>
                <Table.Th scope="col">{b.colAssignee}</Table.Th>
                <Table.Th scope="col">{b.colDue}</Table.Th>
                <Table.Th scope="col">{b.colDeadline}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((item) => (
                <Table.Tr key={item.id} data-dossier-id={item.id}>
                  <Table.Th scope="row" fw="normal">
                    <Anchor component={Link} to={backofficePaths.workspace(item.id)} underline="always" className={classes.code}>
                      {item.code ?? item.id}
                    </Anchor>
                  </Table.Th>
                  <Table.Td>
                    <Text size="sm" lang="vi">{item.procedureName}</Text>
                    <Text size="xs" className={classes.muted}>{item.procedureCode}</Text>
                  </Table.Td>
                  <Table.Td lang="vi">
                    {applicantWithFiler(item.applicantName, item.filedByName, t.dossiers.filedBy)}
                    {item.origin === 'NSW' ? <div><OriginBadge origin={item.origin} /></div> : null}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" lang="vi">{item.stepName ?? '—'}</Text>
                    <Text size="xs" className={classes.muted}>{t.dossiers.statuses[item.status] ?? item.statusLabel}</Text>
                  </Table.Td>
                  <Table.Td lang="vi">{item.assignee?.fullName ?? <Text span size="sm" fs="italic">{b.unassigned}</Text>}</Table.Td>
                  <Table.Td className={classes.nowrap}>{item.dueAt ? <time dateTime={item.dueAt}>{dueDateTime(item.dueAt)}</time> : b.noDue}</Table.Td>
                  <Table.Td><DeadlineBadge state={item.deadlineState} /></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </div>
      <ul className={classes.cards} aria-label={label}>
        {items.map((item) => (
          <li key={item.id}>
            <InboxCard item={item} />
          </li>
        ))}
      </ul>
    </>
  );
}

function InboxCard({ item }: { item: InboxItem }) {
  const { t } = useI18n();
  const b = t.backoffice;
  return (
    <Paper withBorder radius="md" p="md" component="article" aria-label={item.code ?? item.id}>
      <Stack gap={6}>
        <Group justify="space-between" align="flex-start" gap="xs">
          <Anchor component={Link} to={backofficePaths.workspace(item.id)} underline="always" className={classes.code}>
            {item.code ?? item.id}
          </Anchor>
          <DeadlineBadge state={item.deadlineState} />
        </Group>
        <Text lang="vi" fw={600}>{item.procedureName}</Text>
        <dl className={termsClasses.terms}>
          <dt>{b.colApplicant}</dt>
          <dd lang="vi">{applicantWithFiler(item.applicantName, item.filedByName, t.dossiers.filedBy)}</dd>
          <dt>{b.colStep}</dt>
          <dd lang="vi">{item.stepName ?? '—'}</dd>
          <dt>{b.colAssignee}</dt>
          <dd lang="vi">{item.assignee?.fullName ?? b.unassigned}</dd>
          <dt>{b.colDue}</dt>
          <dd>{item.dueAt ? <time dateTime={item.dueAt}>{dueDateTime(item.dueAt)}</time> : b.noDue}</dd>
        </dl>
        <Group gap="xs">
          <StatusBadge status={item.status} />
          <OriginBadge origin={item.origin} />
        </Group>
      </Stack>
    </Paper>
  );
}
