import { Alert, Button, Container, FileInput, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, unwrap } from '../../../api/client';
import { isApiError, errorTitle } from '../../../api/problem';
import { ErrorState } from '../../../components/ErrorState';
import { useI18n } from '../../../i18n/context';
import { formatVnd } from '../../../lib/format';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { RequireUser } from '../../dossiers/components/RequireUser';
import { isAccountant } from '../access';
import { backofficePaths } from '../urls';
import type { components } from '../../../../../contracts/api';

type Mismatch = components['schemas']['PaymentMismatch'];
type StatementImport = components['schemas']['BankStatementImport'];
const STATEMENT_MAX_BYTES = 1024 * 1024;

const todayVn = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
const when = (iso: string) => new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date(iso));
const reconKey = (day: string) => ['payments', 'reconciliation', day] as const;

/** /can-bo/doi-soat — the accountant's reconciliation of a day, with refunds and resolutions. */
export function ReconciliationPage() {
  const { t } = useI18n();
  useDocumentTitle(t.payments.reconTitle);
  return (
    <RequireUser>
      {(me) => (isAccountant(me) ? <Reconciliation /> : <Container size="sm" py="xl"><Text role="alert">{t.payments.accountantOnly}</Text></Container>)}
    </RequireUser>
  );
}

function Reconciliation() {
  const { t, lang } = useI18n();
  const p = t.payments;
  const [day, setDay] = useState(todayVn());
  const compact = day.replace(/-/g, '');
  const recon = useQuery({
    queryKey: reconKey(compact),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/payments/reconciliation', { params: { query: { day: compact } }, signal })),
    enabled: /^\d{8}$/.test(compact),
  });
  return (
    <Container size="lg" py="lg" px="md">
      <Stack gap="md">
        <Title order={1} size="h2">{p.reconTitle}</Title>
        <Text size="sm">{p.reconLead}</Text>
        <StatementImportBox />
        <TextInput id="recon-day" type="date" label={p.reconDay} value={day} onChange={(e) => setDay(e.currentTarget.value)} maw={220} />
        {recon.isError ? <ErrorState error={recon.error} onRetry={() => void recon.refetch()} /> : null}
        {recon.data ? (
          <>
            <Text size="sm" role="status">{p.reconMatched(recon.data.matched)}</Text>
            {recon.data.errors.map((e) => <Alert key={e.provider} color="red" variant="light">{p.reconError(p.providers[e.provider] ?? e.provider, e.message)}</Alert>)}
            {recon.data.items.length === 0 ? <Text>{p.reconNone}</Text> : (
              <ul style={{ margin: 0, padding: 0, listStyle: 'none' }} aria-label={p.reconTitle}>
                {recon.data.items.map((m) => <MismatchCard key={`${m.provider}-${m.reference}-${m.kind}`} m={m} day={compact} money={(n) => formatVnd(n, lang)} />)}
              </ul>
            )}
          </>
        ) : null}
      </Stack>
    </Container>
  );
}

function MismatchCard({ m, day, money }: { m: Mismatch; day: string; money: (n: number) => string }) {
  const { t } = useI18n();
  const p = t.payments;
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: reconKey(day) });
  const problem = (e: unknown) => setError(isApiError(e) ? [e.title, ...e.errors.map((x) => x.message)].join(' ') : errorTitle(e));
  const refund = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/payments/{paymentId}/refunds', { params: { path: { paymentId: m.paymentId! } }, body: { attemptId: m.attemptId ?? undefined, reason: reason.trim() } })),
    onSuccess: (r) => { setDone(p.refunded(money(r.amount), p.refundStatus[r.status] ?? r.status)); void refresh(); },
    onError: problem,
  });
  const resolve = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/payments/reconciliation/resolutions', { body: { provider: m.provider, reference: m.reference, kind: m.kind, reason: reason.trim() } })),
    onSuccess: () => { setDone(null); void refresh(); },
    onError: problem,
  });
  const check = () => {
    if (reason.trim().length < 5) { setError(p.reasonError); return false; }
    setError(null);
    return true;
  };
  const id = `reason-${m.provider}-${m.reference}-${m.kind}`;
  return (
    <li style={{ marginBottom: 12 }}>
      <Paper withBorder radius="md" p="md">
        <Stack gap={6}>
          <Group justify="space-between" wrap="wrap" gap={4}>
            <Text fw={700}>{p.mismatchKinds[m.kind]}</Text>
            <Text size="sm">{p.providers[m.provider]} · {m.reference}</Text>
          </Group>
          <Text size="sm">{p.remoteAmount}: {m.remoteAmount !== null ? money(m.remoteAmount) : '—'} · {p.localAmount}: {m.localAmount !== null ? money(m.localAmount) : '—'}</Text>
          {m.dossierId ? <Text size="sm">{p.dossier}: <Link to={backofficePaths.workspace(m.dossierId)}>{m.dossierCode ?? m.dossierId}</Link></Text> : null}
          {m.kind === 'DUPLICATE' ? <Text size="sm">{p.refundable}: <strong>{money(m.refundable)}</strong></Text> : null}
          {done ? <Alert color="green" variant="light" role="status">{done}</Alert> : null}
          {m.resolution ? <Text size="sm" c="dark.8" fw={600}>{p.resolvedBy(m.resolution.reason, when(m.resolution.at))}</Text> : (
            <form noValidate onSubmit={(e) => { e.preventDefault(); if (check()) resolve.mutate(); }}>
              <Stack gap={6}>
                <TextInput id={id} label={p.reasonLabel(m.reference)} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={error} required maxLength={2000} />
                <Group gap="xs" wrap="wrap">
                  {m.kind === 'DUPLICATE' && m.refundable > 0 && m.paymentId ? (
                    <Button color="red.9" variant="outline" loading={refund.isPending} onClick={() => { if (check()) refund.mutate(); }}>{p.refund(money(m.refundable))}</Button>
                  ) : null}
                  <Button type="submit" variant="outline" loading={resolve.isPending}>{p.resolve}</Button>
                </Group>
              </Stack>
            </form>
          )}
        </Stack>
      </Paper>
    </li>
  );
}

/** The unit account's bank statement (CSV): VietQR transfers matched to payment requests by reference and amount. */
function StatementImportBox() {
  const { t, lang } = useI18n();
  const p = t.payments;
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<StatementImport | null>(null);
  const upload = useMutation({
    mutationFn: async (f: File) => unwrap(api.POST('/api/v1/payments/reconciliation/statements', {
      body: await f.text(), headers: { 'content-type': 'text/csv; charset=utf-8' }, bodySerializer: (b: string) => b,
    })),
    onSuccess: (r) => { setResult(r); setError(null); void queryClient.invalidateQueries({ queryKey: ['payments'] }); },
    onError: (e) => { setResult(null); setError(isApiError(e) ? [e.title, ...e.errors.map((x) => x.message)].join(' ') : errorTitle(e)); },
  });
  const submit = () => {
    if (!file) { setError(p.statementNoFile); return; }
    if (file.size > STATEMENT_MAX_BYTES) { setError(p.statementTooBig); return; }
    upload.mutate(file);
  };
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="statement-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="statement-title">{p.statementTitle}</Title>
        <Text size="sm">{p.statementLead}</Text>
        <form noValidate onSubmit={(e) => { e.preventDefault(); submit(); }}>
          <Group align="flex-end" gap="sm" wrap="wrap">
            <FileInput id="statement-file" label={p.statementFile} accept=".csv,text/csv" value={file} onChange={setFile} error={error} clearable={false} w={{ base: '100%', sm: 320 }} />
            <Button type="submit" loading={upload.isPending}>{p.statementImport}</Button>
          </Group>
        </form>
        {result ? (
          <Stack gap={6}>
            <Alert color={result.unmatched.length + result.errors.length === 0 ? 'green' : 'yellow'} variant="light" role="status">
              {p.statementSummary(result.rows, result.matched.length, result.unmatched.length, result.errors.length)}
            </Alert>
            {result.matched.length > 0 ? (
              <ul style={{ margin: 0, paddingLeft: 20 }}>
                {result.matched.map((m) => (
                  <li key={m.line}><Text size="sm">{p.statementLine(m.line)}: {m.reference} · {formatVnd(m.amount, lang)} · <Link to={backofficePaths.workspace(m.dossierId)}>{p.statementEffects[m.effect] ?? m.effect}</Link></Text></li>
                ))}
              </ul>
            ) : null}
            {result.unmatched.length > 0 ? (
              <>
                <Title order={3} size="h5">{p.statementUnmatched}</Title>
                <ul style={{ margin: 0, paddingLeft: 20 }}>
                  {result.unmatched.map((u) => (
                    <li key={u.line}><Text size="sm">{p.statementLine(u.line)}: {formatVnd(u.amount, lang)} · {when(u.date)} · <span lang="vi">{u.description}</span> — {u.reason}</Text></li>
                  ))}
                </ul>
              </>
            ) : null}
            {result.errors.length > 0 ? (
              <>
                <Title order={3} size="h5">{p.statementErrors}</Title>
                <ul style={{ margin: 0, paddingLeft: 20 }}>
                  {result.errors.map((e) => <li key={e.line}><Text size="sm" c="red.9">{e.message}</Text></li>)}
                </ul>
              </>
            ) : null}
          </Stack>
        ) : null}
      </Stack>
    </Paper>
  );
}
