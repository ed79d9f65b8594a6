import '@mantine/core/styles/Checkbox.css';
import { Alert, Badge, Button, Checkbox, Group, Paper, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorState } from '../../../components/ErrorState';
import { useI18n } from '../../../i18n/context';
import { dvcqgSyncQuery, usePauseDvcqg, useReplayDvcqg, type DvcqgSyncState } from '../queries';
import classes from './AdminPanels.module.css';
import { Busy } from './UnitsPanel';
import { DvcqgCatalogueSection } from './DvcqgCatalogueSection';

const stateColors: Record<DvcqgSyncState, string> = { PENDING: 'blue.9', SYNCED: 'teal.9', FAILING: 'orange.9', DEAD: 'red.9' };
const states: DvcqgSyncState[] = ['DEAD', 'FAILING', 'PENDING', 'SYNCED'];

function when(iso: string | null) {
  return iso ? new Intl.DateTimeFormat('vi-VN', { dateStyle: 'short', timeStyle: 'medium', timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date(iso)) : '';
}

/** /quan-tri/dong-bo-dvcqg: the national portal sync, its lag, failures and dead letters. */
export function DvcqgSyncPanel() {
  const { t } = useI18n();
  const m = t.admin.dvcqg;
  const [state, setState] = useState<DvcqgSyncState | null>(null);
  const overview = useQuery(dvcqgSyncQuery(state));
  const replay = useReplayDvcqg();
  const pause = usePauseDvcqg();
  const [selected, setSelected] = useState<string[]>([]);
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);

  const doReplay = (body: { dossierIds: string[] } | { all: true }) => {
    setNotice(null);
    replay.mutate(body, {
      onSuccess: (r) => {
        setSelected([]);
        setNotice({ ok: true, text: m.replayed(r.replayed) });
      },
      onError: () => setNotice({ ok: false, text: m.failed }),
    });
  };
  const doPause = (paused: boolean) => {
    setNotice(null);
    pause.mutate(paused, {
      onSuccess: () => setNotice({ ok: true, text: paused ? m.pausedNotice : m.resumedNotice }),
      onError: () => setNotice({ ok: false, text: m.failed }),
    });
  };

  return (
    <Stack gap="lg">
      <Title order={2}>{m.title}</Title>
      <Text>{m.lead}</Text>
      {notice ? (
        <Alert color={notice.ok ? 'green' : 'red'} variant="light" role={notice.ok ? 'status' : 'alert'}>
          {notice.text}
        </Alert>
      ) : null}
      {overview.isPending ? (
        <Busy />
      ) : overview.isError ? (
        <ErrorState error={overview.error} onRetry={() => void overview.refetch()} />
      ) : (
        <>
          <Paper withBorder radius="md" p="md">
            <Stack gap="sm">
              <Group justify="space-between" align="center" wrap="wrap">
                <Text fw={600}>{!overview.data.enabled ? m.disabled : overview.data.paused ? m.paused : m.running}</Text>
                {overview.data.enabled ? (
                  <Button variant="outline" loading={pause.isPending} onClick={() => doPause(!overview.data.paused)}>
                    {overview.data.paused ? m.resume : m.pause}
                  </Button>
                ) : null}
              </Group>
              <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm" component="dl" aria-label={m.summary} m={0}>
                {states.map((s) => (
                  <div key={s}>
                    <Text component="dt" size="sm">{m.states[s]}</Text>
                    <Text component="dd" m={0} fw={700} size="lg">{overview.data.counts[s]}</Text>
                  </div>
                ))}
                <div>
                  <Text component="dt" size="sm">{m.lag}</Text>
                  <Text component="dd" m={0} fw={700}>{m.seconds(overview.data.lag.lagSeconds)}</Text>
                </div>
                <div>
                  <Text component="dt" size="sm">{m.pendingSteps}</Text>
                  <Text component="dd" m={0} fw={700}>{overview.data.lag.pendingSteps}</Text>
                </div>
                <div>
                  <Text component="dt" size="sm">{m.eventsNotConsumed}</Text>
                  <Text component="dd" m={0} fw={700}>{overview.data.lag.eventsNotConsumed}</Text>
                </div>
              </SimpleGrid>
            </Stack>
          </Paper>
          <div className={classes.filters}>
            <Select
              label={m.filter}
              data={[{ value: 'ALL', label: m.all }, ...states.map((s) => ({ value: s, label: m.states[s] }))]}
              value={state ?? 'ALL'}
              onChange={(v) => { setSelected([]); setState(!v || v === 'ALL' ? null : (v as DvcqgSyncState)); }}
              allowDeselect={false}
            />
            {selected.length > 0 ? (
              <Button color="red.9" loading={replay.isPending} onClick={() => doReplay({ dossierIds: selected })}>{m.replaySelected(selected.length)}</Button>
            ) : null}
            {overview.data.counts.DEAD > 0 ? (
              <Button variant="outline" color="red.9" loading={replay.isPending} onClick={() => doReplay({ all: true })}>{m.replayAll}</Button>
            ) : null}
          </div>
          {overview.data.items.length === 0 ? (
            <Paper withBorder radius="md" p="md"><Text>{m.none}</Text></Paper>
          ) : (
            <ul className={classes.cards} aria-label={m.list}>
              {overview.data.items.map((item) => (
                <li key={item.dossierId}>
                  <Paper withBorder radius="md" p="md">
                    <Stack gap="xs">
                      <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
                        <Group gap="sm" wrap="nowrap" align="flex-start">
                          {item.state === 'DEAD' ? (
                            <Checkbox
                              aria-label={m.select(item.dossierCode)}
                              checked={selected.includes(item.dossierId)}
                              onChange={(e) => {
                                const on = e.currentTarget.checked;
                                setSelected((cur) => (on ? [...cur, item.dossierId] : cur.filter((x) => x !== item.dossierId)));
                              }}
                            />
                          ) : null}
                          <Stack gap={2} className={classes.wrap}>
                            <Text fw={700}>{item.dossierCode}</Text>
                            {item.portalCode !== item.dossierCode ? <Text size="sm">{m.portalCode}: {item.portalCode}</Text> : null}
                          </Stack>
                        </Group>
                        <Badge color={stateColors[item.state]} variant="outline">{m.states[item.state]}</Badge>
                      </Group>
                      <Text size="sm">{m.steps(item.syncedSteps, item.pendingSteps)}{item.attempts > 0 ? ` · ${m.attempts(item.attempts)}` : ''}{item.nextAttemptAt ? ` · ${m.nextAttempt} ${when(item.nextAttemptAt)}` : ''}</Text>
                      {item.lastError ? (
                        <Text size="sm" className={classes.wrap}><strong>{m.lastError}:</strong> {item.lastError}</Text>
                      ) : null}
                      {item.lastRequest || item.lastResponse ? (
                        <details>
                          <summary>{m.details}</summary>
                          <Text size="sm" fw={600} mt="xs">{m.request}</Text>
                          <pre className={classes.wrap} style={{ whiteSpace: 'pre-wrap', fontSize: '0.8rem', maxHeight: '16rem', overflow: 'auto' }} tabIndex={0}>{JSON.stringify(item.lastRequest, null, 2)}</pre>
                          <Text size="sm" fw={600}>{m.response}</Text>
                          <pre className={classes.wrap} style={{ whiteSpace: 'pre-wrap', fontSize: '0.8rem' }}>{JSON.stringify(item.lastResponse, null, 2)}</pre>
                        </details>
                      ) : null}
                      {item.state === 'DEAD' ? (
                        <Button size="sm" variant="outline" color="red.9" style={{ alignSelf: 'flex-start' }} loading={replay.isPending} onClick={() => doReplay({ dossierIds: [item.dossierId] })}
                          aria-label={`${m.replayOne} ${item.dossierCode}`}>
                          {m.replayOne}
                        </Button>
                      ) : null}
                    </Stack>
                  </Paper>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      <DvcqgCatalogueSection enabled={overview.data?.enabled ?? false} />
    </Stack>
  );
}
