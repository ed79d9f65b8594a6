import '@mantine/core/styles/Checkbox.css';
import { Alert, Badge, Button, Checkbox, Group, Paper, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../../api/problem';
import { ErrorState } from '../../../components/ErrorState';
import { useI18n } from '../../../i18n/context';
import {
  useCreateWebhook, useReplayWebhook, useRotateWebhook, useSetWebhookStatus, useTestWebhook, webhookMessagesQuery, webhooksQuery,
  type WebhookMessageStatus, type WebhookSubscription,
} from '../webhooks.queries';
import classes from './AdminPanels.module.css';
import { SecretValue } from './SecretValue';
import { Busy } from './UnitsPanel';

const statusColors: Record<WebhookMessageStatus, string> = { PENDING: 'blue.9', FAILING: 'orange.9', DELIVERED: 'teal.9', DEAD: 'red.9' };
const messageStatuses: WebhookMessageStatus[] = ['DEAD', 'FAILING', 'PENDING', 'DELIVERED'];

function when(iso: string | null) {
  return iso ? new Intl.DateTimeFormat('vi-VN', { dateStyle: 'short', timeStyle: 'medium', timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date(iso)) : '';
}

type Notice = { ok: boolean; text: string } | null;

/** /quan-tri/webhook: subscriptions, their events, dead letters with replay, and a test event. */
export function WebhooksPanel() {
  const { t } = useI18n();
  const m = t.webhooks;
  const list = useQuery(webhooksQuery());
  const [notice, setNotice] = useState<Notice>(null);
  const [secret, setSecret] = useState<{ id: string; value: string; until?: string | null } | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const setStatus = useSetWebhookStatus();
  const rotate = useRotateWebhook();
  const test = useTestWebhook();

  const onTest = (id: string) => {
    setNotice(null);
    test.mutate(id, {
      onSuccess: (r) => setNotice(r.ok ? { ok: true, text: m.testOk(r.httpStatus, r.latencyMs) } : { ok: false, text: m.testFailed(r.error ?? '') }),
      onError: (e) => setNotice({ ok: false, text: e instanceof ApiError ? e.message : m.failed }),
    });
  };

  return (
    <Stack gap="lg">
      <Title order={2}>{m.title}</Title>
      <Text>{m.lead}</Text>
      <CreateForm onCreated={(id, value) => { setSecret({ id, value }); setNotice({ ok: true, text: m.created }); }} />
      {notice ? (
        <Alert color={notice.ok ? 'green' : 'red'} variant="light" role={notice.ok ? 'status' : 'alert'}>
          {notice.text}
        </Alert>
      ) : null}
      {secret ? (
        <Paper withBorder radius="md" p="md">
          <Stack gap="xs">
            {secret.until ? <Text size="sm">{m.rotated} {when(secret.until)}.</Text> : null}
            <SecretValue id="webhook-secret" label={m.secret} value={secret.value} />
          </Stack>
        </Paper>
      ) : null}
      <Title order={3}>{m.list}</Title>
      {list.isPending ? (
        <Busy />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <Paper withBorder radius="md" p="md"><Text>{m.none}</Text></Paper>
      ) : (
        <ul className={classes.cards} aria-label={m.list}>
          {list.data.items.map((s: WebhookSubscription) => (
            <li key={s.id}>
              <Paper withBorder radius="md" p="md">
                <Stack gap="xs">
                  <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
                    <Stack gap={2} className={classes.wrap} style={{ minWidth: 0, flex: '1 1 12rem' }}>
                      <Text fw={700} className={classes.wrap}>{s.url}</Text>
                      {s.description ? <Text size="sm">{s.description}</Text> : null}
                      <Text size="sm" className={classes.wrap}>{s.eventTypes.join(', ')}</Text>
                    </Stack>
                    <Badge color={s.status === 'ACTIVE' ? 'teal.9' : 'gray.8'} variant="outline">{m.status[s.status]}</Badge>
                  </Group>
                  <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs" component="dl" m={0}>
                    {messageStatuses.map((st) => (
                      <div key={st}>
                        <Text component="dt" size="sm">{m.counts[st]}</Text>
                        <Text component="dd" m={0} fw={700}>{s.counts[st]}</Text>
                      </div>
                    ))}
                  </SimpleGrid>
                  {s.failingSince ? <Text size="sm">{m.failingSince} {when(s.failingSince)}</Text> : null}
                  {s.disabledReason ? <Text size="sm">{s.disabledReason}</Text> : null}
                  <Group gap="xs" wrap="wrap">
                    <Button size="sm" onClick={() => onTest(s.id)} loading={test.isPending && test.variables === s.id} disabled={s.status !== 'ACTIVE'}>{m.sendTest}</Button>
                    <Button size="sm" variant="outline" onClick={() => setOpen(open === s.id ? null : s.id)} aria-expanded={open === s.id}>{m.showMessages}</Button>
                    <Button size="sm" variant="outline" onClick={() => setStatus.mutate({ id: s.id, enable: s.status !== 'ACTIVE' })}>{s.status === 'ACTIVE' ? m.disable : m.enable}</Button>
                    <Button size="sm" variant="outline" onClick={() => rotate.mutate(s.id, { onSuccess: (r) => setSecret({ id: s.id, value: r.secret, until: r.previousSecretValidUntil }) })}>{m.rotate}</Button>
                  </Group>
                </Stack>
              </Paper>
              {open === s.id ? <Messages subscription={s} /> : null}
            </li>
          ))}
        </ul>
      )}
    </Stack>
  );
}

function CreateForm({ onCreated }: { onCreated: (id: string, secret: string) => void }) {
  const { t } = useI18n();
  const m = t.webhooks;
  const types = useQuery(webhooksQuery());
  const create = useCreateWebhook();
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [eventTypes, setEventTypes] = useState<string[]>(['dossier.status_changed']);
  const [errors, setErrors] = useState<{ url?: string; eventTypes?: string; form?: string }>({});

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const next = { url: url.trim() ? undefined : m.urlRequired, eventTypes: eventTypes.length ? undefined : m.eventTypesRequired };
    setErrors(next);
    if (next.url || next.eventTypes) return;
    create.mutate({ url: url.trim(), eventTypes, ...(description.trim() ? { description: description.trim() } : {}) }, {
      onSuccess: (r) => { setUrl(''); setDescription(''); onCreated(r.id, r.secret); },
      onError: (e) => setErrors(e instanceof ApiError && e.code.startsWith('webhooks.') ? { url: e.message } : { form: e instanceof ApiError ? e.message : m.failed }),
    });
  }

  return (
    <Paper withBorder radius="md" p="md">
      <form noValidate onSubmit={onSubmit}>
        <Stack gap="sm">
          <Title order={3}>{m.newTitle}</Title>
          {errors.form ? <Alert color="red" variant="light" role="alert">{errors.form}</Alert> : null}
          <TextInput label={m.url} description={m.urlHint} type="url" autoComplete="off" value={url} onChange={(e) => setUrl(e.currentTarget.value)} error={errors.url} required />
          <TextInput label={m.description} autoComplete="off" value={description} onChange={(e) => setDescription(e.currentTarget.value)} />
          <Checkbox.Group label={m.eventTypes} value={eventTypes} onChange={setEventTypes} error={errors.eventTypes}>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing={4} mt="xs">
              {(types.data?.eventTypes ?? ['dossier.status_changed']).map((type) => <Checkbox key={type} value={type} label={type} />)}
            </SimpleGrid>
          </Checkbox.Group>
          <Button type="submit" loading={create.isPending} style={{ alignSelf: 'flex-start' }}>{m.create}</Button>
        </Stack>
      </form>
    </Paper>
  );
}

function Messages({ subscription }: { subscription: WebhookSubscription }) {
  const { t } = useI18n();
  const m = t.webhooks;
  const [status, setStatus] = useState<WebhookMessageStatus | null>('DEAD');
  const messages = useQuery(webhookMessagesQuery(subscription.id, status));
  const replay = useReplayWebhook();
  const [selected, setSelected] = useState<string[]>([]);
  const [notice, setNotice] = useState<Notice>(null);

  const doReplay = (body: { messageIds: string[] } | { all: true }) => {
    setNotice(null);
    replay.mutate({ id: subscription.id, body }, {
      onSuccess: (r) => { setSelected([]); setNotice({ ok: true, text: m.replayed(r.replayed) }); },
      onError: () => setNotice({ ok: false, text: m.failed }),
    });
  };

  return (
    <section aria-label={m.messagesTitle(subscription.url)}>
      <Stack gap="sm" mt="sm">
        <Title order={4} className={classes.wrap}>{m.messagesTitle(subscription.url)}</Title>
        {notice ? <Alert color={notice.ok ? 'green' : 'red'} variant="light" role={notice.ok ? 'status' : 'alert'}>{notice.text}</Alert> : null}
        <div className={classes.filters}>
          <Select
            label={m.filter}
            data={[{ value: 'ALL', label: m.all }, ...messageStatuses.map((s) => ({ value: s, label: m.counts[s]! }))]}
            value={status ?? 'ALL'}
            onChange={(v) => { setSelected([]); setStatus(!v || v === 'ALL' ? null : (v as WebhookMessageStatus)); }}
            allowDeselect={false}
          />
          {selected.length > 0 ? <Button color="red.9" loading={replay.isPending} onClick={() => doReplay({ messageIds: selected })}>{m.replaySelected(selected.length)}</Button> : null}
          {subscription.counts.DEAD > 0 ? <Button variant="outline" color="red.9" loading={replay.isPending} onClick={() => doReplay({ all: true })}>{m.replayAll}</Button> : null}
        </div>
        {messages.isPending ? <Busy /> : messages.isError ? <ErrorState error={messages.error} onRetry={() => void messages.refetch()} /> : messages.data.items.length === 0 ? (
          <Text>{m.noMessages}</Text>
        ) : (
          <ul className={classes.cards} aria-label={m.messagesTitle(subscription.url)}>
            {messages.data.items.map((msg) => (
              <li key={msg.id}>
                <Paper withBorder radius="md" p="sm">
                  <Stack gap={4}>
                    <Group justify="space-between" wrap="wrap" gap="xs">
                      <Group gap="sm" wrap="nowrap" align="flex-start">
                        {msg.status === 'DEAD' ? (
                          <Checkbox aria-label={m.select(`${msg.type} ${msg.dossierCode ?? ''}`.trim())} checked={selected.includes(msg.id)}
                            onChange={(e) => { const on = e.currentTarget.checked; setSelected((cur) => (on ? [...cur, msg.id] : cur.filter((x) => x !== msg.id))); }} />
                        ) : null}
                        <Stack gap={0} className={classes.wrap}>
                          <Text fw={600}>{msg.type}</Text>
                          <Text size="sm">{msg.dossierCode ?? '—'} · {m.attempts(msg.attempts)}</Text>
                        </Stack>
                      </Group>
                      <Badge color={statusColors[msg.status]} variant="outline">{m.counts[msg.status]}</Badge>
                    </Group>
                    {msg.lastError ? <Text size="sm" className={classes.wrap}><strong>{m.lastError}:</strong> {msg.lastError}</Text> : null}
                    {msg.attemptLog.length ? (
                      <details>
                        <summary>{m.attemptLog}</summary>
                        <ul style={{ margin: 0, paddingInlineStart: '1.25rem' }}>
                          {msg.attemptLog.map((a, i) => (
                            <li key={i} className={classes.wrap}><Text size="sm">{when(a.at)} · {a.httpStatus ?? '—'} · {a.latencyMs} ms{a.error ? ` · ${a.error}` : ''}{a.responseExcerpt ? ` · ${a.responseExcerpt}` : ''}</Text></li>
                          ))}
                        </ul>
                      </details>
                    ) : null}
                    {msg.status === 'DEAD' ? (
                      <Button size="xs" variant="outline" color="red.9" style={{ alignSelf: 'flex-start' }} loading={replay.isPending}
                        onClick={() => doReplay({ messageIds: [msg.id] })} aria-label={`${m.replayOne} ${msg.type} ${msg.dossierCode ?? ''}`.trim()}>{m.replayOne}</Button>
                    ) : null}
                  </Stack>
                </Paper>
              </li>
            ))}
          </ul>
        )}
      </Stack>
    </section>
  );
}
