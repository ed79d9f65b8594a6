import { Button, Checkbox, Group, Pagination, Paper, SegmentedControl, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { ErrorState } from '../../../components/ErrorState';
import { useI18n } from '../../../i18n/context';
import { activeFilterCount, inboxApiQuery, inboxStatuses, readInboxFilters, writeInboxFilters, type DeadlineFilter, type InboxFilters, type InboxStatus, type Scope } from '../inbox-params';
import { inboxQuery } from '../queries';
import type { InboxQuery } from '../types';
import { InboxList } from './InboxList';
import classes from './Backoffice.module.css';
import '../styles';

/**
 * An inbox page body: heading, scope (mine / the unit), filters kept in the address, the list and
 * server-side pages. `role` makes it one role's queue (LEADER: the signing queue, the unit's only).
 */
export function InboxView({ title, lead, role }: { title: string; lead: string; role?: InboxQuery['role'] }) {
  const { t } = useI18n();
  const b = t.backoffice;
  const [params, setParams] = useSearchParams();
  const defaults = { scope: (role ? 'unit' : 'mine') as Scope };
  const filters = readInboxFilters(params, defaults);
  const list = useQuery(inboxQuery(inboxApiQuery(filters, role)));
  const pages = list.data ? Math.max(1, Math.ceil(list.data.total / list.data.pageSize)) : 1;
  const go = (next: Partial<InboxFilters>) => setParams(writeInboxFilters({ ...filters, page: 1, ...next }, defaults));
  const [code, setCode] = useState(filters.procedureCode ?? '');
  const filtered = activeFilterCount(filters) > 0;

  return (
    <Stack gap="md">
      <div>
        <Title order={1}>{title}</Title>
        <Text size="sm" className={classes.muted}>{lead}</Text>
      </div>
      {role ? null : (
        <SegmentedControl
          value={filters.scope}
          onChange={(v) => go({ scope: v as Scope, unassigned: false })}
          data={[{ value: 'mine', label: b.scopeMine }, { value: 'unit', label: b.scopeUnit }]}
          aria-label={b.scopeLabel}
          maw={420}
          fullWidth
        />
      )}
      <Paper withBorder radius="md" p="md" component="form" role="search" aria-label={b.filters} onSubmit={(e) => { e.preventDefault(); go({ procedureCode: code.trim() || undefined }); }}>
        <div className={classes.filters}>
          <Select
            label={b.statusFilter}
            data={[{ value: '', label: b.allStatuses }, ...inboxStatuses.map((s) => ({ value: s, label: t.dossiers.statuses[s] ?? s }))]}
            value={filters.status ?? ''}
            onChange={(v) => go({ status: (v || undefined) as InboxStatus | undefined })}
            allowDeselect={false}
          />
          <Select
            label={b.deadlineFilter}
            data={[{ value: '', label: b.allDeadlines }, ...(['overdue', 'due_soon', 'on_track'] as const).map((d) => ({ value: d, label: b.deadlineOptions[d]! }))]}
            value={filters.deadline ?? ''}
            onChange={(v) => go({ deadline: (v || undefined) as DeadlineFilter | undefined })}
            allowDeselect={false}
          />
          <TextInput label={b.procedureFilter} placeholder={b.procedureFilterHint} value={code} onChange={(e) => setCode(e.currentTarget.value)} />
          <Group gap="xs">
            <Button type="submit" variant="outline">{b.applyFilters}</Button>
            {filtered ? (
              <Button variant="subtle" onClick={() => { setCode(''); go({ status: undefined, deadline: undefined, procedureCode: undefined, unassigned: false }); }}>
                {b.clearFilters}
              </Button>
            ) : null}
          </Group>
        </div>
        {filters.scope === 'unit' ? (
          <Checkbox mt="sm" label={b.unassignedFilter} checked={filters.unassigned} onChange={(e) => go({ unassigned: e.currentTarget.checked })} />
        ) : null}
      </Paper>
      {list.isError ? <ErrorState error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.isPending ? <Text aria-busy="true">{b.loading}</Text> : null}
      {list.data ? (
        <Text size="sm" role="status" fw={600}>{b.total(list.data.total)}</Text>
      ) : null}
      {list.data && list.data.items.length === 0 ? (
        <Paper withBorder radius="md" p="lg">
          <Text>{filtered ? b.emptyFiltered : b.empty}</Text>
        </Paper>
      ) : null}
      {list.data && list.data.items.length > 0 ? <InboxList items={list.data.items} label={b.listLabel} /> : null}
      {list.data && pages > 1 ? (
        <Group justify="center">
          <Pagination
            total={pages}
            value={filters.page}
            onChange={(p) => setParams(writeInboxFilters({ ...filters, page: p }, defaults))}
            getItemProps={(p) => ({ 'aria-label': b.page(p, pages) })}
            getControlProps={(control) => ({ 'aria-label': control === 'next' ? b.nextPage : control === 'previous' ? b.previousPage : control })}
          />
        </Group>
      ) : null}
    </Stack>
  );
}
