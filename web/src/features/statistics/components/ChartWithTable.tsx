import '@mantine/core/styles/Table.css';
import { Box, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { ScrollTable } from './ScrollTable';
import classes from './Statistics.module.css';

/**
 * A chart for sighted readers (hidden from assistive technology) and the same figures as a table,
 * which screen readers read and anyone can open under the chart.
 */
export function ChartWithTable({ title, summary, tableLabel, chart, headers, rows }: {
  title: string;
  /** One sentence saying what the chart shows. */
  summary: string;
  tableLabel: string;
  chart: ReactNode;
  headers: string[];
  rows: (string | number)[][];
}) {
  return (
    <section aria-label={title} className={classes.panel}>
      <Text fw={600} component="h3" size="md" mb={4}>{title}</Text>
      <Text size="sm" c="dimmed" mb="xs">{summary}</Text>
      <Box aria-hidden="true" inert className={classes.chart}>{chart}</Box>
      <details className={classes.details}>
        <summary>{tableLabel}</summary>
        <ScrollTable label={tableLabel}>
          <Table striped withTableBorder>
            <Table.Caption>{title}</Table.Caption>
            <Table.Thead>
              <Table.Tr>{headers.map((h) => <Table.Th key={h} scope="col">{h}</Table.Th>)}</Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r, i) => (
                <Table.Tr key={i}>{r.map((c, j) => (j === 0 ? <Table.Th key={j} scope="row">{c}</Table.Th> : <Table.Td key={j}>{c}</Table.Td>))}</Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      </details>
    </section>
  );
}
