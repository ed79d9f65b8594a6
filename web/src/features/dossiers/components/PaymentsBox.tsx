import { Alert, Anchor, Button, Group, Paper, Radio, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { api, unwrap } from '../../../api/client';
import { useI18n } from '../../../i18n/context';
import tableClasses from './AmountTable.module.css';

const vnd = new Intl.NumberFormat('vi-VN');
const money = (n: number) => `${vnd.format(n)} đ`;
const when = (iso: string) => new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date(iso));

function VietQr({ payload, label }: { payload: string; label: string }) {
  const [svg, setSvg] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void import('../../../lib/qr-svg').then(({ qrSvg }) => qrSvg(payload, 200)).then((s) => live && setSvg(s));
    return () => { live = false; };
  }, [payload]);
  return svg ? <div role="img" aria-label={label} style={{ width: 200, height: 200 }} dangerouslySetInnerHTML={{ __html: svg }} /> : null;
}

/** The dossier's payment requests: items, total, status, "Thanh toán ngay" with the provider choice, and the VietQR. */
export function PaymentsBox({ dossierId, awaitingPayment = false, title }: { dossierId: string; awaitingPayment?: boolean; title?: string }) {
  const { t } = useI18n();
  const p = t.payments;
  const [params] = useSearchParams();
  const returned = params.get('thanh-toan');
  const payments = useQuery({
    queryKey: ['dossiers', dossierId, 'payments'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/dossiers/{dossierId}/payments', { params: { path: { dossierId } }, signal })),
    // A dossier held for payment gets its request from an event consumer moments after the submission.
    refetchInterval: (q) => (awaitingPayment && !q.state.data?.items.some((i) => i.status === 'PENDING') ? 1500 : false),
  });
  const [open, setOpen] = useState<string | null>(null);
  const [provider, setProvider] = useState<string>('');
  const checkout = useMutation({
    mutationFn: ({ paymentId, provider }: { paymentId: string; provider: 'national' | 'vnpay' }) =>
      unwrap(api.POST('/api/v1/dossiers/{dossierId}/payments/{paymentId}/checkout', { params: { path: { dossierId, paymentId } }, body: { provider } })),
    onSuccess: ({ redirectUrl }) => window.location.assign(redirectUrl),
  });
  if (!payments.data || payments.data.items.length === 0) {
    return awaitingPayment ? <Text size="sm" role="status" aria-busy="true">{p.preparing}</Text> : null;
  }
  const { items, providers, beneficiary } = payments.data;
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="payments-title">
      <Title order={2} size="h4" id="payments-title" mb="xs">{title ?? p.title}</Title>
      {returned && p.returned[returned] ? <Alert color={returned === 'ok' ? 'green' : returned === 'huy' ? 'yellow' : 'red'} variant="light" role="status" mb="sm">{p.returned[returned]}</Alert> : null}
      <Stack gap="md">
        {items.map((pay) => (
          <Stack key={pay.id} gap="xs">
            <Group justify="space-between" wrap="wrap">
              <Text fw={600}>{p.stage[pay.stage]}</Text>
              <Text fw={700} data-testid="payment-status">{p.status[pay.status]}</Text>
            </Group>
            <table className={tableClasses.table}>
              <tbody>
                {pay.items.map((i) => (
                  <tr key={i.code}><td>{i.name}</td><td className={tableClasses.amount}>{money(i.amount)}</td></tr>
                ))}
                <tr><th>{p.total}</th><th className={tableClasses.amount}>{money(pay.amount)}</th></tr>
              </tbody>
            </table>
            <Text size="sm">{p.reference}: <strong>{pay.reference}</strong></Text>
            {pay.status === 'PAID' && pay.paidAt ? <Text size="sm">{p.paidAt(when(pay.paidAt))}</Text> : null}
            {pay.receiptUrl ? <Anchor href={pay.receiptUrl} target="_blank" rel="noopener" underline="always">{p.receipt}</Anchor> : null}
            {pay.status === 'PENDING' ? (
              open === pay.id ? (
                <Stack gap="sm">
                  {providers.length > 0 ? (
                    <form onSubmit={(e) => { e.preventDefault(); if (provider) checkout.mutate({ paymentId: pay.id, provider: provider as 'national' | 'vnpay' }); }}>
                      <Radio.Group label={p.chooseProvider} value={provider} onChange={setProvider} required>
                        <Stack gap="xs" mt="xs">
                          {providers.map((name) => <Radio key={name} value={name} label={p.providers[name] ?? name} />)}
                        </Stack>
                      </Radio.Group>
                      <Button type="submit" mt="sm" disabled={!provider} loading={checkout.isPending}>{p.goPay}</Button>
                    </form>
                  ) : <Text>{p.noProvider}</Text>}
                  {checkout.isError ? <Alert color="red" role="alert">{checkout.error instanceof Error ? checkout.error.message : String(checkout.error)}</Alert> : null}
                  {pay.vietQr && beneficiary ? (
                    <Stack gap={4}>
                      <Text fw={600}>{p.bankTransfer}</Text>
                      <VietQr payload={pay.vietQr} label={p.qrLabel(pay.reference)} />
                      <Text size="sm">{p.bankTransferHint(beneficiary.accountNumber, beneficiary.accountName, pay.reference)}</Text>
                    </Stack>
                  ) : null}
                </Stack>
              ) : <Group><Button onClick={() => { setOpen(pay.id); setProvider(providers[0] ?? ''); }}>{p.payNow}</Button></Group>
            ) : null}
          </Stack>
        ))}
      </Stack>
    </Paper>
  );
}
