import '@mantine/charts/styles.css';
import '@mantine/core/styles/Table.css';
import { BarChart, LineChart } from '@mantine/charts';
import { Alert, Anchor, Badge, Button, Container, Group, Loader, NativeSelect, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../../../i18n/context';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { formatVnd } from '../../../lib/format';
import { RequireUser } from '../../dossiers/components/RequireUser';
import { hasRole } from '../../backoffice/access';
import { backofficePaths } from '../../backoffice/urls';
import { ChartWithTable } from '../components/ChartWithTable';
import { ScrollTable } from '../components/ScrollTable';
import classes from '../components/Statistics.module.css';
import { formatInstant, formatShare, todayInVietnam } from '../format';
import { dashboardQuery, reportFileUrl, reportQuery, type Grouping } from '../queries';

/** /can-bo/thong-ke — leaders' and unit heads' dashboard and reports (their units only). */
export function StatisticsDashboardPage() {
  const { t } = useI18n();
  const s = t.statistics;
  useDocumentTitle(s.dashboardTitle);
  return (
    <RequireUser>
      {(me) =>
        hasRole(me, 'LEADER') || hasRole(me, 'UNIT_HEAD') ? (
          <Dashboard />
        ) : (
          <Container size="sm" py="xl">
            <Text role="alert">{s.leaderOnly}</Text>
          </Container>
        )
      }
    </RequireUser>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div className={classes.figure}>
      <Text size="sm" c="dimmed">{label}</Text>
      <Text fw={700} size="xl">{value}</Text>
    </div>
  );
}

function Dashboard() {
  const { t, lang } = useI18n();
  const s = t.statistics;
  const today = todayInVietnam();
  const thisYear = Number(today.slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const query = useQuery(dashboardQuery(year));
  const d = query.data;
  const pct = (v: number | null | undefined) => formatShare(v, lang, s.noValue);
  return (
    <Container size="lg" py="lg" px="md">
      <Stack gap="md">
        <Title order={1}>{s.dashboardTitle}</Title>
        <Text>{s.dashboardLead}</Text>
        <NativeSelect label={s.year} w={160} value={String(year)} onChange={(e) => setYear(Number(e.currentTarget.value))}
          data={[thisYear, thisYear - 1, thisYear - 2].map((y) => String(y))} />
        {query.isPending ? (
          <Group role="status"><Loader size="sm" aria-hidden /><Text>{s.loading}</Text></Group>
        ) : null}
        {query.isError ? <Alert color="red" role="alert">{t.errors.network}</Alert> : null}
        {d ? (
          <>
            <SimpleGrid cols={{ base: 2, sm: 5 }}>
              <Figure label={s.figures.received} value={String(d.totals.received)} />
              <Figure label={s.figures.resolved} value={String(d.totals.resolved)} />
              <Figure label={s.figures.onTime} value={`${pct(d.totals.onTimeRate)} %`} />
              <Figure label={s.figures.online} value={`${pct(d.totals.onlineShare)} %`} />
              <Figure label={s.figures.overdue} value={String(d.totals.pendingOverdue)} />
            </SimpleGrid>
            <ChartWithTable
              title={s.trendTitle} summary={s.trendSummary} tableLabel={s.tableAlternative}
              chart={<LineChart h={240} lineChartProps={{ accessibilityLayer: false }} data={d.months} dataKey="month" withLegend
                series={[{ name: 'received', label: s.receivedSeries, color: 'blue.7' }, { name: 'resolved', label: s.resolvedSeries, color: 'teal.8' }, { name: 'resolvedLate', label: s.lateSeries, color: 'red.8' }]} />}
              headers={[s.month, s.receivedSeries, s.resolvedSeries, s.lateSeries, s.onTimeRate]}
              rows={d.months.map((m) => [m.month, m.received, m.resolved, m.resolvedLate, pct(m.onTimeRate)])}
            />
            <SimpleGrid cols={{ base: 1, md: 2 }}>
              <ChartWithTable
                title={s.byUnitTitle} summary={s.onTimeSummary} tableLabel={s.tableAlternative}
                chart={<BarChart h={220} barChartProps={{ accessibilityLayer: false }} data={d.byUnit.map((u) => ({ name: u.label, rate: u.onTimeRate ?? 0 }))} dataKey="name" orientation="vertical" yAxisProps={{ width: 120 }}
                  series={[{ name: 'rate', label: s.onTimeRate, color: 'blue.7' }]} />}
                headers={[s.unit, s.onTimeRate, s.resolvedCount, s.overdueCount]}
                rows={d.byUnit.map((u) => [u.label, pct(u.onTimeRate), u.resolved, u.pendingOverdue])}
              />
              <ChartWithTable
                title={s.byFieldTitle} summary={s.onTimeSummary} tableLabel={s.tableAlternative}
                chart={<BarChart h={220} barChartProps={{ accessibilityLayer: false }} data={d.byField.map((u) => ({ name: u.label, rate: u.onTimeRate ?? 0 }))} dataKey="name" orientation="vertical" yAxisProps={{ width: 120 }}
                  series={[{ name: 'rate', label: s.onTimeRate, color: 'teal.8' }]} />}
                headers={[s.field, s.onTimeRate, s.resolvedCount, s.overdueCount]}
                rows={d.byField.map((u) => [u.label, pct(u.onTimeRate), u.resolved, u.pendingOverdue])}
              />
            </SimpleGrid>
            <section aria-labelledby="attention-title" className={classes.panel}>
              <Title order={2} size="h3" id="attention-title" mb="xs">{s.attentionTitle}</Title>
              {d.attention.length === 0 ? <Text>{s.attentionEmpty}</Text> : (
                <ScrollTable label={s.attentionTitle}>
                  <Table striped>
                    <Table.Thead>
                      <Table.Tr><Table.Th scope="col">{s.code}</Table.Th><Table.Th scope="col">{s.procedure}</Table.Th><Table.Th scope="col">{s.due}</Table.Th><Table.Th scope="col">{s.state}</Table.Th></Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {d.attention.map((a) => (
                        <Table.Tr key={a.dossierId}>
                          <Table.Td>
                            <Anchor component={Link} to={backofficePaths.workspace(a.dossierId)} aria-label={s.open(a.code ?? a.dossierId)}>{a.code ?? a.dossierId}</Anchor>
                          </Table.Td>
                          <Table.Td>{a.procedure}</Table.Td>
                          <Table.Td>{formatInstant(a.dueAt, lang)}</Table.Td>
                          <Table.Td><Badge color={a.state === 'DUE_SOON' ? 'yellow.4' : 'red.9'} variant="filled" autoContrast>{s.states[a.state]}</Badge></Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </ScrollTable>
              )}
            </section>
            <section aria-labelledby="uptake-title" className={classes.panel}>
              <Title order={2} size="h3" id="uptake-title" mb="xs">{s.uptakeTitle}</Title>
              <SimpleGrid cols={{ base: 2, sm: 4 }}>
                <Figure label={s.uptake.procedures} value={String(d.coverage.procedures)} />
                <Figure label={s.uptake.proceduresOnline} value={String(d.coverage.proceduresOnline)} />
                <Figure label={s.uptake.proceduresWithDossiers} value={String(d.coverage.proceduresWithDossiers)} />
                <Figure label={s.uptake.filedOnline} value={`${d.totals.filedOnline} / ${d.totals.filedInOnlineProcedures}`} />
                <Figure label={s.uptake.paidOnline} value={`${d.totals.paidOnline} / ${d.totals.paid}`} />
                <Figure label={s.uptake.fees} value={formatVnd(d.totals.feesCollected, lang)} />
                <Figure label={s.uptake.rating} value={d.totals.ratingAverage === null ? s.noValue : `${pct(d.totals.ratingAverage)} / 5`} />
              </SimpleGrid>
            </section>
            <ReportSection defaultFrom={`${year}-01-01`} defaultTo={year === thisYear ? today : `${year}-12-31`} key={year} />
          </>
        ) : null}
      </Stack>
    </Container>
  );
}

function ReportSection({ defaultFrom, defaultTo }: { defaultFrom: string; defaultTo: string }) {
  const { t, lang } = useI18n();
  const s = t.statistics;
  const [from, setFrom] = useState(defaultFrom);
  const [to, setTo] = useState(defaultTo);
  const [groupBy, setGroupBy] = useState<Grouping>('field');
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(from) && /^\d{4}-\d{2}-\d{2}$/.test(to) && from <= to;
  const query = useQuery({ ...reportQuery(from, to, groupBy), enabled: valid });
  const r = query.data;
  const pct = (v: number | null | undefined) => formatShare(v, lang, s.noValue);
  const cols = ['received', 'carriedOver', 'resolvedEarly', 'resolvedOnTime', 'resolvedLate', 'pendingWithin', 'pendingOverdue'] as const;
  return (
    <section aria-labelledby="report-title" className={classes.panel}>
      <Title order={2} size="h3" id="report-title">{s.reportTitle}</Title>
      <Text size="sm" mb="sm">{s.reportLead}</Text>
      <Group align="flex-end" wrap="wrap" gap="sm">
        <TextInput type="date" label={s.from} value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
        <TextInput type="date" label={s.to} value={to} onChange={(e) => setTo(e.currentTarget.value)} />
        <NativeSelect label={s.groupBy} value={groupBy} onChange={(e) => setGroupBy(e.currentTarget.value as Grouping)}
          data={(['field', 'unit', 'procedure', 'case'] as const).map((g) => ({ value: g, label: s.groupings[g]! }))} />
        <Button component="a" href={valid ? reportFileUrl(from, to, groupBy, 'xlsx') : undefined} download>{s.downloadXlsx}</Button>
        <Button component="a" variant="default" href={valid ? reportFileUrl(from, to, groupBy, 'csv') : undefined} download>{s.downloadCsv}</Button>
        <Button component="a" variant="default" href={valid ? reportFileUrl(from, to, groupBy, 'pdf') : undefined} download>{s.downloadPdf}</Button>
        <Button component="a" variant="default" href={valid ? reportFileUrl(from, to, groupBy, 'xlsx', 'late') : undefined} download>{s.downloadLateXlsx}</Button>
        <Button component="a" variant="default" href={valid ? reportFileUrl(from, to, groupBy, 'pdf', 'late') : undefined} download>{s.downloadLatePdf}</Button>
      </Group>
      {r ? (
        <>
          <ScrollTable label={s.reportTitle}>
            <Table striped withTableBorder>
              <Table.Caption>{`${s.reportTitle}: ${r.from} – ${r.to}`}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{s.groupings[groupBy]}</Table.Th>
                  {cols.map((c) => <Table.Th scope="col" key={c}>{s.columns[c]}</Table.Th>)}
                  <Table.Th scope="col">{s.columns.onTimeRate}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {r.rows.map((row) => (
                  <Table.Tr key={row.key}>
                    <Table.Th scope="row">{row.label}</Table.Th>
                    {cols.map((c) => <Table.Td key={c}>{row[c]}</Table.Td>)}
                    <Table.Td>{pct(row.onTimeRate)}</Table.Td>
                  </Table.Tr>
                ))}
                <Table.Tr>
                  <Table.Th scope="row">{s.total}</Table.Th>
                  {cols.map((c) => <Table.Td key={c} fw={700}>{r.totals[c]}</Table.Td>)}
                  <Table.Td fw={700}>{pct(r.totals.onTimeRate)}</Table.Td>
                </Table.Tr>
              </Table.Tbody>
            </Table>
          </ScrollTable>
          <Title order={3} size="h4" mt="md" mb="xs">{s.indicatorsTitle}</Title>
          <ScrollTable label={s.indicatorsTitle}>
            <Table>
              <Table.Tbody>
                {r.indicators.map((i) => (
                  <Table.Tr key={i.name}>
                    <Table.Th scope="row">{i.group}: {i.name}</Table.Th>
                    <Table.Td>{i.value === null ? s.noValue : `${pct(i.value)} ${i.unit}`}</Table.Td>
                    <Table.Td><Text size="sm" c="dimmed">{i.rule}</Text></Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        </>
      ) : null}
    </section>
  );
}
