import '@mantine/core/styles/Checkbox.css';
import { Alert, Badge, Button, Checkbox, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ErrorState } from '../../../components/ErrorState';
import { isApiError } from '../../../api/problem';
import { useI18n } from '../../../i18n/context';
import { formatIsoDate } from '../../../lib/format';
import { ErrorSummary } from '../../account/components/ErrorSummary';
import type { FieldErrors } from '../../account/form-errors';
import { useFormState } from '../../account/use-form-state';
import { clientsQuery, useRegisterClient, useRevokeClient } from '../queries';
import { apiScopes, type ApiClient, type RegisterClientBody, type RegisteredClient } from '../types';
import classes from './AdminPanels.module.css';
import { SecretValue } from './SecretValue';
import { Busy, failWith, summaryOf } from './UnitsPanel';

export function ApiClientsPanel() {
  const { t } = useI18n();
  const clients = useQuery(clientsQuery());
  const [registering, setRegistering] = useState(false);
  const [registered, setRegistered] = useState<RegisteredClient | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="center">
        <Title order={2}>{t.admin.clientsTitle}</Title>
        {!registering && !registered ? (
          <Button onClick={() => { setNotice(null); setRegistering(true); }}>{t.admin.addClient}</Button>
        ) : null}
      </Group>
      <Text>{t.admin.clientsLead}</Text>
      {notice ? (
        <Alert color="green" variant="light" role="status">
          {notice}
        </Alert>
      ) : null}
      {registering ? (
        <RegisterClientForm
          onCancel={() => setRegistering(false)}
          onRegistered={(client) => {
            setRegistering(false);
            setRegistered(client);
          }}
        />
      ) : null}
      {registered ? <SecretOnce client={registered} onClose={() => setRegistered(null)} /> : null}
      {clients.isPending ? (
        <Busy />
      ) : clients.isError ? (
        <ErrorState error={clients.error} onRetry={() => void clients.refetch()} />
      ) : clients.data.length === 0 ? (
        <Paper withBorder radius="md" p="md">
          <Text>{t.admin.noClients}</Text>
        </Paper>
      ) : (
        <ul className={classes.cards} aria-label={t.admin.clientsList}>
          {clients.data.map((client) => (
            <li key={client.clientId}>
              <ClientCard client={client} onNotice={setNotice} />
            </li>
          ))}
        </ul>
      )}
    </Stack>
  );
}

function SecretOnce({ client, onClose }: { client: RegisteredClient; onClose: () => void }) {
  const { t } = useI18n();
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="secret-title" style={{ borderColor: 'var(--mantine-color-orange-7)' }}>
      <Stack gap="md">
        <Title order={3} id="secret-title" ref={ref} tabIndex={-1} className={classes.wrap}>
          {t.admin.clientCreatedTitle(client.name)}
        </Title>
        <Alert color="orange.9" variant="light" title={t.admin.shownOnceTitle}>
          <Text size="sm">{t.admin.secretWarning}</Text>
        </Alert>
        <SecretValue id="client-id" label={t.admin.clientId} value={client.clientId} />
        <SecretValue id="client-secret" label={t.admin.clientSecret} value={client.clientSecret} />
        <Button variant="default" onClick={onClose} style={{ alignSelf: 'flex-start' }}>
          {t.admin.done}
        </Button>
      </Stack>
    </Paper>
  );
}

function ClientCard({ client, onNotice }: { client: ApiClient; onNotice: (text: string | null) => void }) {
  const { t } = useI18n();
  const revoke = useRevokeClient();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const headingId = `client-${client.clientId}`;
  const active = client.status === 'ACTIVE';
  return (
    <Paper withBorder radius="md" p="md" component="article" aria-labelledby={headingId}>
      <Stack gap="xs">
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Title order={3} size="h4" id={headingId} className={classes.wrap}>
            {client.name}
          </Title>
          <Badge variant={active ? 'light' : 'filled'} color={active ? 'green.9' : 'gray.8'}>
            {active ? t.admin.active : t.admin.revoked}
          </Badge>
        </Group>
        <Text size="sm" ff="monospace" className={classes.wrap}>
          {client.clientId}
        </Text>
        <Text size="sm">{client.scopes.map((s) => t.admin.scopeNames[s] ?? s).join(' · ')}</Text>
        <Text size="sm" c="dimmed">
          {t.admin.createdAt(formatIsoDate(client.createdAt.slice(0, 10)))}
        </Text>
        {error ? (
          <Alert color="red" variant="light" role="alert">
            <Text size="sm" lang="vi">{error}</Text>
          </Alert>
        ) : null}
        {active && confirming ? (
          <Alert color="red" variant="light">
            <Stack gap="xs">
              <Text size="sm">{t.admin.revokeConfirm(client.name)}</Text>
              <Group gap="sm">
                <Button
                  size="sm"
                  color="red.9"
                  loading={revoke.isPending}
                  onClick={() => {
                    setError(null);
                    revoke.mutate(client.clientId, {
                      onSuccess: () => { setConfirming(false); onNotice(t.admin.revokedDone(client.name)); },
                      onError: (e) => setError(isApiError(e) && e.code !== 'network' ? e.title : t.errors.network),
                    });
                  }}
                >
                  {t.admin.confirm}
                </Button>
                <Button size="sm" variant="default" onClick={() => setConfirming(false)}>
                  {t.admin.cancel}
                </Button>
              </Group>
            </Stack>
          </Alert>
        ) : null}
        {active && !confirming ? (
          <Button size="sm" variant="outline" color="red.9" style={{ alignSelf: 'flex-start' }} aria-label={t.admin.revokeLabel(client.name)} onClick={() => { onNotice(null); setConfirming(true); }}>
            {t.admin.revoke}
          </Button>
        ) : null}
      </Stack>
    </Paper>
  );
}

type ClientField = 'clientName' | 'clientScopes';
const clientOrder: ClientField[] = ['clientName', 'clientScopes'];

function RegisterClientForm({ onRegistered, onCancel }: { onRegistered: (client: RegisteredClient) => void; onCancel: () => void }) {
  const { t } = useI18n();
  const register = useRegisterClient();
  const { values, errors, formError, attempt, bind, fail } = useFormState<ClientField>({ clientName: '', clientScopes: '' });
  const [scopes, setScopes] = useState<string[]>([]);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const local: FieldErrors<ClientField> = {};
    if (values.clientName.trim().length < 2) local.clientName = t.admin.clientNameRequired;
    if (scopes.length === 0) local.clientScopes = t.admin.scopesRequired;
    if (Object.keys(local).length > 0) return fail(local);
    register.mutate(
      { name: values.clientName.trim(), scopes: scopes as RegisterClientBody['scopes'] },
      { onSuccess: onRegistered, onError: (error) => failWith(error, { name: 'clientName', scopes: 'clientScopes' }, fail, t.errors.network) },
    );
  }

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="add-client-title">
      <Title order={3} id="add-client-title" mb="sm">
        {t.admin.addClientTitle}
      </Title>
      <ErrorSummary items={summaryOf(clientOrder, errors, formError)} attempt={attempt} />
      <form noValidate onSubmit={onSubmit}>
        <Stack gap="md">
          <TextInput label={t.admin.clientName} autoComplete="off" {...bind('clientName')} />
          <Checkbox.Group label={t.admin.scopes} value={scopes} onChange={setScopes} error={errors.clientScopes}>
            <Stack gap="xs" mt="xs">
              {apiScopes.map((scope, i) => (
                <Checkbox
                  key={scope}
                  value={scope}
                  id={i === 0 ? 'clientScopes' : undefined}
                  label={
                    <>
                      {t.admin.scopeNames[scope]} <Text span size="sm" c="dimmed" ff="monospace">({scope})</Text>
                    </>
                  }
                />
              ))}
            </Stack>
          </Checkbox.Group>
          <Group gap="sm">
            <Button type="submit" loading={register.isPending}>
              {t.admin.registerClient}
            </Button>
            <Button variant="default" onClick={onCancel}>
              {t.admin.cancel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
