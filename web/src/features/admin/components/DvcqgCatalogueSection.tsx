import '@mantine/core/styles/Table.css';
import { Alert, Anchor, Badge, Button, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorState } from '../../../components/ErrorState';
import { useI18n } from '../../../i18n/context';
import { dvcqgCatalogueQuery, usePullDvcqgCatalogue } from '../queries';
import classes from './AdminPanels.module.css';
import { Busy } from './UnitsPanel';

type Comparison = 'IN_SYNC' | 'DIFFERENT' | 'MISSING' | 'NOT_PUBLISHED';
const comparisons: Comparison[] = ['DIFFERENT', 'MISSING', 'NOT_PUBLISHED', 'IN_SYNC'];
const colors: Record<Comparison, string> = { IN_SYNC: 'teal.9', DIFFERENT: 'orange.9', MISSING: 'red.9', NOT_PUBLISHED: 'gray.8' };

function when(iso: string) {
  return new Intl.DateTimeFormat('vi-VN', { dateStyle: 'short', timeStyle: 'medium', timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date(iso));
}

/** The national catalogue compared with OpenDVC's (the last pull), on the sync page; a pull on demand. */
export function DvcqgCatalogueSection({ enabled }: { enabled: boolean }) {
  const { t } = useI18n();
  const m = t.admin.dvcqg.catalogue;
  const catalogue = useQuery(dvcqgCatalogueQuery());
  const pull = usePullDvcqgCatalogue();
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const doPull = () => {
    setNotice(null);
    pull.mutate([], {
      onSuccess: (r) => setNotice({ ok: true, text: m.pulled(r.counts.DIFFERENT) }),
      onError: (e) => setNotice({ ok: false, text: e instanceof Error && e.message ? e.message : t.admin.dvcqg.failed }),
    });
  };

  return (
    <Stack gap="md" component="section" aria-labelledby="dvcqg-catalogue-title">
      <Title order={3} id="dvcqg-catalogue-title">{m.title}</Title>
      <Text>{m.lead}</Text>
      {notice ? (
        <Alert color={notice.ok ? 'green' : 'red'} variant="light" role={notice.ok ? 'status' : 'alert'}>{notice.text}</Alert>
      ) : null}
      {catalogue.isPending ? (
        <Busy />
      ) : catalogue.isError ? (
        <ErrorState error={catalogue.error} onRetry={() => void catalogue.refetch()} />
      ) : (
        <>
          <Paper withBorder radius="md" p="md">
            <Stack gap="sm">
              <Group justify="space-between" align="center" wrap="wrap">
                <Text>{catalogue.data.pulledAt ? `${m.lastPull}: ${when(catalogue.data.pulledAt)}` : m.never}</Text>
                {enabled ? <Button variant="outline" loading={pull.isPending} onClick={doPull}>{m.pull}</Button> : null}
              </Group>
              <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm" component="dl" aria-label={m.summary} m={0}>
                {comparisons.map((c) => (
                  <div key={c}>
                    <Text component="dt" size="sm">{m.comparisons[c]}</Text>
                    <Text component="dd" m={0} fw={700} size="lg">{catalogue.data.counts[c]}</Text>
                  </div>
                ))}
              </SimpleGrid>
            </Stack>
          </Paper>
          {catalogue.data.items.length === 0 ? (
            <Paper withBorder radius="md" p="md"><Text>{m.none}</Text></Paper>
          ) : (
            <ul className={classes.cards} aria-label={m.list}>
              {catalogue.data.items.map((item) => (
                <li key={item.code}>
                  <Paper withBorder radius="md" p="md">
                    <Stack gap="xs">
                      <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
                        <Stack gap={2} className={classes.wrap}>
                          <Text fw={700}>{item.code}</Text>
                          <Text size="sm">{item.name}</Text>
                        </Stack>
                        <Badge color={colors[item.comparison]} variant="outline">{m.comparisons[item.comparison]}</Badge>
                      </Group>
                      {item.differences.length > 0 ? (
                        <Table.ScrollContainer minWidth={320}>
                          <Table verticalSpacing="xs" className={classes.wrap}>
                            <Table.Thead>
                              <Table.Tr>
                                <Table.Th scope="col">{m.field}</Table.Th>
                                <Table.Th scope="col">{m.national}</Table.Th>
                                <Table.Th scope="col">{m.local}</Table.Th>
                              </Table.Tr>
                            </Table.Thead>
                            <Table.Tbody>
                              {item.differences.map((d) => (
                                <Table.Tr key={d.field}>
                                  <Table.Th scope="row" fw={600}>{d.label}</Table.Th>
                                  <Table.Td>{d.national}</Table.Td>
                                  <Table.Td>{d.local}</Table.Td>
                                </Table.Tr>
                              ))}
                            </Table.Tbody>
                          </Table>
                        </Table.ScrollContainer>
                      ) : null}
                      {item.draftId ? (
                        <Text size="sm">
                          {m.draft}: <Anchor component={Link} to={`/bien-tap-thu-tuc/${item.draftId}`}>{m.openDraft}</Anchor>
                        </Text>
                      ) : null}
                    </Stack>
                  </Paper>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </Stack>
  );
}
