import '@mantine/charts/styles.css';
import '@mantine/core/styles/Table.css';
import { BarChart } from '@mantine/charts';
import { Alert, Container, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Fragment } from 'react';
import { useI18n } from '../../../i18n/context';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { ChartWithTable } from '../components/ChartWithTable';
import { ScrollTable } from '../components/ScrollTable';
import classes from '../components/Statistics.module.css';
import { formatCount, formatInstant, formatShare } from '../format';
import { publicStatisticsQuery, type PublicStatistics } from '../queries';

type Group = PublicStatistics['fields'][number]['procedures'][number];

/** /cong-khai — public figures on how the ministry resolves procedures this year. No personal data. */
export function TransparencyPage() {
  const { t, lang } = useI18n();
  const s = t.statistics;
  useDocumentTitle(s.publicTitle);
  const query = useQuery(publicStatisticsQuery);
  const d = query.data;
  const share = (v: number | null) => formatShare(v, lang, s.noValue);
  const cells = (g: Group) => [formatCount(g.received, lang), formatCount(g.resolved, lang), share(g.onTimeShare), share(g.onlineShare), share(g.averageRating), formatCount(g.apologies, lang)];
  const c = s.publicColumns;
  return (
    <Container size="lg" py="lg" px="md">
      <Stack gap="md">
        <Title order={1}>{s.publicTitle}</Title>
        {query.isPending ? <Group role="status"><Loader size="sm" aria-hidden /><Text>{s.loading}</Text></Group> : null}
        {query.isError ? <Alert color="red" role="alert">{t.errors.network}</Alert> : null}
        {d ? (
          <>
            <Text>{s.publicLead(d.year)} {s.publicUpdated(formatInstant(d.generatedAt, lang))}</Text>
            <Text size="sm">{s.publicSuppressed}</Text>
            <ChartWithTable
              title={s.publicChartTitle} summary={s.publicChartSummary} tableLabel={s.tableAlternative}
              chart={<BarChart h={260} barChartProps={{ accessibilityLayer: false }} data={d.fields.map((f) => ({ name: f.name, received: typeof f.received === 'number' ? f.received : 0, resolved: typeof f.resolved === 'number' ? f.resolved : 0 }))}
                dataKey="name" orientation="vertical" yAxisProps={{ width: 130 }} withLegend
                series={[{ name: 'received', label: c.received, color: 'blue.7' }, { name: 'resolved', label: c.resolved, color: 'teal.8' }]} />}
              headers={[c.name, c.received, c.resolved]}
              rows={d.fields.map((f) => [f.name, formatCount(f.received, lang), formatCount(f.resolved, lang)])}
            />
            <div className={classes.panel}>
              <ScrollTable label={s.publicTitle}>
                <Table withTableBorder>
                  <Table.Thead>
                    <Table.Tr>
                      {[c.name, c.received, c.resolved, c.onTime, c.online, c.rating, c.apologies].map((h) => <Table.Th scope="col" key={h}>{h}</Table.Th>)}
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {d.fields.map((f) => (
                      <Fragment key={f.code}>
                        <Table.Tr bg="gray.1">
                          <Table.Th scope="row">{f.name}</Table.Th>
                          {cells(f).map((v, i) => <Table.Td key={i} fw={700}>{v}</Table.Td>)}
                        </Table.Tr>
                        {f.procedures.map((p) => (
                          <Table.Tr key={p.code}>
                            <Table.Th scope="row" fw={400} pl="lg"><Text span size="sm">{p.code} — {p.name}</Text></Table.Th>
                            {cells(p).map((v, i) => <Table.Td key={i}>{v}</Table.Td>)}
                          </Table.Tr>
                        ))}
                      </Fragment>
                    ))}
                  </Table.Tbody>
                </Table>
              </ScrollTable>
            </div>
          </>
        ) : null}
      </Stack>
    </Container>
  );
}
